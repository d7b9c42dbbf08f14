"""A streamed file's second pass forces the whole file's sums of every kind a fixer asks with
``page_totals``: the streamer keeps no list of them (a kind missing from such a list let each
chunk decide on its own lines, which the whole text does not)."""

from __future__ import annotations

from mojifix.scoring.evidence import forcing, page_decision, page_sums, page_totals, recording


def test_every_page_totals_kind_is_forwarded_and_forced() -> None:
    with recording() as totals:
        page_totals("test-sums-a", {"x": 1})
        page_totals("test-sums-a", {"x": 2, "y": 1})
        page_totals("test-sums-b", {"z": 4})
        page_decision("test-sums-decision", local=True, n=3)
    sums = page_sums(totals)
    assert sums == {"test-sums-a": {"x": 3, "y": 1}, "test-sums-b": {"z": 4}}
    with forcing({}, sums):
        assert page_totals("test-sums-a", {"x": 1}) == {"x": 3, "y": 1}
        assert page_totals("test-sums-c", {"w": 1}) == {"w": 1}
