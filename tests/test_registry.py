"""Issue 17: one Fixer record per fixer, one registry that run_fixers walks, nothing read off
functions; fixers imported on first use."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

import mojifix
from mojifix.config import Config
from mojifix.engine import pipeline
from mojifix.engine.registry import FIXERS, Fixer, Registry

SRC = Path(mojifix.__file__).parent
ORDER = ["entities", "c1-quotes", "chains", "mixed-words", "mojibake", "half-marks", "zero-width", "bare-entities", "realign",
         "glosses", "restore", "normalize"]


def test_the_fixers_are_records_in_their_documented_order() -> None:
    assert pipeline.FIXERS is FIXERS and FIXERS.names() == ORDER
    assert all(dataclasses.is_dataclass(f) and isinstance(f, Fixer) for f in FIXERS)
    with pytest.raises(dataclasses.FrozenInstanceError):
        FIXERS.get("entities").name = "x"  # type: ignore[misc]
    assert FIXERS.get("restore").needs_findings and not FIXERS.get("glosses").needs_findings
    assert FIXERS.get("half-marks").needs_findings  # (told only where no mojibake was told)
    assert {f.name for f in FIXERS if f.shortcut} == {"entities", "c1-quotes", "chains", "mojibake", "zero-width",
                                                      "glosses"}
    assert "data" not in FIXERS.get("entities").applies_to and "data" in FIXERS.get("glosses").applies_to
    for f in FIXERS:  # the protocol is the record: no attribute is patched onto a function
        assert not {"text_only", "wants_findings"} & set(vars(f.fix)), f.name


def test_registry_edits_return_new_registries() -> None:
    toy = Fixer("toy", "mojifix.fixers.normalize", "fix_normalize")
    assert FIXERS.insert_before("mojibake", toy).names()[3:6] == ["mixed-words", "toy", "mojibake"]
    assert FIXERS.insert_after("mojibake", toy).names()[4:7] == ["mojibake", "toy", "half-marks"]
    assert "zero-width" not in FIXERS.disable("zero-width").names()
    assert FIXERS.names() == ORDER  # unchanged
    with pytest.raises(KeyError, match="no fixer named 'nope'"):
        FIXERS.get("nope")
    with pytest.raises(ValueError, match="share a name"):
        Registry([toy, toy])


def test_a_disabled_fixer_does_not_run_and_applies_to_keeps_a_fixer_off_a_kind() -> None:
    text = "a\u200bb &amp; c"
    assert mojifix.fix_text(text, fixers=FIXERS.disable("zero-width")) == "a\u200bb & c"
    assert mojifix.repair_text(text, fixers=FIXERS.disable("zero-width")).text == "a\u200bb & c"
    assert mojifix.fix_bytes(text.encode(), fixers=FIXERS.disable("zero-width")) == "a\u200bb & c"
    everywhere = FIXERS.replace("entities", applies_to=FIXERS.get("glosses").applies_to | {"code"})
    assert mojifix.fix_text("x = '&amp;'\n", path="a.py") == "x = '&amp;'\n"
    assert mojifix.fix_text("x = '&amp;'\n", path="a.py", fixers=everywhere) == "x = '&'\n"
    r = mojifix.repair_text("x = '&amp;'\n", path="a.py")
    assert [(f.kind, f.fixed) for f in r.findings] == [("file-kind", False)]
    assert pipeline.run_fixers("a &amp; b", Config(), FIXERS.disable("entities"))[0] == "a &amp; b"


def test_fixers_are_imported_on_first_use() -> None:
    # `echo hello | mojifix fix -` must not pay for the fixers clean text never reaches.
    code = ("import sys, mojifix; assert mojifix.fix_text('hello') == 'hello'; "
            "print(sorted(m for m in sys.modules if m.startswith('mojifix.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(SRC.parent)}).stdout
    for module in ("entities", "chains", "mojibake", "zerowidth", "glosses", "realign", "restore"):
        assert f"'mojifix.{module}'" not in out, module
