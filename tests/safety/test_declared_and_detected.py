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


# --- item 3: short Western files keep the plain code page; -i refuses a guess -----------------

# Which code page each language's short files are written in (Turkish lines only where
# windows-1252 holds them: ç ö ü).
SHORT_CODEPAGES = {"de": "cp1252", "fr": "cp1252", "es": "cp1252", "it": "cp1252",
                   "tr": "cp1252", "pl": "cp1250", "cs": "cp1250"}
PORTUGUESE = [
    "Ele é meu irmão e ela é minha irmã.", "A informação está disponível no relatório anual.",
    "Não há nada a fazer além de esperar.", "O coração da cidade fica perto da estação.",
    "Você já leu o livro que eu emprestei?", "As crianças brincam na praça às três horas.",
    "Obrigado pela atenção e até amanhã!", "A lição de português começa às nove.",
    "Ação e reação são conceitos da física.", "É possível que chova à tarde.",
    "Os pães de queijo estão prontos.", "Ele não sabe se vai à festa.",
    "Minha avó mora no interior de São Paulo.", "A canção foi escrita em 1975.",
    "Põe o açúcar na mesa, por favor.", "irmã",
]
ISSUE_EXAMPLES = ["niña", "très bien", "irmã", "¡Olé!", "l’été à Paris"]


def _short_lines() -> list[tuple[str, str, str]]:
    """(name, text, codec): one- or two-line cuts of real manpage sentences, and a few words
    around their first accented letter, written in the code page that fits them."""
    out: list[tuple[str, str, str]] = []
    for lang, codec in SHORT_CODEPAGES.items():
        got = 0
        for path in sorted(shared_path("corpus", "manpages", lang).iterdir()):
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                line = " ".join(line.split())
                if not 20 <= len(line) <= 100 or line.isascii() or "\ufffd" in line:
                    continue
                try:
                    line.encode(codec)
                except UnicodeEncodeError:
                    continue
                words = line.split(" ")
                k = next(i for i, w in enumerate(words) if not w.isascii())
                for text in (line, " ".join(words[max(0, k - 1):k + 2])):
                    # Western lines alternate between windows-1252 and Latin-1 (same letters).
                    enc = "latin-1" if codec == "cp1252" and len(out) % 2 else codec
                    try:
                        text.encode(enc)
                    except UnicodeEncodeError:
                        enc = codec
                    out.append((f"{lang}-{len(out):03d}.txt", text, enc))
                got += 1
                break  # one line per manpage: many pages, many words
            if got >= 7:
                break
    out += [(f"pt-{i:03d}.txt", text, "cp1252") for i, text in enumerate(PORTUGUESE)]
    out += [(f"issue-{i}.txt", text, "cp1252") for i, text in enumerate(ISSUE_EXAMPLES)]
    return out


def test_short_western_files_are_never_written_wrong(tmp_path: Path) -> None:
    from mojifix.decoding.decode import decode

    files = _short_lines()
    assert len(files) >= 60
    for name, text, enc in files:
        (tmp_path / name).write_bytes(text.encode(enc))
    # The decoder itself reads each the way it was written.
    wrong = [(name, text, decode(text.encode(enc)).text) for name, text, enc in files
             if decode(text.encode(enc)).text != text]
    assert not wrong
    report = tmp_path / "report.json"
    proc = run_cli("fix", "-i", "-j", "2", "--report", str(report), str(tmp_path), "--exclude", "report.json")
    doc = json.loads(report.read_text())
    refused = [r for r in doc["files"] if r.get("reason", "").startswith("not rewritten")]
    for name, text, enc in files:
        data = (tmp_path / name).read_bytes()
        # Either converted right, or left exactly as it was (and reported).
        assert data in (text.encode(), text.encode(enc)), (name, text, data)
        if data == text.encode(enc) and not text.isascii():
            assert any(r["path"].endswith(name) for r in refused), name
    for r in refused:  # the report says how sure detection was
        assert r["status"] == "needs-fix" and r["confidence"] < 0.25
        assert "low confidence, a guess" in r["findings"][0]["summary"]
    if refused:
        assert proc.returncode == 1
        assert doc["summary"]["not_rewritten"] == len(refused)
        assert b"not rewritten: " in proc.stderr and b"--force" in proc.stderr
    # --force writes the rest, still right.
    proc = run_cli("fix", "-i", "--force", "-j", "2", "-q", str(tmp_path), "--exclude", "report.json")
    assert proc.returncode == 0, proc.stderr
    for name, text, _ in files:
        assert (tmp_path / name).read_text(encoding="utf-8") == text, name


@pytest.mark.parametrize("text", ISSUE_EXAMPLES)
def test_issue_examples_keep_the_plain_code_page(text: str) -> None:
    from mojifix.decoding.decode import decode

    for enc in ("cp1252", "latin-1"):
        try:
            data = text.encode(enc)
        except UnicodeEncodeError:
            continue
        decoded = decode(data)
        assert (decoded.text, decoded.encoding) == (text, "windows-1252")
        assert 0 <= decoded.confidence < 1


def test_utf16_xml_with_bom_declares_utf8_after_conversion(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    doc = '<?xml version="1.0" encoding="UTF-16"?>\n<menu><item>café crème</item></menu>\n'
    path = tmp_path / "menu.xml"
    path.write_bytes(doc.encode("utf-16"))  # with its BOM
    _fix_in_place(path)
    data = path.read_bytes()
    assert data.decode("utf-8") == doc.replace("UTF-16", "UTF-8")
    assert ET.fromstring(data).find("item").text == "café crème"


def test_prose_showing_a_declaration_keeps_it(tmp_path: Path) -> None:
    """A GBK tutorial that shows a <meta> as an example is converted, its example untouched."""
    text = '中文网页要在开头写上 <meta charset="gb2312"> 这一行。\n这是一本汉语课本，我们学习汉语。\n'
    path = tmp_path / "tutorial.txt"
    path.write_bytes(text.encode("gbk"))
    _fix_in_place(path)
    assert path.read_text(encoding="utf-8") == text
