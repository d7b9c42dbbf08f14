"""The mojibake fixer's text-only road holds each repaired line once while it decides whether
to decline (issue 20: 20 MB of French UTF-8 read as cp1252 with ``errors="replace"`` peaked at
178 MB for ``fix -o``; the road built its whole output, kept every repaired line twice, once
with its line end added and once in a list of pieces, then declined because the document's
plan repairs more lines, and the plan's attribution held a set per line on top).

Measured in-process with tracemalloc on the manpage corpus's French pages garbled that way and
repeated to 1 MB, relative to the size of the text (the imports and tables warmed first)."""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from mojifix.config import Config
from mojifix.engine.pipeline import apply_edits
from mojifix.fixers import mojibake
from mojifix.memo import document
from test_memory_garbled import GARBLED, _french, _sized
from test_memory_held import _peak


def test_the_text_only_road_takes_the_plans_lines_without_a_second_copy_of_them() -> None:
    text = _sized(GARBLED["replace"](_french())).decode("utf-8")
    with document():
        mojibake.text_only(text[:50_000], Config())  # imports, ftfy's tables
    answers: list[object] = []

    def run() -> None:
        with document():
            answers.append(mojibake.text_only(text, Config()))

    peak = _peak(run)
    # Taken, not declined: the lines the document's plan repairs beyond ftfy's are joined in
    # too, with the fixer's own road's text and findings (it declined before, and that road
    # built an edit per place: 2x the time and 30 MB more peak RSS on 20 MB).
    with document():
        edits, found = mojibake.fix_mojibake(text, Config())
    assert answers[0] is not None
    assert answers[0] == (apply_edits(text, edits), found)
    assert any("CHAÎNE" in f.evidence[0] for f in found) or "CHAÎNE" in answers[0][0]
    # The repaired lines (ftfy's own answers, shared with the memo), their rows, the plan's
    # evidence and the output being joined: 2.3x the text.
    assert peak < 2.6 * sys.getsizeof(text), f"{peak / sys.getsizeof(text):.2f}x the text"


LINE = st.tuples(st.text(st.sampled_from("aé\u2019 \r"), max_size=6), st.sampled_from(["\n", "\r\n", ""]),
                 st.one_of(st.none(), st.text(st.sampled_from("bè"), max_size=4)))


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE, max_size=12))
def test_repaired_lines_read_and_join_as_the_lines_and_their_repairs(rows: list) -> None:
    from mojifix.fixers.repairedlines import RepairedLines, line_end

    rows = [(body.rstrip("\r\n"), end, fix) for body, end, fix in rows]
    rows = [(b, e, f) for i, (b, e, f) in enumerate(rows) if e or i == len(rows) - 1]  # one line each
    text = "".join(b + e for b, e, _ in rows)
    held, want, read, pos = RepairedLines(text), [], [], 0
    for body, end, fix in rows:
        line = body + end
        if fix is not None:
            key = held.add(pos, line, fix, (("utf-8", "windows-1252"), "s"))
            assert key == (("utf-8", "windows-1252"), "s")
            read.append((pos, line, fix + line_end(line), key))
        want.append(line if fix is None else fix + line_end(line))
        pos += len(line)
    assert list(held) == read and len(held) == len(read)
    assert held.joined() == "".join(want)
    assert len(held) == 0 and list(held.taken()) == []  # joined is the rows' last use
