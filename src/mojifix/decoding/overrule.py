"""Could anything overrule a declared encoding? Asked before the full detection, and cheaply.

Why a module of its own: :func:`mojifix.decoding.declared.weigh` used to run the whole of
:func:`mojifix.decoding.detect.detect` (ranking, chardet's vote, the winner decoded) on every
file that declares its encoding -- two thirds of the legacy files of char-dataset -- only to
learn, nearly always, that detection agrees (issue 20). A declaration needs less: it stands
unless some other reading is more plausible. That is a question about lower bounds, which
detection's tables answer cheaply, on the same evidence and with the same costs:

* the declared readings (the browser's codec for the label and the label's own codec, e.g.
  ``cp932`` and ``shift_jis``) are scored in full on the evidence, and the winner is the one
  detection would pick between them (cost and prior, near-ties to the label's own codec:
  :data:`OWN_MARGIN`);
* every other reading gets a lower bound: its per-character cost (multi-byte readings from
  their decoded evidence, single-byte pages from the byte histogram, first of their most
  frequent bytes, no decoding); only one whose bound is below the winner's cost (a single-byte
  page: near it, :data:`SURE`) is scored in full, and one that is still below it puts the
  declaration in doubt (:data:`LEAD`). A near rival whose bound already says it cannot (a
  multi-byte reading's: of its first characters, or of all of them plus its shape, which a
  Korean text read as Chinese pays: ``cjkshape.shape_cost``) is scored last, nearest bound
  first, and only while it could still be the nearest rival under :data:`CERTAIN` (the
  confidence is the same: ``tests/test_detect_lazy.py`` scores every rival in full beside it);
* in doubt (such a rival, a reading detection would score that this check does not: EBCDIC,
  UTF-16/32, ISO-2022, text without spaces; or a label no candidate codec spells), the caller
  weighs the declaration against the full detection, as before. chardet is not asked here: the
  declaration settles what its vote would.

The answer names the text as detection does (the lowest-prior candidate that decodes the bytes
to the same text: ``iso-8859-2`` that windows-1250 reads alike is windows-1250) and is as sure
as the margin proven over the nearest rival's bound, at least 0.95 (a followed declaration's
floor). The margin is a lower bound of detection's (and chardet's vote, which widened it, is not
asked), so the confidence may be below what the full detection reported, never below 0.95: 53
of char-dataset's whole files, same encodings and texts (``tests/data/detect_answers.json``,
``tests/test_declared_first.py``).
"""

from __future__ import annotations

import codecs
import math
import operator
from array import array
from collections import Counter
from collections.abc import Callable

from ..scoring.bytecontext import ByteEvidence, gather
from ..scoring.detectscore import (
    SAMPLE_BYTES,
    char_cost,
    codec_family,
    evidence_cost,
    no_spaces,
    shape_cost,
)
from .detect import (
    _ASCII_CANDIDATES,
    _MB_CANDIDATES,
    PARTIAL_CHARS,
    _canon,
    _page_costs,
    _single_byte_pages,
    ebcdic_spaced,
)
from .nonascii import evidence
from .pagefloors import floor_of, page_floors, units
from .tolerant import _NOT_ASCII_READINGS, _decode_tolerant, admitted

# A followed declaration is at least this sure (as :func:`~.declared.weigh` says when detection
# agrees with it).
FLOOR = 0.95
# Where the label's own codec and the browser's read the bytes differently (``shift_jis`` and
# ``cp932``: ``〜`` or ``～``), the label's own wins unless it costs this much more than the
# browser's reading (less than one character no text contains, FATAL): the file is named after
# the standard it declares, as detection named it when chardet settled that near-tie.
OWN_MARGIN = 2.0
# How much more plausible than the declared reading another reading of the evidence may be for
# the declaration to be followed without detection: none. Then detection, which ranks the same
# evidence with the same costs, would put the declared reading first too. (The declaration's
# own weight, DECLARED_WEIGHT, is for the full weighing over whole texts: on 13,530 wrong and
# right declarations made up from char-dataset -- every candidate on every legacy file -- a lead
# of 8 on the evidence alone followed 4 declarations that the full weighing overrules, such as
# Hungarian ISO-8859-2 declared ISO-8859-16.)
LEAD = 0.0
# A single-byte page whose bound is within this much of the declared reading is scored in full:
# for the confidence (a margin of 30.4 rounds to 1.0; with the bounds alone 136 of char-dataset's
# declared files had another confidence than the full detection gave them, now 53).
SURE = 4 * math.log(2000)
# A single-byte page's first bound: its cost of this many of the evidence's most frequent bytes.
PARTIAL_BYTES = 12
# A margin over the nearest rival past which the confidence rounds to 1.0 (1 - exp(-32 / 4) is
# 0.99966): a rival known to be at least this far needs no exact cost.
CERTAIN = 32.0

_ASCII_BYTES = bytes(range(128))
_ORDER = {c: (p, i) for i, (c, p) in enumerate(_ASCII_CANDIDATES)}
# The candidates by prior, then as listed: the order detection names a text in.
_BY_PRIOR = tuple(sorted(_ORDER, key=_ORDER.__getitem__))
_BY_CANON: dict[str, str] = {}
for _c in _ORDER:
    _BY_CANON.setdefault(_canon(_c), _c)


def _exotic_or_shapeless(sample: bytes) -> bool:
    """Whether detection would weigh a reading this check does not (see
    :func:`mojifix.decoding.detect._exotic`) or add its no-spaces shape cost. Each count is
    taken only where it can still change the answer (a 64 KiB sample counted four times was a
    tenth of this check's time)."""
    if b"\x1b" in sample and (b"\x1b$" in sample or b"\x1b(" in sample):  # (one byte: memchr)
        return True
    if b" " not in sample and b"\n" not in sample:
        return True
    n = len(sample)
    if ebcdic_spaced(sample):
        return True
    head = sample[:4096]
    # Spaces and line breaks counted from the head on, four times further each step, only
    # until there are enough for no_spaces to say no (on the whole sample's count, which is no
    # less): a CJK page has few in its head, and counting all of a 64 KiB sample twice was
    # half of this test's time (issue 20).
    need, at = n / 64, len(head)
    spaces = head.count(b" ") + head.count(b"\n")
    while spaces < need and at < n:
        spaces += sample.count(b" ", at, 4 * at) + sample.count(b"\n", at, 4 * at)
        at *= 4
    if spaces >= need:
        return False  # no_spaces says no on these counts, and on the whole sample's (more)
    return no_spaces(n, spaces, head)  # (the whole sample's count: the loop read it all)


def declared_stands(data: bytes, label: str, codec: str, text: str | None = None,
                    ) -> tuple[str, str, float] | None:
    """(text, codec, confidence) of the declared reading of ``data`` when no other reading of
    its evidence is more plausible (:data:`LEAD`); None when in doubt (the caller runs detection).

    ``label`` is the declaration as written, ``codec`` the browser's codec for it, which decodes
    ``data`` strictly to ``text`` (the caller has it: not decoded again).
    """
    sample = data[:SAMPLE_BYTES]
    if _exotic_or_shapeless(sample):
        return None
    fulls: dict[str, str] = {}  # each declared reading of all of data
    for name, strict in ((codec, False), (label, True)):
        try:
            cand = _BY_CANON.get(codecs.lookup(name).name)
            if cand is None or cand in fulls:
                continue
            # The label's own codec counts only if it reads every byte.
            fulls[cand] = data.decode(cand) if strict or text is None else text
            if any(c in fulls[cand] for c in _NOT_ASCII_READINGS.get(cand, ())):
                del fulls[cand]  # shift_jis_2004 reading ASCII as ``¥``: no reading (tolerant)
        except (LookupError, UnicodeDecodeError):
            continue
    declared = list(fulls)
    if not declared:
        return None
    ev, cut = evidence(data)
    readings: dict[str, str | None] = {}

    def read(k: str) -> str | None:
        if k not in readings:
            text = _decode_tolerant(ev, k)
            if cut and text is not None and text.endswith("\ufffd"):
                text = text[:-1]
            readings[k] = text
        return readings[k]

    # A reading's per-character cost depends on its text and its codec's family alone, and its
    # whole evidence cost on those too (the shape part asks whether the codec is Japanese or
    # Chinese: the family says it): readings alike in one family (big5, cp950, big5hkscs; gbk,
    # gb18030) are costed once. The very floats, fewer sums (230 of 504 char_cost calls on
    # char-dataset's declared files were repeats).
    costed: dict[tuple[str, str, bool], float] = {}

    def cost_of(text: str, k: str, chars: float | None = None) -> float:
        """The reading's per-character cost, or with ``chars`` (that cost) its whole evidence cost."""
        key = (text, codec_family(_canon(k)), chars is not None)
        cost = costed.get(key)
        if cost is None:
            cost = costed[key] = (char_cost(text, _canon(k)) if chars is None
                                  else evidence_cost(text, _canon(k), chars=chars))
        return cost

    counts = Counter(ev.translate(None, _ASCII_BYTES))
    seen = bytes(sorted(counts))
    pages = _page_costs()
    by_page: dict[str, str | None] = {}

    def alike(k: str, d: str) -> bool:
        """Whether ``k`` reads the evidence as ``d`` does (``d`` reads it). Two single-byte pages
        read it alike when they read its distinct non-ASCII bytes alike (each byte is read
        alone, ASCII as ASCII): a few dozen bytes decoded, not all the evidence once per rival
        (issue 20: that was a tenth of this check's instructions)."""
        if k in pages and d in pages:
            for c in (k, d):
                if c not in by_page:
                    try:
                        by_page[c] = seen.decode(c)
                    except UnicodeDecodeError:
                        by_page[c] = None
            return by_page[k] is not None and by_page[k] == by_page[d]
        text = read(k)
        return text is not None and text == read(d)

    ns = list(map(counts.__getitem__, seen))
    costs_of = gather(seen)
    bytes_ev: ByteEvidence | None = None
    # The declared readings, scored in full (a single-byte page from the byte counts, as the
    # ranker scores it); the winner is the one detection would prefer.
    mine: dict[str, float] = {}
    for k in declared:
        text = read(k)
        if text is None or text in mine:
            continue
        if k in pages:
            if bytes_ev is None:
                bytes_ev = ByteEvidence(ev, (seen, ns))
            mine[text] = sum(map(operator.mul, ns, costs_of(pages[k]))) + bytes_ev.context_cost(_canon(k))
        else:
            mine[text] = evidence_cost(text, _canon(k))
    if not mine:
        return None
    own = declared[-1] if len(declared) > 1 else None

    def preference(k: str) -> tuple[float, int]:  # detection's, near-ties to the label's own codec
        return mine[read(k) or ""] + _ORDER[k][0] - (OWN_MARGIN if k == own else 0.0), _ORDER[k][1]

    readers = [k for k in declared if read(k) is not None]
    winner = min(readers, key=preference)
    best = mine[read(winner) or ""]
    line = best - LEAD  # a rival below it puts the declaration in doubt
    nearest = math.inf  # the least (bound + prior) of any rival: for the confidence
    # Rivals that cannot put the declaration in doubt and are costly to score: scored last, the
    # nearest bound first, and only while one could still be the nearest rival (see below).
    # (bound + prior, order, rival, its bound, prior, its text or None, whether it is owed its
    # whole evidence cost rather than its per-character part)
    later: list[tuple[float, int, str, float, float, str | None, bool]] = []
    for k, prior in _MB_CANDIDATES:
        text = None if k in declared else read(k)
        if text is None or text in mine or not admitted(k, text, lambda n: read(n) is not None):
            continue
        if len(text) > 2 * PARTIAL_CHARS:
            lb = cost_of(text[:PARTIAL_CHARS], k)  # a bound: costs are never negative
            if lb >= line:
                later.append((lb + prior, len(later), k, lb, prior, text, False))
                continue
        lb = cost_of(text, k)
        if lb < line:  # (near ones are not scored for the confidence: 2 files, a tenth of the time)
            # Its shape first (Korean read as Chinese, Chinese as Japanese: 0.4 an ideograph),
            # a bound that mostly says it cannot; then it waits, owed its whole cost, as above.
            shape = shape_cost(text, _canon(k))
            if shape and lb + shape >= line:
                later.append((lb + shape + prior, len(later), k, lb, prior, text, True))
                continue
            lb = cost_of(text, k, lb)
            if lb < line:
                return None
        nearest = min(nearest, lb + prior)
    top = sorted(range(len(ns)), key=ns.__getitem__, reverse=True)[:PARTIAL_BYTES]
    top_ns = [ns[i] for i in top]
    top_costs = gather(bytes(seen[i] for i in top))
    mul = operator.mul
    # A page whose bound is past ``far_line`` can matter only as the nearest rival. Its bound's
    # floor (pagefloors: every page's at once) says so before the bound is summed: the page
    # waits in ``far`` with its floor and is summed after this loop only if it could still be
    # the nearest (its floor below the nearest then), its bound made as here -- the very
    # nearest, as every bound is min()-ed in whatever order (issue 20: most pages were summed
    # here only to be far; on a single-byte file, most of them twice).
    far_line = best + SURE
    far_units = units(far_line)
    tops = page_floors(top_ns, top_costs)
    alls: array | bool | None = False  # type: ignore[type-arg]  # (False: not packed yet)
    far: list[tuple[float, int, float, tuple[float, ...], bool]] = []
    for i, (k, prior, costs, defined) in enumerate(_single_byte_pages()):
        if k in declared or (defined and seen.translate(None, defined)):
            continue
        if tops is not None and tops[i] >= far_units:
            far.append((floor_of(tops[i]) + prior, i, prior, costs, False))
            continue
        lb = sum(map(mul, top_ns, top_costs(costs)))  # the most frequent bytes' part: a bound
        if lb < far_line:  # all the bytes' part: a bound that can still say "in doubt"
            if alls is False:
                alls = page_floors(ns, costs_of)
            if alls is not None and alls[i] >= far_units:  # type: ignore[index]
                far.append((floor_of(alls[i]) + prior, i, prior, costs, True))  # type: ignore[index]
                continue
            lb = sum(map(mul, ns, costs_of(costs)))
            if lb < far_line:  # near: scored in full (for the confidence, below LEAD: doubt)
                if any(alike(k, d) for d in readers):  # (it reads every byte: see above)
                    continue
                if lb >= line:  # its context part only adds: it cannot put it in doubt
                    later.append((lb + prior, len(later), k, lb, prior, None, False))
                    continue
                if bytes_ev is None:
                    bytes_ev = ByteEvidence(ev, (seen, ns))
                # The alphabet part first: a bound that often says it cannot (Cyrillic read
                # through a Western page), then it waits with that bound like the others.
                letters = bytes_ev.alphabet_cost(_canon(k))
                if lb + letters >= line:
                    later.append((lb + letters + prior, len(later), k, lb, prior, None, False))
                    continue
                lb += bytes_ev.context_cost(_canon(k))
                if lb < line:
                    return None
        nearest = min(nearest, lb + prior)
    for floor, _, prior, costs, whole in sorted(far):
        if floor >= nearest:
            break  # (and every one after it)
        lb = sum(map(mul, ns, costs_of(costs)) if whole else map(mul, top_ns, top_costs(costs)))
        nearest = min(nearest, lb + prior)
    # The rivals left, nearest bound first: one whose bound is past the nearest reading so far
    # cannot come nearer (the same nearest), and past CERTAIN the confidence is 1.0 whatever
    # the rest would cost (the same confidence). A multi-byte rival's per-character cost of all
    # the evidence and a single-byte page's context part were most of this check's time.
    certain = best + _ORDER[winner][0] + CERTAIN
    for bound, _, k, lb, prior, text, whole in sorted(later):
        if bound >= nearest:
            break
        if bound >= certain:
            nearest = bound
            break
        if text is None:
            if bytes_ev is None:
                bytes_ev = ByteEvidence(ev, (seen, ns))
            lb += bytes_ev.context_cost(_canon(k))
        elif whole:
            lb = cost_of(text, k, lb)
        else:
            lb = cost_of(text, k)
        nearest = min(nearest, lb + prior)
    full = fulls[winner]
    name = _narrowest_alike(data, winner, fulls, alike)
    if math.isinf(nearest):
        return full, name, FLOOR
    margin = nearest - best - _ORDER[winner][0]
    return full, name, max(FLOOR, round(1.0 - math.exp(-margin / 4.0), 3))


def single_byte(codec: str) -> bool:
    """Whether ``codec`` is one of detection's single-byte pages (by any of its names)."""
    try:
        cand = _BY_CANON.get(codecs.lookup(codec).name)
    except LookupError:
        return False
    return cand is not None and cand in _page_costs()


def _narrowest_alike(data: bytes, winner: str, fulls: dict[str, str],
                     alike: Callable[[str, str], bool]) -> str:
    """The candidate detection would name ``winner``'s text (``fulls``: the declared readings
    of all of ``data``): the lowest prior (then the first listed) of those that read the
    evidence as ``winner`` does (``alike``) and decode ``data`` to the same text. A declared
    reading is not decoded again (``shift_jis`` declared, read by the browser's ``cp932``: each
    decodes the whole file once, not twice)."""
    full = fulls[winner]
    for k in _BY_PRIOR:
        if alike(k, winner) and (k == winner or fulls.get(k) == full
                                 or (k not in fulls and _decode_tolerant(data, k) == full)):
            return k
    raise AssertionError("the winner reads itself alike")  # pragma: no cover
