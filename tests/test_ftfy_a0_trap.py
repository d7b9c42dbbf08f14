"""ftfy reads a Latin letter, a quote or dash after it and a space as one UTF-8 character whose
last byte was a no-break space (``comprimirá\\x94 desde`` -> ``comprimirᔠdesde``, U+1520):
mojifix asks ftfy about the line with a tab for that space, then writes the space back
(``ftfyguard.a0_cuts``, ``ftfyguard.a0_masked``).

The damage is real: a Spanish or Portuguese page with windows-1252 quotes read as Latin-1 (or
clean curly quotes on a line that also holds UTF-8 mojibake) lost the letter and the quote, and
ftfy does the same. These tests build such documents from the development corpus, check the
exact repair, that the real characters this reading is for (Vietnamese ``Ạ``, Thai ``ภ``,
``†``) are still repaired, and that a long line streamed in pieces equals the whole repair.
"""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mojifix
from conftest import shared_path
from mojifix.files import stream
from mojifix.fixers.ftfyguard import a0_cuts


@pytest.mark.parametrize("garbled,right", [
    # clean curly quotes beside UTF-8 mojibake on one line
    ("Se comprimirá” desde cafÃ©", "Se comprimirá” desde café"),
    ("está– ok cafÃ©", "está– ok café"),
    ("a irmã’ x cafÃ©", "a irmã’ x café"),
    ("PIÙ GRANDE cafÃ©", "PIÙ GRANDE café"),  # (two-byte: D9 A0 is U+0660, an Arabic digit)
    # windows-1252 quotes read as Latin-1 (C1 controls) beside UTF-8 mojibake
    ("bzip2 \x93comprimir\xe1\x94 desde la entrada, cafÃ©", "bzip2 “comprimirá” desde la entrada, café"),
])
def test_a_letter_a_quote_and_a_space_stay_themselves(garbled: str, right: str) -> None:
    import ftfy

    assert ftfy.fix_text(garbled) != right  # (ftfy's reading: one character of U+1000-U+3FFF)
    assert mojifix.fix_text(garbled) == right


@pytest.mark.parametrize("garbled,right", [
    ("Tiáº¿ng Viá»‡t cÃ³ dáº¥u", "Tiếng Việt có dấu"),
    ("cafÃ© Googleà¸ à¸²à¸©à¸²", "café Googleภาษา"),  # ภ is E0 B8 A0, its A0 made a space
    ("dagger â€  here cafÃ©", "dagger † here café"),
    ("voilÃ  tout", "voilà tout"),
    ("MÃ” Táº¢ CHáº Y NGáº N", "MÔ TẢ CHẠY NGẠN"),
    ("MAÅ INA cafÃ©", "MAŠINA café"),
    ("Î Î¡ÎŸÎ£ cafÃ©", "ΠΡΟΣ café"),
])
def test_real_characters_read_with_a_lost_no_break_space_are_still_repaired(garbled: str, right: str) -> None:
    assert mojifix.fix_text(garbled) == right


def test_a0_cuts_names_only_the_trap() -> None:
    line = "comprimirá\x94 desde, irmã’ x, á\x94 y, Googleà¸ à, á» dice, está» dice, CHáº Y"
    cuts = a0_cuts(line)
    assert [line[c - 3:c + 2] for c in cuts] == ["rá\x94 d", "mã’ x", "tá» d"]
    # (after a space, not a letter: ``á\x94 y``, ``á» dice``; Thai's ``à¸ `` before ``à``;
    # ``áº `` between capitals is Vietnamese ``Ạ``, U+1EA0: ``CHẠY``)
    assert a0_cuts("plain text") == [] and a0_cuts("áº n") == []


WORDS = ["comprimirá", "está", "mamá", "irmã", "maçã", "allá", "dirá", "Panamá"]
QUOTES = ["\u201d", "\u2019", "\u2013", "\u2014", "\u2026", "\u00bb"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(QUOTES),
                          st.sampled_from(["desde", "x", "ok", "2", "Ele"])), min_size=1, max_size=6),
       st.booleans())
def test_quoted_words_beside_mojibake_come_back(parts: list[tuple[str, str, str]], c1: bool) -> None:
    """Garble then fix: the quoted words stay, the mojibake is repaired; with ``c1`` the quotes
    are windows-1252 bytes read as Latin-1 (their C1 controls)."""
    clean = " ".join(f"{w}{q} {after}" for w, q, after in parts) + " café"
    body = clean.encode("cp1252").decode("latin-1") if c1 else clean
    garbled = body[:-len("café")] + "cafÃ©"
    assert mojifix.fix_text(garbled) == clean


def _quoted_documents() -> list[tuple[str, str]]:
    """Real Spanish, Italian, French and Vietnamese pages with every word ending in ``á``,
    ``ã`` or ``à`` before a word put in curly quotes (as translators write them), saved as
    windows-1252 and read as Latin-1, one line written as UTF-8 and read as Latin-1 (so the C1
    rule refuses the document and ftfy's road repairs it): (original, garbled)."""
    out = []
    for lang in ["es", "it", "fr", "vi"]:
        for path in sorted(shared_path("corpus", "manpages", lang).glob("*.txt")):
            text = path.read_text("utf-8")
            quoted, n = re.subn(r"\b(\w*[áãà])(?= [A-Za-z0-9])", "\u201c\\1\u201d", text)
            try:
                lines = quoted.encode("cp1252").decode("latin-1").split("\n") if n else None
            except UnicodeEncodeError:
                continue
            if lines is None:
                continue
            for i, line in enumerate(lines):
                if not line.isascii() and "\x93" not in line:
                    lines[i] = quoted.split("\n")[i].encode("utf-8").decode("latin-1")
                    out.append((quoted, "\n".join(lines)))
                    break
    return out


def test_real_pages_with_quotes_read_as_latin1_come_back_whole() -> None:
    docs = _quoted_documents()
    assert len(docs) >= 40  # (46 in the corpus: 252 quoted words)
    wrong = [garbled[:60] for original, garbled in docs if mojifix.fix_text(garbled) != original]
    assert wrong == []


def test_a_long_line_with_the_trap_streams_as_it_repairs_whole() -> None:
    unit = "bzip2 \x93comprimir\xe1\x94 desde la entrada est\xe1\x96 ok, la irm\xe3\x92 x; cafÃ© y m\xc3\xa1s. "
    line = ("Texto de relleno sin nada que reparar aqu\xed. " * 3 + unit) * 400
    data = line.encode("utf-8")
    whole = mojifix.repair_bytes(data).text.encode("utf-8")
    assert "comprimirá” desde" in whole.decode() and "\u1520" not in whole.decode()
    out = io.BytesIO()
    stream.repair_stream(io.BytesIO(data), out, chunk_chars=2000, lookback=1000, hold=len(data),
                         whole_or_refuse=True)
    assert out.getvalue() == whole


def test_a_vietnamese_line_whose_bytes_were_dropped_keeps_the_rest_of_its_repair() -> None:
    """Vietnamese through windows-1252 with undefined bytes dropped: ``về`` (E1 BB 81) is left
    ``vá»`` before a space, which ftfy read as ``Ỡ`` (E1 BB A0). That place is not read so;
    the rest of the line is repaired as before (asked as two pieces, this line lost it all)."""
    def garbled(text: str) -> str:
        return text.encode("utf-8").decode("cp1252", "ignore")

    got = mojifix.fix_text(garbled("đọc danh sách từ bỏ qua từ TẬP_TIN"))
    assert got == "đ\ufffdc danh sách từ b\ufffd qua từ TẬP_TIN"
    got = mojifix.fix_text(garbled("cảnh báo về những dòng tổng"))
    assert "\u1ee0" not in got and got.startswith("cảnh báo v") and got.endswith(" những dòng tổng")


@pytest.mark.parametrize("clean", [
    "302 194 C2 Â LATIN CAPITAL LETTER A WITH CIRCUMFLEX",
    "302 194 C2 Â ЛАТИНСКАЯ ЗАГЛАВНАЯ БУКВА «A» С ШЛЯПОЙ",
    "200 128 80 € EURO SIGN",
])
def test_a_character_table_row_keeps_its_character(clean: str) -> None:
    # A row of a character table says what the character is (its byte in hex before it): on
    # a line that also holds mojibake, ftfy read ``C2 Â LATIN`` as ``C2 \xa0LATIN``, a lost
    # no-break space (ftfyguard.table_cuts); the mojibake is still repaired.
    import ftfy

    garbled = clean + " " + "café crème".encode().decode("cp1252")
    right = clean + " café crème"
    if "Â" in clean:
        assert ftfy.fix_text(garbled) != right
    assert mojifix.fix_text(garbled) == right


def test_a_long_line_of_table_rows_streams_as_it_repairs_whole() -> None:
    # No cut parts a row's character from its hex before it (files/stream._space_cut asks
    # ftfyguard.splits_table_row): a piece starting ``Â X`` read ``Â `` as ftfy does (without
    # that, 24 of these 52 chunk sizes did).
    mojibake = "é".encode().decode("cp1252")
    line = " ".join(f"{b:o} {b} {b:02X} {chr(b)} X {mojibake}" for b in range(0xC2, 0xD0)) + " "
    data = (line * 30).encode("utf-8")
    whole = mojifix.repair_bytes(data).text
    assert whole.startswith("302 194 C2 Â X é 303 195 C3 Ã X é")
    for chunk in range(40, 400, 7):
        out = io.BytesIO()
        stream.repair_stream(io.BytesIO(data), out, chunk_chars=chunk, lookback=chunk // 2, hold=len(data))
        assert out.getvalue().decode("utf-8") == whole, chunk
