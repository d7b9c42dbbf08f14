"""ONE long line held whole costs a few copies of its text, not a list of its characters
(issue 20: a 47 MB file that is one line peaked at about 1 GB; target 100 MB + 3x the file).
Measured in-process with tracemalloc on a line of real Chinese (the manpage corpus, its lines
joined by spaces), the shape where every character is a letter inside a "word" (no spaces
between hanzi)."""

from __future__ import annotations

import sys

import pytest

from conftest import shared_path
from mojifix.fixers import latinpages
from test_memory_held import _peak  # tracemalloc's peak of one call: one helper for both

SIZE = 2_000_000  # characters


@pytest.fixture(scope="module")
def line() -> str:
    folder = shared_path("corpus", "manpages", "zh_CN")
    text = " ".join(p.read_text("utf-8").replace("\n", " ") for p in sorted(folder.glob("*.txt"))[:40])
    # A pound sign: one of the symbols cp1250 letters read through cp1252 become, so the
    # alphabet test looks for such a symbol inside a word (the scan that built the list).
    return (text * (SIZE // len(text) + 1))[:SIZE] + " 5 £ "


def test_the_alphabet_test_of_a_long_line_builds_no_list_of_its_characters(line: str) -> None:
    assert latinpages.repairs(line) == []
    size = sys.getsizeof(line)
    # Its set of characters and its scans only (before: findall of every non-ASCII letter inside
    # a word, one string object per hanzi, 40x the line).
    peak = _peak(lambda: latinpages.repairs(line))
    assert peak < size, f"{peak / size:.1f}x the line"


@pytest.fixture(scope="module")
def mixed_line(line: str) -> str:
    """The Chinese line with Russian UTF-8 read as cp1252 (bytes cp1252 does not define became
    U+FFFD) every so often: one line the mojibake fixer repairs in many places."""
    folder = shared_path("corpus", "manpages", "ru")
    russian = " ".join(p.read_text("utf-8").replace("\n", " ") for p in sorted(folder.glob("*.txt"))[:3])
    garbled = russian[:2000].encode("utf-8").decode("cp1252", errors="replace")
    assert "\ufffd" in garbled
    step = 200_000
    return " ".join(line[i:i + step] + " " + garbled for i in range(0, len(line), step))


def test_the_repair_of_one_long_line_holds_a_few_copies_of_it(mixed_line: str) -> None:
    import mojifix

    mojifix.repair_text(mixed_line[:50_000])  # tables, imports
    size = sys.getsizeof(mixed_line)
    # The text the caller holds, the repaired text, one being built, the report (before: the
    # older versions of the text kept by the pipeline's memo; the mojibake fixer split the
    # whole line into two lists of its runs to align the repair, 10.9x the line; now 4.8x).
    peak = _peak(lambda: mojifix.repair_text(mixed_line))
    assert peak < 6 * size, f"{peak / size:.1f}x the line"


def test_refusing_lost_bytes_on_a_long_line_does_not_decode_it_whole(line: str) -> None:
    from mojifix.fixers.chains import undo

    text = line + "\ufffd"  # one lost byte; GB18030's bytes read as UTF-8 are mostly U+FFFD
    assert undo(text, "utf-8", "gb18030") is None
    size = sys.getsizeof(text)
    # Its pieces, their bytes and the round trip of those, one block decoded: 3.8x (before: the
    # whole line decoded into U+FFFD and counted, 5.9x the line).
    peak = _peak(lambda: undo(text, "utf-8", "gb18030"))
    assert peak < 5 * size, f"{peak / size:.1f}x the line"


def _stamp(text: str, config: object) -> tuple[list, list]:
    """A fixer that leaves an answer about its text in the memo, as the screens do, and edits."""
    from mojifix import memo
    from mojifix.model import Edit

    for slot in memo.Memo.__slots__:  # every answer kept for one text (the screens', latinpages')
        if slot.startswith("last_"):
            setattr(memo.current(), slot, (text, None))
    return [Edit(0, 1, "b", "zero-width", "")], []


def _look(text: str, config: object) -> tuple[list, list]:
    """A fixer that fails if the memo still holds an answer about an older text."""
    from mojifix import memo

    kept = memo.current()
    for name in memo.Memo.__slots__:
        slot = getattr(kept, name) if name.startswith("last_") else None
        assert slot is None or slot[0] is text, "an older version of the text is kept alive"
    return [], []


def test_the_pipeline_lets_go_of_older_versions_of_the_text() -> None:
    from mojifix.config import Config
    from mojifix.engine.pipeline import run_fixers
    from mojifix.engine.registry import Fixer, Registry

    fixers = Registry([Fixer("stamp", "test_memory_line", "_stamp"), Fixer("look", "test_memory_line", "_look")])
    assert run_fixers("a long line", Config(), fixers)[0] == "b long line"
