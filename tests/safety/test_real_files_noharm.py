"""Do no harm on real files: what ``bench/noharm.py`` found mojifix changing in clean files.

Run over this machine's Python library, site-packages and /usr/share (the locale directory
aside), mojifix rewrote clean text that ftfy left alone or got wrong the same way. Each test
below is one such file's case, cut down; each failed before its mend. The clean excerpts whose
whole text must come back byte for byte are fixtures (``fixtures/guards``, checked by
tests/test_clean.py); the cases here assert more than "unchanged": a finding, an exit code, or
that the neighbouring real damage is still repaired.
"""

from __future__ import annotations

import mojifix
from conftest import FIXTURES, run_cli

FFFD = "\ufffd"


def test_replacement_runs_in_clean_text_are_told_not_merged(tmp_path):
    # orjson's README quotes what a replacing decoder gives; ftfy's docstring prints "��".
    # They were "UTF-8 read as GBK/Big5" and the marks merged into one ('�').
    text = (
        '>>> orjson.loads(b\'"\\xed\\xa0\\x80"\'.decode("utf-8", "replace"))\n'
        f"'{FFFD * 3}'\n"
        f"        {FFFD * 2}\n"
    )
    repair = mojifix.repair_text(text)
    assert repair.text == text
    assert repair.changes == ()
    assert [(f.kind, f.count, f.fixed, f.line) for f in repair.findings] == [("mojibake-lost", 2, False, 2)]
    assert "5 U+FFFD" in repair.findings[0].summary
    path = tmp_path / "readme.txt"
    path.write_text(text, encoding="utf-8")
    check = run_cli("check", str(path))
    assert check.returncode == 1  # characters were lost: not clean
    assert b"mojibake-lost" in check.stdout
    fixed = run_cli("fix", str(path))
    assert fixed.returncode == 0, fixed.stderr
    assert fixed.stdout == path.read_bytes()


def test_a_lone_replacement_character_is_not_told():
    text = f"U+FFFD ({FFFD}) stands for a character that could not be decoded.\n"
    repair = mojifix.repair_text(text)
    assert (repair.text, repair.findings) == (text, ())


def test_replacement_runs_in_a_garbled_page_are_still_read_back():
    # The document proves the chain (UTF-8 read as Big5, bytes replaced): its marks-only line is
    # read back with the rest (three lost bytes, one character), as before.
    page = "中文字符测试，你好世界。\n这是一个测试。\n".encode().decode("big5", "replace")
    repair = mojifix.repair_text(page + f"'{FFFD * 3}'\n")
    assert repair.text.endswith(f"'{FFFD}'\n")
    assert {f.kind for f in repair.findings} >= {"mojibake", "mojibake-lossy"}


def test_replacement_character_mojibake_keeps_every_mark():
    # CPython's email tests hold U+FFFD read as Latin-1 (``ï¿½``): undone, it is one U+FFFD per
    # ``ï¿½``; a lossy page searched under it merged them (13 marks became 6).
    text = "ï¿½ï¿½ï¿½ï¿½ï¿½ ï¿½ï¿½ï¿½ï¿½ï¿½ï¿½ï¿½ï¿½\n"
    assert mojifix.fix_text(text) == f"{FFFD * 5} {FFFD * 8}\n"


def test_lone_letter_of_a_rare_script_is_no_repair():
    # An X keyboard map lists ``ıİºſ``; ftfy reads ``İº`` as UTF-8 through cp1254: ``ݺ``, an
    # Arabic Supplement letter standing alone among Latin ones.
    for text in ("(ªəƏþÞıİºſðÐƞȠĳĲ)", "İº", "«Fuß»"):
        assert mojifix.fix_text(text) == text


def test_only_the_word_of_the_rare_letter_is_left():
    # By word, not by line: the line's real mojibake is still repaired (and a long line streamed
    # in pieces gets the same answer: tests/test_long_line_stream.py).
    assert mojifix.fix_text("cafÃ© İº") == "café İº"


def test_rare_scripts_garbled_as_words_are_still_repaired():
    for original in ("ߒߞߏ ߞߊ߲", "ܫܠܡܐ ܥܠܡܐ"):
        assert mojifix.fix_text(original.encode().decode("latin-1")) == original


def test_html_code_elements_keep_their_double_escapes(tmp_path):
    # underscore.js's manual: ``<tt>&amp;amp;</tt>`` shows ``&amp;`` on the page, on purpose.
    page = (
        "<!DOCTYPE html>\n<p>The opposite of escape, replaces\n"
        "<tt>&amp;amp;</tt>, <tt>&amp;lt;</tt>, <kbd>&amp;gt;</kbd>, <samp>&amp;quot;</samp>,\n"
        "<var>&amp;#x27;</var>. Tom &amp;amp; Jerry</p>\n"
    )
    path = tmp_path / "index.html"
    path.write_text(page, encoding="utf-8")
    r = run_cli("fix", "-i", str(path))
    assert r.returncode == 0, r.stderr
    assert path.read_text(encoding="utf-8") == page
    # (text nodes escaped twice throughout are still undone one level, the code elements not)
    twice = page.replace("Tom &amp;amp; Jerry", "Tom &amp;amp; Jerry&amp;#39;s &amp;quot;show&amp;quot;")
    path.write_text(twice, encoding="utf-8")
    r = run_cli("fix", "-i", str(path))
    assert r.returncode == 0, r.stderr
    assert path.read_text(encoding="utf-8") == page.replace(
        "Tom &amp;amp; Jerry", "Tom &amp; Jerry&#39;s &quot;show&quot;")


def test_angstrom_units_stay_and_lithuanian_is_still_repaired():
    # ase (atomic simulation) writes ``eV/Å³``; ftfy reads ``Å³`` as UTF-8 ``ų`` everywhere.
    assert mojifix.fix_text("unit='eV/Å³', spread in Å².") == "unit='eV/Å³', spread in Å²."
    assert mojifix.fix_text("metÅ³ laikotarpis") == "metų laikotarpis"
    # Where the line's other words are mojibake too, a lone ``Å²`` is ``Ų`` (an ISO 8859-4
    # character table read as cp1252: bench/quality.py's mixed documents).
    assert mojifix.fix_text("331 217 D9 Å² LETRA MAYÃšSCULA U") == "331 217 D9 Ų LETRA MAYÚSCULA U"


def test_the_guard_never_drops_or_repeats_text():
    # ftfy took a space (``Ã `` is ``à``): the words no longer pair, and the line is judged whole.
    for line in ("Ã©tÃ© Ã  12 Å³ Ã ", "Il fait 12 Å³ Ã  cÃ´tÃ© de Ã "):
        out = mojifix.fix_text(line)
        assert out.count("12") == 1 and out.endswith(("Ã ", "à ")), out
        assert "cÃ´tÃ© de" in out or "côté de" in out or "côté" not in line


def test_lithuanian_and_arabic_words_are_still_repaired():
    # ``šų``: the letter before ``ų`` was ``Å¡``; Arabic Extended-A ``ࢡ`` inside an Arabic word.
    original = "Visus į mišų giesmių repeticiją."
    assert mojifix.fix_text(original.encode().decode("cp1252")) == original
    assert mojifix.fix_text("Ø³Ù„Ø§Ù… à¢¡Ø±Ø¨") == "سلام ࢡرب"


def test_a_lone_hebrew_accent_is_no_repair():
    # apsw's grapheme tests hold ``÷©``, which MacRoman reads as the accent U+05A9 alone.
    assert mojifix.fix_text('"\\u1100\\u0308÷©",') == '"\\u1100\\u0308÷©",'


def test_cp1250_chain_needs_the_whole_documents_letters():
    # French quoting a Portuguese name fits no one Western alphabet (``í`` and ``è``), and its
    # ``à``/``è`` lines alone read as Slovak ``ŕ``/``č``; the document's ``ç`` and ``ô`` do not.
    text = (FIXTURES / "guards" / "french-comments-portuguese-name.txt").read_text("utf-8")
    assert mojifix.fix_text(text) == text
    czech = "Skončí to dnes.\nPříliš žlutý kůň úpěl ďábelské ódy.\nČeský řetězec.\n" * 2
    assert mojifix.fix_text(czech.encode("cp1250").decode("cp1252")) == czech
    # A German name on a line of its own (the same bytes in both pages) does not stop it.
    polish = "Zażółć gęślą jaźń.\nŁódź, Kraków i Gdańsk.\nŚwięty Mikołaj przyniósł prezenty.\n"
    polish += "Redakcja: Jürgen Müller\n"
    assert mojifix.fix_text(polish.encode("cp1250").decode("cp1252")) == polish


GUARDS = {"fill-char-doctest.txt", "python-docstring-cyrillic.txt", "keyboard-letters.txt",
          "french-comments-portuguese-name.txt", "accent-listings.txt", "kana-test-strings.txt",
          "angstrom-units.txt"}


def test_guard_fixtures_of_this_round_exist():
    # (tests/test_clean.py checks every guard fixture, byte for byte; these are this file's)
    assert GUARDS <= {p.name for p in (FIXTURES / "guards").glob("*.txt")}
