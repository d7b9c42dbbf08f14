"""The HTML report: one self-contained page a person enjoys reading, even for 10,000 files.

Why a module of its own: a JSON report answers machines; someone cleaning a scraped corpus
wants to *see* what happened before trusting it. The page:

* needs nothing else (inline CSS and one small inline script, no network, no fonts), so it can
  be mailed or archived; it carries ``<meta name="generator" content="mojifix ...">`` in its
  first bytes, so that a later run over the same folder skips it (:mod:`mojifix.files.discover`);
* opens with the summary: files scanned / fixed / needing a fix / re-encoded only / clean /
  skipped (by reason) / failed, then *what happened*, one row per chain said as a person would
  say it ("UTF-8 read as GBK: 12 files, 720 characters lost") with a small bar chart;
* lists files grouped by status (failed, needing a fix, fixed, skipped), then by kind, each in a
  collapsed ``<details>`` with its findings and a side-by-side diff (:mod:`mojifix.output.htmldiff`):
  changed characters highlighted, invisible ones shown as ``⟨U+200B⟩``. Colours say the status:
  fixed green, needing a fix amber, failed red, clean and skipped grey;
* filters by kind and searches by file name with the inline script, which also reads the query
  string (``report.html?kind=mojibake&q=news``, so a filtered view can be linked) and shows the
  matches 200 at a time. Without JavaScript nothing is hidden: the filter bar is not shown and
  every file is listed.

Why no ``<template>`` per file: the page must show everything without JavaScript. Diffs sit
inside closed ``<details>`` instead (the browser parses but does not lay them out until opened)
and every file section has ``content-visibility: auto``, so a 10,000-file page opens fast; the
per-file and per-page bounds live in :mod:`mojifix.output.htmldiff`. Clean files are counted, not
listed (a corpus is mostly clean; the JSON report lists them).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from .. import __version__
from ..files.names import display_path
from ..model import describe_chain
from ..runs.batch import CLEAN, ERROR, FIXED, NEEDS_FIX, SKIPPED, Outcome
from ..runs.summary import Summary
from .htmldiff import MAX_DIFF_ROWS, DiffSpool, diff_html, esc, visible

__all__ = ["GENERATOR", "MAX_DIFF_ROWS", "DiffSpool", "describe_chain", "render_html"]

# The mark a later run looks for (discover.py reads the first 1 KB of .html files for it).
GENERATOR = f'<meta name="generator" content="mojifix {esc(__version__)}">'
PAGE = 200  # files shown at a time by the script (all of them without JavaScript)
# Diff HTML placed in the page as HTML, up to this many bytes; later diffs travel as one JSON
# string list at the end of the page and are rendered when their file is opened. Why: parsing is
# what makes a big page slow (measured in headless Chromium on 10,000 files with 30 changed
# lines each, 67 MB of diffs: 16.6 s to open as HTML, 14.5 s as <template>s, which the parser
# still builds, 5.5 s as one JSON list, 3.9 s without diffs). A run of ordinary size keeps every
# diff in the HTML, readable without JavaScript; past the budget a <noscript> note says where
# the diff is (the JSON report).
INLINE_DIFF_BYTES = 4_000_000

CSS = """
:root{--fg:#1f2328;--mut:#59636e;--line:#d1d9e0;--soft:#f6f8fa;
--ok:#1a7f37;--okb:#dafbe1;--warn:#9a6700;--warnb:#fff8c5;--bad:#cf222e;--badb:#ffebe9;--gr:#818b98;--grb:#eff2f5}
*{box-sizing:border-box}
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:var(--fg);background:#fff}
main{max-width:1200px;margin:0 auto;padding:1.5em 2em 4em}
h1{font-size:1.6em;margin:.2em 0 0} h2{font-size:1.2em;margin:1.8em 0 .5em;padding-bottom:.2em;border-bottom:1px solid var(--line)}
h3{font-size:1em;margin:1em 0 .4em;color:var(--mut)} .muted,.n{color:var(--mut)}
.cards{display:flex;flex-wrap:wrap;gap:.6em;margin:1.2em 0 .8em}
.card{flex:1 1 120px;border:1px solid var(--line);border-radius:8px;padding:.55em .9em;border-top:4px solid var(--gr)}
.card b{display:block;font-size:1.7em;line-height:1.2;font-variant-numeric:tabular-nums}
.card span{color:var(--mut);font-size:.9em}
.card.s-fixed{border-top-color:var(--ok)} .card.s-fixed b{color:var(--ok)}
.card.s-needs{border-top-color:#d4a72c} .card.s-needs b{color:var(--warn)}
.card.s-error{border-top-color:var(--bad)} .card.s-error b{color:var(--bad)}
.card.s-reenc{border-top-color:#8250df}
.stack{display:flex;height:12px;border-radius:6px;overflow:hidden;background:var(--grb);margin:.3em 0 1em}
.stack i{display:block;height:100%} .stack .s-fixed{background:var(--ok)} .stack .s-needs{background:#d4a72c}
.stack .s-error{background:var(--bad)} .stack .s-clean{background:#c5ccd3} .stack .s-skip{background:#e4e8ec}
table.t{border-collapse:collapse;margin:.4em 0;min-width:60%} .t td,.t th{padding:.3em .8em;text-align:left;border-bottom:1px solid var(--line)}
.t th{font-weight:600;color:var(--mut);font-size:.9em;white-space:nowrap} .t td.kind{white-space:nowrap}
table.t.small{min-width:0} .side{display:flex;flex-wrap:wrap;gap:0 3em;align-items:flex-start} .card.zero b{color:var(--gr)!important} .t td.num{text-align:right;font-variant-numeric:tabular-nums}
.t .lost{color:var(--bad)} .t small{color:var(--mut)}
.bar{display:inline-block;height:10px;border-radius:3px;background:#54aeff;vertical-align:middle;min-width:2px}
.bar.lost{background:#ff8182}
form.filters{display:none} html.js form.filters{display:flex;flex-wrap:wrap;gap:.5em 1em;align-items:center;
position:sticky;top:0;z-index:2;background:#fffffff0;padding:.6em 0;border-bottom:1px solid var(--line)}
.filters label{white-space:nowrap;cursor:pointer} .filters input[type=search]{font:inherit;padding:.25em .6em;
border:1px solid var(--line);border-radius:6px;min-width:16em} .filters button{font:inherit;border:1px solid var(--line);
background:var(--soft);border-radius:6px;padding:.15em .6em;cursor:pointer} #count{color:var(--mut)}
.file{border:1px solid var(--line);border-left:4px solid var(--gr);border-radius:6px;margin:.35em 0;
content-visibility:auto;contain-intrinsic-size:auto 2.4em}
.file>summary,.file>div.row{padding:.35em .7em;cursor:pointer;list-style-position:inside}
.file>div.row{cursor:default} .file[open]>summary{border-bottom:1px solid var(--line);background:var(--soft)}
.path{font-weight:600;word-break:break-all} .k{color:var(--mut)}
.badge{display:inline-block;font-size:.78em;font-weight:600;border-radius:1em;padding:0 .6em;margin-right:.4em;
background:var(--grb);color:var(--mut)}
.s-fixed.file{border-left-color:var(--ok)} .s-fixed .badge{background:var(--okb);color:var(--ok)}
.s-needs.file{border-left-color:#d4a72c} .s-needs .badge{background:var(--warnb);color:var(--warn)}
.s-error.file{border-left-color:var(--bad)} .s-error .badge{background:var(--badb);color:var(--bad)}
.file .body{padding:.3em .8em .8em} ul.f{margin:.3em 0 .6em 1.2em;padding:0}
table.sbs{width:100%;table-layout:fixed;border-collapse:collapse;font:12.5px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.sbs col.ln{width:3.5em} .sbs th{font:600 12px system-ui,sans-serif;color:var(--mut);text-align:left;padding:.2em .5em;background:var(--soft)}
.sbs td{vertical-align:top;padding:0 .5em;white-space:pre-wrap;overflow-wrap:anywhere}
.sbs td.ln{color:var(--gr);text-align:right;user-select:none} .sbs tr.chg td:nth-child(2){background:#fff5f5}
.sbs tr.chg td:nth-child(4){background:#f0fff4} .sbs tr.hunk td{color:#8250df;background:#fbefff}
.sbs tr.cut td{color:var(--mut);font-style:italic} .sbs td:nth-child(3){border-left:1px solid var(--line)}
del{background:#ffcecb;text-decoration:none;border-radius:2px} ins{background:#aceebb;text-decoration:none;border-radius:2px}
span.inv{color:#8250df;font-size:.85em}
#more{margin:1em 0} #more button{font:inherit;padding:.4em 1.2em;border-radius:6px;border:1px solid var(--line);background:var(--soft);cursor:pointer}
"""

# The filters. Kept small and dependency-free; it only hides and shows what the HTML already
# holds, so the page without it is complete.
SCRIPT = """
(function(){
var form=document.getElementById('filters');if(!form)return;
var files=[].slice.call(document.querySelectorAll('.file'));
var boxes=[].slice.call(form.querySelectorAll('input[name=kind]'));
var q=form.querySelector('input[name=q]'),more=document.getElementById('more');
var PAGE=@PAGE@,limit=PAGE,p=new URLSearchParams(location.search),want=p.getAll('kind');
if(want.length)boxes.forEach(function(b){b.checked=want.indexOf(b.value)>=0;});
if(p.get('q'))q.value=p.get('q');
var blob=document.getElementById('mojifix-diffs'),diffs=null;
document.addEventListener('toggle',function(e){var d=e.target;if(!d.open||!blob)return;
 var slot=d.querySelector('.lazy[data-diff]');if(!slot)return;
 diffs=diffs||JSON.parse(blob.textContent);slot.innerHTML=diffs[+slot.getAttribute('data-diff')];
 slot.removeAttribute('data-diff');},true);
function apply(){
 var on={},s=q.value.trim().toLowerCase(),match=0,shown=0;
 boxes.forEach(function(b){if(b.checked)on[b.value]=1;});
 files.forEach(function(f){
  var ok=(!s||f.getAttribute('data-name').indexOf(s)>=0)&&
   f.getAttribute('data-kinds').split(' ').some(function(k){return on[k];});
  if(ok)match++;var vis=ok&&match<=limit;f.hidden=!vis;if(vis)shown++;});
 [].forEach.call(document.querySelectorAll('.sub,.grp'),function(g){
  g.hidden=!g.querySelector('.file:not([hidden])');});
 document.getElementById('count').textContent=match+' of '+files.length+' files match'+
  (shown<match?', showing '+shown:'');
 more.hidden=shown>=match;
}
function changed(){limit=PAGE;apply();var u=new URLSearchParams();
 if(boxes.some(function(b){return !b.checked;}))boxes.forEach(function(b){if(b.checked)u.append('kind',b.value);});
 if(q.value.trim())u.set('q',q.value.trim());
 try{history.replaceState(null,'',u.toString()?'?'+u:location.pathname);}catch(e){}}
form.addEventListener('change',changed);q.addEventListener('input',changed);
form.addEventListener('submit',function(e){e.preventDefault();});
document.getElementById('all').onclick=function(){boxes.forEach(function(b){b.checked=true;});changed();};
document.getElementById('none').onclick=function(){boxes.forEach(function(b){b.checked=false;});changed();};
more.querySelector('button').onclick=function(){limit+=PAGE;apply();};
apply();
if(p.get('open'))files.forEach(function(f){if(!f.hidden&&f.tagName=='DETAILS')f.open=true;});
})();
""".replace("@PAGE@", str(PAGE))

_STATUS = {  # status -> (css class, badge, group heading)
    ERROR: ("s-error", "failed", "Failed"),
    NEEDS_FIX: ("s-needs", "needs fixing", "Need fixing"),
    FIXED: ("s-fixed", "fixed", "Fixed"),
    SKIPPED: ("s-skip", "skipped", "Skipped"),
}
_GROUP_ORDER = (ERROR, NEEDS_FIX, FIXED, SKIPPED)  # what needs attention first
# The kind a file gets when its text is unchanged (only its bytes are rewritten), and how it is
# shown. Kinds are space-separated in data-kinds, so a kind never holds a space.
REENCODED, REENCODED_LABEL = "re-encoded", "re-encoded only"


def _lost(f: dict[str, Any]) -> int:
    """Characters a finding says were lost (the ``lost`` key when findings carry it, else the
    "N lost" of its summary)."""
    if isinstance(f.get("lost"), int) and f["lost"]:  # 0 is also the default of other kinds
        return int(f["lost"])
    m = re.search(r"(\d+) lost", f.get("summary", ""))
    return int(m.group(1)) if m else 0


def _kinds(o: Outcome) -> list[str]:
    """The file's kinds for the filter: its finding kinds, ``re-encoded only`` when the text did
    not change, ``failed`` / ``skipped`` for those."""
    if o.status == ERROR:
        return ["failed"]
    if o.status == SKIPPED:
        return ["skipped"]
    kinds = list(dict.fromkeys(f["kind"] for f in o.findings))
    if not o.changed:
        kinds.append(REENCODED)
    return kinds or ["encoding"]


def _primary(o: Outcome) -> str:
    """The kind a file is grouped under: what changed in its text, else "re-encoded only"."""
    if not o.changed:
        return REENCODED_LABEL
    for f in o.findings:
        if f["kind"] not in ("encoding", "bom"):
            return str(f["kind"])
    return "encoding"


def _bar(n: int, most: int, cls: str = "") -> str:
    width = 0 if not most else max(1, round(160 * n / most))
    return f'<span class="bar {cls}" style="width:{width}px"></span>' if n else ""


def _cards(s: Summary, reencoded: int) -> list[str]:
    cards = [
        ("scanned", s.scanned, "files scanned", ""),
        ("fixed", s.fixed, "fixed", "s-fixed"),
        ("needs", s.needs_fix, "need fixing", "s-needs"),
        ("reencoded", reencoded, "re-encoded only", "s-reenc"),
        ("clean", s.clean, "clean", "s-clean"),
        ("skipped", s.skipped, "skipped", "s-skip"),
        ("failed", s.failed, "failed", "s-error"),
    ]
    out = ['<div class="cards">']
    out += [f'<div class="card {c}{" zero" if not n else ""}"><b id="n-{key}">{n}</b><span>{label}</span></div>'
            for key, n, label, c in cards]
    out.append("</div>")
    total = s.scanned + s.skipped
    if total:
        out.append('<div class="stack" role="img" aria-label="files by status">')
        for n, label, c in ((s.fixed, "fixed", "s-fixed"), (s.needs_fix, "need fixing", "s-needs"),
                            (s.failed, "failed", "s-error"), (s.clean, "clean", "s-clean"),
                            (s.skipped, "skipped", "s-skip")):
            if n:
                out.append(f'<i class="{c}" style="width:{100 * n / total:.3f}%" title="{n} {label}"></i>')
        out.append("</div>")
    return out


def _what_happened(outcomes: list[Outcome]) -> list[str]:
    """One row per chain (or per kind, for findings without one), most files first."""
    files: Counter[tuple[str, str]] = Counter()
    counts: Counter[tuple[str, str]] = Counter()
    lost: Counter[tuple[str, str]] = Counter()
    example: dict[tuple[str, str], str] = {}
    for o in outcomes:
        seen = set()
        for f in o.findings:
            key = (str(f["kind"]), describe_chain(f["kind"], f.get("chain") or ()))
            counts[key] += int(f.get("count") or 0)
            lost[key] += _lost(f)
            example.setdefault(key, str(f.get("summary", "")))
            if key not in seen:
                seen.add(key)
                files[key] += 1
    if not files:
        return []
    most, most_lost = max(files.values()), max(lost.values())
    out = ['<h2>What happened</h2><table class="t" id="chains"><tr><th>what</th><th>kind</th>'
           '<th>files</th><th></th><th>occurrences</th><th>characters lost</th><th></th></tr>']
    for key, n in sorted(files.items(), key=lambda kv: (-kv[1], kv[0])):
        kind, desc = key
        out.append(
            f'<tr data-kind="{esc(kind)}"><td>{esc(desc or kind)}<br><small>e.g. {visible(example[key][:160])}</small></td>'
            f'<td class="kind">{esc(kind)}</td><td class="num">{n}</td><td>{_bar(n, most)}</td>'
            f'<td class="num">{counts[key]}</td><td class="num{" lost" if lost[key] else ""}">{lost[key] or "—"}</td>'
            f'<td>{_bar(lost[key], most_lost, "lost")}</td></tr>'
        )
    out.append("</table>")
    return out


def _findings_list(o: Outcome) -> str:
    parts = ['<ul class="f">']
    enc = o.encoding or "?"
    if o.bom:
        enc += f" + {o.bom} BOM"
    parts.append(f"<li>encoding: {esc(enc)}"
                 + (f" ({o.confidence:.0%})" if o.confidence is not None else "") + "</li>")
    if o.reason:
        parts.append(f"<li>{esc(display_path(o.reason))}</li>")
    for f in o.findings:
        chain = describe_chain(f["kind"], f.get("chain") or ())
        ev = "; ".join(f.get("evidence") or [])[:300]
        parts.append(
            f"<li><b>{esc(f['kind'])}</b>: {visible(f['summary'])}"
            f' <span class="muted">(confidence {f["confidence"]:.0%}'
            + (f"; {esc(chain)}" if chain else "")
            + (f"; evidence: {visible(ev)}" if ev else "")
            + ")</span></li>"
        )
    if o.jsonl:
        j = o.jsonl
        parts.append(
            f"<li>JSONL field <code>{esc(j['field'])}</code>: {j['changed_records']} of "
            f"{j['records']} records changed, {j['missing_field']} without the field, "
            f"{len(j['invalid_lines'])} invalid lines</li>"
        )
    parts.append("</ul>")
    return "".join(parts)


class _Diffs:
    """Where each file's diff goes: into the HTML while the inline budget lasts, else into the
    list rendered on open (see ``INLINE_DIFF_BYTES``)."""

    def __init__(self, spool: DiffSpool | None, inline_bytes: int) -> None:
        self.spool, self.left = spool, inline_bytes
        self.lazy: list[str] = []

    def place(self, o: Outcome) -> str:
        diff = self.spool.get(o) if self.spool is not None else None
        if diff is None:
            diff = diff_html(o)
        if len(diff) <= self.left:
            self.left -= len(diff)
            return diff
        self.left = 0  # keep the page in file order: once lazy, every later diff is too
        self.lazy.append(diff)
        return (f'<div class="lazy" data-diff="{len(self.lazy) - 1}"><noscript><p class="muted">'
                "This page holds many diffs: this one shows with JavaScript on (or see the JSON "
                "report).</p></noscript></div>")

    def blob(self) -> str:
        if not self.lazy:
            return ""
        import json

        # Inside <script> only "</script" (and "<!--", which the diffs cannot hold: every "<"
        # of the text is escaped as &lt;) could end the data early; "<\/" is the same JSON.
        data = json.dumps(self.lazy, ensure_ascii=False).replace("</", "<\\/")
        return f'<script type="application/json" id="mojifix-diffs">{data}</script>'


def _file(o: Outcome, diffs: _Diffs) -> str:
    cls, badge, _ = _STATUS[o.status]
    name = display_path(o.path)
    attrs = f'class="file {cls}" data-kinds="{esc(" ".join(_kinds(o)))}" data-name="{esc(name.lower())}"'
    if o.status in (ERROR, SKIPPED):
        return (f'<div {attrs}><div class="row"><span class="badge">{badge}</span>'
                f'<span class="path">{esc(name)}</span> <span class="k">— {esc(display_path(o.reason))}</span></div></div>')
    what = []
    for f in o.findings:
        desc = describe_chain(f["kind"], f.get("chain") or ())
        what.append(f"{f['kind']} ({desc})" if desc and f["kind"] == "mojibake" else f["kind"])
    diff = diffs.place(o)
    return (f'<details {attrs}><summary><span class="badge">{badge}</span><span class="path">{esc(name)}</span>'
            f' <span class="k">— {esc(", ".join(dict.fromkeys(what)) or "encoding")}</span></summary>'
            f'<div class="body">{_findings_list(o)}{diff}</div></details>')


def _filters(outcomes: list[Outcome]) -> list[str]:
    kinds: Counter[str] = Counter()
    for o in outcomes:
        if o.status != CLEAN:
            kinds.update(_kinds(o))
    if not kinds:
        return []
    out = ['<form id="filters" class="filters" action="" method="get"><strong>Show</strong>']
    for kind in sorted(kinds):
        out.append(f'<label><input type="checkbox" name="kind" value="{esc(kind)}" checked> '
                   f'{esc(REENCODED_LABEL if kind == REENCODED else kind)} <span class="n">{kinds[kind]}</span></label>')
    out.append('<button type="button" id="all">all</button><button type="button" id="none">none</button>'
               '<input type="search" name="q" placeholder="search file names" aria-label="search file names">'
               '<span id="count"></span></form>')
    return out


def render_html(outcomes: list[Outcome], summary: Summary, title: str = "",
                spool: DiffSpool | None = None, inline_bytes: int = INLINE_DIFF_BYTES) -> str:
    """The whole page. ``spool`` holds the diffs of outcomes whose texts were already dropped
    (see :class:`mojifix.output.htmldiff.DiffSpool`); other outcomes are diffed from their texts.
    ``inline_bytes``: diff HTML kept in the page's HTML before diffs are rendered on open."""
    s = summary
    diffs = _Diffs(spool, inline_bytes)
    heading = "mojifix report" + (f" — {esc(title)}" if title else "")
    reencoded = sum(1 for o in outcomes if o.needs_fix and not o.changed)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        GENERATOR,
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>{heading}</title>",
        "<script>document.documentElement.className+=' js'</script>",
        f"<style>{CSS}</style></head><body><main>",
        f"<h1>{heading}</h1>",
        f'<p class="muted">mojifix {esc(__version__)} · {s.bytes / 1e6:.2f} MB in {s.seconds:.2f}s</p>',
    ]
    out += _cards(s, reencoded)
    if s.not_rewritten:
        out.append(f'<p class="muted">{s.not_rewritten} of the files needing a fix were not rewritten: '
                   "their encoding was detected with low confidence (--force writes them).</p>")
    out.append('<div class="side">')
    if s.finding_files:
        most = max(s.finding_files.values())
        out.append('<table class="t small" id="kinds"><tr><th>finding</th><th>files</th><th></th><th>occurrences</th></tr>')
        out += [f'<tr><td class="kind">{esc(k)}</td><td class="num">{n}</td><td>{_bar(n, most)}</td>'
                f'<td class="num">{s.finding_counts[k]}</td></tr>'
                for k, n in sorted(s.finding_files.items(), key=lambda kv: (-kv[1], kv[0]))]
        out.append("</table>")
    if s.skip_reasons:
        out.append('<table class="t small" id="skipped-by-reason"><tr><th>skipped because</th><th>files</th></tr>')
        out += [f'<tr><td>{esc(r)}</td><td class="num">{n}</td></tr>' for r, n in sorted(s.skip_reasons.items())]
        out.append("</table>")
    out.append("</div>")
    out += _what_happened(outcomes)
    out.append("<h2>Files</h2>")
    out += _filters(outcomes)
    groups: dict[str, dict[str, list[Outcome]]] = defaultdict(lambda: defaultdict(list))
    for o in outcomes:
        if o.status in _STATUS:
            sub = o.reason.split(":")[0].split(" (")[0] if o.status in (ERROR, SKIPPED) else _primary(o)
            groups[o.status][sub].append(o)
    if not groups.get(NEEDS_FIX) and not groups.get(FIXED):
        out.append('<p class="muted">Nothing to fix.</p>')
    for status in _GROUP_ORDER:
        if status not in groups:
            continue
        cls, _, label = _STATUS[status]
        subs = groups[status]
        total = sum(len(v) for v in subs.values())
        out.append(f'<section class="grp {cls}" id="g-{cls[2:]}"><h2>{label} <span class="n">({total})</span></h2>')
        for sub in sorted(subs, key=lambda k: (-len(subs[k]), k)):
            out.append(f'<div class="sub"><h3>{esc(sub)} <span class="n">({len(subs[sub])})</span></h3>')
            out += [_file(o, diffs) for o in subs[sub]]
            out.append("</div>")
        out.append("</section>")
    out.append(f'<p id="more" hidden><button type="button">show {PAGE} more</button></p>')
    out.append(f'<section class="grp s-clean" id="g-clean"><h2>Clean <span class="n">({s.clean})</span></h2>'
               f'<p class="muted">{s.clean} {"file needs" if s.clean == 1 else "files need"} no change and are not listed (the JSON report lists them).</p></section>')
    out.append(f"</main>{diffs.blob()}<script>{SCRIPT}</script></body></html>\n")
    return "\n".join(out)
