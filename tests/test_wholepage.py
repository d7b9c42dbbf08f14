"""A whole document of UTF-8 read through one wrong page is decided at once (fixers/wholepage.py,
issue 20): the same text as the line-by-line search on every kind of mix, no per-line search
on such a document (counted, never timed), and never taken on clean text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mojifix
from conftest import shared_path
from mojifix.engine import docscreen
from mojifix.fixers import chains, wholelegacy, wholepage
from test_docscreen import MANY_BLOCKS, _lines, mix

MIXES = settings(max_examples=120, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def lines() -> list[str]:
    return _lines()


def _slow(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[str, tuple, list]:
    with monkeypatch.context() as m:
        m.setattr(wholepage, "reading", lambda _text: None)
        r = mojifix.repair_text(text)
    return r.text, _where(r.changes), [f.chain for f in r.findings]


def _where(changes: tuple) -> list[tuple]:
    """The changes without their note (which page a line is said to be read through: the
    line-by-line road names some lines Latin-1 and others cp1252 in one document)."""
    return [(c.kind, c.offset, c.before, c.after) for c in changes]


def _garbled(text: str, page: str, original: str = "utf-8") -> str | None:
    try:
        return text.encode(original).decode(page)
    except UnicodeError:
        return None


# Every chain a whole document is read back through at once: UTF-8 through one page, and a
# legacy page's bytes through a Western one (fixers/wholelegacy.py).
ROADS = [("utf-8", page) for page in wholepage.PAGES + wholepage.SIBLINGS + wholepage.OTHER_PAGES] + [
    (orig, wrong) for orig in wholelegacy.ORIGINALS for wrong in wholelegacy.WRONG] + list(
    wholelegacy.CASE_SWAPS)


@MIXES
@given(data=st.data(), chain=st.sampled_from(ROADS))
def test_the_whole_document_road_gives_the_search_s_text(lines: list[str], monkeypatch, data,
                                                        chain: tuple[str, str]) -> None:
    """Mixes of clean corpus lines, lines garbled every way the fixers know and random
    characters of many blocks, as they are and garbled whole through each page. Where the
    whole-document road is not taken: the same text and changes as without it. Where it is
    taken on a mix garbled whole: the mix itself, exactly."""
    text = mix(lines, data, extra=st.text(MANY_BLOCKS, max_size=12))
    for case in (text, _garbled(text, chain[1], chain[0])):
        if case is None:
            continue
        fast = mojifix.repair_text(case)
        got = wholepage.reading(case)
        if chains.whole_document(case, docscreen.chains_clear) is None or got is None:
            assert (fast.text, _where(fast.changes)) == _slow(case, monkeypatch)[:2]
        elif case != text:
            # The road gives back the mix exactly. (What the other fixers then make of it may
            # differ from the line-by-line road on the mix alone: a mix whose own garbled lines
            # the document's chain explains, ``symbolick媒`` among lines read as GBK, is
            # repaired further by the road; the search alone leaves that line.)
            if got[0] == chain:
                assert got[1] == text
            else:
                # Two garblings that compose into another chain: a line of UTF-8 read as cp1251,
                # then the mix's cp1251 bytes read as Latin-1, is UTF-8 read as Latin-1, and the
                # road undoes that (the mix's own garbled line comes back too). Its reading,
                # garbled again through the chain it names, is the input exactly.
                again = _read_as(got[1].encode(got[0][0]), got[0][1])
                for page in got[0][2:]:  # (outer layers: UTF-8 read as a page once more)
                    again = _read_as(again.encode("utf-8"), page)
                assert again == case


def _read_as(data: bytes, page: str) -> str:
    """``data`` read as ``page``, a one-byte page's undefined bytes as the C1 controls of their
    number (as the sloppy decoders the road accepts read them)."""
    try:
        return data.decode(page)
    except UnicodeDecodeError:
        return "".join(bytes((b,)).decode(page, errors="ignore") or chr(b) for b in data)


@pytest.mark.parametrize(("lang", "page", "share", "original"), [
    ("fr", "windows-1252", 0.75, "utf-8"), ("de", "windows-1252", 0.75, "utf-8"),
    ("zh_CN", "latin-1", 0.75, "utf-8"), ("ja", "latin-1", 0.75, "utf-8"),
    ("de", "gbk", 0.75, "utf-8"), ("fr", "gbk", 0.75, "utf-8"), ("uk", "koi8-r", 0.75, "utf-8"),
    ("zh_CN", "latin-1", 0.9, "gbk"), ("zh_CN", "windows-1252", 0.9, "gbk"),
    ("zh_TW", "windows-1252", 0.9, "big5"), ("ja", "latin-1", 0.9, "shift_jis"),
    ("ru", "windows-1252", 0.9, "windows-1251"), ("uk", "latin-1", 0.9, "windows-1251"),
    ("pl", "iso-8859-2", 0.9, "utf-8"), ("cs", "iso-8859-2", 0.9, "utf-8"),
    ("de", "windows-1250", 0.9, "utf-8"), ("tr", "windows-1250", 0.9, "utf-8"),
    ("ru", "koi8-r", 0.75, "windows-1251"), ("uk", "koi8-r", 0.75, "windows-1251")])
def test_a_whole_garbled_document_skips_the_line_search(monkeypatch, lang: str, page: str,
                                                       share: float, original: str) -> None:
    """Real documents garbled whole: each comes back exactly, and the per-line search (its
    flagged lines, ftfy's answer per line) is never entered. Counted, not timed."""
    entered: list[str] = []
    real = chains._flag  # (the search's flagged lines; the guard screens the repaired text only)
    monkeypatch.setattr(chains, "_flag", lambda text: entered.append(text) or real(text))
    folder = shared_path("corpus", "manpages", lang)
    done = taken = 0
    for path in sorted(folder.iterdir())[:40]:
        text = path.read_text(encoding="utf-8")
        garbled = _garbled(text, page, original)
        if garbled is None or garbled == text:
            continue
        repair = mojifix.repair_text(garbled)
        assert repair.text == text, path.name
        done += 1
        if garbled not in entered:
            taken += 1
            assert [f.chain for f in repair.findings] == [wholepage.reading(garbled)[0][:2]]
            assert wholepage.reading(garbled)[0][0] == original
    # (a document whose reading the guard cannot clear at once takes the search: still exact)
    assert done >= 5 and taken >= share * done


@pytest.mark.parametrize("lang", ["fr", "de", "es", "it", "pl", "cs", "ru", "uk", "el", "zh_CN",
                                  "zh_TW", "ja", "vi", "tr"])
def test_clean_documents_are_never_read_whole(lang: str) -> None:
    """A clean document's accented letters are no UTF-8 through either page, and no clean
    document has the runs a legacy page's bytes make: never taken."""
    folder = shared_path("corpus", "manpages", lang)
    for path in sorted(folder.iterdir()):
        assert wholepage.reading(path.read_text(encoding="utf-8")) is None, path.name


def test_a_second_layer_is_undone_whole_too() -> None:
    """UTF-8 read as cp1252 twice: each layer decodes whole, and both are undone, the chain
    naming both (as the search names it)."""
    text = "Le périphérique est déjà monté ; vérifiez les paramètres régionaux.\n" * 3
    twice = text.encode("utf-8").decode("windows-1252").encode("utf-8").decode("windows-1252")
    assert wholepage.reading(twice) == (("utf-8", "latin-1", "windows-1252"), text)
    repair = mojifix.repair_text(twice)
    assert repair.text == text
    assert [f.chain for f in repair.findings] == [("utf-8", "latin-1", "windows-1252")]


@pytest.mark.parametrize(("text", "page"), [
    ("Á la carte : « déjà vu », l’été, 5 €.\n" * 4, "windows-1252"),  # Á is C3 81: 81 is a hole
    ("Имя: ошибка ввода-вывода (EIO), см. «Использование».\n" * 4, "windows-1251"),  # И is D0 98
    ("Plik źródłowy: żółć, gęślą jaźń; łącze Łódź.\n" * 4, "windows-1250"),  # Ł is C5 81: 81 is a hole
])
def test_a_sloppy_decoder_s_holes_are_read_whole_too(text: str, page: str) -> None:
    """A browser or ftfy's sloppy decoder makes a page's undefined bytes C1 controls (cp1252's
    81, cp1251's 98): the strict codec cannot write them back, the page's table can."""
    # (built byte by byte: each byte the page leaves undefined becomes the C1 control of its number)
    sloppy = "".join(bytes((b,)).decode(page, errors="ignore") or chr(b) for b in text.encode("utf-8"))
    assert any("\x80" <= c <= "\x9f" for c in sloppy)
    assert wholepage.reading(sloppy) is not None
    assert mojifix.fix_text(sloppy) == text


def test_a_file_cut_inside_its_last_character_is_still_read_whole() -> None:
    """A file cut inside its last character (``Ã`` of ``Ã©`` at the very end) is still read
    whole, the cut character left as it came: before, the whole document took the line-by-line
    road, and bench/linear.py's 10 MB row of ``Ã© `` lines, cut there, read as 75x its 1 MB row."""
    text = ("Ã© " * 64 + "\n") * 50 + "Ã© Ã"
    assert wholepage.reading(text) == (("utf-8", "latin-1"), ("é " * 64 + "\n") * 50 + "é Ã")
    assert wholepage.reading(text + " x") is None  # (a cut inside the text is no cut file)


def test_a_clean_line_in_a_legacy_page_s_document_keeps_the_document_off_the_road() -> None:
    """A French line pasted into a GBK page read as Latin-1: its accents decode as GBK too
    (``élè`` is ``E9 6C E8``, a GBK pair and a lead), but that line has no run of the damage and
    reads better as it is, so the whole reading is refused and the search decides per line:
    the Chinese lines come back, the French line stays."""
    chinese = "设置网络接口的参数。\n显示所有接口的状态，包括未启用的接口。\n"
    french = "Les élèves arrivent.\n"
    garbled = chinese.encode("gbk").decode("latin-1") + french
    assert french.encode("latin-1").decode("gbk") != french  # (the trap: it decodes)
    assert wholelegacy.reading(garbled, wholepage._head(garbled)) is None
    assert mojifix.fix_text(garbled) == chinese + french


def test_a_legacy_page_s_document_is_named_by_its_most_plausible_reading() -> None:
    """GBK bytes that Big5 decodes too: the document's readings are weighed, and GBK's, ten times
    more plausible, names the chain (a tie, or a near one, leaves the search to decide)."""
    text = "显示所有网络接口的状态。\n设置接口的地址和掩码。\n" * 3
    garbled = text.encode("gbk").decode("latin-1")
    got = wholepage.reading(garbled)
    assert got == (("gbk", "latin-1"), text)
    repair = mojifix.repair_text(garbled)
    assert repair.text == text
    assert [f.summary for f in repair.findings] == ["GBK read as Latin-1: 6 lines, 69 characters changed"]


@pytest.mark.parametrize("page", wholepage.SIBLINGS)
def test_a_central_european_page_names_one_chain_for_the_whole_document(page: str) -> None:
    """UTF-8 read as ISO-8859-2 or Windows-1250, whole: the document names its one page. Line by
    line, ftfy named each line by the first page that explained it (a Polish page read as
    ISO-8859-2 was told as three chains: ISO-8859-2, Windows-1250 and Latin-1)."""
    text = ("Zmienna środowiskowa określa język komunikatów; ustawienie domyślne jest puste.\n"
            "Żadna opcja nie zmienia zachowania, gdy plik nie istnieje.\n") * 3
    garbled = text.encode("utf-8").decode(page)
    assert wholepage.reading(garbled) == (("utf-8", page), text)
    repair = mojifix.repair_text(garbled)
    assert repair.text == text
    assert [f.chain for f in repair.findings] == [("utf-8", page)]


def test_utf8_with_a_byte_lost_is_not_read_as_a_legacy_page() -> None:
    """Thai UTF-8 read as cp1252 with its A0 bytes made spaces (ftfy's own case): GBK decodes
    those bytes too, more plausibly than the mojibake, but nine in ten of them make UTF-8
    sequences, which legacy text does not: not taken, and ftfy's repair stands."""
    garbled = "à¸ à¸²à¸©à¸²à¹„à¸—à¸¢ à¸ à¸²à¸©à¸²à¹„à¸—à¸¢\n"
    assert wholelegacy.reading(garbled, wholepage._head(garbled)) is None
    assert mojifix.fix_text(garbled) == "ภาษาไทย ภาษาไทย\n"


def test_a_clean_russian_sentence_keeps_a_case_swapped_document_off_the_road() -> None:
    """cp1251 read as KOI8-R swaps case (``ОПИСАНИЕ`` arrives as ``нохяюмхе``): the document
    is read whole when its letters are mostly capitals. A clean Russian sentence pasted into it
    would be swapped into capitals and noise: its line refuses the whole reading, the search
    decides line by line, and the sentence stays."""
    text = ("ОПИСАНИЕ\nПрограмма выводит список открытых файлов и процессов, которые их используют.\n"
            "Без параметров выводятся все открытые файлы всех активных процессов системы.\n")
    garbled = text.encode("windows-1251").decode("koi8-r")
    assert wholepage.reading(garbled) == (("windows-1251", "koi8-r"), text)
    clean = "Этот абзац написан правильно и не должен измениться.\n"
    assert wholelegacy.reading(garbled + clean, wholepage._head(garbled + clean)) is None
    assert mojifix.fix_text(garbled + clean) == text + clean


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(MANY_BLOCKS, max_size=10), min_size=1, max_size=5),
       st.sampled_from(wholepage.PAGES + wholepage.SIBLINGS))
def test_a_whole_document_s_characters_changed_are_its_lines_sums(lines: list[str], page: str) -> None:
    """The whole-document finding counts characters changed and lost on all lines at once where
    no repaired character shows in the garbled text, else line by line: the same sums as
    ``changed_and_lost`` a line at a time (the sentence a streamed file adds up to)."""
    from mojifix.textdiff import changed_and_lost

    cands = lines
    bodies = [line.encode("utf-8").decode(page, errors="replace") for line in lines]
    sums = [sum(x) for x in zip(*map(changed_and_lost, bodies, cands), strict=True)]
    assert list(wholepage._changed_and_lost(bodies, cands)) == sums


def test_a_legacy_page_s_document_of_one_long_line_is_read_whole() -> None:
    """A document of one long line (no line end near its start): its readings are scored on a
    cut of the line, the character the cut splits held back, and the line is read whole."""
    # (46,001 characters, one line; the "x" puts a character's first byte at the cut)
    text = "x" + "显示所有网络接口的状态，设置接口的地址和掩码。" * 2000
    garbled = text.encode("gbk").decode("latin-1")
    assert wholepage.reading(garbled) == (("gbk", "latin-1"), text)
    assert mojifix.fix_text(garbled) == text


_CYR = st.sampled_from("АБВЖЯЁЂЏҐабвжяёђџґ .\nxé")


@given(st.text(_CYR, max_size=60))
@settings(max_examples=400)
def test_capitals_swapped_counts_as_the_plain_share(text: str) -> None:
    """Point 6 counts the small letters only as far as they can matter: the same answer as the
    share over every Cyrillic letter (its first form)."""
    letters = len(wholelegacy._CYRILLIC.findall(text))
    capitals = len(wholelegacy._CYRILLIC_CAPITAL.findall(text))
    plain = letters >= wholelegacy._LEAST and capitals >= wholelegacy._CAPITALS * letters
    assert wholelegacy._capitals_swapped(text) == plain


# --- a short text with few non-ASCII characters skips the probes (issue 20's fixed cost) ---

_SHORT_CHARS = st.one_of(MANY_BLOCKS, st.sampled_from("ÃÂâ€™©®¤¥\u0080\u0093\u00a0ﾃ縺"))


@settings(max_examples=400, deadline=None)
@given(st.text(_SHORT_CHARS, max_size=70))
def test_few_non_ascii_characters_give_no_utf8_reading(text: str) -> None:
    """The bound the shortcut rests on: a reading through any page holds at most twice the
    text's non-ASCII characters (so none of fewer than four reaches _LEAST), and reading() on
    a short text equals what it gives with the shortcut off."""
    n = wholelegacy.non_ascii(text)
    head = wholepage._head(text)
    for got in (wholepage._undo(text, head) if head else None, wholepage._sibling(text, head),
                wholepage._other(text, head)):
        if got is not None:
            assert wholelegacy.non_ascii(got[1]) <= max(2 * n, n // 2 + 3)
    fast = wholepage.reading(text)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(wholepage, "_FEWEST", 0)
        assert wholepage.reading(text) == fast


@pytest.mark.parametrize("text", ["中文", "é", "caf\u00c3\u00a9 ok", "x\u00e2\u20ac\u2122s"])
def test_a_short_text_of_few_non_ascii_characters_is_not_probed(monkeypatch, text: str) -> None:
    """Counted: no page is probed, no write-back tried."""
    asked: list[str] = []
    monkeypatch.setattr(wholepage, "_probe", lambda head, page: asked.append(page) or False)
    monkeypatch.setattr(wholepage, "_undo", lambda t, head: asked.append("undo"))
    assert wholepage.reading(text) is None
    assert asked == []
    monkeypatch.setattr(wholepage, "_FEWEST", 0)
    wholepage.reading(text)
    assert asked  # (the road it skips: probed without the shortcut)
