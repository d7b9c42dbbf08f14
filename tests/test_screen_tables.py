"""The mojibake screen from mojifix's own code-page tables (issues 17 and 20).

The screen (scoring/screen.py) asks ftfy only through ``ftfy.badness.is_bad``, and only about a
line holding a code page's lead character followed by a continuation (or one of ftfy's
stand-ins for a lost byte) whose bytes could decode as UTF-8. It must never miss a line ftfy
would change, and it no longer sends ftfy the lines ftfy finds "bad" but cannot decode.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from ftfy import fix_and_explain
from ftfy.badness import is_bad
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mojifix
from mojifix.fixers.mojibake import _ftfy_config
from mojifix.scoring import screen

SCREEN = Path(screen.__file__)


def ftfy_changes(line: str) -> bool:
    return fix_and_explain(line, _ftfy_config())[0] != line


def test_the_screen_uses_no_regex_parser_and_no_private_name_of_ftfy():
    tree = ast.parse(SCREEN.read_text(encoding="utf-8"))
    names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
    assert not {m for m in names if "_parser" in m or "_compiler" in m or m.startswith("sre_")}
    assert "ftfy.chardata" not in names and "BADNESS_RE" not in imported
    assert imported & {"is_bad"} == {"is_bad"}  # ftfy's verdict, through its public API


@pytest.mark.parametrize(
    "line",
    [
        # ftfy's patterns call these bad (œ before a non-letter), but no page decodes them.
        "Wariant notime nie wypisze żadnych znacznikóœ czasu, short jest domyślny",
        "The lack of the ligatures Œ, œ and Ÿ made it unsuitable for French",
    ],
)
def test_a_line_ftfy_calls_bad_but_cannot_decode_is_screened_out(line):
    assert is_bad(line) and not ftfy_changes(line)
    assert not screen.might_be_mojibake(line)
    assert mojifix.fix_text(line) == line


@pytest.mark.parametrize(
    "line",
    [
        "cafÃ©",  # UTF-8 read as windows-1252
        "voilÃ ",  # U+00A0 of "à" turned into a space (restore_byte_a0)
        "x\nÃ y",  # ^[ÃÂ][ ] at a line start
        "â€œquoteâ€\x9d",  # a C1 control
        "â€œquoteâ€?",  # a lost byte written as "?" (replace_lossy_sequences)
        "â€œquoteâ€\ufffd",  # a lost byte written as U+FFFD
        "ÐŸÑ€Ð¸Ð²ÐµÑ‚",  # Russian UTF-8 read as windows-1252
        "Ð\xa0Ð°Ð·",  # with a non-breaking space among the continuations
        "вЂ™ quoted",  # UTF-8 read as windows-1251
        "‚Äô",  # UTF-8 read as MacRoman
        "前文“引號” cafÃ© “x”",  # mojibake beside clean CJK quotes: a piece repair
        "\ud800",  # a surrogate
    ],
)
def test_every_kind_of_damage_ftfy_repairs_still_passes_the_screen(line):
    for piece in line.split("\n"):
        if ftfy_changes(piece):
            assert screen.might_be_mojibake(piece), piece
    assert screen.might_be_mojibake(line)


@pytest.mark.parametrize(
    "line",
    [
        "Він сказав: «так» і пішов",  # В (a lead) before і (a continuation): no UTF-8
        "Я… и всё, а ещё «ёлка»",
        "Také že ťava, pěšák, třída",
        "l'été » et la « fête »",
        "ΠΌΤΕ Ε μια λέξη",
        "naïve café — “quoted” ¿qué? ¡sí!",
    ],
)
def test_clean_lines_with_lead_and_continuation_characters_are_screened_out(line):
    assert not ftfy_changes(line)
    assert not screen.might_be_mojibake(line)


# Characters each rule of the screen is about: leads, continuations, ftfy's stand-ins for a
# lost byte, and pieces of real mojibake of several pages.
PIECES = [
    "Ã", "Â", "Ð", "Ñ", "â", "€", "œ", "©", "\xa0", " ", "?", "\x1a", "\ufffd", "é", "à", "ё",
    "і", "в", "Р", "Е", "д", "Ã©", "â€", "Ð¸", "вЂ", "Γ", "Ξ", "π", "┬", "√", "Ä", "ô", "x", "\n",
    "\x85", "\x9d", "«", "»", "—", "…", "’", "ť", "š", "ð", "ñ", "À", "\x80",
]


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.characters(min_codepoint=0x80,
                                                                  max_codepoint=0x600)),
                max_size=8).map("".join))
def test_the_screen_never_misses_a_line_ftfy_would_change(text):
    for line in text.split("\n"):
        if ftfy_changes(line):
            assert screen.might_be_mojibake(line), line
