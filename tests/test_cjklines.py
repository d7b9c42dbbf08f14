"""The chain screen clears a document's CJK lines all at once (fixers/cjklines.py and the
lost-bytes lines of vanished.pages_of, issue 20): every line it clears has no candidate at all
(checked layer by layer, the plain way), the screen and the whole repair give what they give
without the shortcut (corpus documents, documents garbled whole, random mixes), and the
per-line search is asked about few lines of a clean CJK page (counted, never timed)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import shared_path
from mojifix import memo
from mojifix.config import Config
from mojifix.engine import pipeline
from mojifix.fixers import chains, cjklines, lossy, vanished
from test_cjkfast import _slow_may_apply, _slow_one_layer
from test_docscreen import MANY_BLOCKS, _lines, mix

MIXES = settings(max_examples=150, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture])
CJK_LANGS = ("zh_CN", "zh_TW", "ja")  # (Korean: random Hangul in the mixes)
# UTF-8 read through each multi-byte page the chain search knows (the damage the cleared lines
# must not hide), strictly and with bytes dropped.
WRONG = ("gbk", "gb18030", "big5", "shift_jis", "cp932", "euc-kr")


def _docs(lang: str, n: int) -> list[str]:
    folder = shared_path("corpus", "manpages", lang)
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))[:n]]


def _no_candidate(line: str) -> bool:
    """No layer undoes on ``line`` and no lost bytes are read back on it, each page asked the
    plain way (chains.undo, lossy.lossy_utf8)."""
    return not _slow_one_layer(line) and all(lossy.lossy_utf8(line, w) is None for w in lossy.LOSSY_PAGES)


def _cleared(text: str) -> list[str]:
    flagged = chains._flag(text)
    with memo.document():
        quiet = chains._quiet_cjk(text, flagged)
    assert len(quiet) == len(flagged)
    return [line for number, line in enumerate(flagged.values()) if quiet[number]]


def _garbled(text: str, page: str, errors: str) -> str:
    return text.encode("utf-8").decode(page, errors=errors)


@pytest.fixture(scope="module")
def lines() -> list[str]:
    return _lines()


# --- each cleared line has no candidate ---

@pytest.mark.parametrize("lang", CJK_LANGS)
def test_cleared_corpus_lines_have_no_candidate(lang: str) -> None:
    """On clean pages the shortcut clears most CJK lines, and each has no candidate."""
    cleared = flagged = 0
    for doc in _docs(lang, 12):
        got = _cleared(doc)
        assert all(_no_candidate(line) for line in got)
        cleared += len(got)
        flagged += len(chains._flag(doc))
    assert cleared >= 0.8 * flagged, (cleared, flagged)


@pytest.mark.parametrize("page", WRONG)
@pytest.mark.parametrize("errors", ["strict", "ignore"])
def test_garbled_lines_are_not_cleared(page: str, errors: str) -> None:
    """UTF-8 read through a multi-byte page (whole, or with bytes dropped): a line the
    shortcut clears has no candidate, and the lines with one are left to the per-line test."""
    for lang in ("zh_CN", "ja", "ru"):
        for doc in _docs(lang, 3):
            try:
                text = _garbled(doc, page, errors)
            except UnicodeDecodeError:
                continue
            assert all(_no_candidate(line) for line in _cleared(text))


@MIXES
@given(data=st.data())
def test_cleared_lines_of_mixes_have_no_candidate(lines: list[str], data: st.DataObject) -> None:
    """Random mixes of clean and garbled corpus lines and lines of random characters."""
    extra = st.text(st.one_of(MANY_BLOCKS, st.just("?")), min_size=1, max_size=6)
    text = mix(lines, data, extra=extra, most=data.draw(st.sampled_from([4, 12])))
    assert all(_no_candidate(line) for line in _cleared(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(st.one_of(MANY_BLOCKS, st.just("?"), st.just("\u00a5")), min_size=1, max_size=5),
                min_size=1, max_size=8))
def test_quiet_heads_are_exact_about_utf8(heads: list[str]) -> None:
    """cjklines.quiet on short random lines (where bytes that are all UTF-8 come by chance):
    a line it clears is, through every page, unwritable or no UTF-8."""
    heads = [h for h in heads if not h.isascii()]
    for line, ok in zip(heads, cjklines.quiet([cjklines.head(h) for h in heads], WRONG), strict=True):
        if not ok:
            continue
        for page in WRONG:
            try:
                line.encode(page).decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
            raise AssertionError((line, page))


@pytest.mark.parametrize("lang", CJK_LANGS)
def test_lost_lines_are_those_lossy_read_may_read(lang: str) -> None:
    """vanished.pages_of names every line lossy_utf8 reads back through a page (on clean pages
    and on pages garbled with bytes dropped), and its pages are shown's."""
    for doc in _docs(lang, 4):
        for text in (doc, _garbled(doc, "gbk", "ignore"), _garbled(doc, "big5", "ignore")):
            flagged = list(chains._flag(text).values())
            survey = vanished.pages_of(flagged)
            assert survey.pages == vanished.shown(flagged)
            if survey.lost is None:
                continue
            assert len(survey.lost) == len(flagged)
            for number, line in enumerate(flagged):
                if not survey.lost[number] and "\ufffd" not in line:
                    assert all(lossy.lossy_utf8(line, w) is None for w in lossy.LOSSY_PAGES)


# --- the same answers with and without the shortcut ---

def _without_shortcut(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chains, "_quiet_cjk", lambda text, flagged: bytes(len(flagged)))


def _repair(text: str) -> tuple:
    return pipeline.run_fixers(text, Config())


@pytest.mark.parametrize("lang", CJK_LANGS)
def test_repair_equals_the_full_road_on_corpus_and_garbled_documents(
        monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    texts = []
    for doc in _docs(lang, 6):
        texts.append(doc)
        for page in ("gbk", "shift_jis", "big5"):
            texts.append(_garbled(doc, page, "ignore"))
    fast = [_repair(t) for t in texts]
    screens = [chains.may_apply(t) for t in texts]
    _without_shortcut(monkeypatch)
    assert [_repair(t) for t in texts] == fast
    assert [chains.may_apply(t) for t in texts] == screens
    assert screens == [_slow_may_apply(t) for t in texts]


@MIXES
@given(data=st.data())
def test_screen_equals_the_slow_screen_on_mixes(lines: list[str], data: st.DataObject) -> None:
    text = mix(lines, data, extra=st.text(MANY_BLOCKS, min_size=1, max_size=12),
               most=data.draw(st.sampled_from([4, 12])))
    with memo.document():
        fast = chains.may_apply(text)
    assert fast == _slow_may_apply(text)


# --- the work it saves (counted) ---

def test_clean_japanese_lines_skip_the_layer_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """On clean Japanese pages the per-line layer search is asked about few lines: the
    shortcut cleared the rest (without it, every flagged line is asked)."""
    asked: list[str] = []
    real = chains._one_layer

    def counting(line: str, encoded: dict | None = None):  # type: ignore[no-untyped-def]
        asked.append(line)
        return real(line, encoded)

    monkeypatch.setattr(chains, "_one_layer", counting)
    docs = _docs("ja", 12)
    flagged = sum(len(chains._flag(doc)) for doc in docs)
    for doc in docs:
        with memo.document():
            assert chains.may_apply(doc) is False
    assert flagged > 100 and len(asked) <= 0.1 * flagged, (len(asked), flagged)
