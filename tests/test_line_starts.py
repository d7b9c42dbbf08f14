"""A change's line and column come from the line starts the pipeline finds at C speed; they
must be those of a character-by-character scan, for every text (``\\r`` and other line
separators are not line ends here, as before)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mojifix import repair_text
from mojifix.engine.pipeline import _line_starts


@given(st.text(alphabet=st.sampled_from("a\n\r\u2028é ")))
def test_line_starts_are_the_scan(text: str) -> None:
    assert list(_line_starts(text)) == [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]


def test_changes_keep_their_lines_and_columns() -> None:
    text = "clean\r\n\nline three: cafÃ©\nx &amp; y\n"
    changes = repair_text(text).changes
    assert [(c.line, c.column) for c in changes] == [(3, 16), (4, 3)]
