"""GBK byte pairs: the bytes of a character, and the character two bytes spell.

(Subpackage: ``fixers/``, under the gloss and realign fixers.)

A pinyin-gloss converter works on GBK *bytes* (see :mod:`mojifix.fixers.realign`): both the gloss
fixer (a gloss that straddles two characters glosses the pair of bytes between them) and the
realign fixer (a run read one byte off) re-read characters as byte pairs. This arithmetic lived
in ``realign`` and ``glosses`` imported it from there while ``realign`` imported the pinyin
dictionary from ``glosses``: an import cycle. Here it sits below both.
"""

from __future__ import annotations

from functools import lru_cache

# Second byte of the full-width pair the converter replaced: A3AC ， A3BF ？ A3A1 ！ A3BA ： A3BB ；
PUNCT_TRAIL = {",": 0xAC, "?": 0xBF, "!": 0xA1, ":": 0xBA, ";": 0xBB}


@lru_cache(maxsize=65536)
def gbk(ch: str) -> bytes | None:
    """``ch`` encoded as GBK, or None when GBK has no such character."""
    try:
        return ch.encode("gbk")
    except UnicodeEncodeError:
        return None


@lru_cache(maxsize=131072)
def pair(a: int, b: int) -> str | None:
    """The character GBK bytes ``a b`` encode, or None."""
    try:
        s = bytes((a, b)).decode("gbk")
    except UnicodeDecodeError:
        return None
    return s if len(s) == 1 and not s.isascii() else None
