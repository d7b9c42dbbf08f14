"""Issue 17: no import cycle inside the package, at module level or inside functions.

Every module under src/mojifix is parsed; each ``from .x import y``, ``from .. import y``,
``import mojifix.x`` and ``from mojifix.x import y`` (wherever it stands, lazy imports included)
is resolved to the mojifix module it loads, and the graph must have no cycle. Importing a
package runs its ``__init__``, so an edge to ``mojifix.fixers.chains`` is also an edge to
``mojifix.fixers`` (the package itself), which is why ``__init__`` files stay light.
"""

from __future__ import annotations

import ast
from pathlib import Path

import mojifix

SRC = Path(mojifix.__file__).parent


def _name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(p): p for p in SRC.rglob("*.py")}


def _package(name: str, path: Path) -> str:
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def _targets(name: str, path: Path) -> set[str]:
    pkg = _package(name, path)
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for block in ast.walk(tree) if isinstance(block, ast.If)
                   and ast.unparse(block.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING")
                   for stmt in block.body for n in ast.walk(stmt)}
    for node in ast.walk(tree):
        if id(node) in typing_only:  # never runs: annotations only
            continue
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg.split(".")
                base = base[: len(base) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            for alias in node.names:  # `from pkg import module` loads the module
                if f"{mod}.{alias.name}" in MODULES:
                    found.add(f"{mod}.{alias.name}")
            found.add(mod)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    edges = set()
    for t in found:
        # importing a.b.c loads a, a.b and a.b.c
        parts = t.split(".")
        for i in range(1, len(parts) + 1):
            prefix = ".".join(parts[:i])
            if prefix in MODULES and prefix != name and prefix != "mojifix":
                edges.add(prefix)
    return edges


GRAPH = {name: _targets(name, path) for name, path in MODULES.items()}


def _cycle() -> list[str] | None:
    """One cycle of GRAPH (as a list of modules), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for m in sorted(GRAPH[n]):
            # a package's __init__ importing its own submodules is not a cycle back to it
            if state.get(m) == 1 and not n.startswith(m + "."):
                return [*stack[stack.index(m):], m]
            if m not in state and (found := visit(m)):
                return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(GRAPH):
        if n not in state and (found := visit(n)):
            return found
    return None


def test_the_graph_sees_lazy_and_relative_imports() -> None:
    assert "mojifix.fixers.gbkbytes" in GRAPH["mojifix.fixers.glosses"]
    assert "mojifix.fixers.glosses" in GRAPH["mojifix.fixers.realign"]
    assert "mojifix.engine.pipeline" in GRAPH["mojifix.api"]


def test_no_import_cycle() -> None:
    cycle = _cycle()
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])
