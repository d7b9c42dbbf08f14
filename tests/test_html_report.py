"""The HTML report (issue 21): a summary people can read, files grouped with side-by-side diffs,
fixed shown green, filters, no cap on files, mojifix skipping its own reports, and a check of
the page in a real browser (headless Chromium)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT

ARTICLE = "你好，世界！这是一段用来测试编码检测的中文文本，包含常见的汉字和标点符号。我们希望它能被正确识别。\n"
FRENCH = "Le café de la gare, où l'on mange des crêpes très bonnes. Déjà vu, naïve façade.\n"


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """The CLI of this checkout, as a user runs it (PYTHONPATH made absolute: cwd changes)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "mojifix", *args], cwd=cwd, env=env,
                          capture_output=True, timeout=300)


def latin1_moji(text: str) -> bytes:
    return text.encode().decode("cp1252").encode()


def gbk_moji(text: str) -> bytes:
    return text.encode().decode("gbk", errors="replace").encode()


class Files(HTMLParser):
    """The file entries of a page (``class="file ..."``) and the texts of elements by id."""

    def __init__(self) -> None:
        super().__init__()
        self.files: list[dict[str, str | None]] = []
        self.ids: dict[str, str] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if "file" in (a.get("class") or "").split():
            self.files.append(a)
        if a.get("id"):
            self.ids[a["id"] or ""] = ""
            self._open.append(a["id"] or "")
        elif self._open:
            self._open.append("")

    def handle_endtag(self, tag: str) -> None:
        if self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for i in self._open:
            if i:
                self.ids[i] += data


def parse(page: str) -> Files:
    p = Files()
    p.feed(page)
    return p


def small_tree(root: Path) -> Path:
    files = {
        "moji.txt": latin1_moji(FRENCH),
        "two-layers.txt": latin1_moji(FRENCH).decode("cp1252").encode(),
        "zh-moji.txt": gbk_moji(ARTICLE),
        "zh-gbk.txt": ARTICLE.encode("gbk"),  # re-encoded only: its text is right
        "zw.txt": "hello\u200bworld\n".encode(),
        "clean.txt": b"nothing wrong here\n",
        "image.bin": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    }
    root.mkdir()
    for name, data in files.items():
        (root / name).write_bytes(data)
    return root


def test_summary_counts_and_chains_said_as_a_person_would(tmp_path):
    small_tree(tmp_path / "tree")
    proc = cli("check", "tree", "--report", "r.html", "-q", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    page = (tmp_path / "r.html").read_text()
    ids = parse(page).ids
    assert {k: ids[f"n-{k}"] for k in ("scanned", "fixed", "needs", "reencoded", "clean", "skipped", "failed")} == {
        "scanned": "6", "fixed": "0", "needs": "5", "reencoded": "1", "clean": "1", "skipped": "1", "failed": "0"}
    rows = {}
    by_kind = {}
    for row in re.findall(r'<tr data-kind="[^"]+">(.*?)</tr>', page.split('id="chains"')[1].split("</table>")[0]):
        cells = [re.sub(r"<[^>]+>", "", re.sub(r"<small>.*?</small>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        rows[cells[0]] = cells[1:3] + cells[4:6]  # kind, files, occurrences, characters lost
        by_kind[(cells[0], cells[1])] = cells[2:3] + cells[4:6]
    # The GBK page lost bytes: its repair (mojibake) and what stays lost (mojibake-lossy, which
    # makes check exit 1) are two rows of the one chain.
    gbk = by_kind[("UTF-8 read as GBK", "mojibake")]
    assert gbk[0] == "1" and int(gbk[2]) > 0
    assert by_kind[("UTF-8 read as GBK", "mojibake-lossy")][0] == "1"
    assert rows["UTF-8 read as Latin-1"][:2] == ["mojibake", "1"]
    assert rows["UTF-8 read as Latin-1, then as windows-1252 (2 layers)"] == ["mojibake", "1", "7", "—"]
    assert rows["zero-width"] == ["zero-width", "1", "1", "—"]
    assert {"stored as GB2312", "stored as GBK"} & set(rows)
    assert '<tr><td>binary</td><td class="num">1</td></tr>' in page  # skipped, by reason
    kinds = page.split('id="kinds"')[1].split("</table>")[0]  # per kind: files, occurrences
    assert re.search(r'<td class="kind">zero-width</td><td class="num">1</td>.*?<td class="num">1</td>', kinds)
    assert re.search(r'<td class="kind">mojibake</td><td class="num">3</td>', kinds)
    assert 'class="bar' in page  # the chart: plain HTML/CSS bars


def test_files_grouped_with_side_by_side_diff_and_status_colours(tmp_path):
    small_tree(tmp_path / "tree")
    cli("check", "tree", "--report", "check.html", "-q", cwd=tmp_path)
    page = (tmp_path / "check.html").read_text()
    # Need-fixing files are amber, grouped by kind, each a collapsed section with a two-column diff.
    assert page.count('<details class="file s-needs"') == 5
    sub = page.split('id="g-needs"')[1].split("</section>")[0]
    assert re.findall(r"<h3>([^<]+) ", sub) == ["mojibake", "re-encoded only", "zero-width"]
    assert '<table class="sbs">' in page and "<th>original</th><th></th><th>fixed</th>" in page
    assert "<del>Ã©</del>" in page and "<ins>é</ins>" in page
    assert '<del><span class="inv">⟨U+200B⟩</span></del>' in page
    assert "tree/clean.txt" not in page and "1 file needs no change" in page
    # Fixed files are shown as fixed: green (they were red).
    proc = cli("fix", "tree", "-i", "--force", "--report", "fix.html", "-q", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    page = (tmp_path / "fix.html").read_text()
    assert page.count('<details class="file s-fixed"') == 5 and 's-needs"' not in page
    assert re.search(r"\.s-fixed\.file\{border-left-color:var\(--ok\)\}", page)
    assert re.search(r"--ok:#1a7f37", page) and "bad" not in page.split('id="g-fixed"')[1][:200]


def test_failed_files_are_red(tmp_path):
    small_tree(tmp_path / "tree")
    proc = cli("check", "tree", "missing.txt", "--report", "r.html", "-q", cwd=tmp_path)
    page = (tmp_path / "r.html").read_text()
    assert proc.returncode == 2
    assert parse(page).ids["n-failed"] == "1"
    assert re.search(r'<div class="file s-error" data-kinds="failed" data-name="missing.txt">', page)


def test_self_contained_and_complete_without_javascript(tmp_path):
    small_tree(tmp_path / "tree")
    cli("check", "tree", "--report", "r.html", "-q", cwd=tmp_path)
    page = (tmp_path / "r.html").read_text()
    for absent in ("http://", "https://", "<link", "src=", "@import", "url("):
        assert absent not in page
    # The filter bar shows only when the script runs; nothing is hidden in the HTML itself.
    assert "form.filters{display:none} html.js form.filters{display:flex" in page
    files = parse(page).files
    assert len(files) == 6 and not any("hidden" in f for f in files)
    assert {f["data-name"] for f in files} >= {"tree/moji.txt", "tree/image.bin"}


def test_no_cap_on_files_and_bounded_per_file(tmp_path):
    """Every file's diff is in the page (there was a cap of 300 files); a huge file is cut."""
    root = tmp_path / "tree"
    root.mkdir()
    for i in range(320):
        (root / f"f{i:03}.txt").write_bytes(latin1_moji(f"{i}: " + FRENCH))
    (root / "long.txt").write_bytes(latin1_moji(FRENCH.strip() * 2000 + "\n"))  # one huge line
    (root / "many.txt").write_bytes(latin1_moji("ligne café\n") * 1000)
    proc = cli("check", "tree", "--report", "r.html", "-q", "--jobs", "2", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    page = (tmp_path / "r.html").read_text()
    assert page.count('<table class="sbs">') == 322
    last = page.split('data-name="tree/f319.txt"')[1].split("</details>")[0]
    assert '<table class="sbs">' in last and "<ins>é</ins>" in last
    assert "more characters)" in page  # the long line is cut
    assert "… diff cut at 80 rows" in page  # the file of many changed lines is cut
    assert len(page) < 5_000_000


def test_diff_spool_keeps_texts_out_of_memory():
    from mojifix.output.htmldiff import DiffSpool
    from mojifix.runs.batch import NEEDS_FIX, Outcome

    o = Outcome("a.txt", NEEDS_FIX, changed=True, before="cafÃ©\n", after="café\n")
    spool = DiffSpool()
    spool.add(o)
    assert o.before is None and o.after is None  # dropped once rendered
    assert "<del>Ã©</del>" in spool.get(o) and "<ins>é</ins>" in spool.get(o)
    spool.close()


@pytest.mark.parametrize("name", ["r.html", "r.json", "r.jsonl"])
def test_own_reports_are_skipped_by_the_next_run(tmp_path, name):
    root = tmp_path / "tree"
    root.mkdir()
    (root / "moji.txt").write_bytes(latin1_moji(FRENCH))
    assert cli("check", "tree", "--report", f"tree/{name}", "-q", cwd=tmp_path).returncode == 1
    report = (root / name).read_bytes()
    assert b"\xc3\x83\xc2\xa9" in report or b"\\u00c3" in report or "Ã©".encode() in report  # it quotes mojibake
    cli("fix", "tree", "-i", "-q", cwd=tmp_path)
    assert (root / name).read_bytes() == report  # not "repaired"
    proc = cli("check", "tree", "-v", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout  # not flagged: the tree is clean now
    assert f"mojifix: skipped tree/{name}: mojifix report".encode() in proc.stderr
    assert b"1 skipped (1 mojifix report)" in proc.stderr


def test_other_html_and_json_files_are_still_checked(tmp_path):
    """Only files carrying mojifix's mark in their first 1 KB are skipped."""
    root = tmp_path / "tree"
    root.mkdir()
    (root / "page.html").write_bytes(b'<meta name="generator" content="Hugo">' + latin1_moji("<p>café</p>\n"))
    (root / "data.json").write_bytes(b'{"name": ' + latin1_moji('"café"}\n'))
    (root / "late.json").write_bytes(b'{"x": "' + b"a" * 2000 + b'", "mojifix": "' + latin1_moji('café"}\n'))
    proc = cli("check", "tree", cwd=tmp_path)
    assert proc.returncode == 1
    flagged = {line.split(":")[0] for line in proc.stdout.decode().splitlines()}
    assert flagged == {"tree/page.html", "tree/data.json", "tree/late.json"}


def test_describe_chain():
    from mojifix.output.htmlreport import describe_chain

    assert describe_chain("mojibake", ["utf-8", "gbk"]) == "UTF-8 read as GBK"
    assert describe_chain("mojibake", ["utf-8", "windows-1252", "windows-1252"]) == "UTF-8 read as windows-1252, 2 layers"
    assert describe_chain("mojibake", ["utf-8", "cp1251"]) == "UTF-8 read as windows-1251"
    assert describe_chain("encoding", ["shift_jis"]) == "stored as Shift_JIS"
    assert describe_chain("zero-width", []) == ""


# --- the page in a real browser ------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
PREFIXES = ("news", "blog", "wiki", "forum")


def _browser(*args: str, url: str, profile: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
         *args, url],
        capture_output=True, text=True, timeout=180,
    )


def thousand_files(root: Path) -> dict[str, int]:
    """1,000 files, kind by ``i % 5`` and name prefix by ``i % 4``: mojibake, zero-width,
    re-encode only (GBK bytes), two-layer mojibake, clean. Returns the expected counts."""
    root.mkdir()
    for i in range(1000):
        name = root / f"{PREFIXES[i % 4]}-{i:04}.txt"
        kind = i % 5
        if kind == 0:
            name.write_bytes(latin1_moji(f"Article {i}. " + FRENCH))
        elif kind == 1:
            name.write_bytes(f"Note {i}: zero\u200bwidth\n".encode())
        elif kind == 2:
            name.write_bytes(f"第{i}篇。".encode("gbk") + ARTICLE.encode("gbk"))
        elif kind == 3:
            name.write_bytes(latin1_moji(f"Page {i}. " + FRENCH).decode("cp1252").encode())
        else:
            name.write_bytes(f"Plain line number {i}, nothing to fix.\n".encode())
    (root / "logo.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    return {"scanned": 1000, "needs": 800, "reencoded": 200, "clean": 200, "skipped": 1, "failed": 0, "fixed": 0}


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian: apt-get install -y chromium)")
def test_report_of_1000_files_in_headless_chromium(tmp_path):
    expected = thousand_files(tmp_path / "corpus")
    proc = cli("check", "corpus", "--report", "r.html", "-q", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr[-2000:]
    page = tmp_path / "r.html"
    url = page.as_uri()
    with tempfile.TemporaryDirectory() as profile:
        shot = tmp_path / "report.png"
        res = _browser("--screenshot=" + str(shot), "--window-size=1280,2000", url=url, profile=Path(profile))
        assert shot.exists() and shot.stat().st_size > 20_000, res.stderr[-2000:]
        if os.environ.get("MOJIFIX_SCREENSHOT"):  # to look at it: MOJIFIX_SCREENSHOT=/tmp/r.png
            shutil.copy(shot, os.environ["MOJIFIX_SCREENSHOT"])

        # Unfiltered: the summary numbers, and the first 200 files shown of 801 listed.
        dom = parse(_browser("--dump-dom", url=url, profile=Path(profile)).stdout)
        assert {k: int(dom.ids[f"n-{k}"]) for k in expected} == expected
        assert len(dom.files) == 801  # 800 to fix + 1 skipped: no cap
        assert sum("hidden" not in f for f in dom.files) == 200
        assert dom.ids["count"] == "801 of 801 files match, showing 200"

        # Filtered through the query string: mojibake files whose name holds "news".
        dom = parse(_browser("--dump-dom", url=url + "?kind=mojibake&q=news", profile=Path(profile)).stdout)
        shown = [f for f in dom.files if "hidden" not in f]
        assert len(shown) == 100  # i % 4 == 0 and i % 5 in (0, 3)
        assert all("mojibake" in (f["data-kinds"] or "").split() and "news" in (f["data-name"] or "")
                   for f in shown)
        assert dom.ids["count"] == "100 of 801 files match"

        dom = parse(_browser("--dump-dom", url=url + "?kind=re-encoded&q=wiki-", profile=Path(profile)).stdout)
        assert len([f for f in dom.files if "hidden" not in f]) == 50

        # (Without JavaScript nothing is hidden: test_self_contained_and_complete_without_javascript
        # checks the HTML itself; --dump-dom needs scripts on to serialise the page.)


def test_report_jsonl_header_and_json_first_key(tmp_path):
    small_tree(tmp_path / "tree")
    cli("check", "tree", "--report", "r.jsonl", "-q", cwd=tmp_path)
    cli("check", "tree", "--report", "r.json", "-q", cwd=tmp_path)
    assert (tmp_path / "r.jsonl").read_bytes().startswith(b'{"mojifix": ')
    assert json.loads((tmp_path / "r.json").read_text())["mojifix"]
    assert re.match(rb'\{\s*"mojifix"', (tmp_path / "r.json").read_bytes())
    page = (tmp_path / "tree" / "x.html")
    cli("check", "tree", "--report", str(page), "-q", cwd=tmp_path)
    assert b'<meta name="generator" content="mojifix ' in page.read_bytes()[:1024]


def _lazy_page(tmp_path: Path) -> tuple[Path, str]:
    """A page of 3 files whose diffs are all past the inline budget (rendered on open)."""
    from mojifix.output.htmlreport import render_html
    from mojifix.runs.batch import NEEDS_FIX, Outcome
    from mojifix.runs.summary import Summary

    finding = {"kind": "mojibake", "summary": "UTF-8 read as Latin-1: 1 place, 1 character changed", "count": 1,
               "confidence": 0.9, "chain": ["utf-8", "latin-1"], "evidence": []}
    outcomes = [Outcome(f"f{i}.txt", NEEDS_FIX, 6, encoding="utf-8", changed=True, findings=[finding],
                        before="x</script>cafÃ©\n", after="x</script>café\n") for i in range(3)]
    summary = Summary()
    for o in outcomes:
        summary.add(o)
    page = render_html(outcomes, summary.finish(), inline_bytes=0)
    path = tmp_path / "lazy.html"
    path.write_text(page)
    return path, page


def test_diffs_past_the_inline_budget_travel_as_data(tmp_path):
    _, page = _lazy_page(tmp_path)
    before, blob = page.split('<script type="application/json" id="mojifix-diffs">')
    assert '<table class="sbs">' not in before and before.count('<div class="lazy" data-diff=') == 3
    assert before.count("<noscript>") == 3  # without JavaScript the page says where the diff is
    diffs = json.loads(blob.split("</script>")[0])
    assert len(diffs) == 3 and all("<del>Ã©</del>" in d and "x&lt;/script&gt;" in d for d in diffs)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian: apt-get install -y chromium)")
def test_lazy_diffs_render_when_opened_in_chromium(tmp_path):
    path, _ = _lazy_page(tmp_path)
    with tempfile.TemporaryDirectory() as profile:
        dom = _browser("--dump-dom", url=path.as_uri() + "?open=1", profile=Path(profile)).stdout
    assert dom.count('<table class="sbs">') == 3 and dom.count("<del>Ã©</del>") == 3
    assert "data-diff=" not in dom


def test_hostile_file_names_are_escaped(tmp_path):
    root = tmp_path / "tree"
    root.mkdir()
    name = 'x"><img onerror=alert(1)><b>bold\u202e.txt'  # no "/": it is a file name
    (root / name).write_bytes(latin1_moji(FRENCH))
    cli("check", "tree", "--report", "r.html", "-q", cwd=tmp_path)
    page = (tmp_path / "r.html").read_text()
    assert "alert(1)" in page and "<img" not in page and "<b>bold" not in page and "\u202e" not in page
    (entry,) = parse(page).files
    assert entry["data-name"] == 'tree/x"><img onerror=alert(1)><b>bold\\u202e.txt'
