"""The document decides: one chain plan for a whole document (belongs in ``engine/``).

The chain search (:mod:`mojifix.fixers.chains`) judges each line on its own evidence, and a line must
carry a lot of it before it is changed. That is right for a line alone, but a document garbled
as a whole leaves its short lines broken: a heading ``ÎÏÈÑÀÍÈÅ`` (``ОПИСАНИЕ`` read as cp1252),
a one-word line, ``´´½¨ CREATION`` (GBK read as Latin-1), each ambiguous on its own, even when
the rest of the document proves the chain beyond doubt.

So the evidence is gathered once over the document, and a *plan* decided from it:

1. Evidence: the lines the per-line search repaired, each with its chain and its gain (cost
   before minus cost after), and each chain's total gain over the document (for ftfy's line
   repair in :mod:`mojifix.fixers.mojibake`: one unit per line ftfy re-decoded). A document with no
   such line may still show a CJK page through many lines each too short alone
   (:func:`shapeless`: English saved as GBK, ``instance¡¯s``).
2. Plan (:func:`decide`): the chains with enough total gain (:data:`PLAN_GAIN`, the bar at
   which the per-line search already says "the whole document shows it") and a margin over
   the leading chain (:data:`MARGIN`), laid out as *spans*: maximal runs of consecutive
   repaired lines that took the same chain. A document garbled as a whole is one span; a clean
   part then a garbled part is one span over the garbled part; two parts garbled by different
   chains are two spans. The first span reaches back to the document's start and the last on
   to its end when no line there contradicts the chain (:func:`repairs`).
3. Application (:func:`repairs`, :func:`admits`): a line the search left alone, or repaired
   with a chain the plan does not hold, is repaired by the chain of the span it stands in (or,
   between spans, by the nearest span's chain, then the other neighbour's) when the chain maps
   it to valid text with strict codecs and the result is not less plausible than the line,
   unless the line carries its own evidence of being clean.

What counts as the line's own evidence of being clean (decided here, documented in
:func:`admits`), from the strongest to the weakest:

* the chain cannot be undone on it with strict codecs (most clean text: Cyrillic cannot be
  encoded as cp1252, Chinese saved as UTF-8 is no GBK, and so on);
* the repair costs more than the line (:func:`mojifix.scoring.plausibility.cost`), or, outside the
  planned spans, not strictly less (the boundary of a garbled part is not known: a clean line
  next to it must prove nothing, the repair must prove itself); but not a CJK page's letter or
  two beside ASCII read as Latin-1 (``IPv4 »ò IPv6``), which the model taxes more than its
  mojibake: inside its span, or beside it, such a line is the document's unless it looks like
  Latin text itself (:mod:`mojifix.fixers.shortcjk`);
* the line costs nothing (it reads as clean text of its script) and the repair is no better:
  kept unless the chain shows its own trace (:func:`_own_trace`): UTF-8's structure (the
  repair consumes the wrong page's characters, at most half remain); KOI8-R read as cp1251,
  Cyrillic both ways: commoner letters (:func:`mojifix.scoring.letters.letter_score`); CJK read as Latin-1: the
  repair is CJK. Only UTF-8's and KOI8-R's traces count outside a span (the case-swap
  chains' own rules inside one, Serbian's letters made of pseudo-graphics, a line of capitals:
  :mod:`mojifix.fixers.cyrspans`);
* a lone non-ASCII character among ASCII (``à`` in French would be Cyrillic ``а`` through
  cp1251 read as cp1252): real mojibake of a single-byte page is runs of two or more.

Why spans and not the whole document: a clean part is often inside a garbled document (quoted
English, a clean head before a broken program appended to the file); the spans keep the
decision local, and lines outside them need the stricter rule above. Why the bar is the
per-line search's "enough": a plan is never built on less evidence than a line alone needs.
Do no harm beats recall: every rule here refuses when in doubt (a missed fix, not a wrong one).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ..scoring.letters import alphabet_prefers, letter_score
from . import cyrspans, latinpages, onetrace, shortcjk
from .latintax import SYMBOL_TAX, is_latin, latin_only, latin_tax

Chain = tuple[str, ...]

# A chain enters the plan when its lines gained this much in total (cost units): the bar at
# which the per-line search already calls a chain shown by the document (chains.fix_chains).
PLAN_GAIN = {"utf-8": 2.0}
PLAN_GAIN_LEGACY = 4.0
_EPS = 1e-9
_RUN2 = re.compile("[^\\x00-\\x7f]{2,}")
_CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3\uf900-\ufaff]")
_CYR = re.compile("[\u0400-\u045f\u0490\u0491]")
_KOI8_MARGIN = 0.1  # mean log-frequency per letter a KOI8-R repair must gain (nats)
_KOI8_SHORT_SLACK = cyrspans.SHORT_SLACK  # (a heading of five letters or fewer: see there)
_NON_ASCII = re.compile("[^\x00-\x7f]")
_MULTIBYTE = frozenset(("gbk", "gb18030", "big5", "shift_jis", "euc-kr"))
CASE_SWAP = _CASE_SWAP = cyrspans.CASE_SWAP  # (told there: the case-swap chains' own rules)


@dataclass(frozen=True)
class Span:
    """Lines ``start``..``end`` (offsets of the first and of the last repaired line's start)
    repaired by ``chain``, ``lines`` of them."""

    start: int
    end: int
    chain: Chain
    lines: int


@dataclass(frozen=True)
class Plan:
    """The document's decision: spans in document order, each with its chain; ``confidence``
    (the share of the repaired lines' gain the planned chains carry) and evidence strings."""

    spans: tuple[Span, ...]
    confidence: float
    evidence: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.spans)

    def holds(self, chain: Chain) -> bool:
        """Whether ``chain`` is one of the plan's."""
        return any(s.chain == chain for s in self.spans)

    def chains_at(self, pos: int) -> list[tuple[Chain, bool]]:
        """The chains to try on the line starting at ``pos``, best first, each with whether the
        line lies inside that chain's span (between two of its repaired lines)."""
        starts = [s.start for s in self.spans]
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and pos <= self.spans[i].end:
            return [(self.spans[i].chain, True)]
        before = self.spans[i] if i >= 0 else None
        after = self.spans[i + 1] if i + 1 < len(self.spans) else None
        near = sorted((s for s in (before, after) if s is not None),
                      key=lambda s: pos - s.end if s is before else s.start - pos)
        out: list[tuple[Chain, bool]] = []
        for s in near:
            if all(s.chain != ch for ch, _ in out):
                out.append((s.chain, False))
        return out


# The margin: a chain with less than this share of the leading chain's gain is not planned. A
# line of Russian through cp1252 that reads as hangul through EUC-KR as well (``Ïðèìå÷àíèå``,
# one word: too short for the per-line search to trust the cp1251 reading) is one line against a
# document; the document's chain takes it back. Two parts garbled by different chains each
# carry a large share.
MARGIN = 0.05


def planned(chain: Chain, total: float, top: float = 0.0) -> bool:
    """Whether ``chain``, with ``total`` gain over the document (the leading chain: ``top``),
    has evidence enough to plan."""
    return bool(chain) and total >= PLAN_GAIN.get(chain[0], PLAN_GAIN_LEGACY) - _EPS \
        and total >= MARGIN * top


def decide(repaired: list[tuple[int, Chain, float]], gain: dict[Chain, float]) -> Plan:
    """The plan from the per-line evidence: ``repaired`` is (line start, chain, gain) for each
    line the search repaired, in document order; ``gain`` each chain's total over the document
    (the whole file's, when streamed)."""
    spans: list[Span] = []
    total = sum(g for _, _, g in repaired) or 1.0
    kept = 0.0
    top = max(gain.values(), default=0.0)
    took = cyrspans.chosen_gain(repaired)
    for pos, chain, g in repaired:
        if not planned(chain, gain.get(chain, 0.0), top) or cyrspans.outweighed(chain, gain, took):
            continue
        kept += g
        if spans and spans[-1].chain == chain:
            last = spans[-1]
            spans[-1] = Span(last.start, pos, chain, last.lines + 1)
        else:
            spans.append(Span(pos, pos, chain, 1))
    evidence = tuple(f"{' → '.join(s.chain)}: {s.lines} line{'s' * (s.lines != 1)} "
                     f"from offset {s.start}" for s in spans)
    return Plan(tuple(spans), kept / total, evidence)


def _own_trace(line: str, cand: str, chain: Chain, inside: bool = True) -> bool:
    """Whether ``chain`` leaves a trace on ``line`` that a cost of zero cannot see."""
    if chain[:2] in _CASE_SWAP:
        # Cyrillic both ways, case swapped and letters permuted (``ИМЯ`` is ``йнс``): the
        # repair must read more like the language than the line, letter by letter.
        # A line of a few letters (``ИМЯ``, ``йнс``) is too short for the statistics: inside
        # its span the document decides, unless the letters say otherwise.
        gain = letter_score(cyrspans.known_letters(line, cand)) - letter_score(line)
        if inside and len(_CYR.findall(line)) < 6:
            return gain >= -_KOI8_SHORT_SLACK
        return gain >= (_KOI8_MARGIN if inside else 2 * _KOI8_MARGIN)
    if chain[0] == "utf-8" and len(chain) == 2:
        # UTF-8 read as another page turns each non-ASCII character into two or three of that
        # page (``è`` through cp1251 is ``ГЁ``, cost 0 among Italian words; ``©`` through
        # cp1253 is ``Β©``): the strict repair consumes them all, so it holds at most half as
        # many non-ASCII characters as the line. (Clean text of the page's script is almost
        # never valid UTF-8 once encoded.)
        n = len(_NON_ASCII.findall(cand))
        return 0 < n and 2 * n <= len(_NON_ASCII.findall(line))
    if chain[0] in _MULTIBYTE:
        # A CJK page read as Latin-1: Latin-1 letters cost nothing, the repair is CJK.
        return all(c.isascii() or _CJK.match(c) or not c.isalpha() for c in cand) \
            and _CJK.search(cand) is not None
    return False


def admits(line: str, cand: str, chain: Chain, inside: bool, before: float, after: float,
           words: frozenset[str] = frozenset(), between: bool = False) -> bool:
    """Whether the plan's ``chain`` may repair ``line`` into ``cand`` (the strict decoding),
    where ``before`` and ``after`` are their plausibility costs and ``inside`` says the line
    lies inside the chain's span; ``words``: the words of the document's repaired lines (see
    :func:`mojifix.fixers.cyrspans.swap_words`); ``between``: the line lies between two of the
    span's own lines (not in the region before the first span or after the last, which the span
    reaches when nothing there contradicts it). The rules, and why, are in the module docstring."""
    if cand == line or ("\ufffd" in cand and cand.count("\ufffd") > line.count("\ufffd")):
        return False
    if any((c < " " and c not in "\t") or "\x7f" <= c <= "\x9f" for c in cand if c not in line):
        return False  # controls the line did not have: no text
    if inside and chain[:2] in _CASE_SWAP and cyrspans.swapped_marks(line, cand):
        return True
    if chain[0] not in _MULTIBYTE and _RUN2.search(line) is None \
            and not (chain[0] == "utf-8" and latin_only(cand)) and not _CYR.search(line) \
            and not (inside and cyrspans.lone_cyrillic_word(line, cand, chain)) \
            and not (inside and chain[0] == "utf-8" and chain[-1] in _MULTIBYTE):
        # A lone non-ASCII character among ASCII is a letter, not mojibake: a character of a
        # single-byte page or of UTF-8 read through one is never alone. (A CJK page's trail
        # byte may be ASCII, ``\x83o`` is Shift_JIS ``バ``: those chains are not asked; nor
        # is a lone Cyrillic letter, which KOI8-R read as cp1251 gives for ``в``; nor, inside
        # its span, UTF-8 read through a CJK page, where one letter is one ideograph: ``胁``.)
        return False
    if chain[0] == "utf-8" and _own_trace(line, cand, chain):
        # UTF-8's own structure decides: the plausibility model taxes every accented Latin
        # letter (0.4 for ``è``) and not the Cyrillic pair it was read as (``ГЁ``, 0.0), a
        # per-character price with no context, so the repair of ``Ram ГЁ un dispositivo``
        # would look less plausible than the mojibake. The letters are let through at that
        # price, nothing else.
        # Inside its span a symbol is let through the same way (``β‘΅ ----`` is ``② ----``,
        # Korean's circled numbers through cp1253: the model prices ``②`` at 0.1 and the three
        # characters it was read as at nothing); outside a span only letters are.
        found = _NON_ASCII.findall(cand)
        slack = sum(latin_tax(c) for c in found if is_latin(c))
        if inside:
            slack += SYMBOL_TAX * sum(not is_latin(c) and not c.isalpha() for c in found)
        return after <= before + slack + _EPS
    if after > before + _EPS:
        # Inside a case-swap span, a repair may cost the price of the letters it makes of the
        # line's marks (cyrspans.made_letters: Serbian's ``ј`` of ``╪``) when its other letters
        # show the chain's trace (_own_trace): the model charges those letters, not the marks.
        if inside and chain[:2] in _CASE_SWAP:
            return after <= before + cyrspans.made_letters(line, cand) + _EPS \
                and _own_trace(line, cand, chain, inside)
        # (and a CJK page's letter beside ASCII inside its span, which the model taxes:
        return inside and shortcjk.documents_line(line, chain)  # fixers/shortcjk.py)
    if inside and before > _EPS:
        return True  # inside its span, a repair no less plausible than the line
    if after < before - _EPS:
        return True  # outside the spans the repair must prove itself: more plausible
    # No gain the model can see: the chain's own trace must show (inside a span; outside it
    # only KOI8-R's, with twice the margin: letter frequencies are a language's statistics).
    if inside and chain[:2] in _CASE_SWAP and (cyrspans.swap_words(line, cand, words)
                                              or (between and cyrspans.swapped_capitals(line, cand))):
        return True
    return (inside or chain[:2] in _CASE_SWAP) and (_own_trace(line, cand, chain, inside)
                                                   or (inside and _letters_from_cjk(line, cand, chain)))


def _letters_from_cjk(line: str, cand: str, chain: Chain) -> bool:
    """UTF-8 read through a CJK page, inside its span: the line's non-ASCII characters are all
    ideographs and the repair's are all letters of another script (``懈谢懈`` is ``или``, both at
    cost zero: two bytes of Cyrillic are one GBK ideograph, so UTF-8's "at most half remain"
    cannot show)."""
    found = _NON_ASCII.findall(cand)
    return chain[0] == "utf-8" and chain[-1] in _MULTIBYTE and bool(found) \
        and all(_CJK.match(c) for c in _NON_ASCII.findall(line)) \
        and all(c.isalpha() and not _CJK.match(c) for c in found)


def _contradicts(line: str, cand: str | None, chain: Chain, cost: Callable[[str], float],
                 words: frozenset[str] = frozenset()) -> bool:
    """Whether ``line`` is evidence against ``chain`` beside its span: the chain cannot be undone
    on it, or its repair reads worse (costs more; for KOI8-R, rarer letters:
    :func:`mojifix.fixers.cyrspans.contradicts`)."""
    if cand is None:
        return True
    if chain[:2] in _CASE_SWAP:
        return cyrspans.contradicts(line, cand, cost, words)
    if cost(cand) > cost(line) + _EPS:
        return not shortcjk.documents_line(line, chain)  # (but ``¦~``: fixers/shortcjk.py)
    return False


def repairs(
    text: str,
    the_plan: Plan,
    skip: set[int],
    candidate: Callable[[str, Chain], str | None],
    cost: Callable[[str], float],
    defer: Callable[[str, Chain], bool] = lambda line, chain: False,
    words: frozenset[str] = frozenset(),
) -> list[tuple[int, str, Chain, str]]:
    """Apply ``the_plan`` to the lines of ``text`` the search left alone (their starts not in
    ``skip``): (line start, line, chain, repair) for each line :func:`admits`.

    ``candidate(line, chain)`` is the chain undone on the line with strict codecs (None when it
    cannot be); ``defer(line, chain)`` says another fixer repairs the line (left to it).

    Contiguous regions: the first span reaches back to the document's start, and the last one
    on to its end, when no non-ASCII line there contradicts the chain (:func:`_contradicts`):
    a manual's first lines are its headings (``ИМЯ``), and nothing tells them from the body
    but the document. One contradicting line (a clean head before a garbled part) keeps the
    region where the evidence is."""
    if not the_plan:
        return []
    from ..textdiff import split_at  # (difflib: only when a plan repairs lines)

    lines: list[tuple[int, str]] = []
    for start, line in split_at(text):
        body = line.rstrip("\r")
        if start not in skip and not body.isascii():
            lines.append((start, body))
    first, last = the_plan.spans[0], the_plan.spans[-1]
    cands: dict[tuple[int, Chain], str | None] = {}

    def cand_of(start: int, body: str, chain: Chain) -> str | None:
        if (start, chain) not in cands:
            cands[start, chain] = candidate(body, chain)
        return cands[start, chain]

    head = all(not _contradicts(body, cand_of(start, body, first.chain), first.chain, cost, words)
               for start, body in lines if start < first.start)
    tail = all(not _contradicts(body, cand_of(start, body, last.chain), last.chain, cost, words)
               for start, body in lines if start > last.end)

    def proven(start: int, body: str, chain: Chain) -> bool:  # (cyrspans.reach)
        cand = cand_of(start, body, chain)
        return cand is not None and admits(body, cand, chain, False, before := cost(body), after := cost(cand), words) \
            and (after < before - _EPS or len(_CYR.findall(body)) >= 6)

    reach = cyrspans.reach(lines, first, last, proven)
    known: list[frozenset[str]] = []

    def letters() -> frozenset[str]:  # the letters of the spans' own repairs: once, when asked
        if not known:
            found: list[str] = []
            for start, line in split_at(text):
                span = next((sp for sp in the_plan.spans if sp.start <= start <= sp.end), None)
                if span is not None and start in skip and not line.isascii():
                    found.append(candidate(line.rstrip("\r"), span.chain) or "")
            known.append(latinpages.letters_of(found))
        return known[0]

    out: list[tuple[int, str, Chain, str]] = []
    for start, body in lines:
        before: float | None = None
        taken: tuple[int, str, Chain, str] | None = None
        for chain, inside in the_plan.chains_at(start):
            between = inside  # (between the span's own lines, or those cyrspans.reach adds)
            if not inside and ((start < first.start and chain == first.chain and (head or start >= reach[0]))
                               or (start > last.end and chain == last.chain and (tail or start <= reach[1]))):
                inside, between = True, reach[0] <= start <= reach[1]
            cand = cand_of(start, body, chain)
            if cand is None or defer(body, chain):
                continue
            if before is None:
                before = cost(body)
            if taken is not None:
                # Between two spans of different chains (two parts pasted together) both may
                # admit the line: the nearer one is kept unless only the other reads as one
                # language's alphabet (Czech ``speciální`` through ISO-8859-2, ``speciålní``
                # through windows-1250: the model prices ``á`` and ``å`` alike).
                if cand != taken[3] and admits(body, cand, chain, inside, before, cost(cand), words, between) \
                        and (alphabet_prefers(cand, taken[3]) or latinpages.document_prefers(cand, taken[3], letters)):
                    taken = (start, body, chain, cand)
                break
            if admits(body, cand, chain, inside, before, cost(cand), words, between):
                taken = (start, body, chain, cand)
                if inside:
                    break
        if taken is not None:
            out.append(taken)
    return out


def search_repairs(
    text: str,
    the_plan: Plan,
    repaired: list[tuple[int, Chain, float]],
    candidates: Callable[[str], list[tuple[Chain, str]]],
    shape_ok: Callable[[str, str, Chain], bool],
    ftfy_fix: Callable[[str], tuple[str, object]],
    cost: Callable[[str], float],
) -> list[tuple[int, str, Chain, str]]:
    """:func:`repairs` for the chain search (:func:`mojifix.fixers.chains.fix_chains`): lines the
    search left alone, and lines it repaired with a chain the plan does not hold (the line's
    own choice, kept when the plan's chain does not admit the line). ``candidates`` is the
    search's strict candidates of a line, ``shape_ok`` its UTF-8-through-CJK shape test; a
    line ftfy (the next fixer) re-decodes through a Latin page is left to it."""
    found: dict[str, dict[Chain, str]] = {}

    def candidate(body: str, chain: Chain) -> str | None:
        if body not in found:
            found[body] = {}
            for ch, t in candidates(body):
                found[body].setdefault(ch, t)
        cand = found[body].get(chain)
        return cand if cand is not None and shape_ok(body, cand, chain) else None

    def defer(body: str, chain: Chain) -> bool:
        # UTF-8 read through a Latin page is ftfy's; so is a line ftfy reads more cheaply than a
        # legacy chain (QA: French ``rÃ©solution`` beside Russian cp1251 was ``rГ©solution``),
        # but a CJK page's letter beside ASCII (``%(delta)sÇ°``: ``前``, not ftfy's ``ǰ``).
        if chain[-1] not in ("latin-1", "windows-1252") or (fixed := ftfy_fix(body)[0]) == body:
            return False
        return chain[0] == "utf-8" or (cost(fixed) < cost(candidate(body, chain) or "")
                                       and not shortcjk.documents_line(body, chain))

    words = cyrspans.case_swap_words(text, repaired, candidate, _CASE_SWAP)
    if not the_plan:
        return []
    done = {pos for pos, chain, _ in repaired if the_plan.holds(chain)}
    swap = next((sp.chain for sp in the_plan.spans if sp.chain[:2] in _CASE_SWAP), None)
    mine = frozenset(w for ch, w in words if ch == swap)
    return repairs(text, the_plan, done, candidate, cost, defer, mine)


# Evidence from lines too short for the per-line search's shape test, summed over a document
# with no other evidence: at least this many lines, and this much gain in total.
SHAPELESS_LINES = 3
SHAPELESS_GAIN = 2 * PLAN_GAIN_LEGACY
_APOSTROPHE = re.compile("(?<=[A-Za-z])\u2019(?=[A-Za-z])")
# ... or, in a document of a line or two (most of an English page is ASCII: one quoted word may be
# all the non-ASCII it has), a mark that can only be punctuation of the words around
# it: an apostrophe inside a word (``object¡¯s``) or a pair of quotes around one
# (``¡°starred¡±``, ``¡®floor¡¯``). GBK's ``¡°`` (an inverted exclamation mark before a
# degree sign) and KOI8-R's ``▓`` between letters spell nothing in any language; a lone dash
# or a lone quote might, and does not count.
# A matched pair (``‘…’``, ``“…”``) around up to a sentence's worth of text counts too, whatever
# it quotes (``¡°the numeric arguments are converted to a common type¡±``, ``¡®%¡¯``,
# ``¡®"-"¡¯``: Python's reference quotes operators): an opening mark and its own closing mark on
# one line, each a pair of Latin-1 symbols, are the page's punctuation, not two accidents.
SHAPELESS_ENCLOSING = 1
_QUOTED = "[^\u2018\u201c\u2019\u201d]"
_ENCLOSED = re.compile("(?<=[A-Za-z])\u2019(?=[A-Za-z])|[\u2018\u201c](?=[A-Za-z])[^\u2018\u201c\u2019\u201d]{1,40}"
                       "(?<=[A-Za-z.,!?])[\u2019\u201d]"
                       f"|\u2018(?=\\S){_QUOTED}{{1,80}}(?<=\\S)\u2019|\u201c(?=\\S){_QUOTED}{{1,80}}(?<=\\S)\u201d")


def _marks(text: str) -> int:
    return sum("\u2010" <= c <= "\u205f" for c in text) + len(_APOSTROPHE.findall(text))


def _enclosing(found: list[tuple[int, str, float, float, str]]) -> int:
    """How many apostrophes inside words and quote pairs around words the repairs bring."""
    return sum(len(_ENCLOSED.findall(cand)) - len(_ENCLOSED.findall(line))
               for _, line, _, _, cand in found)


def _only_marks(line: str, cand: str) -> bool:
    """Whether every character the repair brings is Western punctuation (U+2010-U+205F:
    ``’ “ ” — …``): the one thing Western text saved in a CJK page holds that a line alone
    cannot show. Anything else (an alphabet listing ``ñáéíóú`` that GBK reads as hanzi, a
    cp1252 page's accents read as Cyrillic) needs a line with evidence of its own."""
    new = set(cand) - set(line)
    return bool(new) and all("\u2010" <= c <= "\u205f" for c in new if not c.isascii())


def shapeless(
    lines: dict[int, tuple[str, list[tuple[Chain, str]]]],
    cost: Callable[..., float],
    accept: Callable[[float, float, Chain], bool],
    text: str = "",
) -> tuple[list[tuple[int, str, float, tuple[tuple[Chain, tuple[float, str]], ...]]], dict[Chain, float]]:
    """The document's evidence for a legacy-page chain none of its lines shows alone.

    English saved as GBK and read as Latin-1 is ASCII with a few pairs, ``instance¡¯s``
    (``’``): each line is one curly quote, below any line's bar and without the shape of
    legacy mojibake (runs of letters and symbols), yet a page of them proves the chain. Only
    repairs that bring Western punctuation and nothing else count (:func:`_only_marks`). Given
    the lines whose legacy candidates the shape test refused (``lines``: start -> (line,
    [(chain, repair)])), a chain is taken when it repairs at least :data:`SHAPELESS_LINES`
    lines clearly (``accept``: the per-line margin), with :data:`SHAPELESS_GAIN` in total,
    and no line where it can be undone reads worse for it (a clean page with accented
    letters that happen to decode has such lines: the chain is refused). Ties between chains
    that give the same text (GBK and EUC-KR share ``¡¯``) go to the search's order; chains
    tied with different texts and no Western punctuation to tell them apart: none is taken.

    Returns the search's per-line evidence for the chain's lines, (start, line, cost,
    ((chain, (cost, repair)),): the pairs chains.py keeps per line), and the chain's total gain; nothing when no chain qualifies."""
    scored: dict[Chain, list[tuple[int, str, float, float, str]]] = {}
    # Only chains that reach enough lines are scored (clean accented text gives a few stray
    # candidates here and there: no cost is computed for them).
    # And only chains with enough lines whose repair brings marks alone (the lines a chain is
    # taken on), or one line where a pair of quotes encloses a word (_ENCLOSED): the others
    # cannot be taken, whatever their costs (a garbled French page has hundreds of such
    # candidates, and their costs were most of the page's repair time).
    seen: Counter[Chain] = Counter()  # (every chain a key; one pass: chains.py remakes each line)
    enclosing: set[Chain] = set()
    dashed: set[Chain] = set()
    for line, cands in lines.values():
        dash, letter = onetrace.may_dash(line), onetrace.may_letter(line)
        for chain, cand in cands:
            seen[chain] += (marks := _only_marks(line, cand))
            if _ENCLOSED.search(cand) or cyrspans.swapped_quotes(chain, [line]):
                enclosing.add(chain)
            # Or one dash between words, no other non-ASCII (``Types ¡ª "dict"``), or a letter (``'©¬'``: ß).
            if (dash and marks and onetrace.dash_between_words(line, cand)) \
                    or (letter and onetrace.letter_trace(line, cand)):
                dashed.add(chain)
    refused = {chain for chain, n in seen.items() if n < SHAPELESS_LINES and chain not in enclosing | dashed}
    # The lines a chain turns into marks alone at no higher cost, below the per-line margin
    # (KOI8-R's ``≈`` costs 0.1, its repair ``—`` 0): repaired once the document took the chain.
    quiet: dict[Chain, list[tuple[int, str, float, float, str]]] = {}
    for pos, (line, cands) in lines.items():
        if refused.issuperset(seen):
            break  # nothing left to weigh (each line is made again when read: chains.py, issue 20)
        base = None
        for chain, cand in cands:
            if chain in refused:
                continue
            if base is None:
                base = cost(line)
            after = cost(cand, base + 1.0)  # above the line's cost, how much more is no matter
            if after > base + _EPS or cyrspans.quote_run(line, cand):
                refused.add(chain)
            elif _only_marks(line, cand) or (chain in dashed and onetrace.letter_trace(line, cand)):
                found_in = scored if accept(base, after, chain) else quiet
                found_in.setdefault(chain, []).append((pos, line, base, after, cand))
    ranked: list[tuple[float, int, Chain]] = []
    for chain in dashed - refused - set(scored):
        scored[chain] = []  # decided by its dash alone (below), its lines all quiet
    for chain, found in scored.items():
        total = sum(base - after for _, _, base, after, _ in found)
        # Ties on cost are common here (Big5 reads ``¡¯`` as ``＊``, which the model does
        # not tax among Latin words): the chain whose repairs are Western punctuation
        # (U+2010-U+205F: ``’ “ ” —``, what English and European text holds) goes first.
        # And an apostrophe inside a word (``module’s``) counts once more: EUC-KR reads
        # Big5's ``’`` as ``…``, in the same block.
        marks = sum(_marks(cand) - _marks(line) for _, line, _, _, cand in found)
        if chain not in refused and ((len(found) >= SHAPELESS_LINES and total >= SHAPELESS_GAIN - _EPS)
                                     or _enclosing(found) >= SHAPELESS_ENCLOSING
                                     or cyrspans.swapped_quotes(chain, [ln for _, ln, *_ in found])
                                     or (chain in dashed and onetrace.all_traces(
                                         text, {ln for _, ln, *_ in found + quiet.get(chain, [])}))):
            ranked.append((total, marks, chain))
    if not ranked:
        return [], {}
    ranked.sort(key=lambda r: (-r[0], -r[1]))  # stable: the search's order breaks what is left
    best_gain, marks, best = ranked[0]
    for total, other_marks, chain in ranked[1:]:
        if abs(total - best_gain) <= _EPS and other_marks == marks and \
                [c for *_, c in scored[chain]] != [c for *_, c in scored[best]]:
            return [], {}  # two chains, two texts, nothing to choose: a missed fix, not a wrong one
    # A quiet line is reported with the least cost the search's margin takes (chains._accept:
    # a gain of 1, at most 0.75 of the line), so the search repairs it; the gain stays the true one.
    out = [(pos, line, base, ((best, (after, cand)),)) for pos, line, base, after, cand in scored[best]]
    out += [(pos, line, max(base, after + 1.0, after / 0.75), ((best, (after, cand)),))
            for pos, line, base, after, cand in quiet.get(best, [])]
    return (sorted(out, key=lambda r: r[0]),
            {best: best_gain + sum(base - after for _, _, base, after, _ in quiet.get(best, []))})


def traced(
    text: str, skip: set[int], candidate: Callable[[str], str | None], cost: Callable[[str], float],
) -> list[int]:
    """The starts of the lines (not in ``skip``) that a UTF-8 chain, undone strictly
    (``candidate``), repairs with UTF-8's own trace (the repair consumes the page's characters,
    at most half remain) and the per-line search's margin (at most 0.85 of the line's cost,
    and a gain of 1): more evidence for a chain ftfy proved on one line only.

    Why: ftfy does not see every page in every language. Spanish read as ISO-8859-2 is
    ``MĂłdulos``, ``ĂĄ``, ``Ă\xad`` (``ó á í``): a capital A with breve before ``ł``, which ftfy's
    heuristics pass, so a whole document shows ftfy one line (``Ă\x93``, ``Ó``, a C1 control) and
    stays garbled. Each line counted here proves itself as a line of the chain search would (a
    strict UTF-8 decoding, and a cost the model clearly prefers), so nothing is repaired on the
    document's word alone; the plan then takes them with ftfy's line as one span."""
    out: list[int] = []
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        body = line.rstrip("\r")
        if start in skip or body.isascii():
            continue
        cand = candidate(body)
        if cand is None or cand == body:
            continue
        n = len(_NON_ASCII.findall(cand))
        if not 0 < 2 * n <= len(_NON_ASCII.findall(body)):
            continue
        before, after = cost(body), cost(cand)
        if after <= 0.85 * before + _EPS and before - after >= 1.0 - _EPS:
            out.append(start)
    return out
