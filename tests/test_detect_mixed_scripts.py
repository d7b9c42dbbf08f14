"""QA 24: readings whose words mix scripts letter by letter, Vim's ``scriptencoding``, and JIS X
0213 text (``①`` ``剝``) in euc_jis_2004 / shift_jis_2004."""

from __future__ import annotations

from pathlib import Path

import pytest

from mojifix.decoding import declared as DECL
from mojifix.decoding.commonpage import mixed_words
from mojifix.decoding.decode import LOW_CONFIDENCE, decode

# groff's German macros (tmac/de.tmac): three words and its .hcode tables, in Latin-1.
GROFF_DE = "\n".join([
    ".ds letns!10 Kopie (mit Anhängen) an", ".ds letsa An die zuständige Abteilung:",
    ".ds march März",
    ".hcode ä ä  â â  à à  á á  ã ã  å å  ç ç  è è  é é  ê ê  ë ë  ì ì  í í  î î  ï ï  ñ ñ  ò ò"
    "  ó ó  ô ô  õ õ  ö ö  ø ø  ù ù  ú ú  û û  ü ü  ý ý  ÿ ÿ  ß ß",
    ".hcode Ä ä  Â â  À à  Á á  Ã ã  Å å  Ç ç  È è  É é  Ê ê  Ë ë  Ì ì  Í í  Î î  Ï ï  Ñ ñ  Ò ò"
    "  Ó ó  Ô ô  Õ õ  Ö ö  Ø ø  Ù ù  Ú ú  Û û  Ü ü  Ý ý", ""])


def test_a_latin1_letter_table_is_not_read_as_cyrillic_words_mixing_scripts() -> None:
    # Before: windows-1251 at 0.992 (``Anhдngen``, ``Mдrz``), written by ``fix -i``.
    d = decode(GROFF_DE.encode("latin-1"))
    assert d.encoding == "windows-1252" and d.text == GROFF_DE
    assert d.confidence < LOW_CONFIDENCE  # a guess: fix -i asks for --force


def test_russian_with_groff_font_escapes_stays_russian() -> None:
    text = ("\\fBкоманда\\fR запускает \\fIфайл\\fP и выводит результат на экран.\n" * 3)
    d = decode(text.encode("cp1251"))
    assert d.encoding == "windows-1251" and d.confidence > 0.9


def test_mixed_words_counts_lone_letters_glued_to_latin_ones() -> None:
    assert mixed_words(" Kopie mit Anhдngen, Mдrz, д д ") == (2, 0)
    assert mixed_words(" Bкоманда и файл ") == (0, 2)
    assert mixed_words("дAnh") == (0, 0)  # a word at an end may be cut: not counted


KEYMAP = ('" Vim Keymap file\nscriptencoding latin1\n\nlet b:keymap_name = "acc"\n'
          "loadkeymap\n'A\tÁ\n:A\tÄ\n")
VIM_KEYMAPS = Path("/usr/share/vim/vim90/keymap")


def test_vim_scriptencoding_is_a_declaration_and_rewritten() -> None:
    assert [(d.kind, d.label) for d in DECL.find(KEYMAP)] == [("vim-scriptencoding", "latin1")]
    assert DECL.rewrite(KEYMAP)[0].startswith('" Vim Keymap file\nscriptencoding utf-8\n')
    # Help text that shows the command is no declaration.
    assert DECL.find(":scripte[ncoding] [encoding]\n\t:scriptencoding latin1 is ...\n") == []


def test_a_vim_keymap_declaring_latin1_is_read_as_latin1() -> None:
    path = VIM_KEYMAPS / "canfr-win.vim"
    if not path.exists():
        pytest.skip("Vim's keymaps are not installed here")
    data = path.read_bytes()
    d = decode(data)  # before: windows-1256 at 0.997 (``É`` as ``ة``)
    assert (d.encoding, d.text) == ("windows-1252", data.decode("cp1252"))
    assert d.declared == ("latin1", "Vim scriptencoding", True)


JAPANESE = ("名前\nsudo, sudoedit - コマンドを他のユーザとして実行する\n説明 ① 剝がす\n"
            "sudo を使用すると、許可されたユーザが、セキュリティポリシーの設定の範囲内で、"
            "スーパーユーザや他のユーザとしてコマンドを実行することができる。\n")


@pytest.mark.parametrize("codec", ["euc_jis_2004", "shift_jis_2004"])
def test_japanese_with_jis_x_0213_characters_reads_as_its_standard(codec: str) -> None:
    # Before: big5hkscs / gbk at 1.0, garbled.
    d = decode(JAPANESE.encode(codec))
    assert (d.encoding, d.text) == (codec, JAPANESE)


def test_shift_jis_2004_never_reads_a_backslash_as_a_yen_sign() -> None:
    # Python's shift_jis_2004 reads the ASCII bytes 0x5C and 0x7E as ``¥`` and ``‾``: with
    # them, its reading is no candidate. cp932 reads all but ``剝``: a damaged file's reading
    # (decoding/cjkpages.py), its undecodable span marked U+FFFD and counted, so that ``fix -i``
    # does not write it without --force; never garbled unmarked (GBK before) nor with every
    # backslash a yen sign.
    data = b"C:\\tmp\\a.txt ~/x\n" + JAPANESE.encode("shift_jis_2004")
    d = decode(data)
    assert d.encoding == "cp932" and d.replaced >= 1 and "\ufffd" in d.text
    assert d.text.startswith("C:\\tmp\\a.txt ~/x\n") and "¥" not in d.text and "‾" not in d.text


def test_jis_x_0208_text_keeps_its_narrower_names() -> None:
    plain = JAPANESE.replace("①", "1").replace("剝", "剥")
    assert decode(plain.encode("euc_jp")).encoding == "euc_jp"
    assert decode(plain.encode("shift_jis")).encoding == "shift_jis"


_CPYTHON = Path("/root/.pyenv/versions/3.11.7/lib/python3.11/test/cjkencodings")


@pytest.mark.parametrize("name, codec", [("euc_jisx0213.txt", "euc_jis_2004"),
                                         ("shift_jisx0213.txt", "shift_jis_2004")])
def test_cpythons_jis_x_0213_samples(name: str, codec: str) -> None:
    path = _CPYTHON / name
    if not path.exists():
        pytest.skip("CPython's test data is not installed here")
    data = path.read_bytes()
    d = decode(data)  # before: iso8859-15 and gb18030 at 1.0
    assert d.text == data.decode(codec)


def test_a_streamed_shift_jis_2004_file_refuses_a_backslash_past_its_sample() -> None:
    # A file over HOLD_BYTES is detected on a sample; read whole afterwards, a backslash past the
    # sample would become ``¥``. The stream stops with an error naming the remedy instead; a
    # codec the user forces reads as it reads.
    import pytest

    from mojifix.decoding.decode import Decoded, DecodeError, Reading, _pieces

    data = "説明 ① 剝がす\n".encode("shift_jis_2004") + b"C:\\path\n"
    detected = Reading(Decoded("", "shift_jis_2004", 0.9), "shift_jis_2004")
    with pytest.raises(DecodeError, match="--encoding"):
        "".join(_pieces([data], detected))
    forced = Reading(Decoded("", "shift_jis_2004", 1.0), "shift_jis_2004", forced=True)
    assert "".join(_pieces([data], forced)) == data.decode("shift_jis_2004")
