"""The HTML report: one self-contained page a person can read, even for thousands of files.

Why a module of its own: a JSON report answers machines; someone cleaning a scraped corpus
wants to *see* what changed before trusting it. The page:

* needs nothing else (inline CSS, no script, no network), so it can be mailed or archived;
* opens with the summary table (files scanned, fixed, skipped, failed, and each finding kind
  with its number of files and occurrences);
* lists every file that needs (or got) a fix in a collapsed ``<details>`` section with its
  findings and a colour diff, the changed characters highlighted and invisible ones (zero-width
  characters, BOMs) shown as ``⟨U+200B⟩`` so a removal is never an empty highlight;
* summarises clean files as a count rather than listing them, lists skipped and failed files in
  collapsed sections, and caps the diff lines per file and the number of diffs per page so the
  page stays usable on a big corpus (the counts stay exact; the JSON report has everything).
"""

from __future__ import annotations

import difflib
import html
import unicodedata
from collections.abc import Iterator

from . import __version__
from .batch import ERROR, SKIPPED, Outcome, Summary
from .report import display_path

MAX_DIFF_LINES = 80  # per file
MAX_DIFF_FILES = 300  # per page; later files show their findings only
MAX_LINE = 2000  # characters of one line shown; longer lines are cut (and not aligned)
CONTEXT = 1

CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#1b1f24;background:#fff}
h1{font-size:1.4em} h2{font-size:1.15em;margin-top:1.6em}
table{border-collapse:collapse;margin:.5em 0} td,th{border:1px solid #d0d7de;padding:.25em .7em;text-align:left}
th{background:#f6f8fa} td.n{text-align:right;font-variant-numeric:tabular-nums}
details{border:1px solid #d0d7de;border-radius:6px;margin:.4em 0;padding:.2em .7em}
summary{cursor:pointer;font-weight:600} summary .k{font-weight:400;color:#57606a}
ul.f{margin:.3em 0 .6em 1.2em;padding:0}
pre.d{font:12.5px/1.4 ui-monospace,Menlo,Consolas,monospace;overflow-x:auto;margin:.3em 0 .6em;background:#f6f8fa;padding:.4em}
pre.d span.l{display:block;white-space:pre-wrap} span.ln{color:#8c959f;user-select:none}
span.del{background:#ffebe9} span.add{background:#e6ffec} span.hunk{color:#8250df}
del{background:#ff818266;text-decoration:none} ins{background:#4ac26b66;text-decoration:none}
span.inv{color:#8250df;font-size:.85em}
.bad{color:#cf222e} .ok{color:#1a7f37} .muted{color:#57606a}
"""


def _e(s: str) -> str:
    return html.escape(s, quote=True)


def _visible(s: str) -> str:
    """Escape for HTML, showing invisible characters (format/control, except tab) by name."""
    out = []
    for ch in s:
        if ch not in "\t\n" and unicodedata.category(ch) in ("Cf", "Cc", "Zl", "Zp"):
            out.append(f'<span class="inv">⟨U+{ord(ch):04X}⟩</span>')
        else:
            out.append(_e(ch))
    return "".join(out)


def _intraline(a: str, b: str) -> tuple[str, str]:
    """The two lines with their differing characters wrapped in <del> / <ins>."""
    if len(a) > MAX_LINE or len(b) > MAX_LINE:  # character alignment is quadratic: do not
        return (f"<del>{_visible(_cut(a))}</del>", f"<ins>{_visible(_cut(b))}</ins>")
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    left, right = [], []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            left.append(_e(a[i1:i2]))
            right.append(_e(b[j1:j2]))
            continue
        if i2 > i1:
            left.append(f"<del>{_visible(a[i1:i2])}</del>")
        if j2 > j1:
            right.append(f"<ins>{_visible(b[j1:j2])}</ins>")
    return "".join(left), "".join(right)


def _cut(s: str) -> str:
    return s if len(s) <= MAX_LINE else s[:MAX_LINE] + f" … ({len(s) - MAX_LINE} more characters)"


def _line(cls: str, sign: str, number: int | None, body: str) -> str:
    ln = f"{number:>5} " if number is not None else "      "
    return f'<span class="l {cls}"><span class="ln">{ln}</span>{sign} {body}</span>'


def _text_diff(before: str, after: str) -> Iterator[str]:
    a = before.splitlines()
    b = after.splitlines()
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for group in sm.get_grouped_opcodes(CONTEXT):
        first = group[0]
        yield f'<span class="l hunk">@@ line {first[1] + 1} @@</span>'
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                for k in range(i1, i2):
                    yield _line("", " ", k + 1, _e(_cut(a[k])))
                continue
            olds, news = a[i1:i2], b[j1:j2]
            if tag == "replace" and len(olds) == len(news):
                for k, (x, y) in enumerate(zip(olds, news, strict=True)):
                    hx, hy = _intraline(x, y)
                    yield _line("del", "-", i1 + k + 1, hx)
                    yield _line("add", "+", j1 + k + 1, hy)
                continue
            for k, x in enumerate(olds):
                yield _line("del", "-", i1 + k + 1, _visible(_cut(x)))
            for k, y in enumerate(news):
                yield _line("add", "+", j1 + k + 1, _visible(_cut(y)))


def _pairs_diff(pairs: list[tuple[int, str, str]]) -> Iterator[str]:
    for number, x, y in pairs:
        hx, hy = _intraline(x, y)
        yield _line("del", "-", number, hx)
        yield _line("add", "+", number, hy)


def _diff_block(o: Outcome) -> str:
    if o.pairs:
        lines = _pairs_diff(o.pairs)
    elif o.before is not None and o.after is not None and o.before != o.after:
        lines = _text_diff(o.before, o.after)
    else:
        return ""
    shown = []
    for i, line in enumerate(lines):
        if i >= MAX_DIFF_LINES:
            shown.append(f'<span class="l muted">… diff cut at {MAX_DIFF_LINES} lines (see the JSON report)</span>')
            break
        shown.append(line)
    return '<pre class="d">' + "".join(shown) + "</pre>"


def _file_section(o: Outcome, with_diff: bool) -> str:
    kinds = ", ".join(f["kind"] for f in o.findings) or "encoding"
    state = "fixed" if o.status == "fixed" else "needs fixing"
    parts = [
        f'<details><summary>{_e(display_path(o.path))} <span class="k">— {_e(state)}: {_e(kinds)}</span></summary>',
        '<ul class="f">',
    ]
    enc = o.encoding or "?"
    if o.bom:
        enc += f" + {o.bom} BOM"
    parts.append(f"<li>encoding: {_e(enc)}" + (f" ({o.confidence:.0%})" if o.confidence is not None else "") + "</li>")
    for f in o.findings:
        chain = " → ".join(f.get("chain") or [])
        ev = "; ".join(f.get("evidence") or [])[:300]
        parts.append(
            f"<li><b>{_e(f['kind'])}</b>: {_e(f['summary'])}"
            f' <span class="muted">(confidence {f["confidence"]:.0%}'
            + (f"; chain {_e(chain)}" if chain else "")
            + (f"; evidence: {_visible(ev)}" if ev else "")
            + ")</span></li>"
        )
    if o.jsonl:
        j = o.jsonl
        parts.append(
            f"<li>JSONL field <code>{_e(j['field'])}</code>: {j['changed_records']} of "
            f"{j['records']} records changed, {j['missing_field']} without the field, "
            f"{len(j['invalid_lines'])} invalid lines</li>"
        )
    parts.append("</ul>")
    if with_diff:
        parts.append(_diff_block(o))
    parts.append("</details>")
    return "".join(parts)


def render_html(outcomes: list[Outcome], summary: Summary, title: str = "") -> str:
    """The whole page."""
    s = summary
    rows = [
        ("files scanned", s.scanned, ""),
        ("fixed", s.fixed, "bad" if s.fixed else ""),
        ("need fixing", s.needs_fix, "bad" if s.needs_fix else ""),
        ("clean", s.clean, "ok"),
        ("skipped", s.skipped, ""),
        ("failed", s.failed, "bad" if s.failed else ""),
    ]
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>mojifix report{(' — ' + _e(title)) if title else ''}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>mojifix report{(' — ' + _e(title)) if title else ''}</h1>",
        f'<p class="muted">mojifix {_e(__version__)}; {s.bytes / 1e6:.2f} MB in {s.seconds:.2f}s</p>',
        "<h2>Summary</h2><table>",
    ]
    out += [f'<tr><th>{k}</th><td class="n {c}">{v}</td></tr>' for k, v, c in rows]
    out.append("</table>")
    if s.finding_files:
        out.append("<table><tr><th>finding</th><th>files</th><th>occurrences</th></tr>")
        for kind in sorted(s.finding_files):
            out.append(
                f'<tr><td>{_e(kind)}</td><td class="n">{s.finding_files[kind]}</td>'
                f'<td class="n">{s.finding_counts[kind]}</td></tr>'
            )
        out.append("</table>")
    fixed = [o for o in outcomes if o.needs_fix]
    out.append(f"<h2>Files with findings ({len(fixed)})</h2>")
    if not fixed:
        out.append('<p class="ok">Nothing to fix.</p>')
    for i, o in enumerate(fixed):
        if i == MAX_DIFF_FILES:
            out.append(f'<p class="muted">Diffs are shown for the first {MAX_DIFF_FILES} files; the rest list their findings.</p>')
        out.append(_file_section(o, with_diff=i < MAX_DIFF_FILES))
    failed = [o for o in outcomes if o.status == ERROR]
    skipped = [o for o in outcomes if o.status == SKIPPED]
    for label, group in (("Failed", failed), ("Skipped", skipped)):
        if group:
            out.append(f"<h2>{label} ({len(group)})</h2><details><summary>show the list</summary><ul class=\"f\">")
            out += [f"<li>{_e(display_path(o.path))}: <span class=\"muted\">{_e(display_path(o.reason))}</span></li>"
                    for o in group]
            out.append("</ul></details>")
    out.append(f'<h2>Clean ({s.clean})</h2><p class="muted">{s.clean} files need no change and are not listed.</p>')
    out.append("</body></html>\n")
    return "\n".join(out)
