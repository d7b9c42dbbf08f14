"""Issue 20, the detect-speed round: less work per input, the very answers.

1. ``nonascii.evidence`` settles on the words read so far when their runs (the last word and the
   last run left out) fill the limit: whatever words follow, the evidence is the same.
2. ``classcodes.class_codes`` gives the pair-class numbers ``str.translate`` gives, a block of
   code points at a time; the blocks it reads by their high byte alone have one class.
3. ``pagefloors.page_floors`` is a floor under every single-byte page's float sum, and
   ``units``/``floor_of`` keep on the safe side of it.
4. ``bytecontext.ByteEvidence`` counts a page's costly class pairs alone: the very float.
(The answers on char-dataset, whole and windowed: ``test_detect_pagetables.py``.)
"""

from __future__ import annotations

import operator
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from mojifix.decoding import nonascii
from mojifix.decoding.detect import _single_byte_pages
from mojifix.decoding.pagefloors import floor_of, page_floors, units
from mojifix.scoring import classcodes
from mojifix.scoring import detectscore as ds
from mojifix.scoring.bytecontext import gather

_WORD_BYTES = st.sampled_from([b"a", b"1", b"<", b",", b"\x80", b"\xe9", b"\xff", b"\xd0\xb8",
                               b"\xc3\xa9", b"7\xa1"])
_WORDS = st.lists(st.lists(_WORD_BYTES, min_size=1, max_size=8).map(b"".join), max_size=40)


def _whole(words: list[bytes], limit: int) -> tuple[bytes, bool]:
    return nonascii._upto(b"\x00".join(nonascii._BYTE_RUN.findall(b" ".join(words))), limit)


@settings(max_examples=2000, deadline=None)
@given(_WORDS, _WORDS, st.integers(min_value=1, max_value=60), st.integers(min_value=0, max_value=8))
def test_settled_evidence_is_the_evidence_of_any_words_after(first: list[bytes], then: list[bytes],
                                                             limit: int, cut: int) -> None:
    """Whatever words follow; and where the last word read was cut by a round's end (``cut``
    bytes short), it is read again whole after (_resume takes the cut one back)."""
    later = [*first, *then]
    if first and cut:
        first = [*first[:-1], first[-1][: max(1, len(first[-1]) - cut)]]
    settled = nonascii._settled(first, limit)
    if settled is not None:
        assert settled == _whole(later, limit)


def test_the_evidence_is_the_same_with_and_without_settling(monkeypatch) -> None:
    """On random files of words, limits down to 1 (rounds ending inside words): settling early
    changes nothing -- without it, the words of 2 x limit are read as before."""
    rnd = random.Random(20)
    pieces = [b" ", b"\n", b"a", b"1", b"\xe9", b"\xc3\xa9", b"\x80", b"\xff", b"\t", b"\xd0\xb8"]
    cases = []
    for _ in range(2000):
        vocab = [b"".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 9))) for _ in range(20)]
        data = b" ".join(rnd.choice(vocab) for _ in range(rnd.choice([3, 30, 300, 3000])))
        for limit in (1000, 37, 5, 1):
            cases.append((data, limit, nonascii.evidence(data, limit)))
    monkeypatch.setattr(nonascii, "_settled", lambda words, limit: None)
    for data, limit, settled in cases:
        assert nonascii.evidence(data, limit) == settled


def test_the_blocks_read_by_their_high_byte_have_one_class() -> None:
    for block in classcodes.UNIFORM_BLOCKS:
        classes = {ds._pair_class(chr((block << 8) | low)) for low in range(256)}
        assert len(classes) == 1, hex(block)


_CHARS = st.sampled_from(list("aZ9 ,.\x00\n\t") + list("éñßÆ€“”‘’«»…—") + list("жЖёЁαΩשא")
                         + list("中文字國語한국어가各は、。「」ガｱ１") + ["\u2500", "\u00a0", "\ud7a3",
                         "\ud7b0", "\u3000", "\uff61", "\U0002000b", "\u0301", "\u05b0"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(_CHARS, max_size=300).map("".join))
def test_the_class_codes_are_the_translated_numbers(text: str) -> None:
    codes = classcodes.class_codes(text, ds._CLASS_CHARS)
    if codes is None:
        assert any(ord(c) > 0xFFFF for c in text)
    else:
        assert codes == text.translate(ds._CLASS_CHARS).encode("latin-1")


def test_the_page_floors_are_below_every_pages_sum() -> None:
    rnd = random.Random(7)
    pages = _single_byte_pages()
    for _ in range(300):
        seen = bytes(sorted(rnd.sample(range(128, 256), rnd.randint(1, 100))))
        ns = [rnd.choice([1, 1, 2, 3, 7, 40]) for _ in seen]
        floors = page_floors(ns, gather(seen))
        assert floors is not None
        for i, (_, _, costs, _) in enumerate(pages):
            exact = sum(map(operator.mul, ns, gather(seen)(costs)))
            assert floor_of(floors[i]) <= exact
            line = rnd.uniform(0, 2 * exact) if exact < float("inf") else 1e6
            if floors[i] >= units(line):
                assert exact >= line
    assert page_floors([4096], gather(b"\xe9")) is None  # too many to pack: exact sums only


_EVIDENCE = st.lists(st.sampled_from([0, 0x20, 0x41, 0x61, 0x31, 0x2C, 0x3C, 0xA0, 0xAB, 0xBB,
                                      0xC0, 0xE0, 0xE9, 0xF0, 0xFF, 0x80, 0x93, 0x94, 0xB8, 0xD7]),
                     max_size=120).map(bytes)


@settings(max_examples=1500, deadline=None)
@given(_EVIDENCE)
def test_a_pages_pair_sum_is_the_pair_by_pair_sum(ev: bytes) -> None:
    """ByteEvidence counts only the costly class pairs of each page's reading (issue 20): the
    very float of context_cost on the decoded evidence, pair by pair, on every page."""
    from mojifix.decoding.detect import _canon
    from mojifix.scoring.bytecontext import ByteEvidence

    counted = ByteEvidence(ev)
    for codec, _, _, _ in _single_byte_pages():
        try:
            text = ev.decode(codec)
        except UnicodeDecodeError:
            continue
        assert counted.context_cost(_canon(codec)) == ds.context_cost(text, _canon(codec)), codec


@settings(max_examples=1000, deadline=None)
@given(st.lists(_CHARS, min_size=90, max_size=400).map("".join),
       st.sampled_from(["gbk", "big5", "cp932", "euc_kr", "windows-1252"]))
def test_a_long_readings_context_cost_is_the_pair_by_pair_sum(text: str, codec: str) -> None:
    """Long readings' pairs (classcodes.pair_sum: the costly class pairs alone) cost what each
    pair of characters costs, summed one by one: the very float. And what three in a row cost
    beyond their pairs (a guillemet between letters), counted overlapping."""
    from collections import Counter

    by_pair = sum(ds._pair_cost(text[i:i + 2]) for i in range(len(text) - 1))
    by_pair += sum(ds._triple_cost(*text[i - 1:i + 2]) for i in range(1, len(text) - 1))
    found = ds._EU_LETTERS.findall(text)
    letters = ds._alphabet_penalty(Counter(found), "") if found else 0.0
    assert ds.context_cost(text, codec) == by_pair + (letters + ds.shape_cost(text, codec))
