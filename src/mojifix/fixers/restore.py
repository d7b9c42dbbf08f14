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
  same bench for the brackets and quotes; the spaced ``ID ， 那么`` is how these pages set it
  (not on a page whose writer leaves no space after a full-width mark: see below).
* The page's own evidence refines these (each rule measured on the zh_CN pages, see the
  comments at the patterns): a colon ending a line after ``》`` stays ASCII, and on such a page
  so do the colons before a space or a line end (the writer's habit shows there); on a page
  with a full-width parenthesis (the converter leaves ``（`` alone), ``word, <hanzi>`` and a
  colon ending a line after ``<hanzi> word`` become full-width.
* The writer's spacing after ``。`` and ``、`` (untouched by the converter; a converted ``，``
  has no space after it): on a page that shows a writer who leaves no space after them, a mark
  that has a space after it was typed ASCII with its space: ``, ;`` after a bracket, quote or
  space and before `` <hanzi>`` (``(safer), 和``), and a colon between a hanzi and `` <hanzi or
  digit>`` (``一个数: 如果``) stay ASCII there (counts at _tight_habit).
* None of them on a page whose writer typed ASCII punctuation (except a colon between a hanzi
  and ``https://``, which only a full-width colon leaves without a space): its sentences end
  in ``.`` after a hanzi more often than in ``。`` (at least ``MIN_ASCII_STOPS`` times). The converter never
  touches ``.`` or ``。``, so they show the writer's habit, and such a writer's ``, : ;`` were
  ASCII too (bench restore kind: chattr.1, free.1, ld.1, repquota.8 have 2-60 ASCII marks after
  hanzi for 0-1 full-width ones; the pages that end sentences in ``。`` have mostly full-width).

Measured and not adopted: evidence finer than the page (the line, which is a paragraph on these
pages, and the sentence). Over the 60 zh_CN originals' marks that these rules consider, on pages
without the ASCII habit (full-width 1324, ASCII 96): a space after ``, ;`` following a hanzi is
no sign of ASCII (full-width 238 to 10: a joined source line leaves one), not even on a line whose
``。、`` are tight (44 to 5); a line with ``（）`` or ``、`` was full-width 172 to 2 and 62 to 2, which
the default already gives; ASCII ``( )`` at a hanzi in the line says nothing (340 to 26); a colon
between a hanzi and a space, 29 to 17. The one cue for ASCII, a line with a hanzi and ``.`` and no
``。`` (ASCII 9, full-width 2), comes from three pages (perlnumber.7, smbpasswd.8, tcp.7), all in
the second half of the names: the first half has no such line to fit it on; fitted on the
second, it leaves the first half's 44 mis-set marks (bench restore kind) as they are; and it makes
no document exact (smbpasswd.8 keeps 2 of its 8 mis-set marks, tcp.7 gains one). The sentence
that ends in ``.``, instead of the line, is worse (ASCII 8, full-width 6).
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
MIN_TIGHT_MARKS = 3
FULL = {",": "，", "?": "？", "!": "！", ":": "：", ";": "；"}
_HANZI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK = f"{_HANZI}\u3000-\u303f\u3040-\u30ff\uff01-\uff60\u201c\u201d\u2018\u2019\u2014\u2026\u00b7\ufffd"
_MARK = "(?:[,!:;]|\\?(?! ))"  # '? ' is the converter's stand-in for a lost space: kept
_PUNCT = re.compile(f"(?:(?<=[{_CJK}]){_MARK}|(?<=[)\\]]){_MARK}(?=[{_HANZI}]))(?!//)")
# ", ! : ;" right before a hanzi or a closing CJK quote (``“0：”``), after anything that is not
# CJK (those are _PUNCT's).
_BEFORE_HAN = re.compile(f"(?<![{_CJK})\\]])[,!:;](?=[{_HANZI}”’」』》])")
# ", ;" between a closing bracket, quote or space and " <hanzi>" (``变量)， 可以`` ``ID ， 那么``):
# not on a page whose writer leaves no space after a full-width mark (see _tight_habit).
_SPACED_BEFORE_HAN = re.compile(f"(?<=[)\\]\" ])[,;](?= [{_HANZI}])")
# A colon after a hanzi and before a space and a hanzi or a digit (``一个数: 如果`` ``压缩: 400k``):
# kept ASCII on a page whose writer leaves no space after a full-width mark (see _tight_habit).
_SPACED_COLON_HAN = re.compile(f"(?<=[{_HANZI}]):(?= [{_HANZI}0-9])")
# A full-width full stop or enumeration comma (the converter leaves both alone) followed by a
# space, or by anything but a space or a line end: the writer's spacing habit after full-width marks.
_SPACED_MARK = re.compile("[。、] ")
_TIGHT_MARK = re.compile("[。、][^ \n]")
_URLISH = re.compile(r"(?:://|@)\S*$")
# A colon that ends a line right after a closing title bracket (``《...计划》:`` then the URL on the
# next line) stays ASCII: 14 of 14 such colons in the zh_CN manual pages were ASCII (bench
# restore kind), on pages whatever their other marks.
_TITLE_COLON = re.compile("(?<=[》」』〉】]):(?=\n|$)")
# On a page that has such a colon, the writer's colon before a space or a line end stayed ASCII
# too (MainFrame.3tk ``格式: {`` ``可以是:``): 20 ASCII to 2 full-width on the 14 zh_CN pages
# with one, while a colon straight before a hanzi or a letter was full-width 21 to 1 there.
_SPACED_COLON = re.compile("(?<=[^\\s]):(?=\\s|$)")
# A hanzi, a colon and a URL with no space between: full-width even on a page whose writer typed
# ASCII punctuation (an ASCII typist leaves a space after ':'); 50 of 50 in the zh_CN pages, 5
# of them on such pages (``手册页计划：https://``).
_URL_COLON = re.compile(f"(?<=[{_HANZI}]):(?=https?://)")
# ``, `` after a plain Latin word or number and before a hanzi (``MSDOS， 在`` ``077， 因此``), on
# a page whose writer types full-width parentheses (see _fullwidth_habit). Not a word inside a
# path or a file name (``/proc/kmsg, 文件`` ``.gz, 的``), and not the last item of a Latin list
# (``smart, fast, 或者``: another ',' since the last hanzi).
_WORD_COMMA = re.compile(f"(?<![^\\s{_HANZI}])[A-Za-z0-9_]+(,)(?= [{_HANZI}])")
# A colon ending a line after a hanzi, (spaces) and a plain Latin word or number (``数据库 demo：``
# ``关闭 fsync：``), on a page that writes full-width parentheses: full-width both times in the
# zh_CN pages (the one ASCII ``hello.o:`` is on a page of ASCII punctuation, ld.1).
_WORD_COLON = re.compile(f"(?m)(?<=[{_HANZI}])[ \t]*[A-Za-z0-9_]+(:)$")
_HAN_OR_LINE = re.compile(f"[{_HANZI}\n]")
LIST_LOOKBACK = 200  # how far back a Latin list is looked for (a line can be megabytes long)
_ASCII_STOP = re.compile(f"(?<=[{_HANZI}])\\.(?=\\s|$)")
_FULL_STOP = re.compile(f"(?<=[{_HANZI}])。")
_HAN = re.compile(f"[{_HANZI}]+")
_KANA = re.compile("[\u3040-\u309f\u30a0-\u30ff]")


@lru_cache(maxsize=1)
def _t2s():  # -> opencc.OpenCC
    import opencc

    return opencc.OpenCC("t2s")


# The page rules of --restore (mojifix.scoring.evidence): one each, for a page or a streamed file's sums.
def _gathered(totals: Mapping[str, Mapping[str, float]]) -> Mapping[str, float]:
    """A streamed file's restore evidence: the re-aligned runs its chunks counted, and the
    glosses its pages remove as the whole file decides them (``glosses.removed_on_page``), not
    as each chunk of the first pass removed them alone."""
    counts = dict(totals.get("restore-evidence", {}))
    if "pinyin-glosses" in totals or "gloss-straddles" in totals:
        from .glosses import removed_on_page

        counts["glosses"] = removed_on_page(totals)
    return counts


@page_rule("restore-evidence", gather=_gathered)
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


@page_rule("restore-fullwidth-habit")
def _fullwidth_habit(counts: Mapping[str, float]) -> bool:
    """The writer typed full-width punctuation: the page has a full-width parenthesis, which the
    converter does not touch. On such pages a comma between a Latin word and `` <hanzi>`` was
    full-width 6 times and ASCII 3 (all three in Latin lists or paths, which _WORD_COMMA leaves
    out) in the zh_CN pages; on pages without one, 0 and 9."""
    return counts.get("full_parens", 0) >= 1


@page_rule("restore-ascii-colon")
def _ascii_colon(counts: Mapping[str, float]) -> bool:
    """The writer's colon is ASCII: the page ends a line in ``》:`` (see _TITLE_COLON)."""
    return counts.get("title_colons", 0) >= 1


@page_rule("restore-tight-habit")
def _tight_habit(counts: Mapping[str, float]) -> bool:
    """The writer leaves no space after a full-width mark: ``。`` and ``、`` followed by something
    other than a space or a line end at least ``MIN_TIGHT_MARKS`` times, and more often than
    followed by a space. The converter turns ``，`` into ``,`` with no space, so on such a page
    a mark with a space after it was typed ASCII with its usual space. Measured on the 60 zh_CN
    pages (their originals; pages of ASCII punctuation and, for the colon, pages with a ``》:``
    footer, which keeps it already, left out): ``, ;`` between a bracket, quote or space and
    `` <hanzi>`` was ASCII 2 times of 2 on such pages (nroff.1, tcp.7) and full-width 23 to 2
    on the others; a colon between a hanzi and `` <hanzi or digit>`` ASCII 3 of 3 on such pages
    (history.3tcl, perlnumber.7) and full-width 3 to 2 on the others. It does not hold for a
    comma after a hanzi (``情况下, 每个``: full-width 12 to 6 on such pages), nor for a colon
    ending a line, which has no space to read (ASCII 3 to 2 on such pages without a '（', too
    close to call, and the web samples' ``背景技术：`` would turn ASCII): those stay full-width.
    The page must show the habit (``MIN_TIGHT_MARKS``): a page with fewer such marks (a web
    snippet, zdump.8) says nothing about its writer and keeps the full-width default. Held out (each case decided
    by its majority on the pages whose names sort in one half, measured on the other): fitted
    on the first half (no bracket case there, so only the colon), the second half's mis-set
    marks go from 122 to 120; fitted on the second, the first half's from 50 to 46; neither
    changes the other half's exact documents (nroff.1, made exact, is in the half it is fitted on)."""
    tight = counts.get("tight", 0)
    return tight >= MIN_TIGHT_MARKS and tight > counts.get("spaced", 0)


def _spacing(text: str) -> dict[str, int]:
    return {"spaced": len(_SPACED_MARK.findall(text)), "tight": len(_TIGHT_MARK.findall(text))}


def _word_commas(text: str) -> list[Edit]:
    edits: list[Edit] = []
    for m in _WORD_COMMA.finditer(text):
        before = text[max(0, m.start() - LIST_LOOKBACK):m.start()]
        cut = max((h.end() for h in _HAN_OR_LINE.finditer(before)), default=0)
        if "," in before[cut:]:
            continue
        edits.append(Edit(m.start(1), m.end(1), "，", "fullwidth-punctuation"))
    return edits


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


def _fullwidth_marks(text: str) -> list[Edit]:
    """The ASCII marks that were full-width, on a page whose writer typed full-width ones; the
    page's own evidence (its ``》:`` footer, its spacing after ``。、``, its ``（``) decides the
    contexts where writers differ."""
    kept = {m.start() for m in _TITLE_COLON.finditer(text)}  # the writer's ASCII colons
    if page_decision("restore-ascii-colon", title_colons=len(kept)):
        kept |= {m.start() for m in _SPACED_COLON.finditer(text)}
    tight = page_decision("restore-tight-habit", **_spacing(text))
    if tight:
        kept |= {m.start() for m in _SPACED_COLON_HAN.finditer(text)}
    punct = [Edit(m.start(), m.end(), FULL[m.group()], "fullwidth-punctuation")
             for m in _PUNCT.finditer(text) if m.start() not in kept]
    before = [*_BEFORE_HAN.finditer(text), *(() if tight else _SPACED_BEFORE_HAN.finditer(text))]
    punct += [Edit(m.start(), m.end(), FULL[m.group()], "fullwidth-punctuation")
              for m in before if not _before_url(text, m.start())]
    if page_decision("restore-fullwidth-habit", full_parens=text.count("（")):
        taken = {e.start for e in punct}
        punct += [e for e in _word_commas(text) if e.start not in taken]
        punct += [Edit(m.start(1), m.end(1), "：", "fullwidth-punctuation") for m in _WORD_COLON.finditer(text)
                  if m.start(1) not in taken and not _before_url(text, m.start(1))]
    return punct


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
        page_decision("restore-fullwidth-habit", full_parens=text.count("（"))
        page_decision("restore-ascii-colon", title_colons=len(_TITLE_COLON.findall(text)))
        page_decision("restore-tight-habit", **_spacing(text))
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
        punct = [Edit(m.start(), m.end(), "：", "fullwidth-punctuation") for m in _URL_COLON.finditer(text)]
    else:
        punct = _fullwidth_marks(text)
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
