"""Character tables in source code: data, whose "mojibake" is no evidence (QA pass 26).

(Subpackage: ``engine/``, beside :mod:`mojifix.engine.codestrings`, whose rules it serves.)

Programs that handle text carry tables of characters written raw in their strings, and a few
neighbours in such a table can look like a byte sequence read through the wrong page:

* the ``entities`` package's packed HTML decode tree (bundled by markdown-it, htmlparser2,
  cheerio: JupyterLab, Notebook, ipywidgets), a string of code units that holds
  ``Ācs‑⁒α‚‰‸⁅⁈``, where ``α‚‰`` is UTF-8's ``ႉ`` read through cp1253; parse5's decode tree
  (Streamlit, ipywidgets) holds ``\\x84\\x8b\\x90\\x95\\x98¦³¹ÈÏ``;
* a cp437 table (Playwright's ``⌂ÇüéâäàåçêëèïîìÄÅ…ñÑªº¿⌐¬…``, whose ``Ñª`` is UTF-8's ``Ѫ``)
  and xregexp's Unicode categories (``"\\0-\\x1f\\x7f-\\x9f\\xad\\u0378…"`` written raw);
* tables of control characters and bytes: SheetJS's cp1252 -> C1 map in Dash
  (``{"€":"\\x80","‚":"\\x82",…}``), xterm's C1 names (``e.PAD=`\\x80```), a regular
  expression's range ``"\\0-\\x1f\\x7f-\\x9f"``, each control written raw.

"Repairing" them breaks the program (``fix -i`` on a web project's ``static/``), and ``check``
fails a build nobody can fix. They are not text: a table packs characters with no words
between them, of several scripts or mostly symbols; a control character standing alone in a
string is a value, not a letter of a sentence. So, in a ``code`` file, a mojibake fixer's edit
is *data* (:func:`table_edit`) when

1. it changes only C1 controls (U+0080-U+009F: the Latin-1/cp1252 confusion) and the string
   around it (from the quote before it to the quote after it, on its line) holds no letter
   and no space: ``"\\x80"``, ``"\\0-\\x1f\\x7f-\\x9f"`` (text read as Latin-1 that should
   have been cp1252 has letters around its controls: ``"It\\x92s"`` stays damage); or
2. it lies in a *packed run* (the characters around it up to a space or a line break, at most
   :data:`REACH` either side) whose other non-ASCII characters, those no edit touches, are
   more than the edits' and at least :data:`MIN_OTHERS` distinct, and are no one script's
   text: symbols at least as many as letters, or letters of two scripts or more (Chinese and
   Japanese counted as one: an unspaced sentence with a garbled dash inside is text).
   Mojibake is text read whole through one page: where it is damage, it is most of its run
   (``cafÃ©``, ``æ—¥æœ¬èªž``, a garbled box drawing).

Data is no evidence either way: :func:`mojifix.engine.codestrings.example_edits` decides on
the other edits; with none left the fixer's edits stay out (a ``file-kind`` note). Data is
never repaired either: where the other edits are damage (Dash's bundle holds, beside its C1
map, SheetJS's ``"foo bar bazâ\x98\x83ð\x9f\x8d£"``, mojibake by its rules), the fixer runs
again with the tables' characters masked (:func:`data_masked`, ``pipeline._tables``),
and only the rest is repaired. A file garbled whole is still repaired everywhere, its tables
too: garbled, a table is mojibake through and through, neither rule holds, and its edits are
evidence as any others.

What it costs: a code file whose only damage is a C1 control alone in a string (a cp1252
``"\\x96"`` read as Latin-1), or a garbled character inside a packed run of symbols or mixed
scripts, is left: a missed fix.

Measured (QA pass 26; ``fix_text`` with the path, kind from the name): the JS, CSS and HTML of
the 67 wheels under ``/opt/pypi*`` that ship any and ``/usr/lib/node_modules`` (3,541 files, 638
non-ASCII): 11 changed before (the tables above; Django's xregexp, Playwright's cp437 table and
xterm, jupyterlab_widgets beside the QA's 7), 1 after (Dash: SheetJS's string above, its table
kept); the code of site-packages, ``/usr/lib/python3`` and the standard library (460 non-ASCII
files): 0 before and after. The same files that stay, garbled whole (2,335: UTF-8 read as
Latin-1, as sloppy cp1252, as GBK): repaired exactly as before, every one. The corpus's
lossless, mixed and clean cases: unchanged.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Edit

# Rule 2's bounds. REACH keeps the test local and its cost bounded on a minified bundle's line of
# hundreds of kilobytes; MIN_OTHERS is "many": the smallest real table, the ``entities`` tree's
# ``Ācs‑⁒α‚‰‸⁅⁈``, has six distinct characters besides ``α‚‰``.
REACH = 64
MIN_OTHERS = 5

_QUOTES = "\"'`"
# A run's characters: all but spaces and line breaks. Python counts the controls U+001C-U+001F
# and U+0085 as white space; a table of controls holds them (xterm's ``e.NEL=`\x85```).
_CONTROLS = "\x1c\x1d\x1e\x1f\x85"
_SPACE = re.compile(rf"[^\S{_CONTROLS}]")
# The scripts of East Asian text, one family: Japanese mixes kanji, hiragana and katakana.
_EAST_ASIAN = frozenset("CJK HIRAGANA KATAKANA KATAKANA-HIRAGANA HANGUL HALFWIDTH FULLWIDTH "
                        "IDEOGRAPHIC BOPOMOFO".split())


# What a table needs in the text at all (for a garbled file, most often neither: the cost of the
# rules is then one search, not one test an edit, a third of a 2 MB French file's repair): a C1
# control (rule 1), or MIN_OTHERS + 1 non-ASCII characters in one run (rule 2).
# (Between two non-ASCII characters of a run, ASCII but white space: one class, no backtracking.)
_MAY_HOLD = re.compile(rf"[\x80-\x9f]|[^\x00-\x7f](?:[\x00-\x08\x0e-\x1f!-\x7f]*[^\x00-\x7f]){{{MIN_OTHERS}}}")


def may_hold_tables(text: str) -> bool:
    """Whether ``text`` can hold an edit :func:`table_edit` calls data (False: none can).

    >>> may_hold_tables("x = 'cafÃ©'  # rÃ©sumÃ©"), may_hold_tables('t = "Ācs‑⁒α‚‰"')
    (False, True)
    """
    return _MAY_HOLD.search(text) is not None


def data_edits(text: str, edits: Sequence[Edit]) -> tuple[list[Edit], list[bool]]:
    """``edits`` (a mojibake fixer's on source code ``text``) sorted by start, and for each
    whether it is data by the rules of the module docstring (:func:`table_edit`)."""
    ordered = sorted(edits, key=lambda e: e.start)
    cores = [_core(text, e) for e in ordered]
    starts = [e.start for e in cores]
    ends = [e.end for e in cores]
    return ordered, [table_edit(text, e, starts, ends) for e in cores]


def data_masked(text: str, edits: Sequence[Edit], data: Sequence[bool], mask: str) -> str:
    """``text`` with the characters of its data edits (``edits`` sorted, ``data`` their flags
    from :func:`data_edits`) each replaced by ``mask``, the length kept: for the fixer to run
    again without them."""
    out: list[str] = []
    pos = 0
    for e, flag in zip(edits, data, strict=True):
        if flag:
            out.append(text[pos:e.start])
            out.append(mask * (e.end - e.start))
            pos = e.end
    out.append(text[pos:])
    return "".join(out)


def table_edit(text: str, e: Edit, starts: Sequence[int], ends: Sequence[int]) -> bool:
    """Whether edit ``e`` of ``text`` changes a character table (``starts`` and ``ends``: those
    of all the fixer's edits, sorted; each edit without what its source and replacement share
    at either end, :func:`_core`): a lone control (rule 1) or a packed run (rule 2).

    >>> from mojifix.model import Edit
    >>> t = 'const t = "Ācs‑⁒α‚‰‸⁅⁈";'
    >>> table_edit(t, Edit(16, 19, "ႉ", "mojibake"), [16], [19])
    True
    >>> t = 'x = "cafÃ©"'
    >>> table_edit(t, Edit(8, 10, "é", "mojibake"), [8], [10])
    False
    """
    source = text[e.start:e.end]
    if any("\x80" <= c <= "\x9f" for c in source) and all(c <= "\x9f" for c in source) \
            and _lone_controls(text, e):
        return True
    return _packed(text, e, starts, ends)


def _core(text: str, e: Edit) -> Edit:
    """``e`` less what its source and replacement share at either end: a diff's edit can take in
    unchanged neighbours (``'α‚‰‸⁅⁈' -> 'ႉ‸⁅⁈'``), which are the table's, not the change's."""
    source, new = text[e.start:e.end], e.replacement
    head = 0
    while head < min(len(source), len(new)) and source[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(source), len(new)) - head and source[-1 - tail] == new[-1 - tail]:
        tail += 1
    if head == tail == 0:
        return e
    return e._replace(start=e.start + head, end=e.end - tail, replacement=new[head:len(new) - tail])


def _lone_controls(text: str, e: Edit) -> bool:
    """Rule 1: the string around ``e``, between the nearest quotes on its line (the same quote
    both sides), holds no letter and no space."""
    lo = max(e.start - REACH, 0)
    left = max(text.rfind(q, lo, e.start) for q in _QUOTES)
    if left < 0:
        return False
    quote = text[left]
    right = text.find(quote, e.end, e.end + REACH)
    if right < 0:
        return False
    inside = text[left + 1:right]
    return not any(c.isalpha() or (c.isspace() and c not in _CONTROLS) or c in _QUOTES for c in inside)


def _packed(text: str, e: Edit, starts: Sequence[int], ends: Sequence[int]) -> bool:
    """Rule 2: ``e`` lies in a packed run of symbols or of several scripts, most of whose
    non-ASCII characters no edit touches."""
    lo = max(e.start - REACH, 0)
    space = _SPACE.search(text[lo:e.start][::-1])
    if space is not None:
        lo = e.start - space.start()
    hi = min(e.end + REACH, len(text))
    space = _SPACE.search(text, e.end, hi)
    if space is not None:
        hi = space.start()
    run = text[lo:hi]
    if len(run.encode("utf-8")) - len(run) <= MIN_OTHERS:  # (at most MIN_OTHERS non-ASCII: too few)
        return False
    others: list[str] = []
    touched = 0
    i = bisect.bisect_right(ends, lo)  # the first edit that ends after lo
    pos = lo
    while pos < hi:
        while i < len(starts) and ends[i] <= pos:
            i += 1
        if i < len(starts) and starts[i] <= pos:  # inside an edit
            stop = min(ends[i], hi)
            touched += sum(1 for c in text[pos:stop] if not c.isascii())
        else:
            stop = min(starts[i], hi) if i < len(starts) else hi
            others.extend(c for c in text[pos:stop] if not c.isascii())
        pos = stop
    distinct = set(others)
    if len(distinct) < MIN_OTHERS or len(others) <= touched:
        return False
    letters = [c for c in distinct if c.isalpha()]
    if len(distinct) - len(letters) >= len(letters):
        return True
    return len({_script(c) for c in letters}) >= 2


def _script(c: str) -> str:
    """The script of letter ``c`` as its Unicode name's first word (``LATIN``, ``GREEK``, ...),
    East Asian scripts one family."""
    word = unicodedata.name(c, "?").split(" ", 1)[0]
    return "CJK" if word in _EAST_ASIAN else word
