"""The last lossless misses of issue 18: English pages with one trace, Polish from two sources.

English comes from Python's own help topics (``pydoc_data.topics``, cut at 4,000 characters at a
line end as ``bench/realtext.py`` cuts them): reference prose whose only non-ASCII characters are
a dash or a quote or two, so a page saved in a CJK code page and read as Latin-1 shows one pair
of symbols in all. The Polish manual pages come from the shared corpus (``conftest.shared_path``).
Each case is a whole document, garbled as the bench garbles it, and must come back exact; the
clean texts beside them carry the same characters legitimately and must come back unchanged.
"""

from __future__ import annotations

import codecs

import pytest

import mojifix
from conftest import shared_path

MAX_CHARS = 4000


def _cap(text: str) -> str:
    out: list[str] = []
    n = 0
    for line in text.splitlines(keepends=True):
        if out and n + len(line) > MAX_CHARS:
            break
        out.append(line)
        n += len(line)
    return "".join(out).rstrip("\n") + "\n"


def _topic(name: str) -> str:
    return _cap(pytest.importorskip("pydoc_data.topics").topics[name])


def _garble(text: str, original: str, wrong: str) -> str:
    bad = text.encode(original).decode(wrong)
    assert bad != text
    return bad


@pytest.mark.parametrize(("name", "original", "wrong", "trace"), [
    ("pass", "gbk", "latin-1", "operation ¡ª when"), ("pass", "gbk", "cp1252", "operation ¡ª when"),
    ("typesseq", "gbk", "latin-1", 'Types ¡ª "list"'), ("typesseq", "gbk", "cp1252", 'Types ¡ª "list"'),
    ("pass", "big5", "latin-1", "operation ¡X when"), ("pass", "big5", "cp1252", "operation ¡X when"),
    ("typesseq", "big5", "latin-1", 'Types ¡X "list"'), ("typesseq", "big5", "cp1252", 'Types ¡X "list"'),
])
def test_one_cjk_dash_between_words_decides_the_page(name: str, original: str, wrong: str, trace: str) -> None:
    """An English page whose only non-ASCII character is one em dash, saved as GBK or Big5 and
    read as Latin-1 or cp1252: one ``¡ª`` (``¡X``) between two words, the whole trace."""
    text = _topic(name)
    bad = _garble(text, original, wrong)
    assert trace in bad
    assert mojifix.fix_text(bad) == text


@pytest.mark.parametrize("wrong", ["latin-1", "cp1252"])
def test_one_euc_kr_letter_between_quotes_decides_the_page(wrong: str) -> None:
    """``str.casefold``'s help names German ``'ß'`` twice: through EUC-KR read as Latin-1 it is
    ``'©¬'``, two symbols where the sentence wants one letter, and nothing else on the page."""
    text = _topic("string-methods")
    bad = _garble(text, "euc-kr", wrong)
    assert "letter \"'©¬'\" is" in bad
    assert mojifix.fix_text(bad) == text


@pytest.mark.parametrize(("name", "left"), [
    ("debugger", '"pdb" ≈ The Python Debugger'),  # and ``extensible √ it``, its en dash
    ("typesmapping", 'Mapping Types ≈ "dict"'),
    ("bltin-code-objects", "represent ⌠pseudo-"),  # the quote pair is cut by a line end
])
def test_cp1251_read_as_koi8r_quiet_marks_follow_the_page(name: str, left: str) -> None:
    """An English page saved as cp1251 and read as KOI8-R, taken on its apostrophes (``don▓t``):
    its dashes (``≈``, ``√``) and an opening quote alone on its line (``⌠``) cost next to nothing
    as they are, below any line's margin; the page decided, they are repaired with it."""
    text = _topic(name)
    bad = _garble(text, "cp1251", "koi8-r")
    assert left in bad
    assert mojifix.fix_text(bad) == text


def _c1(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)
    return chr(err.object[err.start]), err.start + 1


codecs.register_error("test-english-c1", _c1)


@pytest.mark.parametrize(("name", "word"), [("cksum.1.txt", "użytej"), ("kbdrate.8.txt", "żadnych")])
def test_polish_two_chains_line_between_the_parts(name: str, word: str) -> None:
    """Polish pasted from two sources: the first half UTF-8 read as cp1250 (its undefined bytes
    as C1 controls, as Windows and browsers decode them), the second as ISO-8859-2. The line
    between the two parts reads ``ĹĽ`` and both chains undo it: ``ż`` through cp1250, ``ť``
    through ISO-8859-2, the nearer part. The document's own letters (``ż``, never ``ť``) choose."""
    text = shared_path("corpus", "manpages", "pl", name).read_text("utf-8")
    lines = text.splitlines(keepends=True)
    head, tail = "".join(lines[:len(lines) // 2]), "".join(lines[len(lines) // 2:])
    bad = head.encode("utf-8").decode("cp1250", errors="test-english-c1") \
        + tail.encode("utf-8").decode("iso-8859-2")
    got = mojifix.fix_text(bad)
    assert word in got
    assert got == text


@pytest.mark.parametrize("line", [
    # Real clean lines that write ``≈`` between two words (ray's reporter_agent.py and
    # disk_shuffle_runtime.py, as installed): a symbol, not cp1251's em dash read as KOI8-R.
    "                    # Linux: USS ≈ RSS - shared\n",
    '    """#handles to resolve per batch so materialized metadata stays ≈ batch_bytes.\n',
    # Spanish writes ``¡`` and ordinals ``ª`` (the corpus's rarp.8: ``¡OJO!``).
    "¡OJO! La 1ª versión — no la 2ª — sirve.\n",
    "Copyright © 2024 ¬ Acme ¡X marks the spot!\n",
    "Die Straße ist 'ß' — nicht ss.\n",
])
def test_clean_lines_with_the_same_characters_stay(line: str) -> None:
    assert mojifix.fix_text(line) == line


@pytest.mark.parametrize("name", ["pass", "typesseq", "typesmapping", "debugger", "string-methods",
                                  "bltin-code-objects"])
def test_the_clean_pages_stay(name: str) -> None:
    text = _topic(name)
    assert mojifix.fix_text(text) == text


def test_clean_spanish_pages_with_inverted_marks_stay() -> None:
    for name in ("rarp.8.txt", "sd.4.txt", "iso-8859-1.7.txt"):
        text = shared_path("corpus", "manpages", "es", name).read_text("utf-8")
        assert "¡" in text
        assert mojifix.fix_text(text) == text
