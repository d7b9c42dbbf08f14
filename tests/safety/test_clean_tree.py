"""Issue 19: a clean tree of mixed real files comes out of ``fix -i`` byte for byte the same.

(A short Latin-1 file is legacy-encoded text, which ``fix`` exists to convert: it may come out
as the same text in UTF-8, or untouched when detection is not sure; never as another text.)

The files are real text that Python and the installed packages ship (stdlib sources whose
strings hold entities, the Markdown READMEs of installed packages with their code blocks, JSON
configuration from OpenCC), the project's clean fixtures (Persian, Japanese, Arabic, ...), short
Latin-1 files cut from them, Japanese manpages from the shared corpus when present, and the
kinds of file the issue saw damaged (a JSON string holding ``&amp;``, a source file with a real
zero-width space in a string literal, a pinyin lesson). Hypothesis draws trees from this pool.
"""

from __future__ import annotations

import html
import importlib.metadata
import inspect
import sysconfig
from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mojifix.cli import main

ROOT = Path(__file__).resolve().parents[2]
CLEAN = ROOT / "fixtures" / "clean"

WRITTEN = {
    # The issue's own cases, as a user's repository holds them.
    "data/strings.json": b'{"s": "&amp;", "t": "&lt;b&gt;", "n": "caf\\u00e9"}\n',
    "src/splitter.py": 'BREAK_HINT = "\u200b"  # a zero-width space, on purpose\n'
                       'def split(s):\n    return s.split(BREAK_HINT)\n'.encode(),
    "src/test_escape.py": b'import html\n\ndef test_escape():\n'
                          b'    assert html.escape("<a & b>") == "&lt;a &amp; b&gt;"\n',
    "docs/inline.md": b"# Escaping\n\nWrite `&amp;` for `&` in HTML.\n\n```html\n"
                      b"<p>Tom &amp; Jerry</p>\n```\n",
    "zh/lesson.txt": "第一课\n\n我(wǒ)爱(ài)你(nǐ)。这是一本汉语课本。和(hè)\n"
                     "老师(lǎo shī)说：你好(nǐ hǎo)！\n".encode(),
}


def _stdlib(name: str) -> bytes | None:
    path = Path(sysconfig.get_paths()["stdlib"]) / name
    return path.read_bytes() if path.is_file() else None


def _markdown(dist: str) -> bytes | None:
    try:
        meta = importlib.metadata.metadata(dist)
    except importlib.metadata.PackageNotFoundError:
        return None
    body = meta.get_payload() if hasattr(meta, "get_payload") else None  # type: ignore[attr-defined]
    return body.encode() if body and "```" in body else None


@lru_cache(maxsize=1)
def pool() -> dict[str, bytes]:
    files: dict[str, bytes] = dict(WRITTEN)
    files["src/html_init.py"] = Path(inspect.getfile(html)).read_bytes()
    for name in ("test/test_html.py", "json/encoder.py", "textwrap.py"):
        data = _stdlib(name)
        if data:
            files[f"src/{name.replace('/', '_')}"] = data
    for dist in ("rich", "click", "ftfy", "hypothesis", "chardet"):
        data = _markdown(dist)
        if data:
            files[f"docs/{dist}.md"] = data
    import opencc

    configs = sorted(Path(opencc.__file__).parent.rglob("*.json"))[:4]
    for path in configs:
        files[f"data/opencc-{path.name}"] = path.read_bytes()
    for path in sorted(CLEAN.glob("*.txt")):
        files[f"clean/{path.name}"] = path.read_bytes()
    # Short Latin-1 files: one or two real lines of Western European text.
    for lang in ("de", "es", "fr", "pt"):
        lines = [ln for ln in (CLEAN / f"{lang}.txt").read_text().splitlines()
                 if ln.strip() and not ln.isascii()]
        for i, line in enumerate(lines[:3]):
            try:
                files[f"latin1/{lang}-{i}.txt"] = (line[:160] + "\n").encode("latin-1")
            except UnicodeEncodeError:
                continue
    from conftest import SHARED

    ja = SHARED / "corpus" / "manpages" / "ja"
    if ja.is_dir():
        for path in sorted(ja.glob("*.txt"))[:3]:
            files[f"ja/{path.name}"] = path.read_bytes()
    return files


def _expected(rel: str, data: bytes, after: bytes) -> bool:
    """Byte-identical; a short Latin-1 file may instead be converted to UTF-8 with its text
    intact (that is what ``fix`` is for), but never decoded with a wrong code page."""
    if after == data:
        return True
    return rel.startswith("latin1/") and after == data.decode("latin-1").encode("utf-8")


def _fix_in_place(root: Path, chosen: dict[str, bytes]) -> dict[str, bytes]:
    for rel, data in chosen.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    result = CliRunner().invoke(main, ["fix", "-i", "-q", "-j", "1", str(root)])
    assert result.exit_code in (0, 1), result.output  # 1: a low-confidence file left alone
    return {rel: (root / rel).read_bytes() for rel in chosen}


def test_the_whole_pool_is_left_byte_identical(tmp_path: Path) -> None:
    files = pool()
    after = _fix_in_place(tmp_path / "tree", files)
    changed = sorted(rel for rel in files if not _expected(rel, files[rel], after[rel]))
    assert changed == []


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_any_clean_tree_is_left_byte_identical(tmp_path_factory: pytest.TempPathFactory,
                                               data: st.DataObject) -> None:
    names = data.draw(st.lists(st.sampled_from(sorted(pool())), min_size=1, max_size=8,
                               unique=True))
    chosen = {n: pool()[n] for n in names}
    root = tmp_path_factory.mktemp("tree")
    after = _fix_in_place(root, chosen)
    assert [rel for rel in chosen if not _expected(rel, chosen[rel], after[rel])] == []
