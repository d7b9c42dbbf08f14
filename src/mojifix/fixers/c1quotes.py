"""Windows-1252 text read as Latin-1, where that is all that happened: its quotes and dashes
came out as C1 controls (``don\\x92t``, ``\\x93quoted\\x94``), decided for the whole document at once.

Why a module of its own: this is the most common damage of Western text on the web (a page
declared ISO-8859-1 that was written in windows-1252, which browsers read as windows-1252 and
Python's ``latin-1`` codec does not). The mojibake fixer undoes it too, a line at a time through
ftfy (:mod:`mojifix.fixers.mojibake`), and before it the chain search weighs each such line
against every legacy page: a document of English or French prose with a few curly quotes took
as long as ftfy's whole repair (issue 20: ``cp1254 → latin-1``, ``cp1250 → latin-1``, whose
Western pages hold only such quotes, at 0.6x and 1.1x ftfy against the 2x target). Where the
document shows nothing else, the answer is known without any of that work: every C1 control
is the windows-1252 character of its byte. The rule, every clause a refusal (the fixers after
it then decide as before):

* every character of the document is Latin-1's (it is a Latin-1 reading from end to end) and
  every C1 control is one windows-1252 defines (not 81, 8D, 8F, 90, 9D);
* no whole UTF-8 sequence through Latin-1 (a character of U+00C2-U+00F4, a lead byte, followed
  by as many of U+0080-U+00BF, continuation bytes, as it needs): no UTF-8 read as Latin-1 or
  windows-1252, where C1 controls are continuation bytes (``â\\x80\\x99`` is ``’``), the
  mojibake fixer's. A lead followed by fewer is a letter and a quote (``comprimirá\\x94 desde``:
  ftfy read ``á\\x94`` and the space as E1 94 A0, ``comprimirᔠdesde``, and so did mojifix
  through it until this rule took such documents);
* the document's letters, the C1 controls read as windows-1252 among them (``Š š Ž ž Œ œ
  Ÿ``), fit one Western alphabet (:data:`mojifix.scoring.letters.WESTERN_ALPHABETS`): a
  Central European or Turkish page read as Latin-1 (``\\x9d`` is cp1250's ``ť``, ``è`` its
  ``č``) or Cyrillic (``Ïðèâåò``) fits none and is the chain fixer's (its pages, with the
  C1 controls as their own letters: :mod:`mojifix.fixers.latinpages`); or the document is a
  table of characters whose names agree with them once read so (the ISO 8859-15 page, whose
  ``€ Š š Ž ž Œ œ Ÿ`` are windows-1252's C1 bytes: :mod:`mojifix.fixers.charnames`);
* and no Central European or Turkish page repairs the document (:mod:`mojifix.fixers.latinpages`):
  Polish in cp1250 read as Latin-1, ``zawarto\\x9cci`` and ``posiadaj¹`` (``ś``, ``ą``), has
  French letters once its controls are read as windows-1252 (``œ``), but a symbol inside a word.

Source code, Markdown and HTML are declined: the file-kind policy confines the mojibake fixers
there (a raw ``\x93`` in a code table or a README's code block is an example), and the mojibake
fixer's road knows it.

The finding is the mojibake fixer's own (``windows-1252 read as Latin-1: 3 places, 3
characters changed``, places counted as it counts them: a run of non-ASCII characters holding
a control, runs one character apart one place, never across a line end), so a report reads the
same whichever fixer took it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..config import Config
from ..model import Edit, Finding, Later, describe_chain, mojibake_summary
from ..scoring.letters import WESTERN_ALPHABETS, non_ascii, one_alphabet
from . import charnames, latinpages
from .mojibake import example

CHAIN = ("windows-1252", "latin-1")
_C1 = re.compile("[\x80-\x9f]")
# A C1 control windows-1252 leaves undefined, or a character beyond Latin-1: one scan for both.
_UNDEFINED_OR_BEYOND = re.compile("[\x81\x8d\x8f\x90\x9d\u0100-\U0010ffff]")
# A whole UTF-8 sequence through Latin-1 (lead, then as many continuation bytes as it needs;
# and Java's C0 80): only a whole one. A lead followed by a C1 control and a space is Spanish
# ``comprimirá\x94 desde`` (``á”``), which ftfy's partial decoding read as E1 94 A0 with the
# space a lost no-break space: ``comprimirᔠ`` (so did mojifix, through ftfy, before this rule).
_UTF8_SEQUENCE = re.compile("[\u00c2-\u00df][\x80-\xbf]|[\u00e0-\u00ef][\x80-\xbf]{2}"
                            "|[\u00f0-\u00f4][\x80-\xbf]{3}|\u00c0\x80")
# Where such a sequence may start: one character class and the next, which the regex engine
# skips to at C speed (the alternation above tried every position: 90 µs on a 4 KB English
# page, a third of the rule's time).
_UTF8_PAIR = re.compile("[\u00c0-\u00f4][\x80-\xbf]")


def plan(text: str) -> str | None:
    """``text`` with its C1 controls read as windows-1252, when the module's rule holds; else None.

    >>> plan("It don\\x92t \\x93work\\x94.\\n")
    'It don’t “work”.\\n'
    >>> plan("l\\x92été\\n"), plan("\\x9d\\n"), plan("â\\x80\\x99\\n"), plan("Skon\\xe8\\xed \\x9a\\n")
    ('l’été\\n', None, None, None)
    """
    if _C1.search(text) is None or _UNDEFINED_OR_BEYOND.search(text) is not None:
        return None
    fixed = text.encode("latin-1").decode("windows-1252")  # (C speed: str.translate is a dict a character)
    letters = {c for c in non_ascii(fixed) if c.isalpha()}
    if one_alphabet(letters, WESTERN_ALPHABETS) is None and charnames.table_page(text, [CHAIN]) is None:
        return None  # (before the UTF-8 scan: a Turkish page's ``ç ð`` are lead bytes to it)
    if (pair := _UTF8_PAIR.search(text)) is not None and _UTF8_SEQUENCE.search(text, pair.start()):
        return None
    return None if latinpages.repairs(text) else fixed


def _places(text: str) -> list[tuple[int, int]]:
    """(start, end) of each place, as the mojibake fixer counts them (``textdiff.count_edits``):
    a run of non-ASCII characters holding a C1 control, merged with the next such run when one
    character stands between them, not a line end."""
    out: list[tuple[int, int]] = []
    end = 0
    for m in _C1.finditer(text):
        i = m.start()
        if i < end:
            continue  # (in the run already taken)
        start = i
        while start > 0 and not text[start - 1].isascii():
            start -= 1
        end = i + 1
        while end < len(text) and not text[end].isascii():
            end += 1
        if out and start - out[-1][1] <= 1 and (start == out[-1][1] or text[start - 1] != "\n"):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _finding(text: str, places: list[tuple[int, int]]) -> Finding:
    """The mojibake fixer's finding for these places (its summary and its example's form)."""
    start, end = places[0]
    fixed = text[start:end].encode("latin-1").decode("windows-1252")
    changed = len(_C1.findall(text))  # (every C1 control changes; nothing else does)
    return Finding("mojibake", mojibake_summary(CHAIN, len(places), changed, 0), count=len(places),
                   confidence=0.9, chain=CHAIN, evidence=(example(text, Edit(start, end, fixed, "mojibake")),),
                   changed=changed, lost=0)


# File kinds whose code the mojibake fixers are confined in (``engine.filekind._CONFINED``: a raw
# ``\x93`` in a source file's table, or in a README's code block about encodings, is an example):
# those documents take the mojibake fixer's road, which the file-kind policy knows.
_CONFINED_KINDS = frozenset({"markdown", "html", "code"})


def _declined(config: Config) -> bool:
    return not config.fix_mojibake or config.file_kind in _CONFINED_KINDS


def fix_c1_quotes(text: str, config: Config) -> tuple[Sequence[Edit], list[Finding]]:
    """The fixer: one edit per place (see :func:`_places`)."""
    if _declined(config) or (fixed := plan(text)) is None:
        return [], []
    places = _places(text)
    note = describe_chain("mojibake", CHAIN)
    edits = [Edit(start, end, fixed[start:end], "mojibake", note) for start, end in places]
    return edits, [_finding(text, places)]


def text_only(text: str, config: Config) -> tuple[str, list[Finding] | Later] | None:
    """The registry's shortcut: the repaired text and the finding, no edits; the finding is made
    when someone reads it (``fix_text`` does not: counting the places was a fifth of the rule's
    time on an English page), from ``text``, which the pipeline keeps alive anyway."""
    if _declined(config) or (fixed := plan(text)) is None:
        return text, []
    return fixed, lambda: [_finding(text, _places(text))]
