"""Which code page a line ftfy repaired was read through, when ftfy named a sibling of it.

(Subpackage ``fixers/``: split out of :mod:`mojifix.fixers.mojibake`, which asks it once per
document after ftfy has answered line by line.)

Why a module of its own: ftfy names one page per line, the first that decodes it, and pages
that share most of their letters (windows-1250 and ISO-8859-2) leave lines either one decodes.
Which one the document was read through is a *document* question, answered from the lines
ftfy repaired: a line only one page explains (:data:`_PROVEN`), or the alphabet the readings
make (:func:`_alphabet_page`). Here are those rules and the strict undoing of a chain
(:func:`undo`) they and the document's plan decode candidates with; nothing here calls ftfy.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from ..model import describe_chain
from ..scoring.letters import alphabet_prefers

# Code pages ftfy tries in order where two may decode a line: it takes the first, and the
# document shows which one it was. Windows-1250 and ISO-8859-2 share most of 0xA0-0xFF and
# differ on ąśźĄŚŹ (and 0x80-0x9F): Polish ``ż`` (C5 BC) read as ISO-8859-2 is ``Ĺź``, which
# ftfy decodes through windows-1250 (``ź`` is 9F there) into ``ş``. A line holding a C1 control
# only ISO-8859-2 explains (``Ĺ\x84`` for ``ń``) proves the page for the whole document.
# (The same holds for lines ftfy explained otherwise: ``©`` is ``ÂŠ`` through ISO-8859-2,
# which ftfy reads as windows-1252 read twice, ``Š``.)
_PROVEN = (("utf-8", "iso-8859-2"),)


def sibling_pages(
    lines: Collection[tuple[int, str, str, tuple[tuple[str, ...], str]]],
) -> dict[int, tuple[str, tuple[tuple[str, ...], str]]]:
    """{line start: (repair, (chain, summary))} for lines ftfy decoded through another chain in
    a document where other lines prove a page (:data:`_PROVEN`): such a line is decoded
    through the proven page instead (strict codecs) when the page carries it and the nearest
    proof lies nearer than the nearest line only the other chain explains. (A part garbled
    through windows-1250 beside a part through ISO-8859-2 keeps ftfy's answers; the regions
    are where each page's own evidence is, as the document's plan has them.)"""
    chains = {key[0] for *_, key in lines}
    out: dict[int, tuple[str, tuple[tuple[str, ...], str]]] = _alphabet_page(lines)
    if out:
        return out
    for proven in (p for p in _PROVEN if p in chains):
        proofs = [pos for pos, *_, key in lines if key[0] == proven]
        moves: dict[int, str] = {}
        against: list[int] = []
        for pos, line, fixed, key in lines:
            if not key[0] or key[0] == proven:
                continue
            body = line.rstrip("\r\n")
            alt = undo(body, proven)
            if alt is None:
                against.append(pos)  # a line only the other chain explains
            elif alt + line[len(body):] != fixed:
                moves[pos] = alt + line[len(body):]
        fixed_at = {pos: fixed for pos, _, fixed, _ in lines}
        for pos, alt in moves.items():
            near = min(abs(pos - p) for p in proofs)
            if all(abs(pos - a) > near for a in against) and not _reads_worse(alt, fixed_at[pos]):
                out[pos] = (alt, (proven, describe_chain("mojibake", proven)))
    return out


def _reads_worse(alt: str, fixed: str) -> bool:
    """Whether ftfy's reading ``fixed`` of a line is a language's letters and the proven page's
    reading ``alt`` a mixture no alphabet holds (:func:`mojifix.scoring.letters.alphabet_prefers`).

    Nearness alone does not move a line: two parts pasted together (Czech through windows-1250,
    then through ISO-8859-2) meet at a line both pages undo, and the part's own page reads it
    as Czech (``oznámí použitou``) where the other gives a symbol and a Welsh letter (``ozn÷mí
    pouŵitou``: ``ˇ`` is B7 in ISO-8859-2, A1 in windows-1250). The plausibility cost cannot
    tell them (it taxes ``á ž`` and not ``÷``); the alphabet can. Polish ``ż`` read as ``ş``
    fits an alphabet (Turkish, Romanian) both ways: there the proof decides. A non-ASCII symbol
    between two letters (``nezn÷mý``) is no word either: more of them than ftfy's reading has
    is the same refusal. Only readings whose letters are all Latin are weighed (the alphabets
    are Latin ones: Vietnamese ``CỘT`` against ftfy's Hanunoo ``C\u1758T`` is not their case)."""
    import unicodedata

    if not all(c.isascii() or (unicodedata.name(c, "LATIN").startswith("LATIN") if c.isalpha()
                               else unicodedata.category(c)[0] in "PSZ")
               for c in fixed + alt):  # (an unassigned code point, U+1758, is neither)
        return False
    return alphabet_prefers(fixed, alt) or \
        len(_SYMBOL_IN_WORD.findall(alt)) > len(_SYMBOL_IN_WORD.findall(fixed))


_SYMBOL_IN_WORD = re.compile("(?<=[^\\W\\d_])[^\\w\\s\x00-\x7f](?=[^\\W\\d_])")


def _alphabet_page(
    lines: Collection[tuple[int, str, str, tuple[tuple[str, ...], str]]],
) -> dict[int, tuple[str, tuple[tuple[str, ...], str]]]:
    """ISO-8859-2 for a document ftfy decoded wholly through windows-1250 when the letters decide:
    Italian ``ì ù`` read through ISO-8859-2 (``ĂŹ Ăš``) are ``Ï Ú`` through windows-1250 (``Ź š``
    are 8F 9A there), and no language writes ``à è Ï Ú``; every line must carry the page.
    A line ftfy read through another page counts when ISO-8859-2 repairs it the same way
    (``â\x80\x94``, an em dash, is the same bytes through Latin-1 and ISO-8859-2)."""
    proven, alts = _PROVEN[0], {}
    if not lines or all(key[0] != ("utf-8", "windows-1250") for *_, key in lines):
        return {}
    for pos, line, fixed, key in lines:
        body = line.rstrip("\r\n")
        alt = undo(body, proven)
        if alt is None or (key[0] != ("utf-8", "windows-1250") and alt + line[len(body):] != fixed):
            return {}
        alts[pos] = alt + line[len(body):]
    if not alphabet_prefers("".join(alts.values()), "".join(fixed for _, _, fixed, _ in lines)):
        return {}
    return {pos: (alt, (proven, describe_chain("mojibake", proven))) for pos, alt in alts.items()}


def undo(line: str, chain: tuple[str, ...]) -> str | None:
    """``line`` with ftfy's ``chain`` (UTF-8 read through single-byte pages) undone with
    strict codecs (innermost layer last), or None when a step fails.

    A windows-125x page's undefined bytes are read as the C1 control of the same number by
    browsers and Windows (and by ftfy's ``sloppy-`` codecs): such a control is encoded back
    to its byte, nothing else is loosened (UTF-8 decoding stays strict)."""
    if chain[0] != "utf-8" or len(chain) < 2:
        return None
    try:
        for wrong in reversed(chain[1:]):
            try:
                data = line.encode(wrong)
            except UnicodeEncodeError:
                if not wrong.startswith("windows-125"):
                    raise
                import ftfy.bad_codecs  # noqa: F401  (registers the sloppy- codecs)

                data = line.encode(f"sloppy-{wrong}")
            line = data.decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError, LookupError):
        return None
    return line
