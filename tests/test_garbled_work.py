"""Work counters for repairing garbled documents (issue 20): the same outputs for less work.

Counted, not timed (a count does not flake on a busy machine): each test fails on the code as
it was before the change it pins, and checks the output is still the exact repair.
"""

from __future__ import annotations

import mojifix
from mojifix.fixers import chains
from mojifix.scoring import plausibility

FRENCH = ("Le café est prêt, dit-elle à l'élève.\n"
          "Où est la clé ? Là-bas, près de la fenêtre.\n"
          "Les étés passés à la mer étaient très agréables.\n") * 10


def test_lines_ftfy_redecodes_get_no_two_layer_search(monkeypatch):
    """A line ftfy re-decodes (UTF-8 read as cp1252) is asked of ftfy first: its own two-layer
    search, whose candidates were dropped once ftfy answered, is not run (it called ``undo``
    about ten times a line; now once, for the strict reading beside ftfy's)."""
    calls = []
    real = chains.undo

    def counting(*args: object) -> object:
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(chains, "undo", counting)
    garbled = FRENCH.encode("utf-8").decode("cp1252")
    assert mojifix.fix_text(garbled) == FRENCH
    lines = garbled.count("\n")
    assert len(calls) <= lines, f"{len(calls)} undo calls for {lines} lines"


def test_cost_passes_ascii_runs_without_a_step_per_character(monkeypatch):
    """``cost`` walks a garbled line one character at a time; an ASCII run costs nothing but
    its lower-to-upper case flips, counted by one regex scan: the per-character step (and its
    class lookup) is taken at the start of each run only. The sum is the same to the last bit."""
    calls = []
    real = plausibility._char_class

    def counting(c: str) -> tuple[str, float]:
        calls.append(c)
        return real(c)

    line = "Ã©tÃ© " + "the quick brown fox jumps over the lazy dogCamelCase " * 6 + "Ã "
    expected = plausibility.cost(line)
    monkeypatch.setattr(plausibility, "_char_class", counting)
    assert plausibility.cost(line) == expected
    assert plausibility.cost(line, 3.0) > 3.0
    calls.clear()
    plausibility.cost(line)
    assert len(calls) < 20, f"{len(calls)} class lookups for {len(line)} characters"
