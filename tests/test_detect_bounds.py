"""Issue 20, whole files as fast as chardet: a declaration's check stops at the alphabet part of a
rival page's context cost (``ByteEvidence.alphabet_cost``) when that alone says the rival cannot
win, and scores its character pairs only if the rival is still needed.

1. The alphabet part is a lower bound of the context cost, on any bytes and every page.
2. The check gives the same answers with the bound as without it (the bound made 0.0), on every
   declared file of char-dataset, and scores fewer pages' pairs (Cyrillic text read through
   Western pages: ``Ïðèâåò`` costs nearly all its context in its alphabet).
"""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import shared_path
from mojifix.decoding import declared as DC
from mojifix.decoding import detect as D
from mojifix.decoding import overrule as O
from mojifix.scoring import bytecontext
from mojifix.scoring.bytecontext import ByteEvidence

PAGES = [c for c, _ in D._ASCII_CANDIDATES if c not in D._MULTIBYTE]


@settings(max_examples=300, deadline=None)
@given(st.binary(min_size=1, max_size=400), st.sampled_from(PAGES))
def test_the_alphabet_part_bounds_the_context_cost(data: bytes, page: str) -> None:
    ev, _ = D.evidence(data)
    if not ev:
        return
    defined = D._byte_costs(page)[1]
    if ev.translate(None, bytes(range(128))).translate(None, defined):
        return  # a byte this page leaves undefined: never scored
    be = ByteEvidence(ev)
    assert 0.0 <= be.alphabet_cost(D._canon(page)) <= be.context_cost(D._canon(page))


def _declared_files() -> list[tuple[bytes, str, str, str]]:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    try:
        import detect as bench
    finally:
        sys.path.pop(0)
    out = []
    for _, _, data in bench.load_corpus(shared_path("detection", "char-dataset")):
        found = DC.declared_codec(data)
        if found is None:
            continue
        codec, decl = found
        label = decl.label
        try:
            text = data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            continue
        out.append((data, label, codec, text))
    return out


def test_the_check_answers_alike_with_and_without_the_bound(monkeypatch) -> None:
    files = _declared_files()
    assert len(files) > 250
    calls = [0]
    original = ByteEvidence.context_cost

    def counting(self: ByteEvidence, codec: str) -> float:
        calls[0] += 1
        return original(self, codec)

    monkeypatch.setattr(bytecontext.ByteEvidence, "context_cost", counting)
    with_bound = [O.declared_stands(*f) for f in files]
    scored = calls[0]
    monkeypatch.setattr(bytecontext.ByteEvidence, "alphabet_cost", lambda self, codec: 0.0)
    calls[0] = 0
    without = [O.declared_stands(*f) for f in files]
    assert with_bound == without
    assert scored <= 0.8 * calls[0], (scored, calls[0])  # measured: 703 pages' pairs, was 923
