"""File names as shown to people and written in reports: one escaping rule for every output.

A name is data from the disk: it may hold bytes that are not UTF-8, control characters or
bidirectional overrides. :func:`display_path` makes it safe to print; discovery's warnings,
the terminal tables and every report format use it (``output.report`` re-exports it).
"""

from __future__ import annotations

import re

# Characters that move the cursor, start terminal escape sequences, break lines or reorder
# text: a name holding them could forge output lines or rewrite the terminal (C0, DEL, C1, line
# and paragraph separators, bidirectional overrides and isolates).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(m: re.Match[str]) -> str:
    ch = m.group()
    if ch in _NAMED:
        return _NAMED[ch]
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def display_path(path: str, *, controls: bool = True, raw_bytes: bool = False) -> str:
    r"""A path (or a message holding one) as shown to a person, and as written in reports.

    * Bytes of a file name that are not UTF-8 (which Python keeps as lone surrogates, PEP 383)
      are shown as ``\xNN``, so the text is valid Unicode (a strict UTF-8 stream, JSON, HTML).
      ``raw_bytes=True`` keeps them, for output written as bytes with ``surrogateescape`` (a
      diff header, which names the file exactly as it is on disk).
    * ``controls`` (the default): control characters, line separators and bidirectional
      overrides are shown as ``\n``, ``\x1b``, ``\u202e``: a name cannot forge a line of
      output nor send escape sequences to the terminal. JSON writers pass ``controls=False``
      because JSON escapes them itself (``"a\nb"`` reads back as the real name).

    So in JSON reports, ``check --output-format json|sarif|github`` and ``detect --json``, a
    name is its real characters except the bytes that are not UTF-8, each written as the four
    characters ``\xNN`` (``caf\xe9.txt`` for the Latin-1 byte E9); SARIF's URIs percent-encode
    those bytes instead (``caf%E9.txt``), as URIs do. A backslash in a name is not doubled, so
    ``\xNN`` may also be those four characters in the name: the form is for reading, not for
    opening the file again.

    >>> display_path("caf\udce9.txt")
    'caf\\xe9.txt'
    >>> display_path("a\nb\x1b[2J")
    'a\\nb\\x1b[2J'
    """
    if path.isprintable() and path.isascii():
        return path
    if not raw_bytes:
        try:
            raw = path.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a surrogate that is not an escaped byte
            path = path.encode("utf-8", "backslashreplace").decode("utf-8")
        else:
            path = raw.decode("utf-8", "backslashreplace")
    return _UNSAFE.sub(_escape_char, path) if controls else path
