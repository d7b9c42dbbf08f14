"""The document screen of the chain search: a few passes at C speed over the whole text that
prove :func:`mojifix.fixers.chains.fix_chains` has nothing to do (issue 20).

(Subpackage ``engine/``: the pipeline asks it through the chain fixer's prefilter,
:mod:`mojifix.engine.prefilters`; it reads the chain fixer's own tables, never the other way.)

Why a module of its own: the per-line screen of the chain search
(:func:`mojifix.fixers.chains.may_apply`) tries every layer on every flagged line, and on clean
Western text almost every accented line has a candidate (``è`` through cp1252 read back as
cp1251 is ``и``): the search then scores and refuses them one by one. Issue 18's lesson is that
the *document* decides; here the document's own counts refute every road to a change at once:

1. **Junk and lost bytes.** No ``锟斤拷``-style run (a finding) and no U+FFFD (lost bytes take
   other roads through :func:`~mojifix.fixers.chains.undo`): else the screen does not clear.
2. **Legacy chains per line** (the original is a legacy page: cp1251, KOI8-R, GBK, Big5,
   Shift_JIS, EUC-KR). The search keeps such a candidate only when the line has the legacy shape
   (``chains._legacy_shape``): runs of non-ASCII characters (3 or more, shaped: with a lower-case
   letter through cp1252, mostly capitals for KOI8-R, 4 or more for a multi-byte page), or GBK's
   pinyin row pairs ``¨¤``. A line with a candidate is all characters of the wrong page, so its
   runs are runs of that page's characters in the text: one regex per page finds the few that
   may be shaped, and ``_legacy_shape`` itself decides on their line.
3. **UTF-8 chains** (one layer, or the inner UTF-8 layer of two). A line decodes as UTF-8 into
   something non-ASCII only if all its bytes are UTF-8 and hold a lead byte C2-F4 followed by
   a continuation byte 80-BF. The whole text is encoded once per wrong codec of
   :data:`~mojifix.fixers.chains.LAYERS` (unencodable characters become ``?``; a line's bytes
   are a slice of the text's, as every one of these codecs encodes character by character and
   none writes a byte 0A inside a character), read as UTF-8 with each bad byte a lone
   surrogate, and one regex finds the lines that are all UTF-8 (and, for GBK, those holding
   the four CJK characters ``lossy.lossy_utf8`` needs, on every CJK page it asks, or four Greek,
   Cyrillic, Hebrew or Arabic letters, what ``fixers/vanished.py``'s bytes dropped leave). A gate per codec skips the encoding
   where no UTF-8 sequence can come of it (:func:`_gate`). The inner UTF-8 layer of a two-layer
   chain decodes ``t1.encode(legacy)`` where ``t1`` is the line's legacy reading: the line's
   own bytes (every legacy page round-trips, but four Big5 codes: a text holding one is not
   cleared).
4. **Evidence summed over the document** (``plan.shapeless``: English saved as GBK, one ``¡¯``
   per line). It takes only repairs that bring Western punctuation U+2010-U+205F and nothing
   else new. cp1251 and KOI8-R readings never do: cp1251 keeps cp1252's punctuation at the same
   bytes and turns every other changed byte into a character no cp1252 line holds, and KOI8-R
   has no such punctuation. A multi-byte page brings one only through a pair of characters
   whose bytes are that punctuation's code (``¡¯``): one regex over the text finds any of them.

The lines points 2 and 3 name (at most :data:`SUSPECTS_MAX`; more, and the per-line screen
takes the text) are each given the per-line screen's own test on that line alone: one with no
candidate at all adds nothing anywhere. Nothing else in the chain search can change a text or
report a finding (``plan.search_repairs`` runs only once a line's candidate was accepted;
the shapeless evidence is point 4). A layer added to ``LAYERS`` that these proofs do not cover
turns the screen off (``_Tables.covered``), so it never clears a text it cannot vouch for.
``tests/test_docscreen.py`` checks: the pipeline with the screen equals the pipeline with the
per-line screen alone (``prefilters.screen_chains_by_line``) on the corpus and on random mixes
of clean corpus lines and lines garbled many ways; the tables hold what the proofs assume.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import islice
from typing import NamedTuple

from ..scoring import atomic
from ..scoring.atomic import rep
from ..scoring.plausibility import class_of

# The legacy originals the proofs above cover, with the wrong codecs they may be read with.
_SINGLE_LEGACY = {("windows-1251", "windows-1252"), ("koi8-r", "windows-1251"),
                  ("windows-1251", "koi8-r")}
_MULTI_LEGACY = {"gbk", "big5", "shift_jis", "euc-kr"}
_LATIN_WRONG = {"latin-1", "windows-1252"}
_MARKS = range(0x2010, 0x2060)  # plan._only_marks' Western punctuation

_PINYIN_ROW = re.compile("\u00a8[\u00a1-\u00ba]")  # chains._PINYIN_ROW
_UTF8_PAIR = re.compile(b"[\\xc2-\\xf4][\\x80-\\xbf]")
# The same asked of a multi-byte page's bytes of the text's distinct non-ASCII characters, one
# a line: a pair of the text's bytes (_UTF8_PAIR) is inside one character's bytes, or its lead
# ends one character's bytes (here: before "\n"); ASCII is one byte below 80 in every page of
# _BLOCKS, none of them keeps a state between characters, and "?" stands for a character the
# page cannot write, as in the text's encoding. So where this finds nothing, neither does
# _UTF8_PAIR in the whole text's encoding: a page is skipped after encoding a few dozen
# characters instead of the text (accented Latin text: each of six CJK pages, issue 20).
_UTF8_PROBE = re.compile(b"[\\xc2-\\xf4][\\x80-\\xbf\\n]")
# A line (of the text encoded with a wrong codec, then read as UTF-8 with each byte that is no
# UTF-8 turned into a lone surrogate) that is all UTF-8 and holds a non-ASCII character: a UTF-8
# candidate. (Lookahead and possessive runs: linear time.)
_UTF8_LINE = atomic.compile("(?m)^(?=" + rep("[^\\n\\udc80-\\udcff]", "*") + "$)"
                            + rep("[\\x00-\\x09\\x0b-\\x7f]", "*") + "[^\\x00-\\x7f]")
# The Big5 codes that read as a character whose code is another (A1FE and A2CE read as the
# characters of A241 and A4CA, ...): through Latin-1 or cp1252, a two-layer chain's inner UTF-8
# layer would see other bytes than the line's. A text holding one is not cleared by its lines.
_BIG5_TWINS = (b"\xa1\xfe", b"\xa2\x40", b"\xa2\xcc", b"\xa2\xce")


class _Tables(NamedTuple):
    covered: bool  # the proofs cover every layer of chains.LAYERS
    wrongs: tuple[str, ...]  # the wrong codecs, each once
    marks: re.Pattern[str] | None  # character pairs a multi-byte page reads as a mark
    junk: tuple[str, ...]  # chains._UNDECODABLE_RUNS
    runs: tuple[tuple[str, re.Pattern[str], tuple[tuple[str, ...], ...]], ...]
    twins: re.Pattern[str]  # _BIG5_TWINS read through Latin-1 or cp1252
    gates: dict[str, re.Pattern[str] | None]  # per wrong codec: what a UTF-8 reading needs
    # What each regex above needs present in the text (checked on its distinct characters,
    # :func:`_suspects`): a character of the page (runs); a lead character of a single-byte
    # page, or a Unicode block a multi-byte page writes (gates); a first character (marks).
    needs: dict[str, frozenset[str] | frozenset[int]]
    mark_firsts: frozenset[str]
    # No ASCII character among the characters above (needs, mark_firsts): the text's distinct
    # characters are then asked for only its non-ASCII ones (:func:`_distinct`).
    ascii_free: bool


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    """The constant tables of the screen, from the chain fixer's own (built once, no text)."""
    from ..fixers import chains, plan

    covered = plan.SHAPELESS_LINES >= 1 and all(
        orig == "utf-8" or (orig, wrong) in _SINGLE_LEGACY
        or (orig in _MULTI_LEGACY and wrong in _LATIN_WRONG)
        for orig, wrong in chains.LAYERS
    )
    wrongs = tuple(dict.fromkeys(wrong for _, wrong in chains.LAYERS))
    pairs: set[str] = set()
    for orig, wrong in chains.LAYERS:
        if orig not in _MULTI_LEGACY and (orig, wrong) not in _SINGLE_LEGACY:
            continue
        # (cp1251 read as KOI8-R: cp1251's ``’`` at 92 reads as ``▓``, plan.shapeless'
        # evidence for English saved as cp1251; cp1251 read as cp1252 reads its marks as
        # themselves, which bring nothing new: skipped below.)
        for code in _MARKS:
            # The bytes a candidate reads as this mark: its code, when that decodes back to it
            # (Python's Shift_JIS writes U+203E as 7E, which reads as "~": no mark). Every
            # other byte pair reads as the character it is the code of (the pages round-trip,
            # but for four Big5 codes, none a mark: tests/test_docscreen.py checks it all).
            try:
                code_bytes = chr(code).encode(orig)
                if code_bytes.decode(orig) != chr(code) or code_bytes.decode(wrong) == chr(code):
                    continue
                pairs.add(code_bytes.decode(wrong))
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
    marks = re.compile("|".join(map(re.escape, sorted(pairs)))) if pairs else None
    # The legacy chains a line's shape decides (chains._legacy_ok), by the outermost wrong
    # codec: a line with a candidate is all that codec's characters, so its runs of non-ASCII
    # characters are runs of that codec's repertoire in the text.
    legacy: dict[str, list[tuple[str, ...]]] = {}
    for orig, wrong in chains.LAYERS:
        if orig != "utf-8":
            legacy.setdefault(wrong, []).append((orig, wrong))
            for orig2, wrong2 in chains.LAYERS:
                if wrong2 == orig and orig2 != "utf-8":
                    legacy[wrong].append((orig2, wrong2, wrong))
    runs = []
    for wrong, chs in legacy.items():
        high = set(bytes(range(0x80, 0x100)).decode(wrong, errors="ignore")) - {"\ufffd"}
        runs.append((wrong, _shaped_runs(high, chs), tuple(chs)))
    twins = "|".join(re.escape(t.decode(w)) for t in _BIG5_TWINS for w in _LATIN_WRONG)
    needs = {**{f"run:{wrong}": _run_needs(_high(wrong), chs) for wrong, _, chs in runs},
             **{wrong: _gate_needs(wrong) for wrong in wrongs},
             # (and a continuation character: the second half of a single page's gate)
             **{f"cont:{wrong}": frozenset(bytes(range(0x80, 0xC0)).decode(wrong, errors="ignore"))
                for wrong in wrongs if wrong in _SINGLE_PAGES}}
    firsts = frozenset(p[0] for p in pairs)
    ascii_free = not any(isinstance(c, str) and c.isascii()
                         for chars in (*needs.values(), firsts) for c in chars)
    return _Tables(covered, wrongs, marks, tuple(chains._UNDECODABLE_RUNS), tuple(runs),
                   re.compile(twins), {wrong: _gate(wrong) for wrong in wrongs}, needs, firsts,
                   ascii_free)


_ASCII_RUN = re.compile("[\x00-\x7f]+")


def _distinct(text: str, t: _Tables) -> set[str]:
    """The text's distinct characters, as :func:`_suspects` asks about them: its non-ASCII ones
    only where no table holds an ASCII character (each question is whether the text holds a
    character of a table, or which non-ASCII ones it holds). Why: a set of every character
    of a 4 KB page costs more than the one C pass that first drops its runs of ASCII (a third
    of the set's cost on the corpus' Italian and French pages: issue 20). Where non-ASCII is
    dense (Vietnamese: half the letters), dropping the ASCII costs more than it saves: the
    text's first characters decide which form runs (both give the same answers)."""
    if not t.ascii_free:
        return set(text)
    head = text[:_DENSITY_HEAD]  # (its UTF-8 has a byte more for each non-ASCII character)
    if (len(head.encode("utf-8", "surrogatepass")) - len(head)) * _DENSE > len(head):
        return set(text)
    return set(_ASCII_RUN.sub("", text))


# A text whose first _DENSITY_HEAD characters are over 1/_DENSE non-ASCII: its set is taken
# whole (measured on the corpus: Czech, at about this density, costs the same both ways).
_DENSITY_HEAD, _DENSE = 1024, 10


def _high(wrong: str) -> set[str]:
    """The characters a single-byte page gives the bytes 80-FF."""
    return set(bytes(range(0x80, 0x100)).decode(wrong, errors="ignore")) - {"\ufffd"}


def _gate_needs(wrong: str) -> frozenset[str] | frozenset[int]:
    """What :func:`_gate`'s regex needs among a text's distinct characters: a single-byte
    page's lead character; a block (code point >> 7) of a multi-byte page's :data:`_BLOCKS`."""
    if wrong in _SINGLE_PAGES:
        return frozenset(bytes(range(0xC2, 0xF5)).decode(wrong, errors="ignore"))
    out: set[int] = set()
    for lo, hi in re.findall("(.)-(.)", _BLOCKS[wrong], re.S):
        out.update(range(ord(lo) >> 7, (ord(hi) >> 7) + 1))
    return frozenset(out)


_SINGLE_PAGES = {"latin-1", "windows-1252", "windows-1251", "koi8-r", "windows-1253"}
# The Unicode blocks (of 128 code points) holding a character each multi-byte page writes in
# one or two bytes (EUC-KR: and its eight-byte Hangul): written down, since deriving them
# (every sequence decoded) costs tens of ms at the first document; tests/test_docscreen.py
# derives them and checks these hold them all.
_BLOCKS = {
    'gbk': '\x80-\u02ff\u0380-\u047f\u2000-\u207f\u2100-\u237f\u2400-\u267f\u3000-\u317f\u3200-\u32ff\u3380-\u33ff\u4e00-\u9fff\uf900-\ufa7f\ufe00-\ufe7f\uff00-\uffff',
    'gb18030': '\x80-\u02ff\u0380-\u047f\u2000-\u237f\u2400-\u267f\u2e80-\u2eff\u2f80-\u317f\u3200-\u32ff\u3380-\u347f\u3580-\u367f\u3900-\u3a7f\u3b00-\u3b7f\u3c00-\u3cff\u4000-\u407f\u4100-\u417f\u4300-\u43ff\u4480-\u44ff\u4600-\u467f\u4700-\u47ff\u4900-\u49ff\u4c00-\u9fff\ue000-\ue87f\uf900-\ufa7f\ufe00-\ufe7f\uff00-\uffff',
    'big5': '\x80-\xff\u0280-\u02ff\u0380-\u047f\u2000-\u207f\u2100-\u22ff\u2400-\u247f\u2500-\u267f\u3000-\u317f\u3280-\u32ff\u3380-\u33ff\u4e00-\u9fff\ufa00-\ufa7f\ufe00-\ufe7f\uff00-\uffff',
    'cp932': '\x80-\xff\u0380-\u047f\u2000-\u207f\u2100-\u237f\u2400-\u247f\u2500-\u267f\u3000-\u30ff\u3200-\u33ff\u4e00-\u9fff\ue000-\ue77f\uf880-\ufa7f\uff00-\uffff',
    'shift_jis': '\x80-\xff\u0380-\u047f\u2000-\u207f\u2100-\u237f\u2500-\u267f\u3000-\u30ff\u4e00-\u9fff\uff00-\uffff',
    'euc-kr': '\x80-\u017f\u0280-\u02ff\u0380-\u047f\u2000-\u237f\u2400-\u267f\u3000-\u327f\u3380-\u33ff\u4e00-\u947f\u9500-\u9fff\uac00-\ud7ff\uf900-\ufa7f\uff00-\uffff',
}


def _gate(wrong: str) -> re.Pattern[str] | None:
    """A regex that finds something in every text where ``wrong``'s bytes can hold a UTF-8
    sequence (a lead C2-F4, then a continuation 80-BF): where it finds nothing, the text's
    encoding in that page (the costly step) is skipped.

    A single-byte page writes a character as one byte: the pair is a lead character right
    before a continuation character (exact). A multi-byte page: no regex (None); the text must
    hold a character of a Unicode block (of 128 code points) the page writes a character of
    in one or two bytes (:func:`_gate_needs`, from :data:`_BLOCKS`: a superset). A
    character GB18030 writes in four bytes puts an ASCII digit on each side of its third byte,
    which can then neither start nor continue UTF-8: its line reads as no UTF-8, so only the
    one- and two-byte characters count there too."""
    if wrong in _SINGLE_PAGES:
        def chars(lo: int, hi: int) -> str:
            got = bytes(range(lo, hi + 1)).decode(wrong, errors="ignore")
            return class_of(set(got))
        return re.compile(f"[{chars(0xC2, 0xF4)}][{chars(0x80, 0xBF)}]")
    return None  # (as a regex class, the blocks would take tens of ms to compile)


def _run_needs(high: set[str], chains: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    """The characters a text must hold for :func:`_shaped_runs`' regex to find anything: each
    branch holds one class it needs a character of (its case-swapping chains' capitals, its
    KOI8-R and cp1251 chains' lower-case letters, any of ``high`` for a multi-byte page's
    runs). Why not ``high`` alone: cp1251's and KOI8-R's 80-FF hold Western punctuation
    (``’ “ » –``, in most accented Latin pages), but their branches need a Cyrillic letter,
    which those pages lack: two of the four pages' searches skipped (issue 20)."""
    from ..fixers.plan import CASE_SWAP

    out: set[str] = set()
    for chain in chains:  # (the branches of _shaped_runs, chain by chain)
        if chain in CASE_SWAP:
            out |= {c for c in high if c.isupper()}
        elif chain[0] in ("windows-1251", "koi8-r"):
            out |= {c for c in high if c.islower()}
        else:
            out |= high
    return frozenset(out)


def _shaped_runs(high: set[str], chains: list[tuple[str, ...]]) -> re.Pattern[str]:
    """A regex finding a piece of each run of 3 or more of ``high`` (a page's non-ASCII
    characters) that may count in chains._legacy_shape for one of ``chains`` (a necessary
    condition, in C; it may find more): through cp1252, a word with a lower-case letter (so
    three characters of a run, one lower-case); KOI8-R's words are 60% capitals (so two
    capitals in one run); a multi-byte page's runs are 4 characters or more. Every branch
    starts with a character class and has no lookbehind, so the search skips in C."""

    cls = class_of

    from ..fixers.plan import CASE_SWAP  # (the case-swapping chains: words of capitals)

    every, upper = cls(high), {c for c in high if c.isupper()}
    lower = cls({c for c in high if c.islower()})
    alts: list[str] = []
    for chain in chains:
        if chain in CASE_SWAP:  # KOI8-R read as cp1251, cp1251 read as KOI8-R: words of capitals
            # (and two such words in the line: the second after a character of no run)
            two = f"[{cls(upper)}]" + rep(f"[{cls(high - upper)}]", "*") + f"[{cls(upper)}]"
            alts.append(two + rep(f"[{every}]", "*") + f"[^{every}\\n][^\\n]*?" + two)
        elif chain[0] in ("windows-1251", "koi8-r"):
            alts += [f"[{lower}][{every}][{every}]", f"[{every}][{lower}][{every}]",
                     f"[{every}][{every}][{lower}]"]
        else:
            alts.append(f"[{every}]" * 4)
    # (Each class written out as many times as it repeats: ``[...]{2}`` finds the same, but the
    # ``re`` engine searches a counted repeat 1.2-2.3x slower than the items spelled out, on
    # the corpus' Latin pages: issue 20. tests/test_latinfast.py checks both find the same.)
    return atomic.compile("|".join(dict.fromkeys(alts)))


def _line_at(text: str, at: int) -> tuple[int, str]:
    """(start, the line around ``at`` without its end), as the chain search cuts lines."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, text[start:len(text) if end < 0 else end].rstrip("\r")


def _shaped_line(text: str, at: int, wrong: str, chains: tuple[tuple[str, ...], ...],
                 shapes: dict[tuple[int, tuple[bool, bool]], bool] | None = None) -> bool:
    """Whether the line around ``at`` may keep a legacy candidate: it can be written in
    ``wrong`` and has the legacy shape for one of ``chains`` (chains._legacy_shape itself).

    ``shapes``: the document's answers so far, by (line start, shape class). The shape depends
    on a chain only through its class (``shapes.shape_class``), and the pages' runs find the
    same lines: Russian text is runs of both cp1251's and KOI8-R's Cyrillic, whose chains
    fall in the same two classes, so each line is shaped once, not four times (issue 20)."""
    from ..fixers.chains import _legacy_shape
    from ..fixers.shapes import shape_class

    start, line = _line_at(text, at)
    try:
        line.encode(wrong)
    except UnicodeEncodeError:
        return False
    if shapes is None:
        return any(_legacy_shape(line, chain) for chain in chains)
    for chain in chains:
        key = (start, shape_class(chain))
        ok = shapes.get(key)
        if ok is None:
            ok = shapes[key] = _legacy_shape(line, chain)
        if ok:
            return True
    return False


# Texts of every size are screened (there was a floor of 512 characters, for a short pipe's
# start-up: the screen's tables take tens of ms to build). Measured since: the per-line search
# of one short accented line costs more than the tables (French lines of the corpus as records,
# one call each: 0.39x ftfy with the floor, 1.1x without; ``echo 'Le café est fermé' | mojifix
# fix -`` faster too, its cold per-line road building more than the screen does).
# The screen pays where the per-line screen is costly: on Latin-script text with accented
# letters, where nearly every line has a candidate through cp1252 read back as cp1251 (and
# many through GBK and Big5) that the per-line search must score and refuse. On Cyrillic, CJK,
# Arabic, Hebrew text and English with a few quotation marks, the per-line screen's own walk
# clears the lines in C at less than the screen's passes cost (bench/throughput.py: Russian
# 2.1x ftfy by line, 0.8x screened; Arabic 15x, 7.9x): there the screen is not asked.
# (Nor would a tighter lossy line make it pay there: with no lossy line at all, the passes
# alone ran at 8.5 MB/s on the corpus' clean zh_CN, 10.5 on Japanese, 5.7 on Russian, against
# 13, 11 and 48 for the whole per-line screen; issue 20, measured in one process.)
_WORTH_IT = re.compile("[\u00c0-\u024f]")  # Latin-1 letters, Latin Extended-A and -B
# The letters of the other scripts (Greek to Mongolian, Greek Extended, kana and CJK, Hangul;
# not Latin Extended Additional, Vietnamese's). A text holding more of them than of Latin
# accented letters is of another script even if a few accents show, and goes to the per-line
# screen: Russian character tables (``Ã`` among Cyrillic descriptions) cost the document
# screen 2.3 ms each, the per-line screen 0.4 ms (issue 20); Korean pages quoting a French
# word likewise. (Which screen asks changes no output: both are exact, test_docscreen.py.)
_OTHER_SCRIPTS = re.compile("[\u0370-\u1dff\u1f00-\u1fff\u3040-\u9fff\uac00-\ud7af]")
# More lines than this that the passes cannot clear: the text goes to the per-line screen.
SUSPECTS_MAX = 32


# Two non-ASCII characters in a row: where every branch of a _shaped_runs regex starts (each
# begins with two characters of a page's 80-FF repertoire, all non-ASCII).
_PAIR = re.compile("[^\\x00-\\x7f][^\\x00-\\x7f]")  # (not ``{2}``: 3.5x slower, see _shaped_runs)
_PAIR_LINES_MAX = 48
_PAIR_LINE_CHARS = 150  # (past _PAIR_LINES_MAX lines: fewer characters a pair line, search the text)


def _pair_lines(text: str) -> list[tuple[int, int]] | None:
    """(the first pair of non-ASCII characters, its line's end) for each line holding one.

    Why: a :func:`_shaped_runs` regex is an alternation of large classes, which the ``re``
    engine tries at every character (about 1 ms per 100 KB, for each of four pages), while this
    one-class search skips ASCII in C; on accented Latin text such pairs are rare. A match of
    those regexes starts at such a pair and never crosses a line end, so looking for it from
    the line's first pair to the line's end finds exactly what a search over the text would.
    Where pairs are common (Cyrillic, CJK, Greek), a Python step per line costs more than the
    whole-text search saves: past :data:`_PAIR_LINES_MAX` such lines, and more than one in
    :data:`_PAIR_LINE_CHARS` characters so far, None (search the text). The density, not a
    count alone, decides: a count made every big document take the whole-text road, and a
    French file read as cp1252 cost 12.6x for 10x between 100 KB and 1 MB (issue 20; the
    two roads cross near one pair line in 70 to 150 characters: Chinese, Czech)."""
    out: list[tuple[int, int]] = []
    size = len(text)
    m = _PAIR.search(text)
    while m is not None:
        at = m.start()
        end = text.find("\n", at)
        end = size if end < 0 else end
        if len(out) >= _PAIR_LINES_MAX and len(out) * _PAIR_LINE_CHARS > at:
            return None
        out.append((at, end))
        m = _PAIR.search(text, end + 1) if end < size else None
    return out


def _run_matches(text: str, run3: re.Pattern[str], pairs: list[tuple[int, int]] | None
                 ) -> Iterator[re.Match[str]]:
    """The first match of ``run3`` on each line where it has one, in order: searched on the
    lines of ``pairs`` (:func:`_pair_lines`), or (None) over the whole text, going on from the
    next line start after each match."""
    if pairs is not None:
        for at, end in pairs:
            m = run3.search(text, at, end)
            if m is not None:
                yield m
        return
    m = run3.search(text)
    while m is not None:
        yield m
        end = text.find("\n", m.start())  # one look per line
        m = run3.search(text, end + 1) if end >= 0 else None


class _LineOf:
    """The line number (from 0) of offsets of one text, each counted on from the last one asked
    (from the start again only when an offset goes back). Why: counted from the start for each
    suspect, up to SUSPECTS_MAX passes over the whole text, and a bigger text holds more suspects
    (a French file read as cp1252: 100 KB -> 1 MB cost 12.6x, issue 20)."""

    def __init__(self, text: str) -> None:
        self.text, self.at, self.line = text, 0, 0

    def __call__(self, at: int) -> int:
        if at < self.at:
            self.at, self.line = 0, 0
        self.line += self.text.count("\n", self.at, at)
        self.at = at
        return self.line


# UTF-8 read through Big5 or EUC-KR with so many bytes dropped that most of the page's bytes pair
# a UTF-8 lead with a continuation byte: fixers/vanished.soup tells it over the document's lines
# together, which no line cleared alone shows (the property test drew ``apm 准啜押柴潦詻扼…``: no
# finding screened, a lossy one by line). A superset of soup's test (its share 0.5, counted by
# byte classes): clean text of any script at most 0.38.
_SOUP_PAGES = ("big5", "euc-kr")
_SOUP_SHARE = 0.45
_HIGH = bytes(range(0x80, 0x100))


def _souplike(data: bytes) -> bool:
    """Whether ``data`` (a text written with one of :data:`_SOUP_PAGES`) may be soup."""
    high = len(data) - len(data.translate(None, _HIGH))
    pairs = len(_UTF8_PAIR.findall(data))
    return pairs >= 8 and 2 * pairs >= _SOUP_SHARE * high


def _suspects(text: str, t: _Tables) -> set[int] | None:
    """The numbers (from 0) of the lines the document passes cannot clear, or None when one of them
    concerns the whole text (junk, a lost byte, a pair of the shapeless evidence, a Big5 twin)
    or when there are more than :data:`SUSPECTS_MAX` lines (the per-line screen takes it)."""
    if "\ufffd" in text or any(j[0] in text and j in text for j in t.junk):
        return None
    # (the pages lossy_utf8 reads lost bytes through, and its line of four common CJK)
    from ..fixers.lossy import LOSSY_LINE, LOSSY_PAGES

    # One pass gives the text's distinct characters; each regex below runs only where they
    # hold what it needs (a regex over a large class costs several ns a character).
    distinct = _distinct(text, t)
    if t.marks is not None and not distinct.isdisjoint(t.mark_firsts) \
            and t.marks.search(text) is not None:
        return None
    if ("\u00a1" in distinct or "\u00a2" in distinct) and t.twins.search(text) is not None:
        return None
    out: set[int] = set()
    line_of = _LineOf(text)
    if "\u00a8" in distinct:
        for m in _PINYIN_ROW.finditer(text):
            out.add(line_of(m.start()))
    # For the multi-byte pages, once: the distinct non-ASCII characters, one a line
    # (_UTF8_PROBE), and their blocks (ASCII is in no page's _BLOCKS).
    probe: str | None = None
    lone: bool | None = None  # no two non-ASCII characters in a row (_lone_non_ascii)
    blocks: set[int] = set()
    pairs: list[tuple[int, int]] | None = None  # (first pair, line end) per line holding one
    paired = False
    shapes: dict[tuple[int, tuple[bool, bool]], bool] = {}  # (see _shaped_line)
    for wrong, run3, chs in t.runs:
        if distinct.isdisjoint(t.needs[f"run:{wrong}"]):
            continue
        if not paired:
            pairs, paired = _pair_lines(text), True
        for m in _run_matches(text, run3, pairs):
            if len(out) > SUSPECTS_MAX:
                return None
            at = m.start()
            if _shaped_line(text, at, wrong, chs, shapes):
                out.add(line_of(at))
    for wrong in t.wrongs:
        need = t.needs[wrong]
        gate = t.gates[wrong]
        if gate is not None:
            if distinct.isdisjoint(need) or distinct.isdisjoint(t.needs[f"cont:{wrong}"]) \
                    or gate.search(text) is None:
                continue  # (_gate: no UTF-8 sequence in this page's bytes)
        else:  # a multi-byte page: its blocks, then its bytes of the distinct characters
            if probe is None:
                high = sorted(c for c in distinct if c > "\x7f")
                probe, blocks = "\n".join(high) + "\n", {ord(c) >> 7 for c in high}
            if blocks.isdisjoint(need):
                continue
            probed = probe.encode(wrong, errors="replace")
            if _UTF8_PROBE.search(probed) is None:
                continue  # (see _UTF8_PROBE: no UTF-8 sequence in this page's bytes)
            if lone is None:
                lone = _lone_non_ascii(text, pairs if paired else None)
            if lone and _UTF8_PAIR.search(probed) is None:
                continue  # (see _lone_non_ascii: none inside a character, none across two)
        # A character the page cannot write becomes "?": its line has no candidate in that
        # page, and if it reads as UTF-8 all the same, the per-line test below clears it.
        data = text.encode(wrong, errors="replace")
        if _UTF8_PAIR.search(data) is None:
            continue  # no UTF-8 sequence anywhere
        if wrong in _SOUP_PAGES and _souplike(data):
            return None  # (fixers/vanished.soup: a loss told over the lines together)
        # The lines are the text's: "\n" is one byte in every page, never inside a character.
        read = data.decode("utf-8", errors="surrogateescape")
        found = [_UTF8_LINE.finditer(read)]
        read_line_of = _LineOf(read)
        if wrong in LOSSY_PAGES:
            found.append(LOSSY_LINE.finditer(read))  # four CJK or letters: lossy, vanished
        for matches in found:
            for m in matches:
                if len(out) > SUSPECTS_MAX:
                    return None
                # (by its number: the reading's offsets are not the text's)
                out.add(read_line_of(m.start()))
    return out


def _lone_non_ascii(text: str, pairs: list[tuple[int, int]] | None) -> bool:
    """Whether no two non-ASCII characters of ``text`` stand side by side (``pairs``: the
    answer of :func:`_pair_lines` when it was asked, an empty list meaning none).

    Why: a UTF-8 pair in a multi-byte page's encoding of the text lies inside one character's
    bytes, or is one character's last byte (a lead, C2-F4) and the next one's first (a
    continuation, 80-BF). Both are non-ASCII characters (ASCII, and the "?" a character the
    page cannot write becomes, is one byte below 80 in every page of _BLOCKS): in a text
    where each non-ASCII character is followed by ASCII or the end, only the first kind is
    possible, and the probe's bytes of the distinct characters, one a line, hold it exactly
    (``_UTF8_PAIR`` on them, without ``_UTF8_PROBE``'s line end). A Latin character table
    (every symbol of Latin-1 between spaces: GBK's ``¤`` is A1 E8, a lead at its end) then
    skips the six encodings of the whole text (a third of its screen, issue 20)."""
    if pairs is not None:
        return not pairs
    return _PAIR.search(text) is None


def worth_it(text: str) -> bool:
    """Whether to ask :func:`chains_clear` about ``text`` (see :data:`_WORTH_IT` and
    :data:`_OTHER_SCRIPTS`): on the text alone, so the same input always takes the same path.
    (Two scans in C; the second only where an accented Latin letter is found.)"""
    if _WORTH_IT.search(text) is None:
        return False
    # The search found one accented Latin letter: with no letter of another script, the count
    # below is ``latin >= 1 > 0 == other``, known without counting. Why: accented Latin text
    # (the case this screen is for) holds none, and the count listed every accented letter
    # of it (8% of a clean 4 KB Italian page, issue 20); one search answers it in C.
    if _OTHER_SCRIPTS.search(text) is None:
        return True
    # Counted a window at a time: findall over the whole text built a list of every CJK
    # character of a big file (a 25 MB Chinese file with one ``é``: 510 MB instead of 139).
    latin = 0
    for at in range(0, len(text), _COUNT_WINDOW):
        latin += len(_WORTH_IT.findall(text, at, at + _COUNT_WINDOW))
    # ``latin > other`` is "no ``latin``-th letter of another script": the search stops there
    # instead of counting them all. Why: a Russian page quoting one ``é`` listed every
    # Cyrillic letter of it (a tenth of fix_text on the corpus' clean Russian, issue 20); now
    # it steps over ``latin`` of them, and never more letters than the accented ones.
    return next(islice(_OTHER_SCRIPTS.finditer(text), latin - 1, None), None) is None


# Characters :func:`worth_it` counts at a time (its lists stay small; each pattern is one
# character, so windows count what the whole text holds).
_COUNT_WINDOW = 1 << 16


def chains_clear(text: str) -> bool:
    """True only when the chain search certainly returns ``([], [])`` on ``text`` (see the
    module docstring); False means "not proven", and the per-line screen decides.

    The document passes name the few lines they cannot clear; each of those must then have no
    candidate at all (the per-line screen's own test, :func:`mojifix.fixers.chains.may_apply`,
    on that line alone): a line no layer can be undone on adds nothing anywhere."""
    t = _tables()
    if not t.covered:
        return False
    from ..fixers import latinpages

    if latinpages.repairs(text):
        return False  # cp1250 read as cp1252: the document's alphabet decides, no line shows it
    suspects = _suspects(text, t)
    if suspects is None:
        return False
    if not suspects:
        return True
    from ..fixers.chains import may_apply

    lines = text.split("\n")  # with their "\r", as the chain search sees them in the text
    # (Whether a line may be improved on is decided on the line alone: no scan of the chain
    # search looks past a line end, see plausibility.sites.)
    return not any(may_apply(lines[number]) for number in sorted(suspects))
