"""mojifix asks ftfy about a line through its public ``fix_and_explain`` (it used to re-run
ftfy's loop itself on ftfy's private API, mojibake._fix_and_explain, to skip a round: gone with
issue 17); its answer must be exactly ftfy's: text and steps, with and without the memo."""

from __future__ import annotations

import json

import ftfy
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from conftest import SHARED, shared_path
from mojifix.fixers import mojibake
from mojifix.fixers.ftfyguard import a0_cuts, table_cuts
from mojifix.fixers.gluedlead import glued_cuts

# ftfy.fix_and_explain's fixes after the encoding repair, in its order.
FTFY_AFTER = (
    "fix_c1_controls", "fix_latin_ligatures", "fix_character_width", "uncurl_quotes",
    "fix_line_breaks", "fix_surrogates", "remove_terminal_escapes", "remove_control_chars",
)


def ftfy_answer(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    fixed, steps = ftfy.fix_and_explain(text, mojibake._ftfy_config())
    return fixed, tuple((s[0], s[1]) for s in steps or ())


def test_the_loop_runs_the_fixes_the_configuration_turns_on():
    config = mojibake._ftfy_config()
    # (issue 17: mojibake._AFTER, the fixes its own copy of ftfy's loop ran, is gone with it)
    assert tuple(name for name in FTFY_AFTER if getattr(config, name)) == (
        "fix_c1_controls", "fix_surrogates")
    assert config.unescape_html is False and config.normalization is None and config.fix_encoding


@pytest.mark.parametrize("text", [
    "cafÃ©", "â€œquoteâ€\x9d", "ÐŸÑ€Ð¸Ð²ÐµÑ‚", "Ã\xa0 la", "ÃƒÂ©", "\x81Ã©", "\x80abc", "a\ud800b",
    "", "plain", "clean “quotes” and é",
])
def test_same_answer_as_ftfy(text):
    assert mojibake._ftfy_fix(text) == ftfy_answer(text)


def test_a_plan_that_changes_nothing_is_kept_twice_as_ftfy_does():
    # The first round repairs ``Ã©``; its last step is ftfy's C1 repair, which reports a plan
    # and leaves the 0x81 windows-1252 does not define: ftfy's second round reports it again.
    fixed, steps = mojibake._ftfy_fix("Ã©\x81")
    assert fixed == "é\x81"
    assert steps == (("apply", "decode_inconsistent_utf8"),) + (("transcode", "fix_c1_controls"),) * 2


PIECES = ["Ã", "Â", "â€", "\x9d", "\x81", "\x8d", "©", "™", "Ð", "Ñ", "œ", "\xa0", " ", "é", "a",
          "“", "”", "\ud800", "\udc80", "ƒ", "Ã©", "Ð¸", "æ\xad¥", "ï¼Œ", "\ufffd", "€", "˜", "¼"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.characters(max_codepoint=0x2FFF)), max_size=24))
def test_same_answer_as_ftfy_on_generated_lines(parts):
    text = "".join(parts)
    # (but where mojifix's guards ask ftfy with a tab for a space ftfy would read as a lost
    # no-break space: ftfyguard.a0_cuts, table_cuts, gluedlead.glued_cuts; tested on their own.
    # A run found ``ÃÐ Ã\x80``, a glued lead, which ftfy reads ``ÃРÀ``.)
    assume(not a0_cuts(text) and not table_cuts(text) and not glued_cuts(text))
    assert mojibake._ftfy_fix(text) == ftfy_answer(text)


def test_same_answer_as_ftfy_on_its_conformance_cases():
    path = shared_path("conformance", "ftfy-cases.jsonl")
    assert path == SHARED / "conformance" / "ftfy-cases.jsonl"
    lines = {line for raw in path.read_text(encoding="utf-8").split("\n") if raw.strip()
             for line in json.loads(raw)["original"].split("\n")}
    assert len(lines) > 150
    for line in lines:
        assert mojibake._ftfy_fix(line) == ftfy_answer(line), line


def test_no_line_is_kept_after_a_repair():
    import mojifix
    from mojifix import memo

    seen = []
    real = mojibake._ftfy_fix

    def spy(line):
        seen.append(memo.current())
        return real(line)

    mojibake._ftfy_fix = spy
    try:
        assert mojifix.fix_text("cafÃ© au lait\n" * 3) == "café au lait\n" * 3
    finally:
        mojibake._ftfy_fix = real
    # The lines were kept in the call's own memo (one ftfy call for the three equal lines),
    # and that memo is gone once the call returns.
    assert len(seen) == 1 and seen[0] is not None and memo.current() is None
