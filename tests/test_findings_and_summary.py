"""Issue 21: findings say what happened, per document (one finding per chain, named as a person
would say it, with characters changed and lost), and the run ends with a summary table."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import mojifix
from mojifix.config import Config

SRC = str(Path(__file__).resolve().parents[1] / "src")

# One document, garbled once: UTF-8 read as windows-1252. The first line needs windows-1252
# (its quotes are bytes 0x80-0x9F); the second reads the same through latin-1, so ftfy names it
# latin-1 (the old report: "windows-1252 (3 spans)" and "latin-1 (3 spans)").
ORIGINAL = "“Smart quotes” and the café\nnaïve résumé\n"
GARBLED = ORIGINAL.encode().decode("windows-1252", "replace").replace("\ufffd", "\x9d")
ONE_CHAIN = "UTF-8 read as windows-1252: 6 places, 6 characters changed"


def cli(*args: str, cwd: Path, input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": SRC, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "mojifix", *args], cwd=cwd, input=input,
                          capture_output=True, timeout=120, env=env)


# -- item 1: one finding per chain, named as a person says it, with changed and lost ----------


def test_one_garbling_is_one_finding_with_changed_and_lost_counts() -> None:
    r = mojifix.repair_text(GARBLED)
    assert r.text == ORIGINAL
    (f,) = [f for f in r.findings if f.kind == "mojibake"]
    assert f.to_dict() == {
        "kind": "mojibake", "summary": ONE_CHAIN, "count": 6, "confidence": 0.9,
        "chain": ["utf-8", "windows-1252"], "evidence": ["'â€œ' -> '“'"], "fixed": True,
        "changed": 6, "lost": 0,
    }


def test_latin1_stays_latin1_without_windows_1252_evidence_and_lost_is_counted() -> None:
    (f,) = mojifix.repair_text("cafÃ© and naÃ¯ve\n").findings
    assert (f.summary, f.chain, f.changed, f.lost) == (
        "UTF-8 read as Latin-1: 2 places, 2 characters changed", ("utf-8", "latin-1"), 2, 0)
    # A character the garbling destroyed (U+FFFD) is counted as lost, not as changed.
    (f,) = mojifix.repair_text("The â€œquickâ€\x9d fox\nsaid Ã\ufffd\n").findings
    assert (f.summary, f.changed, f.lost) == (
        "UTF-8 read as windows-1252: 3 places, 2 characters changed, 1 lost (marked U+FFFD)", 2, 1)


def test_both_roads_give_the_one_finding() -> None:
    from mojifix.engine import pipeline

    fast = pipeline.run_fixers(GARBLED, Config(), locate=False)
    slow = pipeline.run_fixers(GARBLED, Config())
    assert fast[:2] == slow[:2]
    assert [f.summary for f in slow[1]] == [ONE_CHAIN]


def test_one_describer_for_chains() -> None:
    from mojifix import model
    from mojifix.output import htmlreport

    assert htmlreport.describe_chain is model.describe_chain
    assert model.describe_chain("mojibake", ["utf-8", "cp1251"]) == "UTF-8 read as windows-1251"


def test_text_json_html_and_explain_group_by_the_one_chain(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(GARBLED, encoding="utf-8")
    text = cli("check", "page.txt", cwd=tmp_path)
    assert text.returncode == 1
    assert text.stdout.decode().count("mojibake:") == 1 and ONE_CHAIN in text.stdout.decode()
    doc = json.loads(cli("check", "-q", "--output-format", "json", "page.txt", cwd=tmp_path).stdout)
    (record,) = doc["files"]
    assert [(f["summary"], f["changed"], f["lost"]) for f in record["findings"]] == [(ONE_CHAIN, 6, 0)]
    assert doc["summary"]["chains"] == [{"kind": "mojibake", "chain": "UTF-8 read as windows-1252",
                                         "files": 1, "count": 6, "changed": 6, "lost": 0}]
    cli("check", "-q", "--report", "r.html", "page.txt", cwd=tmp_path)
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "UTF-8 read as windows-1252" in page and "Latin-1" not in page
    explained = cli("explain", "page.txt", cwd=tmp_path).stdout.decode()
    assert f"2. mojibake: {ONE_CHAIN} (confidence 90%)" in explained


# -- item 2: the end-of-run summary is a small table on stderr ------------------------------


def _tree(root: Path) -> Path:
    tree = root / "tree"
    tree.mkdir()
    (tree / "a.txt").write_text(GARBLED, encoding="utf-8")
    (tree / "b.txt").write_text("clean text\n", encoding="utf-8")
    (tree / "g.txt").write_bytes("中文的文字，这是一个测试。\n".encode("gbk"))  # re-encoded only
    (tree / "bin.dat").write_bytes(b"\x00\x01\x02" * 100)
    return tree


def _rows(err: str) -> list[list[str]]:
    """The table's rows, cells split on runs of 2+ spaces (labels hold single spaces)."""
    import re

    return [re.split(r"\s{2,}", line.strip()) for line in err.splitlines() if line.strip()]


def test_check_ends_with_a_table_and_keeps_the_old_facts(tmp_path: Path) -> None:
    _tree(tmp_path)
    proc = cli("check", "tree", cwd=tmp_path)
    out, err = proc.stdout.decode(), proc.stderr.decode()
    assert proc.returncode == 1
    assert "scanned" not in out and "tree/a.txt:1:1: mojibake: " + ONE_CHAIN in out  # stdout: data
    assert "\x1b[" not in err  # not a terminal: no colour
    head = err.splitlines()[0]
    assert "3 files scanned" in head and "2 need fixing, 1 clean, 1 skipped (1 binary)" in head
    rows = _rows(err)
    for row in (["need fixing", "2"], ["re-encoded only (text unchanged, bytes rewritten)", "1"],
                ["unchanged", "1"], ["skipped: binary", "1"],
                ["finding", "chain", "files", "places", "changed", "lost"],
                ["mojibake", "UTF-8 read as windows-1252", "1", "6", "6", "-"],
                ["encoding", "stored as GB2312", "1", "1", "-", "-"]):
        assert row in rows, err


def test_fix_table_counts_fixed_files_and_json_summary_counts_reencoded(tmp_path: Path) -> None:
    tree = _tree(tmp_path)
    proc = cli("fix", "--in-place", "tree", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    rows = _rows(proc.stderr.decode())
    assert ["fixed", "2"] in rows and ["unchanged", "1"] in rows
    assert (tree / "a.txt").read_text(encoding="utf-8") == ORIGINAL
    (tree / "g.txt").write_bytes("中文的文字，这是一个测试。\n".encode("gbk"))
    doc = json.loads(cli("check", "-q", "--output-format", "json", "tree", cwd=tmp_path).stdout)
    assert (doc["summary"]["needs_fix"], doc["summary"]["reencoded_only"]) == (1, 1)


def test_quiet_prints_nothing_and_verbose_adds_skipped_files_and_phase_times(tmp_path: Path) -> None:
    _tree(tmp_path)
    quiet = cli("check", "-q", "tree", cwd=tmp_path)
    assert quiet.stderr == b""
    verbose = cli("check", "-v", "tree", cwd=tmp_path).stderr.decode()
    assert "mojifix: skipped tree/bin.dat: binary" in verbose
    (timing,) = [line for line in verbose.splitlines() if line.startswith("mojifix: timing: ")]
    assert [part.split()[0] for part in timing[len("mojifix: timing: "):].split(", ")] == [
        "discover", "repair", "report"]


def test_a_streamed_file_states_the_whole_files_counts() -> None:
    import io

    from mojifix.files.stream import repair_stream

    data = ("cafÃ© and thÃ©\n" * 6).encode()
    result = repair_stream(io.BytesIO(data), io.BytesIO(), chunk_chars=20)
    whole = mojifix.repair_bytes(data).findings
    assert [f.summary for f in result.findings.values()] == [f.summary for f in whole] == [
        "UTF-8 read as Latin-1: 12 places, 12 characters changed"]


def test_a_repair_that_only_takes_characters_out_says_how_many() -> None:
    # ``Â§`` -> ``§`` (a no-break space's lead byte read as Latin-1): it said "0 characters
    # changed" (a new user's QA), counting only the characters a repair brings in.
    (f,) = mojifix.repair_text("Copyright Â§ 2020 the authors\n").findings
    assert (f.summary, f.changed) == ("UTF-8 read as Latin-1: 1 place, 1 character changed", 1)


def test_each_chain_of_a_document_is_located_at_its_own_first_change(tmp_path) -> None:
    # check's text output showed every chain at the document's first change, with its example
    # (a GBK line under "windows-1251 read as windows-1252": a new user's QA).
    from conftest import run_cli

    src = tmp_path / "two.txt"
    src.write_text("Spring Boot 鍏ㄦ爤浠ｇ爜鐢熸垚鍣ㄥ緢濂界敤\nplain line\nÏðèâåò, êàê äåëà? Âñ¸ õîðîøî\n", encoding="utf-8")
    res = run_cli("check", str(src))
    lines = [ln for ln in res.stdout.decode().splitlines() if ln.startswith(str(src))]
    assert [ln[len(str(src)):].split(" (first")[0] for ln in lines] == [
        ":1:13: mojibake: UTF-8 read as GBK: 1 line, 10 characters changed",
        ":3:1: mojibake: windows-1251 read as windows-1252: 1 line, 22 characters changed",
    ]
