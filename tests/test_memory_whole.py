"""What a garbled document held whole costs beyond its text and its repair (issue 20: every
command peaks at <= 100 MB + 3x the file; 20 MB of French read as cp1252 the browsers' way
peaked at 288 MB in ``check``, the same read with U+FFFD holes at 189 MB).

One test per cut, each measured with tracemalloc (no timing), each failing on the code before:

* the chain search's exact check of a whole-document reading listed every flagged line of the
  reading (``vanished.shown``): a copy of most of the document;
* the edits of a whole-document reading were applied to make the reading again, while the
  reading itself was held (``model.Edits.made``), and the chain fixer's shortcut joined it
  once more from its lines;
* an edit held column-wise took 40 bytes (two 8-byte positions and three string pointers), the
  offset map 32 bytes more, built for the last fixer although no later one asked it;
* applying the edits held the repaired document twice (its joined blocks, then their join);
* the character counts of the lost-byte prior loaded pypinyin's whole phrase dictionary.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import tracemalloc
from collections import Counter
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

import mojifix
from conftest import shared_path
from mojifix.engine.pipeline import OffsetMap, apply_edits
from mojifix.fixers import chains, vanished
from mojifix.fixers.flagged import flagged_lines
from mojifix.model import Edit, Edits
from mojifix.scoring import charfreq
from test_memory_garbled import _as_browsers_read_cp1252


def _french(size: int) -> str:
    folder = shared_path("corpus", "manpages", "fr")
    text = "".join(p.read_text("utf-8") for p in sorted(folder.glob("*.txt")))
    return (text * (size // len(text) + 1))[:size]


def _peak(fn: Callable[[], object]) -> tuple[int, object]:
    """(the peak traced while ``fn`` runs, above what was traced before it; its result)."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        got = fn()
        return tracemalloc.get_traced_memory()[1] - before, got
    finally:
        tracemalloc.stop()


def test_the_pages_shown_are_counted_without_a_copy_of_the_flagged_lines() -> None:
    text = _french(2 << 20)
    flagged = flagged_lines(text)
    assert sum(map(len, flagged.values())) > len(text) // 3  # (most of a French text)
    whole = vanished.shown(list(flagged.values()))
    peak, got = _peak(lambda: vanished.shown(flagged.values()))
    assert got == whole == ()
    # A block of lines at a time (64 Ki characters joined, and encoded through four pages);
    # before: every line listed at once, 1.6x the text's characters in bytes here.
    assert peak < 0.3 * len(text), f"{peak / len(text):.2f}x"


def _c1_document() -> str:
    return _as_browsers_read_cp1252(_french(400_000).encode("utf-8"))


def test_a_document_read_whole_is_its_reading_not_a_copy_made_again() -> None:
    text = _c1_document()
    whole = chains.whole_document(text)
    assert whole is not None  # (the whole-document road: fixers/wholepage.py)
    edits, _ = chains.fix_chains(text, mojifix.Config())
    assert isinstance(edits, Edits) and edits.made == whole.out
    assert apply_edits(text, edits) == edits.made  # the edits make the reading, exactly
    done = chains.text_only(text, mojifix.Config())
    assert done is not None and done[0] == whole.out
    # The pipeline takes the reading: the text repaired by fix and located by check is the
    # one the edits make, and no third copy of it is built on the way.
    every = mojifix.repair_text(text)
    assert every.text == whole.out == mojifix.fix_text(text)
    size = sys.getsizeof(text)
    peak, _ = _peak(lambda: mojifix.repair_bytes(text.encode("utf-8"), changes="first"))
    # The text, its reading, the edits and the map: within 4.5x the text (before: 6.8x, the
    # reading applied again from the edits while the reading was held).
    assert peak < 4.5 * size, f"{peak / size:.1f}x"


def test_an_edit_is_held_in_about_20_bytes_and_reads_back_the_same() -> None:
    n = 100_000
    given_edits = [Edit(3 * i, 3 * i + 2, "é" if i % 3 else "è", "mojibake", "UTF-8 read as Latin-1")
                   for i in range(n)]
    held = Edits()

    def build() -> Edits:
        for i in range(0, n, 10):
            held.extend(given_edits[i:i + 10])
        return held

    peak, _ = _peak(build)
    assert peak < 24 * n, f"{peak / n:.0f} bytes an edit"  # before: 40 and more
    assert list(held) == given_edits and held[7] == given_edits[7] and held[-1] == given_edits[-1]
    wide = Edits()  # a position past 2**31 widens the arrays: the same edits come back
    wide.extend([Edit(5, 6, "x", "k"), Edit(2**31 + 5, 2**33, "y", "k", "n"), Edit(2**34, 2**34, "z", "j")])
    assert list(wide) == [Edit(5, 6, "x", "k"), Edit(2**31 + 5, 2**33, "y", "k", "n"), Edit(2**34, 2**34, "z", "j")]
    wide.extend([Edit(1, 2, "w", "k")])
    wide.sort_by_start()
    assert [e.start for e in wide] == [1, 5, 2**31 + 5, 2**34]


def test_the_offset_map_of_the_last_fixer_is_built_only_when_asked() -> None:
    n = 100_000
    edits = Edits()
    edits.extend(Edit(3 * i, 3 * i + 2, "é", "mojibake") for i in range(n))
    offsets = OffsetMap()
    peak, _ = _peak(lambda: offsets.push(edits))
    # The replacements' lengths (4 bytes an edit): the positions are the edits' own arrays,
    # and the new ones are made on the first question (before: 32 bytes an edit at once).
    assert peak < 6 * n, f"{peak / n:.0f} bytes an edit"
    assert offsets.to_original(0) == 0 and offsets.to_original(2 * 7 + 1) == 3 * 7 + 2


SPANS = st.lists(st.tuples(st.integers(0, 6), st.integers(0, 3), st.text("xé€", max_size=4)), max_size=12)


def _reference(layers: list[list[Edit]], pos: int) -> int:
    """The original position of ``pos`` through ``layers``, mapped the way the pipeline always
    did (four lists a layer, built at once)."""
    import bisect

    built = []
    for edits in layers:
        new_starts, new_ends, shift = [], [], 0
        for e in edits:
            new_starts.append(e.start + shift)
            new_ends.append(e.start + shift + len(e.replacement))
            shift += len(e.replacement) - (e.end - e.start)
        built.append((new_starts, new_ends, [e.start for e in edits], [e.end for e in edits]))
    for starts, new_ends, old_starts, old_ends in reversed(built):
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0:
            pos = old_starts[i] if pos < new_ends[i] else pos - new_ends[i] + old_ends[i]
    return pos


@settings(max_examples=200, deadline=None)
@given(st.lists(SPANS, min_size=1, max_size=3), st.lists(st.integers(0, 80), max_size=8), st.booleans())
def test_positions_map_back_as_before(layers_spec: list, asked: list[int], column_wise: bool) -> None:
    layers = []
    for spans in layers_spec:
        at, edits = 0, []
        for gap, size, rep in spans:
            edits.append(Edit(at + gap, at + gap + size, rep, "k"))
            at += gap + size
        layers.append(edits)
    offsets = OffsetMap()
    for edits in layers:
        if column_wise:
            held = Edits()
            held.extend(edits)
            offsets.push(held)
        else:
            offsets.push(edits)
    assert [offsets.to_original(p) for p in asked] == [_reference(layers, p) for p in asked]


def test_applying_edits_holds_the_repaired_text_about_once() -> None:
    text = _french(1 << 20).encode("utf-8").decode("latin-1")
    edits = [Edit(i, i + 2, "é", "mojibake") for i in range(0, len(text) - 2, 7)]
    peak, out = _peak(lambda: apply_edits(text, edits))
    assert isinstance(out, str) and len(out) == len(text) - len(edits)
    pieces, pos = [], 0
    for e in edits:
        pieces += (text[pos:e.start], e.replacement)
        pos = e.end
    assert out == "".join(pieces) + text[pos:]
    # Grown in place, block by block (before: the blocks and their join, 2x the result).
    assert peak < 1.3 * sys.getsizeof(out), f"{peak / sys.getsizeof(out):.2f}x the result"


def test_the_phrase_counts_are_read_a_line_at_a_time_with_the_same_counts() -> None:
    spec = importlib.util.find_spec("pypinyin")
    assert spec is not None and spec.submodule_search_locations
    path = os.path.join(spec.submodule_search_locations[0], "phrases_dict.json")
    with open(path, encoding="utf-8") as f:
        whole: Counter[str] = Counter()
        for phrase in json.load(f):
            whole.update(phrase)
    peak, counts = _peak(lambda: charfreq._phrase_counts(path))
    assert counts == whole and len(counts) > 3000
    assert peak < 4 << 20, f"{peak / 2**20:.1f} MB"  # before: about 40 MB, the dictionary loaded
