"""Mojibake words on a line that also holds clean text: ``Город: РњРѕСЃРєРІР°``.

Why a module of its own: the mojibake fixer (:mod:`mojifix.fixers.mojibake`) repairs lines, as
ftfy and the document's plan undo them whole; a line that mixes clean text with mojibake (a
clean template or label around a value that was read through the wrong page: a database column,
a pasted quotation) cannot be undone whole, since its clean part is no UTF-8 through the page.
ftfy repairs the runs of such a line that its badness heuristic flags (long Cyrillic runs with
``С‚``), and leaves the rest: short words (``РІ`` for ``в``, ``РЅРµ`` for ``не``), Czech
(``vĂ˝sledku``), Greek (``ΞΊΞΉ``). Measured on the development corpus (each non-ASCII line cut
at a space after its middle, the second half garbled through the page, ``bench/mixedlines.py``):
ftfy left wrong 74% of the lines through windows-1251 (ru, uk), 97% through windows-1250 (cs,
pl), 48% through windows-1253 (el), 54% of Turkish and 40% of Vietnamese ones through its own
windows-1252 (their letters' UTF-8 reads alike through windows-1254: ``iÅŸleme``, ``Nguyá»…n``).

Here each word (a run of characters between ASCII spaces) is undone alone through the pages
below: its characters back to the page's bytes, those bytes read as UTF-8, strictly. A clean
word almost never survives that: every non-ASCII character must be one of a UTF-8 sequence's
bytes, in order (a capital, then a character of 0x80-0xBF, for Cyrillic through windows-1251).
What it reads as must be letters of the script its own letters are in (``РІ``, Cyrillic, reads
``в``; a clean Czech ``ÚŽ`` reads an Arabic letter, a clean Ukrainian ``Ві`` reads ``³``, no
letter), and punctuation, costing no more (:mod:`mojifix.scoring.plausibility`).

Only on a line that also holds a clean word (:func:`mojifix.fixers.cleanword.holds_clean_word`)
and that no page reads whole (:func:`_ftfys`: lines garbled whole are the line repairs', ftfy's
above all), and before those
repairs (the registry's order): the document's wholly garbled lines are evidence here, and
ftfy's repair of a mixed line's bad runs would take the words that are evidence with it.

The document decides, not the word (issue 18):

* a word that reads as three letters or more (``РњРѕСЃРєРІР°``: ``Москва``) is its own evidence, and
  counts twice for its page over the whole document (summed over a streamed file's chunks,
  :func:`mojifix.scoring.evidence.page_totals`); a shorter one that costs less, once; a line the
  page reads whole into a cheaper text, once;
* a shorter word (``РІ``, ``Ξ±``) is undone only through the page with the most evidence, two or
  more (between windows-1250 and ISO-8859-2, which read many words alike, the one whose
  readings cost less).

The pages: windows-1252, -1251, -1250, -1253, -1254 and ISO-8859-2 (a tie at one cost named in
that order). A line that windows-1252 or Latin-1 reads whole, or that holds more words only they
read than words only the page reads (:func:`_ftfys`), is left to the line repairs: ftfy's
ground. Through ftfy's own pages (windows-1252, -1254) a word is taken only where ftfy would
leave it: words that read as two letters or more (``à``, ``«`` are ftfy's, with its no-break
space and punctuation rules), and that ftfy's repair of a mixed line does not read the same way
(:func:`_ftfys_word`), asked of the word alone so that a long line streamed in pieces is told as
the whole is (asking ftfy about each piece's line told 459 places against the whole's 435; the
short words, decided by each piece's line, 464 against 465).
:func:`own_reading` gives the chain search a mixed line with its words undone, to score legacy
candidates against.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from ..config import Config
from ..model import Edit, Finding, mojibake_summary
from ..scoring.evidence import page_totals
from ..textdiff import changed_and_lost
from .cleanword import SPLIT, holds_clean_word, page_class, page_tables
from .pagechoice import undo
from .shapes import script_of

_CODECS = ("windows-1252", "windows-1251", "windows-1250", "windows-1253", "windows-1254", "iso-8859-2")
# ftfy's own pages: a word through one of them that ftfy repairs alone into the same reading is
# left to the mojibake fixer (:func:`_ftfys_word`).
_WESTERN = frozenset({"windows-1252", "windows-1254"})
# Marks a word may read as beside its letters, besides punctuation (UTF-8 read through a page
# turns ``«`` into ``В«``, ``⟨`` into ``вџЁ``).
_MARKS = frozenset("•·°№")
# Letters a word must read as to be its own evidence.
MIN_LETTERS = 3
# Words of evidence (:func:`_judged`) a page needs in the document before its shorter words
# are undone too.
MIN_EVIDENCE = 2


# Well-formed UTF-8 sequences, byte ranges in order (Unicode's table 3-7): what a word's run
# and a reading's second layer (:func:`_read_again`) are made of; ED before A0-BF, a
# surrogate's bytes, or E0 before 80-9F, an overlong form, are none.
_UTF8_SEQUENCES = (
    ((0xC2, 0xDF), (0x80, 0xBF)),
    ((0xE0, 0xE0), (0xA0, 0xBF), (0x80, 0xBF)),
    ((0xE1, 0xEC), (0x80, 0xBF), (0x80, 0xBF)),
    ((0xED, 0xED), (0x80, 0x9F), (0x80, 0xBF)),
    ((0xEE, 0xEF), (0x80, 0xBF), (0x80, 0xBF)),
    ((0xF0, 0xF0), (0x90, 0xBF), (0x80, 0xBF), (0x80, 0xBF)),
    ((0xF1, 0xF3), (0x80, 0xBF), (0x80, 0xBF), (0x80, 0xBF)),
    ((0xF4, 0xF4), (0x80, 0x8F), (0x80, 0xBF), (0x80, 0xBF)),
)


@lru_cache(maxsize=1)
def _pages() -> tuple[tuple[str, dict[str, int], str], ...]:
    """(codec, character -> byte, regex of one well-formed UTF-8 sequence) for each of
    :data:`_CODECS`."""
    out = []
    for codec, full in page_tables():
        if codec not in _CODECS:
            continue
        table = {c: b for c, b in full.items() if c != "\ufffd"}
        out.append((codec, table, "|".join(
            "".join(page_class((table,), lo, hi) for lo, hi in seq) for seq in _UTF8_SEQUENCES)))
    return tuple(out)


@lru_cache(maxsize=1)
def _runs() -> tuple[tuple[str, dict[str, int], re.Pattern[str]], ...]:
    """(codec, character -> byte, regex of one or more whole UTF-8 sequences) for each page."""
    return tuple((codec, table, re.compile(f"(?:{seq})+")) for codec, table, seq in _pages())


def _union(lo: int, hi: int) -> str:
    """A regex class of the characters any of the pages reads from the bytes ``lo``-``hi``."""
    return page_class((table for _, table, _ in _pages()), lo, hi)


@lru_cache(maxsize=1)
def _pair() -> re.Pattern[str]:
    """A lead byte's character of any of the pages before a continuation's of any: the
    prefilter's scan, at C speed (90-300 M characters a second on the corpus; one regex of the
    pages' runs in alternation scanned 13 M, and halved the speed of clean French, where it
    never matches)."""
    return re.compile(f"{_union(0xC2, 0xF4)}(?={_union(0x80, 0xBF)})")


@lru_cache(maxsize=1)
def _starts() -> re.Pattern[str]:
    """Where a run of some page may start: a two-, three- or four-byte lead's character of any
    page before as many continuations' (a tenth of :func:`_pair`'s places on clean Cyrillic
    text, where ``ні`` is a three-byte lead and one continuation in windows-1251)."""
    cont = _union(0x80, 0xBF)
    return re.compile(f"{_union(0xC2, 0xDF)}(?={cont})|{_union(0xE0, 0xEF)}(?={cont}{{2}})"
                      f"|{_union(0xF0, 0xF4)}(?={cont}{{3}})")


# Words end at ASCII white space: a no-break space is a continuation byte's character on most
# pages (``Ã\xa0`` is ``à`` through windows-1252), part of a garbled word.
_WORD_EDGE = re.compile(r"[ \t\n\r\f\v]")


def may_apply(text: str) -> bool:
    """Whether some word of ``text`` could be undone (the fixer's prefilter: may say yes too
    often, never too rarely)."""
    if text.isascii():
        return False
    exact = _starts().match  # (asked at :func:`_pair`'s places only: its scan is the fast one)
    return any(exact(text, m.start()) for m in _pair().finditer(text))


def _reading(text: str, codec: str) -> str | None:
    """``text`` undone through ``codec`` (its bytes read as UTF-8, strictly:
    :func:`mojifix.fixers.pagechoice.undo`), or None (a character the page lacks, a lost one,
    or bytes that are no UTF-8). U+FFFD is refused: the sloppy codecs write it back as 0x1A."""
    return None if "\ufffd" in text else undo(text, ("utf-8", codec))


def _ftfys(line: str, codec: str) -> bool:
    """Whether ``line`` is ftfy's ground, left to the line repairs: it reads as UTF-8 through
    windows-1252 or Latin-1 whole, or it holds words only those read (``hÆ¡n``), as many as or
    more than words only ``codec`` reads. A Vietnamese line garbled through Latin-1 holds
    ``chá»©a``, which reads ``chứa`` through windows-1250 as well: taken here, the rest of the
    line was no longer ftfy's to repair whole; the same line with bytes lost (windows-1252's
    undefined bytes dropped) reads whole through no page, and was taken word by word here
    before the lossy repairs could read it back. (Through windows-1252 itself: whether a word
    only Latin-1 reads, one with a C1 control, makes the line ftfy's.)"""
    if _reading(line, "windows-1252") is not None or _reading(line, "latin-1") is not None:
        return True
    only_ftfy = only_page = 0
    for word in SPLIT.split(line):
        if word.isascii():
            continue
        western = any(r is not None and r != word for r in (_reading(word, "windows-1252"), _reading(word, "latin-1")))
        here = (r := _reading(word, codec)) is not None and r != word
        only_ftfy += western and not here
        only_page += here and not western
    return only_ftfy > 0 and only_ftfy >= only_page


def _judged(word: str, reading: str) -> tuple[str, int, bool, float] | None:
    """(script, letters, evidence, cost) of a reading a word may take: letters of one script and
    :data:`_MARKS` only, costing no more than the word (evidence: three letters or more, or
    costing less); else None."""
    script = ""
    letters = 0
    for c in reading:
        if c < "\x80" or c in _MARKS or unicodedata.category(c)[0] == "P":
            continue
        if unicodedata.category(c)[0] not in "LM":
            return None
        s = script_of(c)
        if script and s != script:
            return None
        script = s
        letters += 1
    from ..scoring.plausibility import cost

    if not letters:  # (marks alone, ``Β«`` for ``«``: the document's page decides)
        return None if reading == word or reading.isascii() else ("", 0, False, cost(reading))
    before, after = cost(word), cost(reading)
    return (script, letters, letters >= MIN_LETTERS or after < before, after) if after <= before else None


def _read_again(reading: str, codec: str, run: re.Pattern[str], script: str) -> bool:
    """Whether ``reading`` still holds UTF-8 read through ``codec`` (a second layer, left to the
    chain search): a run of the page's sequences, unless it reads as a letter of another script
    than the reading's ``script``. Czech ``nejnížší`` holds ``ížš``, ED 9E 9A through
    windows-1250, a Hangul syllable: the word is read, where ISO-8859-2, which has no such run
    in ``nejníŵŷí``, took it."""
    for m in run.finditer(reading):
        again = _reading(m.group(), codec)
        if not script or again is None:
            return True
        # (nor as a combining mark with no letter before it: Ukrainian ``МіБ`` holds ``Мі``,
        # CC B3, U+0333, first in the word)
        mark = unicodedata.category(again[0])[0] == "M" and not reading[m.start() - 1:m.start()].isalpha()
        if not mark and not any(c.isalpha() and script_of(c) != script for c in again):
            return True
    return False


def _own_script(word: str, script: str) -> bool:
    """Whether a short word's reading is letters of the script its own letters are in: ``РІ``
    (Cyrillic) reads ``в``, ``Ä›`` reads ``ě``; a clean Czech ``ÚŽ`` reads an Arabic letter."""
    return any(c >= "\x80" and unicodedata.category(c)[0] == "L" and script_of(c) == script for c in word)


def _candidates(text: str) -> tuple[list[tuple[int, int, str, str, str, int, bool, float]], Counter[str]]:
    """(start, end, codec, reading, script, letters, evidence, cost) of every word some page undoes
    on a line that also holds clean text for that page (:func:`mojifix.fixers.cleanword.holds_clean_word`), in order (see
    :func:`_judged`); and per page, the lines it undoes whole into a text that costs less
    (evidence too, left to the mojibake fixer)."""
    from ..scoring.plausibility import cost

    found: dict[tuple[int, int, str], tuple[str, str, int, bool, float]] = {}
    whole: Counter[str] = Counter()
    clean: dict[int, bool] = {}  # line start -> whether the line holds a clean word (any page's)
    exact = _starts().match  # (asked at :func:`_pair`'s places: its scan is two to four times faster)
    starts = [p for m in _pair().finditer(text) if exact(text, p := m.start())]
    size = len(text)
    for codec, _, run in _runs():
        # Each word and each line is looked at once, however many runs it holds: the walks to
        # a word's edges and a line's start stop where the last ones ended (linear on a long
        # line: from each run back to the line's start was quadratic on one of 60,000 characters).
        covered = line_stop = -1
        line_first = 0
        mixed = False
        for pos in starts:
            if pos < covered or (m := run.match(text, pos)) is None:
                continue
            start = m.start()
            while start > covered and start and not _WORD_EDGE.match(text, start - 1):
                start -= 1
            end = m.end()
            while end < size and not _WORD_EDGE.match(text, end):
                end += 1
            covered = end
            word = text[start:end]
            reading = _reading(word, codec)
            if reading is None or reading == word:
                continue
            judged = _judged(word, reading)
            if judged is None or (judged[0] and not _own_script(word, judged[0])):
                continue  # (letters of another script than the word's own: met by chance)
            if _read_again(reading, codec, run, judged[0]):
                continue
            if start > line_stop:  # (a new line: asked of the lines that hold such a word only)
                line_first = text.rfind("\n", max(line_stop, 0), start) + 1
                line_stop = text.find("\n", start)
                line_stop = size if line_stop < 0 else line_stop
                line = text[line_first:line_stop].rstrip("\r")
                whole_reading = _reading(line, codec)
                if whole_reading is None and line_first not in clean:
                    clean[line_first] = holds_clean_word(line)
                mixed = whole_reading is None and clean[line_first] and not _ftfys(line, codec)
                if whole_reading is not None and cost(whole_reading) < cost(line):
                    whole[codec] += 1
            if mixed:
                found[start, end, codec] = (reading, *judged)  # type: ignore[arg-type]
    return sorted((s, e, codec, *rest) for (s, e, codec), rest in found.items()), whole  # type: ignore[misc]


def _ftfys_word(word: str, reading: str) -> bool:
    """Whether ftfy's repair of a line that holds clean text, its public
    ``ftfy.fixes.decode_inconsistent_utf8`` (the runs its detector flags), repairs ``word``
    into ``reading``: the word is then left to the mojibake fixer, which repairs it with its
    line, and says so as before this fixer (``When UTF-8 is decoded as Latin-1, é becomes Ã© …``
    keeps its one finding). Asked of each word, not of the line: a long line streamed in pieces
    is told as the whole is (ftfy's answer for the line, asked of each piece, differed: 459
    places against 435). Not ftfy's whole answer for the word alone: ``eÅŸzamanlÄ±`` alone is
    read whole, in a line only its ``Ä±`` (``eÅŸzamanlı``). Kept here: Turkish and Vietnamese
    words (``saÄŸlanÄ±r``), short ones beside clean text."""
    from ftfy.fixes import decode_inconsistent_utf8

    return decode_inconsistent_utf8(word) == reading


def own_reading(line: str) -> str | None:
    """``line`` with the words that are their own evidence undone (three letters or more of the
    script of their own letters, through one page), when it also holds clean text; else None.
    What the chain search scores a line's legacy candidates against (fixers/chains.py): a
    clean label before two garbled words, ``Город: РњРѕСЃРєРІР° РњРѕСЃРєРІР°``, read as KOI8-R through
    windows-1251 whole, cost less than the line as it came, and the label was lost too."""
    if line.isascii() or _pair().search(line) is None:
        return None
    cands, _ = _candidates(line)
    out, last = [], 0
    for start, end, _, reading, _, letters, _, _ in cands:
        if letters >= MIN_LETTERS and start >= last:
            out += [line[last:start], reading]
            last = end
    return "".join(out) + line[last:] if out else None


def fix_mixed_words(text: str, config: Config) -> tuple[list[Edit], list[Finding]]:
    """Edits undoing the mojibake words the document's evidence admits (see the module)."""
    if not config.fix_mojibake or text.isascii():
        return [], []
    cands, local = _candidates(text)
    if not cands:
        return [], []
    counts: dict[str, float] = {}
    for _, _, codec, _, _, letters, evidence, cost in cands:
        if evidence:  # (a word of three letters or more is as much as two short ones)
            local[codec] += 2 if letters >= MIN_LETTERS else 1
        # What its readings cost: between sibling pages that read the same words (windows-1250
        # and ISO-8859-2: ``VĂťRAZu`` is ``VÝRAZu`` or ``VûRAZu``), the cheaper reads them right.
        counts[f"{codec} cost"] = counts.get(f"{codec} cost", 0.0) + cost
    counts.update(local)
    totals = page_totals("mixed-words", counts)
    pages = {k: v for k, v in totals.items() if not k.endswith(" cost")}
    if not pages:
        return [], []
    best = max(pages.values())
    # (a tie at one cost: the words read alike through both, ``ĹĂłdĹş`` is ``Łódź`` through
    # windows-1250 and ISO-8859-2; the windows page, the commoner, is named)
    plans = sorted((k for k, v in pages.items() if v == best),
                   key=lambda k: (totals.get(f"{k} cost", 0.0), _CODECS.index(k)))
    plan = plans[0] if best >= MIN_EVIDENCE else None
    spans: dict[tuple[int, int], list[tuple[str, str, str, int]]] = {}
    for start, end, codec, reading, script, letters, _, _ in cands:
        spans.setdefault((start, end), []).append((codec, reading, script, letters))
    edits: list[Edit] = []
    used: Counter[str] = Counter()
    changed: Counter[str] = Counter()
    examples: dict[str, str] = {}
    first: dict[str, int] = {}  # (each page's finding points at its own first word)
    for (start, end), readings in spans.items():
        # The plan's page first, then the page with the most evidence (a word two pages read)
        readings.sort(key=lambda r: (r[0] != plan, -pages.get(r[0], 0)))
        codec, reading, script, letters = readings[0]
        word = text[start:end]
        if codec in _WESTERN and (sum(c.isalpha() for c in reading) < 2 or _ftfys_word(word, reading)):
            continue  # (ftfy's pages: words of letters ftfy leaves; ``à`` and punctuation are ftfy's)
        if letters < MIN_LETTERS and codec != plan:
            continue
        edits.append(Edit(start, end, reading, "mojibake", f"{word} -> {reading}"))
        used[codec] += 1
        changed[codec] += changed_and_lost(word, reading)[0]
        examples.setdefault(codec, f"{word} -> {reading}")
        first.setdefault(codec, start)
    if not edits:
        return [], []
    findings = [
        Finding("mojibake", mojibake_summary(("utf-8", codec), n, changed[codec], 0, unit="word")
                + " (words beside clean text)", count=n, confidence=0.8, chain=("utf-8", codec),
                evidence=(examples[codec],), changed=changed[codec], offset=first[codec])
        for codec, n in used.most_common()]
    return edits, findings
