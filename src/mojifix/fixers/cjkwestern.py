"""A Latin-script document saved in GBK or EUC-KR and read as Latin-1 or cp1252: decided at once.

(Subpackage ``fixers/``: the third question of :func:`mojifix.fixers.wholepage.reading`, asked
when the document is no UTF-8 read through one page and no CJK page's text read as a Western
one, :mod:`mojifix.fixers.wholelegacy`; and a refusal of :mod:`mojifix.fixers.latinpages`.)

Why a module of its own: GBK writes the accented letters of pinyin, which are most of the
Western languages' (``à á è é ê ì í ò ó ù ú ü``), as two bytes A8A1-A8C0, and EUC-KR writes
``æ ð ø ß Æ Ø`` and a few more in its rows A8 and A9; its quotes and dashes are A1xx pairs in
both (``’`` is A1AF). A Spanish, Italian or Irish file saved so and read as Latin-1 shows
``¨`` before each accented letter's second byte: ``Cadena de l¨ªnea`` (``línea``), ``S¨¬``
(``Sì``), ``mod¨¨le``. No road took it: the chain search's lines gain little (``¨ª`` and ``í``
cost about the same), :mod:`~mojifix.fixers.wholelegacy` asks for runs of three non-ASCII
characters (these are pairs), and the cp1250 road (:mod:`~mojifix.fixers.latinpages`) found
``ª`` in a word, which fits no Western alphabet, and ``Ş`` (cp1250's AA) which fits Romanian:
``Cadena de l¨Şnea``, a wrong repair (the catalog probe, bench/catalogs.py, GBK read as Latin-1
or cp1252: 8 Spanish, Hungarian, Irish and Italian catalogs repaired wrong or in part, 18 with
accented letters left garbled; now 4 are, each with one such letter, below point 3's bar).

The document decides (:func:`reading`), on evidence no clean text has:

1. a Latin document: its ASCII letters at least :data:`_LATIN` times its non-ASCII characters;
2. written back with Latin-1 (else cp1252) it decodes strictly as the page, and the reading's
   non-ASCII characters are all Western (Latin letters, Latin-1's symbols, general punctuation:
   :data:`_WESTERN`). A clean Latin-1 text almost never decodes (``é`` and the byte after it
   must make a pair, ``é`` and an ASCII letter make a hanzi), and when it does, it reads as
   hanzi or box drawing, not accented letters;
3. the reading makes at least :data:`_PAIRS` Western characters of the text's pairs (``¨ª``,
   ``¡¯``), one of them an accented letter at least, and its accented letters fit one
   language's alphabet (:data:`mojifix.scoring.letters.WESTERN_ALPHABETS` or the Central
   European ones);
4. where both pages read so (GBK's A8AA is ``í``, EUC-KR's is ``Ø``: ``contenØu`` fits Danish),
   the one whose reading costs clearly less: a tie is left to the search.

A document with fewer letters (quotes and dashes alone: ``¡¯``) is left to the plan's summed
evidence (:func:`mojifix.fixers.plan.shapeless`), as before.
"""

from __future__ import annotations

import re

from ..scoring.letters import CENTRAL_ALPHABETS, WESTERN_ALPHABETS, one_alphabet
from ..scoring.plausibility import cost
from .sloppy import write_back

PAGES = ("gbk", "euc-kr")  # (chains.LAYERS' order)
_WRONG = ("latin-1", "windows-1252")
# A pair of these pages' Latin rows read as Latin-1: GBK's A8A1-A8C0, EUC-KR's A8 and A9 rows
# (``¨ª``, ``©ª``). A text without one is refused by one search in C.
_PAIR = re.compile("[\u00a8\u00a9][\u00a1-\u00fe]")
_GBK_LETTER = re.compile("\u00a8[\u00a1-\u00c0]")
_NON_ASCII = re.compile("[^\x00-\x7f]")
# A Western character: Latin-1's symbols and letters, Latin Extended-A and -B, general
# punctuation (``’ “ ” – — …``).
_WESTERN = re.compile("[^\x00-\u024f\u2010-\u205f]")
_ASCII_LETTER = re.compile("[A-Za-z]")
_LATIN = 3.0  # ASCII letters per non-ASCII character, at least (as fixers/cjklatin.py asks)
_PAIRS = 2  # Western characters the reading makes of the text's pairs, at least
_SAMPLE = 4096  # characters of the readings' non-ASCII lines costed where two pages read Western
_ALPHABETS = {**WESTERN_ALPHABETS, **{f"{k}-ce": v for k, v in CENTRAL_ALPHABETS.items()}}


def gbk_letter(text: str) -> bool:
    """Whether ``text`` holds one of GBK's accented letters (A8A1-A8C0) read as Latin-1 or
    cp1252: ``¨`` (a spacing diaeresis, which no language writes before a letter) and a
    character of A1-C0 (``¨ª``, ``¨¨``). Asked by :mod:`mojifix.fixers.latinpages`, whose
    cp1250 reading made ``l¨Şnea`` of such a Spanish page where this module's road refused it."""
    return _GBK_LETTER.search(text) is not None


def reading(text: str) -> tuple[tuple[str, str], str] | None:
    """((page, wrong page), the whole text repaired) when ``text`` is a Latin document saved
    in GBK or EUC-KR and read through Latin-1 or cp1252 (the module docstring's points), else
    None."""
    if _PAIR.search(text) is None:
        return None
    garbled = len(_NON_ASCII.findall(text))
    if len(_ASCII_LETTER.findall(text)) < _LATIN * garbled:
        return None
    data = wrong = None
    for page in _WRONG:
        try:
            data, wrong = write_back(text, page), page
            break
        except UnicodeEncodeError:
            continue
    if data is None or wrong is None:
        return None
    found: dict[tuple[str, str], str] = {}
    for page in PAGES:
        try:
            out = data.decode(page)
        except UnicodeDecodeError:
            continue
        if _WESTERN.search(out) is not None:
            continue
        # (every non-ASCII character of the reading is a pair of the text: point 2 leaves no
        # hanzi, which an ASCII trail byte would make)
        read = _NON_ASCII.findall(out)
        letters = {c for c in read if c.isalpha()}
        if len(read) >= _PAIRS and letters and one_alphabet(letters, _ALPHABETS) is not None:
            found[page, wrong] = out
    if len(set(found.values())) > 1:
        return _cheapest(text, found)
    return next(iter(found.items()), None)


def _cheapest(text: str, found: dict[tuple[str, str], str]) -> tuple[tuple[str, str], str] | None:
    """Of two pages' readings, the one whose non-ASCII lines cost least
    (:func:`mojifix.scoring.plausibility.cost`, on up to :data:`_SAMPLE` characters of them);
    None on a tie. GBK's ``í`` (A8AA) is EUC-KR's ``Ø``: ``contenØu`` fits Danish's alphabet,
    but a capital inside a word of small letters costs more (a case clash)."""
    costs = {chain: cost(_sample(out)) for chain, out in found.items()}
    best = min(costs, key=costs.__getitem__)
    if any(c <= costs[best] for chain, c in costs.items() if chain != best):
        return None
    return best, found[best]


def _sample(out: str) -> str:
    """The reading's lines holding a non-ASCII character, up to :data:`_SAMPLE` characters."""
    picked: list[str] = []
    size = 0
    for line in out.split("\n"):
        if not line.isascii():
            picked.append(line)
            size += len(line)
            if size >= _SAMPLE:
                break
    return "\n".join(picked)
