"""Mojibake in a source file: damage to repair, or an example the program needs (QA pass 24).

(Subpackage: ``engine/``, beside :mod:`mojifix.engine.filekind`, whose ``code`` kind it serves.)

A source file saved through the wrong codec is damaged, and mojifix repairs it. But code about
encodings writes mojibake on purpose, as the input or the expected value of a test:

* CPython's test_shelve.py ``key = 'PÃ¶p'`` (a key that differs between UTF-8 and Latin-1),
  test_getpass.py ``"HasÅ‚o: "``, test_exceptions.py ``'"┬ó┬ó┬ó┬ó┬ó┬ó" + f(4, ...)'`` (a
  cp437 source file the test writes), test_email.py's ``ï¿½ï¿½`` in a message body;
* pip's vendored webencodings/tests.py ``decode(b'\\xc3\\xa9', 'ascii') == ('Ã©', ...)``;
* ftfy's own docstrings and comments (``>>> fix_text('âœ” No problems')``).

"Repairing" those breaks the program. What tells them from damage: damage is the whole file's
(every non-ASCII character went through the wrong codec: its comments, strings and docstrings
alike), while an example is a value or two the program holds, or a few lines among clean ones.
So, in a ``code`` file, the mojibake fixers' edits (``chains`` and ``mojibake``,
``filekind._CONFINED``) are an example, left alone with a ``file-kind`` note, when
(:func:`example_edits`)

1. the lines they touch are fewer than half of the file's lines holding non-ASCII: test_email.py
   (3 of 39), webencodings' tests.py (2 of 34), ftfy's fixes.py (``â€œ like this â€�`` in a
   docstring and ``"fÃ cil"`` in a comment, 3 of 37) and __init__.py (5 of 28); or
2. they lie inside one-line string literals (:func:`string_literals`, not a docstring: damage
   there is prose's) on at most :data:`FEW` lines, each within :data:`NEAR` lines of a word
   about encodings (``encode``, ``decode``, ``latin``, ``cp437``, ``charset``, ``codec``,
   ``mojibake``), or with the clean form of what they change elsewhere in the file (the line
   ``"café".encode("utf-8").decode("latin-1") == "cafÃ©"``): test_shelve.py (1 line, 1 of 1),
   test_getpass.py (2 of 2), test_exceptions.py (2 of 3).

Anything else is damage, repaired everywhere, strings included: the file decides, as a
Markdown document does. Why not "mojibake only in string literals is an example": a program
whose non-ASCII is all in its strings is common (rich's box drawings, pygments' lexers, unicode
tables), and garbled whole it would be left so (cp1252 below: 386 -> 175 files repaired).
Lost bytes (``锟斤拷``, runs of U+FFFD) found only in string literals, docstrings included, are
examples the same way (a detector's table of them, a docstring explaining one); in a comment
or in code they are told (``pipeline._lossy_examples``).

What it costs: a damaged file whose only non-ASCII is one or two short strings near code that
encodes (a test of a codec garbled whole looks exactly like a test of mojibake), or that is
damaged on under half of its non-ASCII lines (a file partly re-saved in the right codec), is
no longer repaired: missed fixes, which the first rule of mojifix prefers to wrong ones.

Measured (``fix_text`` with the path, on files on disk; QA pass 24):

* The real files above and every other non-ASCII UTF-8 ``.py`` of CPython 3.11's ``test/``,
  ftfy, charset_normalizer and webencodings' tests (114 files): 7 changed before, 0 after.
* 392 real code files with three or more non-ASCII lines (``.py``, ``.c``, ``.h``, ``.vim``
  of site-packages, ``/usr/lib/python3``, ``/usr/share/vim``, ``/usr/include``, CPython 3.12's
  library and tests): clean, 5 changed before (CPython's and webencodings' tests, ftfy), 0
  after; garbled whole as UTF-8 read as cp1252, 386 repaired exactly before, 391 after (the
  five were also over-repaired, their examples too); as UTF-8 read as GBK (the 115 that decode
  strictly), 98 exactly before and after.
* 622 such files with one or two non-ASCII lines: clean, 2 changed before, 0 after; garbled
  as cp1252, 613 repaired exactly before, 594 after (19 left: tests of codecs, mimetypes,
  pathlib, pkg_resources' and idna's encoding code; two of them the real examples above
  garbled once more); as GBK, 217 before, 210 after.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Edit

# Strings and comments in one scan, whatever the language (Python, C and its family, shell, JS):
# a comment is matched only so that a quote inside it (``# don't``) starts no string.
_TOKENS = re.compile(
    r'"""[\s\S]*?(?:"""|\Z)|' r"'''[\s\S]*?(?:'''|\Z)"
    r'|"(?:[^"\\\n]|\\.)*"|' r"'(?:[^'\\\n]|\\.)*'"
    r"|(?P<comment>#[^\n]*|//[^\n]*|/\*[\s\S]*?(?:\*/|\Z))"
)


def string_literals(text: str, triple: bool = True) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans of the string literals of source code ``text``, quotes
    included: ``"..."`` and ``'...'`` closed on their line, and with ``triple``
    ``\"\"\"...\"\"\"`` and ``'''...'''`` across lines; none inside a ``#``, ``//`` or
    ``/* */`` comment. A guess at any language, cheap and conservative: a string missed counts
    as code, so its mojibake as damage.

    >>> string_literals("x = 'cafÃ©'  # don't")
    [(4, 11)]
    """
    return [m.span() for m in _TOKENS.finditer(text)
            if m.group("comment") is None and (triple or text[m.start()] * 3 != text[m.start():m.start() + 3])]


def example_edits(text: str, edits: Sequence[Edit]) -> bool:
    """True when ``edits`` (a mojibake fixer's, on source code ``text``) are an example, not
    damage, by the rules of the module docstring: the lines they touch are fewer than half of
    ``text``'s lines holding non-ASCII (rule 1), or they lie in one-line string literals on at
    most :data:`FEW` lines, each near a word about encodings or with the clean form of what they
    change elsewhere in the file (rule 2). (Edits in character tables are data, no evidence:
    the pipeline gives only the others, :mod:`mojifix.engine.chartables`.)"""
    if not edits:
        return False
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    touched: set[int] = set()
    for e in edits:
        first = bisect.bisect_right(starts, e.start)
        last = bisect.bisect_right(starts, max(e.start, e.end - 1))
        touched.update(range(first, last + 1))
    lines = text.split("\n")
    if 2 * len(touched) < sum(1 for line in lines if not line.isascii()):
        return True
    if len(touched) > FEW or not _in_strings(text, edits):
        return False
    return all(any(_ABOUT_ENCODINGS.search(lines[j]) for j in range(max(0, n - 1 - NEAR), min(len(lines), n + NEAR)))
               for n in touched) or _clean_form_elsewhere(text, edits)


# Rule 2's bounds: an example is a value or two (test_getpass.py's two lines), near the code that
# encodes or decodes it (test_shelve.py's ``keyencoding='latin-1'`` five lines below). The words
# are few on purpose: with ``utf``, ``ascii``, ``unicode`` and ``locale`` too, 33 of the 622
# small files garbled as cp1252 were left, not 19.
FEW = 2
NEAR = 6
_ABOUT_ENCODINGS = re.compile(
    r"(?i)encod|decod|latin|cp\d{3}|charset|codec|mojibake")


def _in_strings(text: str, edits: Sequence[Edit]) -> bool:
    return edits_inside(string_literals(text, triple=False), edits)


def edits_inside(spans: Sequence[tuple[int, int]], edits: Sequence[Edit]) -> bool:
    """Whether every edit lies inside one of ``spans`` (sorted, apart); also the test of
    engine/filekind's ``Policy.only_protected`` (code spans)."""
    starts = [a for a, _ in spans]
    for e in edits:
        i = bisect.bisect_right(starts, e.start) - 1
        if i < 0 or e.end > spans[i][1]:
            return False
    return True


def _clean_form_elsewhere(text: str, edits: Sequence[Edit]) -> bool:
    """Whether a non-ASCII character an edit writes is in ``text`` outside the edits (the line
    ``"café".encode("utf-8").decode("latin-1") == "cafÃ©"``)."""
    wanted = {c for e in edits for c in e.replacement if not c.isascii()}
    if not wanted:
        return False
    rest: list[str] = []
    pos = 0
    for e in edits:
        rest.append(text[pos:e.start])
        pos = e.end
    rest.append(text[pos:])
    return any(c in part for part in rest for c in wanted)
