"""Text written back through a single-byte page the way a sloppy decoder read it.

(Subpackage ``fixers/``: asked by the whole-document roads, :mod:`mojifix.fixers.wholepage` and
:mod:`mojifix.fixers.wholelegacy`, which undo a wrong decode of a whole text at once.)

Why a module of its own: Windows and browsers decode the bytes cp1252, cp1251 and cp1253 leave
undefined (cp1252's 81 8D 8F 90 9D, cp1250's 81 83 88 90 98, cp1251's 98, cp1253's AA D2 FF) as the C1 control of the
same number instead of refusing them. Python's strict codec then refuses to write such a text
back; both roads need the bytes all the same, so the rule lives here, once.
"""

from __future__ import annotations


def _sloppy(page: str) -> dict[int, str]:
    """A ``str.translate`` table taking what ``page`` makes of bytes 80-FF back to the Latin-1
    character of each byte, the bytes it leaves undefined (which sloppy decoders, ftfy's and
    browsers', make the C1 control of the same number) to themselves, and every other
    character of U+0080-U+00FF to U+FFFF, which no page here writes: ``.encode("latin-1")``
    of the translated text is then the page's strict encoding, holes allowed."""
    table = {cp: "\uffff" for cp in range(0x80, 0x100)}
    for b in range(0x80, 0x100):
        try:
            table[ord(bytes((b,)).decode(page))] = chr(b)
        except UnicodeDecodeError:
            table[b] = chr(b)
    return table


# The single-byte pages whose holes a sloppy decoder fills with C1 controls: written back
# through these tables, not the codec (a constant, built once at import).
_SLOPPY = {page: _sloppy(page) for page in ("windows-1252", "windows-1250", "windows-1251",
                                             "windows-1253")}


def write_back(text: str, page: str) -> bytes:
    """``text.encode(page)``, the holes of a sloppy page allowed (C1 controls; the codec first,
    in C, the table only where it refuses). Raises UnicodeEncodeError where the page cannot
    write a character.

    >>> write_back("\\u00c3\\u0081", "windows-1252")
    b'\\xc3\\x81'
    """
    try:
        return text.encode(page)
    except UnicodeEncodeError as e:
        table = _SLOPPY.get(page)
        # The character the codec refused: unless it is a hole (a C1 control the table keeps),
        # the table takes it to no byte either (U+FFFF, or itself above U+00FF) and Latin-1
        # refuses it there. Known now, the table is not run over the whole text only to fail
        # (a clean Russian page holding one ``é``, written back through cp1251: issue 20).
        if table is None or table.get(ord(e.object[e.start]), "\uffff") > "\u00ff":
            raise
        return text.translate(table).encode("latin-1")
