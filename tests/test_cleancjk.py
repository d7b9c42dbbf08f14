"""Clean CJK and Cyrillic text faster (issue 20), byte-identical: each shortcut gives what the
road it shortens gives (the corpus' documents and lines, and random mixes of clean and garbled
lines), and does less work where it is meant to (counted, never timed)."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mojifix.fixers import latinpages, lossy
from mojifix.scoring import plausibility
from test_docscreen import MANY_BLOCKS, _docs, _lines, mix

MIXES = settings(max_examples=150, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def lines() -> list[str]:
    return _lines()


# --- latinpages: a character cp1252 cannot write refuses the document before its alphabet ---

def test_unwritable_is_exactly_what_neither_cp1252_nor_latin1_can_write() -> None:
    """The one search that refuses a document matches a character iff the strict encodes of
    cp1252 and Latin-1 (the pages' wrong readings) both refuse it (every code point, lone
    surrogates included): what the line loop would meet."""
    wrong = []
    for code in range(0x110000):
        c = chr(code)
        writable = False
        for page in ("windows-1252", "latin-1"):
            try:
                c.encode(page)
                writable = True
            except UnicodeEncodeError:
                pass
        if (latinpages._UNWRITABLE.match(c) is None) != writable:
            wrong.append(hex(code))
    assert wrong == []


def _old_repairs(text: str, monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, str, str]]:
    with monkeypatch.context() as mp:
        mp.setattr(latinpages, "_UNWRITABLE", re.compile("(?!)"))  # (never finds: the old road)
        return latinpages._repairs(text)


_CZECH = ("P\u0159\u00edkaz skon\u010d\u00ed chybou, kdy\u017e soubor neexistuje.\n"
          "Pou\u017eijte volbu pro v\u00fdpis v\u0161ech \u010d\u00e1st\u00ed.\n"
          "Ka\u017ed\u00fd \u0159\u00e1dek se zpracuje samostatn\u011b.\n") * 3


@MIXES
@given(data=st.data())
def test_latin_repairs_equal_the_old_road_on_mixes(lines: list[str], data: st.DataObject,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Random mixes (and Czech saved as cp1250 read as cp1252, the chain this is about, with
    them or alone): the same repairs as without the search."""
    text = mix(lines, data, extra=st.text(MANY_BLOCKS, min_size=1, max_size=12))
    czech = _CZECH.encode("cp1250").decode("cp1252")
    for doc in (text, czech + text, czech):
        assert latinpages._repairs(doc) == _old_repairs(doc, monkeypatch)
    assert latinpages._repairs(czech)  # (the chain is found: the test can tell)


@pytest.mark.parametrize("lang", ["ru", "uk", "zh_CN", "ja", "el", "fr", "cs", "pl"])
def test_latin_repairs_equal_the_old_road_on_documents(lang: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    for doc in _docs(lang, 20):
        for text in (doc, doc.encode("cp1250", errors="ignore").decode("cp1252", errors="ignore")):
            assert latinpages._repairs(text) == _old_repairs(text, monkeypatch)


def test_russian_documents_with_a_trigger_make_no_character_set(monkeypatch: pytest.MonkeyPatch) -> None:
    """Clean Russian pages holding a character the chain could change (``é``, ``×``): refused
    by the search, no set of their characters made (before: one each)."""
    made: list[str] = []
    real = latinpages._word_chars

    def counting(text: str) -> set[str] | None:
        made.append(text)
        return real(text)

    monkeypatch.setattr(latinpages, "_word_chars", counting)
    docs = [d for d in _docs("ru", 60) if latinpages._TRIGGER.search(d)]
    assert docs  # (the corpus has such pages: the test can tell)
    assert [latinpages._repairs(d) for d in docs] == [[] for _ in docs]
    assert made == []


# --- lossy: the reading's cost scored only up to the bound that decides ---

def _garbled_lines() -> list[str]:
    """Corpus lines of every script read through every lossy page, bytes lost both ways
    (one U+FFFD per bad run, and dropped), and clean."""
    out: list[str] = []
    for line in _lines()[::3]:
        out.append(line)
        for page in lossy.LOSSY_PAGES:
            for errors in ("replace", "ignore"):
                out.append(line.encode("utf-8").decode(page, errors=errors))
    return out


def test_lossy_reading_equals_the_unbounded_cost(monkeypatch: pytest.MonkeyPatch) -> None:
    """lossy_utf8 on every page gives the same answer with the reading's cost bounded as with
    it scored to the end, on clean and damaged lines; and the bound is used (the test can tell
    the two apart: some reading is cut short)."""
    garbled = _garbled_lines()
    bounded = [lossy.lossy_utf8(line, page) for line in garbled for page in lossy.LOSSY_PAGES]
    cut: list[float] = []

    def unbounded(text: str, limit: float = float("inf")) -> float:
        full = plausibility.cost(text)
        if full > limit:
            cut.append(limit)
        return full

    monkeypatch.setattr(lossy, "cost", unbounded)
    whole = [lossy.lossy_utf8(line, page) for line in garbled for page in lossy.LOSSY_PAGES]
    assert bounded == whole
    assert any(found is not None for found in whole) and cut


@given(st.text(MANY_BLOCKS, max_size=60), st.floats(0, 30))
def test_cost_with_a_limit_is_exact_up_to_it(text: str, limit: float) -> None:
    """What the bound relies on: up to the limit, cost(text, limit) is the cost; past it, some
    value past it (no term is negative)."""
    full, bounded = plausibility.cost(text), plausibility.cost(text, limit)
    assert bounded == full if full <= limit else bounded > limit


# --- chains: the wrong codecs' encoders called directly ---

@given(st.text(MANY_BLOCKS, max_size=30))
def test_direct_encoders_give_what_str_encode_gives(text: str) -> None:
    """Each wrong codec's encoder, called directly, gives str.encode's bytes or refuses the
    same text (the same error, at the same place)."""
    from mojifix.fixers import chains
    from mojifix.scoring import repertoire

    for codec in {wrong for _, wrong in chains.LAYERS}:
        try:
            want: bytes | tuple[int, int] = text.encode(codec)
        except UnicodeEncodeError as e:
            want = (e.start, e.end)
        try:
            got: bytes | tuple[int, int] = repertoire.encoder(codec)(text)[0]
        except UnicodeEncodeError as e:
            got = (e.start, e.end)
        assert got == want, codec


# --- sloppy.write_back: a refused character no hole explains refuses the text at once ---

def _old_table(page: str) -> dict[int, str]:
    """The first form of sloppy.write_back's table (a ``str.translate`` map to Latin-1), kept
    here as the oracle: what the page decodes back to its byte, holes to themselves."""
    table = {cp: "\uffff" for cp in range(0x80, 0x100)}
    for b in range(0x80, 0x100):
        try:
            table[ord(bytes((b,)).decode(page))] = chr(b)
        except UnicodeDecodeError:
            table[b] = chr(b)
    return table


_SLOPPY_PAGES = ("windows-1252", "windows-1250", "windows-1251", "windows-1253")
_OLD_TABLES = {page: _old_table(page) for page in _SLOPPY_PAGES}


def _old_write_back(text: str, page: str) -> bytes:
    try:
        return text.encode(page)
    except UnicodeEncodeError:
        if page not in _OLD_TABLES:
            raise
        return text.translate(_OLD_TABLES[page]).encode("latin-1")


def _written(write: object, text: str, page: str) -> bytes | None:
    try:
        return write(text, page)  # type: ignore[operator]
    except UnicodeEncodeError:
        return None


_C1 = st.characters(min_codepoint=0x80, max_codepoint=0x9f)


@given(st.text(st.one_of(MANY_BLOCKS, _C1), max_size=20))
def test_write_back_equals_the_old_road(text: str) -> None:
    """The same bytes, or a refusal, on texts of many blocks and C1 controls (the holes)."""
    from mojifix.fixers import sloppy

    for page in (*_SLOPPY_PAGES, "koi8-r", "latin-1"):
        assert _written(sloppy.write_back, text, page) == _written(_old_write_back, text, page)


def test_write_back_refuses_or_writes_holes() -> None:
    """A Russian page holding ``é`` through cp1251 is refused; cp1251's hole (0x98, read as
    the C1 control U+0098) is written back; so are cp1252's five."""
    from mojifix.fixers import sloppy

    russian = "\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440 " * 50
    assert _written(sloppy.write_back, russian + "caf\u00e9", "windows-1251") is None
    assert sloppy.write_back(russian + "\x98", "windows-1251") == (russian + " ").encode("cp1251")[:-1] + b"\x98"
    assert sloppy.write_back("\x81\x8d\x8f\x90\x9d\u20ac", "windows-1252") == b"\x81\x8d\x8f\x90\x9d\x80"
    assert _written(sloppy.write_back, "\x80", "windows-1252") is None  # (0x80 is the euro sign there)
