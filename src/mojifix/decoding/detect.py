"""Which legacy code page are these bytes in? Decode with every candidate, keep the most plausible.

Why not just ask charset-normalizer or chardet: both are good on long text and weak where mojifix
needs them -- short inputs and sibling code pages that decode the same bytes to different but
well-formed letters (cp1252 ``ñ`` vs cp1250 ``ń``, iso-8859-2 vs cp1250, GB2312 vs Big5 vs
Shift_JIS). A decoder for a repair tool can afford to look at the *decoded text*:

1. **Candidates.** A fixed list of the code pages people actually meet (each with a small prior
   cost: windows-125x and the main CJK standards are free, DOS/Mac pages cost more), filtered
   by *strict* decoding. Strictness does most of the work for multi-byte codecs. A trailing,
   truncated multi-byte character does not disqualify a candidate (inputs get cut). Pages that
   are not ASCII-compatible are candidates only on their own evidence: EBCDIC when byte 0x40
   (its space) is frequent and ASCII spaces are not, UTF-16/32 when there is no ASCII space
   or line break at all, ISO-2022 when its escapes are there.
2. **Evidence, not the whole file.** ASCII reads the same in every ASCII-compatible page, so
   only the runs of non-ASCII bytes (with one ASCII neighbour each side) are decoded and
   scored, collected once from the bytes (:func:`evidence`). Branch and bound
   (:class:`_Ranker`): each candidate gets a cheap partial bound, then its full per-character
   bound while still in the running, and only the best few are scored in full (a single-byte
   page from byte pairs counted once and its page's class table,
   :mod:`mojifix.scoring.bytecontext`). Only the winner is decoded in full. Where the time
   goes (``bench/detect.py``, char-dataset): on whole files the check of a declaration
   (:mod:`mojifix.decoding.overrule`, 305 files) ~55%, this ranking ~25% (119 files), the
   vote ~4% (36 files), :func:`evidence` ~13% of it all; on 32-byte windows the ranking ~55%
   and the vote (asked on 399 of 412: on the contenders' models alone, ``voters``) ~40%.
3. **Plausibility cost** of each reading: :mod:`mojifix.scoring.detectscore`.
4. **A second opinion.** chardet 7's byte-bigram language models vote (a vote for GB18030 counts
   for GB2312 and GBK, and so on); the vote's weight grows with the square root of the non-ASCII
   evidence, slower than the cost does, so it settles near-ties -- mostly on 10-30-byte inputs
   where letter classes alone cannot tell Korean from Chinese or Greek capitals from Russian --
   and does not overrule a clear cost gap on long text (the weight is capped at
   ``CHARDET_CAP``). chardet is only asked when its vote could change the answer (the cost gap
   is below the vote's weight) and the answer is in doubt (:func:`in_doubt`), and only about
   the readings within the weight of the leader (their models scored directly, a tenth of
   ``detect_all``'s work: :func:`mojifix.decoding.voters._models_opinion`). ``bench/detect.py``
   shows what it is worth (whole files 98.1% -> 99.8%, 32-byte windows 71.6% -> 92.6%), and
   what charset-normalizer is worth in its place (99.6%, 73.7%) or beside it (99.8%, 85.7%):
   less, so chardet alone votes (:data:`VOTERS`).
5. **Ties that decode identically** are one answer: the candidate with the lowest prior (the most
   common name) is reported. Narrower standards come first (gb2312 before gbk, shift_jis before
   cp932), so a file is named after the smallest standard that decodes it.
6. **The common page on weak evidence.** When windows-1252 reads the bytes as plain Western text,
   a rarer page must beat it clearly (:mod:`mojifix.decoding.commonpage`): short Spanish ``niña`` is
   not Baltic ``niņa`` because that reading costs a little less.

The confidence is the cost margin between the winner and the best candidate that decodes to a
different text, mapped to 0..1 (``1 - exp(-margin / 4)``): 0 means a coin toss, 0.9 a margin of
about nine "suspicious characters".
"""

from __future__ import annotations

import codecs
import heapq
import math
import operator
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from ..scoring.bytecontext import ByteEvidence, gather
from ..scoring.detectscore import (
    _EBCDIC,
    SAMPLE_BYTES,
    _script,
    char_cost,
    codec_family,
    context_cost,
    evidence_cost,
    no_spaces,
    plausibility_cost,
)
from .commonpage import COMMON_MARGIN, RARER_MARGIN, greek_order, prefer_plain, prefer_unmixed
from .hz import hz as hz
from .nonascii import _BYTE_RUN as _BYTE_RUN
from .nonascii import evidence
from .tolerant import _MULTIBYTE, _STATEFUL, _decode_tolerant, admitted
from .voters import second_opinion_of

__all__ = ["_MULTIBYTE", "_STATEFUL", "_decode_tolerant", "_script", "detect", "evidence",
           "plausibility_cost"]

# (codec, prior cost). Order matters only among candidates that decode to identical text: the
# first one listed wins, so the most common / narrowest name comes first.
CANDIDATES: tuple[tuple[str, float], ...] = (
    ("utf-8", 0.0),
    ("gb2312", 0.0),
    ("gbk", 0.5),
    ("gb18030", 1.0),
    ("big5", 0.0),
    ("cp950", 0.5),
    ("big5hkscs", 1.0),
    ("shift_jis", 0.0),
    ("cp932", 0.5),
    ("euc_jp", 0.0),
    # JIS X 0213 (``①`` ``剝``), read as Big5-HKSCS or GBK before (QA 24): tolerant.admitted
    ("euc_jis_2004", 1.0),
    ("shift_jis_2004", 1.0),
    ("euc_kr", 0.0),
    ("cp949", 0.5),
    ("johab", 2.0),
    ("windows-1252", 0.0),
    ("iso8859-1", 0.2),
    ("iso8859-15", 0.5),
    ("windows-1250", 0.0),
    ("iso8859-2", 0.2),
    ("windows-1251", 0.0),
    ("koi8-r", 0.3),
    ("iso8859-5", 0.5),
    ("cp866", 0.5),
    ("koi8-u", 0.8),
    ("mac-cyrillic", 0.6),
    ("cp855", 1.5),
    ("kz1048", 1.5),
    ("ptcp154", 1.8),
    ("windows-1253", 0.2),
    ("iso8859-7", 0.2),
    ("cp869", 1.5),
    ("cp737", 2.5),  # DOS Greek: above the other DOS pages, so no char-dataset answer changes
    ("windows-1254", 0.2),
    ("iso8859-9", 0.3),
    ("cp857", 1.5),
    ("windows-1255", 0.2),
    ("iso8859-8", 0.4),
    ("windows-1256", 0.2),
    ("iso8859-6", 0.4),
    ("windows-1257", 0.5),
    ("iso8859-13", 0.8),
    ("iso8859-4", 1.0),
    ("cp775", 1.5),
    ("windows-1258", 0.8),
    ("tis-620", 0.2),
    ("cp874", 0.4),
    ("iso8859-3", 1.5),
    ("iso8859-10", 1.5),
    ("iso8859-16", 1.5),
    ("cp852", 1.2),
    ("cp850", 1.5),
    ("cp437", 1.5),
    ("mac-roman", 1.5),
    ("mac-latin2", 1.5),  # Mac Central European: Czech and Polish files named cp850/mac-roman before
    ("cp037", 3.0),
    ("cp500", 3.5),
    ("cp424", 3.0),
    ("utf-16-le", 3.0),
    ("utf-16-be", 3.0),
    ("utf-32-le", 3.0),
    ("utf-32-be", 3.0),
)

ESCAPE_CANDIDATES: tuple[tuple[str, float], ...] = (("iso2022_jp", 0.0), ("iso2022_kr", 0.0))

# Whether detect() asks chardet for a vote by default (bench/detect.py measures both).
SECOND_OPINION = True
# Who gives it: ("chardet",), ("charset-normalizer",) or both (their votes averaged).
# bench/detect.py measures each; chardet alone is the default because it measured best (see
# bench/RESULTS.md, section "detect").
VOTERS: tuple[str, ...] = ("chardet",)
CHARDET_WEIGHT = 5.0
CHARDET_CAP = 24.0
# A lead worth a confidence of 0.9 (1 - exp(-margin / 4)): with enough evidence and only
# single-byte pages in the running, chardet is not asked past it (see in_doubt).
SURE_MARGIN = 4 * math.log(10)
# chardet reads at most this many bytes (its time grows with them; its answer hardly does).
CHARDET_BYTES = 16 * 1024
# A candidate this much worse than the best so far is not scored further (confidence saturates
# long before: a margin of 30 gives 0.9994).
PRUNE_MARGIN = 30.0
# Bounds are tightened on this many characters of a reading before it is scored in full.
PREFIX_CHARS = 160
# A candidate's first, partial bound: a single-byte page's cost of this many of the most
# frequent byte values of the evidence, a multi-byte reading's of this many characters.
PARTIAL_BYTES = 12
PARTIAL_CHARS = 160
# A reading left with a partial bound gets its full one if within this much of the winner: the
# confidence (a margin of 30 is 0.999), the vote (<= CHARDET_CAP) and commonpage read it.
EXACT_MARGIN = 40.0
# Pages that are not ASCII-compatible are judged on this many bytes of their decoded text.
EXOTIC_BYTES = 8192

_ASCII_BYTES = bytes(range(128))
_CONTROL_BYTES = bytes(c for c in range(32) if chr(c) not in "\t\n\r\f")
_WESTERN = frozenset({"windows-1252", "iso8859-1", "iso8859-15"})
_UTF16_32 = frozenset({"utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"})
@dataclass(frozen=True)
class Reading:
    """The chosen encoding, its decoded text, and how clearly it won.

    ``ranking`` lists (encoding, cost) for every candidate that decoded the evidence, best first
    (lower cost = more plausible); useful for explaining a choice. Costs of candidates far
    behind the winner are lower bounds (their scoring stopped early). ``voted`` says whether
    chardet was asked (only when its vote could change the answer).
    """

    encoding: str
    text: str
    confidence: float
    ranking: tuple[tuple[str, float], ...]
    voted: bool = field(default=False, compare=False)


@cache
def _canon(codec: str) -> str:
    return codecs.lookup(codec).name


@cache
def _byte_costs(codec: str) -> tuple[tuple[float, ...], bytes]:
    """For a single-byte page, what each byte 0x80-0xFF costs read in it (inf: undefined), and
    the bytes it defines."""
    from ..scoring.detectscore import FATAL, _cost_of

    out = []
    defined = bytearray()
    for b in range(128, 256):
        try:
            ch = bytes((b,)).decode(codec)
        except UnicodeDecodeError:
            out.append(math.inf)
            continue
        defined.append(b)
        out.append((FATAL if ch < " " else 0.0) if ch < "\x80" else _cost_of(ch, codec_family(codec)))
    return tuple(out), bytes(defined)


_first = operator.itemgetter(0)


class _Entry:
    """One distinct reading of the evidence: the codecs that give it, with their own costs.
    ``exact`` is False for a lower bound (the reading was not scored in full)."""

    __slots__ = ("base", "codec", "cost", "exact", "members", "text")

    def __init__(self, text: str | None, base: float, members: list[tuple[float, str]],
                 exact: bool) -> None:
        self.text, self.base, self.members, self.exact = text, base, members, exact
        # ties: the first listed (most readings have one codec: no min() call for those)
        self.cost, self.codec = members[0] if len(members) == 1 else min(members, key=_first)

    def add(self, cost: float, codec: str) -> None:
        self.members.append((cost, codec))
        if cost < self.cost:
            self.cost, self.codec = cost, codec


class _Ranker:
    """Branch and bound over the candidates: single-byte pages get a cheap lower bound from the
    evidence's byte counts (their per-character cost, no decoding), and only those whose bound
    could still beat the best two readings are decoded and scored in full."""

    def __init__(self, ev: bytes, cut: bool, shape: float) -> None:
        self.ev, self.cut, self.shape = ev, cut, shape
        self.entries: list[_Entry] = []
        self.by_text: dict[str, _Entry] = {}
        self.bytes_ev: ByteEvidence | None = None  # made when a single-byte page is scored
        # The multi-byte readings' per-character costs, and the evidence's byte histogram.
        self.seen: dict[tuple[str, str], float] = {}
        self.seen_bytes = b""
        self.ns: list[int] = []
        self.costs_of: Callable[[tuple[float, ...]], tuple[float, ...]] = tuple

    def decode(self, codec: str) -> str | None:
        text = _decode_tolerant(self.ev, codec)
        if self.cut and text is not None and text.endswith("\ufffd"):
            text = text[:-1]
        return text

    def score(self, codec: str, prior: float, text: str, bound: float = math.inf,
              chars: float | None = None) -> None:
        """Score ``text`` (``codec``'s reading); ``chars``: its per-character cost, if known."""
        entry = self.by_text.get(text)
        if entry is not None:
            entry.add(entry.base + prior + self.shape, codec)
            return
        canon = _canon(codec)
        if codec not in _MULTIBYTE and chars is not None and chars <= bound:
            # A single-byte page: the context part from the bytes' pairs, counted once.
            if self.bytes_ev is None:
                self.bytes_ev = ByteEvidence(self.ev, (self.seen_bytes, self.ns))
            base = chars + self.bytes_ev.context_cost(canon)
        else:
            base = evidence_cost(text, canon, bound, chars)
        entry = _Entry(text, base, [(base + prior + self.shape, codec)], base <= bound)
        self.by_text[text] = entry
        self.entries.append(entry)

    def best_two(self) -> tuple[float, float]:
        costs = [*sorted(e.cost for e in self.entries if e.exact), math.inf, math.inf]
        return costs[0], costs[1]

    def run(self) -> list[_Entry]:
        # Each candidate starts with a partial bound (costs are never negative: part of the
        # evidence bounds the whole), gets its full bound only while still in the running and
        # goes back in line: scored in the order of full bounds as before, but most of the 60
        # are dismissed after a dozen multiplications (issue 20).
        heap: list[tuple[float, int, float, str, float, str | None, bool]] = []
        self.seen = seen = {}
        prefix: dict[tuple[str, str], float] = {}
        failed: set[str] = set()
        for codec, prior in _MB_CANDIDATES:
            text = self.decode(codec)
            if text is None:
                failed.add(codec)
            elif admitted(codec, text, lambda k: k not in failed):
                canon = _canon(codec)
                key = (text, codec_family(canon))
                full = key in seen or len(text) <= 2 * PARTIAL_CHARS
                if full and key not in seen:  # the per-character part only: a lower bound
                    seen[key] = char_cost(text, canon)
                if not full and key not in prefix:  # a family's standards often read alike
                    prefix[key] = char_cost(text[:PARTIAL_CHARS], canon)
                lb = seen[key] if full else prefix[key]
                heap.append((lb + prior + self.shape, len(heap), lb, codec, prior, text, full))
        # The evidence's byte histogram, in byte order (sums as before, to the last bit): the
        # distinct bytes, then each one's count.
        high = self.ev.translate(None, _ASCII_BYTES)
        counts = Counter(high)
        self.seen_bytes = seen_bytes = bytes(sorted(counts))
        self.ns = ns = list(map(counts.__getitem__, seen_bytes))
        self.costs_of = gather(seen_bytes)
        top = sorted(range(len(ns)), key=ns.__getitem__, reverse=True)[:PARTIAL_BYTES]
        top_ns = [ns[i] for i in top]
        top_costs = gather(bytes(seen_bytes[i] for i in top))
        full = len(top) == len(ns)
        mul, shape = operator.mul, self.shape
        for codec, prior, costs, defined in _single_byte_pages():
            if defined and seen_bytes.translate(None, defined):
                continue  # a byte this page leaves undefined
            lb = sum(map(mul, top_ns, top_costs(costs)))
            heap.append((lb + prior + shape, len(heap), lb, codec, prior, None, full))
        heapq.heapify(heap)
        best = second = math.inf
        partial: list[tuple[_Entry, float]] = []
        while heap:
            total, order, lb, codec, prior, text, full = heapq.heappop(heap)
            cutoff = min(second, best + PRUNE_MARGIN)
            if total >= cutoff:
                # The least bound left is out: so is every one after it (the cutoff stays), each
                # a lower bound in the heap's order, made in one sweep (no pop per candidate).
                for item in [(total, order, lb, codec, prior, text, full), *sorted(heap)]:
                    entry = _Entry(item[5], item[2], [(item[0], item[3])], False)
                    self.entries.append(entry)
                    if not item[6]:
                        partial.append((entry, item[4]))
                break
            if not full and total < cutoff:  # still in the running: its full bound
                lb = self._full_bound(codec, text)
                heapq.heappush(heap, (lb + prior + self.shape, order, lb, codec, prior, text, True))
                continue
            if total < cutoff and text is None:
                text = self.decode(codec)
                if text is None:
                    continue
            chars: float | None = lb  # the bound is the reading's per-character cost
            if (total < cutoff and codec in _MULTIBYTE and text not in self.by_text
                    and len(text) > 2 * PREFIX_CHARS):
                # The context part on a prefix: a tighter bound, a quarter of the work.
                more = context_cost(text[:PREFIX_CHARS], _canon(codec))
                lb, total = lb + more, total + more
            if total >= cutoff:
                self.entries.append(_Entry(text, lb, [(total, codec)], False))
                if not full:
                    partial.append((self.entries[-1], prior))
                continue
            self.score(codec, prior, text, best + PRUNE_MARGIN, chars)
            best, second = self.best_two()
        for e, prior in partial:
            if e.cost < best + EXACT_MARGIN:
                e.base = self._full_bound(e.codec, e.text)
                e.cost = e.base + prior + self.shape
                e.members = [(e.cost, e.codec)]
        kept = []
        for e in self.entries:
            # A lower bound is merged into the reading it decodes to, if any. Only one that is
            # within a prior (< 4) of the best can read the same: equal texts of single-byte
            # pages have equal per-character costs.
            if not e.exact and e.cost < best + 4.0:
                e.text = self.decode(e.codec) if e.text is None else e.text
                same = self.by_text.get(e.text or "")
                if same is not None and same is not e:
                    for cost, codec in e.members:
                        same.add(same.base + cost - e.base, codec)
                    continue
            kept.append(e)
        self.entries = kept
        return self.entries

    def _full_bound(self, codec: str, text: str | None) -> float:
        """A candidate's per-character cost of all the evidence (its partial bound's whole)."""
        if codec in _MULTIBYTE and text is not None:
            key = (text, codec_family(_canon(codec)))
            if key not in self.seen:
                self.seen[key] = char_cost(text, _canon(codec))
            return self.seen[key]
        return sum(map(operator.mul, self.ns, self.costs_of(_page_costs()[codec])))

    def complete(self, entry: _Entry) -> None:
        """Score a lower-bound reading in full (its vote brought it to the top)."""
        self.entries.remove(entry)
        priors = dict(CANDIDATES)
        for _, codec in entry.members:
            text = self.decode(codec)
            if text is not None:
                other = self.by_text.get(text)
                if other is not None and not other.exact:
                    del self.by_text[text]
                    if other is not entry:
                        self.entries.remove(other)
                        for _, k in other.members:
                            self.score(k, priors[k], text)
                self.score(codec, priors[codec], text)


def ebcdic_spaced(sample: bytes) -> bool:
    """Whether byte 0x40 (EBCDIC's space, ASCII's ``@``) is frequent and ASCII spaces are not:
    once in 32 bytes at least (and twice), more than twice as often as ASCII spaces. WHY the
    ``@``s are looked for one by one (memchr) up to that many: most text has none or a few, and
    counting every byte of a 64 KiB sample was a tenth of a declared file's check (issue 20)."""
    at = -1
    for _ in range(max(2, len(sample) // 32)):
        at = sample.find(b"@", at + 1)
        if at < 0:
            return False
    return sample.count(b"@") > 2 * sample.count(b" ")


def _exotic(sample: bytes) -> list[_Entry]:
    """Readings by the pages that are not ASCII-compatible, each only on its own evidence."""
    cands: list[tuple[str, float]] = []
    if b"\x1b" in sample and (b"\x1b$" in sample or b"\x1b(" in sample):  # (one byte: memchr)
        cands += ESCAPE_CANDIDATES
    if ebcdic_spaced(sample):
        cands += [(c, p) for c, p in CANDIDATES if c in _EBCDIC]  # 0x40 is EBCDIC's space
    if b" " not in sample and b"\n" not in sample and len(sample) % 2 == 0:
        cands += [(c, p) for c, p in CANDIDATES if c in _UTF16_32]
    out: list[_Entry] = []
    piece = sample[:EXOTIC_BYTES]
    for codec, prior in cands:
        text = _decode_tolerant(piece, codec)
        if text is None:
            continue
        cost = plausibility_cost(text, _canon(codec))
        out.append(_Entry(text, cost, [(cost + prior, codec)], True))
    return out


def detect(data: bytes, *, second_opinion: bool | None = None) -> Reading | None:
    """Pick the most plausible legacy encoding of ``data``; ``None`` when nothing fits.

    ``second_opinion`` (default :data:`SECOND_OPINION`) lets chardet vote when its vote could
    change the answer.

    ``data`` is expected not to be plain UTF-8 (the caller tries that first), but any bytes
    are accepted.
    """
    sample = data[:SAMPLE_BYTES]
    ev, cut = evidence(data)
    shape = 0.0
    head = sample[:4096]  # enough spaces there already say "not shapeless" (no full counts)
    if (head.count(b" ") + head.count(b"\n") < len(sample) / 64
            and no_spaces(len(sample), sample.count(b" ") + sample.count(b"\n"), head)):
        shape = 0.5 * len(sample)  # no spaces or line breaks: EBCDIC (or not text at all)
    ranker = _Ranker(ev, cut, shape)
    entries = ranker.run() + _exotic(sample)
    if not entries:
        return None
    entries.sort(key=lambda e: e.cost)
    voted = False
    if second_opinion is None:
        second_opinion = SECOND_OPINION
    if second_opinion and len(entries) > 1:
        # chardet's say grows with the evidence, but slower than the plausibility cost does.
        amount = len(ev.translate(None, _ASCII_BYTES))
        weight = min(CHARDET_CAP, CHARDET_WEIGHT * math.sqrt(max(4, amount) / 4))
        if entries[1].cost - entries[0].cost < weight and in_doubt(entries, weight):
            voted = True
            # Only the readings within the weight of the leader can overtake it: chardet
            # is asked about their codecs alone.
            best = entries[0].cost
            contenders = {_canon(k) for e in entries if e.cost - best < weight
                          for _, k in e.members}
            opinion = second_opinion_of(data[:CHARDET_BYTES], VOTERS, contenders)
            entries = _vote(ranker, entries, opinion, weight)
    for e in entries:
        if e.text is None and e.codec in _WESTERN:  # what commonpage.prefer_plain reads
            e.text = ranker.decode(e.codec)
    return _choose(data, entries, voted)


def in_doubt(entries: list[_Entry], weight: float) -> bool:
    """Whether chardet's vote is worth asking (``entries`` sorted, the vote's ``weight`` more
    than the leader's lead): not when every reading within ``weight`` of the leader is a
    single-byte page, the weight is at its cap (at least 93 non-ASCII bytes of evidence) and
    the lead alone is worth a confidence of 0.9 (:data:`SURE_MARGIN`).

    Why: the vote exists to settle near-ties, mostly on short inputs and between CJK standards
    (Korean read as GB2312 costs what it costs as EUC-KR). Measured on char-dataset (whole
    files and 32/16-byte windows): where the contenders are single-byte pages and the weight
    is capped (47 whole files; no window has that much evidence), the vote never changed the
    encoding, only raised the confidence (0.95-0.99 to 1.0). It costs what ``chardet.detect``
    costs (0.5-1 ms, a fifth of detection's time on whole files: issue 20). Below 0.9 it is
    still asked: there its confidence is worth having (kz1048 against windows-1251, 0.28
    without the vote, 0.79 with it)."""
    if weight < CHARDET_CAP or entries[1].cost - entries[0].cost < SURE_MARGIN:
        return True
    best = entries[0].cost
    return any(k in _MULTIBYTE or k in _STATEFUL for e in entries if e.cost - best < weight
               for _, k in e.members)


def _vote(ranker: _Ranker, entries: list[_Entry], opinion: dict[str, float],
          weight: float) -> list[_Entry]:
    """Add chardet's vote to each reading; a lower-bound reading that the vote brings to the
    top is scored in full first."""
    if not opinion:
        return entries
    say: dict[str, float] = {}  # the opinion of each candidate, by its name here
    costs: dict[_Entry, float] = {}  # each reading's cost with the vote, from the last sort

    def order(e: _Entry) -> tuple[float, float]:  # a tie goes to chardet's favourite
        cost, top = math.inf, 0.0
        for c, k in e.members:
            v = say.get(k)
            if v is None:
                v = say[k] = opinion.get(_canon(k), 0.0)
            cost, top = min(cost, c + weight * (1.0 - v)), max(top, v)
        costs[e] = cost
        return cost, -top

    while True:
        entries.sort(key=order)
        if entries[0].exact:
            break
        exotic = [e for e in entries if e not in ranker.entries]
        ranker.complete(entries[0])
        entries = ranker.entries + exotic
    for e in entries:  # (the last sort costed every reading as it now is)
        e.cost = costs[e]
    return entries


def _choose(data: bytes, entries: list[_Entry], voted: bool) -> Reading | None:
    """The winner among ``entries`` (sorted), decoded in full; the confidence from the margin."""
    while entries:
        best = entries[0]
        t = best.text or ""
        # Non-ASCII characters and controls (all ASCII: dropped from the ASCII part at C speed).
        kept = t.encode("ascii", "ignore").translate(None, _CONTROL_BYTES)
        chars = len(t) - len(kept) - t.count("\x00")
        if best.cost > 3.0 * max(4, chars):
            return None  # even the best reading is mostly characters no text contains
        scored = [(e.cost, e.codec, e.text or "") for e in entries]
        margin = scored[1][0] - scored[0][0] if len(scored) > 1 else 20.0
        plain = prefer_plain(scored)
        mixed = plain is None and (plain := prefer_unmixed(scored, data)) is not None
        if plain is not None:
            # The common code page reads the bytes as plain Western text and the rarer winner
            # is not clearly better: the plain answer, as sure as the rarer one's missing lead
            # (none where the rarer one mixes scripts in words: commonpage.prefer_unmixed).
            need = -math.inf if mixed else COMMON_MARGIN.get(scored[0][1], RARER_MARGIN)
            margin = max(0.0, scored[0][0] - scored[plain][0] + need)
            entries.insert(0, entries.pop(plain))
        best = entries[0]
        text = None
        for _, codec in greek_order(data, sorted(best.members, key=lambda m: m[0])):
            text = _decode_tolerant(data, codec)
            if text is not None:
                break
        if text is None:
            entries.pop(0)
            continue
        confidence = round(1.0 - math.exp(-margin / 4.0), 3)
        ranking = tuple((e.codec if e is not best else codec, round(e.cost, 2)) for e in entries)
        return Reading(codec, text, confidence, ranking, voted)
    return None


_ASCII_CANDIDATES = tuple((c, p) for c, p in CANDIDATES if c not in _EBCDIC and c not in _UTF16_32)
# The candidates of the two kinds, in CANDIDATES order (the heap's tie-break).
_MB_CANDIDATES = tuple((c, p) for c, p in _ASCII_CANDIDATES if c in _MULTIBYTE)


@cache
def _single_byte_pages() -> tuple[tuple[str, float, tuple[float, ...], bytes], ...]:
    """(codec, prior, cost of each byte value, bytes defined or b"" for all) of each single-byte
    candidate, built once: the sweep over 45 pages is per input, the tables are not (issue 20). The costs
    are indexed by the byte itself (ASCII bytes: 0.0, never looked up: the sweep reads the
    evidence's non-ASCII bytes only)."""
    return tuple((c, p, (0.0,) * 128 + _byte_costs(c)[0],
                  _byte_costs(c)[1] if len(_byte_costs(c)[1]) < 128 else b"")  # b"": all defined
                 for c, p in _ASCII_CANDIDATES if c not in _MULTIBYTE)


@cache
def _page_costs() -> dict[str, tuple[float, ...]]:
    """Each single-byte candidate's costs of :func:`_single_byte_pages`, by codec."""
    return {c: costs for c, _, costs, _ in _single_byte_pages()}
