"""Issue 18: a Japanese page read as Big5 or EUC-KR with its refused bytes dropped is never
called clean (fixers/vanished.py, :func:`~mojifix.fixers.vanished.soup`).

So few of Japanese UTF-8's bytes survive those pages that the text reads as rare hanzi or
Hangul and Hanja, and no line can be read back: bench/quality.py called 42 such documents
clean (25 through Big5, 17 through EUC-KR). They are told lossy now (``check`` exits 1) and left
as they are; clean documents of every language are not, and their page survey never names a
page at all."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import mojifix
from conftest import SHARED, shared_path
from mojifix.cli import main
from mojifix.fixers import vanished
from mojifix.fixers.flagged import flagged_lines
from mojifix.kinds import FindingKind


def _document(lang: str, name: str) -> str:
    return shared_path("corpus", "manpages", lang, name).read_text(encoding="utf-8")


def _survey(text: str) -> vanished.Shown:
    """The page survey the chain screen makes of ``text`` (its flagged lines)."""
    return vanished.pages_of(flagged_lines(text).values())


def _korean() -> list[tuple[str, str]]:
    """bench/realtext.py's Korean documents (konlpy's corpus); skips when it is absent."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    try:
        import realtext
    finally:
        sys.path.pop(0)
    docs = realtext.load("ko")
    if not docs:
        pytest.skip("konlpy's corpus is not installed (pip install -e '.[bench]')")
    return docs


# Documents bench/quality.py called clean before (the first line holding a non-ASCII character
# is where the finding points).
TOLD = [("tcp.7.txt", "big5"), ("true.1.txt", "big5"), ("whoami.1.txt", "big5"),
        ("cksum.1.txt", "euc-kr"), ("uuidgen.1.txt", "euc-kr"), ("mtrace.1.txt", "euc-kr")]


@pytest.mark.parametrize(("name", "page"), TOLD)
def test_a_japanese_page_through_big5_or_euc_kr_is_told_and_check_exits_1(
        tmp_path: Path, monkeypatch, name: str, page: str) -> None:
    damaged = _document("ja", name).encode("utf-8").decode(page, errors="ignore")
    repair = mojifix.repair_text(damaged)
    (lossy,) = repair.findings
    assert lossy.kind == FindingKind.MOJIBAKE_LOSSY and lossy.fixed is False
    assert lossy.chain == ("utf-8", page) and lossy.lost == lossy.count >= 10
    assert "bytes dropped" in lossy.summary and "cannot be recovered" in lossy.summary
    first = next(i for i, line in enumerate(damaged.split("\n"), 1) if not line.isascii())
    assert (lossy.line, lossy.column) == (first, 1)
    # Left as it is, on both roads (repair_text's edits and fix_text's shortcut).
    assert repair.text == damaged == mojifix.fix_text(damaged) and not repair.changes

    (tmp_path / "doc.txt").write_bytes(damaged.encode("utf-8"))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "-q", "doc.txt"], catch_exceptions=False)
    assert result.exit_code == 1
    (told,) = result.output.splitlines()
    assert told.startswith(f"doc.txt:{first}:1: mojibake-lossy: ")
    fixed = CliRunner().invoke(main, ["fix", "doc.txt", "-o", "out.txt"], catch_exceptions=False)
    assert fixed.exit_code == 0 and (tmp_path / "out.txt").read_bytes() == damaged.encode("utf-8")


@pytest.mark.parametrize("page", ["big5", "euc-kr"])
def test_no_japanese_page_through_big5_or_euc_kr_is_called_clean(page: str) -> None:
    """bench/quality.py's "called clean" column for these chains, over the whole Japanese
    corpus: every document that lost bytes and kept a trace of them gets a finding."""
    folder = shared_path("corpus", "manpages", "ja")
    called_clean = []
    for path in sorted(folder.glob("*.txt")):
        data = path.read_text(encoding="utf-8").encode("utf-8")
        damaged = data.decode(page, errors="ignore")
        try:
            data.decode(page)
            continue  # (nothing lost: a lossless case, as the bench counts it)
        except UnicodeDecodeError:
            if damaged.isascii():
                continue  # (no trace of the loss: the bench skips these too)
        if not mojifix.repair_text(damaged).findings:
            called_clean.append(path.name)
    assert called_clean == []


def test_no_clean_document_of_the_corpus_shows_the_soup() -> None:
    """The page survey of every clean manual page (14 languages) names no page: the finding
    needs a share of pairs (0.5) twice what clean text of any script shows (0.24)."""
    docs = sorted(shared_path("corpus", "manpages").glob("*/*.txt"))
    assert len(docs) > 700
    shown = [p for p in docs if _survey(p.read_text(encoding="utf-8")).soup]
    assert shown == []


@pytest.mark.parametrize("lang", ["zh_TW", "zh_CN", "ko"])
def test_clean_chinese_and_korean_documents_get_no_finding(lang: str) -> None:
    if lang == "ko":
        docs = [text for _, text in _korean()]
    else:
        docs = [p.read_text(encoding="utf-8")
                for p in sorted(shared_path("corpus", "manpages", lang).glob("*.txt"))]
    assert len(docs) > 20
    for text in docs:
        assert not _survey(text).soup
        # (a few manual pages hold entities, decoded as they should be: no mojibake finding)
        assert not [f for f in mojifix.repair_text(text).findings if f.kind.startswith("mojibake")]


def test_cyrillic_with_as_many_pairs_is_not_told() -> None:
    """A Russian line can pair a lead byte with a continuation byte in most of its letters
    through EUC-KR (``с т у ф х ц ч ш щ ъ ы`` are AC E3 to AC ED, and AC is a continuation byte):
    the survey names the page, and the letters below U+2000 keep the finding from being told."""
    # (full-width parentheses: the survey reads no page of a text holding no character from
    # U+3000 up, vanished.PAGE_LETTER; and it is given the lines as if all were flagged)
    lines = ["сущность структуры стыдится тысяча сутулых тучи стучат（стучат）"] * 2
    survey = vanished.pages_of(lines)
    assert [page for page, _ in survey.soup] == ["euc-kr"]
    assert vanished.soup(enumerate(lines), survey) == []
    text = "\n".join(lines) + "\n"
    repair = mojifix.repair_text(text)
    assert repair.text == text and not repair.findings
    # The same count of pairs in characters the page makes of UTF-8's bytes is told.
    damaged = _document("ja", "tcp.7.txt").encode("utf-8").decode("big5", errors="ignore")
    assert vanished.soup(flagged_lines(damaged).pairs(), _survey(damaged))


def test_a_short_text_is_not_told() -> None:
    """Fewer than 8 pairs decide nothing (a title, a JSONL field)."""
    short = "カテゴリー".encode().decode("big5", errors="ignore")
    assert short and not short.isascii()
    assert not _survey(short).soup
    assert not mojifix.repair_text(short).findings


MANPAGES = SHARED / "corpus" / "manpages"


@st.composite
def _windows(draw: st.DrawFn) -> str:
    lang = draw(st.sampled_from(["zh_CN", "zh_TW", "ja"]))
    paths = sorted((MANPAGES / lang).glob("*.txt"))
    lines = draw(st.sampled_from(paths)).read_text(encoding="utf-8").split("\n")
    start = draw(st.integers(0, len(lines) - 1))
    return "\n".join(lines[start:start + draw(st.integers(1, 12))])


@pytest.mark.skipif(not MANPAGES.is_dir(), reason="shared material absent")
@settings(max_examples=150, deadline=None)
@given(_windows())
def test_no_run_of_clean_cjk_lines_is_told(text: str) -> None:
    """Any run of lines of a clean Chinese or Japanese page (one line: a JSONL record) is
    never told as the soup."""
    assert not vanished.soup(flagged_lines(text).pairs(), _survey(text))


def test_korean_through_shift_jis_with_its_leads_dropped_is_told_and_check_exits_1(
        tmp_path: Path, monkeypatch) -> None:
    """Korean UTF-8 read as Shift_JIS with errors="ignore" loses most leads (EA-ED pairs past
    JIS X 0208's last row are refused) and reads as half-width katakana and kanji made of the
    continuation bytes: the Constitution's preamble was called clean (bench/quality.py). The
    survey tells it by those half-width katakana (47% of its characters; clean text < 1%)."""
    preamble = (Path(__file__).resolve().parents[1] / "fixtures" / "korean" /
                "constitution-preamble.txt").read_text(encoding="utf-8")
    damaged = preamble.encode("utf-8").decode("shift_jis", errors="ignore")
    survey = _survey(damaged)
    assert [page for page, _ in survey.soup] == ["shift_jis"]
    repair = mojifix.repair_text(damaged)
    (lossy,) = repair.findings
    assert lossy.kind == FindingKind.MOJIBAKE_LOSSY and lossy.fixed is False
    assert lossy.chain == ("utf-8", "shift_jis") and lossy.lost == lossy.count >= 100
    assert "half-width katakana" in lossy.evidence[1]
    assert repair.text == damaged == mojifix.fix_text(damaged) and not repair.changes
    (tmp_path / "doc.txt").write_bytes(damaged.encode("utf-8"))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "-q", "doc.txt"], catch_exceptions=False)
    assert result.exit_code == 1 and "mojibake-lossy" in result.output


def test_no_korean_document_through_shift_jis_with_bytes_dropped_is_called_clean() -> None:
    """Every Korean document of the bench (konlpy's corpus: the ``bench`` extra) through the
    same chain gets a finding."""
    called_clean = [name for name, text in _korean()
                    if not mojifix.repair_text(text.encode("utf-8").decode("shift_jis", errors="ignore")).findings]
    assert called_clean == []


def test_half_width_japanese_is_not_the_soup() -> None:
    """Text really written in half-width katakana (old terminals, receipts) uses ``ﾀ`` to ``ﾟ``
    as much as ``｡`` to ``ｿ``, and its bytes are not mostly continuation bytes: not told."""
    text = "ｺﾝﾋﾟｭｰﾀｰ ﾌﾟﾛｸﾞﾗﾑ ｦ ｼﾞｯｺｳ ｽﾙ ﾄｷﾆﾊ、ﾏｽﾞ ﾃﾞｰﾀ ｦ ﾖﾐｺﾐﾏｽ。\n" * 6
    assert not _survey(text).soup
    assert not [f for f in mojifix.repair_text(text).findings if f.kind == FindingKind.MOJIBAKE_LOSSY]


def test_a_page_whose_chain_fixer_read_one_line_back_still_tells_the_rest() -> None:
    """ja lookbib.1 through EUC-KR with bytes dropped: the chain fixer reads its heading back
    (``解説``) and was all the report said ("1 line, 2 characters changed"); the rest of the
    page, too broken to read back, is told as well, and left as it is."""
    damaged = _document("ja", "lookbib.1.txt").encode("utf-8").decode("euc-kr", errors="ignore")
    repair = mojifix.repair_text(damaged)
    kinds = [f.kind for f in repair.findings]
    assert kinds == [FindingKind.MOJIBAKE, FindingKind.MOJIBAKE_LOSSY]
    fixed, lossy = repair.findings
    assert fixed.count == 1 and "解説" in fixed.evidence[0]
    assert lossy.fixed is False and lossy.lost >= 40 and "the rest left as it is" in lossy.summary
    assert sum(a != b for a, b in zip(repair.text.split("\n"), damaged.split("\n"), strict=True)) == 1
