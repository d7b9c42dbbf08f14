"""A whole document of UTF-8 read through one wrong page: decided at once (issue 20).

Why a module of its own: the chain fixer (:mod:`mojifix.fixers.chains`) judges a document line
by line (flagged lines, strict encodes per page, plausibility costs, ftfy's answer on each line,
then the document's plan), which on the commonest mojibake of all, a whole UTF-8 document read
as Windows-1252, cost five times what ftfy takes for it, and on UTF-8 read as GBK, Shift_JIS or
cp1251 as much again. Yet one question answers it for the whole document at C speed: do its
characters, written back with the page, make valid UTF-8?

**The document decides.** Clean text almost never does: an accented letter of a Western
language (``é`` is byte E9 in cp1252) is a UTF-8 lead byte that must be followed by
continuation bytes 80-BF, which in cp1252 are the symbols ``€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ`` and
``NBSP ¡¢£¤¥¦§¨©ª«¬SHY®¯°±²³´µ¶·¸¹º»¼½¾¿``: a clean text passes only when EVERY one of its
accented letters is followed by such symbols (``Ã©``), which is the very shape of this
mojibake. One character of any other script, or one lone accented letter, and the test fails
(at the first such character: the clean text pays one encode and a failed decode). The same
holds for the other pages: a Cyrillic letter of cp1251 or KOI8-R (C0-FF) is never a
continuation byte, and clean CJK text written back with its page is UTF-8 only by chance, a
character in thirty (fixers/vanished.py); each of those pages is tried on the text's first
:data:`_PROBE` characters first, so a clean document pays a bounded probe. A short text may
pass by accident (``4288×…`` reads as ``4288ׅ``), so the reading must hold at least
:data:`_LEAST` non-ASCII characters; shorter ones take the line-by-line road (but a sibling
page's reading whose every garbled letter splits a word, :func:`inside_words`).

What is taken (:func:`reading`): the text written back with ``latin-1`` (else
``windows-1252``, which writes ``€ ‚ … ™`` where Latin-1 has C1 controls; a text both write is
named Latin-1, as the line-by-line road names it), else with the first of
:data:`OTHER_PAGES` that can, decodes as strict UTF-8; for the first two, the result is not
itself mojibake once more (then the layers are the chain search's to find: ``cp1252`` twice is
named as such). What is not: a document with a clean part, a lost byte, a character the page
cannot write: the line-by-line search, as before. (A text that is no UTF-8 through any page
may still be a legacy page's bytes read through a Western one: asked next, of
:mod:`mojifix.fixers.wholelegacy`.) And nothing may be left in the repaired text that the
chain search would still change (its screens, else the search itself, say so). The lines are then
repaired as the search would (one ``(line, chain, repair)`` each: :func:`lines`): the same text
(checked on the corpus documents through every page: bench/quality.py's lossless chains), the
findings told as the road that repaired such documents told them (:func:`findings`).
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache

from ..memo import in_piece
from ..model import Finding, mojibake_summary
from ..scoring.plausibility import cost
from ..textdiff import changed_and_lost, count_edits_lines, diff_edits
from . import cjklatin, cjkwestern, mojibake, wholelegacy
from .pagechoice import reading_prefers
from .sloppy import write_back
from .wholelegacy import non_ascii

# The cp1252/Latin-1 characters of UTF-8's lead bytes C2-F4: a text without one holds no
# UTF-8 read through these pages (one regex search, before any encode).
_LEAD = re.compile("[\u00c2-\u00f4]")
PAGES = ("latin-1", "windows-1252")
# Non-ASCII characters the reading must hold (one per ``Ã©``): a short text with one accidental
# pair (``4288×…``, ftfy's negative cases: ``×`` and cp1252's ``…`` make the Hebrew point
# U+05C5) is left to the line-by-line road, whose ftfy and plausibility tests refuse it; eight
# such pairs and nothing else non-ASCII in a text are mojibake.
_LEAST = 8


def _undo(text: str, head: str) -> tuple[str, str] | None:
    """(page, the text's bytes through ``page`` read as UTF-8) for the first page of
    :data:`PAGES` that makes it valid UTF-8, else None (``head``: as for :func:`_other`)."""
    for page in PAGES:
        try:
            if not _maybe_utf8(write_back(head, page)):
                return None  # (the same bytes through the other page, where it writes them)
            data = write_back(text, page)
        except UnicodeEncodeError:
            continue  # (a character the page cannot write: € through Latin-1, a C1 control through cp1252)
        try:
            return page, data.decode("utf-8")
        except UnicodeDecodeError as e:
            # A file cut inside its last character (``Ã`` of ``Ã©`` at the very end): the rest
            # is read, the cut character left as it came (one byte a character on these pages).
            if e.reason != "unexpected end of data" or e.start < len(data) - 3:
                return None
            return page, data[:e.start].decode("utf-8") + text[e.start - len(data):]
    return None


# The other pages UTF-8 is read through (fixers/chains.LAYERS, in its order: GBK before GB18030
# and Shift_JIS before cp932 name a text both read alike as the search does).
OTHER_PAGES = ("gbk", "gb18030", "big5", "shift_jis", "cp932", "euc-kr", "windows-1251", "koi8-r",
               "windows-1253", *("windows-1255", "windows-1256", "cp874", "windows-1258"))
# (The last four, Hebrew, Arabic, Thai and Vietnamese, only here, for whole documents: a new
# user's QA found Hebrew and Thai UTF-8 read through them given a cp1252 repair of their C1
# controls alone, still garbled, Arabic called clean, Vietnamese half repaired. Their clean
# text fails the probe at its first letters: those pages write them as UTF-8 lead bytes in a row.)
_PROBE = 64  # characters of a text tried first through each page
_LAYERS = 3  # UTF-8 read as Latin-1 or cp1252 at most this many times over
# The first non-ASCII character (where a probe starts: a long ASCII head is no evidence).
_NON_ASCII = re.compile("[^\x00-\x7f]")
_ASCII_RUNS = re.compile("[\x00-\x7f]+")
_COUNT_BLOCK = 1 << 16  # characters of lines counted at a time (findings)
# A text with fewer non-ASCII characters than this has no UTF-8 reading through any page here
# that holds _LEAST: each page writes ASCII as ASCII and a character in at most four bytes
# (GB18030), and a UTF-8 character that is not ASCII takes two bytes or more, so a reading
# holds at most twice the text's non-ASCII characters (half of them through a single-byte
# page, and the three a cut last character keeps). A short text (a record, a field) is then
# spared the eleven probes (a third of ``fix_text`` on ``"中文"``, issue 20); counted only on
# a text of at most _PROBE characters, where the count costs nothing.
_FEWEST = _LEAST // 2
# Characters of a text (from its first non-ASCII one, to the end of that line) whose reading
# through OTHER_PAGES must cost less than they do (_reads_better).
_WINDOW = 1024
# What such an accident reads as, and real text through these pages does not: characters of
# U+0080-U+07FF (a two-byte UTF-8 reading) outside the scripts and letters languages write
# (C1 controls, Latin Extended-B but ``ƒ ơ ư ǎ-ǜ ș ț``, IPA, modifier letters, combining
# marks, the Cyrillic Supplement, Syriac, Thaana, NKo). Only a window holding one is costed.
_UNCOMMON = re.compile("[\x80-\x9f\u0180-\u0191\u0193-\u019f\u01a2-\u01ae\u01b1-\u01cc"
                       "\u01dd-\u0217\u021c-\u036f\u0500-\u052f\u0700-\u07ff]")


def _other(text: str, head: str) -> tuple[str, str] | None:
    """(page, the text through it read as UTF-8) for the first of :data:`OTHER_PAGES` that
    makes the whole text valid UTF-8. Each page is tried on ``head`` first (the text's first
    :data:`_PROBE` characters from its first non-ASCII one): clean text fails there, in C, at
    its first non-ASCII character or so, so a clean document pays a bounded probe a page."""
    for page in _may_start_with(head[0]) if len(head) >= 4 else OTHER_PAGES:
        if not _probe(head, page):
            continue
        try:
            return page, write_back(text, page).decode("utf-8")
        except UnicodeError:
            continue
    return None


# The Central European pages UTF-8 is read through, which ftfy's road (fixers/mojibake.py, with
# fixers/pagechoice.py) repairs line by line: Windows-1250 first, as ftfy tries them.
SIBLINGS = ("windows-1250", "iso-8859-2")


def _sibling(text: str, head: str) -> tuple[str, str] | None:
    """(page, the text through it read as UTF-8) when one of :data:`SIBLINGS` makes the whole
    text valid UTF-8, or both make the same reading (the same bytes: named Windows-1250, as
    ftfy names a line both explain). Two different readings: the one that reads as words
    (:func:`mojifix.fixers.pagechoice.reading_prefers`: Catalan ``és`` against ``Ês``; on a
    tie, the one made of words, :mod:`mojifix.fixers.pagewords`: ``mañana``, not ``maùana``), else
    None (the line-by-line road and its page rules decide; before, every such text went there,
    and ftfy's first page, windows-1250, made Catalan through ISO-8859-2 ``no Ês``). Why here:
    UTF-8 through these pages went line by line through ftfy and the sibling rules at a third
    of ftfy's own speed, and named each line by the first page that decoded it (three chains
    for one Polish page read as ISO-8859-2)."""
    got: dict[str, str] = {}
    for page in SIBLINGS:
        if not _probe(head, page):
            continue
        try:
            got[page] = write_back(text, page).decode("utf-8")
        except UnicodeError:
            continue
    if len(got) == 2 and got[SIBLINGS[0]] != got[SIBLINGS[1]]:
        # Both pages read the whole text, differently (``ĂŠ`` is ``é`` through ISO-8859-2, ``Ê``
        # through windows-1250): the reading that reads as words is taken, a tie neither.
        ours, theirs = got[SIBLINGS[1]], got[SIBLINGS[0]]
        if reading_prefers(ours, theirs):
            return SIBLINGS[1], ours
        if reading_prefers(theirs, ours):
            return SIBLINGS[0], theirs
        from . import pagewords  # (the word lists: only on a tie, and only where installed)

        words = pagewords.prefers(ours, theirs)  # (``mañana`` against ``maùana``)
        return None if not words else (SIBLINGS[1], ours) if words > 0 else (SIBLINGS[0], theirs)
    if not got:
        return None
    page = next(iter(got))
    return page, got[page]


def _probe(head: str, page: str) -> bool:
    """Whether ``head`` written back with ``page`` may be UTF-8. Its first character is asked
    first (:func:`_may_start`): a head of four or more characters whose first one the page
    cannot write, or writes as a byte no UTF-8 starts with (80-C1, F5-FF), fails there (a clean
    French page paid an encode, a decode and its error on each of fifteen pages, issue 20)."""
    if len(head) >= 4 and not _may_start(head[0], page):
        return False
    try:
        return _maybe_utf8(write_back(head, page))
    except UnicodeEncodeError:
        return False


@lru_cache(maxsize=4096)
def _may_start(c: str, page: str) -> bool:
    """Whether ``page`` writes the character ``c`` with a first byte UTF-8 may start with."""
    try:
        first = write_back(c, page)[0]
    except UnicodeEncodeError:
        return False
    return first < 0x80 or 0xC2 <= first <= 0xF4


@lru_cache(maxsize=4096)
def _may_start_with(c: str) -> tuple[str, ...]:
    """The pages of :data:`OTHER_PAGES` that :func:`_may_start` ``c``, in their order: a head
    whose first character is ``c`` is probed through these alone (thirteen cached calls a text
    were a tenth of a short record's cost, bench/records.py)."""
    return tuple(page for page in OTHER_PAGES if _may_start(c, page))


def _maybe_utf8(head: bytes) -> bool:
    """Whether ``head``, the start of some bytes, may be UTF-8 (a character cut by its end does
    not count against it)."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as e:
        return e.start >= len(head) - 3
    return True


def reading(text: str) -> tuple[tuple[str, ...], str] | None:
    """(chain, the whole text repaired) when ``text`` is UTF-8 read as one of :data:`PAGES`
    (up to :data:`_LAYERS` times: ``cp1252`` twice) or once as one of :data:`OTHER_PAGES` from
    end to end (see the module docstring), else None."""
    head = _head(text)
    if not head:
        return None
    if len(text) <= _PROBE and non_ascii(text) < _FEWEST:
        return _legacy_or_latin(text, head)  # (see _FEWEST)
    layers: list[str] = []
    out = text
    while len(layers) < _LAYERS and _LEAD.search(head) is not None:
        got = _undo(out, head)
        if got is None or non_ascii(got[1]) < _LEAST:
            break
        layers.append(got[0])
        out = got[1]
        head = _head(out)
    if layers:  # (the outer layer was undone first: the chain lists them inner first)
        return ("utf-8", *reversed(layers)), out
    other = _sibling(text, head) or _other(text, head)
    if other is not None and (non_ascii(other[1]) >= _LEAST or (
            other[0] in SIBLINGS and inside_words(text, other[1]))) and (
            other[0] in SIBLINGS or _reads_better(text, other[1])):
        return ("utf-8", other[0]), other[1]
    return _legacy_or_latin(text, head)


# A run of non-ASCII characters (inside_words).
_RUN = re.compile("[^\x00-\x7f]+")


def inside_words(text: str, out: str) -> bool:
    """Whether a short text read whole through a sibling page (``out``, fewer than
    :data:`_LEAST` non-ASCII characters) shows that page's mojibake in every place: each run of
    non-ASCII characters starts with a capital, right after a small letter (at least two runs)
    or at a word's start before a small letter, and the reading makes every run small letters.

    Why: UTF-8's lead bytes C2-DF are capitals on these pages (``Â Ă Ä Ĺ Č``), so a letter read
    this way is a capital inside a word followed by a page letter or symbol (``sadrĹžaja``,
    ``ConteĂşdo``, ``contenĂ\xadu``), which no word holds; a catalog's short file of two
    lines (``tip sadrĹžaja``, ``tipovi sadrĹžaja``) has only that to show, never the eight
    characters a whole reading needs. Words in capitals (Romanian ``PĂŞUNE``, which reads as
    UTF-8 through ISO-8859-2) are not taken, nor a text whose every run starts a word."""
    inside = 0
    for m in _RUN.finditer(text):
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if not m.group()[0].isupper() or before.isupper() or not (before.islower() or after.islower()):
            return False
        inside += before.islower()
    return inside >= 2 and all(c.isalpha() and c.islower() for run in _RUN.findall(out) for c in run)


def _reads_better(text: str, out: str) -> bool:
    """Whether the reading ``out`` of ``text`` through one of :data:`OTHER_PAGES` costs less
    than the text (:func:`mojifix.scoring.plausibility.cost`) on the lines of the text's first
    :data:`_WINDOW` characters from its first non-ASCII one (at most four times that: a long
    line is cut, linear time).

    Why: the evidence of these pages is that clean text written back with them is UTF-8 only
    by chance, a character at a time; but some rows of a page are UTF-8 whole (Big5 writes
    hiragana ``あいう`` and Cyrillic ``Ж`` as C6 A6, C7 B4: ``Ʀ``, ``Ǵ``), and a text of those
    characters alone passes. Real files did: a pandas test (``["ああああ", "いいいいい"]``),
    ``"ЖЖЖЖЖ"`` in CPython's ``test_ast.py``; read whole, they became rare Latin letters. A
    reading that does not read better is left to the line-by-line road, whose costs judge it.
    (Lines correspond one to one, and the ASCII lines before the first non-ASCII character are
    the same in both: the window starts at the same offset in each.)"""
    first = _NON_ASCII.search(text)
    if first is None:
        return False
    start = text.rfind("\n", 0, first.start()) + 1
    end = text.find("\n", first.start() + _WINDOW, first.start() + 4 * _WINDOW)
    if end < 0:  # (a long line: cut, and the reading cut where as much of it is read)
        end = min(len(text), first.start() + 4 * _WINDOW)
        stop = start + (end - start) * len(out) // len(text)
    else:
        stop = start
        for _ in range(text.count("\n", start, end) + 1):
            stop = out.find("\n", stop) + 1 or len(out) + 1
        stop -= 1
    if _UNCOMMON.search(out, start, stop) is None:
        return True  # (the costs are a Python step a character: asked only where it can matter)
    return cost(out[start:stop]) < cost(text[start:end])


def _legacy_or_latin(text: str, head: str) -> tuple[tuple[str, ...], str] | None:
    """A legacy page's bytes read through a Western one (a CJK page's text, else Latin text
    saved in a CJK page: :mod:`mojifix.fixers.cjkwestern`), else Latin text through a CJK page;
    never the last two on a piece of a line (memo.piece_of_line: a piece can look Latin where
    its line is not)."""
    return wholelegacy.reading(text, head) or (
        None if in_piece() else cjkwestern.reading(text) or cjklatin.reading(text))


def _head(text: str) -> str:
    first = _NON_ASCII.search(text)
    return "" if first is None else text[first.start():first.start() + _PROBE]


def lines(text: str, left: Callable[[str], bool]) -> Mapping[int, tuple[str, tuple[str, ...], str]] | None:
    """{line start: (line, chain, repair)} for the lines :func:`reading` changes (a
    :class:`WholeLines` view), or None when the document is not one such reading or when
    ``left`` (the chain fixer's exact question, ``chains._left``) says the chain search would
    still change the repaired text (GBK read as cp1252 and then as cp1252 once more: the outer
    layer decodes, and the search names all three). Lines correspond one to one: a newline is
    one ASCII byte, which strict UTF-8 neither takes into a character nor makes, nor does a
    legacy page."""
    got = reading(text)
    if got is None:
        return None
    chain, out = got
    if left(out):
        return None
    spans = array("q")  # (start, end, at, stop) of each changed line, in text and in out
    start = at = 0  # (a line's start in text and in out; walked, not split: a big file's memory)
    while start <= len(text):
        end, stop = text.find("\n", start), out.find("\n", at)
        end, stop = (len(text) if end < 0 else end), (len(out) if stop < 0 else stop)
        if end - start != stop - at or not text.startswith(out[at:stop], start):
            spans.extend((start, end, at, stop))  # (one chain, the document's, as the search names a page's lines)
        start, at = end + 1, stop + 1
    return WholeLines(text, chain, out, spans)


class WholeLines(Mapping[int, tuple[str, tuple[str, ...], str]]):
    """The changed lines of a whole-document reading as a read-only ``{start: (line, chain,
    repair)}`` view: four offsets a line into the text and its reading, each line and its
    repair sliced when read. Why: a dict of both copies of every changed line (with a tuple
    and two string headers a line) was the peak of a garbled French file read whole, 5x the
    file over the line road's (issue 20's memory; fixers/flagged.py does the same for the
    search's lines)."""

    def __init__(self, text: str, chain: tuple[str, ...], out: str, spans: array) -> None:
        self._text, self._chain, self._out, self._spans = text, chain, out, spans
        self._starts = spans[0::4]

    @property
    def text(self) -> str:
        """The document read."""
        return self._text

    @property
    def chain(self) -> tuple[str, ...]:
        """The one chain every line was read through."""
        return self._chain

    @property
    def out(self) -> str:
        """The whole reading: the document with every line repaired."""
        return self._out

    def __len__(self) -> int:
        return len(self._starts)

    def __iter__(self) -> Iterator[int]:
        return iter(self._starts)

    def __getitem__(self, start: int) -> tuple[str, tuple[str, ...], str]:
        i = bisect_left(self._starts, start)
        if i == len(self._starts) or self._starts[i] != start:
            raise KeyError(start)
        s, e, a, b = self._spans[4 * i:4 * i + 4]
        return self._text[s:e], self._chain, self._out[a:b]


def findings(chosen: Mapping[int, tuple[str, tuple[str, ...], str]],
             gain: Callable[[dict[tuple[str, ...], float]], object] | None = None) -> list[Finding]:
    """The finding for :func:`lines`' repairs, told as the mojibake fixer tells these chains
    (places, not lines: its ftfy road repaired such documents before, and a streamed file's
    small chunks, which take that road, must add up to the same sentence as the whole file).

    ``gain``: the chain search's evidence per chain (``docgain.document_gain``), told of a
    legacy page's reading at each line's bar (4): a streamed file sums its chunks' evidence,
    and a chunk read whole must count for its chain as the search's lines do (else the
    stream took the file for one the search gains nothing on, cut it, and the other chunks'
    lines, judged without it, were left garbled: cp1251 read as cp1252 between clean Russian)."""
    if not chosen:
        return []
    chain = record_gain(chosen, gain)
    if chain[0] != "utf-8":
        return []  # (a legacy page's lines are counted by the chain fixer, as the search counts them)
    if not set(chain[1:]) <= {*PAGES, *SIBLINGS}:
        return []  # (the other pages' lines likewise)
    starts = sorted(chosen)
    body, _, cand = chosen[starts[0]]
    # (the first place is the example; every place is counted below: count_edits is the
    # number of diff_edits' edits)
    example = mojibake.example(body, diff_edits(body, cand, 0, "mojibake", "")[0])
    places = changed = lost = 0
    # (a block of lines at a time: the counts add up over lines, and the lines sliced, the
    # runs listed and the joined copies stay bounded on a big file, issue 20's memory)
    at = 0
    while at < len(starts):
        bodies: list[str] = []
        cands: list[str] = []
        size = 0
        while at < len(starts) and size < _COUNT_BLOCK:
            body, _, cand = chosen[starts[at]]
            bodies.append(body)
            cands.append(cand)
            size += len(body)
            at += 1
        places += count_edits_lines(bodies, cands)
        more, gone = _changed_and_lost(bodies, cands)
        changed, lost = changed + more, lost + gone
    return [Finding("mojibake", mojibake_summary(chain, places, changed, lost), count=places,
                    confidence=0.9, chain=chain, evidence=(example,), changed=changed, lost=lost)]


def record_gain(chosen: Mapping[int, tuple[str, tuple[str, ...], str]],
                gain: Callable[[dict[tuple[str, ...], float]], object] | None) -> tuple[str, ...]:
    """The chain of ``chosen`` (not empty), after telling ``gain`` of a legacy page's reading
    (see :func:`findings`). Apart from the findings because it is not a report: a streamed
    file's first pass needs it even where nobody reads the findings (``fix_text``'s road)."""
    chain = next(iter(chosen.values()))[1]
    if chain[0] != "utf-8" and gain is not None:
        gain({chain: 4.0 * len(chosen)})
    return chain


def _changed_and_lost(bodies: list[str], cands: list[str]) -> tuple[int, int]:
    """The sums of ``textdiff.changed_and_lost`` over the lines, counted on their non-ASCII
    characters alone (through a one-byte page, UTF-8's ASCII is the line's ASCII, so those
    counts cancel). Where no character of the repairs is in the garbled lines (the common
    case: ``é`` never shows in French read as Latin-1, which is ``Ã©``), each line's count is
    its repair's non-ASCII characters, U+FFFD apart: two C passes over the whole, where a
    Counter a line was a third of this road's time on a French page."""
    body, cand = _ASCII_RUNS.sub("", "".join(bodies)), _ASCII_RUNS.sub("", "".join(cands))
    if set(cand).isdisjoint(body):
        lost = cand.count("\ufffd")
        return len(cand) - lost, lost
    changed = lost = 0
    for line, fixed in zip(bodies, cands, strict=True):
        more, gone = changed_and_lost(_ASCII_RUNS.sub("", line), _ASCII_RUNS.sub("", fixed))
        changed += more
        lost += gone
    return changed, lost
