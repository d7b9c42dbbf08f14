"""Clean text faster, byte-identical (issue 20): each shortcut of the chain screens gives what
the slow road gives, on mixes of clean corpus lines and lines garbled every way the fixers know
(test_docscreen's), and does less work on clean documents (counted, never timed)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mojifix import memo
from mojifix.config import Config
from mojifix.engine import docscreen, pipeline
from mojifix.fixers import latinpages, lossy
from test_docscreen import _docs, _lines, mix

MIXES = settings(max_examples=150, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def lines() -> list[str]:
    return _lines()


# --- item 4: the shaped-run regexes of the document screen searched only where a run starts ---

@MIXES
@given(data=st.data())
def test_run_search_by_pair_lines_equals_whole_text_search(lines: list[str], data: st.DataObject) -> None:
    """Searching each shaped-run regex only on the lines holding two non-ASCII characters in a
    row (from the first such pair) finds the same matches as searching the whole text."""
    text = mix(lines, data, most=data.draw(st.sampled_from([12, 60])))
    pairs = docscreen._pair_lines(text)  # (None past _PAIR_LINES_MAX lines: the whole text)
    for _wrong, run3, _chains in docscreen._tables().runs:
        fast = [m.span() for m in docscreen._run_matches(text, run3, pairs)]
        slow = [m.span() for m in docscreen._run_matches(text, run3, None)]
        assert fast == slow
        assert pairs is None or all(run3.search(text, at, end) is None for at, end in
                                    (((pairs[i - 1][1] if i else 0), a) for i, (a, _) in enumerate(pairs)))


class _Counting:
    """A shaped-run regex that counts the characters its searches are given to scan."""

    def __init__(self, pattern, seen: list[int]) -> None:
        self.pattern, self.seen = pattern, seen

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        self.seen.append((len(text) if endpos is None else endpos) - pos)
        return self.pattern.search(text, pos, len(text) if endpos is None else endpos)


@pytest.mark.parametrize("lang", ["it", "fr", "es"])
def test_clean_latin_documents_scan_few_characters_for_runs(lang: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """On clean accented Latin documents the shaped-run regexes (large-class alternations, the
    screen's costliest step) scan less than the text once over, for all pages together (before:
    the whole text for each page)."""
    tables = docscreen._tables()
    seen: list[int] = []
    runs = tuple((w, _Counting(r, seen), c) for w, r, c in tables.runs)
    monkeypatch.setattr(docscreen, "_tables", lambda: tables._replace(runs=runs))
    docs = _docs(lang, 12)
    for doc in docs:
        docscreen._suspects(doc, docscreen._tables())
    assert sum(seen) < sum(map(len, docs)), (sum(seen), sum(map(len, docs)))


# --- item 2: latinpages.repairs computed once a document ---

@pytest.mark.parametrize("lang", ["it", "cs", "pl"])
def test_latin_pages_computed_once_a_document(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The document screen, the chain screen and the chain fixer share one answer of
    latinpages.repairs per document (before: up to three computations)."""
    calls: list[int] = []
    real = latinpages._repairs
    monkeypatch.setattr(latinpages, "_repairs", lambda text: calls.append(1) or real(text))
    docs = _docs(lang, 6)
    for doc in docs:
        pipeline.run_fixers(doc, Config(), locate=False)
    assert len(calls) <= len(docs)


def test_latin_pages_answer_is_not_kept_past_a_document() -> None:
    text = ("P\u0159\u00edkaz skon\u010d\u00ed chybou, kdy\u017e soubor neexistuje.\n" * 4
            ).encode("cp1250").decode("cp1252")
    with memo.document() as m:
        assert latinpages.repairs(text) == latinpages._repairs(text)
        assert m.last_latin is not None and m.last_latin[0] is text
    assert memo.current() is None


# --- item 3: one home for the common CJK characters ---

def test_common_cjk_has_one_home() -> None:
    """The document screen's lossy line is lossy.py's (it had its own copy of the ranges)."""
    assert not hasattr(docscreen, "_CJK") and not hasattr(docscreen, "_LOSSY_LINE")
    assert lossy.COMMON_CJK.pattern == f"[{lossy.COMMON_CJK_CHARS}]"
    assert lossy.LOSSY_LINE.search("abc \u4e00\u4e01 x \u3042\uac00\n") is not None
    assert lossy.LOSSY_LINE.search("\u4e00\u4e01\u3042\nabc\uac00\n") is None
