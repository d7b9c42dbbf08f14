"""GBK's euro byte: the error handlers that read a lone 0x80 as ``€`` (see
:mod:`mojifix.decoding.cjkpages`, whose notes say why). A module of its own, importing nothing
of mojifix's: every decoder asks it (``tolerant``, ``decode``, ``cjkpages``), and ``cjkpages``
also asks detection, which asks ``tolerant`` (an import cycle otherwise).
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
