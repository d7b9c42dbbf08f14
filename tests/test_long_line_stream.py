"""A file with a very long line is streamed by ``mojifix fix FILE`` with the whole file's
decisions, and comes out byte for byte as the held-whole repair (issue 20: one 38 MB line held
whole peaked at 370 MB, the budget is 100 MB + 3x the file).

``files.streamable.has_long_line`` sends a file (up to the streaming threshold) whose longest line
is over ``stream.LONG_LINE`` bytes through ``fix_file(..., hold=STREAM_THRESHOLD)``: the reading
is decode()'s on all the bytes, the file's kind and its encoding declaration are decided on the
whole text, the chain and gloss evidence is summed over every chunk. These tests prove the
output identical on long single lines of each kind (clean CJK, Latin, Cyrillic; mojibake of the
main chains; glosses; entities; zero-width; a mix; a legacy-encoded file; Markdown; HTML that
declares a legacy charset), cut into many small chunks so each line is cut at many places, and
through the CLI with the bound lowered.
"""

from __future__ import annotations

import io
import json
import re
import tracemalloc
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner

import mojifix
from conftest import shared_path
from mojifix.cli import main
from mojifix.files import stream, streamable

CHARS = 60_000  # characters per line: with 2,000-character chunks, cut about 30 times


@cache
def _words(lang: str) -> str:
    folder = shared_path("corpus", "manpages", lang)
    text = " ".join(p.read_text("utf-8").replace("\n", " ") for p in sorted(folder.glob("*.txt"))[:6])
    return " ".join(text.split())


def _line(lang: str, chars: int = CHARS) -> str:
    text = _words(lang)
    return (text * (chars // len(text) + 1))[:chars]


def _garbled(lang: str, original: str, read_as: str, chars: int = CHARS) -> str:
    """Sentences of ``lang`` encoded as ``original`` and read as ``read_as``, between clean
    stretches of the same language (one line)."""
    text = _line(lang, chars)
    pieces = []
    for i in range(0, len(text), 3000):
        clean, bad = text[i:i + 2000], text[i + 2000:i + 3000]
        pieces.append(clean + " " + bad.encode(original, "ignore").decode(read_as, "replace") + " ")
    return "".join(pieces)


def _sprinkled(lang: str, junk: list[str], every: int = 97) -> str:
    text = _line(lang)
    return "".join(text[i:i + every] + junk[(i // every) % len(junk)] for i in range(0, len(text), every))


GLOSSES = ["強(qiáng)調(diào)", "字(zì)", "當(dang)時(shi)", "我(wo)們(men)", "發展(fā zhǎn)"]
ENTITIES = ["&amp;", "&eacute;", "&#x27;", "&#40;", "&amp;amp;", "&nbsp;", "&lt;"]
ZW = ["\u200b", "\u2060", "\ufeff", "\u200d"]


def _cases() -> dict[str, bytes]:
    mixed = " ".join([_garbled("ru", "utf-8", "cp1252", 20_000), _sprinkled("zh_CN", GLOSSES)[:20_000],
                      _sprinkled("fr", ENTITIES)[:20_000], _sprinkled("ja", ZW)[:20_000],
                      _garbled("zh_CN", "utf-8", "gbk", 20_000)])
    return {
        "clean CJK": _line("zh_CN").encode(),
        "clean Latin": _line("fr").encode(),
        "clean Cyrillic": _line("ru").encode(),
        "utf-8 read as cp1252": _garbled("fr", "utf-8", "cp1252").encode(),
        "Russian utf-8 read as cp1252": _garbled("ru", "utf-8", "cp1252").encode(),
        "utf-8 read as gbk": _garbled("zh_CN", "utf-8", "gbk").encode(),
        "utf-8 read as shift_jis": _garbled("ja", "utf-8", "shift_jis").encode(),
        "utf-8 read as cp1251": _garbled("ru", "utf-8", "cp1251").encode(),
        "cp1251 read as cp1252": _garbled("ru", "cp1251", "cp1252").encode(),
        "gbk read as cp1252": _garbled("zh_CN", "gbk", "cp1252").encode(),
        # Garbled whole (no clean stretch to cut in: a new user's QA, only the first chunk of
        # a 3 MB line was repaired, the cuts fell inside characters): cut after spaces.
        "whole line: utf-8 read as koi8-r": _line("ru").encode().decode("koi8-r").encode(),
        "whole line: utf-8 read as cp1252": _line("de").encode().decode("cp1252", "replace").encode(),
        # (a space after a letter of the page may be half a character: ``à`` is C3 A0, read
        # ``Ã`` and a no-break space, made a space; no cut after it)
        "whole line: no-break spaces made spaces": _line("fr").encode().decode("cp1252", "replace")
        .replace("\xa0", " ").encode(),
        # (no ASCII before any space: Russian words only; a review) cut after KOI8-R's box letters
        "whole line: Russian words only read as koi8-r": " ".join(
            w for w in re.sub("[^а-яё ]+", " ", _line("ru").lower()).split()).encode().decode("koi8-r").encode(),
        "glossed": _sprinkled("zh_CN", GLOSSES).encode(),
        "entities": _sprinkled("fr", ENTITIES).encode(),
        "zero-width": _sprinkled("ja", ZW).encode(),
        "mixed": mixed.encode(),
        "legacy file (GBK bytes)": _line("zh_CN").encode("gbk", "ignore"),
        "legacy file (cp1251 bytes)": _line("ru").encode("cp1251", "ignore"),
        "Markdown": ("# T\n\n```\n" + _garbled("fr", "utf-8", "cp1252") + "\n```\n" + _line("de")).encode(),
        "JSON (minified)": json.dumps([{"id": i, "t": t} for i, t in enumerate([
            _garbled("fr", "utf-8", "cp1252", 30_000), _sprinkled("fr", ENTITIES)[:20_000],
            _sprinkled("ja", ZW)[:20_000]])], ensure_ascii=False).encode(),
        "HTML declaring cp1252": ('<html><head><meta charset="windows-1252"></head><body>'
                                  + _line("fr", 30_000) + "</body></html>").encode("cp1252", "ignore"),
    }


@pytest.fixture(scope="module")
def cases() -> dict[str, bytes]:
    return _cases()


NAMES = [  # (the names of _cases, without building the texts at collection)
    "clean CJK", "clean Latin", "clean Cyrillic", "utf-8 read as cp1252", "Russian utf-8 read as cp1252",
    "utf-8 read as gbk", "utf-8 read as shift_jis", "utf-8 read as cp1251", "cp1251 read as cp1252",
    "gbk read as cp1252", "whole line: utf-8 read as koi8-r", "whole line: utf-8 read as cp1252",
    "whole line: no-break spaces made spaces", "whole line: Russian words only read as koi8-r", "glossed", "entities", "zero-width", "mixed", "legacy file (GBK bytes)",
    "legacy file (cp1251 bytes)", "Markdown", "JSON (minified)", "HTML declaring cp1252",
]


def _whole(data: bytes) -> bytes:
    r = mojifix.repair_bytes(data)
    return r.text.encode("utf-8", "surrogateescape")


# Lines the chain search repairs: its plan is made per line, and a line cut into chunks may be
# repaired otherwise (these three were, before the refusal): the stream refuses them, nothing
# written, and the CLI holds the file whole.
# Markdown and HTML are repaired in one chunk (their protected spans are found on the whole
# text): refused too, streaming them would only hold their text once more.
REFUSED = {"utf-8 read as gbk", "utf-8 read as shift_jis", "cp1251 read as cp1252", "Markdown",
           "HTML declaring cp1252"}


@pytest.mark.parametrize("name", NAMES)
def test_a_long_line_streamed_with_whole_decisions_is_the_whole_repair(cases: dict[str, bytes], name: str) -> None:
    data = cases[name]
    out = io.BytesIO()
    # hold: the file's size (what the CLI passes); chunks of 2,000 characters: many cuts.
    def streamed() -> None:
        stream.repair_stream(io.BytesIO(data), out, chunk_chars=2000, lookback=1000, hold=len(data),
                             whole_or_refuse=True)

    if name in REFUSED:
        with pytest.raises(stream.CutRefused):
            streamed()
        assert out.getvalue() == b""
    else:
        streamed()
        assert out.getvalue() == _whole(data)


@pytest.mark.parametrize("name", ["mixed", "utf-8 read as gbk", "cp1251 read as cp1252", "HTML declaring cp1252",
                                  "legacy file (GBK bytes)"])
def test_fix_file_takes_the_long_line_road_and_writes_the_whole_repair(
        cases: dict[str, bytes], name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = cases[name]
    src, out = tmp_path / "line.txt", tmp_path / "out.txt"
    src.write_bytes(data)
    monkeypatch.setattr(stream, "LONG_LINE", 10_000)
    monkeypatch.setattr(stream, "CHUNK_CHARS", 4_000)
    taken = []
    real = stream.repair_stream

    def spy(*args, **kwargs):
        taken.append(kwargs.get("hold"))
        return real(*args, **kwargs)

    monkeypatch.setattr(stream, "repair_stream", spy)
    result = CliRunner().invoke(main, ["fix", str(src), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert taken == [stream.STREAM_THRESHOLD]  # streamed (or refused, then held whole)
    assert out.read_bytes() == _whole(data)
    # to stdout too
    result = CliRunner().invoke(main, ["fix", str(src)], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout_bytes == _whole(data)


def test_has_long_line_finds_the_longest_line(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    for body, expect in [(b"a" * 50 + b"\n" + b"b" * 101 + b"\n" + b"c", True),
                         (b"a\n" * 100 + b"b" * 100, False), (b"b" * 101, True),
                         (b"x" * 60 + b"\n" * 3 + b"y" * 60, False), (b"", False)]:
        path.write_bytes(body)
        assert streamable.has_long_line(str(path), bound=100) is expect, body[:20]
    # A line that spans read blocks.
    path.write_bytes(b"a\n" + b"z" * (3 * stream.READ_BYTES) + b"\nb")
    assert streamable.has_long_line(str(path), bound=2 * stream.READ_BYTES)
    assert not streamable.has_long_line(str(path), bound=4 * stream.READ_BYTES)
    assert not streamable.has_long_line(str(tmp_path / "missing.txt"), bound=1)


def test_fix_of_one_long_line_peaks_within_its_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The gain: ``fix FILE -o OUT`` of a 6 MB file that is one line of mixed damage peaks at
    about twice the file in-process (the whole text held in the first pass, for the file's kind
    and declaration, and a chunk; before: held whole and repaired in one piece, 7x)."""
    line = _cases()["mixed"].decode()
    data = ((line + " ") * (6_000_000 // len(line.encode()) + 1)).encode()
    src, out = tmp_path / "line.txt", tmp_path / "out.txt"
    src.write_bytes(data)
    monkeypatch.setattr(stream, "LONG_LINE", 1 << 20, raising=False)
    runner = CliRunner()
    small = tmp_path / "small.txt"
    small.write_bytes(data[:200_000])
    runner.invoke(main, ["fix", str(small), "-o", str(tmp_path / "o2.txt")])  # imports, tables
    tracemalloc.start()
    try:
        result = runner.invoke(main, ["fix", str(src), "-o", str(out)], catch_exceptions=False)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.exit_code == 0
    size = len(data)
    assert peak < 3.5 * size, f"{peak / size:.1f}x the file"


def test_no_cut_after_a_no_break_space_made_a_space() -> None:
    # ``à`` is C3 A0: read as windows-1252 and its no-break space made a space, ``voilà tout``
    # is ``voilÃ  tout``; a cut after the first space left ``voilÃ `` and `` tout`` apart, and
    # the streamed repair kept two spaces where the whole one has one (a review's case).
    doc = ("Il est allé à la gare, voilà tout, déjà vu à Paris. " * 60).encode().decode("cp1252")
    data = doc.replace("\xa0", " ").encode()
    whole = _whole(data)
    for chunk_chars in range(100, 400, 7):
        out = io.BytesIO()
        stream.repair_stream(io.BytesIO(data), out, chunk_chars=chunk_chars)
        assert out.getvalue() == whole, chunk_chars
