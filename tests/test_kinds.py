"""Issue 17: finding and change kinds come from one registry (mojifix.kinds), and reports group
each change under the finding that made it, exactly."""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

import mojifix
from mojifix.config import Config
from mojifix.engine import registry
from mojifix.kinds import ChangeKind, FindingKind, belongs

SRC = Path(mojifix.__file__).parent
# Where each call takes its kind: (position, keyword).
KIND_ARG = {"Finding": (0, "kind"), "Change": (0, "kind"), "Edit": (3, "kind"),
            "diff_edits": (3, "kind"), "line_edits": (2, "kind")}


def _kinds_written_in_src() -> tuple[set[str], set[str]]:
    """Every finding kind and change kind written as a literal (or a module constant) in src."""
    findings: set[str] = set()
    changes: set[str] = set()
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {t.id: n.value.value for n in tree.body if isinstance(n, ast.Assign)
                     and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)
                     for t in n.targets if isinstance(t, ast.Name)}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            if name not in KIND_ARG:
                continue
            pos, key = KIND_ARG[name]
            arg = node.args[pos] if len(node.args) > pos else next(
                (k.value for k in node.keywords if k.arg == key), None)
            if isinstance(arg, ast.Name) and arg.id in constants:
                value = constants[arg.id]
            elif isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                value = arg.value
            else:
                continue  # a kind passed through (textdiff's ``kind``, jsonl's grouping)
            (findings if name == "Finding" else changes).add(value)
    changes.discard("")  # textdiff.count_edits: edits built only to be counted
    return findings, changes


def test_every_kind_written_in_src_is_a_member() -> None:
    findings, changes = _kinds_written_in_src()
    assert len(findings) >= 14 and len(changes) >= 9  # the scan sees them
    assert findings <= {k.value for k in FindingKind}, findings - {k.value for k in FindingKind}
    assert changes <= {k.value for k in ChangeKind}, changes - {k.value for k in ChangeKind}
    assert {k.value for k in FindingKind} <= findings  # and nothing in the enum is dead


def test_kinds_are_their_strings_and_every_change_kind_names_its_findings() -> None:
    assert FindingKind.MOJIBAKE == "mojibake" and f"{FindingKind.ZERO_WIDTH}" == "zero-width"
    assert json.dumps([ChangeKind.PINYIN_GLOSS]) == '["pinyin-gloss"]'
    assert all(c.findings and all(isinstance(f, FindingKind) for f in c.findings) for c in ChangeKind)
    assert belongs("gbk-realign", "gbk-misalignment") and belongs("gbk-realign", "lost-characters")
    assert not belongs("mojibake", "mojibake-lost") and not belongs("mojibake", "mojibake-lossy")
    assert belongs("teh", "teh") and not belongs("teh", "mojibake")  # a kind outside the registry


# One document holding every kind the default fixers (and normalize, opt-in) report on text:
# each line damaged in one way. (restore is left out: its fullwidth-punctuation changes are,
# by design, also the gloss fixer's with --restore; bom/encoding/declared-encoding are findings
# about bytes, and file-kind notes change nothing.)
DOC = ("Intro line, all “clean”.\n"
       "The cafÃ© served crÃ¨me brÃ»lÃ©e.\n"
       "AT&amp;T and caf&eacute; here.\n"
       "zero\u200bwidth\u200bspam\n"
       "強(qiáng)調(diào)當(dāng)然好(hǎo)字(zì)\n"
       "第一章#xff1a;開始\n"
       "上?;鶎狱h建工作\n"
       "锟斤拷锟斤拷 烫烫烫烫\n"
       "中文 ? 中文 ? 中文\n")

_MADE: list[tuple[str, list, list]] = []  # (fixer, edits, findings), filled by the traced fixers


def _traced(fixer: registry.Fixer):
    def run(text, config, **kw):
        edits, found = fixer.fix(text, config, **kw)
        _MADE.append((fixer.name, edits, found))
        return edits, found
    return run


def test_changes_group_under_the_findings_of_the_fixer_that_made_them(monkeypatch) -> None:
    traced = registry.FIXERS
    for fixer in registry.FIXERS:
        attr = "traced_" + fixer.name.replace("-", "_")
        monkeypatch.setattr(sys.modules[__name__], attr, _traced(fixer), raising=False)
        traced = traced.replace(fixer.name, module=__name__, function=attr)
    _MADE.clear()
    r = mojifix.repair_text(DOC, Config(uncurl_quotes=True), fixers=traced)
    kinds = {f.kind for f in r.findings}
    assert kinds == {"mojibake", "mojibake-lost", "html-entities", "zero-width", "pinyin-glosses",
                     "bare-entities", "gbk-misalignment", "lost-spaces", "normalize"}
    maker = {}  # change kind -> the fixer that made it; finding kind -> the fixer that found it
    for name, edits, found in _MADE:
        for e in edits:
            assert maker.setdefault(e.kind, name) == name
        for f in found:
            assert maker.setdefault(f.kind, name) == name
    for change in r.changes:
        owners = [f for f in r.findings if belongs(change.kind, f.kind)]
        assert owners, change  # no change without its finding
        assert {maker[f.kind] for f in owners} == {maker[change.kind]}, change  # and no other's
    grouped = {f.kind: {c.kind for c in r.changes if belongs(c.kind, f.kind)} for f in r.findings}
    assert grouped == {  # and the findings that change nothing have no change under them
        "mojibake": {"mojibake"}, "mojibake-lost": set(), "html-entities": {"html-entity"},
        "zero-width": {"zero-width"}, "pinyin-glosses": {"pinyin-gloss"}, "lost-spaces": set(),
        "bare-entities": {"bare-entity"}, "gbk-misalignment": {"gbk-realign"},
        "normalize": {"normalize"}}


def test_every_finding_kind_has_a_sarif_rule_description() -> None:
    from mojifix.output.formats import RULES

    assert all(RULES.get(k.value) for k in FindingKind)
