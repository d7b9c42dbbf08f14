"""Mojibake ftfy leaves alone: encode/decode chain search over legacy code pages.

ftfy undoes UTF-8 read as a single-byte code page, line by line, and needs a lot of evidence on
each line. Text also gets garbled through multi-byte code pages (UTF-8 read as GBK: ``浣犲ソ``;
Shift_JIS: ``縺薙ｓ縺ｫ縺｡縺ｯ``; GBK read as Latin-1: ``ÄãºÃ``; cp1251 read as cp1252:
``Ïðèâåò``; KOI8-R read as cp1251), sometimes twice. This module searches those chains:

* Strict codecs do most of the work: a candidate is the line encoded with the suspected wrong
  codec and decoded *strictly* with the candidate original; most wrong guesses fail outright.
* Each surviving candidate is scored with :func:`mojifix.scoring.plausibility.cost` against the input.
  Two layers are always tried (look one layer ahead), so a half-repaired text never wins.
* The chain is decided on the whole document (the chain with the largest total gain wins), then
  applied per line, only where it is clearly better (cost at most 3/4 of the input's, a smaller
  margin when the result came from valid UTF-8). A garbled paragraph in a clean file is fixed
  and the rest untouched.
* Lines too short to decide alone (a heading, a one-word line) take the document's plan
  (:mod:`mojifix.fixers.plan`): the chains its other lines proved, in spans, unless the line carries
  its own evidence of being clean.
* Lines whose plausibility cost is zero never enter the per-line search: the cheap screen.
* Lost bytes (U+FFFD in the mojibake): the remaining bytes are decoded, each lost character is
  marked with U+FFFD and counted. cp1251's one undefined byte (0x98) is restored exactly.
* ``锟斤拷`` and ``烫烫烫`` are the fingerprints of damage that cannot be undone (U+FFFD stored
  as UTF-8 then read as GBK; uninitialised MSVC stack memory): they are reported, not changed.
"""

from __future__ import annotations

import re
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from functools import lru_cache, partial

from ..config import Config
from ..memo import aside, current, last_answer
from ..model import Edits, Finding, Later, describe_chain
from ..scoring import letters, repertoire
from ..scoring.plausibility import cost
from ..textdiff import diff_edits
from . import chainreport, cjklines, latinpages, lostcjk, lostwords, plan, vanished, wholepage
from .chosen import ChosenLines, written
from .cyrspans import swapped_out
from .docgain import document_gain
from .flagged import Flagged, Recomputed, Tagged, flagged_lines
from .linescores import LineScores
from .linescores import Scores as _Scores
from .lossy import COMMON_CJK, LOSSY_PAGES, fffd_only, garbage, lossy_lines, lossy_read, lossy_utf8
from .lossy import UNDECODABLE_RUNS as _UNDECODABLE_RUNS  # (engine/docscreen.py reads it here)
from .mixedwords import own_reading
from .mojibake import ftfy_fix
from .shapes import MULTIBYTE, greek_reads_better, legacy_ok, script_of, scripts_of, utf8_shape
from .shapes import legacy_shape as _legacy_shape  # noqa: F401  (engine/docscreen.py imports it here)
from .undo import LOSSY_OK, encode_exact, round_trips, undo

# One layer = (original encoding, codec it was wrongly decoded with).
LAYERS: tuple[tuple[str, str], ...] = (
    ("utf-8", "gbk"),
    ("utf-8", "gb18030"),
    ("utf-8", "big5"),
    ("utf-8", "shift_jis"),
    ("utf-8", "cp932"),  # Windows' Shift_JIS: byte A0 is U+F8F0, 80 U+0080 (shift_jis has neither)
    ("utf-8", "euc-kr"),
    ("utf-8", "windows-1251"),
    ("utf-8", "koi8-r"),
    ("utf-8", "latin-1"),
    ("utf-8", "windows-1252"),
    ("utf-8", "windows-1253"),
    ("gbk", "latin-1"),
    ("gbk", "windows-1252"),
    ("big5", "latin-1"),
    ("big5", "windows-1252"),
    ("shift_jis", "latin-1"),
    ("shift_jis", "windows-1252"),
    ("euc-kr", "latin-1"),
    ("euc-kr", "windows-1252"),
    ("windows-1251", "windows-1252"),
    ("koi8-r", "windows-1251"),
    ("windows-1251", "koi8-r"),
)
CASE_SWAP = plan.CASE_SWAP


# The single-byte wrong codecs of LAYERS, and every character one of them writes (their
# decoding tables: a charmap codec encodes exactly the characters it decodes to).
_SINGLE = ("windows-1251", "koi8-r", "latin-1", "windows-1252", "windows-1253")
_MULTI_LAYERS = tuple(layer for layer in LAYERS if layer[1] not in _SINGLE)  # (in order)


@lru_cache(maxsize=1)
def _single_out() -> re.Pattern[str]:
    """Any character none of :data:`_SINGLE` can write (a constant table, built once)."""
    chars = {c for w in _SINGLE for c in bytes(range(256)).decode(w, errors="ignore")}
    return re.compile("[^" + "".join(sorted({re.escape(c) for c in chars})) + "]")


def _one_layer(line: str, encoded: dict[str, bytes | None] | None = None
               ) -> Iterator[tuple[tuple[str, str], str]]:
    """Each layer of :data:`LAYERS` that can be undone on ``line`` (strict codecs), in order,
    with its result. Most layers share a wrong codec: the line is encoded once per codec (the
    common case, no U+FFFD; :func:`undo` handles lost bytes). ``encoded``: the line's strict
    encodes the caller shares (codec: bytes, None when it failed), filled in here.

    A line holding a character no single-byte page writes (any hanzi, kana, Hangul: one regex
    search) skips their five encodes, each of which would fail: a third of the time of clean
    CJK text's chain screen (issue 20)."""
    screened = repertoire.ready(len(line))  # then a codec that cannot write the line is skipped
    if "\ufffd" in line:
        for orig, wrong in LAYERS:
            if wrong not in LOSSY_OK:
                continue  # undo gives up on a lost byte there: no call
            if screened and wrong != "gb18030" and repertoire.cannot_write(line, wrong):
                continue
            t = undo(line, orig, wrong)
            if t is not None and t != line:
                yield (orig, wrong), t
        return
    if encoded is None:
        encoded = {}
    exact: dict[str, bool] = {}
    # Codecs known not to write the line: the single-byte ones when one regex says so (their layers
    # left out), and what the repertoire refuses (kept apart: ``encoded`` holds real encodes only,
    # which fixers/lossy.py reads too; the repertoire also refuses what does not read back).
    skip: set[str] = set()
    layers = LAYERS if _single_out().search(line) is None else _MULTI_LAYERS
    for orig, wrong in layers:
        if wrong in skip:
            continue
        if wrong == "gb18030":
            if screened and orig == "utf-8" and repertoire.not_utf8_via_gb18030(line):
                continue
        elif screened and wrong not in encoded and repertoire.cannot_write(line, wrong):
            skip.add(wrong)
            continue
        if wrong == "gb18030" and wrong not in encoded and encoded.get("gbk") is not None:
            # GB18030 writes every character GBK writes with GBK's bytes (every one, checked in
            # tests/test_cjkfast.py), and its encoder is the slowest of all: reuse (issue 20).
            encoded[wrong] = encoded["gbk"]
        if wrong not in encoded:
            try:
                encoded[wrong] = repertoire.encoder(wrong)(line)[0]
            except UnicodeEncodeError:
                encoded[wrong] = None
        data = encoded[wrong]
        if data is None:
            continue
        try:
            t = data.decode(orig)
        except UnicodeDecodeError:
            continue
        if t == line:
            continue
        # The round trip (see encode_exact) is checked only once a decode succeeds: most fail.
        if wrong not in exact:
            exact[wrong] = round_trips(line, data, wrong)
        if exact[wrong]:
            yield (orig, wrong), t


def _candidates(line: str, one: list | None = None) -> list[tuple[tuple[str, ...], str]]:
    """Every one- and two-layer repair of ``line`` that survives strict codecs (``one``: its
    :func:`_one_layer`, when the caller has it)."""
    out: list[tuple[tuple[str, ...], str]] = []
    # Outer layers often give one text (GBK and GB18030, Shift_JIS and cp932 read UTF-8 alike):
    # its inner layers are undone once (issue 20: a third of the search's strict codec calls).
    undone: dict[tuple[str, str, str], str | None] = {}
    for (orig1, wrong1), t1 in (_one_layer(line) if one is None else one):
        out.append(((orig1, wrong1), t1))
        if t1.isascii() or fffd_only(t1):
            continue  # (nothing an inner layer could read but marks: see lossy.fffd_only)
        # The inner layer: a legacy page read as cp1252 and that saved as UTF-8 and read as
        # cp1252 again; or UTF-8 read as any page, saved as UTF-8 and read as cp1252 (``è„¿``:
        # ``à`` read as GB18030, ``脿``, then read as cp1252), which ftfy alone leaves half done
        # when its own check finds the outer layer too plausible to undo.
        outer_latin = orig1 == "utf-8" and wrong1 in ("latin-1", "windows-1252")
        for orig2, wrong2 in LAYERS:
            if (orig2, wrong2) == (wrong1, orig1):
                continue  # the inverse layer gives the line back
            if wrong2 != orig1 and not (orig1 == "utf-8" and wrong2 in ("latin-1", "windows-1252")) \
                    and not (outer_latin and orig2 == "utf-8"):
                continue
            key = (t1, orig2, wrong2)
            t2 = undone[key] if key in undone else undone.setdefault(key, undo(t1, orig2, wrong2))
            if t2 is not None and t2 != t1:
                out.append(((orig2, wrong2, wrong1), t2))
    return out


def may_apply(text: str) -> bool:
    """False only when :func:`fix_chains` would return nothing for ``text``: no garbage
    fingerprint and no non-ASCII line that any layer can even be undone on (strict codecs)."""
    # One character first (a single-character find is several times faster than a three-
    # character one), the whole run only where that character occurs.
    if any(junk[0] in text and junk in text for junk in _UNDECODABLE_RUNS):
        return True
    flagged = _flagged_lines(text)
    pages = _shown(text, flagged)  # (the document decides: fixers/vanished.py)
    if _page_survey(text, flagged).soup:
        return True  # (maybe bytes dropped from most characters: vanished.soup tells it)
    quiet = _quiet_cjk(text, flagged)  # (proven all at once: no layer, no lost bytes)
    for number, (_, body) in enumerate(flagged.pairs()):
        if not quiet[number] and not body.isascii():
            encoded: dict[str, bytes | None] = {}  # one strict encode per page, shared
            if next(_one_layer(body, encoded), None) is not None:
                return True  # the fixer runs next and reuses the scan
            if any(_lossy(body, w, encoded) for w in LOSSY_PAGES):
                return True  # damage that cannot be undone is still reported
        if vanished.may_hold(body, pages):  # (and bytes dropped without a mark)
            return True
    return bool(latinpages.repairs(text))


# The wrong pages of the layers a line holding a character no single-byte page writes is tried
# with (:func:`_one_layer`), when all of them are UTF-8 read through a multi-byte page and the
# pages lossy bytes are read back through are among them (what fixers/cjklines.py and
# vanished.pages_of prove; else they are not asked).
_CJK_PAGES = tuple(dict.fromkeys(w for _, w in _MULTI_LAYERS)) \
    if all(orig == "utf-8" for orig, _ in _MULTI_LAYERS) and set(LOSSY_PAGES) <= {w for _, w in _MULTI_LAYERS} \
    else ()


def _quiet_cjk(text: str, flagged: Flagged) -> bytes:
    """A byte per ``flagged`` line, 1 where the line (holding a hanzi, kana or Hangul, and no
    U+FFFD) has no layer undone on it (:func:`mojifix.fixers.cjklines.quiet`) and no lost bytes
    read back on it (``vanished.pages_of``: none through any page), all proven at once: the
    per-line screen asks neither of them (issue 20). (Bytes, not a set: a big file's lines.)"""
    lost = _page_survey(text, flagged).lost
    if not _CJK_PAGES or lost is None:
        return bytes(len(flagged))
    out = _single_out()
    numbers = array("q")  # (the lines asked, by number)
    heads = []
    for number, (_, body) in enumerate(flagged.pairs()):
        if not lost[number] and "\ufffd" not in body and out.search(body) is not None:
            numbers.append(number)
            heads.append(cjklines.head(body))
    quiet = bytearray(len(flagged))
    for number, ok in zip(numbers, cjklines.quiet(heads, _CJK_PAGES), strict=True):
        quiet[number] = ok
    return bytes(quiet)


def whole_document(text: str, clear: Callable[[str], bool] | None = None) -> chainreport.Chosen | None:
    """:func:`mojifix.fixers.wholepage.lines` for ``text``, once per document (the prefilter
    and the fixer both ask; ``clear``: the prefilter's document screen)."""
    return last_answer("last_whole", text, lambda t: wholepage.lines(t, lambda out: _left(out, clear)))


def _left(out: str, clear: Callable[[str], bool] | None) -> bool:
    """Whether the chain search would still change ``out``, a whole-document reading (a second
    layer, a part garbled another way): exact. The per-line screen first (the cheapest, and on
    CJK text it clears as often as the document screen, at a fifth of its cost), then the
    document screen ``clear`` where the caller has it, then the search itself, outside the
    document's memo (``out`` is another text). Why the search: the screens flag a clean
    Ukrainian page in two (a line some layer undoes, which the search then refuses), and the
    reading of such a page garbled whole took the line-by-line road at a third of the speed."""
    if not may_apply(out) or (clear is not None and clear(out)):
        return False
    with aside():
        chosen, findings = _decide(out, Config())
    return bool(chosen or findings)


def _shown(text: str, flagged: Flagged) -> tuple[str, ...]:
    """:func:`vanished.shown` on ``text``'s ``flagged`` lines (see :func:`_page_survey`)."""
    return _page_survey(text, flagged).pages


def _page_survey(text: str, flagged: Flagged) -> vanished.Shown:
    """:func:`vanished.pages_of` on ``text``'s ``flagged`` lines, asked once per document: the
    screen and the fixer both need it, and it encodes every flagged line through four pages."""
    return last_answer("last_shown", text, lambda _: vanished.pages_of(flagged.values()))


def _refused(body: str, one: list, shaped: dict) -> tuple[tuple[str, ...], ...]:
    """The one-layer chains of ``body``'s candidates from a legacy page (``one``: its
    :func:`_one_layer`) that the shape test refuses: what plan.shapeless weighs for the
    document (with their repairs, :func:`_remade`)."""
    return tuple(ch for ch, t in one if ch[0] != "utf-8" and not legacy_ok(body, ch, t, shaped))


def _remade(body: str, chains: tuple[tuple[str, ...], ...]) -> list[tuple[tuple[str, ...], str]]:
    """The candidates :func:`_refused` named, made again: :func:`undo` gives what
    :func:`_one_layer` gave for a layer it yielded (the same strict encode and decode)."""
    try:
        if "\ufffd" not in body:  # one strict encode per wrong page, as _one_layer does
            data = {wrong: encode_exact(body, wrong) for _, wrong in chains}
            return [(ch, data[ch[1]].decode(ch[0])) for ch in chains]
        out = [(ch, undo(body, *ch)) for ch in chains]
        if all(t is not None for _, t in out):
            return out  # type: ignore[return-value]
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    one = dict(_one_layer(body))  # (never seen: then the search's own road)
    return [(ch, one[ch]) for ch in chains]


def _lossy(body: str, page: str, encoded: dict[str, bytes | None]) -> bool:
    """Whether ``lossy_utf8(body, page)`` finds lost bytes, reusing the strict encode
    :func:`_one_layer` made of ``body`` (same bytes when the line holds no U+FFFD; a None there
    is a failed encode, which lossy_utf8 also gives up on)."""
    if "\ufffd" in body or page not in encoded:
        return lossy_utf8(body, page) is not None
    data = encoded[page]
    return data is not None and lossy_read(body, data) is not None


def _flagged_lines(text: str) -> Flagged:
    """{offset: line without its end} for the lines holding a non-ASCII character where the
    plausibility cost may be above 0 (the only ones a chain can improve on: no layer changes
    ASCII), found by whole-text regex scans that go on from the next such line after a hit
    (:func:`mojifix.scoring.plausibility.sites`). The screen and the fixer ask
    about the same text in a row, so while a document is repaired the last answer is kept in
    its memo (for that very string object only). Held as offsets, each line sliced when it is
    read (:mod:`mojifix.fixers.flagged`: a copy of every line was 1.4x a French file, issue 20)."""
    return last_answer("last_flagged", text, _flag)


def _flag(text: str) -> Flagged:
    """:func:`_flagged_lines`, computed."""
    return flagged_lines(text)


_FTFY_LAYERS = {("utf-8", "latin-1"), ("utf-8", "windows-1252")}


def _after_ftfy(
    body: str, fixed: str, steps: tuple[tuple[str, str], ...]
) -> list[tuple[tuple[str, ...], str]]:
    """One-layer candidates under ftfy's re-decoding of ``body`` (its answer ``fixed``),
    labelled with ftfy's layers outermost.

    ftfy's answer can differ from the strict decoding of the whole line when it also decodes a
    pair the inner layer needs (``Ì³``, cp1251 ``Мі`` read as cp1252, becomes U+0333): with one
    outer layer, the inner one is searched on the strict decoding too."""
    outer = tuple(codec.removeprefix("sloppy-") for kind, codec in steps if kind == "encode")
    bases = [fixed]
    if len(outer) == 1:
        strict = undo(body, "utf-8", outer[0])
        if strict is not None and strict != fixed:
            bases.append(strict)
    out = []
    for base in bases:
        if base.isascii() or fffd_only(base):
            continue  # (U+FFFD alone under ftfy's layers, ``ï¿½`` undone: no page to search)
        shaped: dict[tuple[bool, bool], bool] = {}
        for ch, t in _one_layer(base):  # one layer only: ftfy's are outermost
            if ch[0] == "utf-8" or legacy_ok(base, ch, t, shaped):
                out.append((ch + outer, t))
    return out


def _yield_to_ftfy(
    line: str, scored: dict[tuple[str, ...], tuple[float, str]]
) -> dict[tuple[str, ...], tuple[float, str]]:
    """Leave a line to ftfy (the next fixer) when ftfy repairs it and we cannot do clearly better.

    When ftfy re-decodes the line, its answer stands. When it only patches it (C1 controls,
    partial UTF-8), a candidate from a legacy page that costs at most half of ftfy's answer wins.
    """
    fixed, steps = ftfy_fix(line)
    if fixed == line:
        return scored
    if any(step[0] == "encode" for step in steps):
        return {}  # ftfy found a full re-decoding of its own: its answer stands
    bar = cost(fixed) * 0.5
    return {ch: v for ch, v in scored.items() if ch[0] != "utf-8" and v[0] <= bar}


# Costs are sums of fractions (0.4 + 0.8 + ...): thresholds are compared with a little slack,
# or ``Ïðèâåò ìèð`` (3.9999999999999996) would miss a bar of 4 it meets.
_EPS = 1e-9
_MARGINS = (0.85, 0.75)  # the most a candidate may cost, as a share of the line: from UTF-8, other
_BIG_GAIN = 6.0  # or this gain, UTF-8 through a single-byte page: a long line (a char table)


def _accept(base: float, new: float, chain: tuple[str, ...]) -> bool:
    margin = _MARGINS[0] if chain[0] == "utf-8" else _MARGINS[1]
    big = base - new >= _BIG_GAIN - _EPS and chain[0] == "utf-8" and chain[-1] not in MULTIBYTE
    return (new <= base * margin + _EPS or big) and base - new >= 1.0 - _EPS


def _may_choose(base: float, new: float, chain: tuple[str, ...], best: float) -> bool:
    """Whether a line may take ``chain``'s repair (cost ``new``; ``best``: its cheapest) under
    some ranking of the document's chains: the line alone decides this."""
    return _accept(base, new, chain) and new <= best + 0.5


def fix_chains(text: str, config: Config) -> tuple[Edits, list[Finding]]:
    """Find and undo legacy-code-page mojibake; see the module docstring for the rule."""
    chosen, findings = _decide(text, config)
    chosen, guessed = lostcjk.with_words(chosen)  # (what lost bytes left open, chosen by words)
    edits = Edits()  # (column-wise: a document read whole has an edit per garbled letter)
    for start in sorted(chosen):
        body, chain, cand = chosen[start]
        edits.extend(diff_edits(body, cand, start, "mojibake", describe_chain("mojibake", chain)))
    if isinstance(chosen, wholepage.WholeLines):
        edits.made = chosen.out  # (the edits make the reading: the pipeline takes it as it is)
    return edits, chainreport.summary(chosen, findings, text) + guessed


def text_only(text: str, config: Config) -> tuple[str, list[Finding] | Later] | None:
    """:func:`fix_chains`'s text and findings without its edits (the registry's shortcut, for
    ``fix_text`` and streaming): each chosen line is replaced whole by its repair. Why: the
    edits are a character alignment of each repaired line (``textdiff.diff_edits``), and where
    a chain changes ASCII too (UTF-8 read as Shift_JIS takes ASCII bytes as trail bytes) that
    alignment is difflib's, 70% of the time of such a document (issue 20); the text needs none."""
    if config.fix_mojibake and not text.isascii() and (whole := whole_document(text)) is not None \
            and not lostwords.applies(whole):
        # (not lostcjk's: a whole reading is strict, so a U+FFFD in it was in the text)
        # The document read whole: its reading is the text, and the findings are made only
        # when someone reads them (counting every place changed was 40% of fix_text's time on
        # such a document, issue 20); a legacy reading's evidence is told at once (streams).
        wholepage.record_gain(whole, document_gain)
        return whole.out, lambda: chainreport.summary(whole, wholepage.findings(whole))
    chosen, findings = _decide(text, config)
    chosen, guessed = lostcjk.with_words(chosen)
    # Up to 1 MB, the findings are made when read from the repairs kept till then (``fix_text``
    # reads none: counting each line's changes was an eighth of a Turkish page's time). Above,
    # the findings first; then each line is let go once its repair is written, and the text is
    # joined a block at a time (the lines, their repairs and a list of every piece were alive
    # beside the joined text: 20 MB of Chinese read as GBK). Both: issue 20.
    found: list[Finding] | Later = partial(chainreport.summary, chosen, findings, text, guessed)
    take = chosen.__getitem__
    if len(text) > 1 << 20:
        found = found()
        take = chosen.pop if isinstance(chosen, MutableMapping) else chosen.__getitem__
    out = written(text, chosen, take)
    return None if out is None else (out, found)


def _decide(text: str, config: Config) -> tuple[chainreport.Chosen, list[Finding]]:
    """The lines the document's chains repair, and the findings that are not about them."""
    if not config.fix_mojibake or text.isascii():
        return {}, []
    if (whole := whole_document(text)) is not None:  # the document decides at once (fixers/wholepage.py)
        return whole, wholepage.findings(whole, document_gain)
    latin = latinpages.repairs(text)  # a chain the document's alphabet decides: no search
    findings = garbage(text)  # (锟斤拷: bytes no chain brings back)
    # A line's scores are held flat (fixers/linescores.py), not as a tuple of pairs per line:
    # those small objects were most of a big file's peak (issue 20).
    held = LineScores(text)
    gain: dict[tuple[str, ...], float] = defaultdict(float)
    # Only lines whose cost may be above 0 can be improved on (whole-text regex scans); then
    # the cheapest test first: strict codecs (C speed) leave most clean lines no candidate;
    # only then the plausibility costs, and ftfy only for a line a chain could win.
    flagged = _flagged_lines(text)
    memo = current()
    if memo is not None:
        memo.last_flagged = None  # read once more by nobody: do not keep the lines
    # The lines whose legacy candidates the shape test refused (plan.shapeless's evidence),
    # as offsets: their candidates are made again when it asks (_refused; kept, they were
    # most of a clean French file's peak: issue 20).
    shapeless = Tagged()
    scored_lines = 0 if latin else len(flagged)  # (the density of the chains' gain: docgain.sparse)
    for pos, body in ({} if latin else flagged).items():
        one = list(_one_layer(body)) if not body.isascii() else []
        shaped: dict[tuple[bool, bool], bool] = {}  # legacy_shape's answers for this line
        fixed, steps = ftfy_fix(body) if any(ly in _FTFY_LAYERS for ly, _ in one) else (body, ())
        if fixed != body and any(step[0] == "encode" for step in steps):
            # ftfy's re-decoding stands (see _yield_to_ftfy), maybe only the outer layer (cp1251
            # read as cp1252, then UTF-8 read as cp1252): one more layer is searched on it. Asked
            # first, ftfy spares the line a two-layer search whose candidates would be dropped.
            if not held and (refused := _refused(body, one, shaped)):  # see below: while none repaired
                shapeless.add(pos, refused)
            # A candidate is scored against ftfy's answer and must gain 1 on it: an answer that
            # costs less (clean text, the common case) needs no inner search (issue 20).
            cands = _after_ftfy(body, fixed, steps) if cost(fixed) >= 1.0 else []
            if not cands:
                continue
            after_ftfy, scored_against = True, fixed
        else:
            after_ftfy, scored_against = False, body
            cands = _candidates(body, one) if one else []
            if cands and any(ch[0] != "utf-8" for ch, _ in cands):
                kept = [(ch, t) for ch, t in cands if ch[0] == "utf-8" or legacy_ok(body, ch, t, shaped)]
                if len(kept) < len(cands) and not held and (refused := _refused(body, one, shaped)):
                    shapeless.add(pos, refused)
                cands = kept
            cands = [(ch, t) for ch, t in cands if utf8_shape(body, t, ch)]
            if cands and (words := own_reading(body)) is not None:
                scored_against = words  # (its garbled words undone first: fixers/mixedwords.py)
        base = cost(scored_against) if cands else 0.0
        if base >= 1.0:  # _accept needs a gain of at least 1
            # No candidate above this can be accepted, nor beat one that can: stop scoring there.
            limit = min(base * max(_MARGINS), base - 1.0)
            scored: dict[tuple[str, ...], tuple[float, str]] = {}
            seen: dict[str, float] = {}  # GBK and GB18030 (and others) often give one text
            for chain, cand in cands:
                c = seen[cand] if cand in seen else seen.setdefault(cand, cost(cand, limit))
                if chain not in scored or c < scored[chain][0]:
                    scored[chain] = (c, cand)
            if any(_accept(base, c, chain) for chain, (c, _) in scored.items()):
                if not after_ftfy:
                    scored = _yield_to_ftfy(body, scored)
                if scored:
                    # (a repair no ranking of the chains can choose is not kept: an empty text)
                    best = min(c for c, _ in scored.values())
                    held.add(pos, body, base, ((ch, (c, t if _may_choose(base, c, ch, best) else ""))
                                               for ch, (c, t) in scored.items()))
                    # plan.shapeless is asked only when no line is repaired: from the first
                    # repaired line on, the refused lines are not kept (a big file's lines
                    # held alive till the end made each full GC pass longer: issue 20).
                    shapeless.clear()
                    for chain, (c, _) in scored.items():
                        if _accept(base, c, chain) and not fffd_only(body):
                            gain[chain] += base - c
    # Lines that lost bytes: read back with the gaps marked U+FFFD (lossy.unrecovered counts them)
    # (Not the lines a Latin page repairs either: they are chosen whatever is read back, and a
    # Turkish page asked every one of its lines of each lossy page, 7% of its time, issue 20.)
    rest = flagged.without(held.starts() | {start for start, *_ in latin})  # (offsets, not lines)
    lossy, read_back = lossy_lines(rest, set())
    if lossy:
        findings.append(lossy)
    if read_back:  # (the document named the page: its short lines too)
        read_back = vanished.short_lines(rest, read_back)
    elif not lossy:  # bytes dropped without a mark (fixers/vanished.py)
        read_back = vanished.find(rest, _shown(text, flagged))
    per_line: Iterable[tuple[int, str, float, _Scores]] = held
    if decided := not held:  # then plan.shapeless decides the document's chain: no bar per line
        per_line, gain = plan.shapeless(Recomputed(flagged, shapeless, _remade), cost, _accept, text)
    if not per_line and not latin:
        if not findings and not read_back:  # (nothing found: maybe too little left to read back)
            findings = _soup(text, flagged, {})
        return read_back, findings
    # The document's evidence per chain: when a big file is streamed, the whole file's sums
    # (each line's gain depends on that line only, so they add up over chunks).
    gain = document_gain(gain, scored_lines)
    ranked = sorted(gain, key=lambda ch: (-gain[ch], len(ch)))
    repaired: list[tuple[int, tuple[str, ...], float]] = []
    chosen = ChosenLines(text)  # (each line as its place: the text is alive anyway, fixers/chosen.py)
    for start, body, cand, page_chain in latin:
        chosen[start] = (body, page_chain, cand)
    for start, body, base, scores in per_line:
        scored = dict(scores)
        # The document's chains in order of total gain; a line takes the best one that is
        # clearly better than the line as it is, and also the best for this line (with slack).
        best_here = min(c for c, _ in scored.values())
        for chain in ranked:
            if chain not in scored:
                continue
            c, cand = scored[chain]
            if not _may_choose(base, c, chain, best_here):
                continue
            if chain[0] == "utf-8":
                need = 1.0 if COMMON_CJK.search(cand) else 2.5
                enough = gain.get(chain, 0.0) >= 2.0 - _EPS
            else:
                need, enough = 4.0, gain.get(chain, 0.0) >= 4.0 - _EPS
                if chain in CASE_SWAP and letters.vowels_restored(body, cand):
                    enough = True
            if not enough and not decided and (base - c < need - _EPS or fffd_only(body)):
                continue  # too little evidence in the whole document
            chosen[start] = (body, chain, cand)
            repaired.append((start, chain, base - c))
            break
    del per_line, held  # (every scored line's repairs: only the chosen ones are read from here on)
    # The document decides the lines too short to decide alone, and the lines whose own
    # choice it contradicts (see plan.py).
    # One-layer chains need no two-layer search (candidates are not kept: a big file's memory).
    the_plan = plan.decide(repaired, gain)
    deep = any(len(s.chain) > 2 for s in the_plan.spans)
    scripts = scripts_of(cand for ch, cand in chosen.repairs() if ch[0] == "utf-8" and ch[-1] in MULTIBYTE)

    def shape_ok(body: str, cand: str, chain: tuple[str, ...]) -> bool:
        # A lone ideograph whose repair is a letter of the script the document's own repairs
        # are written in (``(胁 ut_tv)`` is ``(в ut_tv)`` in a Russian page read as GBK): the
        # document decides the line (the plan's other rules still apply). And Greek read as
        # cp1252 is no Cyrillic, even in a Russian part's span (shapes.greek_reads_better).
        if chain[0] == "windows-1251" and len(chain) == 2 and greek_reads_better(body, chain[1], cand):
            return False
        return utf8_shape(body, cand, chain) or (chain[0] == "utf-8" and all(
            c.isascii() or script_of(c) in scripts for c in cand))

    for start, body, chain, cand in plan.search_repairs(text, the_plan, repaired, _candidates if deep
                                                        else lambda b: list(_one_layer(b)),
                                                        shape_ok, ftfy_fix, cost):
        chosen[start] = (body, chain, cand)
    for start, chain in swapped_out(the_plan, repaired):  # (not admitted: left as it came)
        if chosen[start][1] == chain:
            del chosen[start]
    if not findings and not read_back:
        # A line or two read back, the rest of the page too broken to: that loss is told too
        # (ja lookbib.1 through EUC-KR was "1 line, 2 characters changed" and nothing more).
        findings = _soup(text, flagged, chosen)
    return chosen.after(read_back), findings


def _soup(text: str, flagged: Flagged, chosen: chainreport.Chosen) -> list[Finding]:
    """:func:`vanished.soup` of the flagged lines ``chosen`` leaves as they are ("the rest" when
    it repairs any): maybe bytes dropped from most characters, too few left to read back."""
    survey = _page_survey(text, flagged)
    if not survey.soup:
        return []
    return vanished.soup(((s, b) for s, b in flagged.pairs() if s not in chosen), survey, rest=bool(chosen))
