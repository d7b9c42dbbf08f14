"""Injected zero-width characters: U+200B, U+2060, stray U+FEFF, and misplaced U+200C/U+200D.

Spam and copy-protection scripts sprinkle invisible characters between letters; they break
search, tokenisers and deduplication. But some zero-width characters do a job:

* U+200C ZERO WIDTH NON-JOINER and U+200D ZERO WIDTH JOINER shape the joining scripts (Arabic
  and Persian, Syriac, N'Ko, Mongolian) and the Brahmic ones (Devanagari to Sinhala, Tibetan,
  Myanmar, Khmer): ``می‌خواهم``, ``क्‍ष``; and they build emoji sequences (👩‍💻). They are
  removed only where they sit between two letters of scripts that give them no job (Latin,
  Cyrillic, Greek, Hebrew, Armenian, Georgian, CJK, hangul...): there they can do nothing.
* U+200B ZERO WIDTH SPACE marks word breaks in Thai, Lao, Khmer, Myanmar and Tibetan, which write
  no spaces; there it stays. Japanese writes no spaces either, and authors put U+200B after a
  phrase as a line-break hint (``日本語の\u200b文章``): beside a kana (hiragana, katakana,
  half-width katakana) it stays too. A phrase boundary in Japanese nearly always has a kana on
  one side (particles, okurigana), and Chinese has none, so this keeps Japanese hints without
  keeping the spam injected between hanzi or Latin letters. Elsewhere it is removed. The
  document decides between hints and spam in Japanese: a break never falls before a particle
  or okurigana (a kanji then a hiragana) nor inside a katakana word, so when at least a third of
  a page's kana-side U+200B (two or more) sit there, they are injected, and all of them go; and
  a writer who gives hints gives them at (nearly) every phrase end (a hiragana then a kanji or
  katakana), so U+200B that mark under a third of the page's phrase ends are injected
  too (see :func:`_kana_junk_rule`).
* U+2060 WORD JOINER and U+FEFF (a BOM anywhere, or a byte-order mark at the start of *text*
  input) are removed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from ..config import Config
from ..model import Edit, Finding
from ..scoring.evidence import page_decision, page_rule, record

ZW_RUN = re.compile("[\u200b\u200c\u200d\u2060\ufeff]+")

NAMES = {
    "\u200b": "U+200B ZERO WIDTH SPACE",
    "\u200c": "U+200C ZERO WIDTH NON-JOINER",
    "\u200d": "U+200D ZERO WIDTH JOINER",
    "\u2060": "U+2060 WORD JOINER",
    "\ufeff": "U+FEFF ZERO WIDTH NO-BREAK SPACE",
}

_ZWSP = NAMES["\u200b"]

# Scripts without spaces, where U+200B is the word separator (or, in Japanese, a line-break hint).
_SPACELESS_RANGES = (
    (0x0E00, 0x0FFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x19E0, 0x19FF),
    (0x3041, 0x309F), (0x30A0, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9F),  # kana: Japanese
)
_SPACELESS = frozenset(chr(c) for lo, hi in _SPACELESS_RANGES for c in range(lo, hi + 1))
# The kana part of it (Japanese), and the scripts whose U+200B is a word separator.
_KANA_SIDE = frozenset(c for c in _SPACELESS if "\u3041" <= c <= "\u31ff" or "\uff66" <= c <= "\uff9f")
_BREAKING = _SPACELESS - _KANA_SIDE


def is_cjk(ch: str) -> bool:
    """Han, kana, hangul and CJK symbols/punctuation."""
    cp = ord(ch)
    return (
        0x2E80 <= cp <= 0x9FFF
        or 0xAC00 <= cp <= 0xD7AF
        or 0xF900 <= cp <= 0xFAFF
        or 0xFF00 <= cp <= 0xFFEF
        or 0x20000 <= cp <= 0x3FFFF
    )


def is_latin_letter(ch: str) -> bool:
    if ch.isascii():
        return ch.isalpha()
    return ch.isalpha() and "LATIN" in unicodedata.name(ch, "")


# Scripts in which U+200C/U+200D do a job (shaping, conjuncts): Syriac, Arabic (all its blocks,
# Persian and Urdu letters included), Thaana, N'Ko, the Brahmic scripts from Devanagari to
# Sinhala, Thai to Tibetan, Myanmar, Khmer, Mongolian.
_JOINING_RANGES = (
    (0x0600, 0x08FF), (0x0900, 0x0DFF), (0x0E00, 0x0FFF), (0x1000, 0x109F), (0x1780, 0x18AF),
    (0xA8E0, 0xA8FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF),
)


def _plain_letter(ch: str) -> bool:
    """A letter of a script in which a joiner has no job (so one beside it is junk)."""
    if not ch.isalpha():
        return is_cjk(ch)
    cp = ord(ch)
    return not any(lo <= cp <= hi for lo, hi in _JOINING_RANGES)


_JOINERS_ETC = "\u200c\u200d\u2060\ufeff"
_SPACELESS_RE = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _SPACELESS_RANGES) + "]")


def _finding(counts: dict[str, int]) -> Finding:
    total = sum(counts.values())
    return Finding(
        "zero-width",
        f"zero-width characters, {total} removed",
        count=total,
        confidence=0.9,
        evidence=tuple(f"{name} x{n}" for name, n in sorted(counts.items())),
    )


def text_only(text: str, config: Config) -> tuple[str, list[Finding]] | None:
    """:func:`fix_zero_width`'s text and findings without located edits, for callers that want
    only the text (``fix_text``, streaming): in the common case of spam, where every zero-width
    character is U+200B and no spaceless script is present, every one of them goes, so it is
    ``str.replace`` (an edit per character is most of the cost of a spammed page). None when
    the case is not that simple: then the pipeline runs :func:`fix_zero_width`."""
    if not config.remove_zero_width:
        return text, []
    if any(c in text for c in _JOINERS_ETC) or _SPACELESS_RE.search(text) is not None:
        return None
    n = text.count("\u200b")
    if not n:
        return text, []
    return text.replace("\u200b", ""), [_finding({_ZWSP: n})]


_HIRAGANA = frozenset(chr(c) for c in range(0x3041, 0x30A0))
_KATAKANA = frozenset(chr(c) for c in range(0x30A1, 0x3100)) | frozenset("ー")
_KANA_ZWSP = re.compile("(?<=[\u3041-\u30ff\uff66-\uff9f])\u200b|\u200b(?=[\u3041-\u30ff\uff66-\uff9f])")


def _kana_breaks_are_junk(text: str) -> bool:
    """Whether the U+200B beside kana in ``text`` are injected, not line-break hints: the
    page's decision (a streamed file decides once, on every chunk's counts summed), by
    :func:`_kana_junk_rule`."""
    spots = [m.start() for m in _KANA_ZWSP.finditer(text)]
    if not spots:
        return False
    size = len(text)

    def inside_a_word(i: int) -> bool:
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < size else ""
        kanji_then_hiragana = "\u4e00" <= before <= "\u9fff" and after in _HIRAGANA
        return kanji_then_hiragana or (before in _KATAKANA and after in _KATAKANA)

    boundaries, hinted = phrase_ends(text)
    return page_decision("zero-width-kana", spots=len(spots),
                         inside=sum(map(inside_a_word, spots)),
                         boundaries=boundaries, hinted=hinted)


def phrase_ends(text: str) -> tuple[int, int]:
    """The phrase ends of ``text`` (:data:`_PHRASE_END`) and how many of them hold a U+200B."""
    boundaries = hinted = 0
    for m in _PHRASE_END.finditer(text):
        boundaries += 1
        hinted += len(m.group()) == 3
    return boundaries, hinted


def record_phrase_ends(text: str, config: Config) -> tuple[list, list]:
    """A step the stream's first pass runs just before this fixer, on every chunk of a file
    holding U+200B: records the phrase ends of the text this fixer is given, chunk with U+200B
    or not, so the file's decision weighs the same phrase ends as the whole text's (see
    :func:`_gather_kana_counts`). Edits nothing."""
    boundaries, hinted = phrase_ends(text)
    record("zero-width-phrase-ends", {"boundaries": boundaries, "hinted": hinted})
    return [], []


def _gather_kana_counts(totals: Mapping[str, Mapping[str, float]]) -> Mapping[str, float]:
    """A streamed file's counts for :func:`_kana_junk_rule`: the U+200B spots from the chunks
    that hold them, the phrase ends from every chunk (:func:`record_phrase_ends`)."""
    mine = totals.get("zero-width-kana", {})
    ends = totals.get("zero-width-phrase-ends", {})
    return {"spots": mine.get("spots", 0), "inside": mine.get("inside", 0),
            "boundaries": ends.get("boundaries", 0), "hinted": ends.get("hinted", 0)}


# Where a Japanese phrase most often ends: a hiragana (a particle, okurigana) then a kanji or a
# katakana (the next word), with or without a U+200B between them.
_PHRASE_END = re.compile("[\u3041-\u309f]\u200b?[\u4e00-\u9fff\u30a1-\u30fa]")


@page_rule("zero-width-kana", gather=_gather_kana_counts)
def _kana_junk_rule(counts: Mapping[str, float]) -> bool:
    """Two or more U+200B beside kana, and either at least a third of them where no phrase ends
    (kanji then hiragana: before a particle or okurigana; katakana then katakana: inside a
    word), or they mark under a third of the page's phrase ends (hiragana then kanji or
    katakana). WHY the second test: a writer (or a tool such as BudouX) who
    gives line-break hints gives them at the phrase ends, nearly all of them; junk sprinkled at
    random spots inside words lands on few of them, and often between two hiragana or at a
    katakana-kanji seam, which the first test does not see. A lone U+200B at a phrase end
    stays: it is what one hint looks like."""
    spots, inside = counts.get("spots", 0), counts.get("inside", 0)
    few_hinted = 3 * counts.get("hinted", 0) < counts.get("boundaries", 0)
    if spots == 1:  # one alone: junk when not at a phrase end, on a page with 2+ of them
        return counts.get("hinted", 0) == 0 and counts.get("boundaries", 0) >= 2
    return spots >= 2 and (3 * inside >= spots or few_hinted)


def fix_zero_width(text: str, config: Config) -> tuple[list[Edit], list[Finding]]:
    if not config.remove_zero_width:
        return [], []
    kana_junk = "\u200b" in text and _kana_breaks_are_junk(text)
    edits: list[Edit] = []
    counts: dict[str, int] = {}
    size = len(text)
    add = edits.append
    for m in ZW_RUN.finditer(text):
        start, end = m.span()
        before = text[start - 1] if start else ""
        after = text[end] if end < size else ""
        spaceless = (before in _SPACELESS or after in _SPACELESS) and not (
            kana_junk and (before in _KANA_SIDE or after in _KANA_SIDE)
            and not (before in _BREAKING or after in _BREAKING))
        if end - start == 1 and text[start] == "\u200b":  # the common case: one zero-width space
            if not spaceless:
                add(Edit(start, end, "", "zero-width", _ZWSP))
            continue
        run = m.group()
        if "\u200c" in run or "\u200d" in run:  # only the joiners need the letters around them
            between_plain = bool(before and after) and _plain_letter(before) and _plain_letter(after)
        else:
            between_plain = False
        for i, ch in enumerate(run, start):
            if ch in "\u200c\u200d" and not between_plain:
                continue
            if ch == "\u200b" and spaceless:
                continue
            add(Edit(i, i + 1, "", "zero-width", NAMES[ch]))
    for e in edits:
        counts[e.note] = counts.get(e.note, 0) + 1
    if not edits:
        return [], []
    return edits, [_finding(counts)]
