"""What the chain search holds per line of Chinese UTF-8 read as GBK with U+FFFD (issue 20:
every command peaks at <= 100 MB + 3x the file; 20 MB of it peaked at 272 MB for ``fix -o``).

Until the document's gains rank the chains, the search keeps every line a chain could repair
with its cost and each chain's cost and repair (two chains a line here: GBK and GB18030 read
the lost bytes apart). As a tuple per line (the line, a pair per chain, a tuple per chain) that
was about 700 bytes of small objects per line besides the texts; now
:class:`mojifix.fixers.linescores.LineScores` holds them flat (199 MB for the same file), and a
repair no ranking of the chains can choose is not kept.

Measured in-process with tracemalloc when the document's plan is asked (every line scored and
chosen, nothing yet given back; after a full collection), after the same text was searched once:
what the first search loads for good (tables, bounded caches) is not counted.
"""

from __future__ import annotations

import gc
import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mojifix
from conftest import shared_path
from mojifix.fixers import chains, plan
from mojifix.fixers.linescores import LineScores

SIZE = 60_000


def _garbled_chinese() -> tuple[bytes, str]:
    folder = shared_path("corpus", "manpages", "zh_CN")
    data = "".join(p.read_text("utf-8") for p in sorted(folder.glob("*.txt"))).encode("utf-8")
    data = (data * (SIZE // len(data) + 1))[:SIZE]
    data = data[: data.rfind(b"\n") + 1]
    return data, data.decode("gbk", errors="replace")


def test_the_lines_a_lossy_gbk_document_repairs_are_held_within_a_few_times_its_size(
        monkeypatch: pytest.MonkeyPatch) -> None:
    data, text = _garbled_chinese()
    assert text.count("\ufffd") > 100
    first, _ = chains._decide(text, mojifix.Config())  # (tables, bounded caches: loaded for good)
    held: list[int] = []
    ask = plan.decide

    def spy(*args: object, **kwargs: object) -> plan.Plan:
        gc.collect()  # (garbage the collector has not reached yet, and the free lists: not held)
        held.append(tracemalloc.get_traced_memory()[0])
        return ask(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(plan, "decide", spy)
    tracemalloc.start()
    try:
        gc.collect()
        before = tracemalloc.get_traced_memory()[0]
        chosen, _ = chains._decide(text, mojifix.Config())
    finally:
        tracemalloc.stop()
    assert chosen == first and len(chosen) > 500
    # Held then: each repaired line, its repair and the chosen entry, and every scored line's
    # costs and repairs. 13.6x the bytes as a tuple per line, 9.0x held flat, 7.4x without the
    # repairs no ranking of the chains can choose (GB18030's, where it lost more), 6.6x without
    # the set of the scored lines' starts: within 9x.
    assert held[0] - before < 9 * len(data), f"{(held[0] - before) / len(data):.1f}x the file"


CHAINS = [("utf-8", "gbk"), ("utf-8", "gb18030"), ("gbk", "latin-1", "windows-1252")]
LINE = st.tuples(st.text("ab\u00e9\ufffd", max_size=6), st.floats(0, 50),
                 st.lists(st.tuples(st.sampled_from(CHAINS), st.floats(0, 50), st.sampled_from(["x", "y", ""])),
                          max_size=3, unique_by=lambda s: s[0]))


@settings(max_examples=200, deadline=None)
@given(st.lists(LINE, max_size=8))
def test_line_scores_give_back_exactly_what_was_kept(lines: list[tuple[str, float, list]]) -> None:
    text = "\n".join(line for line, _, _ in lines)
    held = LineScores(text)
    kept = []
    start = 0
    for line, base, scores in lines:
        pairs = tuple((tuple(ch), (c, "".join([r]))) for ch, c, r in scores)  # (new tuples, new strings)
        held.add(start, line, base, pairs)
        kept.append((start, line, base, pairs))
        start += len(line) + 1
    assert list(held) == kept and len(held) == len(kept) and held.starts() == {s for s, *_ in kept}
    with pytest.raises(ValueError):
        held.add(0, text + "!", 1.0, ())
