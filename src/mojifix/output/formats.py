"""What ``mojifix check`` prints: ``text``, ``json``, ``github`` annotations and SARIF 2.1.0.

Why a module of its own: CI systems each want findings in their own shape, and the shapes have
sharp edges (GitHub's escaping, SARIF's required fields and column units) that deserve one place.

Every format is rendered from the same *diagnostics*: one per finding of a file that needs
fixing, located at the first change that finding made (``line``/``column`` 1-based, columns in
code points), or at the start of the file for findings about the bytes (``bom``, ``encoding``).
For a JSONL corpus the line is the record's line and the column is left out. A file that could
not be read gives one ``io-error`` diagnostic.

``json`` (``--output-format json``) is the shared envelope of :func:`mojifix.output.report.envelope`
(schema 1, documented there) with ``"command": "check"`` and every change of each listed file:
the same findings, located at the same first changes, as the text output.
Clean files are counted in ``summary`` and not listed, so the object stays small on big trees.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..files.names import display_path
from ..kinds import FindingKind as K
from ..kinds import belongs
from ..runs.batch import CLEAN, ERROR, SKIPPED, Outcome
from ..runs.summary import Summary
from .report import envelope, json_safe, record_of

FORMATS = ("text", "json", "github", "sarif")

# SARIF's rule descriptions: one per finding kind (mojifix.kinds), and check's own rules.
RULES: dict[str, str] = {
    K.BOM: "A byte-order mark that UTF-8 output drops.",
    K.ENCODING: "The file is not UTF-8: it is in a legacy byte encoding.",
    K.DECLARED_ENCODING: "An encoding declaration (meta charset, XML, coding cookie) naming a legacy encoding.",
    K.HTML_ENTITIES: "HTML entities in plain text (e.g. &amp;, &#59;).",
    K.BARE_ENTITIES: "Numeric character references whose '&' was stripped (#xff1a;).",
    K.MOJIBAKE: "Text decoded with the wrong codec (e.g. cafÃ© for café).",
    K.MOJIBAKE_LOST: "Unrecoverable garbage left by a lossy decode (锟斤拷, 烫烫烫, runs of U+FFFD).",
    K.MOJIBAKE_LOSSY: "UTF-8 read as a CJK page with bytes lost: characters that could not be recovered.",
    K.ZERO_WIDTH: "Injected zero-width characters (U+200B, U+2060, stray U+FEFF, joiners).",
    K.PINYIN_GLOSSES: "Injected pinyin glosses after Chinese characters (強(qiáng)).",
    K.LOST_SPACES: "'?' standing for a space a gloss converter could not encode in GBK.",
    K.GBK_MISALIGNMENT: "Characters read one GBK byte off by a gloss converter (上?;鶎狱h建).",
    K.LOST_CHARACTERS: "Characters a gloss converter lost, marked U+FFFD.",
    K.LOST_LETTERS: "Letters a CJK page could not decode, chosen back by word frequency (guesses).",
    K.UNDECODABLE_BYTES: "Bytes the file's CJK page cannot decode (a corrupt pair), marked U+FFFD.",
    K.RESTORE: "What --restore undid of a gloss converter (Traditional script, ASCII punctuation).",
    K.NORMALIZE: "Text the opt-in normalising fixes would change.",
    K.FILE_KIND: "A change the file's kind (code, data, Markdown code) kept a fixer from.",
    "io-error": "The file could not be read.",
    "invalid-jsonl": "A JSONL line that is not a JSON object: passed through.",
}


@dataclass(frozen=True)
class Diagnostic:
    path: str
    rule: str
    level: str  # "error" | "warning" | "note"
    message: str
    line: int | None = None
    column: int | None = None


def _first_change(changes: list[dict[str, Any]], finding: dict[str, Any],
                  alone: bool = False) -> dict[str, Any] | None:
    """The first change of ``finding``: of its kind and, where the changes name their chain
    (a note such as "UTF-8 read as GBK", which the finding's summary begins with), of its
    chain. Each chain of a file with two then shows its own first place and example, where
    every one showed the file's first change (a GBK line under "windows-1251 read as
    windows-1252": a new user's QA). A finding ``alone`` of its kind in the file counts all of
    its kind's changes, whatever their notes say (a line read as Latin-1 and two as
    windows-1252 make one finding of 3 places): its first change is theirs (QA 26: ``check``
    pointed at line 3 while the first of the 3 places was on line 1)."""
    mine = [c for c in changes if belongs(c["kind"], finding["kind"])]
    if alone:  # (the earliest: the fixers' passes list theirs one after the other)
        return min(mine, key=lambda c: (c.get("record", 0), c.get("line", 0), c.get("column", 0)),
                   default=None)
    summary = finding.get("summary", "")
    return next((c for c in mine if c.get("note") and summary.startswith(c["note"].split(" (")[0] + ":")),
                mine[0] if mine else None)


def diagnostics(o: Outcome, notes: bool = False) -> list[Diagnostic]:
    """The diagnostics of one file (none for skipped files, nor for clean ones except the
    invalid lines of a JSONL corpus and, with ``notes`` (``check -v``), their notes: what the
    file's kind kept a fixer from, which the summary table counts; QA 26 found the row's files
    listed nowhere)."""
    if o.status == ERROR:
        return [Diagnostic(o.path, "io-error", "error", o.reason)]
    if o.status == SKIPPED:
        return []
    out = []
    for f in o.findings if o.status != CLEAN or notes else ():
        first = _first_change(o.changes, f, sum(g["kind"] == f["kind"] for g in o.findings) == 1)
        message = f"{f['kind']}: {f['summary']}"
        line = column = None
        if first is not None:
            if "record" in first:
                line = first["record"]
            else:
                line, column = first["line"], first["column"]
            message += f" (first: {short_repr(first['before'])} → {short_repr(first['after'])})"
        elif f.get("line") is not None:
            line, column = f["line"], f["column"]
        elif o.jsonl is None:
            line, column = 1, 1
        out.append(Diagnostic(o.path, f["kind"], "error" if f.get("fixed", True) else "note",
                              message, line, column))
    for n in o.jsonl["invalid_lines"] if o.jsonl else ():
        out.append(Diagnostic(o.path, "invalid-jsonl", "warning",
                              f"invalid JSONL line, passed through: {n['reason']}", n["line"]))
    out.sort(key=lambda d: (d.line or 0, d.column or 0))
    return out


def short_repr(s: str, limit: int = 40) -> str:
    """``repr`` of ``s`` cut to ``limit`` characters (check's and explain's examples)."""
    s = s if len(s) <= limit else s[: limit - 1] + "…"
    return repr(s)


# --- text ------------------------------------------------------------------------------------


def render_text(outcomes: list[Outcome], notes: bool = False) -> str:
    lines = []
    for o in outcomes:
        for d in diagnostics(o, notes):
            where = d.path
            if d.line is not None:
                where += f":{d.line}"
                if d.column is not None:
                    where += f":{d.column}"
            # The whole line escaped: a name (or a message naming a file) cannot forge lines.
            lines.append(display_path(f"{where}: {d.message}"))
    return "".join(line + "\n" for line in lines)


# --- json ------------------------------------------------------------------------------------


def render_json(outcomes: list[Outcome], summary: Summary) -> str:
    # (a clean file with notes too: the summary's findings count them; QA 26)
    return envelope("check", summary.to_dict(),
                    [record_of(o) for o in outcomes if o.status != CLEAN or o.findings])


# --- github ----------------------------------------------------------------------------------


def escape_data(s: str) -> str:
    """GitHub workflow-command escaping of a message."""
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    """GitHub workflow-command escaping of a property value (file=, title=)."""
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def render_github(outcomes: list[Outcome]) -> str:
    level_cmd = {"error": "error", "warning": "warning", "note": "notice"}
    out = []
    for o in outcomes:
        for d in diagnostics(o):
            props = [f"file={escape_property(display_path(d.path))}"]
            if d.line is not None:
                props.append(f"line={d.line}")
            if d.column is not None:
                props.append(f"col={d.column}")
            props.append(f"title={escape_property('mojifix ' + d.rule)}")
            message = escape_data(display_path(d.message))
            out.append(f"::{level_cmd[d.level]} {','.join(props)}::{message}\n")
    return "".join(out)


# --- sarif -----------------------------------------------------------------------------------

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(path: str) -> tuple[str, bool]:
    """(uri, relative?) for a path: relative paths stay relative (GitHub resolves them against
    the repository root), absolute ones become file:// URIs."""
    if os.path.isabs(path):
        return Path(path).as_uri(), False  # percent-encodes the name's bytes, as on disk
    rel = path.replace(os.sep, "/").removeprefix("./")
    return quote(rel.encode("utf-8", "surrogateescape")), True


def sarif(outcomes: list[Outcome]) -> dict[str, Any]:
    """The SARIF 2.1.0 log as a dict."""
    diags = [d for o in outcomes for d in diagnostics(o)]
    rule_ids = sorted({d.rule for d in diags})
    index = {r: i for i, r in enumerate(rule_ids)}
    rules = [
        {
            "id": r,
            "name": "".join(p.capitalize() for p in r.split("-")),
            "shortDescription": {"text": RULES.get(r, f"mojifix finding: {r}")},
            "defaultConfiguration": {"level": "warning" if r == "invalid-jsonl" else "error"},
        }
        for r in rule_ids
    ]
    results = []
    for d in diags:
        uri, relative = _uri(d.path)
        artifact: dict[str, Any] = {"uri": uri}
        if relative:
            artifact["uriBaseId"] = "%SRCROOT%"
        location: dict[str, Any] = {"artifactLocation": artifact}
        region: dict[str, int] = {"startLine": d.line or 1}
        if d.column is not None:
            region["startColumn"] = d.column
        location["region"] = region
        results.append(
            {
                "ruleId": d.rule,
                "ruleIndex": index[d.rule],
                "level": d.level,
                "message": {"text": d.message},
                "locations": [{"physicalLocation": location}],
            }
        )
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mojifix",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                # Our columns count code points, not SARIF's default UTF-16 code units.
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render_sarif(outcomes: list[Outcome]) -> str:
    return json_safe(json.dumps(sarif(outcomes), ensure_ascii=False, indent=2) + "\n")


def render(fmt: str, outcomes: list[Outcome], summary: Summary, notes: bool = False) -> str:
    if fmt == "json":
        return render_json(outcomes, summary)
    if fmt == "github":
        return render_github(outcomes)
    if fmt == "sarif":
        return render_sarif(outcomes)
    return render_text(outcomes, notes)
