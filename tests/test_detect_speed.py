"""Issue 20: byte-encoding detection does less work per input, and the shortcuts it takes give
the very costs the long way gives.

1. A single-byte page's reading is scored from the evidence's byte pairs and byte histogram,
   counted once per input (``ByteEvidence``): equal to ``context_cost`` of the decoded
   evidence for every single-byte page that decodes it, on real files of char-dataset.
2. A new pair of characters is costed through the classes of its two characters: equal to
   ``_pair_cost`` on every pair the corpus's readings hold.
3. Branch and bound starts every candidate on a partial bound: on a CJK file, most of the
   single-byte pages are dismissed without their full per-character bound, and the decision
   is unchanged.
"""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import shared_path
from mojifix import detect_bytes
from mojifix.decoding import detect as D
from mojifix.scoring import bytecontext
from mojifix.scoring import detectscore as ds


def _corpus_files(per_label: int) -> list[tuple[str, bytes]]:
    root = shared_path("detection", "char-dataset")
    out = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and p.name != "None"):
        for f in sorted(folder.iterdir())[:per_label]:
            out.append((folder.name, f.read_bytes()))
    return out


def _single_byte_pages() -> list[str]:
    return [c for c, _ in D._ASCII_CANDIDATES if c not in D._MULTIBYTE]


def test_byte_evidence_equals_context_cost_of_the_decoded_evidence() -> None:
    checked = 0
    for label, data in _corpus_files(3):
        ev, _ = D.evidence(data)
        counted = bytecontext.ByteEvidence(ev)
        for codec in _single_byte_pages():
            try:
                text = ev.decode(codec)
            except UnicodeDecodeError:
                continue
            canon = D._canon(codec)
            assert abs(counted.context_cost(canon) - ds.context_cost(text, canon)) < 1e-6, (label, codec)
            checked += 1
    assert checked > 1000


def test_pair_costs_by_class_equal_pair_cost() -> None:
    pairs: set[str] = set()
    for _, data in _corpus_files(2):
        ev, _ = D.evidence(data)
        for codec, _ in D._ASCII_CANDIDATES:
            text = D._decode_tolerant(ev, codec)
            if text:
                pairs.update(map(str.__add__, text, text[1:]))
    table = ds._PairCosts()
    for pair in pairs:
        key = int.from_bytes(pair.encode(ds._UTF32), sys.byteorder)
        assert table[key] == ds._pair_cost(pair), repr(pair)
    assert len(table.by_class) < len(pairs) / 10  # the point: few class pairs, many pairs


def test_cjk_files_dismiss_single_byte_pages_on_their_partial_bound(monkeypatch) -> None:
    full: list[str] = []
    original = D._Ranker._full_bound

    def counting(self: D._Ranker, codec: str, text: str | None) -> float:
        full.append(codec)
        return original(self, codec, text)

    monkeypatch.setattr(D._Ranker, "_full_bound", counting)
    root = shared_path("detection", "char-dataset")
    single = set(_single_byte_pages())
    files = 0
    for label in ("big5", "gb2312", "euc_kr", "shift_jis"):
        for path in sorted(Path(root, label).iterdir())[:5]:
            data = path.read_bytes()
            d = detect_bytes(data)
            assert d.text == data.decode(label), path.name
            files += 1
    # Before: every single-byte page was bounded in full on every file (780 here); now 38 (a
    # short file, whose few CJK characters leave the pages close, takes most of them).
    assert len([c for c in full if c in single]) <= files * len(single) // 10
