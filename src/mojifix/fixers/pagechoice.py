"""Which code page a line ftfy repaired was read through, when ftfy named a sibling of it.

(Subpackage ``fixers/``: split out of :mod:`mojifix.fixers.mojibake`, which asks it once per
document after ftfy has answered line by line.)

Why a module of its own: ftfy names one page per line, the first that decodes it, and pages
that share most of their letters (windows-1250 and ISO-8859-2) leave lines either one decodes.
Which one the document was read through is a *document* question, answered from all of its
lines (:func:`document_page`: a line only one page explains, else the readings' letters and
words), and where that cannot be told, from the lines ftfy repaired (:data:`_PROVEN`, the
alphabet of :func:`_alphabet_page`). The answer reads ftfy's lines (:func:`sibling_pages`) and
the short lines the document's plan repairs (:func:`plan_reader`): a probe on Django's
catalogs found Catalan ``és`` made ``Ês`` there, and Danish ``i går`` ``i gür``, because ftfy
named windows-1250 for the one long line both pages read alike. Here are those rules and the
strict undoing of a chain (:func:`undo`) they and the plan decode candidates with; nothing
here calls ftfy.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator
from functools import lru_cache

from ..model import describe_chain
from ..scoring.letters import alphabet_prefers, outside_alphabet
from .sloppy import write_back

# Code pages ftfy tries in order where two may decode a line: it takes the first, and the
# document shows which one it was. Windows-1250 and ISO-8859-2 share most of 0xA0-0xFF and
# differ on ąśźĄŚŹ (and 0x80-0x9F): Polish ``ż`` (C5 BC) read as ISO-8859-2 is ``Ĺź``, which
# ftfy decodes through windows-1250 (``ź`` is 9F there) into ``ş``. A line holding a C1 control
# only ISO-8859-2 explains (``Ĺ\x84`` for ``ń``) proves the page for the whole document.
# (The same holds for lines ftfy explained otherwise: ``©`` is ``ÂŠ`` through ISO-8859-2,
# which ftfy reads as windows-1252 read twice, ``Š``.)
_PROVEN = (("utf-8", "iso-8859-2"),)
ISO, WIN = _PROVEN[0], ("utf-8", "windows-1250")
# The answer of :func:`document_page` where the document shows both pages' readings and nothing
# tells them apart: a line the two pages read differently is left as it came.
UNDECIDED: tuple[str, ...] = ()


def sibling_pages(
    lines: Collection[tuple[int, str, str, tuple[tuple[str, ...], str]]],
    page: tuple[str, ...] | None = None,
) -> dict[int, tuple[str, tuple[tuple[str, ...], str]]]:
    """{line start: (repair, (chain, summary))} for lines ftfy decoded through another chain in
    a document where other lines prove a page (:data:`_PROVEN`): such a line is decoded
    through the proven page instead (strict codecs) when the page carries it and the nearest
    proof lies nearer than the nearest line only the other chain explains. (A part garbled
    through windows-1250 beside a part through ISO-8859-2 keeps ftfy's answers; the regions
    are where each page's own evidence is, as the document's plan has them.) ``page``: the
    document's page where :func:`document_page` decided one: every line the other sibling was
    named for takes it, where it reads the line."""
    if page in (ISO, WIN):
        return _moved(lines, page)
    chains = {key[0] for *_, key in lines}
    out: dict[int, tuple[str, tuple[tuple[str, ...], str]]] = _alphabet_page(lines)
    if out:
        return out
    if page == UNDECIDED:
        return _kept(lines)
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


def document_page(bodies: Iterable[str]) -> tuple[str, ...] | None:
    """Which sibling page a document's lines (``bodies``, without line ends) were read through:
    :data:`ISO`, :data:`WIN`, :data:`UNDECIDED`, or None where the question does not arise (no
    line both pages read) or is the regions' (:func:`sibling_pages`: lines only ISO-8859-2
    explains and lines only windows-1250 does, two parts pasted together).

    Why the document: ftfy names windows-1250 for any line both pages decode, and most lines of
    Western text read through ISO-8859-2 are such lines (``ĂŠ`` is ``é`` through ISO-8859-2 and
    ``Ê`` through windows-1250: Š is A9 in one, 8A in the other). A line alone cannot say which;
    the document can, from the strongest evidence down:

    * a line only one page explains, by UTF-8's own trace (the undoing consumes the page's
      characters, at most half remain: ``Ĺ\x84`` for ``ń``, a C1 control windows-1250 lacks);
    * else the lines the pages read differently, weighed by :func:`reading_prefers` with the
      letters of every line both read: ``Ês`` and ``i gür`` against ``és`` and ``i går``.

    Measured on Django's catalogs (about 100 languages, each catalog and its strings alone read
    through ISO-8859-2, windows-1250, and windows-1250 with its holes as C1 controls): of 2,582
    documents, 2,419 decided right, none wrong, 163 UNDECIDED (both pages read every line alike,
    or they differ by letters some alphabet holds either way: ``fünf`` or ``fånf``, ``mañana``
    or ``maùana``). Such a tie is the word lists' where installed (:mod:`mojifix.fixers.pagewords`:
    ``fünf`` is a German word, ``fßnf`` none)."""
    only = {ISO: 0, WIN: 0}
    ours: list[str] = []  # (the lines read differently, up to _SAMPLE characters of them)
    theirs: list[str] = []
    held = 0
    letters: tuple[set[str], set[str]] = (set(), set())
    both = False
    for body in bodies:
        if body.isascii():
            continue
        a, b = _read(body, ISO[1]), _read(body, WIN[1])
        if a is not None and b is not None:
            both = True
            letters[0].update(a)
            letters[1].update(b)
            if a != b and held < _SAMPLE:
                ours.append(a)
                theirs.append(b)
                held += len(a)
        elif a is not None or b is not None:
            page, cand = (ISO, a) if a is not None else (WIN, b)
            if cand is not None and cand != body and _traced(body, cand):
                only[page] += 1
    if only[ISO] and only[WIN]:
        return None  # two parts: the nearest proof decides (sibling_pages)
    if only[ISO] or only[WIN]:
        return ISO if only[ISO] else WIN
    if not both:
        return None
    if not ours:
        return UNDECIDED  # (nothing to tell: every line both read, they read alike)
    a_text, b_text = "\n".join(ours), "\n".join(theirs)
    a_cost = _odd_places(a_text, b_text) + outside_alphabet(letters[0])
    b_cost = _odd_places(b_text, a_text) + outside_alphabet(letters[1])
    if a_cost != b_cost:
        return ISO if a_cost < b_cost else WIN
    from . import pagewords  # (the word lists: only on a tie, and only where installed)

    return {1: ISO, -1: WIN}.get(pagewords.prefers(a_text, b_text), UNDECIDED)


def _read(body: str, page: str) -> str | None:
    """:func:`undo` of UTF-8 read through ``page`` once, written back in C (sloppy.write_back: the
    same bytes as the ``sloppy-`` codec ftfy registers, which undo tries after a failed encode)."""
    try:
        return write_back(body, page).decode("utf-8")
    except UnicodeError:
        return None


def _traced(line: str, cand: str) -> bool:
    """UTF-8's own trace: the repair holds at most half the line's non-ASCII characters
    (counted in C: a Python step a character was a third of a garbled page's time here)."""
    n = len(cand) - len(cand.encode("ascii", "ignore"))
    return 0 < n and 2 * n <= len(line) - len(line.encode("ascii", "ignore"))


def reading_prefers(ours: str, theirs: str) -> bool:
    """Whether ``ours`` reads better than ``theirs``, two readings of one text through the sibling
    pages (each the text written back with its page, read as UTF-8).

    The readings are aligned character for character: the pages differ only in which
    continuation byte (80-BF) a character stands for, so the lead bytes, and with them every
    UTF-8 character's length, are the same in both. Each reading is charged one for each place
    it differs from the other where it reads as no word (:func:`_odd`), and one for each letter
    of it outside the alphabet that holds most of its letters
    (:func:`mojifix.scoring.letters.outside_alphabet`); the cheaper one reads better, a tie
    neither. Only :data:`_SAMPLE` differing places are weighed (the document decides; a big
    one shows its page long before its end)."""
    return _odd_places(ours, theirs) + outside_alphabet(set(ours)) < \
        _odd_places(theirs, ours) + outside_alphabet(set(theirs))


_SAMPLE = 4096  # differing places (or characters of lines read differently) weighed at most
_BLOCK = 256  # characters of two readings compared at a time (in C) before a place is looked at


def _odd_places(ours: str, theirs: str) -> int:
    """How many of the places where ``ours`` differs from ``theirs`` read as no word (:func:`_odd`)."""
    odd = seen = 0
    for start in range(0, min(len(ours), len(theirs)), _BLOCK):
        if ours[start:start + _BLOCK] == theirs[start:start + _BLOCK]:
            continue
        for i in range(start, min(start + _BLOCK, len(ours), len(theirs))):
            if ours[i] != theirs[i]:
                seen += 1
                odd += _odd(ours, i)
        if seen >= _SAMPLE:
            break
    return odd


# Punctuation a word may hold: apostrophes, Catalan's middle dot (``l·l``), a soft hyphen, hyphens.
_IN_WORD = frozenset("'\u2018\u2019\u00b7\u00ad\u2010\u2011-")


def _odd(text: str, i: int) -> bool:
    """Whether ``text[i]`` reads as no word: a capital after a small letter (``sadrŽaja``,
    ``DilÍwyd``) or between a capital and a small letter (Dutch ``één`` as ``ÊÊn``), a symbol between two letters (``inv÷lido``, ``Col¡leció``), a control or an
    unassigned code point, or a letter beside a letter of another script (``ᵘ`` against
    ``ᾘ``, a Greek letter among Latin ones)."""
    import unicodedata

    c = text[i]
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if c.isupper() and (before.islower() or (before.isupper() and after.islower())):
        return True
    if unicodedata.category(c) in ("Cc", "Cn", "Co") and c not in "\t\n\r":
        return True
    if not c.isalnum() and not c.isspace() and c not in _IN_WORD:
        return before.isalpha() and after.isalpha()
    return c.isalpha() and any(n.isalpha() and _latin(n) != _latin(c) for n in (before, after))


def _latin(c: str) -> bool:
    import unicodedata

    return c.isascii() or unicodedata.name(c, "").startswith("LATIN")


def _kept(lines: Collection[tuple[int, str, str, tuple[tuple[str, ...], str]]],
          ) -> dict[int, tuple[str, tuple[tuple[str, ...], str]]]:
    """The lines ftfy read through a sibling page that the other one reads differently, in a
    document that cannot tell the two apart (:data:`UNDECIDED`): kept as they came (a missed
    repair, not a wrong one: Estonian ``SisutĂźĂźbid`` is ``Sisutüübid`` through ISO-8859-2 and
    ``Sisutßßbid`` through windows-1250, which ftfy tries first)."""
    out = {}
    for pos, line, fixed, key in lines:
        if key[0] not in (ISO, WIN):
            continue
        body = line.rstrip("\r\n")
        alt = undo(body, ISO if key[0] == WIN else WIN)
        if alt is not None and alt + line[len(body):] != fixed:
            out[pos] = (line, key)
    return out


def _moved(lines: Collection[tuple[int, str, str, tuple[tuple[str, ...], str]]],
           page: tuple[str, ...]) -> dict[int, tuple[str, tuple[tuple[str, ...], str]]]:
    """The lines ftfy named for the other sibling, read through the document's ``page`` (where
    it reads them; the same text is renamed, so the document tells one page)."""
    other = WIN if page == ISO else ISO
    out = {}
    for pos, line, _, key in lines:
        if key[0] != other:
            continue
        body = line.rstrip("\r\n")
        alt = undo(body, page)
        if alt is not None:
            out[pos] = (alt + line[len(body):], (page, describe_chain("mojibake", page)))
    return out


# The chains ftfy names for UTF-8 read through a Western page. A document it names so may hold
# lines only a sibling page reads: Afrikaans ``mĂ´re`` (``môre`` through either sibling) beside
# lines of ``Â\xa0`` (a no-break space), which Latin-1 and both siblings read alike.
_WESTERN = (("utf-8", "latin-1"), ("utf-8", "windows-1252"))

Reader = Callable[[str, tuple[str, ...]], tuple[str | None, tuple[str, ...]]]


def plan_reader(page: tuple[str, ...], repair: Callable[[str, tuple[str, ...]], str | None],
                text: str, evidence: Collection[tuple[int, tuple[str, ...]]]) -> Reader:
    """The document's plan's reading of a line for a span of a chain, as (repair or None, the
    chain that gave it), in a document whose sibling page is ``page`` (:func:`document_page`);
    ``repair(body, chain)`` is the fixer's strict undoing, ``evidence`` the (start, chain) of the
    lines of ``text`` ftfy repaired.

    * A span of either sibling reads its lines through the document's page: ftfy's name for a
      line both pages read is no evidence (``i gĂĽr`` is ``i går`` in a Danish document, though
      ftfy named windows-1250 for its one long line, which both pages read alike). Where the
      document cannot tell (:data:`UNDECIDED`), a line is read only where both pages agree.
    * A span of a Western page (Latin-1, windows-1252) reads a line its page cannot read through
      the siblings, as above, when every line ftfy repaired through that page reads the same
      through them: the document never showed the Western page rather than the sibling
      (Bosnian ``Ä\\x8detiri`` is ``četiri`` through Latin-1 and ISO-8859-2 alike; ``ĹĄest``
      only ISO-8859-2 reads, ``šest``)."""
    memo: dict[tuple[str, tuple[str, ...]], tuple[str | None, tuple[str, ...]]] = {}

    def sibling(body: str, chain: tuple[str, ...]) -> tuple[str | None, tuple[str, ...]]:
        if page in (ISO, WIN):
            return repair(body, page), page
        a, b = repair(body, ISO), repair(body, WIN)
        if a is None or b is None:  # (one page reads it: as ftfy's name had it)
            return (a, ISO) if chain == ISO or (chain != WIN and b is None) else (b, WIN)
        return (a if a == b else None), (chain if chain in (ISO, WIN) else WIN)

    def body_at(pos: int) -> str:
        end = text.find("\n", pos)
        return text[pos:len(text) if end < 0 else end].rstrip("\r")

    def read_alike(chain: tuple[str, ...]) -> bool:
        return all(sibling(body, chain)[0] == repair(body, chain)
                   for body in (body_at(pos) for pos, ch in evidence if ch == chain))

    alike = {chain for chain in _WESTERN if read_alike(chain)}

    def read(body: str, chain: tuple[str, ...]) -> tuple[str | None, tuple[str, ...]]:
        if (body, chain) not in memo:
            own = None if chain in (ISO, WIN) else repair(body, chain)
            memo[body, chain] = sibling(body, chain) if chain in (ISO, WIN) or (
                own is None and chain in alike) else (own, chain)
        return memo[body, chain]

    return read


def page_of(text: str, lines: Collection[object]) -> tuple[str, ...] | None:
    """:func:`document_page` of ``text``'s non-ASCII lines, asked only where it can matter: ftfy
    repaired some line (``lines``), and the text holds a character that only the Central
    European pages write (a sibling reading differs from Latin-1's only there)."""
    if not lines or _central_only().search(text) is None:
        return None

    def bodies() -> Iterator[str]:
        pos = 0
        while pos < len(text):
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            yield text[pos:end].rstrip("\r")
            pos = end + 1

    return document_page(bodies())


@lru_cache(maxsize=1)
def _central_only() -> re.Pattern[str]:
    """Any character windows-1250 or ISO-8859-2 writes and neither Latin-1 nor windows-1252 does
    (a constant table, built once)."""
    def chars(page: str) -> set[str]:
        return set(bytes(range(256)).decode(page, errors="ignore"))

    only = (chars("windows-1250") | chars("iso-8859-2")) - chars("latin-1") - chars("windows-1252")
    return re.compile("[" + "".join(sorted(re.escape(c) for c in only)) + "]")
