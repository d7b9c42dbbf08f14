"""The shape ARCHITECTURE.md promises: small modules, one home per concept, the flow in folders.

Each check reads the source (ast or text), so a second scorer, writer or envelope fails here
the day it is written, whatever it is called in the diff.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "src" / "mojifix"
MODULES = sorted(p for p in PKG.rglob("*.py"))


def _rel(p: Path) -> str:
    return p.relative_to(PKG).as_posix()


def _functions(p: Path) -> list[str]:
    tree = ast.parse(p.read_text("utf-8"))
    return [n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]


def _code(p: Path) -> str:
    """The module's source without docstrings and comments (what runs, not what explains)."""
    tree = ast.parse(p.read_text("utf-8"))
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(body, list) and body and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str)):
            body[0] = ast.Pass()
    return ast.unparse(tree)


def test_no_module_over_600_lines() -> None:
    long = {_rel(p): n for p in MODULES if (n := len(p.read_text("utf-8").splitlines())) > 600}
    assert not long, f"modules over 600 lines: {long}"


def test_the_flow_is_in_the_folders() -> None:
    folders = {p.name for p in PKG.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert {"decoding", "scoring", "fixers", "engine", "files", "runs", "output", "cli"} <= folders
    top = {p.stem for p in PKG.glob("*.py")}
    # The top level is the public API and the data model shared by every step, nothing else.
    assert top <= {"__init__", "__main__", "api", "model", "kinds", "config", "errors", "textdiff", "memo"}, top


def _homes(predicate) -> list[str]:
    return sorted(_rel(p) for p in MODULES if predicate(p))


def test_one_atomic_writer() -> None:
    """Only files/fileio.py renames a temporary file over a target."""
    writes = re.compile(r"\bos\.(replace|rename)\(|\bmkstemp\(|NamedTemporaryFile\(")
    assert _homes(lambda p: writes.search(_code(p))) == ["files/fileio.py"]


def test_one_json_envelope() -> None:
    """Only output/report.py writes the ``schema`` key of a JSON document."""
    assert _homes(lambda p: "'schema'" in _code(p)) == ["output/report.py"]


def test_one_chain_describer() -> None:
    """Chains are put into words in one place, so they read the same in every report: no other
    module builds a chain sentence (an f-string saying "X read as Y", or "→ decoded as")."""
    def builds(p: Path) -> bool:
        tree = ast.parse(_code(p))
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr) and " read as " in ast.unparse(node):
                return True
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and "→ decoded as" in node.value):
                return True
        return False
    assert _homes(builds) == ["model.py"]


def test_one_plausibility_model() -> None:
    """Text is scored for plausibility only in scoring/ (decoding/ and fixers/ ask it)."""
    scorers = _homes(lambda p: any(re.fullmatch(r"_?(\w+_)?cost", f) for f in _functions(p)))
    assert scorers and all(s.startswith("scoring/") for s in scorers), scorers


def test_one_table_of_letter_frequencies() -> None:
    """Russian letter frequencies are written once (scoring/letters.py): a dict literal keyed
    on the alphabet in frequency order appears nowhere else."""
    assert _homes(lambda p: '"оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё' in p.read_text("utf-8")) == [
        "scoring/letters.py"]


def test_one_jsonl_road() -> None:
    roads = _homes(lambda p: any(re.fullmatch(r"(repair|fix)_jsonl", f) for f in _functions(p)))
    assert roads == ["files/jsonl.py"], roads


def test_one_kind_registry() -> None:
    """Finding and change kinds are members of the enums in kinds.py, defined nowhere else."""
    def enums(p: Path) -> bool:
        tree = ast.parse(p.read_text("utf-8"))
        return any(isinstance(n, ast.ClassDef) and any("Enum" in ast.unparse(b) or "Kind" in ast.unparse(b)
                                                        for b in n.bases) for n in ast.walk(tree))
    assert _homes(enums) == ["kinds.py"]


def test_one_fixer_registry() -> None:
    """Only engine/registry.py builds Fixer records into the registry the pipeline walks."""
    assert _homes(lambda p: re.search(r"\bRegistry\(\(", _code(p)) is not None) == ["engine/registry.py"]


@pytest.mark.parametrize("concept, home", [
    ("finding and change kinds", "kinds.FindingKind`, `kinds.ChangeKind"),
    ("fixer order and records", "engine/registry.FIXERS"),
    ("plausibility model", "scoring/plausibility.py"),
    ("chain describer", "model.describe_chain"),
    ("page decision (gloss page, converter page)", "scoring/evidence.py"),
    ("document chain plan", "fixers/plan.py"),
    ("letter statistics of languages", "scoring/letters.py"),
    ("atomic writer", "files/fileio.AtomicFile"),
    ("JSONL road", "files/jsonl.repair_jsonl"),
    ("JSON envelope", "output/report.envelope"),
])
def test_architecture_md_names_each_home(concept: str, home: str) -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text("utf-8")
    assert f"| {concept} | `{home}` |" in text
    assert len(text.splitlines()) <= 120
