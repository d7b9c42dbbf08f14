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
