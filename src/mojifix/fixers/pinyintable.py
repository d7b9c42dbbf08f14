"""pypinyin's single-character readings, held in about a megabyte.

Why a module of its own: the gloss fixers (:mod:`mojifix.fixers.glosses`) look up the readings
of single characters only, so they read pypinyin's data file rather than import the package
(``import pypinyin`` also loads its phrase dictionary: 66 ms, and 190,000 lists that the
garbage collector then walks on every full collection). Read with ``json.load`` into a dict of
``{code point: "qiáng,jiàng"}``, the 41,923 readings took 8 MB, and 11 MB while loading. The
table is loaded the first time a page holds something like a gloss, which on a big garbled
Chinese file is after the chain fixer, with the document alive in three versions: those 11 MB
were on top of ``check``'s peak on 20 MB of Chinese UTF-8 read as GBK (issue 20: 166 MB
against the 160 of "100 MB + 3x the file"). Here the code points are one sorted array of
machine integers, each pointing at one of the 8,598 distinct readings, and the entries are
read one at a time from the file's text: 1.2 MB, at most 3.5 MB while loading.
``tests/test_glosses.py`` checks the table against ``pypinyin.pinyin`` for every character.
(Reading it takes 21 ms, json 18.)
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import pairwise

# The characters a reading is looked up for: CJK unified ideographs, their extensions and the
# compatibility block (here, below both modules that read it: the gloss fixer and its count of
# learner items, :mod:`mojifix.fixers.glossitems`).
HANZI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"

# One entry of pypinyin's pinyin_dict.json as the package writes it (``"13312": "qiū"``).
_ENTRY = re.compile(r'"(\d+)": "([^"\\]*)"')


class Readings:
    """``{code point: readings}``, read-only, with :meth:`get`, :meth:`items` and ``len``.

    >>> table = Readings([(0x5F37, "qiáng,jiàng"), (0x4E2D, "zhōng,zhòng")])
    >>> table.get(ord("強")), table.get(ord("a")), len(table), list(table.items())[0]
    ('qiáng,jiàng', None, 2, (20013, 'zhōng,zhòng'))
    """

    __slots__ = ("_points", "_readings", "_which")

    def __init__(self, pairs: Iterable[tuple[int, str]]) -> None:
        points, which = array("I"), array("I")
        readings: list[str] = []
        number: dict[str, int] = {}
        for cp, joined in pairs:
            n = number.get(joined)
            if n is None:
                n = number[joined] = len(readings)
                readings.append(joined)
            points.append(cp)
            which.append(n)
        if any(a >= b for a, b in pairwise(points)):  # not in order: sorted here
            order = sorted(range(len(points)), key=points.__getitem__)
            points, which = array("I", (points[i] for i in order)), array("I", (which[i] for i in order))
        self._points, self._which, self._readings = points, which, readings

    def get(self, cp: int) -> str | None:
        i = bisect_left(self._points, cp)
        if i < len(self._points) and self._points[i] == cp:
            return self._readings[self._which[i]]
        return None

    def items(self) -> Iterator[tuple[int, str]]:
        readings = self._readings
        for cp, n in zip(self._points, self._which, strict=True):
            yield cp, readings[n]

    def __len__(self) -> int:
        return len(self._points)


def _entries(text: str) -> Iterator[tuple[int, str]]:
    """The entries of the file's ``text``, one at a time; ValueError when some entry is of
    another shape (each entry has one ``":``, whatever its spacing), or there is none."""
    found = 0
    for m in _ENTRY.finditer(text):
        found += 1
        yield int(m.group(1)), m.group(2)
    if not found or found != text.count('":'):
        raise ValueError("an entry of another shape")


@lru_cache(maxsize=1)
def table() -> Readings:
    """pypinyin's single-character readings, read from its data file without importing the
    package (with another layout of the file or the package: through ``json`` or pypinyin's
    own module, the same table)."""
    import importlib.util
    import json
    import os

    spec = importlib.util.find_spec("pypinyin")  # finds, does not import
    for base in (spec.submodule_search_locations or []) if spec else []:
        path = os.path.join(base, "pinyin_dict.json")
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                text = f.read()
            try:
                return Readings(_entries(text))
            except ValueError:  # pragma: no cover - another layout of the file
                return Readings((int(k), v) for k, v in json.loads(text).items())
    from pypinyin.pinyin_dict import pinyin_dict  # pragma: no cover - another layout

    return Readings(pinyin_dict.items())  # pragma: no cover
