"""Which lines of a document a chain layer may be undone on, proven on the whole text at C speed.

(Subpackage ``fixers/``: the chain screen, :func:`mojifix.fixers.chains.may_apply`, asks it; the
document screen, :mod:`mojifix.engine.docscreen`, reads its UTF-8 line regex.)

Why a module of its own (issue 20): the chain screen tried every layer of
:data:`mojifix.fixers.chains.LAYERS` on every flagged line (:func:`chains._one_layer`: eleven
encodes a line, half the time of a clean Chinese document). The document can answer for all
its lines at once. A line has a one-layer candidate only when its strict encoding in the wrong
codec decodes strictly in the original:

* original UTF-8: the whole text is encoded once per wrong codec (a character the codec cannot
  write becomes ``?``: that line has no candidate there, a superset is fine) and read as UTF-8
  with each bad byte a lone surrogate; :data:`UTF8_LINE` finds the lines that are all UTF-8 and
  hold a non-ASCII character (a reading all ASCII is refused by the round trip check of
  ``chains._round_trips``: the line is not). The lines agree: every one of these codecs writes
  ``\\n`` as byte 0A and never inside a character, character by character. A single-byte page
  is encoded only where a lead character stands before a continuation character
  (:func:`single_page_regexes`): else no UTF-8 sequence can come of it.
* a legacy original read through a single-byte page: the line must be all characters of that
  page (:func:`single_page_regexes`).

A line holding U+FFFD takes other roads (lost bytes, ``chains.undo``): such lines are always
named. ``tests/test_clean_speed.py`` checks the lines named hold every line ``_one_layer``
yields on, on mixes of clean corpus text and every kind of damage.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..scoring import atomic
from ..scoring.atomic import rep

# A line (of the text encoded with a wrong codec, then read as UTF-8 with each byte that is no
# UTF-8 turned into a lone surrogate) that is all UTF-8 and holds a non-ASCII character: a UTF-8
# candidate. (Lookahead and possessive runs: linear time.)
UTF8_LINE = atomic.compile("(?m)^(?=" + rep("[^\\n\\udc80-\\udcff]", "*") + "$)"
                           + rep("[\\x00-\\x09\\x0b-\\x7f]", "*") + "[^\\x00-\\x7f]")
SINGLE_PAGES = frozenset({"latin-1", "windows-1252", "windows-1251", "koi8-r", "windows-1253"})


_LOST_LINE = re.compile("(?m)^[^\\n\ufffd]*\ufffd")


def _chars(page: str, lo: int, hi: int) -> str:
    got = bytes(range(lo, hi + 1)).decode(page, errors="ignore")
    return "".join(re.escape(c) for c in sorted(set(got) - {"\ufffd"}))


@lru_cache(maxsize=1)
def single_page_regexes() -> dict[str, tuple[re.Pattern[str], re.Pattern[str]]]:
    """Per single-byte page (built once, constant, no text): (a lead character, bytes C2-F4,
    right before a continuation character, 80-BF: where the text holds none, its bytes in that
    page hold no UTF-8 sequence; a line that is all characters of the page, one non-ASCII)."""
    out = {}
    for page in sorted(SINGLE_PAGES):
        every = "\\x00-\\x09\\x0b-\\x7f" + _chars(page, 0x80, 0xFF)
        out[page] = (re.compile(f"[{_chars(page, 0xC2, 0xF4)}][{_chars(page, 0x80, 0xBF)}]"),
                     atomic.compile("(?m)^(?=" + rep(f"[{every}]", "*") + "$)"
                                    + rep("[\\x00-\\x09\\x0b-\\x7f]", "*") + "[^\\x00-\\x7f]"))
    return out


def _numbers(text: str, pattern: re.Pattern[str], out: set[int]) -> None:
    last = number = 0
    for m in pattern.finditer(text):
        number += text.count("\n", last, m.start())
        last = m.start()
        out.add(number)


def suspects(text: str, layers: tuple[tuple[str, str], ...]) -> set[int] | None:
    """The numbers (from 0) of the lines of ``text`` some layer of ``layers`` may be undone on
    (see the module docstring); every other line certainly has no one-layer candidate. None when
    a layer is of a kind the proof does not cover (a legacy original read through a multi-byte
    page): then every line may."""
    if any(orig != "utf-8" and wrong not in SINGLE_PAGES for orig, wrong in layers):
        return None
    tables = single_page_regexes()
    out: set[int] = set()
    if "\ufffd" in text:
        _numbers(text, _LOST_LINE, out)
    for wrong in dict.fromkeys(w for o, w in layers if o == "utf-8"):
        if wrong in SINGLE_PAGES and tables[wrong][0].search(text) is None:
            continue
        read = text.encode(wrong, errors="replace").decode("utf-8", errors="surrogateescape")
        _numbers(read, UTF8_LINE, out)
    for wrong in dict.fromkeys(w for o, w in layers if o != "utf-8"):
        _numbers(text, tables[wrong][1], out)
    return out
