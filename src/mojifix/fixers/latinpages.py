"""Central European text saved as cp1250 and read as cp1252: decided by the document's alphabet.

Why a module of its own: every other chain is decided by the plausibility cost, line by line
(:mod:`mojifix.fixers.chains`), but this one leaves Latin letters Latin: Czech ``Skončí`` read
through cp1252 is ``Skonèí``, and the two cost the same (an accented Latin letter is an accented
Latin letter to the model). What gives it away is the document as a whole: its letters fit no
single language (``š`` is Czech, ``è`` French or Italian, ``ø`` Danish: no language writes all
three), and once repaired they are exactly one Central European alphabet (Czech ``š č ř``).
Symbols inside words count as foreign letters (Polish ``do³¹czalne``: ``ł`` is cp1252's ``³``).

The rule, every clause a refusal when in doubt:

* every non-ASCII line of the document can be undone with strict codecs (a real cp1252 page holds
  ``ƒ ˆ ˜``, which cp1250 lacks; a Czech page in UTF-8 holds ``č``, which cp1252 lacks);
* the document's letters (and symbols inside words) fit none of the Western alphabets of
  :data:`mojifix.scoring.letters.WESTERN_ALPHABETS`;
* the lines it changes fit no Western alphabet either, and once repaired their letters fit one
  alphabet of :data:`mojifix.scoring.letters.CENTRAL_ALPHABETS`, and the repair changes at least :data:`MIN_CHANGED` letters on :data:`MIN_LINES` lines;
* the repaired document costs no more than the document (:func:`mojifix.scoring.plausibility.cost`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ..memo import last_answer
from ..scoring.letters import CENTRAL_ALPHABETS, WESTERN_ALPHABETS, one_alphabet
from ..scoring.plausibility import cost

CHAIN = ("windows-1250", "windows-1252")
# How much the repair must change: a list of names from several Western languages can fit no one
# alphabet yet map into Czech (``Bjørn``, ``Ángel``: ``ø`` is ``ř``); a page of Czech or Polish
# read through cp1252 changes letters on most of its lines (the fewest in the corpus: 19 letters
# on 6 lines). Below this, a missed repair rather than a wrong one.
MIN_CHANGED, MIN_LINES = 8, 3
# cp1252's characters for the bytes cp1250 reads as a different letter (``è`` is ``č``): a
# document without any of them has nothing this chain could change.
_CHANGED = "".join(c for c in bytes(range(0x80, 0x100)).decode("cp1252", errors="ignore")
                   if c != c.encode("cp1252").decode("cp1250", errors="replace"))
_TRIGGER = re.compile(f"[{re.escape(_CHANGED)}]")


_SYMBOLS = frozenset(c for c in _CHANGED if not c.isalpha())  # ``¹ ³ ¿``: Polish ``ą ł ż``
# One of those symbols inside a word, found by one search: a findall of every non-ASCII
# character inside a word built a list of one-character strings as long as the text (a
# 9 MB line of CJK: 160 MB), only to test each against _SYMBOLS (issue 20).
_SYMBOL_IN_WORD = re.compile(f"(?<=[^\\W\\d_])[{re.escape(''.join(sorted(_SYMBOLS)))}](?=[^\\W\\d_])")


# A character cp1252 cannot write (a Cyrillic letter, a hanzi): the line holding it fails the
# first clause (no strict encode), so the document is refused, known from one search in C
# before the set of its characters is made. Why: Russian and Chinese pages quoting one ``é``
# or ``×`` made that set and their letters' alphabets only to be refused at their first line
# (a tenth of the chain screen on the corpus' clean Russian, issue 20).
_UNWRITABLE = re.compile("[^\x00-\x7f" + re.escape(
    bytes(range(0x80, 0x100)).decode("cp1252", errors="ignore")) + "]")


def _word_chars(text: str) -> set[str] | None:
    """The non-ASCII letters of ``text``, None when one of cp1250's letters that cp1252 reads as
    a symbol stands inside a word (it fits no alphabet). (The word scan runs only when such a
    symbol occurs: a set of the text's characters is a fraction of its cost.)"""
    chars = set(text)
    if not _SYMBOLS.isdisjoint(chars) and _SYMBOL_IN_WORD.search(text) is not None:
        return None
    return {c for c in chars if not c.isascii() and c.isalpha()}


def repairs(text: str) -> list[tuple[int, str, str]]:
    """(line start, line, repair) for each line :data:`CHAIN` repairs when the document's
    alphabet decides it (see the module docstring); [] otherwise (callers only read it).

    The document screen, the chain screen and the chain fixer ask about the same text in a row
    (up to three times a document, issue 20): while a document is repaired, the answer for
    that very string object is kept in its memo (:mod:`mojifix.memo`)."""
    return last_answer("last_latin", text, _repairs)


def _repairs(text: str) -> list[tuple[int, str, str]]:
    """:func:`repairs`, computed."""
    if text.isascii() or _TRIGGER.search(text) is None or _UNWRITABLE.search(text) is not None:
        return []
    before = _word_chars(text)
    if before is not None and one_alphabet(before, WESTERN_ALPHABETS) is not None:
        return []
    out: list[tuple[int, str, str]] = []
    # One line sliced at a time, not text.split: most documents that get here are refused at
    # their first line no strict codec undoes, and the split copied all of it first (2x a
    # French file at once, issue 20's memory of accented Latin text).
    start, size = 0, len(text)
    while start <= size:
        end = text.find("\n", start)
        end = size if end < 0 else end
        line, start = text[start:end], end + 1
        if line.isascii():
            continue
        try:
            cand = line.encode(CHAIN[1]).decode(CHAIN[0])
        except (UnicodeEncodeError, UnicodeDecodeError):
            return []
        if cand != line:
            out.append((end - len(line), line, cand))
    changed = sum(a != b for _, line, cand in out for a, b in zip(line, cand, strict=True))
    if changed < MIN_CHANGED or len(out) < MIN_LINES:
        return []
    # The lines the chain changes must fit no Western alphabet themselves: French that quotes a
    # Portuguese name (``Aníbal``: no Western alphabet has both ``í`` and ``è``) fits none as a
    # document, but its ``à`` and ``è`` lines are French, and read back they were Slovak (``ŕ``,
    # ``č``). A Czech page's changed lines are not (``è ø ì``); a German name on a line of its
    # own (``Müller``: the same bytes in both pages) changes nothing and is not asked.
    changed_before = _word_chars("\n".join(line for _, line, _ in out))
    if changed_before is not None and one_alphabet(changed_before, WESTERN_ALPHABETS) is not None:
        return []
    after = _word_chars("\n".join(cand for _, _, cand in out))
    if after is None or one_alphabet(after, CENTRAL_ALPHABETS) is None:
        return []
    if sum(cost(cand) for _, _, cand in out) > sum(cost(line) for _, line, _ in out) + 1e-9:
        return []
    return out


def letters_of(texts: Iterable[str]) -> frozenset[str]:
    """The non-ASCII letters of ``texts``."""
    return frozenset(c for t in texts for c in t if not c.isascii() and c.isalpha())


def document_prefers(ours: str, theirs: str, known: Callable[[], frozenset[str]]) -> bool:
    """Whether only ``ours`` writes its non-ASCII letters with the document's own letters
    (``known``: those of the lines its planned chains repaired; asked when needed only).

    Polish pasted from two sources, cp1250 then ISO-8859-2, leaves a line between the two parts
    that both chains undo (UTF-8's ``ż`` is ``ĹĽ`` through cp1250, and ``ĹĽ`` through ISO-8859-2
    is ``ť``): ``użytej`` and ``uťytej``, each in some alphabet (Polish, Slovak), so the
    alphabets cannot choose (:func:`mojifix.scoring.letters.alphabet_prefers`), and the nearer
    part is the wrong one. The document can: its repaired lines write ``ż`` and never ``ť``."""
    ours_l, theirs_l = letters_of([ours]), letters_of([theirs])
    if not ours_l or ours_l == theirs_l:
        return False
    have = known()
    return ours_l <= have and not theirs_l <= have
