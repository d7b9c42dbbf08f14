"""Rendering a repair for people and machines: unified diffs and the JSON envelope.

Every JSON document mojifix prints or writes (``fix --report x.json``, ``fix --report -``,
``check --output-format json``, ``check --report x.json``, ``detect --output-format json`` and
its alias ``detect --json``) is made by :func:`envelope`, and nowhere else, so that a reader
written against one of them reads them all. The envelope, schema version 1::

    {
      "mojifix": "<version>",            # the mojifix that wrote it
      "schema": 1,                       # bumped only when a key changes meaning or goes away
      "command": "fix",                  # fix | check | detect
      "summary": {                       # counts over the whole run (mojifix.runs.batch.Summary)
        "scanned": 12, "clean": 9, "fixed": 0, "needs_fix": 2, "not_rewritten": 0,
        "skipped": 1, "failed": 0, "bytes": 48211, "seconds": 0.41,
        "skipped_by_reason": {"binary": 1},
        "findings": {"mojibake": {"files": 2, "count": 7}},
        "reencoded_only": 0,             # of fixed/needs_fix: text unchanged, bytes rewritten
        "chains": [                      # per finding kind and chain as a person says it
          {"kind": "mojibake", "chain": "UTF-8 read as windows-1252", "files": 2, "count": 7,
           "changed": 9, "lost": 0}      # places, characters changed and lost (U+FFFD)
        ]
      },
      "files": [ one record per file, below ]
    }

A file record::

    {
      "path": "page.txt",                # "<stdin>" for stdin
      "status": "fixed",                 # clean | fixed (written) | needs-fix (not written) |
                                         # skipped | error
      "encoding": "gbk",                 # detected or forced source encoding
      "confidence": 0.98,                # 0..1; 1.0 for BOM, strict UTF-8 or a forced encoding
      "bom": null,                       # "utf-8", "utf-16-le", ... when a BOM was stripped
      "changed": true,                   # whether the repaired text differs from the decoded input
      "needs_fix": true,                 # writing UTF-8 would change the file's bytes
      "findings": [                      # what mojifix believes happened
        {"kind": "pinyin-glosses", "summary": "pinyin glosses, 228 removed", "count": 228,
         "confidence": 0.99, "chain": [], "evidence": ["團(tuán) x36"], "fixed": true,
         "changed": 0, "lost": 0}       # characters changed / lost: mojibake findings
      ],
      "changes": [                       # every change, located in the decoded input
        {"kind": "pinyin-gloss", "line": 1, "column": 9, "offset": 8,
         "before": "(qiáng)", "after": "", "note": "強(qiáng)"}
      ],
      "notes": [],
      "reason": "...",                   # skipped and error records only: why
      "jsonl": {                         # --jsonl only
        "field": "text", "records": 1000, "changed_records": 12, "missing_field": 0,
        "invalid_lines": [{"line": 17, "reason": "invalid JSON: ..."}]
      }
    }

``line`` and ``column`` are 1-based; ``column`` and ``offset`` count Unicode code points. In
``--jsonl`` mode each change also carries ``"record"`` (the corpus line number) and its
``line``/``column`` point into that record's field value.

Per command: ``check`` lists only the files that are not clean (clean ones are counted in
``summary``), with every change (the same changes its text output counts); ``detect`` lists
every file, without ``changes`` but with ``"changes": N`` (their number), ``"would_change"``
(= ``needs_fix``), ``"runner_up"`` (``{"encoding", "cost"}`` of the legacy detector's second
choice, or null), ``"evidence"`` (why the encoding was chosen, in words), ``"lossy"`` (the kinds
of damage that lost characters) and, for an unreadable file, ``"error"``.

``--report FILE.jsonl`` writes a header line ``{"mojifix": "<version>", "schema": 1}`` then the
same file records, one JSON object per line (no envelope: a corpus-sized run stays greppable).
``--report FILE.html`` writes one self-contained page (:mod:`mojifix.output.htmlreport`).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..files.names import display_path

if TYPE_CHECKING:
    from ..runs.batch import Outcome
    from ..runs.summary import Summary
    from .htmldiff import DiffSpool

SCHEMA_VERSION = 1


def json_safe(text: str) -> str:
    r"""JSON text (from ``json.dumps(..., ensure_ascii=False)``) as valid UTF-8: a lone
    surrogate left in a string (a raw byte of a message) becomes the JSON escape ``\udcXX``,
    which JSON readers accept."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def record_of(o: Outcome) -> dict[str, Any]:
    """An outcome's report record, its path made safe for JSON (see :func:`display_path`)."""
    rec = o.record()
    rec["path"] = display_path(rec["path"], controls=False)
    return rec


def envelope(command: str, summary: dict[str, Any], files: list[dict[str, Any]]) -> str:
    """The one JSON envelope (schema above) as pretty-printed JSON text ending with a newline.

    Why one function: three hand-built envelopes had drifted apart (one had no schema version,
    one no summary); every JSON output now goes through here."""
    doc = {"mojifix": __version__, "schema": SCHEMA_VERSION, "command": command,
           "summary": summary, "files": files}
    # A lone surrogate (a kept raw byte) becomes the JSON escape \udcXX: valid UTF-8 and JSON.
    return json_safe(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of the decoded input against the repaired text ('' when equal)."""
    if before == after:
        return ""
    from ..textdiff import split_lines, unified_diff_lines  # difflib: only for a diff

    name = display_path(path, raw_bytes=True)  # a name cannot forge diff lines
    lines = unified_diff_lines(
        split_lines(before), split_lines(after), f"{name} (original)", f"{name} (fixed)"
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


def batch_report(kind: str, outcomes: list[Outcome], summary: Summary, title: str = "",
                 command: str = "fix", spool: DiffSpool | None = None) -> str:
    """A batch run's report as text, in the ``json``, ``jsonl`` or ``html`` form (``spool``: the
    HTML diffs already rendered, see :class:`mojifix.output.htmldiff.DiffSpool`).

    A JSONL report opens with one header line, ``{"mojifix": "<version>", "schema": 1}``: the
    mark by which a later run skips it (:mod:`mojifix.files.discover`); file records follow."""
    if kind == "jsonl":
        head = json.dumps({"mojifix": __version__, "schema": SCHEMA_VERSION}) + "\n"
        return head + json_safe("".join(json.dumps(record_of(o), ensure_ascii=False) + "\n" for o in outcomes))
    if kind == "html":
        from .htmlreport import render_html

        return render_html(outcomes, summary, title, spool)
    return envelope(command, summary.to_dict(), [record_of(o) for o in outcomes])


def outcome_diff(o: Outcome) -> str:
    """The unified diff of a batch outcome kept with its text (``''`` when there is none).

    For a JSONL corpus, each changed record is one hunk (its line before and after).
    """
    if o.pairs:
        name = display_path(o.path, raw_bytes=True)
        out = [f"--- {name} (original)\n+++ {name} (fixed)\n"]
        for number, before, after in o.pairs:
            out.append(f"@@ -{number},1 +{number},1 @@\n-{before}\n+{after}\n")
        return "".join(out)
    if o.before is None or o.after is None:
        return ""
    return unified_diff(o.path, o.before, o.after)
