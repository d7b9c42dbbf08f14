"""Chunked (streamed) repair gives exactly the output of repairing the whole text at once."""

from __future__ import annotations

import io
import json

import pytest

import mojifix
from mojifix.files import stream
from mojifix.files.stream import find_cut, fix_file, iter_chunks, repair_stream


def streamed(data: bytes, **kw) -> tuple[str, stream.StreamResult]:
    out = io.BytesIO()
    result = repair_stream(io.BytesIO(data), out, **kw)
    return out.getvalue().decode("utf-8"), result


GARBLED_LINES = [
    "Le cafÃ© de la gare sert des crÃªpes &amp; du thÃ© depuis 1920.\n",
    "師市黨委書記、政委丁翊強(qiáng)調(diào)研團(tuán)鎮(zhèn)組團(tuán)經(jīng)濟(jì)發(fā)展工作\n",
    "Price: 10&#x20AC; &#59; shipping\u200b included.\n",
    "正常的中文句子保持不變：“引號”，（括號）。步行(walking)\n",
    "Привет, мир. â€œquotedâ€\x9d and ÐŸÑ€Ð¸Ð²ÐµÑ‚\n",
]


@pytest.mark.parametrize("read_bytes", [1, 3, 7, 64])
def test_boundary_inside_multibyte_characters(read_bytes):
    # Reads of 1-7 bytes split nearly every multi-byte character; the incremental decoder joins them.
    data = "".join(GARBLED_LINES * 3).encode("utf-8")
    got, result = streamed(data, chunk_chars=50, read_bytes=read_bytes)
    assert got == mojifix.fix_bytes(data)
    assert result.changed and result.encoding == "utf-8"


@pytest.mark.parametrize("chunk_chars", [24, 33, 64, 200])
def test_small_chunks_equal_whole(chunk_chars):
    data = "".join(GARBLED_LINES * 4).encode("utf-8")
    got, result = streamed(data, chunk_chars=chunk_chars, read_bytes=5)
    assert got == mojifix.fix_bytes(data)
    assert result.chunks > 1


def _long_line(piece: str, n: int) -> str:
    filler = "plain words and more plain words to make a quiet stretch of text "
    return (filler + piece + " ") * n


@pytest.mark.parametrize(
    "piece",
    ["強(qiáng)調(diào)", "&amp;&#x3B;&eacute;", "cafÃ©", "a\u200bb", "ÐŸÑ€Ð¸Ð²ÐµÑ‚ Ð¼Ð¸Ñ€"],
    ids=["gloss", "entity", "mojibake", "zero-width", "mojibake-run"],
)
def test_cut_inside_a_long_line_never_splits_a_repair(piece):
    # One line, no newline, many times longer than a chunk: the chunker must cut elsewhere.
    text = _long_line(piece, 40)
    data = text.encode("utf-8")
    got, result = streamed(data, chunk_chars=150, lookback=150, read_bytes=16)
    assert got == mojifix.fix_text(text)
    assert result.chunks > 10


def test_naive_cuts_would_split_repairs():
    # The property above is not vacuous: a fixed-size cut lands inside a gloss and an entity.
    text = _long_line("強(qiáng)調(diào) &amp;", 10)
    naive = "".join(mojifix.fix_text(text[i : i + 70]) for i in range(0, len(text), 70))
    assert naive != mojifix.fix_text(text)


def test_find_cut_avoids_specials():
    text = "x" * 100 + "字(zì)&amp;" + "y" * 100
    cut = find_cut(text, 105, lookback=105)
    assert cut <= 60 and text[cut - 1] == "x"


def test_iter_chunks_keeps_every_character():
    pieces = ["ab\ncd", "efgh", "\nij", "k"]
    chunks = list(iter_chunks(pieces, chunk_chars=4))
    assert "".join(chunks) == "".join(pieces)
    assert chunks[0] == "ab\n"


def test_toneless_glosses_decided_on_the_whole_file():
    # Page evidence (5 confirmed toneless glosses) is spread over chunks of one line each:
    # each chunk alone has too little evidence, the file as a whole has enough. (Running text:
    # a line of fully glossed words, ``當(dang)時(shi)``, is a learner's list, QA 26.)
    text = "當(dang)時(shi)在\n我(wo)們(men)說\n都(dou)好\n"
    data = text.encode("utf-8")
    assert mojifix.fix_bytes(data) == "當時在\n我們說\n都好\n"
    assert "".join(mojifix.fix_text(line) for line in text.splitlines(keepends=True)) == text
    got, result = streamed(data, chunk_chars=16)
    assert got == "當時在\n我們說\n都好\n"
    assert result.chunks == 3


def test_restore_evidence_decided_on_the_whole_file():
    # The glosses that prove the converter sit in the first chunk only; the later chunks hold
    # Traditional text with ASCII commas. Repaired whole, --restore converts every line; each
    # chunk must get that same decision (and the script share of the whole file).
    text = "強(qiáng)調(diào)發(fā)展(zhǎn)\n" + "這個國家,經濟發展很快\n" * 3
    data = text.encode("utf-8")
    whole = mojifix.fix_bytes(data, restore_original=True)
    assert whole == "强调发展\n" + "这个国家，经济发展很快\n" * 3
    alone = mojifix.fix_text("這個國家,經濟發展很快\n", restore_original=True)
    assert alone == "這個國家,經濟發展很快\n"  # no evidence in that chunk alone
    got, result = streamed(data, config=mojifix.Config(restore_original=True), chunk_chars=12)
    assert result.chunks >= 4  # the evidence is in the first chunk only
    assert got == whole


def test_markup_anywhere_keeps_entities_everywhere():
    text = "a &amp; b\n" * 5 + "<p class='x'>\n" + "c &amp; d\n"
    data = text.encode("utf-8")
    got, _ = streamed(data, chunk_chars=12)
    assert got == mojifix.fix_bytes(data) == text


def test_tag_spanning_two_chunks():
    text = "a &amp; b\n<p\nclass='x'>\nc\n"
    got, _ = streamed(text.encode(), chunk_chars=12)
    assert got == text


@pytest.mark.parametrize("encoding", ["gbk", "big5", "shift_jis", "cp1251", "utf-16", "utf-8-sig"])
def test_legacy_and_bom_encodings_stream(encoding):
    samples = {
        "gbk": "你好，世界。中文编码测试。\n",
        "big5": "繁體中文的編碼測試。\n",
        "shift_jis": "日本語のテキストです。\n",
        "cp1251": "Привет, мир! Это проверка.\n",
        "utf-16": "hello 世界\n",
        "utf-8-sig": "bom café\n",
    }
    data = (samples[encoding] * 40).encode(encoding)
    got, result = streamed(data, chunk_chars=30, read_bytes=7)
    whole = mojifix.repair_bytes(data)
    assert got == whole.text
    assert result.encoding == whole.encoding and result.bom == whole.bom


def test_binary_refused():
    data = bytes(range(256)) * 50
    with pytest.raises(mojifix.BinaryInputError):
        mojifix.fix_bytes(data)
    with pytest.raises(mojifix.BinaryInputError):
        streamed(data)


def test_fix_file_atomic(tmp_path):
    src = tmp_path / "in.txt"
    src.write_bytes("".join(GARBLED_LINES * 3).encode())
    dst = tmp_path / "out.txt"
    result = fix_file(str(src), str(dst), chunk_chars=40)
    assert dst.read_text("utf-8") == mojifix.fix_bytes(src.read_bytes())
    assert result.changed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt", "out.txt"]


def test_jsonl_has_one_road_the_clis(tmp_path):
    # Issue 17: `stream.fix_jsonl` (re-serialised every string of every record, raised on a bad
    # line) was a second JSONL road with the opposite contract, never called by the CLI. The one
    # road is `mojifix fix --jsonl --field F` (mojifix.files.jsonl.repair_jsonl): only the named field is
    # edited, in place in the line; every other byte, every unchanged record and every bad line
    # is kept as it was. (This test replaces the two that pinned fix_jsonl's contract.)
    import subprocess
    import sys

    assert not hasattr(stream, "fix_jsonl")
    rows = [
        {"id": 1, "text": "cafÃ© &amp; 強(qiáng)調(diào)", "meta": {"title": "â€œhiâ€\x9d"}},
        {"id": 2, "text": "clean “文本”", "n": [1, 2]},
    ]
    raw = b"".join(json.dumps(r, ensure_ascii=(i == 1)).encode() + b"\n" for i, r in enumerate(rows))
    raw += b"not json\n"
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_bytes(raw)
    proc = subprocess.run([sys.executable, "-m", "mojifix", "fix", "--jsonl", "--field", "text",
                           str(src), "-o", str(dst)], capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    first, second, bad, end = dst.read_bytes().split(b"\n")
    assert json.loads(first) == {**rows[0], "text": "café & 強調"}  # meta.title: not the field
    assert first == raw.split(b"\n")[0].replace(
        "cafÃ© &amp; 強(qiáng)調(diào)".encode(), "café & 強調".encode())
    assert second == raw.split(b"\n")[1] and bad == b"not json" and end == b""
    assert b"in.jsonl:3: invalid JSON" in proc.stderr


def test_jsonl_road_streams_in_bounded_memory():
    # The one road holds one record at a time: each output line is written before the next
    # input line is read, and what it keeps for the report does not grow with the number of
    # changed records (it kept one Finding per changed record per kind).
    import tracemalloc

    from mojifix.files.jsonl import repair_jsonl

    def lines(n, log):
        for i in range(n):
            if log is not None:
                log.append(("read", i))
            yield json.dumps({"id": i, "text": f"Tom &amp; Jerry {i}"}).encode() + b"\n"

    log: list = []
    res = repair_jsonl(lines(3, log), "text", mojifix.Config(),
                       write=lambda b: log.append(("write", json.loads(b)["id"])))
    assert log == [("read", 0), ("write", 0), ("read", 1), ("write", 1), ("read", 2), ("write", 2)]
    assert [(f.kind, f.count, f.summary) for f in res.findings] == [
        ("html-entities", 3, "html-entities in 3 records (3 in all)")]

    def peak(n):
        repair_jsonl(lines(50, None), "text", mojifix.Config())  # warm the fixers' imports
        tracemalloc.start()
        try:
            repair_jsonl(lines(n, None), "text", mojifix.Config())
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, big = peak(2000), peak(8000)  # was 0.7 MB and 2.8 MB
    assert big < small * 1.5 and big < 500_000, (small, big)


def test_cli_streams_big_files(tmp_path):
    import os
    import subprocess
    import sys

    src = tmp_path / "big.txt"
    src.write_bytes("".join(GARBLED_LINES * 30).encode())
    out = tmp_path / "out.txt"
    env = dict(os.environ, MOJIFIX_STREAM_THRESHOLD="100")
    proc = subprocess.run(
        [sys.executable, "-m", "mojifix", "fix", str(src), "-o", str(out)],
        capture_output=True, env=env, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert out.read_text("utf-8") == mojifix.fix_bytes(src.read_bytes())
    missing = subprocess.run(
        [sys.executable, "-m", "mojifix", "fix", str(tmp_path / "nope.txt")],
        capture_output=True, env=env, timeout=120,
    )
    assert missing.returncode == 2 and b"no such file" in missing.stderr


def test_gloss_evidence_counts_glosses_revealed_by_other_fixers():
    # "&#40;" decodes to "(" and a zero-width character hides a gloss: the first pass must
    # count what the gloss fixer will see, not the raw text.
    # (Running text: one glossed character a line, ``我(wo)``, is a learner's flashcards, QA 26.)
    text = "當&#40;dang)時\u200b(shi)在\n我(wo)說\n們(men)說\n都(dou)說\n"
    got, result = streamed(text.encode(), chunk_chars=23)
    assert result.chunks == 2
    assert "(dang)" in mojifix.fix_text(text.split("\n")[0] + "\n")  # too little evidence alone
    assert got == mojifix.fix_bytes(text.encode()) == "當時在\n我說\n們說\n都說\n"


def test_chain_evidence_is_summed_over_the_whole_file() -> None:
    # One sentence of UTF-8 read as GBK (``é`` -> ``茅``) is too little evidence on its own; two
    # in a file are enough. Streamed with the two in different chunks, the decision must be the
    # whole file's.
    bad = "O livro 茅 bom e 茅 caro, mas 茅 meu.\n"
    filler = "".join(f"Line {i} of plain text, nothing to repair here at all.\n" for i in range(40))
    data = (bad + filler + bad).encode("utf-8")
    whole = mojifix.fix_bytes(data)
    assert whole.count("O livro é bom") == 2
    got, result = streamed(data, chunk_chars=400)
    assert result.chunks > 2
    assert got == whole
