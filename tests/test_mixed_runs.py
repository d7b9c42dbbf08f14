"""UTF-8 letters beside single legacy bytes within lines are refused (decoding/mixedruns.py).

QA pass 26: a CSV of UTF-8 names and windows-1252 cities on the same lines was read whole as GBK
at 100% and ``fix -i`` wrote ``Jos茅,M醠aga`` (exit 0); Sphinx's ``LatinRules.xdy``, UTF-8
letters beside raw bytes on purpose, was read as windows-1256 and ``fix -i`` wrote ``أ€`` for
``À``. Both are refused now (exit 2, the file untouched), ``--encoding`` the remedy; real legacy
files holding chance UTF-8 pairs read as before.
"""

from __future__ import annotations

import glob
import zipfile
from pathlib import Path

import pytest

from conftest import run_cli, shared_path
from mojifix import DecodeError, detect_bytes

ROWS = [("José", "Málaga", 12), ("Zoë", "Zürich", 7), ("François", "Besançon", 31), ("Søren", "Århus", 4),
        ("Jürgen", "Köln", 18), ("Inés", "León", 9), ("Noël", "Orléans", 22), ("Björn", "Göteborg", 15),
        ("Renée", "Genève", 3), ("Mónica", "Cádiz", 11), ("Günther", "Düsseldorf", 27),
        ("Élodie", "Tórshavn", 8)]
TEXT = "name,city,amount\n" + "".join(f"{n},{c},{a}\n" for n, c, a in ROWS)
CSV = b"name,city,amount\n" + b"".join(
    n.encode() + b"," + c.encode("cp1252") + f",{a}\n".encode() for n, c, a in ROWS)
CSV_WHY = ("UTF-8 mixed with another encoding within lines: 12 UTF-8 letters (first on line 2) "
           "beside 12 bytes that are not UTF-8 (first 0xE1 on line 2); no one encoding reads both")
HINT = (b"(pass --encoding NAME, the page of the bytes that are not UTF-8: the UTF-8 letters are "
        b"then repaired as mojibake)")


def _refused_untouched(tmp_path: Path, name: str, data: bytes, why: str) -> None:
    src = tmp_path / name
    src.write_bytes(data)
    out = tmp_path / "out.txt"
    for args in (("check", "-q"), ("fix", "-i", "-q"), ("fix", "-o", str(out)), ("detect",)):
        res = run_cli(*args, str(src))
        assert res.returncode == 2, args
        assert f"mojifix: error: {src}: {why} ".encode() + HINT in res.stderr, args
    assert src.read_bytes() == data and not out.exists()


def test_a_csv_of_utf8_names_and_cp1252_cities_is_refused_not_read_as_gbk(tmp_path: Path) -> None:
    # (It was "decoded from gbk (confidence 100%)", and fix -i wrote Jos茅,M醠aga, exit 0.)
    with pytest.raises(DecodeError, match="within lines"):
        detect_bytes(CSV)
    _refused_untouched(tmp_path, "contacts.csv", CSV, CSV_WHY)


def test_the_remedy_the_refusal_names_repairs_the_csv(tmp_path: Path) -> None:
    src = tmp_path / "contacts.csv"
    src.write_bytes(CSV)
    res = run_cli("fix", "-i", "-q", "--encoding", "cp1252", str(src))
    assert res.returncode == 0
    assert src.read_text("utf-8") == TEXT


def _xdy_like() -> bytes:
    # The shape of Sphinx's LatinRules.xdy: a UTF-8 letter and the raw byte it sorts as.
    rules = b"".join(b'           ("' + ch.encode() + b'" "' + bytes([0xB6 + i // 4]) + b'" :string)\n'
                     for i, ch in enumerate("ÀÂÄÃÅÁÆÇÈÉÊËÌÍÎÏÑÒÓÔÖÕØÙÚÛÜÝ"))
    return (b';; Please note that this data file deliberately uses strings\n;; with single non-ascii '
            b'bytes.\n\n(define-rule-set "sphinx-xy-alphabetize"\n\n  :rules  (\n' + rules + b"))\n")


def test_an_xdy_like_file_of_utf8_letters_and_raw_bytes_is_not_rewritten(tmp_path: Path) -> None:
    why = ("UTF-8 mixed with another encoding within lines: 28 UTF-8 letters (first on line 7) "
           "beside 28 bytes that are not UTF-8 (first 0xB6 on line 7); no one encoding reads both")
    _refused_untouched(tmp_path, "LatinRules.xdy", _xdy_like(), why)


def test_sphinx_latinrules_xdy_is_not_rewritten_as_arabic(tmp_path: Path) -> None:
    # (It was "decoded from windows-1256 (confidence 100%)"; fix -i turned "À" into "أ€".)
    wheels = sorted(glob.glob("/opt/pypi*/files/sphinx-*.whl"))
    names = [w for w in wheels if "sphinx/texinputs/LatinRules.xdy" in zipfile.ZipFile(w).namelist()]
    if not names:
        pytest.skip("no sphinx wheel with texinputs/LatinRules.xdy on this machine")
    data = zipfile.ZipFile(names[-1]).read("sphinx/texinputs/LatinRules.xdy")
    src = tmp_path / "LatinRules.xdy"
    src.write_bytes(data)
    res = run_cli("fix", "-i", "-q", str(src))
    assert res.returncode == 2
    assert b"UTF-8 mixed with another encoding within lines" in res.stderr
    assert src.read_bytes() == data


@pytest.mark.parametrize(("name", "page"), [
    ("cs/diff.1.txt", "mac-latin2"),  # 27 chance pairs (``ří``: DE 92, Thaana)
    ("cs/bzip2.1.txt", "cp852"),  # a chance pair read as Arabic
    ("ru/cgroups.7.txt", "iso8859-5"),  # three chance ``ƿ`` beside 1,944 bytes
    ("it/latin1.7.txt", "windows-1252"),  # a table of the page: one chance ``ì``
])
def test_legacy_pages_with_chance_utf8_pairs_read_as_before(name: str, page: str) -> None:
    # Do no harm: every run of their bytes is UTF-8 or not as a whole, as in the mixes refused.
    text = (shared_path("corpus", "manpages") / name).read_text("utf-8")
    data = text.encode(page, "replace")
    d = detect_bytes(data)
    assert (d.encoding, d.text) == (page, data.decode(page))


def test_a_utf8_log_line_with_a_latin1_file_name_is_refused_as_mostly_utf8_as_before() -> None:
    # Twice as many UTF-8 characters as stray bytes and more: the mostly-UTF-8 rule's message.
    data = "Überprüfung läuft: größe, schön, Straße, Füße; Datei ".encode() + b"caf\xe9.txt\n"
    with pytest.raises(DecodeError, match="mostly UTF-8 but 1 byte"):
        detect_bytes(data)
