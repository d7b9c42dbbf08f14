"""Issue 17: the gloss fixer and the realign fixer no longer import each other (what both need,
the GBK byte-pair arithmetic, is in mojifix.gbkbytes, below both)."""

from __future__ import annotations

import ast
from pathlib import Path

import mojifix

SRC = Path(mojifix.__file__).parent


def _imports(module: str) -> set[str]:
    """The mojifix modules ``module`` imports, at its top or inside its functions."""
    tree = ast.parse((SRC / f"{module}.py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.level == 1:
            found.update(a.name for a in node.names)
    return found


def test_no_import_cycle_through_glosses_or_realign() -> None:
    modules = {p.stem for p in SRC.glob("*.py")}
    graph = {m: _imports(m) & modules for m in modules}

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            m = todo.pop()
            for n in graph[m] - seen:
                if n == goal:
                    return True
                seen.add(n)
                todo.append(n)
        return False

    assert "glosses" in graph["realign"] and "gbkbytes" in graph["glosses"]
    assert not reaches("glosses", "glosses") and not reaches("realign", "realign")
