"""Rendering a repair for people and machines: unified diffs and the JSON report.

JSON report schema (``--report FILE.json``), version 1::

    {
      "mojifix": "<version>",
      "schema": 1,
      "files": [
        {
          "path": "page.txt",            # "-" for stdin
          "encoding": "gbk",             # detected or forced source encoding
          "confidence": 0.98,            # 0..1; 1.0 for BOM, strict UTF-8 or a forced encoding
          "bom": null,                   # "utf-8", "utf-16-le", ... when a BOM was stripped
          "changed": true,               # whether the repaired text differs from the decoded input
          "findings": [                  # what mojifix believes happened
            {"kind": "pinyin-glosses", "summary": "pinyin glosses, 228 removed", "count": 228,
             "confidence": 0.99, "chain": [], "evidence": ["團(tuán) x36"], "fixed": true}
          ],
          "changes": [                   # every change, located in the decoded input
            {"kind": "pinyin-gloss", "line": 1, "column": 9, "offset": 8,
             "before": "(qiáng)", "after": "", "note": "強(qiáng)"}
          ],
          "notes": []
        }
      ]
    }

``line`` and ``column`` are 1-based; ``column`` and ``offset`` count Unicode code points.

Batch runs (``mojifix fix PATH... --report`` / ``mojifix check --report``) write the same schema
with a top-level ``"summary"`` (see :mod:`mojifix.formats`) and, in each file record, these extra
keys (old readers can ignore them)::

    "status": "fixed",       # clean | fixed (written) | needs-fix (not written) | skipped | error
    "needs_fix": true,       # writing UTF-8 would change the file's bytes (text or encoding)
    "reason": "...",         # for skipped and error records: why
    "jsonl": {               # --jsonl only
      "field": "text", "records": 1000, "changed_records": 12, "missing_field": 0,
      "invalid_lines": [{"line": 17, "reason": "invalid JSON: ..."}]
    }

In ``--jsonl`` mode each change also carries ``"record"`` (the corpus line number) and its
``line``/``column`` point into that record's field value.

``--report FILE.jsonl`` writes the same file records, one JSON object per line, no envelope.
``--report FILE.html`` writes one self-contained page (:mod:`mojifix.htmlreport`).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from . import __version__
from .model import Repair

if TYPE_CHECKING:
    from .batch import Outcome, Summary

SCHEMA_VERSION = 1


def display_path(path: str) -> str:
    r"""A path as valid Unicode for reports: bytes of a file name that are not UTF-8 (which
    Python keeps as lone surrogates) are shown as ``\xNN`` instead of breaking the JSON.

    >>> display_path("caf\udce9.txt")
    'caf\\xe9.txt'
    """
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return path.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def file_record(path: str, repair: Repair) -> dict[str, Any]:
    """One file's entry in the report."""
    return {"path": display_path(path), **repair.to_dict()}


def json_report(records: list[dict[str, Any]]) -> str:
    """The whole report as pretty-printed JSON text (ends with a newline)."""
    doc = {"mojifix": __version__, "schema": SCHEMA_VERSION, "files": records}
    text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    # A lone surrogate (a kept raw byte) becomes the JSON escape \udcXX: valid UTF-8 and JSON.
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of the decoded input against the repaired text ('' when equal)."""
    if before == after:
        return ""
    from .textdiff import split_lines, unified_diff_lines  # difflib: only for a diff

    lines = unified_diff_lines(
        split_lines(before), split_lines(after), f"{path} (original)", f"{path} (fixed)"
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


REPORT_SUFFIXES = (".json", ".jsonl", ".html", ".htm")


def report_kind(path: str) -> str | None:
    """``json``, ``jsonl`` or ``html`` from the report file's name (``-`` is JSON on stderr)."""
    if path == "-":
        return "json"
    lower = path.lower()
    for suffix in REPORT_SUFFIXES:
        if lower.endswith(suffix):
            return {"htm": "html"}.get(suffix[1:], suffix[1:])
    return None


def batch_report(kind: str, outcomes: list[Outcome], summary: Summary, title: str = "") -> str:
    """A batch run's report as text, in the ``json``, ``jsonl`` or ``html`` form."""
    if kind == "jsonl":
        return "".join(json.dumps(o.record(), ensure_ascii=False) + "\n" for o in outcomes)
    if kind == "html":
        from .htmlreport import render_html

        return render_html(outcomes, summary, title)
    doc = {
        "mojifix": __version__,
        "schema": SCHEMA_VERSION,
        "summary": summary.to_dict(),
        "files": [o.record() for o in outcomes],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def outcome_diff(o: Outcome) -> str:
    """The unified diff of a batch outcome kept with its text (``''`` when there is none).

    For a JSONL corpus, each changed record is one hunk (its line before and after).
    """
    if o.pairs:
        out = [f"--- {o.path} (original)\n+++ {o.path} (fixed)\n"]
        for number, before, after in o.pairs:
            out.append(f"@@ -{number},1 +{number},1 @@\n-{before}\n+{after}\n")
        return "".join(out)
    if o.before is None or o.after is None:
        return ""
    return unified_diff(o.path, o.before, o.after)
