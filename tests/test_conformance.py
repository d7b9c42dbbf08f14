"""ftfy's own labelled cases: mojifix never does worse than ftfy's encoding repair."""

from __future__ import annotations

import json

import pytest

import mojifix
from conftest import SHARED, shared_path
from mojifix.fixers import lostwords

CASES_FILE = SHARED / "conformance" / "ftfy-cases.jsonl"

# Documented better answers: where ftfy's encoding-only repair stops short because an HTML
# entity hides the mojibake, mojifix decodes the entity first and gives ftfy's full answer.
BETTER = {"HTML entity on top of UTF-8 / Latin-1"}
# Lost bytes brought back: ftfy leaves U+FFFD for each character whose byte windows-1252 has no
# character for (``Ñ�`` is ``с``, D1 81, or ``я``, ``э``...); mojifix chooses it where a word
# settles it (fixers/lostsingle.py, with the ``words`` extra), and ``”`` (E2 80 9D) where an
# open ``“`` waits for it. The original's true text, and whether it takes the word lists.
BETTER_LOST = {"Ð ÑƒÑ\ufffdÑ\ufffdÐºÐ¸Ð¹": ("Русский", True),
               "â€œlossy decodingâ€\ufffd": ("“lossy decoding”", False)}


def _cases():
    if not CASES_FILE.exists():
        return [pytest.param(None, marks=pytest.mark.skip(reason="../shared absent"))]
    out = []
    for line in CASES_FILE.read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            continue
        case = json.loads(line)
        if case["expect"] == "pass":
            out.append(pytest.param(case, id=f"{case['source_file'].split('/')[-1]}:{case['index']}"))
    return out


@pytest.mark.parametrize("case", _cases())
def test_ftfy_case(case):
    shared_path("conformance", "ftfy-cases.jsonl")
    got = mojifix.fix_text(case["original"])
    if case["label"] in BETTER:
        assert got == case["fixed"]
    elif case["original"] in BETTER_LOST and (lostwords.available() or not BETTER_LOST[case["original"]][1]):
        assert got == BETTER_LOST[case["original"]][0]
    else:
        assert got == case["fixed_encoding"]
    if case["source_file"].endswith("negative.json") and case["fixed"] == case["original"]:
        assert got == case["original"]


def test_all_cases_counted():
    path = shared_path("conformance", "ftfy-cases.jsonl")
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    assert sum(c["expect"] == "pass" for c in cases) >= 150
