"""A repaired JSONL record changes only where a repair was made (QA 25, item 17).

* A lone surrogate's escape (``\\ud83d``: an emoji cut in half by a UTF-16 substring) is no
  mojibake: it stays the same escape in a record that changes elsewhere, and is not reported
  (it became ``\\ufffd`` and a "mojibake ... 1 lost" finding when the record had another change).
* The token's other escapes stay as they were (``\\ud83d\\ude00`` was written as a raw emoji when
  the token also held raw text), and what a repair changed takes the style of what it replaced
  (docs/usage.md: ``\\u`` escapes stay escapes).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import mojifix
from mojifix.cli import main


def _run(tmp_path: Path, *args: str):
    with pytest.MonkeyPatch.context() as patch:  # the CLI run from the corpus's folder
        patch.chdir(tmp_path)
        return CliRunner().invoke(main, list(args))


LONE = (b'{"id": 1, "text": "caf\xc3\x83\xc2\xa9 \\ud83d tail"}\n'  # cafÃ© (raw), lone high half
        b'{"id": 2, "text": "\\ud83d alone"}\n'
        b'{"id": 3, "text": "caf\\u00c3\\u00a9 \\udc00"}\n')  # all escaped, lone low half


def test_a_lone_surrogate_escape_is_kept_in_a_changed_record(tmp_path):
    (tmp_path / "c.jsonl").write_bytes(LONE)
    res = _run(tmp_path, "fix", "--jsonl", "c.jsonl", "--report", "r.json")
    assert res.exit_code == 0, res.output
    assert res.stdout_bytes == (b'{"id": 1, "text": "caf\xc3\xa9 \\ud83d tail"}\n'
                                b'{"id": 2, "text": "\\ud83d alone"}\n'
                                b'{"id": 3, "text": "caf\\u00e9 \\udc00"}\n')
    (found,) = json.loads((tmp_path / "r.json").read_text())["files"][0]["findings"]
    assert (found["kind"], found["summary"], found["changed"], found["lost"]) == (
        "mojibake", "mojibake in 2 records (2 in all)", 2, 0)
    assert found["evidence"] == ["'Ã©' -> 'é'"]


def test_check_does_not_report_a_lone_surrogate_as_mojibake(tmp_path):
    (tmp_path / "c.jsonl").write_bytes(LONE)
    res = _run(tmp_path, "check", "-q", "--jsonl", "c.jsonl")
    assert res.exit_code == 1
    assert res.stdout == "c.jsonl:1: mojibake: mojibake in 2 records (2 in all) (first: 'Ã©' → 'é')\n"


@pytest.mark.parametrize("text, fixed", [
    ("cafÃ© \ud83d tail", "café \ud83d tail"),
    ("\udc00cafÃ©\ud83d", "\udc00café\ud83d"),
    ("cafÃƒÂ© \udbff x", "café \udbff x"),  # two layers
])
def test_fix_text_keeps_a_lone_surrogate(text, fixed):
    r = mojifix.repair_text(text)
    assert r.text == fixed
    assert [(f.kind, f.lost) for f in r.findings] == [("mojibake", 0)]


@pytest.mark.parametrize("line, fixed", [
    # Raw mojibake beside an escaped emoji and an escaped é, a number spelt 1.50, \" and \n.
    (b'{"text": "caf\xc3\x83\xc2\xa9 \\ud83d\\ude00 cr\xc3\x83\xc2\xa8me \\u00e9 &amp; \\"q\\"\\n", "n": 1.50}',
     b'{"text": "caf\xc3\xa9 \\ud83d\\ude00 cr\xc3\xa8me \\u00e9 & \\"q\\"\\n", "n": 1.50}'),
    # Escaped mojibake (upper-case hex) beside an escaped É and an entity: the repair escaped too.
    (b'{"text": "CAF\\u00C3\\u00A9 &eacute; \\u00C9"}', b'{"text": "CAF\\u00E9 \\u00E9 \\u00C9"}'),
    # Raw, a repair of plain ASCII (an entity) in a token with no escape: raw.
    (b'{"text": "&eacute; &amp; tail \xc3\xa9"}', b'{"text": "\xc3\xa9 & tail \xc3\xa9"}'),
    # One fixer's change inside another's (&Atilde;&copy; -> Ã© -> é): the span between the
    # value's common ends is written again, the escapes outside it kept.
    (b'{"text": "\\ud83d\\ude00 caf&Atilde;&copy; \\u00e9 x"}', b'{"text": "\\ud83d\\ude00 caf\\u00e9 \\u00e9 x"}'),
])
def test_a_changed_record_keeps_its_escapes(tmp_path, line, fixed):
    (tmp_path / "c.jsonl").write_bytes(line + b"\r\n")
    res = _run(tmp_path, "fix", "--jsonl", "c.jsonl", "-o", "out.jsonl")
    assert res.exit_code == 0, res.output
    assert (tmp_path / "out.jsonl").read_bytes() == fixed + b"\r\n"
