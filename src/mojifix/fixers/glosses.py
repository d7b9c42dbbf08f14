"""Injected pinyin glosses: ``強(qiáng)調(diào)`` for ``強調``.

Spam and mirror sites convert mainland articles to Traditional script and insert the pinyin of
many characters after them. The set of glossed characters differs from site to site and even from
page to page, so no fixed list can work. Instead every candidate ``<hanzi>(<latin>)`` is checked
in a dictionary (pypinyin): it is a gloss only when the parenthesised word is a real reading of
that character or of its Simplified form (OpenCC ``t2s``). The gloss is the character's *default*
reading, not the one in context (``協調(diào)``), so all readings count.

Evidence rules (do no harm):

* A reading with tone marks (``qiáng``) that the dictionary confirms is removed on a page whose
  evidence says converter output: Traditional script (the converter runs OpenCC ``s2t`` on a
  mainland article), ASCII ``, ; : ? !`` glued to CJK text (it writes ``，`` as ``,``), dense
  glossing (at least half of the hanzi glossed, three glosses or more). Never on a page whose
  toned glosses stand on Simplified-only characters (``师(shī)``, a fifth of them or more), or
  mostly on forms OpenCC ``s2t`` leaves as they are (fewer than half on a Traditional-only
  form), nor on a line holding a Simplified-only one: the converter glosses the characters its
  ``s2t`` changed (all 423 toned glosses of the web samples), a lesson every character it
  teaches. Nor on a page whose glosses stand mostly in a learner's items, every character of
  a list item, a table cell or a flashcard glossed (``1. 學(xué) - to study``, ``| 學(xué) |``): a
  Traditional lesson's glosses are dense and on changed forms too (:mod:`.glossitems`). (The page
  pattern below, many glosses all confirmed, is no such evidence: a lesson's glosses are all
  real readings too.) Teaching
  material -- Simplified text with full-width punctuation and a few glosses on a page of
  clean text, ``我(wǒ)爱(ài)你(nǐ)。这是一本汉语课本。`` -- shows none of these and keeps its
  pinyin (issue 19: a wrong removal deletes the lesson; a missed one leaves a gloss visible).
* A toneless reading (``当(dang)``, a variant on Simplified pages) is removed only when the page
  as a whole shows the pattern: at least ``MIN_PAGE_GLOSSES`` confirmed glosses and most bracketed
  Latin words after hanzi confirmed. A textbook's lone ``行(xing)`` stays.
* ``步行(walking)``, ``(2023)``, ``(Clinical Trial)`` never match: the word is not a reading of
  the character before it, or no hanzi precedes it.
* A gloss after an ASCII letter (``ZHANG Weilu,F(xiàn)U``) is the converter glossing a byte pair
  that straddles two characters: ``，F`` is GBK ``A3 AC 46``, and ``AC 46`` is 現 (xiàn). It is
  removed when the toned reading belongs to the character that the trail byte of the character
  before (or of the full-width form of ``, ? ! : ;``) and the letter make. That also proves the
  ``,`` was ``，``: with ``restore_original`` it is written full-width (the default keeps ``,``,
  as it keeps every other ASCII punctuation mark the converter wrote).
* On a page with the pattern, ``?`` next to a space is counted and reported (``[摘? 要]``): the
  converter wrote ``?`` for a space GBK lacks (U+00A0, U+2002, ...). Which space it was is not
  recoverable, so the text is left as it is.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache

from ..config import Config
from ..model import Edit, Finding
from ..scoring.evidence import page_decision, page_rule, record
from .gbkbytes import PUNCT_TRAIL, gbk, pair
from .pinyintable import HANZI
from .pinyintable import table as _pinyin_table

TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜḿńňǹ"
# A hanzi, then "(reading)". Anchored on the literal "(" with the hanzi in a lookbehind, so that
# Chinese text is not tried at every character; a match is the "(reading)" only.
CANDIDATE = re.compile(f"\\((?<=([{HANZI}])\\()([a-z{TONED}üv\u0300-\u0304\u030c]{{1,8}})\\)")
# Anchored on the literal "(" (fast to scan for); the two characters before it in a lookbehind.
STRADDLE = re.compile(f"\\((?<=([^\\x00-\\x7f]|[,?!:;])([@-~])\\()([a-z{TONED}üv]{{1,7}})\\)")
# Both in one scan of the text: the character before "(" tells them apart (a hanzi, or an ASCII
# letter or symbol), so a "(" is at most one of them. Groups 1-2 are CANDIDATE's, 3-5 STRADDLE's.
_EITHER = re.compile(f"{CANDIDATE.pattern}|{STRADDLE.pattern}")
LOST_SPACE = re.compile(r"\?(?= )|(?<= )\?")
MIN_PAGE_GLOSSES = 4
MIN_PAGE_RATIO = 0.8


@lru_cache(maxsize=1)
def _t2s():  # -> opencc.OpenCC
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _s2t():  # -> opencc.OpenCC
    import opencc

    return opencc.OpenCC("s2t")


@lru_cache(maxsize=65536)
def simplified_only(ch: str) -> bool:
    """Whether ``ch`` is a Simplified form the converter never shows: OpenCC ``s2t`` changes it
    (``师`` -> ``師``). The converter glosses its Traditional output, so a toned gloss on such a
    character is a person's (a lesson, a children's book), not the converter's.

    >>> simplified_only("师"), simplified_only("師"), simplified_only("好")
    (True, False, False)
    """
    try:
        return _s2t().convert(ch) != ch
    except Exception:  # pragma: no cover - opencc missing data: no evidence
        return False


_TONE_MARKS = dict.fromkeys(map(ord, "\u0300\u0301\u0304\u030c"))


def _toneless(reading: str) -> str:
    """pypinyin's ``Style.NORMAL`` of one toned reading: tone marks off, ``ü`` written ``v``
    (``lǜ`` -> ``lv``, ``ê̄`` -> ``ê``, ``ḿ`` -> ``m``)."""
    bare = unicodedata.normalize("NFD", reading).translate(_TONE_MARKS)
    return unicodedata.normalize("NFC", bare).replace("ü", "v")


@lru_cache(maxsize=65536)
def readings(ch: str) -> tuple[frozenset[str], frozenset[str]]:
    """All toned and toneless readings of a character and of its Simplified form.

    >>> "qiáng" in readings("強")[0], "dang" in readings("当")[1]
    (True, True)
    """
    table = _pinyin_table()
    chars = {ch}
    try:
        chars.add(_t2s().convert(ch))
    except Exception:  # pragma: no cover - opencc missing data is not fatal
        pass
    toned: set[str] = set()
    for c in chars:
        if len(c) == 1 and (found := table.get(ord(c))):
            toned.update(found.split(","))
    plain = {_toneless(r) for r in toned}
    plain.update({p.replace("ü", "v") for p in plain} | {p.replace("ü", "u") for p in plain})
    return frozenset(toned), frozenset(plain)


@lru_cache(maxsize=65536)
def classify(ch: str, word: str) -> str | None:
    """'toned' or 'toneless' when ``word`` is a reading of ``ch``, else None. (Cached: a spammed
    page glosses the same few hundred characters thousands of times.)"""
    word = unicodedata.normalize("NFC", word)
    toned, plain = readings(ch)
    if word in toned and any(c in TONED for c in word):
        return "toned"
    if word in plain or word in toned:
        return "toneless"
    return None


def straddled(prev: str, letter: str, word: str) -> str | None:
    """The character a straddling byte pair glossed with ``word`` spells, or None.

    >>> straddled(",", "F", "xiàn")
    '現'
    """
    if prev in PUNCT_TRAIL:
        trail = PUNCT_TRAIL[prev]
    else:
        b = gbk(prev)
        if not b or len(b) != 2:
            return None
        trail = b[1]
    g = pair(trail, ord(letter))
    return g if g and classify(g, word) == "toned" else None


def _straddle_edits(found: list[re.Match[str]], config: Config) -> list[Edit]:
    """Edits for the straddling glosses among ``_EITHER``'s matches (groups 3-5)."""
    edits: list[Edit] = []
    for m in found:
        prev, letter, word = m.group(3, 4, 5)
        g = straddled(prev, letter, word)
        if g is None:
            continue
        if config.restore_original and prev in ",?!:;":
            full = chr(ord(prev) + 0xFEE0)
            edits.append(Edit(m.start(3), m.end(3), full, "fullwidth-punctuation", f"proven by {g}({word})"))
        edits.append(Edit(m.start(5) - 1, m.end(), "", "pinyin-gloss", f"{letter}({word}) glosses {g}, a straddling byte pair"))
    return edits


def fix_glosses(text: str, config: Config) -> tuple[list[Edit], list[Finding]]:
    if not config.remove_glosses or "(" not in text:
        return [], []
    matches: list[re.Match[str]] = []
    straddles: list[re.Match[str]] = []
    for m in _EITHER.finditer(text):
        (matches if m.lastindex == 2 else straddles).append(m)
    straddle = _straddle_edits(straddles, config)
    if not matches and not straddle:
        return [], []
    if straddle:  # (always removed: a streamed file's count of what its pages remove)
        record("gloss-straddles", {"removed": sum(e.kind == "pinyin-gloss" for e in straddle)})
    kinds = [classify(*m.group(1, 2)) for m in matches]
    confirmed = sum(k is not None for k in kinds)
    toned = kinds.count("toned")
    simplified = sum(1 for m, k in zip(matches, kinds, strict=True) if k == "toned" and simplified_only(m.group(1)))
    changed = sum(1 for m, k in zip(matches, kinds, strict=True) if k == "toned" and _traditional(m.group(1)))
    items = _learner_items(text, confirmed)
    page_pattern = _page_pattern(confirmed, len(matches), toned, simplified, changed, items)
    converter = bool(toned) and _converter_page(text, toned, simplified, changed, confirmed, items)
    kept = _lines_a_person_glossed(text, matches, kinds) if simplified else [False] * len(matches)
    edits: list[Edit] = []
    chars: Counter[str] = Counter()
    add = edits.append
    toneless = 0
    for m, kind, keep in zip(matches, kinds, kept, strict=True):
        if not keep and ((kind == "toned" and converter) or (kind == "toneless" and page_pattern)):
            start, end = m.span()
            gloss = m.group(1) + m.group()
            add(Edit(start, end, "", "pinyin-gloss", gloss))
            toneless += kind == "toneless"
    chars.update(e.note for e in edits)
    for e in straddle:
        edits.append(e)
        if e.kind == "pinyin-gloss":
            chars[e.note.split(" ")[0]] += 1
    edits.sort(key=lambda e: e.start)
    if not edits:
        return [], []
    n = sum(e.kind == "pinyin-gloss" for e in edits)
    return edits, _findings(text, n, toneless, confirmed, len(matches), chars, page_pattern)


def _lines_a_person_glossed(text: str, matches: list[re.Match[str]], kinds: list[str | None]) -> list[bool]:
    """For each gloss, whether its line holds a toned gloss on a Simplified-only character: a
    line a person glossed (a lesson's, see :func:`converter_decision`), whose glosses all stay,
    whatever the page's decision (a lesson line beside converter text: ``老师(lǎoshī)说(shuō)：
    学(xué)习(xí)``, a review's case; a short lesson whose Simplified-only glosses are under a
    fifth of the page's). The converter never glosses such a character. Their numbers are
    recorded for a streamed file's count of what its pages remove (:func:`removed_on_page`)."""
    line_of: list[int] = []
    line = pos = 0
    for m in matches:  # (line numbers counted as the matches come: linear on a one-line page)
        line += text.count("\n", pos, m.start())
        pos = m.start()
        line_of.append(line)
    person = {n for n, m, k in zip(line_of, matches, kinds, strict=True) if k == "toned" and simplified_only(m.group(1))}
    kept = [n in person for n in line_of]
    record("gloss-person-lines", {
        "toned": sum(1 for k, keep in zip(kinds, kept, strict=True) if keep and k == "toned"),
        "toneless": sum(1 for k, keep in zip(kinds, kept, strict=True) if keep and k == "toneless")})
    return kept


_HANZI_RUN = re.compile(f"[{HANZI}]+")
# ASCII punctuation written for its full-width form next to CJK text (``強調,要``).
_GLUED = re.compile(f"[{HANZI}\u3040-\u30ff\uff08\uff09)][,;:?!]|[,;:?!][{HANZI}\u3040-\u30ff]")
MIN_DENSITY = 0.5
MIN_TRADITIONAL = 0.05
# Toned glosses a page needs before their density alone is a converter's evidence.
MIN_DENSE = 3
# Of a page's toned glosses, the share on Traditional-only forms a converter's page shows.
MIN_CHANGED = 0.5
# Of a page's toned glosses, the share on Simplified-only characters that says a person wrote
# them (see :func:`converter_decision`).
MIN_SIMPLIFIED = 0.2
# Of a page's confirmed glosses, the share standing in learner items that says a person wrote
# them (see :func:`mojifix.fixers.glossitems.learner_items`).
MIN_ITEMS = 0.5
# Items a page needs before their share is a person's evidence: a list, not one word alone
# (``強(qiáng)調(diào)``, as the converter leaves a short title).
MIN_ITEM_RUNS = 2


def _learner_items(text: str, confirmed: int) -> tuple[int, int]:
    """The page's glosses in a learner's items, and how many items
    (:func:`mojifix.fixers.glossitems.learner_items`)."""
    from .glossitems import learner_items

    return learner_items(text, confirmed, CANDIDATE, _is_reading)


def _is_reading(ch: str, word: str) -> bool:
    return classify(ch, word) is not None


@lru_cache(maxsize=65536)
def _traditional(ch: str) -> bool:
    """Whether OpenCC ``t2s`` changes ``ch`` (a Traditional-only form)."""
    try:
        return _t2s().convert(ch) != ch
    except Exception:  # pragma: no cover - opencc missing data: no evidence
        return False


@lru_cache(maxsize=65536)
def _glossable(ch: str) -> bool:
    """Whether the converter could gloss ``ch`` with a toned reading: its default (first)
    reading has a tone mark (``们`` reads ``men`` by default: it is never glossed toned, so it
    does not count against the density of a glossed page)."""
    found = _pinyin_table().get(ord(ch))
    return bool(found) and any(c in TONED for c in found.split(",")[0])


def _converter_counts(totals: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    """A streamed file's converter counts: ``toned`` from the chunks with glosses, the rest
    from every chunk (:func:`page_evidence`), as :func:`_converter_page` counts a whole page."""
    chars = totals.get("gloss-page-chars", {})
    return {
        "toned": totals.get("gloss-converter", {}).get("toned", 0),
        "simplified": totals.get("gloss-converter", {}).get("simplified", 0),
        "changed": totals.get("gloss-converter", {}).get("changed", 0),
        "confirmed": totals.get("gloss-converter", {}).get("confirmed", 0),
        "items": totals.get("gloss-converter", {}).get("items", 0),
        "item_runs": totals.get("gloss-converter", {}).get("item_runs", 0),
        "glued": totals.get("gloss-page-glued", {}).get("glued", 0),
        "hanzi": sum(n for ch, n in chars.items() if _glossable(ch)),
        "distinct": len(chars),
        "traditional": sum(map(_traditional, chars)),
    }


def page_evidence(text: str) -> None:
    """A streamed file's first pass: this chunk's share of the converter-page evidence, in
    amounts that add up over chunks (hanzi per character, since distinct ones do not add)."""
    record("gloss-page-chars", Counter("".join(_HANZI_RUN.findall(text))))
    record("gloss-page-glued", {"glued": int(_GLUED.search(text) is not None)})


@page_rule("gloss-converter", gather=_converter_counts)
def converter_decision(counts: Mapping[str, float]) -> bool:
    """The converter-page decision from a page's counts (also summed over a streamed file's
    chunks): ``toned`` glosses (``simplified`` of them on Simplified-only characters),
    ``hanzi`` outside glosses, ``glued`` ASCII punctuation, ``traditional`` of ``distinct`` hanzi.

    Not a converter's page, whatever else it shows: one whose toned glosses stand on
    Simplified-only characters (a fifth of them or more). The converter runs OpenCC ``s2t``
    first and glosses what it wrote, so its glosses stand on Traditional or shared forms (none
    of the 423 toned glosses of the shared web samples is on a Simplified-only form); a lesson
    or a children's book glosses the Simplified text it teaches (``Note the tone of 师(shī): it
    is``, ``小(xiǎo)猫(māo)``, a new user's QA: their pinyin was removed). And density alone
    needs :data:`MIN_DENSE` glosses: one glossed word in an English sentence (``The word
    好(hǎo) means good``) is everything glossed, and no converter's page.

    Nor one whose toned glosses stand mostly on forms ``s2t`` leaves as they are (``changed``:
    those on a Traditional-only form, at least :data:`MIN_CHANGED` of them): the converter
    glosses the characters its ``s2t`` changed, so all 423 toned glosses of the web samples
    stand on a Traditional-only form, where a lesson glosses every character it shows (a
    review: ``好(hǎo), 是(shì) and 我(wǒ) are common.``, a Traditional lesson ``你(nǐ)好(hǎo)！
    我(wǒ)是(shì)老(lǎo)師(shī)``, shared forms but for 師)."""
    toned = counts.get("toned", 0)
    if _written_by_a_person(counts):
        return False
    return bool(
        counts.get("glued", 0)
        or (toned >= MIN_DENSE and toned >= MIN_DENSITY * counts.get("hanzi", 0))
        or (counts.get("traditional", 0) >= 1
            and counts.get("traditional", 0) >= MIN_TRADITIONAL * counts.get("distinct", 0))
    )


def removed_on_page(totals: Mapping[str, Mapping[str, float]]) -> int:
    """How many glosses the page whose summed counts are ``totals`` removes, as the whole text's
    fixer removes them: its toned glosses when it is a converter's page, its toneless ones on
    the gloss pattern, its straddling ones always. For --restore's evidence on a streamed file
    (:func:`mojifix.fixers.restore._gathered`): each chunk of its first pass decides alone, and
    a small chunk with one gloss removes none where the whole file removes it."""
    pattern = totals.get("pinyin-glosses", {})
    kept = totals.get("gloss-person-lines", {})
    toned = pattern.get("toned", 0)
    removed = totals.get("gloss-straddles", {}).get("removed", 0)
    if toned and converter_decision(_converter_counts(totals)):
        removed += toned - kept.get("toned", 0)
    if _glossed_page_rule(pattern):
        removed += pattern.get("confirmed", 0) - toned - kept.get("toneless", 0)
    return int(removed)


def _converter_page(text: str, toned: int, simplified: int, changed: int, confirmed: int,
                    items: tuple[int, int]) -> bool:
    """Whether the page's evidence says converter output, so that its toned glosses go (see
    the module's notes); only asked when it has some. Cheapest evidence first."""
    counts: dict[str, int] = {"toned": toned, "simplified": simplified, "changed": changed,
                              "confirmed": confirmed, "items": items[0], "item_runs": items[1],
                              "glued": int(_GLUED.search(text) is not None)}
    if not counts["glued"]:
        chars = Counter("".join(_HANZI_RUN.findall(text)))
        counts["hanzi"] = sum(n for ch, n in chars.items() if _glossable(ch))
        if toned < MIN_DENSE or toned < MIN_DENSITY * counts["hanzi"]:
            counts["distinct"] = len(chars)
            counts["traditional"] = sum(map(_traditional, chars))
    return page_decision("gloss-converter", **counts)


def _page_pattern(confirmed: int, candidates: int, toned: int, simplified: int, changed: int,
                  items: tuple[int, int]) -> bool:
    """Whether the page is a glossed page (toneless readings count), as the streamer may force
    it: at least MIN_PAGE_GLOSSES confirmed glosses, and MIN_PAGE_RATIO of the candidates;
    never a page a person glossed (``simplified`` of its ``toned`` glosses: see
    :func:`_written_by_a_person`)."""
    return page_decision("pinyin-glosses", confirmed=confirmed, candidates=candidates,
                         toned=toned, simplified=simplified, changed=changed,
                         items=items[0], item_runs=items[1])


def _written_by_a_person(counts: Mapping[str, float]) -> bool:
    """Whether a page's toned glosses are a person's, not a converter's (see
    :func:`converter_decision`): they stand on Simplified-only characters (a fifth of them or
    more), or mostly on forms ``s2t`` leaves as they are, or its glosses stand in a learner's
    items (:data:`MIN_ITEMS` of them or more, :mod:`mojifix.fixers.glossitems`: a vocabulary
    list, a table, flashcards, toned or not). Its toneless glosses are the person's too: the neutral
    tone has no mark (``妈(mā)妈(ma)``, ``謝(xiè)謝(xie)``)."""
    toned = counts.get("toned", 0)
    return (counts.get("simplified", 0) >= max(1, MIN_SIMPLIFIED * toned)
            or counts.get("changed", toned) < MIN_CHANGED * toned
            or (counts.get("item_runs", 0) >= MIN_ITEM_RUNS
                and counts.get("items", 0) >= MIN_ITEMS * counts.get("confirmed", 0)))


@page_rule("pinyin-glosses")
def _glossed_page_rule(counts: Mapping[str, float]) -> bool:
    """The gloss-page rule (see :func:`_page_pattern`), on a page's counts or a file's sums."""
    if _written_by_a_person(counts):
        return False
    confirmed = counts.get("confirmed", 0)
    return confirmed >= MIN_PAGE_GLOSSES and confirmed >= MIN_PAGE_RATIO * counts.get("candidates", 0)


def text_only(text: str, config: Config) -> tuple[str, list[Finding]] | None:
    """:func:`fix_glosses`' text and findings, for callers that want no located edits (see
    pipeline.py): one scan for the glosses (``findall``, no match objects), each distinct
    (character, reading) pair looked up once, one ``sub`` to remove them. A page with a
    straddling gloss takes the fixer's own road (None)."""
    if not config.remove_glosses or "(" not in text:
        return text, []
    found = _EITHER.findall(text)  # one scan (two, CANDIDATE's and STRADDLE's, cost more)
    if not found:
        return text, []
    shapes = Counter(found)  # counted in C; a page repeats a few hundred glosses
    if any(not f[0] for f in shapes):
        return None  # groups 3-5: a straddling gloss
    # Without one, _EITHER's matches are CANDIDATE's (a "(" is one or the other).
    pairs: Counter[tuple[str, str]] = Counter({(f[0], f[1]): n for f, n in shapes.items()})
    kinds = {p: classify(*p) for p in pairs}
    confirmed = sum(n for p, n in pairs.items() if kinds[p] is not None)
    toned = sum(n for p, n in pairs.items() if kinds[p] == "toned")
    simplified = sum(n for p, n in pairs.items() if kinds[p] == "toned" and simplified_only(p[0]))
    if simplified:  # (before the page's counts are recorded: the fixer's road records them once)
        return None  # lines a person glossed keep theirs: the fixer's road finds them
    changed = sum(n for p, n in pairs.items() if kinds[p] == "toned" and _traditional(p[0]))
    items = _learner_items(text, confirmed)
    page_pattern = _page_pattern(confirmed, len(found), toned, simplified, changed, items)
    converter = bool(toned) and _converter_page(text, toned, simplified, changed, confirmed, items)
    removed = {p for p, k in kinds.items() if (k == "toned" and converter) or (k == "toneless" and page_pattern)}
    if not removed:
        return text, []
    kept = {w for (c, w) in pairs if (c, w) not in removed}
    if not kept:
        out = CANDIDATE.sub("", text)
    elif len(kept) <= 16 and all(w not in kept for _, w in removed):
        out = _keeping(frozenset(kept)).sub("", text)  # ``步行(walking)`` among the glosses
    else:
        out = CANDIDATE.sub(lambda m: "" if m.group(1, 2) in removed else m.group(), text)
    # The fixer's evidence counter, in the same order (first occurrence), so ties rank alike.
    chars = Counter({f"{c}({w})": n for (c, w), n in pairs.items() if (c, w) in removed})
    n = sum(pairs[p] for p in removed)
    toneless = sum(pairs[p] for p in removed if kinds[p] == "toneless")
    return out, _findings(text, n, toneless, confirmed, len(found), chars, page_pattern)


@lru_cache(maxsize=64)
def _keeping(words: frozenset[str]) -> re.Pattern[str]:
    """CANDIDATE, except a reading that is one of ``words`` (a page's few non-glosses, such as
    ``walking``, when no gloss to remove has the same word)."""
    keep = "|".join(map(re.escape, sorted(words)))
    return re.compile(CANDIDATE.pattern.replace("\\()(", f"\\()(?!(?:{keep})\\))(", 1))


def _findings(
    text: str, n: int, toneless: int, confirmed: int, candidates: int, chars: Counter[str],
    page_pattern: bool,
) -> list[Finding]:
    """What the gloss fixer reports: ``n`` glosses removed (``toneless`` of them on page
    evidence), of ``candidates`` hanzi-then-reading shapes, ``confirmed`` by the dictionary."""
    summary = f"pinyin glosses, {n} removed"
    if toneless:
        summary += f" ({toneless} toneless, accepted on page evidence)"
    finding = Finding(
        "pinyin-glosses",
        summary,
        count=n,
        confidence=round(min(0.99, 0.6 + 0.4 * confirmed / max(1, candidates)), 2),
        evidence=tuple(f"{g} x{k}" for g, k in chars.most_common(5)),
    )
    findings = [finding]
    if page_pattern and "?" in text:
        spaces = len(LOST_SPACE.findall(text))
        first = LOST_SPACE.search(text) if spaces else None
        if first is not None:
            findings.append(
                Finding(
                    "lost-spaces",
                    f"{spaces} '?' next to a space: the converter's stand-in for a space GBK lacks "
                    "(U+00A0, U+2002, ...); which one is not recoverable, left as is",
                    count=spaces,
                    confidence=0.6,
                    fixed=False,
                    offset=first.start(),
                )
            )
    return findings
