"""Issue 20: the strict decodes under detection, and the mostly-UTF-8 counts before it, do less
work and give the very answers the long way gave.

1. A candidate code page's strict decode is one ``bytes.decode``: detection of a whole input
   makes no incremental decoder (it made one per multi-byte candidate), and the answer for
   every codec equals the incremental decoder's, cut inputs included.
2. The mostly-UTF-8 counts drop the invalid bytes instead of escaping and counting them: no
   ``surrogateescape`` decoder, and the same counts and first invalid byte as the escaping way.
"""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mojifix.decoding import decode as DD
from mojifix.decoding import detect as D
from mojifix.decoding import tolerant
from mojifix.decoding.cjkpages import strict_errors
from mojifix.decoding.utf8counts import surely_not_utf8
from mojifix.errors import DecodeError

_CODECS = [c for c, _ in D.CANDIDATES] + [c for c, _ in D.ESCAPE_CANDIDATES]


def _incremental_only(data: bytes, codec: str) -> str | None:
    """The strict decode as it was: an incremental decoder for every codec that can cut a
    character, a trailing cut character forgiven as U+FFFD."""
    if codec not in tolerant._MULTIBYTE and codec not in tolerant._STATEFUL:
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            return None
    # (gbk: a lone 0x80 is Windows' euro, decoding/cjkpages.py)
    decoder = codecs.getincrementaldecoder(codec)(strict_errors(codec))
    try:
        text = decoder.decode(data, final=False)
    except UnicodeDecodeError:
        return None
    pending = decoder.getstate()[0]
    if pending == b"\x80" and strict_errors(codec) != "strict":
        return text + "\u20ac"  # (a last lone 0x80 is the euro, not a cut character)
    if pending:
        if len(pending) > 3:
            return None
        text += "\ufffd"
    return text


def _count_decoders(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, tuple[object, ...]]]:
    made: list[tuple[str, tuple[object, ...]]] = []
    original = codecs.getincrementaldecoder

    def counting(name: str):  # type: ignore[no-untyped-def]
        cls = original(name)

        def make(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
            made.append((name, args))
            return cls(*args, **kwargs)

        return make

    monkeypatch.setattr(codecs, "getincrementaldecoder", counting)
    return made


RUSSIAN = ("Съешь же ещё этих мягких французских булок, да выпей чаю. " * 20).encode("cp1251")
CHINESE = ("中文编码检测需要足够的证据，才能分辨简体与繁体。" * 20).encode("gbk")


@pytest.mark.parametrize("data, expected", [(RUSSIAN, "windows-1251"), (CHINESE, "gb2312")])
def test_detecting_a_whole_input_makes_no_incremental_decoder(monkeypatch, data, expected) -> None:
    made = _count_decoders(monkeypatch)
    found = D.detect(data, second_opinion=False)
    assert found is not None and found.encoding == expected
    assert made == []  # before: one per multi-byte candidate that decoded the evidence


def test_an_input_cut_inside_its_last_character_still_reads_with_a_replacement(monkeypatch) -> None:
    made = _count_decoders(monkeypatch)
    found = D.detect(CHINESE[:-1], second_opinion=False)
    assert found is not None and found.encoding == "gb2312"
    assert found.text == CHINESE[:-2].decode("gbk") + "\ufffd"
    assert made  # the cut needs the incremental decoder: only then is one made


_PIECES = [RUSSIAN[:40], CHINESE[:40], "日本語のテキストです".encode("shift_jis"),
           "한국어 문장입니다".encode("euc_kr"), "日本語".encode("iso2022_jp"),
           "テキスト".encode("utf-16-le"), b"caf\xe9 \x81\x8d\x8f\x90"]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=40),
                 st.tuples(st.sampled_from(_PIECES), st.integers(0, 40)).map(lambda p: p[0][: p[1]])))
def test_the_strict_decode_equals_the_incremental_decoders_for_every_candidate(data: bytes) -> None:
    for codec in _CODECS:
        expected = _incremental_only(data, codec)
        odd = tolerant._NOT_ASCII_READINGS.get(codec, ())
        if expected is not None and any(c in expected for c in odd):
            expected = None  # shift_jis_2004 reading ASCII bytes as ¥ or ‾: no candidate
        assert tolerant._decode_tolerant(data, codec) == expected, codec


def _escaped_counts(data: bytes) -> tuple[int, int, tuple[int, int]]:
    """The mostly-UTF-8 counts as they were: every invalid byte escaped, then counted."""
    text = data.decode("utf-8", "surrogateescape")
    escaped = [i for i, ch in enumerate(text) if "\udc80" <= ch <= "\udcff"]
    ascii_bytes = sum(b < 0x80 for b in data)
    first = (0, 0)
    if escaped:
        first = (len(text[: escaped[0]].encode("utf-8", "surrogateescape")),
                 ord(text[escaped[0]]) - 0xDC00)
    return len(escaped), len(text) - ascii_bytes - len(escaped), first


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.binary(max_size=6), st.text(max_size=6).map(str.encode)), max_size=12)
       .map(b"".join))
def test_the_mostly_utf8_counts_equal_the_escaping_counts(data: bytes) -> None:
    bad, multibyte, first = DD._utf8_counts(data)
    want_bad, want_multibyte, want_first = _escaped_counts(data)
    assert (bad, multibyte) == (want_bad, want_multibyte)
    if bad:
        assert first() == want_first


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.binary(max_size=6), st.text(max_size=6).map(str.encode)), max_size=16)
       .map(b"".join), st.integers(min_value=0, max_value=24))
def test_a_prefix_says_not_utf8_only_where_the_whole_count_does(data: bytes, prefix: int) -> None:
    """surely_not_utf8 (issue 20: legacy files decided on their first 4 KiB) never says "not
    UTF-8" where the rule on the whole counts would keep the bytes as UTF-8 or ask."""
    if surely_not_utf8(data, prefix):
        bad, multibyte, first = DD._utf8_counts(data)
        assert DD._mostly_utf8_verdict(bad, multibyte, first) is None


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=64).map(lambda b: bytes(x | 0x80 if x & 1 else x for x in b)),
       st.integers(min_value=0, max_value=70), st.sampled_from([1, 2, 3, 8, 1 << 16]),
       st.one_of(st.none(), st.integers(min_value=0, max_value=70)))
def test_the_lead_pairs_are_counted_as_a_walk_counts_them(data: bytes, start: int, block: int,
                                                         stop: int | None) -> None:
    """The big-integer count (issue 20) is the plain count of bytes C0-FF followed by one
    80-BF from ``start`` to ``stop`` (the lead in that range, its follower anywhere), in
    blocks of any size up to the mask's (pairs across blocks too); the counts after each
    stage's end (surely_not_utf8's bounds) are those counts."""
    from unittest import mock

    from mojifix.decoding import utf8counts

    end = len(data) if stop is None else min(stop, len(data))
    want = sum(data[i] >= 0xC0 and 0x80 <= data[i + 1] < 0xC0
               for i in range(start, min(end, len(data) - 1)))
    with mock.patch.object(utf8counts, "_HIGH_BLOCK", block):
        assert utf8counts._lead_pairs(data, start, stop) == want
        ends = utf8counts._stage_ends(data, start)
        assert utf8counts._pairs_after(data, ends) == [utf8counts._lead_pairs(data, e) for e in ends]


def test_a_legacy_file_is_told_from_its_prefix(monkeypatch) -> None:
    data = ("Съешь же ещё этих мягких французских булок. " * 400).encode("cp1251")
    assert surely_not_utf8(data)
    made = _count_decoders(monkeypatch)
    assert DD._mostly_utf8(data) is None
    assert len(made) == 1  # the prefix's decoder only: the whole file is not counted
    mostly = ("naïve café " * 500).encode("utf-8") + b"\xe9"
    assert not surely_not_utf8(mostly) and DD._mostly_utf8(mostly) is not None


def test_the_mostly_utf8_counts_escape_no_byte(monkeypatch) -> None:
    made = _count_decoders(monkeypatch)
    data = ("naïve café " * 50).encode("utf-8") + b"\xe9" + CHINESE
    assert DD._mostly_utf8(data) is None
    assert made and all("surrogateescape" not in args for _, args in made)


def test_the_mostly_utf8_error_names_the_first_invalid_byte() -> None:
    with pytest.raises(DecodeError, match=r"2 byte\(s\) are not \(first 0xE9 at byte 11\)"):
        DD.decode("naïve ☃ ".encode() + b"\xe9 caf\xe9 " + "ö ü".encode())


def test_the_single_byte_sweep_reads_prebuilt_tables(monkeypatch) -> None:
    """The 45 single-byte pages' byte costs are built once, not fetched per input and page:
    only the pages still in the running after their partial bound look theirs up again."""
    D.detect(RUSSIAN, second_opinion=False)  # tables built
    pages = [c for c, _ in D._ASCII_CANDIDATES if c not in tolerant._MULTIBYTE]
    looked_up: list[str] = []
    original = D._byte_costs

    def counting(codec: str):  # type: ignore[no-untyped-def]
        looked_up.append(codec)
        return original(codec)

    monkeypatch.setattr(D, "_byte_costs", counting)
    found = D.detect(RUSSIAN, second_opinion=False)
    assert found is not None and found.encoding == "windows-1251"
    # Before: every page in the sweep, then again each one its full bound (75 here); then only
    # the full bounds (30 here); now none: each page's costs are read in one call once built.
    assert len(looked_up) < len(pages) and looked_up == []


# Bytes of every UTF-8 role: ASCII, continuation bytes, 2-, 3- and 4-byte leads, and the bytes
# that lead nothing (C0, C1, F5-FF).
_ROLES = st.lists(st.sampled_from([0x41, 0x20, 0x0A, 0x80, 0xA9, 0xBF, 0xC3, 0xDF, 0xE4, 0xED, 0xF0,
                                   0xF4, 0xC0, 0xC1, 0xF5, 0xFF]), max_size=60).map(bytes)


@settings(max_examples=400, deadline=None)
@given(_ROLES)
def test_no_utf8_sequence_means_no_mostly_utf8_reading(data: bytes) -> None:
    """decode() skips the mostly-UTF-8 test where the mixed-lines check found no multi-byte
    UTF-8 sequence at all (issue 20: 187 of char-dataset's legacy files): exact, because that
    test says yes (or asks) only from 3 valid multi-byte characters up."""
    from mojifix.decoding.mixedlines import NO_SEQUENCE, utf8_with_legacy_lines

    try:
        data.decode("utf-8")
        return  # (valid UTF-8 never gets that far)
    except UnicodeDecodeError:
        pass
    if utf8_with_legacy_lines(data) is NO_SEQUENCE:
        assert DD._mostly_utf8(data) is None
