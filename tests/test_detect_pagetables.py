"""Issue 20, this round: detection does less work per input and gives the very answers it gave.

0. The answers on the shared detection corpus (char-dataset: every file whole, and its 32- and
   16-byte windows as ``bench/detect.py`` cuts them): encoding, confidence and the order of the
   first three readings equal those of the code before these cuts (``data/detect_answers.json``,
   written by that code).
1. A single-byte page's context cost is read from a table of that page (its bytes' character
   classes and letters, built once per process): no lookup in the table of every character
   pair met, no walk over the reading's letters, and the very float the decoded reading's
   ``context_cost`` gives, on every page of a quarter of the files, whole and windowed.
2. The encoding declaration of a legacy file is looked for once (it was looked for twice: once
   to see whether there is one, once again to weigh it).
3. A multi-byte (CJK) reading's pairs are costed by their characters' class numbers: no lookup
   in the table of every character pair met, and the very float of the pair-by-pair sum.
4. The evidence's runs of non-ASCII bytes are found by a faster pattern (timed, not counted):
   the very runs of the pattern before, on random bytes and on the corpus.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import shared_path
from mojifix.decoding import declared as DC
from mojifix.decoding import decode as DD
from mojifix.decoding import detect as D
from mojifix.errors import MojifixError
from mojifix.scoring import detectscore as ds

ANSWERS = Path(__file__).parent / "data" / "detect_answers.json"


def _bench():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    try:
        import detect as bench
    finally:
        sys.path.pop(0)
    return bench


def _corpus() -> list[tuple[str, str, bytes]]:
    return _bench().load_corpus(shared_path("detection", "char-dataset"))


def _answer(data: bytes) -> list[object]:
    try:
        r = DD.decode(data)
    except MojifixError as exc:
        return [type(exc).__name__]
    return [r.encoding, r.confidence, [c for c, _ in r.ranking[:3]]]


@pytest.mark.parametrize("size", [0, 32, 16])
def test_the_answers_on_the_detection_corpus_are_unchanged(size: int) -> None:
    expected = json.loads(ANSWERS.read_text())
    window = _bench().window
    got = {f"{size} {path}": _answer(window(data, size) if size else data)
           for _, path, data in _corpus()}
    assert len(got) == 475
    differ = {k: (expected[k], v) for k, v in got.items() if expected[k] != v}
    assert not differ, list(differ.items())[:5]


class _CountingPairs(dict):  # type: ignore[type-arg]
    def __init__(self, inner: dict) -> None:  # type: ignore[type-arg]
        super().__init__()
        self.inner, self.lookups = inner, 0

    def __getitem__(self, key: int) -> float:
        self.lookups += 1
        return self.inner[key]


def _no_letter_walk(*args: object) -> float:
    raise AssertionError("a single-byte page's letters walked one by one")


def test_a_single_byte_page_is_scored_from_its_own_class_table(monkeypatch) -> None:
    pages = [c for c, _ in D._ASCII_CANDIDATES if c not in D._MULTIBYTE]
    window = _bench().window
    checked = 0
    for _, _, data in _corpus()[::4]:
        for size in (0, 32):
            ev, _ = D.evidence(window(data, size) if size else data)
            counted = D.ByteEvidence(ev)  # what the ranker scores single-byte pages with
            for codec in pages:
                try:
                    text = ev.decode(codec)
                except UnicodeDecodeError:
                    continue
                canon = D._canon(codec)
                expected = ds.context_cost(text, canon)
                pairs = _CountingPairs(ds._PAIRS)
                monkeypatch.setattr(ds, "_PAIRS", pairs)
                monkeypatch.setattr(ds, "_alphabet_penalty", _no_letter_walk)
                assert counted.context_cost(canon) == expected, codec  # the very float
                monkeypatch.undo()
                assert pairs.lookups == 0
                checked += 1
    assert checked > 3000


def test_a_legacy_file_declaration_is_looked_for_once(monkeypatch) -> None:
    calls: list[int] = []  # declared_codec's: the search, once per input
    searches: list[int] = []  # its full search of the head and tail: at most once
    real, real_search = DC.declared_codec, DC.find_in_bytes

    def counting(data: bytes) -> tuple[str, DC.Declaration] | None:
        calls.append(len(data))
        return real(data)

    def counting_search(data: bytes) -> list[DC.Declaration]:
        searches.append(len(data))
        return real_search(data)

    monkeypatch.setattr(DC, "declared_codec", counting)
    monkeypatch.setattr(DC, "find_in_bytes", counting_search)
    files = [(path, data) for label, path, data in _corpus()
             if label in ("windows_1251", "gb2312", "shift_jis", "iso8859_2")]
    followed = 0
    for path, data in files:
        calls.clear()
        searches.clear()
        d = DD.decode(data)
        assert len(calls) == 1 and len(searches) <= 1, path
        followed += bool(d.declared and d.declared[2])
    assert followed >= 10  # declared files among them: the weighing road, not only detection
    # a declaration that cannot decode the bytes is looked for once too, and not followed
    calls.clear()
    d = DD.decode(b'<?xml version="1.0" encoding="ascii"?>\n<a>caf\xe9 cr\xe8me br\xfbl\xe9e</a>\n'
                  .replace(b'"ascii"', b'"shift_jis"'))
    assert len(calls) == 1 and d.declared == ("shift_jis", "XML declaration", False)



def test_a_multibyte_reading_is_costed_by_class_pairs(monkeypatch) -> None:
    """CJK readings' character pairs are nearly all distinct: each was looked up in the table of
    every pair met (and costed when new). Their class pairs are a few dozen."""
    window = _bench().window
    readings = 0
    for label, _, data in _corpus():
        if label not in ("big5", "gb2312", "euc_kr", "shift_jis", "euc_jp"):
            continue
        for size in (0, 32):
            ev, _ = D.evidence(window(data, size) if size else data)
            text = D._decode_tolerant(ev, label)
            if not text:
                continue
            pairs = [text[i:i + 2] for i in range(len(text) - 1)]
            by_pair = sum(ds._pair_cost(p) for p in pairs)  # the pair-by-pair sum, exact
            found = (ds._JA_LETTERS if label in ds._JA_CODECS else ds._EU_LETTERS).findall(text)
            letters = ds._alphabet_penalty(Counter(found), label) if found else 0.0
            counting = _CountingPairs(ds._PAIRS)
            monkeypatch.setattr(ds, "_PAIRS", counting)
            assert ds.context_cost(text, label) == by_pair + letters, label  # the very float
            monkeypatch.undo()
            assert counting.lookups == 0, label
            readings += 1
    assert readings > 100


_RUN_BEFORE = re.compile(rb"[\x20-\x7e]?[\x80-\xff](?:[\x80-\xff]|[\x30-\x39](?=[\x80-\xff]))*[\x20-\x7e]?")


@settings(max_examples=3000, deadline=None)
@given(st.binary(max_size=40).map(lambda b: bytes(b"A0 9\x80\xa1\xff\n\x00~\x7f"[x % 11] for x in b))
       | st.binary(max_size=40))
def test_the_evidence_runs_are_the_runs_of_the_pattern_before(data: bytes) -> None:
    """The run pattern is written as repeats of one byte class (two thirds of the time of the
    alternation with a lookahead at every byte, timed: a speed change no count shows): it
    finds the very same runs."""
    assert D._BYTE_RUN.findall(data) == _RUN_BEFORE.findall(data)


def test_the_evidence_runs_on_the_corpus_are_the_runs_of_the_pattern_before() -> None:
    for _, path, data in _corpus():
        assert D._BYTE_RUN.findall(data) == _RUN_BEFORE.findall(data), path
