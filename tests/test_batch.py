"""Batch and CI use: a whole tree through `fix` and `check`, every outcome checked on disk.

The tree holds clean files, garbled files of several kinds, a binary, a symlink, a FIFO, a
.gitignored file, a hidden folder and a file whose name needs escaping in GitHub annotations;
a JSONL corpus gets its own tests. Tests run as root here, so permission bits cannot make a file
unreadable: unreadability is simulated by replacing the runner's read seam
(``mojifix.runs.batch._read``) with one that raises ``PermissionError`` for one file (in-process), and
by naming a path that does not exist (subprocess).
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURES
from mojifix.cli import main
from mojifix.output.formats import escape_data, escape_property

ARTICLE = "你好，世界！这是一段用来测试编码检测的中文文本，包含常见的汉字和标点符号。我们希望它能被正确识别。\n"
OLD = 1_000_000_000  # a fixed past mtime, to prove untouched files keep theirs

# path -> (bytes on disk, bytes after `fix`)
GARBLED: dict[str, tuple[bytes, bytes]] = {
    "moji.txt": ("Le cafÃ© de la gare\n".encode(), "Le café de la gare\n".encode()),
    "entities.txt": (b"Tom &amp; Jerry &#59; fin\n", b"Tom & Jerry ; fin\n"),
    "zw.txt": ("hello\u200bworld\n".encode(), b"helloworld\n"),
    "sub/deep/gloss.txt": ("強(qiáng)調(diào)一下\n".encode(), "強調一下\n".encode()),
    "sub/gbk.txt": (ARTICLE.encode("gbk"), ARTICLE.encode()),
    "sub/bom.txt": (b"\xef\xbb\xbfhello\n", b"hello\n"),
    "odd, name:1.txt": ("naÃ¯ve\n".encode(), "naïve\n".encode()),
}
CLEAN = {
    "clean/zh.txt": (FIXTURES / "clean" / "zh-hans.txt").read_bytes(),
    "clean/ru.txt": (FIXTURES / "clean" / "ru.txt").read_bytes(),
    "clean/fa.txt": (FIXTURES / "clean" / "fa.txt").read_bytes(),
    "clean/emoji.txt": (FIXTURES / "clean" / "emoji.txt").read_bytes(),
    ".gitignore": b"ignored/\n*.log\n",
}
# Never read: ignored, hidden, binary, symlink.
LEFT_ALONE = {
    "ignored/x.txt": "cafÃ©\n".encode(),
    "debug.log": "cafÃ©\n".encode(),
    ".hidden/h.txt": "cafÃ©\n".encode(),
    "image.bin": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
}
# First diagnostic of each garbled file: path:line:col: kind
FIRST = {
    "moji.txt:1:7: mojibake",
    "entities.txt:1:5: html-entities",
    "zw.txt:1:6: zero-width",
    "sub/deep/gloss.txt:1:2: pinyin-glosses",
    "sub/gbk.txt:1:1: encoding",
    "sub/bom.txt:1:1: bom",
    "odd, name:1.txt:1:3: mojibake",
}


def build_tree(root: Path) -> Path:
    for rel, data in {**{k: v[0] for k, v in GARBLED.items()}, **CLEAN, **LEFT_ALONE}.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        os.utime(p, (OLD, OLD))
    (root / "moji.txt").chmod(0o640)
    (root / "zw.txt").chmod(0o755)
    if os.geteuid() == 0:
        os.chown(root / "entities.txt", 1234, 5678)
    (root / "link.txt").symlink_to("moji.txt")
    os.mkfifo(root / "fifo")
    return root


def cli(*args: str, cwd: Path, input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "mojifix", *args], cwd=cwd, input=input,
                          capture_output=True, timeout=120)


def snapshot(root: Path) -> dict[str, tuple[bytes, int, int]]:
    out = {}
    for p in sorted(root.rglob("*")):
        if p.is_file() and not p.is_symlink():
            st = p.stat()
            out[p.relative_to(root).as_posix()] = (p.read_bytes(), st.st_mtime_ns, stat.S_IMODE(st.st_mode))
    return out


def first_diagnostics(stdout: bytes) -> set[str]:
    seen: dict[str, str] = {}
    for line in stdout.decode().splitlines():
        path = line.split(".txt:")[0] + ".txt"
        head = line.split(": ")[0] + ": " + line.split(": ")[1]
        seen.setdefault(path, head.removeprefix("tree/"))
    return set(seen.values())


def test_check_then_fix_in_place_a_whole_tree(tmp_path):
    root = build_tree(tmp_path / "tree")
    before = snapshot(root)

    # check: exit 1, one located diagnostic per garbled file, nothing changed
    proc = cli("check", "tree", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert first_diagnostics(proc.stdout) == {f"{f}" for f in FIRST}
    assert b"7 need fixing" in proc.stderr and b"3 skipped (1 binary, 1 not a regular file, 1 symlink)" in proc.stderr
    assert snapshot(root) == before

    # fix --in-place, two worker processes
    proc = cli("fix", "tree", "--in-place", "-j", "2", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b""
    assert b"7 fixed, 5 clean" in proc.stderr
    after = snapshot(root)
    for rel, (_, fixed) in GARBLED.items():
        assert after[rel][0] == fixed, rel
    for rel, data in {**CLEAN, **LEFT_ALONE}.items():
        assert after[rel] == (data, OLD * 10**9, after[rel][2]), rel  # bytes and mtime untouched
    assert after["moji.txt"][2] == 0o640 and after["zw.txt"][2] == 0o755  # modes kept
    if os.geteuid() == 0:  # the owner is kept too (only root can give a file away)
        assert (root / "entities.txt").stat()[4:6] == (1234, 5678)
    assert (root / "link.txt").is_symlink() and os.readlink(root / "link.txt") == "moji.txt"
    assert stat.S_ISFIFO((root / "fifo").lstat().st_mode)
    assert set(after) == set(before)  # nothing lost, no temp file left

    # now clean: check exits 0, and a second fix rewrites nothing
    assert cli("check", "tree", cwd=tmp_path).returncode == 0
    mtimes = {k: v[1] for k, v in snapshot(root).items()}
    assert cli("fix", "tree", "-i", "-j", "1", cwd=tmp_path).returncode == 0
    assert {k: v[1] for k, v in snapshot(root).items()} == mtimes


def test_out_dir_mirrors_the_tree_and_never_touches_inputs(tmp_path):
    root = build_tree(tmp_path / "tree")
    before = snapshot(root)
    proc = cli("fix", "tree", "--out-dir", "out", "-j", "1", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert snapshot(root) == before
    out = snapshot(tmp_path / "out")
    expected = {rel: fixed for rel, (_, fixed) in GARBLED.items()} | CLEAN
    assert {k: v[0] for k, v in out.items()} == expected
    assert out["moji.txt"][2] == 0o640 and out["zw.txt"][2] == 0o755


def test_named_symlink_is_fixed_through_and_stays_a_link(tmp_path):
    root = build_tree(tmp_path / "tree")
    proc = cli("fix", "tree/link.txt", "tree/zw.txt", "--in-place", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (root / "link.txt").is_symlink()
    assert (root / "moji.txt").read_bytes() == GARBLED["moji.txt"][1]
    assert (root / "zw.txt").read_bytes() == b"helloworld\n"


def test_include_exclude_and_no_gitignore(tmp_path):
    root = build_tree(tmp_path / "tree")
    proc = cli("check", "tree", "--include", "sub/**", "--exclude", "gbk.txt", cwd=tmp_path)
    assert proc.returncode == 1
    assert first_diagnostics(proc.stdout) == {"sub/deep/gloss.txt:1:2: pinyin-glosses", "sub/bom.txt:1:1: bom"}
    proc = cli("check", "tree", "--no-gitignore", "--include", "*.log", "--include", "ignored/", cwd=tmp_path)
    assert proc.returncode == 1
    assert first_diagnostics(proc.stdout.replace(b".log:", b".txt:")) == {
        "debug.txt:1:4: mojibake", "ignored/x.txt:1:4: mojibake"}
    assert (root / "debug.log").read_bytes() == LEFT_ALONE["debug.log"]


def test_unreadable_file_is_reported_and_the_run_goes_on(tmp_path, monkeypatch):
    """In-process (-j 1) so the read seam can be replaced: entities.txt raises EACCES."""
    import mojifix.runs.batch as batch

    root = build_tree(tmp_path / "tree")
    real_read = batch._read

    def read(path: str, *bounds: object) -> bytes:  # (the read bound comes with each call)
        if path.endswith("entities.txt"):
            raise PermissionError(13, "Permission denied", path)
        return real_read(path, *bounds)

    monkeypatch.setattr(batch, "_read", read)
    runner = CliRunner()
    res = runner.invoke(main, ["check", str(root), "-j", "1"])
    assert res.exit_code == 2  # an I/O error outranks findings
    res = runner.invoke(main, ["fix", str(root), "--in-place", "-j", "1"])
    assert res.exit_code == 2
    assert f"mojifix: error: {root}/entities.txt: cannot read: Permission denied" in res.stderr
    assert "6 fixed" in res.stderr and "1 failed" in res.stderr
    assert (root / "entities.txt").read_bytes() == GARBLED["entities.txt"][0]
    assert (root / "moji.txt").read_bytes() == GARBLED["moji.txt"][1]


def test_missing_path_in_a_subprocess_run(tmp_path):
    root = build_tree(tmp_path / "tree")
    proc = cli("fix", "tree", "no/such.txt", "--in-place", "-j", "2", cwd=tmp_path)
    assert proc.returncode == 2
    assert b"mojifix: error: no/such.txt: no such file (check the path)\n" in proc.stderr
    assert (root / "moji.txt").read_bytes() == GARBLED["moji.txt"][1]


def test_output_formats(tmp_path):
    build_tree(tmp_path / "tree")
    # json: one object, summary + the files that are not clean
    proc = cli("check", "tree", "--output-format", "json", cwd=tmp_path)
    assert proc.returncode == 1
    doc = json.loads(proc.stdout)
    s = doc["summary"]
    assert (s["scanned"], s["clean"], s["needs_fix"], s["skipped"], s["failed"]) == (12, 5, 7, 3, 0)
    assert s["skipped_by_reason"] == {"binary": 1, "not a regular file": 1, "symlink": 1}
    assert s["findings"]["mojibake"] == {"files": 2, "count": 2}
    statuses = {f["path"]: f["status"] for f in doc["files"]}
    assert statuses["tree/image.bin"] == "skipped" and statuses["tree/sub/gbk.txt"] == "needs-fix"
    assert "tree/clean/zh.txt" not in statuses

    # github: annotations with GitHub's escaping in properties
    proc = cli("check", "tree", "--output-format", "github", cwd=tmp_path)
    assert proc.returncode == 1
    lines = proc.stdout.decode().splitlines()
    assert "::error file=tree/odd%2C name%3A1.txt,line=1,col=3,title=mojifix mojibake::mojibake: " in "\n".join(lines)
    assert any(line.startswith("::error file=tree/sub/bom.txt,line=1,col=1,title=mojifix bom::bom: ") for line in lines)
    assert all(line.startswith("::error file=tree/") for line in lines)

    # sarif
    proc = cli("check", "tree", "--output-format", "sarif", cwd=tmp_path)
    assert proc.returncode == 1
    log = json.loads(proc.stdout)
    validate_sarif(log)
    results = log["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "tree/odd%2C%20name%3A1.txt" in uris and "tree/sub/deep/gloss.txt" in uris
    gloss = next(r for r in results if r["ruleId"] == "pinyin-glosses")
    assert gloss["locations"][0]["physicalLocation"]["region"] == {"startLine": 1, "startColumn": 2}

    # --diff replaces the findings with unified diffs
    proc = cli("check", "tree/moji.txt", "--diff", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.decode() == (
        "--- tree/moji.txt (original)\n+++ tree/moji.txt (fixed)\n@@ -1 +1 @@\n"
        "-Le cafÃ© de la gare\n+Le café de la gare\n")


def validate_sarif(log: dict) -> None:
    """The required fields of SARIF 2.1.0 (sarif-schema-2.1.0.json) and what GitHub code
    scanning additionally needs (a location with a uri and a startLine for every result)."""
    assert set(log) >= {"version", "runs"} and log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    for run in log["runs"]:
        driver = run["tool"]["driver"]
        assert isinstance(driver["name"], str) and driver["name"]
        rules = driver.get("rules", [])
        assert all(isinstance(r["id"], str) for r in rules)
        assert run.get("columnKind", "utf16CodeUnits") in ("utf16CodeUnits", "unicodeCodePoints")
        for res in run["results"]:
            assert isinstance(res["message"]["text"], str) and res["message"]["text"]
            assert res["level"] in ("none", "note", "warning", "error")
            assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
            for loc in res["locations"]:
                phys = loc["physicalLocation"]
                assert isinstance(phys["artifactLocation"]["uri"], str)
                assert " " not in phys["artifactLocation"]["uri"]
                assert phys["region"]["startLine"] >= 1
                assert phys["region"].get("startColumn", 1) >= 1


def test_github_escaping():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"


def test_reports_json_jsonl_html(tmp_path):
    build_tree(tmp_path / "tree")
    for name in ("r.json", "r.jsonl", "r.html"):
        proc = cli("check", "tree", "--report", name, "-q", cwd=tmp_path)
        assert proc.returncode == 1, proc.stderr
        assert proc.stderr == b""
    doc = json.loads((tmp_path / "r.json").read_text())
    assert doc["schema"] == 1 and doc["summary"]["needs_fix"] == 7
    recs = {r["path"]: r for r in doc["files"]}
    assert len(recs) == 15  # every file found: 12 scanned + 3 skipped
    moji = recs["tree/moji.txt"]
    assert moji["encoding"] == "utf-8" and moji["status"] == "needs-fix" and moji["needs_fix"] is True
    assert moji["changes"][0] | {"note": ""} == {"kind": "mojibake", "line": 1, "column": 7, "offset": 6,
                                               "before": "Ã©", "after": "é", "note": ""}
    assert recs["tree/clean/zh.txt"]["status"] == "clean" and recs["tree/clean/zh.txt"]["findings"] == []
    assert recs["tree/image.bin"]["reason"].startswith("binary")
    lines = (tmp_path / "r.jsonl").read_text().splitlines()
    # Issue 21: a header line marks the report as mojifix's, so a later run skips it.
    assert json.loads(lines[0]) == {"mojifix": doc["mojifix"], "schema": 1}
    assert [json.loads(line) for line in lines[1:]] == doc["files"]

    page = (tmp_path / "r.html").read_text()
    assert page.startswith("<!DOCTYPE html>")
    # Issue 21: an inline filter script (still self-contained: nothing loaded from elsewhere),
    # need-fixing in amber rather than red, files grouped in their own collapsed sections.
    for absent in ("http://", "https://", "<link", "src="):
        assert absent not in page
    assert '<div class="card s-needs"><b id="n-needs">7</b>' in page
    assert page.count('<details class="file s-needs"') == 7  # one collapsed section per file to fix
    assert "<del>Ã©</del>" in page and "<ins>é</ins>" in page
    assert '<del><span class="inv">⟨U+200B⟩</span></del>' in page  # an invisible removal shown
    assert "tree/clean/zh.txt" not in page and "5 files need no change" in page
    assert "tree/image.bin" in page  # skipped files are listed (collapsed)


def test_fix_report_and_single_file_behaviour_kept(tmp_path):
    root = build_tree(tmp_path / "tree")
    proc = cli("fix", "tree/moji.txt", cwd=tmp_path)  # one file: stdout, file untouched
    assert proc.returncode == 0 and proc.stdout == GARBLED["moji.txt"][1]
    assert (root / "moji.txt").read_bytes() == GARBLED["moji.txt"][0]
    proc = cli("fix", "tree", "-i", "--report", "fix.json", cwd=tmp_path)
    assert proc.returncode == 0
    doc = json.loads((tmp_path / "fix.json").read_text())
    assert doc["summary"]["fixed"] == 7
    assert {r["path"] for r in doc["files"] if r["status"] == "fixed"} == {f"tree/{p}" for p in GARBLED}


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["fix", "tree"], "tree: is a directory; pass --in-place or --out-dir DIR"),
        (["fix", "tree/moji.txt", "tree/zw.txt"], "several inputs need --in-place or --out-dir DIR"),
        (["fix", "tree", "-o", "x.txt"], "-o takes a single input file"),
        (["fix", "tree", "--in-place", "--out-dir", "o"], "choose one of --in-place and --out-dir"),
        (["fix", "-", "--in-place"], "stdin cannot be fixed in place"),
        (["fix", "tree", "--out-dir", "tree"], "is an input folder; use --in-place"),
        (["fix", "tree", "-i", "--report", "r.txt"], "unknown report type"),
        (["check", "tree", "--diff", "--output-format", "json"], "--diff prints diffs on stdout"),
        (["check", "-", "tree"], "'-' (stdin) cannot be combined with other paths"),
        (["check", "tree", "--field", "body"], "--field names the field of a JSONL record; add --jsonl"),
    ],
)
def test_unclear_combinations_are_refused(tmp_path, args, needle):
    root = build_tree(tmp_path / "tree")
    before = snapshot(root)
    proc = cli(*args, cwd=tmp_path, input=b"")
    assert proc.returncode == 2
    assert proc.stderr.decode().startswith("mojifix: error: ") and needle in proc.stderr.decode()
    assert proc.stderr.count(b"\n") == 1 and b"Traceback" not in proc.stderr
    assert snapshot(root) == before


def test_two_files_for_one_out_dir_copy_are_refused(tmp_path):
    # Two different files whose copies would land on one path. (The same file reached twice, as
    # DIR and DIR/file, is processed once instead: see tests/safety/test_files.py.)
    root = build_tree(tmp_path / "tree")
    (root / "other").mkdir()
    (root / "other" / "zh.txt").write_text("另一个文件\n")
    before = snapshot(root)
    proc = cli("fix", "tree/clean", "tree/other", "--out-dir", "o", cwd=tmp_path)
    assert proc.returncode == 2 and b"would both be written to o/zh.txt" in proc.stderr
    assert proc.stderr.count(b"\n") == 1 and snapshot(root) == before
    assert not (tmp_path / "o").exists()


def test_check_stdin_with_stdin_filename(tmp_path):
    proc = cli("check", "-", "--stdin-filename", "docs/page.txt", cwd=tmp_path, input="x cafÃ©\n".encode())
    assert proc.returncode == 1
    assert proc.stdout.decode().startswith("docs/page.txt:1:6: mojibake: ")
    proc = cli("check", "-", cwd=tmp_path, input="你好，世界\n".encode())
    assert proc.returncode == 0 and proc.stdout == b""


# --- JSONL ------------------------------------------------------------------------------------

CORPUS_IN = (
    b'{"id": 1, "meta": {"text": "caf\\u00c3\\u00a9 cr\\u00c3\\u00a8me"}, "n": 1.50}\n'
    + '{"id":2,"meta":{"text":"強(qiáng)調(diào)","lang":"zh"}}\n'.encode()
    + '{"id": 3,  "meta": {"text": "already clean “quotes”"}}\n'.encode()
    + b'{"id": 4, "broken": \n'
    + b"\n"
    + b'{"id": 6, "text": "no meta caf\xc3\x83\xc2\xa9"}\n'
    + b'{"id":7,"meta":{"text":"Tom &amp; Jerry"}}\r\n'
)
CORPUS_OUT = (
    b'{"id": 1, "meta": {"text": "caf\\u00e9 cr\\u00e8me"}, "n": 1.50}\n'
    + '{"id":2,"meta":{"text":"強調","lang":"zh"}}\n'.encode()
    + '{"id": 3,  "meta": {"text": "already clean “quotes”"}}\n'.encode()
    + b'{"id": 4, "broken": \n'
    + b"\n"
    + b'{"id": 6, "text": "no meta caf\xc3\x83\xc2\xa9"}\n'
    + b'{"id":7,"meta":{"text":"Tom & Jerry"}}\r\n'
)


def test_jsonl_field_in_place_stdout_and_check(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    corpus = data / "corpus.jsonl"
    corpus.write_bytes(CORPUS_IN)
    (data / "clean.jsonl").write_bytes(b'{"meta": {"text": "fine"}}\n')
    (data / "README.txt").write_bytes("not a corpus, cafÃ©\n".encode())  # not *.jsonl: not taken
    os.utime(data / "clean.jsonl", (OLD, OLD))

    # one corpus to stdout
    proc = cli("fix", "--jsonl", "--field", "meta.text", "data/corpus.jsonl", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == CORPUS_OUT
    assert proc.stderr.decode() == (
        "mojifix: warning: data/corpus.jsonl:4: invalid JSON: Expecting value at column 21; "
        "line passed through unchanged\n")

    # check: exit 1, located by record line
    proc = cli("check", "--jsonl", "--field", "meta.text", "data", cwd=tmp_path)
    assert proc.returncode == 1
    out = proc.stdout.decode().splitlines()
    assert [line.split(": ")[0] for line in out] == [
        "data/corpus.jsonl:1", "data/corpus.jsonl:2", "data/corpus.jsonl:4", "data/corpus.jsonl:7"]
    assert out[2] == ("data/corpus.jsonl:4: invalid JSONL line, passed through: "
                      "invalid JSON: Expecting value at column 21")

    # in place, through worker processes, with a JSON report
    proc = cli("fix", "--jsonl", "--field", "meta.text", "data", "-i", "-j", "2",
               "--report", "r.json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert corpus.read_bytes() == CORPUS_OUT
    assert (data / "README.txt").read_bytes() == "not a corpus, cafÃ©\n".encode()
    assert (data / "clean.jsonl").stat().st_mtime_ns == OLD * 10**9  # not rewritten
    rec = next(r for r in json.loads((tmp_path / "r.json").read_text())["files"]
               if r["path"] == "data/corpus.jsonl")
    assert rec["jsonl"] == {"field": "meta.text", "records": 5, "changed_records": 3, "missing_field": 1,
                            "invalid_lines": [{"line": 4, "reason": "invalid JSON: Expecting value at column 21"}]}
    assert {(c["record"], c["kind"]) for c in rec["changes"]} >= {(1, "mojibake"), (2, "pinyin-gloss")}
    # after the fix only the invalid line is left: a warning, which fix cannot help, so exit 0
    proc = cli("check", "--jsonl", "--field", "meta.text", "data", cwd=tmp_path)
    assert proc.returncode == 0
    assert proc.stdout.decode().startswith("data/corpus.jsonl:4: invalid JSONL line")


def test_jsonl_clean_corpus_checks_clean_and_is_not_rewritten(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes(CORPUS_OUT.replace(b'{"id": 4, "broken": \n', b""))
    os.utime(corpus, (OLD, OLD))
    assert cli("check", "--jsonl", "--field", "meta.text", "c.jsonl", cwd=tmp_path).returncode == 0
    assert cli("fix", "--jsonl", "--field", "meta.text", "c.jsonl", "-i", cwd=tmp_path).returncode == 0
    assert corpus.stat().st_mtime_ns == OLD * 10**9



def test_pre_commit_hooks_run_as_declared(tmp_path):
    """The hooks file declares both hooks on text files; their entries behave as pre-commit
    runs them (entry + the staged file names)."""
    from conftest import ROOT

    hooks: dict[str, dict[str, str]] = {}
    current: dict[str, str] = {}
    for line in (ROOT / ".pre-commit-hooks.yaml").read_text().splitlines():
        if line.startswith("- id: "):
            current = hooks.setdefault(line[6:].strip(), {})
        elif line.startswith("  ") and ":" in line and current is not None:
            key, _, value = line.strip().partition(": ")
            current[key] = value
    assert set(hooks) == {"mojifix-check", "mojifix-fix"}
    assert all(h["types"] == "[text]" and h["language"] == "python" for h in hooks.values())
    bad, good = tmp_path / "bad.txt", tmp_path / "good.txt"
    bad.write_bytes(GARBLED["moji.txt"][0])
    good.write_bytes(b"fine\n")

    def run(entry: str) -> int:
        argv = entry.split()
        assert argv[0] == "mojifix"
        return cli(*argv[1:], "bad.txt", "good.txt", cwd=tmp_path).returncode

    assert run(hooks["mojifix-check"]["entry"]) == 1
    assert bad.read_bytes() == GARBLED["moji.txt"][0]
    assert run(hooks["mojifix-fix"]["entry"]) == 0
    assert bad.read_bytes() == GARBLED["moji.txt"][1] and good.read_bytes() == b"fine\n"
    assert run(hooks["mojifix-check"]["entry"]) == 0


def test_single_file_html_and_jsonl_reports(tmp_path):
    root = build_tree(tmp_path / "tree")
    proc = cli("fix", "tree/zw.txt", "-o", "out.txt", "--report", "one.html", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out.txt").read_bytes() == b"helloworld\n"
    assert (root / "zw.txt").read_bytes() == GARBLED["zw.txt"][0]
    page = (tmp_path / "one.html").read_text()
    assert "tree/zw.txt" in page and "⟨U+200B⟩" in page
    proc = cli("fix", "tree/zw.txt", "--report", "one.jsonl", cwd=tmp_path)
    head, rec = [json.loads(line) for line in (tmp_path / "one.jsonl").read_text().splitlines()]
    assert head["mojifix"] and head["schema"] == 1  # issue 21: the report's mark
    assert rec["path"] == "tree/zw.txt" and rec["findings"][0]["kind"] == "zero-width"


def test_gitignore_of_the_repository_and_named_ignored_folder(tmp_path):
    """Parent .gitignore files up to the repository root apply, with git's negation rules; a
    folder named on the command line is walked even when it is ignored itself."""
    from mojifix.files.discover import Rules, discover

    repo = tmp_path / "repo"
    (repo / ".git" / "info").mkdir(parents=True)
    (repo / ".git" / "info" / "exclude").write_text("secret.txt\n")
    (repo / ".gitignore").write_text("*.log\n!keep.log\nout/\n")
    for rel in ("src/a.txt", "src/b.log", "src/keep.log", "src/secret.txt", "src/out/c.txt",
                "out/d.txt", "out/e.log", "src/.cache/f.txt", "src/.mojifix-x1.tmp"):
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text("x\n")
    (repo / "src" / "sub").mkdir()
    (repo / "src" / "sub" / ".gitignore").write_text("g.txt\n")
    (repo / "src" / "sub" / "g.txt").write_text("x\n")
    (repo / "src" / "sub" / "h.txt").write_text("x\n")

    def found(*paths: str, **kw: object) -> list[str]:
        return [e.rel for e in discover([str(repo / p) for p in paths], Rules(**kw)) if not e.skip]

    assert found("src") == ["a.txt", "keep.log", "sub/.gitignore", "sub/h.txt"]
    assert found("out") == ["d.txt"]  # named though ignored; *.log still applies inside
    assert found("src", gitignore=False) == [
        "a.txt", "b.log", "keep.log", "out/c.txt", "secret.txt", "sub/.gitignore", "sub/g.txt", "sub/h.txt"]
    assert found("src/b.log") == ["b.log"]  # a named file is always taken
    assert found("src/b.log", exclude=("*.log",)) == []  # ... unless --exclude says no


def test_progress_bar_on_a_terminal_only(tmp_path):
    """A pseudo-terminal gets the rich progress bar (files/s, MB/s); a pipe gets none."""
    import pty

    build_tree(tmp_path / "tree")
    pid, fd = pty.fork()
    if pid == 0:  # child: stderr is the terminal
        os.chdir(tmp_path)
        os.execv(sys.executable, [sys.executable, "-m", "mojifix", "check", "tree", "-j", "2"])
    out = bytearray()
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        out.extend(chunk)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 1
    text = out.decode("utf-8", "replace")
    bars = [line for line in text.replace("\r", "\n").splitlines() if "━" in line]
    assert bars and "files/s" in bars[-1] and "MB/s" in bars[-1] and "15/15" in bars[-1]
    piped = cli("check", "tree", "-j", "2", cwd=tmp_path)
    assert "━".encode() not in piped.stderr and b"\x1b[" not in piped.stderr


def test_follow_symlinks_and_symlink_loops(tmp_path):
    root = build_tree(tmp_path / "tree")
    (root / "sub" / "loop").symlink_to("..")  # a folder link back up: must not recurse forever
    proc = cli("check", "tree", "--follow-symlinks", "--include", "*.txt", "--exclude", "sub/", cwd=tmp_path)
    assert proc.returncode == 1
    heads = first_diagnostics(proc.stdout)
    # link.txt is moji.txt: the file is checked once, under its own name (issue 19).
    assert "moji.txt:1:7: mojibake" in heads and "link.txt:1:7: mojibake" not in heads
    proc = cli("check", "tree", "--follow-symlinks", cwd=tmp_path)
    assert proc.returncode == 1
    assert b"sub/loop/" not in proc.stdout  # the link leads to a folder already walked
    assert (root / "sub" / "loop").is_symlink()


def test_a_crash_on_one_file_is_reported_and_the_run_goes_on(tmp_path, monkeypatch):
    import mojifix.runs.batch as batch

    root = build_tree(tmp_path / "tree")
    real = batch.repair_bytes

    def repair(data, config, **options):
        if data == GARBLED["zw.txt"][0]:
            raise ValueError("boom")
        return real(data, config, **options)

    monkeypatch.setattr(batch, "repair_bytes", repair)
    res = CliRunner().invoke(main, ["fix", str(root), "-i", "-j", "1"])
    assert res.exit_code == 2
    assert f"{root}/zw.txt: internal error: ValueError: boom (please report it)" in res.stderr
    assert (root / "zw.txt").read_bytes() == GARBLED["zw.txt"][0]
    assert (root / "moji.txt").read_bytes() == GARBLED["moji.txt"][1]


@pytest.mark.parametrize("via_link", [False, True])
def test_output_naming_the_input_keeps_the_low_confidence_guard(tmp_path: Path, via_link: bool) -> None:
    # (a new user's QA) ``-o`` naming the input (or a link to it) is ``-i``: two bytes of
    # Russian cp1251, ``Да``, are gb2312 to detection at 5%, and that guess is not written over
    # the original; --force writes it, as with -i
    (tmp_path / "da.txt").write_bytes(b"\xc4\xe0\n")
    if via_link:
        (tmp_path / "link.txt").symlink_to("da.txt")
    target = "link.txt" if via_link else "da.txt"
    proc = cli("fix", "da.txt", "-o", target, cwd=tmp_path)
    assert proc.returncode == 1
    assert b"not rewritten" in proc.stderr and b"low confidence" in proc.stderr
    assert (tmp_path / "da.txt").read_bytes() == b"\xc4\xe0\n"
    proc = cli("fix", "da.txt", "-o", target, "--force", cwd=tmp_path)
    assert proc.returncode == 0 and (tmp_path / "da.txt").read_bytes() != b"\xc4\xe0\n"
    other = cli("fix", "da.txt", "-o", "elsewhere.txt", cwd=tmp_path)  # another file: written
    assert other.returncode == 0 and (tmp_path / "elsewhere.txt").exists()


@pytest.mark.parametrize("command", [("check",), ("fix",), ("fix", "-o", "out.jsonl")])
def test_a_field_no_record_holds_is_an_error(tmp_path: Path, command: tuple[str, ...]) -> None:
    # (a new user's QA) ``--field txt`` for ``text``: check passed having checked nothing
    (tmp_path / "c.jsonl").write_bytes(b'{"text": "caf\\u00c3\\u00a9"}\n{"text": "ok"}\n')
    proc = cli(command[0], "--jsonl", "--field", "txt", "c.jsonl", *command[1:], cwd=tmp_path)
    assert proc.returncode == 2
    assert b"no record has the field 'txt' (check --field)" in proc.stderr
    good = cli(command[0], "--jsonl", "--field", "text", "c.jsonl", *command[1:], cwd=tmp_path)
    assert good.returncode == (1 if command == ("check",) else 0)


@pytest.mark.parametrize("write", [("-o", "out.txt"), ("-i",)])
def test_a_report_in_a_missing_folder_is_refused_before_anything_is_written(
        tmp_path: Path, write: tuple[str, ...]) -> None:
    # (a new user's QA) the output was written, then "nothing was changed" was said of it
    (tmp_path / "in.txt").write_bytes("cafÃ©\n".encode())
    proc = cli("fix", "in.txt", *write, "--report", "missing/r.json", cwd=tmp_path)
    assert proc.returncode == 2 and b"no such folder" in proc.stderr
    assert not (tmp_path / "out.txt").exists()
    assert (tmp_path / "in.txt").read_bytes() == "cafÃ©\n".encode()
