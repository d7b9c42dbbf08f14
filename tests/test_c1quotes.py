"""Windows-1252 text read as Latin-1 and nothing else (``don\\x92t``): decided for the whole
document at once (fixers/c1quotes.py), with the very text and finding the mojibake fixer gave
(issue 20: such documents took as long as ftfy's own repair, through ftfy line by line).

The invariant: on every document the rule takes, the pipeline gives what it gives with the
rule's fixer disabled (the road such documents took before), text, findings and located
changes alike; and the rule's road asks ftfy nothing.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mojifix
from conftest import shared_path
from mojifix.engine.registry import FIXERS
from mojifix.fixers import c1quotes
from mojifix.fixers import mojibake as mojibake_fixer

BEFORE = FIXERS.disable("c1-quotes")

ENGLISH = ("The Null Object\n***************\n\nThis object is returned by functions that don\x92t "
           "explicitly return a\nvalue.  It is written as \x93None\x94 \x96 a built-in name\x85\n")
FRENCH = ("NOM\nfatlabel \x96 D\xe9finir ou obtenir l\x92\xe9tiquette d'un syst\xe8me de fichiers\n"
          "DESCRIPTION\nfatlabel affiche ou modifie l\x92\xe9tiquette ou l\x92identifiant.\n")


# What a Latin-1 reading of windows-1252 text can hold once read as windows-1252.
_REPERTOIRE = set(bytes(range(0x20, 0x100)).decode("windows-1252", errors="ignore")) | set("\n\r\t")


def _same_as_before(text: str, truth: str | None = None) -> None:
    """The pipeline gives what the road such documents took before gives (the rule's fixer
    disabled: ftfy, line by line), or better: where they differ, the old road read a letter and
    a quote as UTF-8 (``comprimirá\\x94 desde``: ``comprimirᔠdesde``), a character no
    windows-1252 text holds, and the rule did not."""
    now, before = mojifix.repair_text(text), mojifix.repair_text(text, fixers=BEFORE)
    assert mojifix.fix_text(text) == now.text
    if c1quotes.plan(text) is None:  # (the rule's fixer did nothing: all as before)
        assert (now.text, now.findings, now.changes) == (before.text, before.findings, before.changes)
        return
    if now.text != before.text:
        if truth is not None:  # (the rule is right where the old road was not)
            assert now.text == truth
        else:
            assert not set(before.text) <= _REPERTOIRE, (text, before.text, now.text)
            assert set(now.text) <= _REPERTOIRE | set(text)
        return
    if any(f.chain not in (c1quotes.CHAIN, ("utf-8", "windows-1252")) for f in before.findings):
        # Other mojibake besides the controls (``À\\x99``: Mac Roman's CB AA, UTF-8's ``˪``), which
        # the mojibake fixer reads after the rule as before: the same text, told in two findings.
        assert now.findings[0].chain == c1quotes.CHAIN
        return
    # The same places and characters changed; one finding, where the old road named a line it
    # read through ftfy's partial decoding ``UTF-8 read as windows-1252`` though it changed only
    # the controls (``así \x93como\x94``), and its line diff took a run of non-ASCII around a
    # control whole (``\x92Å`` -> ``’Å``, its example and its change); each change here holds
    # a control.
    assert [(f.kind, f.chain) for f in now.findings] == [("mojibake", c1quotes.CHAIN)]
    assert all(f.kind == "mojibake" for f in before.findings)
    assert (sum(f.count for f in now.findings), sum(f.changed for f in now.findings)) \
        == (sum(f.count for f in before.findings), sum(f.changed for f in before.findings))
    assert len(now.changes) == len(before.changes) == now.findings[0].count
    assert all(any("\x80" <= ch <= "\x9f" for ch in c.before) for c in now.changes)


def test_a_letter_and_a_quote_are_not_utf8() -> None:
    """ftfy reads ``á\\x94 `` as the UTF-8 of U+1520, its space a lost no-break space; the
    document, read as windows-1252, is Spanish with a closing quote. The rule reads it so; the
    mojibake fixer's road (the rule disabled, or refusing the document: a UTF-8 sequence
    elsewhere) no longer takes ftfy's reading there (``ftfyguard.a0_cuts``)."""
    import ftfy

    garbled = "Si no se especifica \x93ning\xfan\x94 archivo, bzip2 \x93comprimir\xe1\x94 desde la entrada\n"
    right = "Si no se especifica “ningún” archivo, bzip2 “comprimirá” desde la entrada\n"
    assert "comprimir\u1520" in ftfy.fix_text(garbled)
    assert mojifix.fix_text(garbled) == right
    assert mojifix.fix_text(garbled, fixers=BEFORE) == right
    refused = "El archivo se comprimir\xe1\x94 desde el disco.\nOtra l\xednea con caf\xc3\xa9 aqu\xed.\n"
    assert c1quotes.plan(refused) is None  # (``Ã©``: UTF-8 read as Latin-1)
    assert mojifix.fix_text(refused) == "El archivo se comprimirá” desde el disco.\nOtra línea con café aquí.\n"


@pytest.mark.parametrize("text", [ENGLISH, FRENCH])
def test_a_western_document_with_c1_quotes(text: str) -> None:
    assert c1quotes.plan(text) is not None
    _same_as_before(text)
    fixed = mojifix.fix_text(text)
    assert "\x92" not in fixed and "’" in fixed


def test_the_exact_repair_and_report() -> None:
    report = mojifix.repair_text(ENGLISH)
    assert report.text == ENGLISH.translate({0x92: "’", 0x93: "“", 0x94: "”", 0x96: "–", 0x85: "…"})
    # (``\x94 \x96``: two controls one character apart are one place, as the mojibake fixer counts)
    assert [f.summary for f in report.findings] == ["windows-1252 read as Latin-1: 4 places, 5 characters changed"]
    assert [(c.line, c.column, c.before, c.after) for c in report.changes] == [
        (4, 46, "\x92", "’"), (5, 26, "\x93", "“"), (5, 31, "\x94 \x96", "” –"), (5, 50, "\x85", "…")]


def test_the_rule_asks_ftfy_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = mojibake_fixer._ftfy_fix
    monkeypatch.setattr(mojibake_fixer, "_ftfy_fix", lambda line: calls.append(line) or real(line))
    assert mojifix.fix_text(FRENCH) != FRENCH
    assert calls == []
    mojifix.fix_text(FRENCH, fixers=BEFORE)
    assert calls  # (the road it took before: ftfy, line by line)


@pytest.mark.parametrize("text, why", [
    ("caf\xc3\xa9 don\x92t\n", "UTF-8 read as Latin-1 beside it"),
    ("\xe2\x80\x99 quoted\n", "C1 controls that are UTF-8's continuation bytes"),
    ("Skon\xe8\xed \x9aest\xe9 \x84uvozovky\x93 te\x9d\n", "cp1250 read as Latin-1: ť is 9D, no cp1252 byte"),
    ("Skon\xe8\xed \x9aest\xe9 \x84uvozovky\x93\n", "cp1250's letters fit no Western alphabet"),
    ("\xcf\xf0\xe8\xe2\xe5\xf2 \x96 \xec\xe8\xf0\n", "cp1251 read as Latin-1"),
    ("Typy Zawarto\x9cci\ntyp zawarto\x9cci\nObiekty %(ct_name)s nie posiadaj\xb9 metody\n",
     "Polish in cp1250 read as Latin-1 (Django's catalog): its page's, œ fits French but ¹ is in a word"),
    ("nothing to do \u2019 here\n", "no C1 control"),
    ("a \u0416 and \x92\n", "a character beyond Latin-1"),
])
def test_what_the_rule_leaves_to_the_other_fixers(text: str, why: str) -> None:
    assert c1quotes.plan(text) is None, why
    _same_as_before(text)


_WORDS = ["the", "value", "don", "t", "caf\xe9", "na\xefve", "stra\xdfe", "\xe9t\xe9", "Se\xf1or", "ma\xf1ana",
          "l", "\xe9tiquette", "\xc0", "\xeatre", "gr\xfc\xdfe", "B\xf8rge", "\xc5se", "no", "x"]
_SEPARATORS = [" ", "\n", "\x92", "\x93", "\x94", "\x96", "\x97", "\x85", "\x99", "\x8a", "\x9a", "\x80", ". ", ", ",
               "\xa0", "\xab", "\xbb", "\r\n", "\x92\x92", " \x93", "\x94 "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SEPARATORS)), min_size=1, max_size=40))
def test_any_document_the_rule_takes_comes_out_as_before(parts: list[tuple[str, str]]) -> None:
    text = "".join(w + s for w, s in parts)
    _same_as_before(text, text.encode("latin-1").decode("windows-1252"))


def test_the_corpus_read_through_cp1252_as_latin1() -> None:
    """Real Western documents (the development corpus), their quotes and dashes written as
    windows-1252 and read as Latin-1: each comes back whole, and as before."""
    root = shared_path("corpus", "manpages")
    rng = random.Random(20)
    taken = 0
    for lang in ("de", "fr", "es", "it"):
        for path in sorted((root / lang).glob("*.txt"))[:15]:
            original = path.read_text("utf-8")
            if mojifix.fix_text(original) != original:
                continue  # (real damage in the translation as shipped: bench/quality.py's errata)
            try:
                garbled = original.encode("windows-1252").decode("latin-1")
            except UnicodeEncodeError:
                continue
            if garbled == original:
                # (no quote or dash of cp1252's own: put some in, as a writer would)
                words = original.split(" ")
                for i in rng.sample(range(len(words)), min(5, len(words))):
                    words[i] = "\u201c" + words[i] + "\u201d"
                original = " ".join(words)
                garbled = original.encode("windows-1252").decode("latin-1")
            taken += c1quotes.plan(garbled) is not None
            assert mojifix.fix_text(garbled) == original, path.name
            _same_as_before(garbled, original)
    assert taken >= 20


@pytest.mark.parametrize("name, text", [
    ("t.py", 'TABLE = "\x91\x92\x93\x94"  # cp1252 quotes\ndef f():\n    return TABLE\n'),
    ("t2.py", '"""Docstring don\x92t."""\nx = 1\n'),
    ("README.md", "# Title\n\nThe text is fine.\n\n```\nprint('\x93hi\x94')\n```\n"),
    ("README2.md", "# Title\n\nThe text don\x92t fine.\n\n```\nprint('\x93hi\x94')\n```\n"),
    ("page.html", "<p>ok</p><pre>\x93x\x94</pre>\n"),
])
def test_code_and_markup_take_the_mojibake_fixers_road(name: str, text: str) -> None:
    """Source code, Markdown and HTML: a raw ``\\x93`` in a code table or a README's code block
    is an example, which the file-kind policy leaves (engine/filekind.py confines the mojibake
    fixers there); the rule declines such files, so they come out as before, notes included."""
    now = mojifix.repair_text(text, path=name)
    before = mojifix.repair_text(text, path=name, fixers=BEFORE)
    assert (now.text, [f.summary for f in now.findings]) == (before.text, [f.summary for f in before.findings])
