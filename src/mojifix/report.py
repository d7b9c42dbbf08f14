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
"""

from __future__ import annotations

import json
from typing import Any

from . import __version__
from .model import Repair
from .textdiff import split_lines, unified_diff_lines

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
    lines = unified_diff_lines(
        split_lines(before), split_lines(after), f"{path} (original)", f"{path} (fixed)"
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)
