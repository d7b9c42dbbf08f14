"""The document screen (engine/docscreen.py, issue 20): clean documents skip the chain search,
and the screen never changes a result (screened == the per-line screen alone)."""

from __future__ import annotations

from dataclasses import asdict
from functools import partial

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import shared_path
from mojifix import memo
from mojifix.config import Config
from mojifix.engine import pipeline, prefilters
from mojifix.engine.docscreen import chains_clear

# The registry with the document screen off: the chain fixer's per-line screen alone; and one
# with the screen on every text (the default screens those docscreen.worth_it names).
BY_LINE = pipeline.FIXERS.replace("chains", prefilter=prefilters.screen_chains_by_line)
SCREENED = pipeline.FIXERS.replace("chains", prefilter=partial(prefilters.screen_chains, min_size=0))
WESTERN = ("de", "fr", "es", "it")
OTHERS = ("pl", "cs", "tr", "vi", "ru", "uk", "zh_CN", "ja", "el")


def _docs(lang: str, n: int) -> list[str]:
    folder = shared_path("corpus", "manpages", lang)
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))[:n]]


def _both(text: str, config: Config | None = None) -> tuple[tuple, tuple]:
    config = config or Config()
    screened = pipeline.run_fixers(text, config, SCREENED)
    by_line = pipeline.run_fixers(text, config, BY_LINE)

    def flat(r: tuple) -> tuple:
        return r[0], [asdict(f) for f in r[1]], [asdict(c) for c in r[2]]

    return flat(screened), flat(by_line)


@pytest.mark.parametrize("lang", (*WESTERN, "pl", "cs", "tr", "vi"))
def test_clean_documents_skip_the_chain_search(lang: str) -> None:
    """Clean manual pages in the Latin-script languages of the corpus: the document screen
    proves the chain search has nothing to do, so it does not run (before, it ran on almost
    every one: ``è`` read back through cp1251 is a candidate on every accented line). (Other
    scripts go to the per-line screen, cheaper there: docscreen.worth_it.)"""
    docs = _docs(lang, 12)
    with memo.tracing() as traces:
        for doc in docs:
            pipeline.run_fixers(doc, Config(), locate=False)
    skipped = sum("fixer:chains" not in path and "docscreen:clear" in path for path in traces)
    assert skipped >= 0.75 * len(docs), (lang, skipped, len(docs))


@pytest.mark.parametrize("lang", WESTERN + OTHERS)
def test_screened_equals_by_line_on_clean_documents(lang: str) -> None:
    for doc in _docs(lang, 6):
        screened, by_line = _both(doc)
        assert screened == by_line


def _lines() -> list[str]:
    out: list[str] = []
    for lang in ("de", "fr", "it", "es", "pl", "cs", "vi", "ru", "uk", "el", "zh_CN", "ja"):
        for doc in _docs(lang, 2):
            out.extend(line for line in doc.splitlines()[:80] if line.strip() and not line.isascii())
    return out


def _garble(line: str, how: str) -> str:
    """``line`` damaged one way (a way the fixers repair, or damage that is only reported)."""
    ways = {
        "cp1252": ("utf-8", "windows-1252"), "latin-1": ("utf-8", "latin-1"),
        "gbk": ("utf-8", "gbk"), "sjis": ("utf-8", "shift_jis"), "cp1251": ("utf-8", "windows-1251"),
        "gbk-latin": ("gbk", "latin-1"), "1251-1252": ("windows-1251", "windows-1252"),
        "koi8": ("koi8-r", "windows-1251"), "1251-koi8": ("windows-1251", "koi8-r"),
        "1250-1252": ("windows-1250", "windows-1252"), "cp932": ("utf-8", "cp932"),
        "cp1253": ("utf-8", "windows-1253"), "big5-lost": ("utf-8", "big5"),
    }
    if how in ways:
        enc, dec = ways[how]
        return line.encode(enc, errors="ignore").decode(dec, errors="ignore")
    if how == "twice":
        once = line.encode("utf-8").decode("windows-1252", errors="ignore")
        return once.encode("utf-8").decode("windows-1252", errors="ignore")
    return {
        "entity": line.replace("é", "&eacute;").replace(" ", " &amp; ", 1),
        "zero-width": line.replace(" ", " \u200b", 2),
        "gloss": line + " 强(qiáng)调(diào)",
        "lost": line[:10] + "\ufffd" + line[10:],
        "quote": "It\u00a1\u00afs the module\u00a1\u00afs job, isn\u00a1\u00aft it",
        "quote-koi8": "It\u2593s the module\u2593s job, isn\u2593t it",  # ’ in cp1251 read as KOI8-R
        "junk": line + " 锟斤拷",
        "pinyin": "r\u00a8\u00a6sum\u00a8\u00a6 caf\u00a8\u00a6",
    }[how]


HOWS = ["clean"] * 6 + ["cp1252", "latin-1", "gbk", "sjis", "cp1251", "gbk-latin", "1251-1252",
                        "koi8", "twice", "entity", "zero-width", "gloss", "lost", "quote", "junk",
                        "pinyin", "1251-koi8", "1250-1252", "cp932", "cp1253", "big5-lost",
                        "quote-koi8"]


@pytest.fixture(scope="module")
def lines() -> list[str]:
    return _lines()


# Characters of the blocks the pages write (and some they cannot): Latin, Cyrillic, symbols, CJK
# punctuation, hanzi, hangul, full-width forms (tests/test_cleanfast.py, tests/test_cjkfast.py).
MANY_BLOCKS = st.one_of(st.characters(min_codepoint=0x20, max_codepoint=0x7e),
                        st.characters(min_codepoint=0xa0, max_codepoint=0x4ff),
                        st.characters(min_codepoint=0x2010, max_codepoint=0x26ff),
                        st.characters(min_codepoint=0x3000, max_codepoint=0x33ff),
                        st.characters(min_codepoint=0x4e00, max_codepoint=0x9fff),
                        st.characters(min_codepoint=0xac00, max_codepoint=0xd7a3),
                        st.characters(min_codepoint=0xff00, max_codepoint=0xffef))


def mix(lines: list[str], data: st.DataObject, most: int = 10,
        extra: st.SearchStrategy[str] | None = None) -> str:
    """A random document: up to ``most`` corpus lines, each clean or garbled one of the
    :data:`HOWS` ways, then up to three lines drawn from ``extra`` (when given). Shared with
    tests/test_clean_speed.py and tests/test_cleanfast.py."""
    picks = data.draw(st.lists(st.tuples(st.integers(0, len(lines) - 1), st.sampled_from(HOWS)),
                               min_size=1, max_size=most))
    out = [line if how == "clean" else _garble(line, how) for line, how in
           ((lines[i], how) for i, how in picks)]
    if extra is not None:
        out += data.draw(st.lists(extra, max_size=3))
    return "\n".join(out) + "\n"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_screened_equals_by_line_on_mixes(lines: list[str], data: st.DataObject) -> None:
    """Random mixes of clean corpus lines and lines garbled several ways: the same text,
    findings and changes with the document screen as with the per-line screen alone."""
    screened, by_line = _both(mix(lines, data))
    assert screened == by_line


@pytest.mark.parametrize("text", [
    "caf\u00c3\u00a9 au lait, d\u00c3\u00a9j\u00c3\u00a0 vu\n",  # UTF-8 read as cp1252
    "\u00cf\u00f0\u00e8\u00e2\u00e5\u00f2, \u00ec\u00e8\u00f0! \u00ca\u00e0\u00ea \u00e4\u00e5\u00eb\u00e0?\n",
    "It\u00a1\u00afs the module\u00a1\u00afs job\nIt\u00a1\u00afs\nisn\u00a1\u00aft it\n",  # English as GBK
    "r\u00a8\u00a6sum\u00a8\u00a6 caf\u00a8\u00a6\n",  # GBK's pinyin row read as Latin-1
    "\u6d63\u72b2\u30bd\n",  # UTF-8 read as GBK
    "d\u00e9j\u00e0 vu \u951f\u65a4\u62f7\n",  # junk: a finding
    "d\u00e9j\u00e0 \ufffd vu\n",
    "It\u2593s the module\u2593s job\nIt\u2593s\nisn\u2593t it\n",  # English as cp1251 read as KOI8-R
    # Czech saved as cp1250, read as cp1252: the document's alphabet decides (fixers/latinpages)
    ("P\u0159\u00edkaz skon\u010d\u00ed chybou, kdy\u017e soubor neexistuje.\n"
     "Pou\u017eijte volbu pro v\u00fdpis v\u0161ech \u010d\u00e1st\u00ed.\n"
     "Ka\u017ed\u00fd \u0159\u00e1dek se zpracuje samostatn\u011b.\n"
     "Tento p\u0159\u00edklad ukazuje \u0161patn\u00e9 pou\u017eit\u00ed.\n" * 3
     ).encode("cp1250").decode("cp1252"),
])
def test_screen_does_not_clear_what_the_chain_search_may_change(text: str) -> None:
    assert not chains_clear(text)


def test_mark_pairs_cover_every_code_of_a_mark() -> None:
    """Every byte sequence a multi-byte page of the chain search reads as Western punctuation
    (U+2010-U+205F), read through a wrong page, is found by the screen's pair regex."""
    from mojifix.engine import docscreen
    from mojifix.fixers.chains import LAYERS

    marks = docscreen._tables()[2]
    assert marks is not None
    seqs = [bytes((lead,)) for lead in range(0x80, 0x100)]
    seqs += [bytes((lead, trail)) for lead in range(0x80, 0x100) for trail in range(0x100)]
    for orig, wrong in LAYERS:
        if orig not in docscreen._MULTI_LEGACY:
            continue
        for seq in seqs:
            try:
                char = seq.decode(orig)
                seen = seq.decode(wrong)
            except UnicodeDecodeError:
                continue
            if len(char) == 1 and 0x2010 <= ord(char) < 0x2060:
                assert marks.search(seen), (orig, wrong, seq, char)


def test_gates_hold_every_character_a_page_writes() -> None:
    """The gate of each wrong codec (engine/docscreen._gate) finds every character a
    multi-byte page writes in one or two bytes (and EUC-KR's Hangul), and, for a single-byte
    page, every pair of characters whose bytes start a UTF-8 sequence."""
    from mojifix.engine import docscreen
    from mojifix.scoring.repertoire import _sequences

    tables = docscreen._tables()
    for wrong, gate in tables.gates.items():
        if gate is not None:
            for lead in range(0xC2, 0xF5):
                for cont in range(0x80, 0xC0):
                    try:
                        pair = bytes((lead, cont)).decode(wrong)
                    except UnicodeDecodeError:
                        continue
                    assert gate.search(pair), (wrong, pair)
            continue
        chars = {c for c in _sequences().decode(wrong, errors="replace") if not c.isascii()}
        if wrong == "euc-kr":
            chars |= set(map(chr, range(0xAC00, 0xD7A4)))
        missed = [c for c in chars if ord(c) >> 7 not in tables.needs[wrong]]
        assert not missed, (wrong, missed[:10])


def test_a_soup_line_is_not_cleared_by_the_document_screen(lines: list[str]) -> None:
    # UTF-8 read as Big5 with so many bytes dropped that only a lossy finding over the lines
    # together tells it (fixers/vanished.soup): the property test drew it, no finding screened.
    doc = "apm \u51c6\u555c\u62bc\u67f4\u6f66\u8a7b\u627c\u558b\u92b5\u51fd\u5167\u8863\u922d\n"
    screened, by_line = _both(doc)
    assert screened == by_line and screened[1] and screened[1][0]["kind"] == "mojibake-lossy"
