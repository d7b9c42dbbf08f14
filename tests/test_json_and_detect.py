"""One JSON envelope for every JSON output, `check` at true line:col, `detect` on folders with
its reasons, and a `--help` that fits one screen (issues 17 and 21)."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from conftest import shared_path
from mojifix.cli import main

MOJIBAKE = "Le cafÃ© est trÃ¨s bon, la crÃ¨me brÃ»lÃ©e aussi. Ã‡a va trÃ¨s bien."


def _mid_file(tmp_path):
    """40 clean lines, then a garbled paragraph (lines 41-42), an entity (44), a zero-width
    space (45), pinyin glosses (46) and unrecoverable garbage (47)."""
    lines = [f"Clean line number {i} with plain words." for i in range(1, 41)]
    lines += [MOJIBAKE, MOJIBAKE, "more clean text", "Fish &amp; chips today.",
              "zero\u200bwidth here", "強(qiáng)調(diào)了(le)一下", "broken 锟斤拷 here"]
    path = tmp_path / "mid.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(*args, env=None, input_=None):
    return CliRunner(env=env).invoke(main, list(args), input=input_, catch_exceptions=False)


# --- 1. one envelope --------------------------------------------------------------------------

def _json_of(how, tmp_path, src):
    """The JSON document one command prints or writes, and the command that made it."""
    if how == "fix --report x.json":
        report = tmp_path / "x.json"
        _run("fix", str(src), "-o", str(tmp_path / "out.txt"), "--report", str(report))
        return "fix", report.read_text(encoding="utf-8")
    if how == "fix --report -":
        res = _run("fix", str(src), "-o", str(tmp_path / "out.txt"), "--report", "-")
        return "fix", res.stderr
    if how == "fix -i --report x.json":
        copy = tmp_path / "copy"
        copy.mkdir()
        (copy / "mid.txt").write_bytes(src.read_bytes())
        report = tmp_path / "x.json"
        _run("fix", "-q", "-i", str(copy), "--report", str(report))
        return "fix", report.read_text(encoding="utf-8")
    if how == "check --output-format json":
        return "check", _run("check", "-q", "--output-format", "json", str(src)).stdout
    if how == "check --report x.json":
        report = tmp_path / "x.json"
        _run("check", "-q", str(src), "--report", str(report))
        return "check", report.read_text(encoding="utf-8")
    if how == "detect --json":
        return "detect", _run("detect", "--json", str(src)).stdout
    return "detect", _run("detect", "--output-format", "json", str(src)).stdout


@pytest.mark.parametrize("how", [
    "fix --report x.json", "fix --report -", "fix -i --report x.json", "check --output-format json",
    "check --report x.json", "detect --json", "detect --output-format json",
])
def test_every_json_output_is_the_one_envelope(tmp_path, how):
    src = _mid_file(tmp_path)
    command, text = _json_of(how, tmp_path, src)
    doc = json.loads(text)
    assert list(doc) == ["mojifix", "schema", "command", "summary", "files"]
    assert doc["schema"] == 1 and doc["command"] == command
    assert doc["summary"]["scanned"] == 1 and doc["summary"]["findings"]["mojibake"]["count"] == 12
    (record,) = doc["files"]
    assert record["path"].endswith("mid.txt") and record["needs_fix"] is True
    assert {f["kind"] for f in record["findings"]} >= {"mojibake", "html-entities", "zero-width"}


def test_the_envelope_has_one_home():
    """Only mojifix.output.report builds the envelope: no other module writes a ``"schema"`` key."""
    from pathlib import Path

    import mojifix

    package = Path(mojifix.__file__).parent
    homes = sorted(p.name for p in package.rglob("*.py") if '"schema":' in p.read_text(encoding="utf-8"))
    assert homes == ["report.py"]


def test_check_json_lists_every_change_its_text_output_counts(tmp_path):
    """The user's report: JSON listed 1 mojibake change where the text said 12 spans. Why:
    `check` kept only the first change of each kind (all its text form locates), also when
    the changes went out as JSON."""
    src = _mid_file(tmp_path)
    text = _run("check", "-q", str(src)).stdout
    counts = {m[1]: int(m[2]) for m in re.finditer(r": ([a-z-]+): .*?(\d+) (?:places|decoded|removed)", text)}
    assert counts == {"mojibake": 12, "html-entities": 1, "zero-width": 1, "pinyin-glosses": 2}
    doc = json.loads(_run("check", "-q", "--output-format", "json", str(src)).stdout)
    (record,) = doc["files"]
    kinds = [c["kind"] for c in record["changes"]]
    listed = {"mojibake": kinds.count("mojibake"), "html-entities": kinds.count("html-entity"),
              "zero-width": kinds.count("zero-width"), "pinyin-glosses": kinds.count("pinyin-gloss")}
    assert listed == counts
    rules = {line.split(": ")[1] for line in text.splitlines()}
    assert rules == {f["kind"] for f in record["findings"]}


# --- 2. true line and column ------------------------------------------------------------------

def test_check_prints_each_finding_at_its_true_line_and_column(tmp_path, monkeypatch):
    _mid_file(tmp_path)
    monkeypatch.chdir(tmp_path)
    lines = _run("check", "-q", "mid.txt").stdout.splitlines()
    where = {line.split(": ")[1]: line.split(": ")[0] for line in lines}
    assert where["mojibake"] == "mid.txt:41:7"
    assert where["html-entities"] == "mid.txt:44:6"
    assert where["zero-width"] == "mid.txt:45:5"
    assert where["pinyin-glosses"] == "mid.txt:46:2"
    # Garbage that is reported, not repaired, changes nothing: it is not shown at the first
    # repaired mojibake span with that span's example (the old name-prefix rule did that).
    lost = next(line for line in lines if ": mojibake-lost: " in line)
    assert not lost.startswith("mid.txt:41:") and "Ã©" not in lost


def test_gbk_misalignment_is_shown_where_it_was_realigned(tmp_path):
    """A converter's GBK misalignment 40 lines down: `check` showed it at 1:1 (its changes,
    ``gbk-realign``, share no name prefix with the finding)."""
    sample = shared_path("samples", "pinyin-glossed-web.jsonl")
    texts = [json.loads(line)["text"] for line in sample.read_text(encoding="utf-8").splitlines() if line.strip()]
    (page,) = [t for t in texts if "上?;鶎狱h建" in t]
    src = tmp_path / "page.txt"
    src.write_text("".join(f"Clean line {i}.\n" for i in range(1, 41)) + page, encoding="utf-8")
    lines = _run("check", "-q", str(src)).stdout.splitlines()
    (line,) = [x for x in lines if ": gbk-misalignment: " in x]
    assert line.startswith(f"{src}:41:121: ") and "→ '海基層黨'" in line


def test_changes_belong_to_their_finding_by_exact_name():
    from mojifix.model import belongs

    assert belongs("gbk-realign", "gbk-misalignment")
    assert belongs("pinyin-gloss", "pinyin-glosses") and belongs("html-entity", "html-entities")
    assert not belongs("mojibake", "mojibake-lost") and not belongs("mojibake", "mojibake-lossy")
    import mojifix.output.formats as formats

    assert not hasattr(formats, "_belongs")  # one rule, in mojifix.model


# --- 3. detect on folders, with its reasons ---------------------------------------------------

@pytest.fixture
def tree(tmp_path, monkeypatch):
    root = tmp_path / "tree"
    (root / "sub").mkdir(parents=True)
    _mid_file(root)
    (root / "gbk.txt").write_bytes("今天天气很好，我们去公园散步吧。这是一个测试文件，用来检测编码。\n".encode("gbk"))
    (root / "bom.txt").write_bytes(b"\xef\xbb\xbfplain text\n")
    (root / "sub" / "ok.txt").write_text("plain\n")
    (root / "sub" / "skip.log").write_text("cafÃ©\n")
    (root / "blob.bin").write_bytes(b"\x00\x01\x02" * 50)
    monkeypatch.chdir(tmp_path)
    return root


def test_detect_walks_folders_with_the_walking_options(tree):
    res = _run("detect", "--json", "tree", "--exclude", "*.log")
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["schema"] == 1 and doc["command"] == "detect"
    files = {f["path"]: f for f in doc["files"]}
    assert set(files) == {"tree/blob.bin", "tree/bom.txt", "tree/gbk.txt", "tree/mid.txt", "tree/sub/ok.txt"}
    assert files["tree/blob.bin"]["status"] == "skipped"  # binary, found by the walk
    assert doc["summary"]["skipped_by_reason"] == {"binary": 1}
    gbk = files["tree/gbk.txt"]
    assert gbk["encoding"] in ("gbk", "gb2312", "gb18030") and gbk["would_change"] is True
    assert gbk["runner_up"]["encoding"] not in ("gbk", "gb2312", "gb18030")
    assert gbk["runner_up"]["cost"] > 0
    assert gbk["evidence"] and "plausible" in gbk["evidence"][0]
    assert files["tree/bom.txt"]["bom"] == "utf-8" and files["tree/bom.txt"]["runner_up"] is None
    mid = files["tree/mid.txt"]
    assert mid["evidence"] == ["valid UTF-8"] and mid["lossy"] == ["mojibake-lost"]
    assert files["tree/sub/ok.txt"]["would_change"] is False
    res = _run("detect", "--json", "--include", "*.log", "tree")
    assert [f["path"] for f in json.loads(res.stdout)["files"]] == ["tree/sub/skip.log"]


def test_detect_runner_up_does_not_change_detection():
    from mojifix.decoding.decode import decode
    from mojifix.decoding.detect import detect

    data = "Съешь же ещё этих мягких французских булок, да выпей чаю.\n".encode("cp1251")
    found, decoded = detect(data), decode(data)
    assert (decoded.encoding, decoded.confidence, decoded.text) == (found.encoding, found.confidence, found.text)
    assert decoded.ranking == found.ranking and decoded.ranking[0][0] == found.encoding


def test_detect_table_fits_80_columns_and_shows_the_file_names(tree):
    res = _run("detect", "tree", env={"COLUMNS": "80"})
    assert res.exit_code == 0
    lines = res.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert all(line.endswith(("│", "┐", "┤", "┘")) for line in lines)  # no cropped edge
    for name in ("mid.txt", "gbk.txt", "bom.txt", "ok.txt", "blob.bin"):
        assert any(name in line for line in lines), name
    for word in ("BOM", "lossy", "2nd:", "valid UTF-8", "mojibake", "skipped"):
        assert word in res.stdout, word


def test_detect_reads_stdin(tree):
    res = _run("detect", "--json", "-", input_=b"\x00\x01\x02" * 50)
    assert res.exit_code == 2 and json.loads(res.stdout)["files"][0]["path"] == "<stdin>"
    res = _run("detect", "--json", "-", input_="crème brûlée, très bon\n".encode("cp1252"))
    assert res.exit_code == 0 and json.loads(res.stdout)["files"][0]["encoding"] == "windows-1252"


def test_detect_named_bad_file_is_an_error_and_the_others_go_on(tree):
    res = _run("detect", "--output-format", "json", "tree/nope.txt", "tree/gbk.txt")
    assert res.exit_code == 2
    doc = json.loads(res.stdout)
    assert "no such file" in doc["files"][0]["error"] and doc["files"][1]["would_change"] is True
    assert doc["summary"]["failed"] == 1


# --- 4. --help on one screen ------------------------------------------------------------------

def test_top_level_help_fits_one_screen():
    res = _run("--help", env={"COLUMNS": "80"})
    lines = res.stdout.splitlines()
    assert res.exit_code == 0 and len(lines) <= 24
    assert max(len(line) for line in lines) <= 80
    listed = lines[lines.index("Commands:") + 1:]
    assert [line.split()[0] for line in listed] == ["check", "config", "detect", "explain", "fix"]
    assert not any(line.endswith("...") for line in listed)  # every summary said in full
