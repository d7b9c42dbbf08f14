"""Issue 20, detection faster than chardet: work left out where it cannot change an answer.

1. chardet is asked with its own codec names (``compat_names=False``) and mojifix applies the
   renaming itself: the opinion per codec is the one the compatible names gave (on every
   window of char-dataset, on bytes made up by hypothesis), and the renaming table is
   chardet's own.
2. A declaration's rivals (:func:`mojifix.decoding.overrule.declared_stands`) are scored last,
   nearest bound first, and only while one could be the nearest: the same (text, codec,
   confidence) as scoring every rival in full (a reference written out below), on every
   declared file of char-dataset, whole and windowed, and on made-up declared pages; and fewer
   rivals are scored in full.
"""

from __future__ import annotations

import codecs
import math
import operator
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import shared_path
from mojifix.decoding import declared as DECL
from mojifix.decoding import overrule as O
from mojifix.decoding import voters as V
from mojifix.decoding.detect import _MB_CANDIDATES, _canon, _page_costs, _single_byte_pages
from mojifix.decoding.nonascii import evidence
from mojifix.decoding.tolerant import _decode_tolerant, admitted
from mojifix.scoring import bytecontext as BC
from mojifix.scoring.bytecontext import ByteEvidence, gather
from mojifix.scoring.detectscore import evidence_cost

chardet = pytest.importorskip("chardet")


def _corpus() -> list[tuple[str, str, bytes]]:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    try:
        import detect as bench
    finally:
        sys.path.pop(0)
    items = bench.load_corpus(shared_path("detection", "char-dataset"))
    return [(f"{size} {path}", "", bench.window(data, size) if size else data)
            for size in (0, 32, 16) for _, path, data in items]


# -- 1. chardet's names ----------------------------------------------------------------------

def _opinion_with_compat_names(data: bytes) -> dict[str, float]:
    """The opinion as it was computed from chardet's compatible names (the road before)."""
    opinion: dict[str, float] = {}
    for r in chardet.detect_all(data, ignore_threshold=True):
        if not r["encoding"]:
            continue
        try:
            codec = codecs.lookup(r["encoding"]).name
        except LookupError:
            continue
        opinion[codec] = max(opinion.get(codec, 0.0), float(r["confidence"] or 0.0))
    for family in V._CJK_FAMILIES:
        vote = max(opinion.get(n, 0.0) for n in family)
        if vote:
            opinion.update(dict.fromkeys(family, vote))
    top = max(opinion.values(), default=0.0)
    return {k: v / top for k, v in opinion.items()} if top > 0 else {}


def test_the_renaming_table_is_chardets() -> None:
    from chardet.output_names import _COMPAT_NAMES, NARROWER_DISPLAY_NAMES

    assert {k: codecs.lookup(_COMPAT_NAMES[k]).name for k in NARROWER_DISPLAY_NAMES} == V._NARROWER
    # Every other compatible name is a spelling of the codec itself.
    assert all(codecs.lookup(k).name == codecs.lookup(v).name
               for k, v in _COMPAT_NAMES.items() if k not in NARROWER_DISPLAY_NAMES)


def test_the_opinion_is_the_one_the_compatible_names_gave_on_char_dataset() -> None:
    differ = [key for key, _, data in _corpus() if not key.startswith("0 ")
              and V._chardet_opinion(data) != _opinion_with_compat_names(data)]
    assert not differ, differ[:5]


@pytest.mark.parametrize("text,codec", [
    ("森鷗外の小説を読む。", "euc_jis_2004"),   # 鷗: JIS X 0213 only (EUC-JP cannot)
    ("森鴎外の小説を読む。", "euc_jp"),
    ("森鷗外の小説を読む。", "shift_jis_2004"),
    ("日本語の文章です。", "shift_jis"),
    ("香港增補字符集的字：㗎", "big5hkscs"),
])
def test_the_narrower_names_are_given_only_where_that_standard_decodes(text: str, codec: str) -> None:
    data = text.encode(codec)
    assert V._chardet_opinion(data) == _opinion_with_compat_names(data)


@settings(max_examples=60, deadline=None)
@given(st.binary(min_size=1, max_size=48))
def test_the_opinion_is_the_same_on_any_bytes(data: bytes) -> None:
    assert V._chardet_opinion(data) == _opinion_with_compat_names(data)


# -- 2. a declaration's rivals ---------------------------------------------------------------

def _stands_in_full(data: bytes, label: str, codec: str, text: str):  # type: ignore[no-untyped-def]
    """declared_stands with every rival scored as the code before the lazy order scored it
    (its result: None in doubt, else (text, codec, confidence))."""
    # The declared readings and the winner: the function's own steps, run to the rivals.
    calls: dict[str, object] = {}
    original = O._narrowest_alike

    def spy(data, winner, fulls, alike):  # type: ignore[no-untyped-def]
        calls.update(winner=winner, fulls=fulls)
        return original(data, winner, fulls, alike)

    O._narrowest_alike = spy  # type: ignore[assignment]
    try:
        lazy = O.declared_stands(data, label, codec, text)
    finally:
        O._narrowest_alike = original  # type: ignore[assignment]
    if "winner" not in calls:
        return lazy, None  # in doubt (or exotic) before any rival: nothing lazy ran
    winner, fulls = calls["winner"], calls["fulls"]
    declared = list(fulls)  # type: ignore[call-overload]
    ev, cut = evidence(data)

    def read(k: str) -> str | None:
        t = _decode_tolerant(ev, k)
        return t[:-1] if cut and t is not None and t.endswith("\ufffd") else t

    counts = Counter(ev.translate(None, bytes(range(128))))
    seen = bytes(sorted(counts))
    ns = list(map(counts.__getitem__, seen))
    costs_of, pages, bev = gather(seen), _page_costs(), ByteEvidence(ev, (seen, ns))
    mine = {}
    for k in declared:
        t = read(k)
        if t is None or t in mine:
            continue
        mine[t] = (sum(map(operator.mul, ns, costs_of(pages[k]))) + bev.context_cost(_canon(k))
                   if k in pages else evidence_cost(t, _canon(k)))
    best = mine[read(winner)]  # type: ignore[arg-type]
    nearest = math.inf
    for k, prior in _MB_CANDIDATES:
        t = None if k in declared else read(k)
        if t is None or t in mine or not admitted(k, t, lambda n: read(n) is not None):
            continue
        lb = O.char_cost(t, _canon(k))  # (through the module: a test counts the calls)
        if lb < best:
            lb = evidence_cost(t, _canon(k), chars=lb)
            if lb < best:
                return lazy, None
        nearest = min(nearest, lb + prior)
    top = sorted(range(len(ns)), key=ns.__getitem__, reverse=True)[:O.PARTIAL_BYTES]
    top_costs = gather(bytes(seen[i] for i in top))
    for k, prior, costs, defined in _single_byte_pages():
        if k in declared or (defined and seen.translate(None, defined)):
            continue
        lb = sum(map(operator.mul, [ns[i] for i in top], top_costs(costs)))
        if lb < best + O.SURE:
            lb = sum(map(operator.mul, ns, costs_of(costs)))
            if lb < best + O.SURE:
                t = read(k)
                if t is None or t in mine:
                    continue
                lb += bev.context_cost(_canon(k))
                if lb < best:
                    return lazy, None
        nearest = min(nearest, lb + prior)
    if math.isinf(nearest):
        return lazy, O.FLOOR
    margin = nearest - best - O._ORDER[winner][0]  # type: ignore[index]
    return lazy, max(O.FLOOR, round(1.0 - math.exp(-margin / 4.0), 3))


def _check(data: bytes) -> bool | None:
    """Whether the lazy road gives the full road's answer (None: no usable declaration)."""
    found = DECL.declared_codec(data)
    if found is None:
        return None
    codec, decl = found
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    lazy, confidence = _stands_in_full(data, decl.label, codec, text)
    if confidence is None:
        return lazy is None
    return lazy is not None and lazy[2] == confidence


def test_the_lazy_rivals_give_the_full_answer_on_char_dataset() -> None:
    checked, differ = 0, []
    for key, _, data in _corpus():
        try:
            data.decode("utf-8")
            continue
        except UnicodeDecodeError:
            pass
        same = _check(data)
        if same is not None:
            checked += 1
            if not same:
                differ.append(key)
    assert checked > 300
    assert not differ, differ[:5]


CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
LATIN = "àáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿąćęłńśźżčďěňřšťůž"
PAGES = ["windows-1251", "koi8-r", "iso-8859-5", "windows-1250", "iso-8859-2", "windows-1252",
         "iso-8859-15", "windows-1257", "cp866"]


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(PAGES),
       st.lists(st.text(alphabet=CYRILLIC + LATIN + "abc", min_size=1, max_size=9),
                min_size=1, max_size=40),
       st.sampled_from(PAGES))
def test_the_lazy_rivals_give_the_full_answer_on_any_declared_page(
        codec: str, words: list[str], label: str) -> None:
    body = " ".join(words).encode(codec, "ignore")
    data = b'<html><head><meta charset="' + label.encode() + b'"></head><body>' + body + b"</body>"
    assert _check(data) is not False


@pytest.mark.parametrize("path,spied", [
    ("euc_jp/bphrs.net.xml", "char_cost"),
    ("iso8859_2/hirtv.hu.xml", "context_cost"),
])
def test_fewer_rivals_are_scored_in_full(monkeypatch: pytest.MonkeyPatch, path: str,
                                         spied: str) -> None:
    """The point of the order: fewer multi-byte rivals costed on all their characters (a
    Japanese page), fewer single-byte pages' context parts (a Hungarian one) than in full."""
    data = shared_path("detection", "char-dataset", path).read_bytes()
    calls: list[object] = []
    if spied == "char_cost":
        original = O.char_cost
        monkeypatch.setattr(O, "char_cost", lambda t, c="": calls.append(len(t)) or original(t, c))
        full_costs = lambda: [n for n in calls if n > 2 * O.PARTIAL_CHARS]  # noqa: E731
    else:
        original_ctx = BC.ByteEvidence.context_cost
        monkeypatch.setattr(BC.ByteEvidence, "context_cost",
                            lambda self, c: calls.append(c) or original_ctx(self, c))
        full_costs = lambda: calls  # noqa: E731
    found = DECL.declared_codec(data)
    assert found is not None
    text = data.decode(found[0])
    lazy = O.declared_stands(data, found[1].label, found[0], text)
    assert lazy is not None
    alone = len(full_costs())
    calls.clear()
    again, confidence = _stands_in_full(data, found[1].label, found[0], text)
    assert again == lazy and confidence == lazy[2]
    in_full = len(full_costs()) - alone  # the reference ran the lazy road first, then its own
    assert alone < in_full, (alone, in_full)


# -- 3. EBCDIC's spaces looked for, not counted -----------------------------------------------

def _ebcdic_counted(sample: bytes) -> bool:
    at = sample.count(b"@")
    return at >= max(2, len(sample) // 32) and at > 2 * sample.count(b" ")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([b"@", b" ", b"a", b"\xc1", b"@@@@"]), max_size=400).map(b"".join))
def test_ebcdic_spaces_looked_for_are_the_ones_counted(sample: bytes) -> None:
    from mojifix.decoding.detect import ebcdic_spaced

    assert ebcdic_spaced(sample) == _ebcdic_counted(sample)


def test_an_ebcdic_page_is_still_told() -> None:
    from mojifix.decoding.detect import ebcdic_spaced

    text = "Dies ist ein Text in EBCDIC, mit Leerzeichen und Umlauten: äöü. " * 20
    assert ebcdic_spaced(text.encode("cp500"))
    assert not ebcdic_spaced(text.encode("cp1252"))
    assert not ebcdic_spaced(b"user@example.org " * 100)  # many @, more spaces
