"""Issue 17: a fixer is added through the registry (the documented route in ARCHITECTURE.md)."""

from __future__ import annotations

import re

from mojifix import repair_text
from mojifix.engine.registry import FIXERS, Fixer
from mojifix.model import Edit, Finding


def fix_teh(text, config):
    edits = [Edit(m.start(), m.end(), "the", "teh") for m in re.finditer(r"\bteh\b", text)]
    return edits, [Finding("teh", f"'teh' for 'the', {len(edits)} fixed", len(edits))] if edits else []


def test_a_toy_fixer_added_through_the_registry() -> None:
    toy = Fixer("teh", __name__, "fix_teh", prefilter=lambda text, config: "teh" in text)
    fixers = FIXERS.insert_after("glosses", toy)
    r = repair_text("A clean line.\nWe ate teh cafÃ© food.\n", fixers=fixers)
    assert r.text == "A clean line.\nWe ate the café food.\n"
    assert [(f.kind, f.summary, f.count) for f in r.findings if f.kind == "teh"] == [
        ("teh", "'teh' for 'the', 1 fixed", 1)]
    assert [(c.kind, c.line, c.column, c.before, c.after) for c in r.changes] == [
        ("teh", 2, 8, "teh", "the"), ("mojibake", 2, 15, "Ã©", "é")]
    assert "teh" not in FIXERS.names() and repair_text("teh", fixers=FIXERS).text == "teh"
