"""Text written back through a single-byte page the way a sloppy decoder read it.

(Subpackage ``fixers/``: asked by the whole-document roads, :mod:`mojifix.fixers.wholepage` and
:mod:`mojifix.fixers.wholelegacy`, which undo a wrong decode of a whole text at once.)

Why a module of its own: Windows and browsers decode the bytes cp1252, cp1251 and cp1253 leave
undefined (cp1252's 81 8D 8F 90 9D, cp1250's 81 83 88 90 98, cp1251's 98, cp1253's AA D2 FF) as the C1 control of the
same number instead of refusing them. Python's strict codec then refuses to write such a text
back; both roads need the bytes all the same, so the rule lives here, once.
"""

from __future__ import annotations

import codecs
import importlib


def _sloppy(page: str) -> object:
    """An encoding map (``codecs.charmap_build``) writing what ``page`` decodes back to its
    byte, and each byte it leaves undefined (which sloppy decoders, ftfy's and browsers', make
    the C1 control of the same number) from that control: the page's own charmap codec with its
    holes filled. Why a charmap: ``codecs.charmap_encode`` writes a whole text in C, where a
    ``str.translate`` table (this module's first form) took a fifth of the time of a French
    document read the browser way (issue 20)."""
    name = codecs.lookup(page).name.replace("-", "_")  # (windows-1252: encodings.cp1252)
    table = importlib.import_module(f"encodings.{name}").decoding_table
    return codecs.charmap_build("".join(chr(b) if c == "\ufffe" else c for b, c in enumerate(table)))


# The single-byte pages whose holes a sloppy decoder fills with C1 controls: written back
# through these maps, not the codec (constants, built once at import).
_SLOPPY = {page: _sloppy(page) for page in ("windows-1252", "windows-1250", "windows-1251",
                                             "windows-1253", "windows-1255", "cp874",
                                             "windows-1258")}


def write_back(text: str, page: str) -> bytes:
    """``text.encode(page)``, the holes of a sloppy page allowed (C1 controls). Raises
    UnicodeEncodeError where the page cannot write a character.

    >>> write_back("\\u00c3\\u0081", "windows-1252")
    b'\\xc3\\x81'
    """
    table = _SLOPPY.get(page)
    if table is None:
        return text.encode(page)
    return codecs.charmap_encode(text, "strict", table)[0]  # type: ignore[no-any-return, arg-type]


def is_utf8(data: bytes) -> bool:
    """Whether ``data`` (a line written back through the page it was read with) is UTF-8.
    A line that is UTF-8 under a Latin-1 or cp1252 reading is UTF-8 mojibake, the chain fixer's
    to undo (:mod:`mojifix.fixers.chains`): evidence of its own reading, not of the page the
    caller is weighing. Asked by :mod:`mojifix.fixers.latinpages` (``sadrÅ¾aja`` is no cp1250
    page's evidence) and :mod:`mojifix.fixers.shortcjk` (``Ð²`` is ``в``, not GBK's ``胁``);
    each says there why its page's own lines are never UTF-8.

    >>> is_utf8("sadrÅ¾aja".encode("latin-1")), is_utf8(b"\\xe9t\\xe9")
    (True, False)
    """
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
