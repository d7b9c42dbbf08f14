"""Single-byte files read in the wrong page with high confidence (QA 25).

1. A declared single-byte page that decodes every byte stands unless its reading is broken word
   by word (:mod:`mojifix.decoding.brokenwords`): tables of accented letters under a Python
   coding cookie, an HTML ``<meta charset>``, a CSS ``@charset`` or a Vim ``scriptencoding``
   were read as KOI8-R or Mac Roman, and ``fix -i`` rewrote every letter. Wrong declarations
   are still overruled.
2. windows-1253 and ISO 8859-7 read a sample alike when none of the four bytes where they differ
   is in it: the whole input decides (``¶λλη`` is ISO 8859-7's ``Άλλη``).
3. A windows-1252 file with a byte windows-1252 leaves undefined (81 8D 8F 90 9D) stays
   windows-1252, that byte read as its C1 control (browsers' and Windows' reading), not
   windows-1250 (``systčme``), windows-1256 or Latin-1 (its quotes as C1 controls).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli
from mojifix import detect_bytes

PAIRS = [("`A", "À"), ("'A", "Á"), ("^A", "Â"), ("~A", "Ã"), (":A", "Ä"), ("'C", "Ç"), ("`E", "È"),
         ("'E", "É"), ("^E", "Ê"), (":E", "Ë"), ("`I", "Ì"), ("'I", "Í"), ("~N", "Ñ"), ("`O", "Ò"),
         ("'O", "Ó"), ("^O", "Ô"), ("~O", "Õ"), (":O", "Ö"), ("`U", "Ù"), ("'U", "Ú")]
_ROWS = "".join(f"<tr><td>{k}</td><td>{c}</td></tr>\n" for k, c in PAIRS)
TABLES = {
    "keys.py": "# -*- coding: latin-1 -*-\nKEYS = [\n" + "".join(f'    ("{k}", "{c}"),\n' for k, c in PAIRS) + "]\n",
    "keys.html": '<html><head><meta charset="iso-8859-1"></head><body><table>\n' + _ROWS + "</table></body></html>\n",
    "keys.css": '@charset "iso-8859-1";\n' + "".join(f"/* {k} {c} */\n" for k, c in PAIRS),
    "table.vim": "scriptencoding latin1\nloadkeymap\n" + "".join(f"{k}\t{c}\n" for k, c in PAIRS[:15]),
}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_a_declared_latin1_letter_table_keeps_its_page(tmp_path: Path, name: str) -> None:
    """``fix -i`` converts the table from Latin-1 (its declaration rewritten to UTF-8): the
    letters stay what they were, where KOI8-R made ``À`` ``ю``."""
    text = TABLES[name]
    path = tmp_path / name
    path.write_bytes(text.encode("latin-1"))
    found = detect_bytes(path.read_bytes())
    assert (found.encoding, found.text) == ("iso8859-1", text)
    done = run_cli("fix", "-i", "-q", str(path))
    assert done.returncode == 0, done.stderr
    out = path.read_text("utf-8")
    assert [c for _, c in PAIRS if c in out] == [c for _, c in PAIRS if c in text]
    assert "latin" not in out and "iso-8859-1" not in out  # the declaration now says UTF-8


def test_vims_accents_keymap_is_read_as_its_scriptencoding_says(tmp_path: Path) -> None:
    """vim's own ``keymap/accents.vim`` (``scriptencoding latin1``) was Mac Roman at 0.98."""
    data = _vim_file("keymap/accents.vim")
    found = detect_bytes(data)
    assert (found.encoding, found.text) == ("iso8859-1", data.decode("latin-1"))
    path = tmp_path / "accents.vim"
    path.write_bytes(data)
    done = run_cli("fix", "-i", "-q", str(path))
    assert done.returncode == 0, done.stderr
    assert path.read_text("utf-8") == data.decode("latin-1").replace("scriptencoding latin1",
                                                                       "scriptencoding utf-8")


RUSSIAN = "Привет, как дела? Всё хорошо, спасибо. Съешь же ещё этих мягких французских булок. " * 3
POLISH = "Zażółć gęślą jaźń. Pchnąć w tę łódź jeża lub ośm skrzyń fig. " * 3
FRENCH = "Le système de fichiers est créé à la première écriture, même après un arrêt. " * 3


@pytest.mark.parametrize(("label", "body", "page"), [
    ("iso-8859-1", RUSSIAN, "cp1251"),
    ("iso-8859-1", POLISH, "cp1250"),
    ("windows-1251", FRENCH, "cp1252"),
    ("koi8-r", RUSSIAN, "cp1251"),
])
def test_a_declaration_whose_reading_is_broken_is_still_overruled(label: str, body: str, page: str) -> None:
    data = f'<html><head><meta charset="{label}"></head><body><p>{body}</p></body></html>'.encode(page)
    found = detect_bytes(data)
    assert found.text == data.decode(page)
    assert found.declared == (label, "<meta charset>", False)


def _greek_with_capitals_later(page: str) -> tuple[str, bytes]:
    from conftest import shared_path

    text = (shared_path("corpus", "manpages", "el", "diff.1.txt").read_text("utf-8")
            + "Άλλη μια φορά, Άρθρο δεύτερο.\n")
    return text, text.encode(page)


@pytest.mark.parametrize("page", ["iso8859-7", "windows-1253"])
def test_greek_capitals_with_tonos_past_the_evidence_tell_the_page(page: str) -> None:
    """``Ά`` is B6 in ISO 8859-7 and A2 in windows-1253 (whose B6 is ``¶``): past detection's
    sample the two read alike, and ISO 8859-7's ``Άλλη`` came out ``¶λλη`` at 1.0."""
    text, data = _greek_with_capitals_later(page)
    found = detect_bytes(data)
    assert (found.encoding, found.text) == (page, text)


def test_vims_greek_tutor_is_iso8859_7() -> None:
    data = _vim_file("tutor/tutor.el")
    found = detect_bytes(data)
    assert (found.encoding, found.text) == ("iso8859-7", data.decode("iso8859-7"))
    assert "1. Άλλη μια φορά" in found.text


def _western_with_a_hole(name: str, hole: bytes, limit: int | None = None) -> bytes:
    from conftest import shared_path

    lang, _, name = name.rpartition("/")
    text = shared_path("corpus", "manpages", lang or "fr", name).read_text("utf-8")[:limit]
    data = text.encode("cp1252")
    cut = data.find(b"\n", len(data) // 2)
    return data[:cut] + hole + data[cut:]


@pytest.mark.parametrize(("name", "hole", "limit"), [
    ("mkfs.msdos.8.txt", b"\x9d", None),  # was windows-1250 at 0.72: ``systčme``
    ("environ.7.txt", b"\x81", 2000),  # was windows-1256 at 1.0: the byte ``پ``
    ("environ.7.txt", b"\x90", 2000),
    ("de/btrfs.8.txt", b"\x81", None),  # was Latin-1, its „quotes“ C1 controls (cp1250 lacks 81 too)
])
def test_a_windows1252_file_with_a_byte_it_leaves_undefined_stays_windows1252(
        tmp_path: Path, name: str, hole: bytes, limit: int | None) -> None:
    """The byte is read as the C1 control of its number (as browsers and Windows read it), and
    ``fix -i`` writes the accents as they were, and the control, into UTF-8."""
    data = _western_with_a_hole(name, hole, limit)
    found = detect_bytes(data)
    assert found.encoding == "windows-1252"
    expected = data.replace(hole, b"").decode("cp1252")
    cut = data.index(hole)
    assert found.text == expected[:cut] + hole.decode("latin-1") + expected[cut:]
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    done = run_cli("fix", "-i", "-q", str(path))
    assert done.returncode == 0, done.stderr
    assert path.read_text("utf-8") == found.text


def test_the_stream_reads_the_undefined_byte_as_the_whole_file_does() -> None:
    import io

    from mojifix.decoding.decode import decode, iter_decoded, stream_reading

    data = _western_with_a_hole("mkfs.msdos.8.txt", b"\x9d")
    reading = stream_reading(io.BytesIO(data), hold=1024, block=4096)
    assert (reading.decoded.encoding, "".join(iter_decoded(io.BytesIO(data), reading, 4096))) == \
        ("windows-1252", decode(data).text)


def test_a_cp1250_file_keeps_its_page_with_the_bytes_cp1252_lacks() -> None:
    """cp1250's ``ť`` is 9D, a byte windows-1252 leaves undefined: Czech stays Czech."""
    text = "Příliš žluťoučký kůň úpěl ďábelské ódy, ťukal na dveře.\n" * 4
    data = text.encode("cp1250")
    assert detect_bytes(data).text == text


def _vim_file(name: str) -> bytes:
    """A file of vim's runtime (skips where vim is not installed)."""
    src = Path("/usr/share/vim/vim90") / name
    if not src.exists():
        pytest.skip("vim's runtime files are not installed")
    return src.read_bytes()
