"""What the chain fixer holds of the lines it chose until the document is written (issue 20:
every command peaks at <= 100 MB + 3x the file; 20 MB of Chinese UTF-8 read as GBK with U+FFFD
peaked at 161 MB for ``fix -o``, at the target).

Its choice was a dict ``{line start: (line, chain, repair)}``, each line a fresh slice of the
text beside the text itself (22 MB of the peak on that file), and the chains' letters were
counted on one string joined of every repair (16 MB more, at the peak). Now the lines are
places (:class:`mojifix.fixers.chosen.ChosenLines`) and the letters are counted a repair at a
time. Measured in-process with tracemalloc, after the same text was searched once (what the
first search loads for good is not counted), relative to the size of the file.
"""

from __future__ import annotations

import gc
import sys
import tracemalloc
import unicodedata
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

import mojifix
from mojifix.fixers import chains, shapes
from mojifix.fixers.chosen import ChosenLines, repairs
from test_memory_lossy_cjk import _garbled_chinese


def test_the_chosen_lines_of_a_lossy_gbk_document_hold_their_repairs_not_copies_of_the_lines() -> None:
    data, text = _garbled_chinese()
    first, _ = chains._decide(text, mojifix.Config())  # (tables, bounded caches: loaded for good)
    tracemalloc.start()
    try:
        chosen, _ = chains._decide(text, mojifix.Config())
        assert dict(chosen.items()) == dict(first.items()) and len(chosen) > 500  # (read, then let go)
        assert all(text.startswith(line, start) for start, (line, _, _) in chosen.items())
        gc.collect()
        with_it = tracemalloc.get_traced_memory()[0]
        del chosen
        gc.collect()
        held = with_it - tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    # Held: the repairs, their places and chains. 4.3x the file as a dict of the lines with
    # them (a copy of every line and a tuple each), 2.1x as places (a repair each, alone).
    assert held < 3 * len(data), f"{held / len(data):.1f}x the file"


def test_the_scripts_of_the_repairs_are_counted_without_joining_them() -> None:
    rows = [f"Привет, мир. Это строка номер {i}: αβγ" for i in range(20_000)]
    want: Counter[str] = Counter()
    for c, n in Counter("".join(rows)).items():  # (the old count, on the joined repairs)
        if not c.isascii() and c.isalpha():
            want[unicodedata.name(c, " ").split()[0]] += n
    shapes.scripts_of(rows[:10])  # (imports)
    tracemalloc.start()
    try:
        got = shapes.scripts_of(iter(rows))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert got == {k for k, n in want.items() if n >= 20} == {"CYRILLIC", "GREEK"}
    size = sum(map(sys.getsizeof, rows))
    assert peak < size / 4, f"{peak / size:.2f}x the repairs"  # (joined: 1x them, at least)


CHAINS = [("utf-8", "gbk"), ("utf-8", "big5"), ("gbk", "latin-1", "windows-1252")]
TEXT = "ab\ncd\r\n\nxyz\r\r\nq"


@st.composite
def _puts(draw: st.DrawFn) -> list[tuple[int, str, tuple[str, ...], str] | int]:
    """A list of puts ``(start, line, chain, repair)`` (whole lines, parts of them, lines that
    are not the text's) and deletes (a start)."""
    out: list[tuple[int, str, tuple[str, ...], str] | int] = []
    for _ in range(draw(st.integers(0, 12))):
        start = draw(st.integers(0, len(TEXT)))
        if draw(st.integers(0, 5)) == 0:
            out.append(start)
            continue
        end = draw(st.integers(start, len(TEXT)))
        line = draw(st.sampled_from([TEXT[start:end], TEXT[start:end] + "!", "zz"]))
        out.append((start, line, tuple(draw(st.sampled_from(CHAINS))), draw(st.text("xé\ufffd", max_size=3))))
    return out


@settings(max_examples=300, deadline=None)
@given(_puts(), _puts())
def test_chosen_lines_give_back_exactly_what_was_put_as_a_dict_does(puts: list, earlier_puts: list) -> None:
    held, model = ChosenLines(TEXT), {}
    for put in puts:
        if isinstance(put, int):
            assert held.pop(put, None) == model.pop(put, None)
        else:
            start, line, chain, repair = put
            held[start] = model[start] = (line, chain, repair)
    assert list(held.items()) == list(model.items()) and len(held) == len(model)
    assert list(repairs(held)) == list(repairs(model)) == [(ch, r) for _, ch, r in model.values()]
    copy = held.copy()
    assert list(copy.items()) == list(model.items())
    earlier = {start: (line, chain, repair) for start, line, chain, repair in
               (p for p in earlier_puts if not isinstance(p, int))}
    assert list(held.after(earlier).items()) == list((earlier | model).items())
    assert list(held.items()) == list(model.items())  # (neither the copy nor the union changed it)
