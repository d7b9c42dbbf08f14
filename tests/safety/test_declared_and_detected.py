"""Issue 19, helper "decl": bytes are decoded honestly, and converted files still declare the truth.

One test (or parametrized group) per item:

1. declared encodings (HTML meta, XML declaration, Python/Vim cookie, CSS @charset) are evidence
   for detection and are rewritten to UTF-8 when the file is written as UTF-8;
2. byte order marks: reported when removed, kept with ``--keep-bom``;
3. short Western files keep the common code page, and ``fix -i`` refuses low confidence;
4. lossy UTF-8-read-as-GBK text is never called clean.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli, shared_path
from mojifix import repair_text

# --- item 4: lossy UTF-8 read as GBK -----------------------------------------------------------


def _lossy_units() -> list[tuple[str, str]]:
    """(name, original text): whole documents and single paragraphs (joined into one line, as
    scraped text often is) of real Chinese and Japanese manpages."""
    units = []
    for lang in ("zh_CN", "ja"):
        folder = shared_path("corpus", "manpages", lang)
        for path in sorted(folder.iterdir())[:12]:
            text = path.read_text(encoding="utf-8", errors="replace")
            units.append((f"{lang}/{path.name}:doc", text[:6000]))
            paras = [p for p in text.split("\n\n") if len(p.encode()) > 200 and not p.isascii()]
            if paras:
                units.append((f"{lang}/{path.name}:para", paras[0].replace("\n", " ")))
    return units


@pytest.mark.parametrize("errors", ["replace", "ignore"])
def test_lossy_utf8_read_as_gbk_is_never_clean(errors: str, tmp_path: Path) -> None:
    for name, text in _lossy_units():
        lossy = text.encode("utf-8").decode("gbk", errors=errors)
        repair = repair_text(lossy)
        lost = [f for f in repair.findings if "lost" in f.summary or "cannot be recovered" in f.summary]
        assert lost, f"{name} ({errors}): lossy mojibake reported as clean"
    # check on a single lossy paragraph: exit 1 and the finding is shown.
    name, text = next(u for u in _lossy_units() if u[0].endswith(":para"))
    path = tmp_path / "lossy.txt"
    path.write_bytes(text.encode("utf-8").decode("gbk", errors=errors).encode("utf-8"))
    proc = run_cli("check", "-q", "--output-format", "json", str(path))
    assert proc.returncode == 1, (name, proc.stdout, proc.stderr)
    doc = json.loads(proc.stdout)
    kinds = {f["kind"] for rec in doc["files"] for f in rec["findings"]}
    assert kinds & {"mojibake", "mojibake-lossy"}


# --- item 1: declared encodings ---------------------------------------------------------------

HTML_TEXT = "中文的文字，这是一本汉语课本。我们学习汉语。"
PAGES = {
    "meta-charset": '<!DOCTYPE html>\n<html><head><meta charset="gb2312"><title>课本</title></head>'
                    "<body><p>{}</p></body></html>\n",
    "http-equiv": '<html><head>\n<meta http-equiv="Content-Type" content="text/html; charset=gb2312">\n'
                  "<title>课本</title></head><body><p>{}</p></body></html>\n",
}


def _fix_in_place(path: Path, *extra: str) -> None:
    proc = run_cli("fix", "-i", "-q", *extra, str(path))
    assert proc.returncode == 0, proc.stderr


def _html_text(data: bytes) -> tuple[str, str]:
    """(the <p> text, the encoding) as a browser's algorithm reads ``data`` (html5lib)."""
    html5lib = pytest.importorskip("html5lib")
    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    tree = parser.parse(data)
    return "".join(tree.find(".//p").itertext()), parser.documentEncoding


@pytest.mark.parametrize("form", sorted(PAGES))
def test_declared_html_page_reads_back_the_same(form: str, tmp_path: Path) -> None:
    page = PAGES[form].format(HTML_TEXT)
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gbk"))
    assert _html_text(path.read_bytes())[0] == HTML_TEXT  # the page as it was
    _fix_in_place(path)
    data = path.read_bytes()
    assert data.decode("utf-8") == page.replace("gb2312", "utf-8")  # only the label changed
    text, encoding = _html_text(data)
    assert (text, encoding) == (HTML_TEXT, "utf-8")
    chromium = Path("/usr/bin/chromium")
    if chromium.exists():  # the real thing, where installed
        import subprocess

        dom = subprocess.run([str(chromium), "--headless", "--disable-gpu", "--no-sandbox",
                              "--dump-dom", path.as_uri()], capture_output=True, timeout=120)
        assert HTML_TEXT in dom.stdout.decode("utf-8")


def test_declared_xml_reads_back_the_same(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    doc = '<?xml version="1.0" encoding="ISO-8859-1"?>\n<menu><item>café crème brûlée</item></menu>\n'
    path = tmp_path / "menu.xml"
    path.write_bytes(doc.encode("latin-1"))
    _fix_in_place(path)
    data = path.read_bytes()
    assert data.decode("utf-8") == doc.replace("ISO-8859-1", "UTF-8")
    assert ET.fromstring(data).find("item").text == "café crème brûlée"


@pytest.mark.parametrize("cookie", ["# -*- coding: latin-1 -*-", "# vim: set fileencoding=latin-1 :"])
def test_declared_python_source_reads_back_the_same(cookie: str, tmp_path: Path) -> None:
    import io
    import tokenize

    source = f"{cookie}\nGREETING = 'café, señor, très bien'\n"
    path = tmp_path / "greet.py"
    path.write_bytes(source.encode("latin-1"))
    _fix_in_place(path)
    data = path.read_bytes()
    assert tokenize.detect_encoding(io.BytesIO(data).readline)[0] == "utf-8"
    namespace: dict[str, object] = {}
    exec(compile(data, str(path), "exec"), namespace)
    assert namespace["GREETING"] == "café, señor, très bien"


def test_declared_css_reads_back_the_same(tmp_path: Path) -> None:
    tinycss2 = pytest.importorskip("tinycss2")
    from tinycss2.bytes import decode_stylesheet_bytes
    css = '@charset "windows-1251";\n.greeting::after { content: "Привет, мир! Как дела?"; }\n'
    path = tmp_path / "site.css"
    path.write_bytes(css.encode("cp1251"))
    _fix_in_place(path)
    data = path.read_bytes()
    assert data.decode("utf-8") == css.replace("windows-1251", "UTF-8")
    _, encoding = decode_stylesheet_bytes(data)  # the browser's CSS decoding
    assert encoding.name == "utf-8"
    rules, _ = tinycss2.parse_stylesheet_bytes(data)
    assert "Привет, мир! Как дела?" in tinycss2.serialize(rules)


def test_declaration_is_evidence_not_gospel(tmp_path: Path) -> None:
    """The declaration settles what detection alone gets wrong, and loses where it lies."""
    from mojifix import repair_bytes

    # Short Spanish in an XML file that says ISO-8859-1: detection alone reads ``niņa``.
    short = '<?xml version="1.0" encoding="ISO-8859-1"?><a>niña</a>'
    repair = repair_bytes(short.encode("latin-1"))
    assert repair.text == short.replace("ISO-8859-1", "UTF-8")
    # A page declaring iso-8859-1 whose bytes are valid UTF-8 is UTF-8 (and now says so).
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>cafÃ© crème</p></body></html>'
    repair = repair_bytes(page.encode("utf-8"))
    assert repair.encoding == "utf-8"
    assert repair.text == page.replace("iso-8859-1", "utf-8").replace("cafÃ©", "café")
    # A page declaring gb2312 whose bytes are windows-1251 Russian: GBK cannot decode it.
    lying = '<html><head><meta charset="gb2312"></head><body><p>Привет, как дела? Всё хорошо.</p></body></html>'
    repair = repair_bytes(lying.encode("cp1251"))
    assert repair.encoding == "windows-1251"
    assert repair.text == lying.replace("gb2312", "utf-8")
    assert any("not followed" in e for f in repair.findings for e in f.evidence)


def test_declaration_rewrite_is_shown_and_reported(tmp_path: Path) -> None:
    page = PAGES["meta-charset"].format(HTML_TEXT)
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gbk"))
    proc = run_cli("fix", "--diff", str(path))
    assert proc.returncode == 0, proc.stderr
    diff = proc.stdout.decode("utf-8")
    assert '-<!DOCTYPE html>\n' not in diff  # only the changed line
    assert '+<html><head><meta charset="utf-8">' in diff
    report = tmp_path / "report.json"
    proc = run_cli("fix", "-q", "--out-dir", str(tmp_path / "out"), "--report", str(report), str(path))
    assert proc.returncode == 0, proc.stderr
    rec = json.loads(report.read_text())["files"][0]
    assert "declared-encoding" in {f["kind"] for f in rec["findings"]}
    assert [c["before"] for c in rec["changes"] if c["kind"] == "declared-encoding"] == ["gb2312"]
    # An ASCII file that declares Latin-1 is clean: nothing to convert, nothing to rewrite.
    ascii_page = tmp_path / "plain.xml"
    ascii_page.write_bytes(b'<?xml version="1.0" encoding="ISO-8859-1"?><a>plain</a>')
    proc = run_cli("check", "-q", str(ascii_page))
    assert proc.returncode == 0, proc.stdout


# --- item 2: byte order marks ------------------------------------------------------------------


def test_bom_removal_is_reported_and_keep_bom_keeps_it(tmp_path: Path) -> None:
    import os

    body = "hello café\n"
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    # check: text and JSON show the BOM; it needs a fix (exit 1) ...
    proc = run_cli("check", "-q", str(path))
    assert proc.returncode == 1
    assert f"{path}:1:1: bom: utf-8 byte-order mark removed" in proc.stdout.decode()
    proc = run_cli("check", "-q", "--output-format", "json", str(path))
    assert [f["kind"] for f in json.loads(proc.stdout)["files"][0]["findings"]] == ["bom"]
    # ... unless the BOM is wanted.
    assert run_cli("check", "-q", "--keep-bom", str(path)).returncode == 0
    # fix -i --keep-bom: the file is not even rewritten.
    before = os.stat(path).st_mtime_ns
    proc = run_cli("fix", "-i", "-q", "--keep-bom", str(path))
    assert proc.returncode == 0, proc.stderr
    assert path.read_bytes() == b"\xef\xbb\xbf" + body.encode("utf-8")
    assert os.stat(path).st_mtime_ns == before
    # fix -i: removed, and the report says so.
    report = tmp_path / "r.json"
    proc = run_cli("fix", "-i", "-q", "--report", str(report), str(path))
    assert proc.returncode == 0, proc.stderr
    assert path.read_bytes() == body.encode("utf-8")
    rec = json.loads(report.read_text())["files"][0]
    assert rec["bom"] == "utf-8" and [f["kind"] for f in rec["findings"]] == ["bom"]


def test_keep_bom_utf16_becomes_utf8_with_bom(tmp_path: Path) -> None:
    src = tmp_path / "wide.txt"
    src.write_bytes("\ufeffПривет, cafÃ©\n".encode("utf-16-le"))
    out = tmp_path / "out.txt"
    proc = run_cli("fix", "--keep-bom", "-o", str(out), str(src))
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes() == b"\xef\xbb\xbf" + "Привет, café\n".encode()
    # Changes are located in the text as it is, BOM included.
    proc = run_cli("fix", "--keep-bom", "--report", "-", "-o", str(out), str(src))
    rec = json.loads(proc.stderr[proc.stderr.index(b"{"):])["files"][0]
    assert [(c["line"], c["column"], c["before"]) for c in rec["changes"]] == [(1, 13, "Ã©")]  # U+FEFF is column 1
