"""Clean text faster in the slowest languages (issue 20), byte-identical: each shortcut of the
document screen gives what the slow road gives, on mixes of clean corpus lines, lines garbled
every way the fixers know (test_docscreen's) and random characters of many blocks; and it does
less work on clean documents (counted, never timed)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mojifix
from mojifix.config import Config
from mojifix.engine import docscreen, pipeline
from mojifix.fixers import chains, shapes
from test_docscreen import MANY_BLOCKS, _docs, _lines, mix

MIXES = settings(max_examples=150, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture])
MULTI = [w for w in docscreen._tables().wrongs if docscreen._tables().gates[w] is None]
# Characters of the blocks the multi-byte pages write (and some they cannot), for the probe's
# edge: a character whose bytes end in a lead (C2-F4) before one whose bytes start with a
# continuation (80-BF).
_CHARS = MANY_BLOCKS


@pytest.fixture(scope="module")
def lines() -> list[str]:
    return _lines()


# --- item 2: a multi-byte page is skipped on the bytes of the text's distinct characters ---

@MIXES
@given(data=st.data())
def test_probe_finds_a_utf8_pair_wherever_the_text_encoding_has_one(lines: list[str],
                                                                   data: st.DataObject) -> None:
    """Where the probe (the distinct non-ASCII characters' bytes, one a line) holds no UTF-8
    lead before a continuation or a line end, neither does the whole text's encoding; and the
    screen's suspect lines are the same with the probe as without it."""
    text = mix(lines, data, extra=st.text(_CHARS, min_size=1, max_size=12), most=data.draw(st.sampled_from([4, 12, 40])))
    probe = "\n".join(sorted(c for c in set(text) if c > "\x7f")) + "\n"
    for wrong in MULTI:
        if docscreen._UTF8_PROBE.search(probe.encode(wrong, errors="replace")) is None:
            assert docscreen._UTF8_PAIR.search(text.encode(wrong, errors="replace")) is None, wrong
    fast = docscreen._suspects(text, docscreen._tables())
    real = docscreen._UTF8_PROBE
    try:
        docscreen._UTF8_PROBE = re.compile(b"")  # finds something in every probe: no skip
        slow = docscreen._suspects(text, docscreen._tables())
    finally:
        docscreen._UTF8_PROBE = real
    assert fast == slow


class _CountingBytes:
    """_UTF8_PAIR, counting the bytes its searches are given (one search per encoded text)."""

    def __init__(self, pattern: re.Pattern[bytes], seen: list[int]) -> None:
        self.pattern, self.seen = pattern, seen

    def search(self, data: bytes) -> re.Match[bytes] | None:
        self.seen.append(len(data))
        return self.pattern.search(data)


@pytest.mark.parametrize("lang", ["it", "de", "vi"])
def test_clean_latin_documents_are_not_encoded_in_multibyte_pages(
        lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """On clean accented Latin documents the screen encodes the whole text in no multi-byte
    page whose bytes of the text's characters hold no UTF-8 sequence (before: in each of the
    six CJK pages, GBK's pinyin row and Big5's "?" alike): less than the text once over in all.
    (Character tables are left out: they hold every symbol of Latin-1, whose GBK and Big5 bytes
    end in a lead byte and start with a continuation byte, so the probe cannot skip those pages.)"""
    seen: list[int] = []
    monkeypatch.setattr(docscreen, "_UTF8_PAIR", _CountingBytes(docscreen._UTF8_PAIR, seen))
    docs = [d for d in _docs(lang, 12) if docscreen.worth_it(d) and "LATIN CAPITAL" not in d]
    assert docs
    for doc in docs:
        docscreen.chains_clear(doc)
    assert sum(seen) < sum(len(d.encode("utf-8")) for d in docs), (sum(seen), len(docs))


# --- item 1: each line's legacy shape computed once a document, per shape class ---

def test_russian_lines_are_shaped_once_per_class(monkeypatch: pytest.MonkeyPatch) -> None:
    """Russian character tables (Cyrillic words among Latin-1 letters) give runs of cp1251's and of KOI8-R's Cyrillic on the same lines, whose chains fall
    in the same shape classes: the screen asks chains._legacy_shape about each (line, class)
    once (before: once for each page, twice as often), with the same suspects."""
    docs = [d for d in _docs("ru", 60) if docscreen._WORTH_IT.search(d) and len(d) >= 512]
    assert len(docs) >= 5
    asked: list[tuple[str, tuple[bool, bool]]] = []
    real = chains._legacy_shape

    def counting(line: str, chain: tuple[str, ...]) -> bool:
        asked.append((line, shapes.shape_class(chain)))
        return real(line, chain)

    monkeypatch.setattr(chains, "_legacy_shape", counting)
    for doc in docs:
        before = len(asked)
        docscreen._suspects(doc, docscreen._tables())
        mine = asked[before:]
        assert len(mine) == len(set(mine)), doc[:60]
    assert asked


@MIXES
@given(data=st.data())
def test_shape_cache_answers_as_the_shape_itself(lines: list[str], data: st.DataObject) -> None:
    """On mixes of clean and garbled lines, the document's shape cache (shared by the pages'
    runs) gives each match the answer chains._legacy_shape gives on its line."""
    text = mix(lines, data, extra=st.text(_CHARS, min_size=1, max_size=12), most=data.draw(st.sampled_from([4, 12, 40])))
    shaped: dict[tuple[int, tuple[bool, bool]], bool] = {}
    for wrong, run3, chs in docscreen._tables().runs:
        for m in docscreen._run_matches(text, run3, None):
            assert docscreen._shaped_line(text, m.start(), wrong, chs, shaped) \
                == docscreen._shaped_line(text, m.start(), wrong, chs)


@pytest.mark.parametrize("line", [
    "\u00cf\u00f0\u00e8\u00e2\u00e5\u00f2 \u00ec\u00e8\u00f0", "\u0447\u0415\u042e\u0415\u0422\u041f\u041d \u041e\u041f\u041d\u0416\u0415\u042f\u042f",
    "caf\u00e9 \u00c0\u00c9\u00ce\u00d5\u00dc", "\u00c4\u00e3\u00ba\u00c3 x", "\u00a8\u00a4 \u00a8\u00a8",
    "\u00e8\u201e\u00bf \u00e8\u201e\u00bf", "\u0443\u0423\u044e\u042e \u0443\u0423\u044e\u042e", ""])
def test_legacy_shape_depends_on_the_chain_only_through_its_class(line: str) -> None:
    """The shape cache's premise: chains of one shape class get one answer on any line."""
    by_class: dict[tuple[bool, bool], set[bool]] = {}
    for chain in [*chains.LAYERS, ("windows-1251", "koi8-r", "windows-1251"),
                  ("koi8-r", "windows-1251", "windows-1252")]:
        if chain[0] != "utf-8":
            by_class.setdefault(shapes.shape_class(chain), set()).add(shapes.legacy_shape(line, chain))
    assert all(len(answers) == 1 for answers in by_class.values()), by_class


# --- item 3: texts of another script with a few accented Latin letters go to the per-line screen ---

def test_other_script_documents_with_accents_skip_the_document_screen(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Russian character tables (and Korean pages quoting accented words, below) hold more
    Cyrillic (Hangul) than accented Latin letters: the pipeline asks the per-line screen alone (cheaper
    there: 0.4 ms against 2.3 ms), never the document screen (before: on every one of them),
    with the same output."""
    asked: list[int] = []
    real = docscreen.chains_clear
    monkeypatch.setattr(docscreen, "chains_clear", lambda text: asked.append(1) or real(text))
    docs = [d for d in _docs("ru", 60) if docscreen._WORTH_IT.search(d) and len(d) >= 512]
    assert len(docs) >= 5
    for doc in docs:
        assert pipeline.run_fixers(doc, Config(), locate=False)[0] == doc
    assert asked == []


@pytest.mark.parametrize("lang", ["de", "fr", "it", "pl", "cs", "tr", "vi"])
def test_latin_documents_still_ask_the_document_screen(lang: str) -> None:
    """Every clean Latin-script manual page (Vietnamese too: its letters of Latin Extended
    Additional count as no other script) is still screened whole."""
    assert all(docscreen.worth_it(d) for d in _docs(lang, 12))


@pytest.mark.parametrize("text, asked", [
    ("\u0416" * 300 + "\u00e9" * 299, False), ("\u0416" * 300 + "\u00e9" * 301, True),
    ("\u4e2d" * 300 + " caf\u00e9" * 60, False), ("\u1ea1" * 300 + "\u00e9" + "a" * 300, True),
    ("\uac00" * 300 + " caf\u00e9" * 60, False), ("a" * 600 + "\u00e9", True), ("\u00e9" * 100, True), ("a" * 600, False)])
def test_worth_it_weighs_latin_accents_against_other_scripts(text: str, asked: bool) -> None:
    assert docscreen.worth_it(text) is asked


class _Counting:
    """A pattern that records the longest list its findall returned and the matches its
    finditer gave."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern, self.longest, self.stepped = pattern, 0, 0

    def search(self, *args: object) -> re.Match[str] | None:
        return self.pattern.search(*args)  # type: ignore[arg-type]

    def findall(self, *args: object) -> list[str]:
        found = self.pattern.findall(*args)  # type: ignore[arg-type]
        self.longest = max(self.longest, len(found))
        return found

    def finditer(self, *args: object) -> Iterator[re.Match[str]]:
        for m in self.pattern.finditer(*args):  # type: ignore[arg-type]
            self.stepped += 1
            yield m


@pytest.mark.parametrize("window", [7, 1 << 16])
def test_worth_it_counts_a_window_at_a_time(monkeypatch: pytest.MonkeyPatch, window: int) -> None:
    """A big Chinese file with one accented letter: the letters are counted a window at a time
    (one findall over the whole text held a list of every hanzi: 510 MB on a 25 MB file), and
    the answer is the whole text's."""
    chinese = "".join(_docs("zh_CN", 5))
    text = "café\n" + chinese * max(1, 300_000 // len(chinese))
    mixed = "Le café et la crème brûlée\n" * 40 + "Привет мир\n" * 3
    expect = [len(re.findall("[\u00c0-\u024f]", t)) > len(docscreen._OTHER_SCRIPTS.findall(t))
              for t in (text, mixed)]
    assert expect == [False, True]
    monkeypatch.setattr(docscreen, "_COUNT_WINDOW", window)
    latin = _Counting(docscreen._WORTH_IT)
    monkeypatch.setattr(docscreen, "_WORTH_IT", latin)
    counting = _Counting(docscreen._OTHER_SCRIPTS)
    monkeypatch.setattr(docscreen, "_OTHER_SCRIPTS", counting)
    assert [docscreen.worth_it(t) for t in (text, mixed)] == expect
    assert 0 < latin.longest <= window and counting.longest == 0
    # The other scripts' letters are stepped over, never listed, and no more of them than the
    # accented letters (the big Chinese file: one, then the answer; issue 20: a Russian page
    # with one ``é`` listed all its Cyrillic).
    assert counting.stepped == 1 + len(re.findall("[\u0400-\u04ff]", mixed))  # (27 < 160)


def test_a_short_accented_record_is_screened_whole(monkeypatch) -> None:
    """One short line (a JSONL record, a title) goes to the document screen too: its per-line
    search (flagged lines, candidates scored) is never entered. It was, below 512 characters,
    and cost such records 2.5x ftfy's time (counted here, not timed)."""
    entered: list[str] = []
    real = chains._flag
    monkeypatch.setattr(chains, "_flag", lambda text: entered.append(text) or real(text))
    for line in ("Le café est fermé à côté de l'église.", "Straße und Bücher für Kinder",
                 "Zażółć gęślą jaźń", "¿Qué año es?"):
        assert mojifix.fix_text(line) == line
    assert entered == []
    assert mojifix.fix_text("Le cafÃ© est fermÃ©.") == "Le café est fermé."
