"""Clean accented-Latin text faster (issue 20's slowest language, Italian), byte-identical: each
shortcut gives what the slow road gives, on mixes of clean corpus lines, lines garbled every
way the fixers know (test_docscreen's) and lines of lone ``Ã``/``Â`` letters; and it does less
work on the documents it is for (ftfy calls counted, never timed)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mojifix
from conftest import shared_path
from mojifix.fixers import mojibake
from test_docscreen import MANY_BLOCKS, _lines, mix

MIXES = settings(max_examples=150, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture])

# Pieces of lines around lone letters: the letters alone, with one space or two, glued to a
# word, the mojibake of a letter beside them, C1 controls, the Central European sisters.
_PIECES = ["Ã ", "Â ", "Ã  ", "Â  ", "Ã", "Â", "voilÃ ", "cafÃ©", "Ã©", "â€™", "Ã\xa0", "Â\x80",
           "Ã\x89", "Ä°", "ĂŹ", "Ĺź", " ", " ", "a", "LATIN", "303", "è", "\u00a0", "?", "\r"]
LONE_LINES = st.lists(st.one_of(st.sampled_from(_PIECES), MANY_BLOCKS), min_size=1,
                      max_size=14).map("".join)


@pytest.fixture(scope="module")
def lines() -> list[str]:
    return _lines()


def _table() -> str:
    """A character table as the ISO 8859-15 manual pages print it: one long line, every
    character of A0-FF between its octal, decimal and hex codes and its name (``303 195 C3 Ã
    LATIN CAPITAL LETTER A WITH TILDE``): ``€ Š š Ž`` beside ``Ã`` look bad to ftfy, which
    reads the lone ``Ã ``/``Â `` as ``à`` and a no-break space, a repair the fixer refuses on
    a page with no other mojibake."""
    chars = bytes(range(0xA0, 0x100)).decode("iso8859_15")
    row = " ".join(f"{ord(c):o} {ord(c)} {ord(c):X} {c} {unicodedata.name(c, 'NO-BREAK SPACE')}"
                   for c in chars)
    return "NOME\niso_8859-1 - caratteri\nLa tabella seguente:\n" + row + "\nVEDERE ANCHE\nascii(7)\n"


def _flat(r: mojifix.Repair) -> tuple:
    return r.text, [asdict(f) for f in r.findings], [asdict(c) for c in r.changes]


def _slow(monkeypatch: pytest.MonkeyPatch) -> None:
    """The road before the shortcut: every line with a lone letter goes to ftfy at once."""
    monkeypatch.setattr(mojibake, "lone_letters_only", lambda line: False)


# --- item 2: ftfy is not asked about a line of lone letters until the document needs it ---

def test_character_table_is_not_given_to_ftfy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A clean character table: ftfy was run twice on its 2,500-character line (the line, then
    the line with its lone letters masked) only for the fixer to refuse the repair; now not at
    all, and the page comes out byte for byte (both roads, fix_text and repair_text)."""
    doc = _table()
    calls: list[str] = []
    real = mojibake._ftfy_fix
    monkeypatch.setattr(mojibake, "_ftfy_fix", lambda line: calls.append(line) or real(line))
    assert mojifix.fix_text(doc) == doc
    assert mojifix.repair_text(doc).text == doc
    assert calls == []


@pytest.mark.parametrize(("lang", "name"), [("it", "iso-8859-15.7.txt"), ("fr", "iso_8859_15.7.txt"),
                                            ("es", "iso_8859_15.7.txt"), ("pl", "iso_8859_15.7.txt")])
def test_corpus_character_tables_are_not_given_to_ftfy(monkeypatch: pytest.MonkeyPatch, lang: str,
                                                       name: str) -> None:
    """The corpus' ISO 8859-15 tables (the slowest clean pages of it, fr, es, pl): unchanged, and
    ftfy asked about none of their lines (it was asked twice about the table line)."""
    doc = shared_path("corpus", "manpages", lang, name).read_text("utf-8")
    calls: list[str] = []
    real = mojibake._ftfy_fix
    monkeypatch.setattr(mojibake, "_ftfy_fix", lambda line: calls.append(line) or real(line))
    assert mojifix.fix_text(doc) == doc
    assert [len(c) for c in calls] == []


def test_lone_letters_still_repaired_beside_other_mojibake(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the document shows other mojibake, ftfy is asked about the table line once (it was
    twice). Its lone ``Ã `` and ``Â `` stay letters: the line holds other letters of the page
    ftfy left as they are (``€``, ``Š``), its own evidence of being clean (the document's other
    mojibake does not overrule it: ``fixers/loneletters.written_in_page``), on both roads."""
    table = _table()
    doc = "Il Ã  un caffÃ¨ e un tÃ¨\nvoilÃ  caffÃ¨ perchÃ©\n" + table
    row = table.splitlines()[3]
    calls: list[str] = []
    real = mojibake._ftfy_fix
    monkeypatch.setattr(mojibake, "_ftfy_fix", lambda line: calls.append(line) or real(line))
    fixed = mojifix.fix_text(doc)
    assert fixed == "Il à un caffè e un tè\nvoilà caffè perché\n" + table
    assert [c for c in calls if len(c) > 1000] == [row]  # (not the row masked too)
    assert mojifix.repair_text(doc).text == fixed


@MIXES
@given(data=st.data())
def test_lone_letters_shortcut_equals_the_slow_road(lines: list[str], data: st.DataObject,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Random mixes with lines of lone letters: the same text (fix_text) and the same text,
    findings and changes (repair_text) with the shortcut as without it."""
    text = mix(lines, data, extra=LONE_LINES, most=data.draw(st.sampled_from([2, 8])))
    if data.draw(st.booleans()):
        text += _table()
    fast = mojifix.fix_text(text), _flat(mojifix.repair_text(text))
    with monkeypatch.context() as mp:
        _slow(mp)
        slow = mojifix.fix_text(text), _flat(mojifix.repair_text(text))
    assert fast == slow


# --- item 2: the document screen's "is it worth it" answers accented Latin text with one search ---

def _counted_worth_it(text: str) -> bool:
    """docscreen.worth_it as it was: both scripts' letters counted over the whole text."""
    from mojifix.engine import docscreen

    if docscreen._WORTH_IT.search(text) is None:
        return False
    return len(docscreen._WORTH_IT.findall(text)) > len(docscreen._OTHER_SCRIPTS.findall(text))


@MIXES
@given(data=st.data())
def test_worth_it_equals_the_count(lines: list[str], data: st.DataObject) -> None:
    """Random mixes (corpus lines of every script, garbled many ways, characters of many
    blocks), long enough to be screened: the same answer as counting the letters."""
    text = mix(lines, data, extra=st.text(MANY_BLOCKS, min_size=1, max_size=40), most=40)
    text = text * (1 + 600 // len(text)) if data.draw(st.booleans()) else text
    from mojifix.engine import docscreen

    assert docscreen.worth_it(text) == _counted_worth_it(text)


class _CountingFindall:
    """A compiled pattern whose findall calls are counted."""

    def __init__(self, pattern: object, seen: list[int]) -> None:
        self.pattern, self.seen = pattern, seen

    def search(self, *args: object) -> object:
        return self.pattern.search(*args)

    def findall(self, *args: object) -> object:
        self.seen.append(1)
        return self.pattern.findall(*args)


@pytest.mark.parametrize("lang", ["it", "fr", "de", "es", "pl", "cs", "tr", "vi"])
def test_clean_latin_documents_are_screened_without_counting(lang: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Clean documents of the Latin-script languages: the screen is asked (worth_it), and no
    letter is counted for it (before: every accented letter listed, every document)."""
    from mojifix.engine import docscreen

    seen: list[int] = []
    monkeypatch.setattr(docscreen, "_WORTH_IT", _CountingFindall(docscreen._WORTH_IT, seen))
    monkeypatch.setattr(docscreen, "_OTHER_SCRIPTS", _CountingFindall(docscreen._OTHER_SCRIPTS, seen))
    folder = shared_path("corpus", "manpages", lang)
    docs = [p.read_text("utf-8") for p in sorted(folder.glob("*.txt"))[:20]]
    asked = [d for d in docs if docscreen.worth_it(d)]
    assert len(asked) >= 0.75 * len(docs)
    assert seen == []


# --- item 2: the document screen's passes, cheaper forms of the same questions ---

def _counted(pattern: str) -> str:
    """``pattern`` with each run of one character class repeated written as a counted repeat
    (``[ab][ab]`` -> ``[ab]{2}``): the form the screen's regexes had."""
    cls = r"\[(?:\\.|[^\]\\])+\]"
    return re.sub(f"({cls})\\1+", lambda m: f"{m.group(1)}{{{len(m.group(0)) // len(m.group(1))}}}",
                  pattern)


def test_screen_regexes_spell_their_repeats_out() -> None:
    """The pair search and the pages' run regexes hold no counted repeat (``[...]{2}``), which
    the ``re`` engine searches up to 3.5x slower than the same classes written out."""
    from mojifix.engine import docscreen

    patterns = [docscreen._PAIR.pattern, *(run3.pattern for _, run3, _ in docscreen._tables().runs)]
    assert [p for p in patterns if re.search(r"\]\{\d", p)] == []
    assert any(_counted(p) != p for p in patterns)  # (the test's rewriting finds them)


@MIXES
@given(data=st.data())
def test_screen_passes_equal_their_old_forms(lines: list[str], data: st.DataObject,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Random mixes: the screen's suspect lines are the same with the spelled-out regexes, the
    non-ASCII distinct characters, the run regexes' letters, the gates' continuation
    characters and the multi-byte pages skipped on lone non-ASCII characters as with the
    counted repeats, every character, every character of the page, no continuation test and
    no such skip."""
    from mojifix.engine import docscreen

    text = mix(lines, data, extra=st.text(MANY_BLOCKS, min_size=1, max_size=12),
               most=data.draw(st.sampled_from([4, 12, 40])))
    t = docscreen._tables()
    fast = docscreen._suspects(text, t)
    with monkeypatch.context() as mp:
        mp.setattr(docscreen, "_PAIR", re.compile(_counted(docscreen._PAIR.pattern)))
        mp.setattr(docscreen, "_distinct", lambda text, t: set(text))
        mp.setattr(docscreen, "_lone_non_ascii", lambda text, pairs: False)
        old = t._replace(runs=tuple((w, re.compile(_counted(r.pattern)), chs) for w, r, chs in t.runs),
                         needs={**t.needs, **{f"run:{w}": frozenset(docscreen._high(w)) for w, *_ in t.runs},
                                **{k: frozenset(text) for k in t.needs if k.startswith("cont:")}})
        slow = docscreen._suspects(text, old)
    assert fast == slow


def test_runs_of_cyrillic_pages_need_a_cyrillic_letter() -> None:
    """cp1251's and KOI8-R's run regexes are searched only in a text holding one of their
    letters (their Western punctuation, ``’ « –``, in most accented Latin pages, is not enough):
    a French page with those marks holds none."""
    from mojifix.engine import docscreen

    t = docscreen._tables()
    page = "« L’été – déjà » : naïve façon\n" * 40
    asked = {w for w, *_ in t.runs if not set(page).isdisjoint(t.needs[f"run:{w}"])}
    assert asked == {"latin-1", "windows-1252"}


@pytest.mark.parametrize("lang", ["de", "es", "pl"])
def test_gates_not_searched_without_a_continuation_character(lang: str,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A single page's gate (a lead character, then a continuation character) is not searched
    in a text holding no continuation character of that page: on the corpus, the Latin-1 gate
    is searched in fewer than all the pages (it was searched in every accented one)."""
    from mojifix.engine import docscreen

    t = docscreen._tables()
    seen: list[int] = []
    gates = {w: (_CountingSearch(g, seen) if w == "latin-1" else g) for w, g in t.gates.items()}
    docs = [d for d in (p.read_text("utf-8") for p in
                        sorted(shared_path("corpus", "manpages", lang).glob("*.txt"))[:30])
            if not set(d).isdisjoint(t.needs["latin-1"]) and "\ufffd" not in d]
    for doc in docs:
        docscreen._suspects(doc, t._replace(gates=gates))
    assert 0 < len(docs) - len(seen)


class _CountingSearch:
    """A compiled pattern whose searches are counted."""

    def __init__(self, pattern: re.Pattern[str], seen: list[int]) -> None:
        self.pattern, self.seen = pattern, seen

    def search(self, *args: object) -> object:
        self.seen.append(1)
        return self.pattern.search(*args)


def test_character_table_is_not_encoded_in_multibyte_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Latin character table (every symbol between spaces, no two non-ASCII characters side
    by side): the screen encodes the whole text in none of the six multi-byte pages (it did in
    each: GBK's ``¤`` is A1 E8, and a lead byte at a character's end stopped the probe)."""
    from mojifix.engine import docscreen

    doc = _table().replace("Ã", "A").replace("Â", "A")  # (no lone letter read as mojibake)
    seen: list[int] = []
    real = docscreen._UTF8_PAIR

    class Counting:
        def search(self, data: bytes) -> object:
            seen.append(len(data))
            return real.search(data)

    monkeypatch.setattr(docscreen, "_UTF8_PAIR", Counting())
    assert docscreen._suspects(doc, docscreen._tables()) is not None
    assert max(seen, default=0) < len(doc) // 2
