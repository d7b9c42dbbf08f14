"""A repaired JSON string token, written back with only its repaired parts changed.

Why: a JSONL record's bytes should change only where a repair was made (docs/usage.md: "``\\u``
escapes stay escapes"). The token used to be written again whole, ``json.dumps`` of the repaired
value, escaped throughout when the token was all ASCII and raw throughout otherwise: a record
holding raw mojibake beside an escaped emoji (``"cafÃ© \\ud83d\\ude00"``) came out with the emoji
raw (QA 25, item 17), and a lone surrogate's escape (``\\ud83d``) came out raw, which is no UTF-8.

How: the repair's located changes (their offsets are into the original value) give the places
that changed; each is found in the token by walking its escapes once (a character of the value
is one character of the token, or one escape: ``\\n``, ``\\u00e9``, or ``\\ud83d\\ude00`` for one
astral character, as ``json`` reads them), and only those spans of the token are written again.
Everything between them is the token's own text, byte for byte. When the changes do not
rebuild the repaired value exactly (a change of one fixer inside another's), the one span
between the common start and end of the two values is written again instead. Linear in the
token: one walk, one pass over the changes.

A span written again takes the style of what it replaces: escaped (``\\u00e9``) when that was
written with ``\\u`` escapes and no raw non-ASCII character, raw when it held raw characters;
text that was plain ASCII (``&eacute;``) follows the whole token (escaped when the token is all
ASCII and uses ``\\u`` escapes, as before). Escapes are written in the token's hex case. A lone
surrogate is always written as its escape (raw, it is no UTF-8).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence

from ..model import Change

_LONE = re.compile("[\ud800-\udfff]")  # json.dumps(ensure_ascii=False) joins a pair; what is left is lone
_UPPER = re.compile(r"\\u[0-9A-F]*[A-F]")
_LOWER = re.compile(r"\\u[0-9a-fA-F]*[a-f]")
_ESCAPE_HEX = re.compile(r"\\u[0-9a-f]{4}")


def _offsets(body: str, wanted: Sequence[int]) -> list[int] | None:
    """The offsets in the token's ``body`` (between its quotes) where the characters ``wanted``
    (ascending offsets into the value it reads as) start; None when the value is shorter."""
    out: list[int] = []
    k = i = v = 0  # next wanted, place in the body, characters of the value before it
    size = len(body)
    while True:
        j = body.find("\\", i)
        stop = size if j < 0 else j
        reach = v + stop - i  # raw characters map one to one up to the next escape
        while k < len(wanted) and wanted[k] <= reach:
            out.append(i + wanted[k] - v)
            k += 1
        if j < 0:
            return out if k == len(wanted) else None
        v = reach + 1  # one escape, one character ...
        i = j + 2
        if body[j + 1] == "u":  # ... or a surrogate pair of escapes, one character (json's rule)
            i = j + 6
            if 0xD800 <= int(body[j + 2:i], 16) <= 0xDBFF and body[i:i + 2] == "\\u":
                low = body[i + 2:i + 6]
                if len(low) == 4 and all(c in "0123456789abcdefABCDEF" for c in low) \
                        and 0xDC00 <= int(low, 16) <= 0xDFFF:
                    i += 6


def _spans(old: str, new: str, changes: Iterable[Change]) -> list[tuple[int, int, str]]:
    """(start, end, replacement) in ``old``, sorted and apart, that make ``new`` of it."""
    spans: list[tuple[int, int, str]] = []
    pos = 0
    parts: list[str] = []
    for c in sorted(changes, key=lambda c: c.offset):
        end = c.offset + len(c.before)
        if c.offset < pos or old[c.offset:end] != c.before:
            break
        parts += (old[pos:c.offset], c.after)
        spans.append((c.offset, end, c.after))
        pos = end
    else:
        parts.append(old[pos:])
        if "".join(parts) == new:
            return spans
    # The common ends, and one span between them.
    n = min(len(old), len(new))
    head = 0
    while head < n and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < n - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return [(head, len(old) - tail, new[head:len(new) - tail])]


def _encode(text: str, escaped: bool, upper: bool) -> str:
    out = json.dumps(text, ensure_ascii=escaped)[1:-1]
    if not escaped:
        out = _LONE.sub(lambda m: f"\\u{ord(m.group()):04x}", out)
    if upper:
        out = _ESCAPE_HEX.sub(lambda m: "\\u" + m.group()[2:].upper(), out)
    return out


def rewrite(token: str, old: str, new: str, changes: Iterable[Change]) -> str:
    """The JSON string ``token`` (quotes included) that reads as ``old``, rewritten to read as
    ``new``: only the spans ``changes`` made are written again (see the module docstring)."""
    body = token[1:-1]
    ascii_style = token.isascii() and "\\u" in token
    upper = _UPPER.search(token) is not None and _LOWER.search(token) is None
    spans = _spans(old, new, changes)
    at = _offsets(body, [x for start, end, _ in spans for x in (start, end)])
    if at is None:  # (cannot happen for a token that reads as old: written whole, as before)
        return _encode(new, ascii_style, upper).join('""')
    out: list[str] = []
    pos = 0
    for (_, _, after), start, end in zip(spans, at[::2], at[1::2], strict=True):
        was = body[start:end]
        if "\\u" in was and was.isascii():
            escaped = True
        elif not was.isascii():
            escaped = False
        else:
            escaped = ascii_style
        out += (body[pos:start], _encode(after, escaped, upper))
        pos = end
    out.append(body[pos:])
    return '"' + "".join(out) + '"'
