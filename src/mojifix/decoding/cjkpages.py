"""CJK pages as the files people have read: GBK's euro byte, and a few bytes no page decodes.

**GBK's euro (QA 25).** Windows' code page 936 writes ``€`` as the single byte 0x80, and so do
the WHATWG Encoding Standard's ``gbk`` and ``gb18030`` decoders (every browser); Python's ``gbk``
(``cp936`` is its alias) and ``gb18030`` reject the byte. A Chinese memo saved by Windows with a
price in euros was therefore no GBK to detection: it was read as ISO 8859-5 at 98% and ``fix -i``
wrote it back as Cyrillic. Here ``gbk`` reads a lone 0x80 as ``€``, wherever mojifix decodes
with it (detection's candidates, ``--encoding gbk`` / ``cp936``, a declaration, the stream),
through the error handler :data:`EURO`: C speed, and called only at a byte the codec rejects.
Why the name stays ``gbk`` in reports and not ``cp936``: it is the name the WHATWG standard gives
this very reading, Python calls ``cp936`` ``gbk`` (``normalize_encoding_name`` would print it so),
and one reading has one name (a file without 0x80 reads alike either way). 0x80 is also a GBK
trail byte (``81 80`` is a character): only a byte the decoder rejects on its own is read as
``€``. The other pages need nothing: ``cp950`` has ``€`` at A3E1 (Windows writes it there; Python
reads it), ``cp949`` at A2E6 (likewise), and ``cp932`` has no euro (Windows writes ``?``; Python's
cp932 reads 0x80 as U+0080, as Windows does).

**A few undecodable bytes (QA 25).** A Big5 file with one corrupt pair (``8F FE``: a flipped bit, a
vendor character) failed every Big5 standard, and detection read it as windows-1256 at 100% (or
refused it: vim's own ``tutor.zh.big5`` has 45 such pairs in 10,000 characters, and even
``--encoding big5`` refused it, each message sending the user to the other). As mostly-UTF-8 is
UTF-8 with its stray bytes kept (:mod:`mojifix.decoding.utf8counts`), a file that one CJK page
decodes but for a few bytes -- one bad span in :data:`MAX_BAD_SHARE` double-byte characters or
fewer, and :data:`MIN_WIDE` of them at least -- is that page if detection, asked about the bytes
without those spans, picks the page's family; its bad spans become U+FFFD (reported: a lossy
decoding, never written in place without ``--force``). A legacy page's bad bytes cannot be kept as
they are (surrogateescape): written as UTF-8 they would be neither the page nor UTF-8.
Measured: see tests/test_cjk_damaged.py and the commit messages.
"""

from __future__ import annotations

import codecs

EURO = "mojifix-gbk-euro"  # strict, but a lone 0x80 is "€"
EURO_REPLACE = "mojifix-gbk-euro-replace"  # the same, and any other undecodable byte is U+FFFD
EURO_PAGES = frozenset({"gbk"})  # (canonical names: codecs.lookup("cp936").name == "gbk")


def _lone_80(exc: UnicodeError) -> bool:
    return (isinstance(exc, UnicodeDecodeError) and exc.end - exc.start == 1
            and exc.object[exc.start] == 0x80)


def _euro(exc: UnicodeError) -> tuple[str, int]:
    if _lone_80(exc):
        return "\u20ac", exc.end  # type: ignore[attr-defined]
    raise exc


def _euro_replace(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return ("\u20ac" if _lone_80(exc) else "\ufffd"), exc.end


codecs.register_error(EURO, _euro)
codecs.register_error(EURO_REPLACE, _euro_replace)


def strict_errors(codec: str) -> str:
    """The error handler of a strict decode with ``codec`` (a canonical name)."""
    return EURO if codec in EURO_PAGES else "strict"


def replace_errors(codec: str) -> str:
    """The error handler of a decode with ``codec`` that marks undecodable bytes U+FFFD."""
    return EURO_REPLACE if codec in EURO_PAGES else "replace"
