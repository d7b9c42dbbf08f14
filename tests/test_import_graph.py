"""No import cycles inside the package (issue 17).

Every module under ``src/mojifix`` (subpackages included) is parsed with ``ast``; every import it
makes, at module level AND inside functions (a lazy import still ties the two modules together),
becomes an edge: ``import mojifix.x``, ``from mojifix.x import y``, ``from . import x``,
``from .x import y``, ``from ..x import y``, relative imports resolved against the importing
module's package. ``from pkg import name`` points at ``pkg.name`` when that is a module, else at
``pkg`` itself. Imports under ``if TYPE_CHECKING:`` are left out: they never run.

The strongly connected components of that graph with more than one module are the cycles; the
test fails listing each, with one path around it. The layout may change (the lead is moving the
modules into subpackages): nothing here names a module except the scoring/fixer roles, which
are matched by a module's last name, wherever it lives. No cycle is tolerated (the last one,
commonpage <-> detect, went when the sample size moved to scoring.detectscore).
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = "mojifix"


# The screen is a scoring concern that fixers use: these modules (by last name, wherever the
# lead moves them) must import no fixer and nothing of the engine.
SCORING = {"screen", "quiet", "plausibility", "repertoire", "evidence", "memo", "atomic", "codepages"}
FIXERS_AND_ENGINE = {"chains", "mojibake", "glosses", "realign", "entities", "bare_entities",
                     "zerowidth", "normalize", "restore", "pipeline", "prefilters", "api", "stream"}


def modules() -> dict[str, Path]:
    """``{dotted name: path}`` for every module of the package."""
    out: dict[str, Path] = {}
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """ids of the nodes under ``if TYPE_CHECKING:`` (never run)."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            test = node.test
            name = test.id if isinstance(test, ast.Name) else getattr(test, "attr", None)
            if name == "TYPE_CHECKING":
                for child in node.body:
                    skip.update(id(n) for n in ast.walk(child))
    return skip


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that module ``name`` imports, anywhere in its body."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    is_package = path.name == "__init__.py"
    here = name if is_package else name.rpartition(".")[0]
    skip = _type_checking_nodes(tree)
    out: set[str] = set()

    def add(target: str, names: list[str]) -> None:
        if not (target == PACKAGE or target.startswith(PACKAGE + ".")):
            return
        subs = [f"{target}.{n}" for n in names if f"{target}.{n}" in known]
        out.update(subs)
        if len(subs) < len(names) or not names:
            # a name defined in ``target`` itself (or the nearest module above it)
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target:
                out.add(target)

    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name, [])
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here.split(".")
                if node.level > 1:
                    base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            add(target, [a.name for a in node.names if a.name != "*"])
    out.discard(name)
    return out


def graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    return {name: imports_of(name, path, known) for name, path in mods.items()}


def cycles(edges: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, it = work[-1]
            for nxt in it:
                if nxt not in edges:
                    continue
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(edges[nxt]))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    comp = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        comp.add(member)
                        if member == node:
                            break
                    if len(comp) > 1:
                        found.append(frozenset(comp))
    return found


def path_around(edges: dict[str, set[str]], comp: frozenset[str]) -> str:
    """One cycle through the component, for the failure message: ``a -> b -> a``."""
    start = min(comp)
    # breadth-first from start's successors back to start, inside the component
    prev: dict[str, str] = {}
    queue = [n for n in sorted(edges[start]) if n in comp]
    for n in queue:
        prev.setdefault(n, start)
    while queue:
        node = queue.pop(0)
        if node == start:
            break
        for nxt in sorted(edges[node]):
            if nxt in comp and nxt not in prev:
                prev[nxt] = node
                queue.append(nxt)
    walk = [start]
    node = prev.get(start, start)
    while node != start and len(walk) <= len(comp):
        walk.append(node)
        node = prev[node]
    walk.append(start)
    return " -> ".join(reversed(walk))


def test_the_graph_sees_lazy_and_relative_imports():
    edges = graph()
    # a function-level ``from .chains import may_apply`` (prefilters) and a module-level one
    assert "mojifix.fixers.chains" in edges["mojifix.engine.prefilters"]
    assert "mojifix.scoring.screen" in edges["mojifix.fixers.mojibake"]
    assert len(edges) > 40


def test_no_import_cycles():
    edges = graph()
    bad = cycles(edges)
    assert not bad, "import cycles:\n" + "\n".join(
        f"  {sorted(c)}: {path_around(edges, c)}" for c in bad)


def test_scoring_modules_import_no_fixer_nor_engine():
    edges = graph()
    leaf = {name: name.rpartition(".")[2] for name in edges}
    wrong = sorted(
        f"{name} imports {target}"
        for name, targets in edges.items() if leaf[name] in SCORING
        for target in targets if leaf.get(target) in FIXERS_AND_ENGINE
    )
    assert not wrong, wrong




# The layers of ARCHITECTURE.md, bottom first: a module may import its own layer and the layers
# before it, never one after (the top-level data model first; the public API after the engine
# it drives; files, runs, output and the command line use everything below them).
LAYERS = (
    {"errors", "kinds", "model", "textdiff", "memo", "config"},
    {"scoring"}, {"decoding"}, {"fixers"}, {"engine"},
    {"api", "mojifix", "integrations"},
    {"files"}, {"runs"}, {"output"}, {"cli", "__main__"},
)


def _layer(module: str) -> int:
    parts = module.split(".")
    key = parts[1] if len(parts) > 1 else "mojifix"
    return next(i for i, layer in enumerate(LAYERS) if key in layer)


def test_arrows_point_down() -> None:
    up = sorted(f"{a} -> {b}" for a, targets in graph().items() for b in targets
                if _layer(b) > _layer(a))
    assert not up, "imports that point up the layers:\n" + "\n".join(up)
