"""Repairing one text field in every record of a JSONL corpus, without touching anything else.

Why a module of its own: a corpus is not text to be repaired as a whole (its quotes and
backslashes are syntax) and it can be far larger than memory. So we stream it line by line:

* A line whose field needs no repair is written back **byte for byte** (it is never parsed and
  re-serialised, so key order, spacing, number spelling and ``\\u`` escapes stay as they were).
* A line whose field changed is edited surgically: only the JSON string token holding that field
  is edited, and in it only the spans a repair changed, each in the style of what it replaces
  (``\\u`` escapes where it was escaped): :mod:`mojifix.files.jsonstring`. Every other byte of
  the line is kept, the token's other escapes too.
* A line that is not valid JSON (or not UTF-8) is reported with its line number and written back
  unchanged: a repair tool never drops data. Blank lines pass through silently. So is a line
  Python's ``json`` cannot hold although it is valid JSON (an integer of more than 4300 digits,
  arrays nested thousands deep): it is passed through like an invalid one rather than parsed
  some other way, since the line is never re-serialised, its numbers are never altered.
* A record without the field, or whose field is not a string, is counted and passed through.
  When no record holds a string there the corpus is an error, and the message tells a field
  no record has (a misspelt ``--field``) from one they hold as ``null``, a number or an object
  (a field pointing at ``meta`` rather than ``meta.body``): "no record has the field" was false
  for the second.
* Such a corpus writes nothing, not half of itself and then the error: ``-o`` and ``--out-dir``
  write to a temporary file they drop, and a ``write`` that cannot be taken back (stdout) is
  given nothing until a record holding a string in the field is seen (``hold``). The held
  lines are what was read before it, nearly always none or a few (a corpus whose first records
  lack the field is rare); past :data:`HOLD_LIMIT` they are written and the rest streamed, so
  memory stays bounded, and only a corpus that fails after that much shows it on stdout.

The field is a dotted path (``meta.body``); a segment that is a number indexes a list
(``turns.0.text``). When a key occurs twice in one object, the last one counts (as in
``json.loads``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..api import repair_text
from ..config import Config
from ..decoding.decode import normalize_encoding_name
from ..errors import BinaryInputError
from ..kinds import FindingKind
from ..model import Finding
from .jsonstring import rewrite

_DECODER = json.JSONDecoder()
_ABSENT = object()  # what _get finds where a record has no such field (None is JSON's null)
_WS = " \t\n\r"
# Diff lines kept per file for --diff and the HTML report; the counts stay exact beyond it.
MAX_KEPT_PAIRS = 1000
# A record longer than this is not parsed but passed through (in pieces) and reported.
MAX_LINE_BYTES = 64 << 20
# Lines held back from stdout before a record with the field is seen (see the docstring): the
# size of one longest record, which reading a corpus may hold anyway.
HOLD_LIMIT = MAX_LINE_BYTES


@dataclass
class JsonlResult:
    """What happened to one JSONL stream."""

    records: int = 0
    changed_records: int = 0
    missing_field: int = 0  # records without a string in the field (absent or not a string)
    not_string: int = 0  # of those, the records that have the field, as null, a number, ...
    invalid: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)
    findings: list[Finding] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    pairs: list[tuple[int, str, str]] = field(default_factory=list)  # (line, before, after)
    # Lines that are not UTF-8 (nor in the page --encoding names): unlike invalid JSON, fix can
    # read them given the corpus's encoding, so ``check`` counts the corpus as needing a fix
    # (QA 26: a corpus saved in windows-1252 was "clean", exit 0).
    not_decoded: int = 0

    @property
    def changed(self) -> bool:
        return self.changed_records > 0

    @property
    def unfielded(self) -> bool:
        """No record holds the field (a misspelt ``--field``): the corpus is an error, and
        nothing is written for it. A field missing from only some records is not."""
        return self.records > 0 and self.missing_field == self.records

    def unfielded_reason(self, field_path: str) -> str:
        """Why an :attr:`unfielded` corpus fails, in words that are true of it: no record has
        the field, or (some have it) none holds a string there."""
        if not self.not_string:
            return f"no record has the field {field_path!r} (check --field)"
        n = self.records
        return (f"no record has a string in the field {field_path!r}: in {self.not_string} of "
                f"{n} record{'s' * (n != 1)} it is null or another non-string value (check --field)")


def _bounded(lines: Iterable[bytes]) -> Iterator[bytes | _Pieces]:
    """The lines of a file object, each at most :data:`MAX_LINE_BYTES` long; a longer line comes
    as a lazy list of pieces (memory stays bounded). Its first piece holding a NUL byte (which
    JSON text never holds raw: ``/dev/zero``, a binary file) ends the read as binary at once."""
    readline = getattr(lines, "readline", None)
    if readline is None:
        yield from lines
        return
    while True:
        raw = readline(MAX_LINE_BYTES)
        if not raw:
            return
        if len(raw) < MAX_LINE_BYTES or raw.endswith(b"\n"):
            yield raw
            continue
        if b"\x00" in raw:
            raise BinaryInputError(
                "looks like binary data, not JSONL (a line of NUL bytes)",
                "pass a JSON Lines file (one object per line)",
            )
        yield _Pieces(raw, readline)


class _Held:
    """A ``write`` that holds what it is given until :meth:`release` (or until it holds more
    than :data:`HOLD_LIMIT`), then passes everything on, in order."""

    def __init__(self, write: Callable[[bytes], None]) -> None:
        self.write_through = write
        self.lines: list[bytes] = []
        self.size = 0
        self.released = False

    def write(self, data: bytes) -> None:
        if self.released:
            self.write_through(data)
            return
        self.lines.append(data)
        self.size += len(data)
        if self.size > HOLD_LIMIT:
            self.release()

    def release(self) -> None:
        self.released = True
        for data in self.lines:
            self.write_through(data)
        self.lines.clear()


class _Pieces:
    """An over-long line, read piece by piece as it is iterated."""

    def __init__(self, first: bytes, readline: Callable[[int], bytes]) -> None:
        self.first, self.readline = first, readline

    def __iter__(self) -> Iterator[bytes]:
        piece = self.first
        while piece:
            yield piece
            if piece.endswith(b"\n"):
                return
            piece = self.readline(MAX_LINE_BYTES)


def _get(obj: Any, parts: list[str]) -> Any:
    for part in parts:
        if isinstance(obj, dict) and part in obj:
            obj = obj[part]
        elif isinstance(obj, list) and part.isdigit() and int(part) < len(obj):
            obj = obj[int(part)]
        else:
            return _ABSENT
    return obj


def _skip_ws(s: str, i: int) -> int:
    while i < len(s) and s[i] in _WS:
        i += 1
    return i


def _span(s: str, i: int, parts: list[str]) -> tuple[int, int] | None:
    """Character span of the value at dotted path ``parts`` in the JSON text ``s`` from ``i``."""
    i = _skip_ws(s, i)
    if not parts:
        _, end = _DECODER.raw_decode(s, i)
        return i, end
    head, rest = parts[0], parts[1:]
    if s[i] == "{":
        found = None
        i = _skip_ws(s, i + 1)
        if s[i] == "}":
            return None
        while True:
            key, i = json.decoder.scanstring(s, i + 1)
            i = _skip_ws(s, i) + 1  # past ':'
            i = _skip_ws(s, i)
            _, end = _DECODER.raw_decode(s, i)
            if key == head:
                found = (i, end)  # the last duplicate wins, as in json.loads
            i = _skip_ws(s, end)
            if s[i] == "}":
                break
            i = _skip_ws(s, i + 1)  # past ','
        return _span(s, found[0], rest) if found else None
    if s[i] == "[" and head.isdigit():
        want = int(head)
        i = _skip_ws(s, i + 1)
        n = 0
        while s[i] != "]":
            _, end = _DECODER.raw_decode(s, i)
            if n == want:
                return _span(s, i, rest)
            n += 1
            i = _skip_ws(s, end)
            if s[i] == ",":
                i = _skip_ws(s, i + 1)
        return None
    return None


def _first_clause(exc: Exception) -> str:
    """``Exceeds the limit (4300 digits) for integer string conversion`` without Python's advice
    to call ``sys.set_int_max_str_digits`` (a user of the CLI cannot)."""
    return str(exc).split(": value has", 1)[0].split("; use sys.", 1)[0]


class _Merged:
    """The findings of one kind over every record, summed as records come: a corpus of
    millions of changed records must not keep one :class:`Finding` per record (the road is
    streamed, and its memory must not grow with the file)."""

    def __init__(self) -> None:
        self.records = self.count = self.changed = self.lost = 0
        self.confidence = 0.0
        self.fixed = False
        self.chains: Counter[tuple[str, ...]] = Counter()
        self.evidence: list[str] = []

    def add(self, f: Finding) -> None:
        self.records += 1
        self.count += f.count
        self.changed += f.changed
        self.lost += f.lost
        self.confidence = max(self.confidence, f.confidence)
        self.fixed = self.fixed or f.fixed
        if f.chain:
            self.chains[f.chain] += 1
        for e in f.evidence:
            if e not in self.evidence and len(self.evidence) < 5:
                self.evidence.append(e)

    def finding(self, kind: str) -> Finding:
        n = self.records
        summary = f"{kind} in {n} record{'s' * (n != 1)} ({self.count} in all)"
        if kind == FindingKind.ENCODING and self.chains:
            summary = f"{n} record{'s' * (n != 1)} decoded from {self.chains.most_common(1)[0][0][0]}"
        return Finding(
            kind,
            summary,
            count=self.count,
            confidence=self.confidence,
            chain=self.chains.most_common(1)[0][0] if self.chains else (),
            evidence=tuple(self.evidence),
            fixed=self.fixed,
            changed=self.changed,
            lost=self.lost,
        )


def repair_jsonl(
    lines: Iterable[bytes],
    field_path: str,
    config: Config,
    write: Callable[[bytes], None] | None = None,
    keep_changes: bool = False,
    keep_pairs: bool = False,
    hold: bool = False,
) -> JsonlResult:
    """Repair ``field_path`` in every record of ``lines`` (bytes, with their line endings).

    Every line, repaired or not, is passed to ``write`` (when given) in order. ``hold``: for a
    ``write`` that cannot be taken back (stdout), nothing is passed until a record holds a
    string in the field, and nothing at all when none does (:attr:`JsonlResult.unfielded`);
    see the module docstring for the bound.
    """
    parts = field_path.split(".")
    res = JsonlResult()
    found: dict[str, _Merged] = {}
    held = _Held(write) if hold and write is not None else None
    direct, write = write, (write if held is None else held.write)
    for number, raw in enumerate(_bounded(lines), 1):
        if isinstance(raw, _Pieces):  # a line too long to hold: passed through in pieces
            res.invalid.append((number, f"longer than {MAX_LINE_BYTES >> 20} MB, not parsed"))
            for piece in raw:  # read to its end even when nothing is written
                if write is not None:
                    write(piece)
            continue
        body = raw.rstrip(b"\r\n")
        ending = raw[len(body):]
        prefix = b""
        if number == 1 and body.startswith(b"\xef\xbb\xbf"):
            prefix, body = body[:3], body[3:]
        out = raw
        if body.strip():
            out = _repair_line(body, number, parts, config, res, found, keep_changes, keep_pairs)
            out = raw if out is None else prefix + out + ending
        if write is not None:
            write(out)
        if held is not None and res.missing_field < res.records:  # a record holds the field
            held.release()
            held, write = None, direct
    if held is not None and not res.unfielded:  # no record at all (blank or invalid lines)
        held.release()
    res.findings = [merged.finding(kind) for kind, merged in found.items()]
    return res


def _repair_line(
    body: bytes,
    number: int,
    parts: list[str],
    config: Config,
    res: JsonlResult,
    found: dict[str, _Merged],
    keep_changes: bool,
    keep_pairs: bool,
) -> bytes | None:
    """The repaired line (without its ending), or None to pass the line through unchanged."""
    codec = config.encoding or "utf-8"
    try:
        line = body.decode(codec)
        obj = json.loads(line)
    except UnicodeDecodeError as exc:
        res.not_decoded += 1
        if config.encoding is None:
            res.invalid.append((number, f"not UTF-8 (byte {exc.start}); pass --encoding NAME "
                                        "if the corpus is saved in another encoding"))
        else:
            res.invalid.append((number, f"not {codec} (byte {exc.start})"))
        return None
    except json.JSONDecodeError as exc:
        res.invalid.append((number, f"invalid JSON: {exc.msg} at column {exc.colno}"))
        return None
    except ValueError as exc:  # an integer beyond Python's int string-conversion limit
        res.invalid.append((number, f"cannot be read: {_first_clause(exc)}"))
        return None
    except RecursionError:
        res.invalid.append((number, "cannot be read: nested too deeply"))
        return None
    res.records += 1
    value = _get(obj, parts)
    if not isinstance(value, str):
        res.missing_field += 1
        if value is not _ABSENT:
            res.not_string += 1
        return None
    # The corpus read in the page ``--encoding`` names (QA 26: the option was ignored here):
    # a record whose bytes are not its UTF-8 is rewritten as UTF-8 (JSON text is UTF-8), its
    # field repaired or not, as ``fix`` rewrites a legacy file; an ``encoding`` finding counts it.
    as_utf8 = line.encode("utf-8") if config.encoding is not None else body
    reencoded = as_utf8 != body
    if reencoded:
        name = normalize_encoding_name(codec)
        found.setdefault(FindingKind.ENCODING, _Merged()).add(Finding(
            FindingKind.ENCODING, f"decoded from {name}", count=1, chain=(name,)))
    # A named text field is prose, whatever it looks like (Markdown fences, JSON): see filekind.
    repair = repair_text(value, config if config.file_kind else config.replace(file_kind="text"))
    for f in repair.findings:
        found.setdefault(f.kind, _Merged()).add(f)
    if not repair.changed:
        if reencoded:
            res.changed_records += 1
            return as_utf8
        return None
    span = _span(line, 0, parts)
    if span is None:  # cannot happen for a value json.loads found; be safe: leave the line
        return None
    start, end = span
    token = rewrite(line[start:end], value, repair.text, repair.changes)  # only where it changed
    new_line = line[:start] + token + line[end:]
    if _get(json.loads(new_line), parts) != repair.text:  # paranoia: never write a wrong record
        return None
    res.changed_records += 1
    if keep_changes:
        res.changes.extend({**c.to_dict(), "record": number} for c in repair.changes)
    if keep_pairs and len(res.pairs) < MAX_KEPT_PAIRS:
        res.pairs.append((number, line, new_line))
    return new_line.encode("utf-8")
