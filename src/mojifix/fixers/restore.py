"""Undo a pinyin-gloss converter: Traditional back to Simplified, ``, ? ! : ;`` back to full width.

The converter behind pinyin-gloss pages (see :mod:`mojifix.fixers.glosses` and :mod:`mojifix.fixers.realign`)
takes a mainland article, converts it to Traditional script, glosses it, and turns the full-width
punctuation ``，？！：；`` into ASCII. Removing the glosses gives the converter's output back;
``restore_original`` (``mojifix fix --restore``) goes one step further and gives the *article*
back. It is opt-in, because it changes script and punctuation, which a repair tool must not do
on a guess.

Evidence rules:

* It runs only when earlier fixers found the converter: at least ``MIN_GLOSSES`` pinyin glosses
  confirmed by the dictionary, or a GBK misalignment re-aligned. Otherwise it changes nothing and
  adds a finding saying why.
* Traditional to Simplified (OpenCC ``t2s``) only when the page is Traditional (``t2s`` changes
  at least ``MIN_TRADITIONAL`` of its hanzi) and not Japanese (kana present: the converter also
  runs over Japanese pages, whose kanji were never Simplified).
* ASCII ``, ? ! : ;`` becomes full-width right after a CJK character or CJK punctuation
  (``日,師`` ``號?`` ``”,堅``), or between a closing bracket and a hanzi: never inside Latin text,
  numbers or URLs (``Weilu,ZHANG``, ``1,000``, ``http://``, ``(20SDGHI108;)``).
* ``, ! : ;`` right before a hanzi becomes full-width whatever precedes it: a Latin word, a digit,
  a space or a quote inside Chinese text (``Apache,你`` ``2,中`` ``option ,则``). Measured on the
  zh_CN/zh_TW manual pages (bench/quality.py, kind restore), such a mark before a hanzi was
  full-width 124 times and ASCII twice. ``?`` is left out (a lost byte's ``?`` is followed by a
  hanzi too), and so is a mark ending a URL or an e-mail address (``http://a.cn/x,见``).
  ``, ;`` after a closing bracket, a straight quote or a space and before a space and a hanzi
  (``变量), 可以`` ``"Laptop", 必须`` ``ID , 那么``) too: full-width 30 times, ASCII 14 in the
  same bench for the brackets and quotes; the spaced ``ID ， 那么`` is how these pages set it.
* None of them on a page whose writer typed ASCII punctuation: its sentences end in ``.`` after a
  hanzi more often than in ``。`` (at least ``MIN_ASCII_STOPS`` times). The converter never
  touches ``.`` or ``。``, so they show the writer's habit, and such a writer's ``, : ;`` were
  ASCII too (bench restore kind: chattr.1, free.1, ld.1, repquota.8 have 2-60 ASCII marks after
  hanzi for 0-1 full-width ones; the pages that end sentences in ``。`` have mostly full-width).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from ..config import Config
from ..model import Edit, Finding
from ..scoring.evidence import is_recording, page_decision, page_rule

MIN_GLOSSES = 4
MIN_TRADITIONAL = 0.02
MIN_ASCII_STOPS = 2
FULL = {",": "，", "?": "？", "!": "！", ":": "：", ";": "；"}
_HANZI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK = f"{_HANZI}\u3000-\u303f\u3040-\u30ff\uff01-\uff60\u201c\u201d\u2018\u2019\u2014\u2026\u00b7\ufffd"
_MARK = "(?:[,!:;]|\\?(?! ))"  # '? ' is the converter's stand-in for a lost space: kept
_PUNCT = re.compile(f"(?:(?<=[{_CJK}]){_MARK}|(?<=[)\\]]){_MARK}(?=[{_HANZI}]))(?!//)")
# ", ! : ;" right before a hanzi, after anything that is not CJK (those are _PUNCT's); ", ;"
# between a closing bracket, quote or space and " <hanzi>".
_BEFORE_HAN = re.compile(f"(?<![{_CJK})\\]])[,!:;](?=[{_HANZI}])|(?<=[)\\]\" ])[,;](?= [{_HANZI}])")
_URLISH = re.compile(r"(?:://|@)\S*$")
_ASCII_STOP = re.compile(f"(?<=[{_HANZI}])\\.(?=\\s|$)")
_FULL_STOP = re.compile(f"(?<=[{_HANZI}])。")
_HAN = re.compile(f"[{_HANZI}]+")
_KANA = re.compile("[\u3040-\u309f\u30a0-\u30ff]")


@lru_cache(maxsize=1)
def _t2s():  # -> opencc.OpenCC
    import opencc

    return opencc.OpenCC("t2s")


# The page rules of --restore (mojifix.scoring.evidence): one each, for a page or a streamed file's sums.
@page_rule("restore-evidence")
def _converter_ran(counts: Mapping[str, float]) -> bool:
    """A converter ran: a re-aligned GBK run, or MIN_GLOSSES confirmed glosses (as
    :func:`converter_evidence` says it in words)."""
    return counts.get("runs", 0) >= 1 or counts.get("glosses", 0) >= MIN_GLOSSES


@page_rule("restore-kana")
def _japanese_page(counts: Mapping[str, float]) -> bool:
    return counts.get("kana", 0) >= 1


@page_rule("restore-traditional")
def _traditional_page(counts: Mapping[str, float]) -> bool:
    return counts.get("changed", 0) >= MIN_TRADITIONAL * counts.get("hanzi", 0)


@page_rule("restore-ascii-habit")
def _ascii_habit(counts: Mapping[str, float]) -> bool:
    """The writer typed ASCII punctuation: sentences end in '.' after a hanzi, not in '。'."""
    ascii_stops = counts.get("ascii_stops", 0)
    return ascii_stops >= MIN_ASCII_STOPS and ascii_stops > counts.get("full_stops", 0)


def _stops(text: str) -> dict[str, int]:
    return {"ascii_stops": len(_ASCII_STOP.findall(text)), "full_stops": len(_FULL_STOP.findall(text))}


def converter_evidence(findings: Sequence[Finding]) -> str | None:
    """Why we believe a converter ran, or None."""
    for f in findings:
        if f.kind == "gbk-misalignment" and f.count:
            return f"GBK misalignment re-aligned ({f.count} run(s))"
    glosses = sum(f.count for f in findings if f.kind == "pinyin-glosses")
    if glosses >= MIN_GLOSSES:
        return f"{glosses} pinyin glosses removed"
    return None


def _t2s_edits(text: str) -> list[Edit]:
    conv = _t2s()
    edits: list[Edit] = []
    for m in _HAN.finditer(text):
        old = m.group()
        new = conv.convert(old)
        if new == old:
            continue
        if len(new) != len(old):
            edits.append(Edit(m.start(), m.end(), new, "t2s"))
            continue
        i = 0
        while i < len(old):
            if old[i] == new[i]:
                i += 1
                continue
            k = i
            while k < len(old) and old[k] != new[k]:
                k += 1
            edits.append(Edit(m.start() + i, m.start() + k, new[i:k], "t2s"))
            i = k
    return edits


def _before_url(text: str, at: int) -> bool:
    """Whether the word that ends at ``at`` (back to the last space) is a URL or an address."""
    start = max(text.rfind(" ", 0, at), text.rfind("\n", 0, at)) + 1
    return _URLISH.search(text, start, at) is not None


def fix_restore(
    text: str, config: Config, findings: Sequence[Finding] = ()
) -> tuple[list[Edit], list[Finding]]:
    if not config.restore_original:
        return [], []
    why = converter_evidence(findings)
    glosses = sum(f.count for f in findings if f.kind == "pinyin-glosses")
    runs = sum(f.count for f in findings if f.kind == "gbk-misalignment")
    # A streamed file decides once for the whole file (mojifix.scoring.evidence); else this is ``why``.
    if page_decision("restore-evidence", glosses=glosses, runs=runs):
        why = why or "converter evidence elsewhere in the file"
    else:
        why = None
    if is_recording():
        # A streamed file's first pass: count this chunk's script whatever its own evidence
        # (the whole file decides); its edits are not used.
        kana = _KANA.search(text) is not None
        page_decision("restore-kana", kana=int(kana))
        hanzi = sum(len(m.group()) for m in _HAN.finditer(text))
        changed = sum(e.end - e.start for e in _t2s_edits(text)) if hanzi and not kana else 0
        page_decision("restore-traditional", changed=changed, hanzi=hanzi if not kana else 0)
        page_decision("restore-ascii-habit", **_stops(text))
        return [], []
    if why is None:
        return [], [
            Finding(
                "restore",
                "--restore changed nothing: no sign of a pinyin-gloss converter "
                f"(needs {MIN_GLOSSES}+ confirmed glosses or a GBK misalignment)",
                count=0,
                confidence=1.0,
                fixed=False,
            )
        ]
    edits: list[Edit] = []
    notes: list[str] = [why]
    hanzi = sum(len(m.group()) for m in _HAN.finditer(text))
    kana = _KANA.search(text) is not None
    if page_decision("restore-kana", kana=int(kana)):
        notes.append("kana present: Japanese page, script kept")
    elif hanzi:
        script = _t2s_edits(text)
        changed = sum(e.end - e.start for e in script)
        if page_decision("restore-traditional", changed=changed, hanzi=hanzi):
            edits.extend(script)
            notes.append(f"t2s: {changed} of {hanzi} hanzi")
        else:
            notes.append("page is not Traditional: script kept")
    punct: list[Edit] = []
    if page_decision("restore-ascii-habit", **_stops(text)):
        notes.append("sentences end in '.' after hanzi: the writer's ASCII punctuation kept")
    else:
        punct = [Edit(m.start(), m.end(), FULL[m.group()], "fullwidth-punctuation") for m in _PUNCT.finditer(text)]
        punct += [Edit(m.start(), m.end(), FULL[m.group()], "fullwidth-punctuation")
                  for m in _BEFORE_HAN.finditer(text) if not _before_url(text, m.start())]
    if punct:
        notes.append(f"{len(punct)} ASCII punctuation marks made full-width")
    edits.extend(punct)
    edits.sort(key=lambda e: e.start)
    if not edits:
        return [], [Finding("restore", "--restore: nothing to undo", count=0, evidence=tuple(notes), fixed=False)]
    return edits, [
        Finding(
            "restore",
            f"converter undone: {len(edits)} change(s) back to the original",
            count=len(edits),
            confidence=0.9,
            chain=("simplified", "opencc s2t", "gbk glossing", "full-width to ASCII"),
            evidence=tuple(notes),
        )
    ]
