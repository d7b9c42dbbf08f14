"""Garbled whole documents with less work per line (issue 20), counted, not timed.

A count does not flake on a busy machine: each test shows a piece of per-line work gone from
``fix_text`` on a whole garbled document (its count no longer grows with the line count), and
that the output is still the exact repair. The hypothesis test checks the fast road against
the old per-line road on garbled lines of real text (the shared corpus' manual pages).
"""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mojifix
from conftest import shared_path
from mojifix import textdiff
from mojifix.config import Config
from mojifix.engine import pipeline
from mojifix.fixers import chains, mojibake
from mojifix.scoring import plausibility


def _manpage(lang: str, name: str) -> str:
    return shared_path("corpus", "manpages", lang, name).read_text("utf-8")


def _counting(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[object]:
    calls: list[object] = []
    real = getattr(module, name)

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


@pytest.mark.parametrize("wrong", ["shift_jis", "cp932"])
def test_fix_text_aligns_no_repaired_line(monkeypatch: pytest.MonkeyPatch, wrong: str) -> None:
    """UTF-8 read as Shift_JIS takes ASCII bytes as trail bytes, so each repaired line was
    aligned character by character with difflib to build edits that ``fix_text`` only applies
    (70% of its time). The chains' text-only road puts each repair in place whole: no
    alignment at all; the located road (``repair_text``) still gives the same text."""
    text = _manpage("de", "basenc.1.txt")
    garbled = text.encode("utf-8").decode(wrong)
    aligned = _counting(monkeypatch, textdiff, "SequenceMatcher")
    diffs = _counting(monkeypatch, chains, "diff_edits")
    assert mojifix.fix_text(garbled) == text
    assert (len(aligned), len(diffs)) == (0, 0)
    assert mojifix.repair_text(garbled).text == text
    assert len(diffs) > 10  # the located road does build its edits


@pytest.mark.parametrize(("name", "wrong"), [
    ("basenc.1.txt", "shift_jis"), ("addpart.8.txt", "cp932"), ("cron.8.txt", "gbk"),
])
def test_ftfy_is_not_asked_about_cjk_mojibake_lines(monkeypatch: pytest.MonkeyPatch, name: str,
                                                     wrong: str) -> None:
    """The chain search asked ftfy about every line it could repair, to leave it to ftfy when
    ftfy re-decodes it; UTF-8 read as a CJK page holds no character of single-byte mojibake
    (the mojibake fixer's own first screen), so ftfy cannot change such a line: it is not
    asked (it was once per repaired line)."""
    text = _manpage("de", name)
    garbled = text.encode("utf-8").decode(wrong)
    calls = _counting(monkeypatch, mojibake, "_ftfy_fix")
    assert mojifix.fix_text(garbled) == text
    assert len(calls) == 0, f"ftfy asked {len(calls)} times for {garbled.count(chr(10))} lines"


_SOURCES = (("de", "basenc.1.txt"), ("de", "cron.8.txt"), ("fr", "basenc.1.txt"), ("ru", "intro.1.txt"),
            ("ru", "boot.7.txt"), ("el", "diff.1.txt"), ("pl", "bc.1.txt"), ("ja", "bc.1.txt"))
_LAYERS = (*chains.LAYERS, ("utf-8", "windows-1252", "windows-1252"))


@cache
def _lines() -> tuple[str, ...]:
    found: list[str] = []
    for lang, name in _SOURCES:
        path = shared_path("corpus", "manpages", lang, name)
        if path.exists():
            found += [line for line in path.read_text("utf-8").splitlines() if line.strip()][:80]
    if not found:
        pytest.skip("no manual page of the shared corpus")
    return tuple(found)


def _garbled(line: str, chain: tuple[str, ...]) -> str | None:
    try:
        out = line.encode(chain[0]).decode(chain[1])
        for wrong in chain[2:]:
            out = out.encode("utf-8").decode(wrong)
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_fast_road_equals_the_per_line_road(data: st.DataObject) -> None:
    """Documents of real lines, most garbled through one chain (a few left clean): ``fix_text``'s
    road (the chains' text-only shortcut, ftfy asked only past the screen) gives the very text
    and findings of the old road (the chains' edits built line by line and applied, ftfy asked
    about every line the search met)."""
    lines = _lines()
    chain = data.draw(st.sampled_from(_LAYERS), label="chain")
    picks = data.draw(st.lists(st.integers(0, len(lines) - 1), min_size=1, max_size=25), label="lines")
    clean = data.draw(st.sets(st.integers(0, 24), max_size=3), label="left clean")
    doc = []
    for i, k in enumerate(picks):
        bad = None if i in clean else _garbled(lines[k], chain)
        doc.append(lines[k] if bad is None else bad)
    text = "\n".join(doc) + "\n"
    fast = pipeline.run_fixers(text, Config(), locate=False)
    old_registry = pipeline.FIXERS.replace("chains", shortcut=None)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(mojibake, "_screened_ftfy_fix", mojibake._ftfy_fix)
        old = pipeline.run_fixers(text, Config(), old_registry, locate=False)
    assert fast == old


def test_no_inner_search_under_a_clean_ftfy_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    """A line ftfy re-decodes (UTF-8 read as cp1252) was searched for one more layer under
    ftfy's answer, though a candidate there must gain 1 on that answer and a clean answer
    costs 0: the search is now made only under an answer that costs at least that."""
    text = _manpage("de", "basenc.1.txt")
    garbled = text.encode("utf-8").decode("cp1252")
    calls = _counting(monkeypatch, chains, "_after_ftfy")
    assert mojifix.fix_text(garbled) == text
    wasted = [fixed for _, fixed, _ in calls if plausibility.cost(fixed) < 1.0]
    assert not wasted, f"{len(wasted)} of {len(calls)} inner searches under a clean answer"


def test_an_inner_layer_is_undone_once_per_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """UTF-8 read as GBK and as GB18030 give one text back (and Shift_JIS and cp932): the
    two-layer search undid each inner layer on that same text once per outer layer. Each
    (text, inner layer) is now undone once per line."""
    text = _manpage("de", "cron.8.txt")
    garbled = text.encode("utf-8").decode("gbk")
    calls = _counting(monkeypatch, chains, "undo")
    assert mojifix.fix_text(garbled) == text
    repeated = len(calls) - len(set(calls))
    assert repeated == 0, f"{repeated} of {len(calls)} undo calls repeat one already made"
