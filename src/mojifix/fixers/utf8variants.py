"""When ftfy's ``utf-8-variants`` is plain UTF-8: the chain a repaired line is reported under.

Why a module of its own: ftfy decodes with its ``utf-8-variants`` codec whenever the bytes it
re-encoded hold an ED or a C0 byte, and every hangul syllable from ``한`` (U+D55C) on starts
with ED, so most Korean lines are decoded that way. The variants differ from UTF-8 only on
CESU-8 surrogate pairs (``ED A0-BF ..``: an astral character in two halves) and on ``C0 80``
(U+0000). A line whose bytes hold neither is UTF-8: named so, a Korean page is one chain, and
its lines take the lost-byte roads (:mod:`mojifix.fixers.lostsingle`), which read UTF-8 only.
"""

from __future__ import annotations

import re

from ..model import describe_chain

_VARIANT_BYTES = re.compile(rb"\xc0\x80|\xed[\xa0-\xbf]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def plain_utf8(key: tuple[tuple[str, ...], str], fixed: str, body: str,
               steps: tuple[tuple[str, str], ...]) -> tuple[tuple[str, ...], str]:
    """``key`` (ftfy's repair of ``body`` to ``fixed`` by ``steps``, as chain and sentence)
    named UTF-8 where ftfy said ``utf-8-variants`` but read nothing only the variants read: a
    repair without U+0000 or astral characters, or one whose bytes show no ``C0 80`` nor half
    of a CESU-8 pair (a Korean line with an emoji, whose F0 bytes read alike either way).

    >>> plain_utf8((("utf-8-variants", "windows-1252"), "utf-8-variants read as windows-1252"),
    ...            "한 😀", "í•œ ðŸ˜€", (("encode", "sloppy-windows-1252"), ("decode", "utf-8-variants")))
    (('utf-8', 'windows-1252'), 'UTF-8 read as windows-1252')
    """
    chain = key[0]
    if chain[:1] != ("utf-8-variants",):
        return key
    if ("\x00" in fixed or _ASTRAL.search(fixed)) and not _plain_bytes(body, steps):
        return key
    plain = ("utf-8", *chain[1:])
    return plain, describe_chain("mojibake", plain) + key[1][len(describe_chain("mojibake", chain)):]


def _plain_bytes(body: str, steps: tuple[tuple[str, str], ...]) -> bool:
    """Whether the bytes ftfy read as ``utf-8-variants`` hold neither variant form: known for
    a line ftfy encoded whole as its first step and decoded once (a byte-level transcode in
    between, ftfy's ``replace_lossy_sequences``, puts in U+FFFD's bytes, none of those forms);
    any other line keeps the variants' name (a narrower report, never a wrong repair)."""
    decodes = [p for a, p in steps if a == "decode"]
    if not steps or steps[0][0] != "encode" or decodes != ["utf-8-variants"]:
        return False
    import ftfy.bad_codecs  # noqa: F401  (the sloppy codecs: ftfy is loaded when it repaired)

    try:
        raw = body.encode(steps[0][1])
    except (UnicodeEncodeError, LookupError):
        return False
    return _VARIANT_BYTES.search(raw) is None
