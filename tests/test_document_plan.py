"""The document decides (issue 18): whole multi-line documents garbled as a whole come back
exact, headings and one-word lines included; mixed documents restore each part and leave the
clean part alone; clean accented documents are untouched.

Documents are real: the translated manual pages of the shared corpus (skipped when absent), and
one committed excerpt, ``fixtures/plan/wtmp.5.ru.txt`` (the first lines of the Russian
translation of wtmp(5), Debian manpages-ru 4.18.1, GPL), whose headings ``ИМЯ``,
``СИНТАКСИС``, ``ОПИСАНИЕ`` are the short lines that were left broken.
"""

from __future__ import annotations

import codecs
import pydoc_data.topics

import pytest

import mojifix
from conftest import FIXTURES, shared_path
from mojifix.fixers import plan
from mojifix.scoring.plausibility import cost

Chain = tuple[str, ...]


def _c1(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)
    return chr(err.object[err.start]), err.start + 1


codecs.register_error("test-document-plan-c1", _c1)


def garble(text: str, chain: Chain) -> str:
    """``text`` encoded with chain[0], decoded with chain[1] (strict; ``+c1``: a code page's
    undefined bytes read as C1 controls, as browsers and Windows do); each further codec reads
    the result's UTF-8 again, as the bench does."""
    wrong = chain[1].removesuffix("+c1")
    out = text.encode(chain[0]).decode(wrong, "test-document-plan-c1" if wrong != chain[1] else "strict")
    for wrong in chain[2:]:
        out = out.encode("utf-8").decode(wrong)
    return out


def manpage(lang: str, name: str) -> str:
    return shared_path("corpus", "manpages", lang, f"{name}.txt").read_text("utf-8")


def short_garbled_lines(text: str, bad: str) -> list[str]:
    return [b for line, b in zip(text.split("\n"), bad.split("\n"), strict=True)
            if line != b and len(line) <= 16]


# (chain, language, manual page): each document garbled as a whole has at least two short
# garbled lines (headings, one-word lines). The first group was left partly broken before the
# plan (its short lines, or the whole chain); the second guards what already worked.
DOCUMENTS = [
    (("utf-8", "koi8-r"), "ru", "aio.7"),
    (("utf-8", "iso-8859-2"), "pl", "bc.1"),
    (("utf-8", "iso-8859-2"), "tr", "bzcat.1"),  # ftfy reads some lines through windows-1250
    (("utf-8", "iso-8859-2"), "tr", "cron.8"),
    (("utf-8", "cp1250"), "cs", "bootparam.7"),
    (("utf-8", "gbk"), "tr", "bc.1"),
    (("utf-8", "gb18030"), "tr", "bc.1"),
    (("utf-8", "cp1251"), "es", "boot.7"),
    (("gbk", "latin-1"), "zh_CN", "PanedWindow.3tk"),
    (("gbk", "cp1252"), "zh_CN", "PanedWindow.3tk"),
    (("big5", "latin-1"), "zh_TW", "PanedWindow.3tk"),
    (("big5", "cp1252"), "zh_TW", "PanedWindow.3tk"),
    (("shift_jis", "latin-1"), "ja", "apm.1"),
    (("euc-kr", "latin-1"), "ru", "pipe.7"),
    (("euc-kr", "cp1252"), "ru", "pipe.7"),
    (("cp1251", "cp1252"), "ru", "boot.7"),
    (("koi8-r", "cp1251"), "ru", "pipe.7"),
]
ALREADY = [
    (("utf-8", "cp1252"), "de", "addpart.8"),
    (("utf-8", "latin-1"), "ru", "aio.7"),
    (("utf-8", "cp1252", "cp1252"), "de", "addpart.8"),
    (("utf-8", "shift_jis"), "es", "bc.1"),
    (("utf-8", "cp932"), "es", "bc.1"),
]


@pytest.mark.parametrize(("chain", "lang", "name"), DOCUMENTS + ALREADY,
                         ids=lambda v: " → ".join(v) if isinstance(v, tuple) else v)
def test_whole_document_with_short_lines_comes_back_exact(chain: Chain, lang: str, name: str) -> None:
    text = manpage(lang, name)
    bad = garble(text, chain)
    assert len(short_garbled_lines(text, bad)) >= 2
    assert mojifix.fix_text(bad) == text


FIXTURE = FIXTURES / "plan" / "wtmp.5.ru.txt"


@pytest.mark.parametrize("chain", [("cp1251", "cp1252"), ("koi8-r", "cp1251"), ("utf-8", "koi8-r")],
                         ids=" → ".join)
def test_committed_excerpt_headings_repaired(chain: Chain) -> None:
    text = FIXTURE.read_text("utf-8")
    bad = garble(text, chain)
    result = mojifix.repair_text(bad)
    assert result.text == text
    assert [line for line in result.text.split("\n") if line.isupper()] == ["ИМЯ", "СИНТАКСИС", "ОПИСАНИЕ"]
    assert sum(f.count for f in result.findings if f.kind == "mojibake") == len(text.splitlines()) - 1  # all but #include


def _split(text: str) -> tuple[str, str]:
    lines = text.splitlines(keepends=True)
    mid = len(lines) // 2
    return "".join(lines[:mid]), "".join(lines[mid:])


@pytest.mark.parametrize(("lang", "name", "chain"), [
    ("zh_CN", "PanedWindow.3tk", ("gbk", "latin-1")),
    ("ru", "pipe.7", ("koi8-r", "cp1251")),  # clean Russian, then Russian read as Russian
    ("uk", "bzcat.1", ("utf-8", "koi8-r")),
    ("ru", "aio.7", ("utf-8", "koi8-r")),
    ("ru", "boot.7", ("cp1251", "cp1252")),
])
def test_clean_part_then_garbled_part(lang: str, name: str, chain: Chain) -> None:
    head, tail = _split(manpage(lang, name))
    assert mojifix.fix_text(head + garble(tail, chain)) == head + tail


@pytest.mark.parametrize(("lang", "name", "first", "second"), [
    ("uk", "bzcat.1", ("utf-8", "koi8-r"), ("utf-8", "cp1251")),
    ("zh_CN", "PanedWindow.3tk", ("gbk", "latin-1"), ("utf-8", "latin-1")),
    ("ru", "pipe.7", ("koi8-r", "cp1251"), ("cp1251", "cp1252")),
])
def test_two_parts_two_chains(lang: str, name: str, first: Chain, second: Chain) -> None:
    head, tail = _split(manpage(lang, name))
    assert mojifix.fix_text(garble(head, first) + garble(tail, second)) == head + tail


def _english() -> str:
    """A real English paragraph (Python's own help on ``pass``), clean, with its em dash."""
    para = next(p for p in pydoc_data.topics.topics["pass"].split("\n\n") if "—" in p).strip()
    assert len(para) > 150 and "—" in para
    return para + "\n"


@pytest.mark.parametrize(("lang", "name", "chain"), [
    ("cs", "bootparam.7", ("utf-8", "cp1250")),
    ("ru", "aio.7", ("utf-8", "koi8-r")),
    ("zh_CN", "PanedWindow.3tk", ("gbk", "latin-1")),
])
def test_garbled_document_quoting_clean_english(lang: str, name: str, chain: Chain) -> None:
    head, tail = _split(manpage(lang, name))
    quote = _english()
    bad = garble(head, chain) + quote + garble(tail, chain)
    assert mojifix.fix_text(bad) == head + quote + tail


@pytest.mark.parametrize("lang", ["fr", "cs", "pl", "tr", "vi", "de"])
def test_clean_accented_documents_untouched(lang: str) -> None:
    pages = sorted(shared_path("corpus", "manpages", lang).glob("*.txt"))[:12]
    for page in pages:
        text = page.read_text("utf-8")
        assert mojifix.fix_text(text) == text, page.name


def test_plan_spans_follow_the_document() -> None:
    """Two parts garbled by different chains give two spans; a line between them is offered
    the nearer span's chain first; a chain with a tiny share of the gain is not planned."""
    a, b, stray = ("utf-8", "windows-1251"), ("utf-8", "koi8-r"), ("euc-kr", "latin-1")
    the_plan = plan.decide([(0, a, 5.0), (10, a, 5.0), (15, stray, 4.0), (50, b, 9.0), (90, b, 9.0)],
                           {a: 100.0, b: 90.0, stray: 4.0})
    assert [(s.start, s.end, s.chain) for s in the_plan.spans] == [(0, 10, a), (50, 90, b)]
    assert the_plan.chains_at(5) == [(a, True)]
    assert the_plan.chains_at(40) == [(b, False), (a, False)]
    assert not the_plan.holds(stray)


@pytest.mark.parametrize(("line", "chain"), [
    # French ``à`` is Cyrillic ``а`` through cp1251 read as cp1252, and cheaper: a lone letter.
    ("Signaler toute erreur de traduction à <debian-l10n-french>", ("windows-1251", "windows-1252")),
    # Clean Russian read back through KOI8-R: rarer letters, refused even inside a span.
    ("записи о входах в систему", ("koi8-r", "windows-1251")),
])
def test_clean_lines_carry_their_own_evidence(line: str, chain: Chain) -> None:
    cand = line.encode(chain[1]).decode(chain[0])
    assert not plan.admits(line, cand, chain, True, cost(line), cost(cand))


@pytest.mark.parametrize("chain", [("gbk", "latin-1"), ("big5", "latin-1")], ids=" → ".join)
@pytest.mark.parametrize("topic", ["class", "calls", "attribute-access"])
def test_english_with_curly_quotes_through_a_cjk_page(topic: str, chain: Chain) -> None:
    """Real English (Python's help pages) saved as GBK or Big5 and read as Latin-1: each line
    holds one or two curly quotes (``instance¡¯s``), too little alone; the page decides."""
    text = pydoc_data.topics.topics[topic]
    bad = garble(text, chain)
    assert bad != text and mojifix.fix_text(bad) == text


@pytest.mark.parametrize(("lang", "name"), [("fr", "cron.8"), ("el", "diff3.1")])
def test_document_page_with_undefined_bytes_read_as_c1(lang: str, name: str) -> None:
    """UTF-8 read as windows-1253 the way browsers and Windows read it (undefined bytes become
    C1 controls): ftfy leaves lines whose every sequence reads as Greek (``rΓ©pertoire``,
    ``Β©``) or that hold such a control; the document's page repairs them."""
    text = manpage(lang, name)
    bad = garble(text, ("utf-8", "cp1253+c1"))
    assert bad != text and mojifix.fix_text(bad) == text


def test_ftfy_cleanups_named_by_no_chain_are_no_evidence() -> None:
    """ftfy's surrogate cleanup names no chain: it is no page for the document's plan (found
    by test_fastpath's property: the plan took the empty chain and failed). (The lone
    surrogates are kept since QA 25: ftfy made them U+FFFD; the mojibake fixer gives it none
    now, but the chain search still asks ftfy about such lines.)"""
    text = "“引號”\ud800\nØ³Ù„\n“引號”\ud800\n"
    assert mojifix.fix_text(text) == "“引號”\ud800\nسل\n“引號”\ud800\n"


def test_lines_ftfy_repaired_through_any_chain_are_left_to_it() -> None:
    """A line ftfy names ``utf-8-variants`` is no page for the plan, and still ftfy's own:
    the plan never repairs it a second time (test_properties found overlapping edits)."""
    garbled = "theï¼\x8c\ncafÃ©.\nì\x95\x88ë\x85\x95í\x95\x98ì\x84¸ì\x9a\x94."
    assert mojifix.fix_text(garbled) == "the，\ncafé.\n안녕하세요."
