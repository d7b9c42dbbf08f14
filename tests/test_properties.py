"""Properties over real text: clean text is left alone, repairs are idempotent, and every
garbling mojifix knows how to undo, applied to clean text, comes back exactly.

Text is built from real words of many scripts (``test_clean.WORDS``): random letter soup such as
``çĄĄ`` is genuinely indistinguishable from mojibake, so properties are stated over text people
write. Each garbling below mirrors one fixer; they are applied in the reverse of the pipeline's
order (glosses, zero-width, mojibake, entities) so that they can also be stacked.
"""

from __future__ import annotations

import html

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pypinyin import Style, pinyin

import gloss_converter
import mojifix
from fuzz_targets import fix_bytes_target
from mojifix.fixers.glosses import TONED
from mojifix.fixers.zerowidth import is_cjk, is_latin_letter
from mojifix.textdiff import split_lines
from test_clean import clean_text, sentence

# Clean text with the characters fixers key on, used the way people use them.
TRICKY = [
    "AT&T", "R&D", "&copy 2020", "?a=1&lt=2", "(2023)", "步行(walking)", "(Clinical Trial)",
    "C++", "x;y", "a&b;", "#1", "50%", "ÀÉÎÕÜ", "¿Sí?", "£5", "Ǆ", "i.e.", "(強)",
]
THAI = "สวัสดี\u200bชาวโลก\u200bภาษาไทย"  # U+200B is the Thai word separator: it must stay

tricky_sentence = st.lists(
    st.one_of(sentence(), st.sampled_from(TRICKY), st.just(THAI)), min_size=1, max_size=8
).map(" ".join)


# --- garblings ------------------------------------------------------------------------------

def as_cp1252(text: str) -> str:
    """UTF-8 bytes read as windows-1252, the way browsers do it (undefined bytes map to C1)."""
    out = []
    for b in text.encode("utf-8"):
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


def as_latin1(text: str) -> str:
    """UTF-8 bytes read as ISO-8859-1."""
    return text.encode("utf-8").decode("latin-1")


def _toned_reading(ch: str) -> str | None:
    reading = pinyin(ch, style=Style.TONE)[0][0]
    return reading if any(c in TONED for c in reading) else None


def converted(text: str) -> str:
    """What the converter's glosses come back to: its OpenCC ``s2t`` of ``text`` (the default
    settings keep the script; ``--restore`` is tested on real pages elsewhere)."""
    return gloss_converter._s2t().convert(text)


@st.composite
def inject_glosses(draw, text: str) -> str:
    """The converter's work on ``text``: OpenCC ``s2t``, then ``(reading)`` with the real toned
    pinyin after the characters ``s2t`` changed, which is what it glosses (all 423 toned
    glosses of the shared web samples stand on a Traditional-only form; a toned gloss on a
    Simplified-only form is a lesson's, and stays: tests/test_glosses.py).

    Densely, as a converter does (issue 19): a page with a few toned glosses on Simplified text
    with full-width punctuation is learner material and keeps its pinyin, so sparse random
    glosses are no longer "injected junk" (tests/safety/test_clean_content.py). Each such
    character is glossed unless the draw says 0 of 0..7, and at least half of them always are."""
    trad = converted(text)
    changed = {t for s, t in zip(text, trad, strict=True) if s != t} if len(trad) == len(text) else set()
    out = []
    budget = sum(1 for ch in trad if ch in changed and _toned_reading(ch)) // 2
    for ch in trad:
        out.append(ch)
        reading = _toned_reading(ch) if ch in changed else None
        if not reading:
            continue
        if budget and draw(st.integers(0, 7)) == 0:
            budget -= 1  # at most half of the glossable hanzi left without a gloss
            continue
        out.append(f"({reading})")
    return "".join(out)


@st.composite
def inject_zero_width(draw, text: str) -> str:
    """U+200B / U+2060 / U+FEFF anywhere except beside spaceless scripts (where U+200B is the
    word separator); U+200C / U+200D only between two Latin or CJK letters."""
    out = []
    for i, ch in enumerate(text):
        out.append(ch)
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if draw(st.integers(0, 3)) != 0:
            continue
        if "\u0e00" <= ch <= "\u0fff" or "\u0e00" <= nxt <= "\u0fff" or ch in "\u200b\u200c\u200d":
            continue
        between_letters = nxt and all(is_cjk(c) or is_latin_letter(c) for c in (ch, nxt))
        pool = "\u200b\u2060\ufeff" + ("\u200c\u200d" if between_letters else "")
        # Beside kana, U+200B is a Japanese line-break hint that belongs to the text (issue 19).
        if any("\u3041" <= c <= "\u30ff" or "\uff66" <= c <= "\uff9f" for c in (ch, nxt)):
            pool = pool.replace("\u200b", "")
        out.append(draw(st.sampled_from(pool)))
    return "".join(out)


@st.composite
def inject_entities(draw, text: str) -> str:
    """Replace some characters by named, decimal or hexadecimal entities (no markup in sight),
    and every existing ``&`` that would start an entity by ``&amp;``."""
    named = {v: k for k, v in html.entities.html5.items() if k.endswith(";") and len(v) == 1}
    out = []
    for ch in text:
        if ch == "&":
            out.append("&amp;")
            continue
        # C1 controls are left alone: HTML reads &#128;-&#159; as windows-1252, not as C1.
        if ch in "\r\n" or "\x80" <= ch <= "\x9f" or draw(st.integers(0, 2)) != 0:
            out.append(ch)
            continue
        style = draw(st.sampled_from(["dec", "hex", "named"]))
        if style == "named" and ch in named and named[ch] != "amp;":
            out.append("&" + named[ch])
        elif style == "hex":
            out.append(f"&#x{ord(ch):X};")
        else:
            out.append(f"&#{ord(ch)};")
    return "".join(out)


# --- clean text stays clean -----------------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(tricky_sentence)
def test_clean_text_with_tricky_punctuation_unchanged(text):
    repair = mojifix.repair_text(text)
    assert repair.text == text
    assert repair.changes == ()


@settings(max_examples=100, deadline=None)
@given(tricky_sentence, st.sampled_from(["utf-8", "utf-16", "utf-32", "utf-8-sig"]))
def test_clean_text_as_unicode_bytes_unchanged(text, encoding):
    assert mojifix.fix_bytes(text.encode(encoding)) == text


# --- every known garbling comes back exactly -----------------------------------------------

def ftfy_repairs_each_line(text: str, garble) -> bool:
    """Whether ftfy alone (with mojifix's settings) restores every garbled line of ``text``.

    mojifix delegates UTF-8-read-as-single-byte repair to ftfy, which rightly declines some very
    short lines (``çš„`` for ``的``: too little evidence). The property is that mojifix loses
    nothing of what ftfy can do: its line splitting, screening, span mapping and the other
    fixers must not get in the way.
    """
    from ftfy import fix_and_explain

    from mojifix.fixers.mojibake import _ftfy_config

    return all(
        fix_and_explain(garble(line), _ftfy_config())[0] == line for line in split_lines(text)
    )


@settings(max_examples=150, deadline=None)
@given(clean_text, st.sampled_from([as_cp1252, as_latin1]))
def test_mojibake_comes_back(text, garble):
    assume(ftfy_repairs_each_line(text, garble))
    assert mojifix.fix_text(garble(text)) == text


def test_short_cjk_mojibake_ftfy_declines_is_fixed_whole():
    """Where ftfy declines (a lone short CJK word read as cp1252), the chain search
    (chains.py) repairs the whole word, never half of it, and the other lines too. (Read as
    latin-1 the same word carries C1 controls, which ftfy takes as evidence.)"""
    garbled = as_cp1252("的.") + "\n" + as_cp1252("café crème, naïve déjà vu")
    assert mojifix.fix_text(garbled) == "的.\ncafé crème, naïve déjà vu"
    assert mojifix.fix_text(as_latin1("的.")) == "的."


@settings(max_examples=150, deadline=None)
@given(st.data(), tricky_sentence)
def test_entities_come_back(data, text):
    garbled = data.draw(inject_entities(text))
    assert mojifix.fix_text(garbled) == text


@settings(max_examples=150, deadline=None)
@given(st.data(), tricky_sentence)
def test_zero_width_injection_comes_back(data, text):
    garbled = data.draw(inject_zero_width(text))
    assert mojifix.fix_text(garbled) == text


@settings(max_examples=150, deadline=None)
@given(st.data(), clean_text)
def test_gloss_injection_comes_back(data, text):
    garbled = data.draw(inject_glosses(text))
    assert mojifix.fix_text(garbled) == converted(text)


@settings(max_examples=150, deadline=None)
@given(st.data(), clean_text, st.sampled_from([as_cp1252, as_latin1]))
def test_stacked_garblings_come_back(data, text, mojibake):
    """Glosses, then zero-width, then mojibake, then entities: undone in one pass."""
    garbled = data.draw(inject_glosses(text))
    garbled = data.draw(inject_zero_width(garbled))
    assume(ftfy_repairs_each_line(garbled, mojibake))
    garbled = mojibake(garbled)
    garbled = data.draw(inject_entities(garbled))
    assume(garbled != converted(text))
    assert mojifix.fix_text(garbled) == converted(text)


# --- idempotence ----------------------------------------------------------------------------

@settings(max_examples=150, deadline=None)
@given(st.data(), tricky_sentence, st.sampled_from([as_cp1252, as_latin1, None]))
def test_idempotent_on_garbled_text(data, text, mojibake):
    garbled = data.draw(inject_glosses(text))
    garbled = data.draw(inject_zero_width(garbled))
    if mojibake:
        garbled = mojibake(garbled)
    garbled = data.draw(inject_entities(garbled))
    once = mojifix.fix_text(garbled)
    assert mojifix.fix_text(once) == once


# --- arbitrary bytes ------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_fix_bytes_never_raises_but_mojifix_errors(data):
    fix_bytes_target(data)  # options from the first two bytes; see fuzz_targets
    try:
        out = mojifix.fix_bytes(data)
    except mojifix.MojifixError:
        return
    assert isinstance(out, str)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500))
def test_repair_text_never_raises_on_any_string(text):
    repair = mojifix.repair_text(text)
    assert isinstance(repair.text, str)


# --- regressions found by these properties --------------------------------------------------

def test_latin1_mojibake_across_a_nel_byte():
    """녕 is EB 85 95: read as latin-1, 0x85 becomes U+0085 NEL, which ``str.splitlines`` treats
    as a line end; the mojibake fixer used to cut the character in half there."""
    assert mojifix.fix_text(as_latin1("안녕하세요 세계, …")) == "안녕하세요 세계, …"


def test_diff_keeps_form_feeds_and_separators_inside_lines():
    from mojifix.output.report import unified_diff

    diff = unified_diff("f", "a\x0cb\u2028c\nCafÃ©\n", "a\x0cb\u2028c\nCafé\n")
    assert diff == (
        "--- f (original)\n+++ f (fixed)\n@@ -1,2 +1,2 @@\n a\x0cb\u2028c\n-CafÃ©\n+Café\n"
    )


# --- the unified diff is a correct patch, whatever the lines ---------------------------------

def apply_unified_diff(before: list[str], diff: list[str]) -> list[str]:
    """Apply a unified diff made by ``unified_diff_lines`` to ``before``."""
    out: list[str] = []
    pos = 0
    for line in diff[2:]:
        if line.startswith("@@"):
            old = line.split()[1][1:].split(",")
            start = int(old[0]) - (0 if len(old) == 2 and old[1] == "0" else 1)
            out += before[pos:start]
            pos = start
        elif line[0] == " ":
            assert before[pos] == line[1:]
            out.append(before[pos])
            pos += 1
        elif line[0] == "-":
            assert before[pos] == line[1:]
            pos += 1
        else:
            out.append(line[1:])
    return out + before[pos:]


lines = st.tuples(
    st.lists(st.sampled_from(["a\n", "b\n", "c\n", "Ã©\n", "é\n", "\n"]), max_size=30),
    st.sampled_from([[], ["x"], ["a"]]),  # maybe a last line without a line end
).map(lambda t: t[0] + t[1])


@settings(max_examples=300, deadline=None)
@given(lines, lines)
def test_unified_diff_is_a_correct_patch(before, after):
    from mojifix.textdiff import unified_diff_lines

    diff = list(unified_diff_lines(before, after, "a", "b"))
    assert (diff == []) == (before == after)
    assert apply_unified_diff(before, diff) == after
