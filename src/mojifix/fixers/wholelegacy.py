"""A whole document of legacy-page bytes read through another page: decided at once (issue 20).

(Subpackage ``fixers/``: the second question of :func:`mojifix.fixers.wholepage.reading`,
asked when the document is no UTF-8 read through one page.)

Why a module of its own: a Chinese file saved as GBK and opened as Latin-1 or Windows-1252
(``ÖÐÎÄ`` for ``中文``), a Big5, Shift_JIS or EUC-KR file likewise, a cp1251 one opened as
cp1252 (``Ïàðàìåòðû``) or as KOI8-R (``нохяюмхе``), went through the chain search line by
line: every line's candidates through every page, plausibility costs, ftfy's answer per line, then the document's plan. Real
documents garbled so came back exactly, at 0.4-0.6 MB/s. The document answers it at once:

1. **The text is one page's bytes.** It is written back with Latin-1 (else Windows-1252, its
   holes as C1 controls: :func:`mojifix.fixers.sloppy.write_back`) and those bytes decode
   strictly as one of :data:`ORIGINALS`. A newline is one byte that no page here takes into a
   character, so the lines correspond one to one.
2. **The text has the shape of this damage.** Each character of these pages is two bytes (or a
   Cyrillic letter one byte of a word): read as Latin-1 they make runs of non-ASCII characters.
   At least :data:`_SHARE` of the text's non-ASCII characters stand in runs of three or more.
   Clean Western text has none: on the corpus, every clean document that some page decodes
   strictly (German ``für`` is GBK's ``F6 DF`` pair; cp1251 decodes every byte) has no
   non-ASCII character in such a run, and every garbled one has 62% or more.
3. **The reading is far more plausible than the text, and no other reading comes near.** The
   plausibility cost (:func:`mojifix.scoring.plausibility.cost`, the one the search scores
   with) of the reading is at most :data:`_GAIN` of the text's, and at most :data:`_APART` of
   any other page's reading (GBK bytes that Big5 decodes too read as rarer characters); and
   the search's shape test of a legacy chain (:func:`mojifix.fixers.shapes.legacy_ok`) holds
   on the scored sample: a cp1251 reading has a Cyrillic language's share of vowels.
4. **A line without such a run is repaired only where its own reading costs less** (a short
   line, ``ÖÐ`` for ``中``, is the document's; a French line pasted into it, ``été``, keeps its
   own evidence of being clean: then the whole document goes to the search, which decides per
   line).

5. **The text is no UTF-8 with a byte lost.** Thai UTF-8 read as cp1252 with its A0 bytes
   made spaces (``à¸ à¸²``) is UTF-8 read through the page all but a byte (ftfy's repair, which
   the search yields to), yet GBK decodes its bytes, and more plausibly than the mojibake. Where
   :data:`_UTF8_MOST` of the text's bytes 80-FF make UTF-8 sequences, this road is not taken:
   legacy text makes them by chance, at most 0.49 of its bytes on the corpus (Russian in GBK).

6. **KOI8-R read as cp1251, and cp1251 read as KOI8-R** swap case: at least :data:`_CAPITALS` of
   the text's Cyrillic letters are capitals (clean Russian and Ukrainian: at most 0.12 on the
   corpus), the pair is chosen by its reading's letter frequencies (the cost sees a permuted
   alphabet as letters like any), and a changed line with capitals must lose some or read
   better (a clean Russian sentence pasted in keeps the document off this road).

7. **Greek saved as cp1253 or ISO-8859-7** (a new user's QA pass: read through cp1251 instead,
   ``ÏÍÏÌÁ`` was ``ПНПМБ``): both pages are originals. They write Greek's letters with the same
   bytes, so their readings tie and are no rivals of each other (:func:`_greek_twin` picks the
   one whose reading has more letters: ``Ά`` is A2 in one, B6 in the other); a cp1251 reading
   the shape test refuses (too few vowels: Greek capitals) is no rival either; and where the
   sample is a page's headings alone, the shape test reads up to :data:`_SHAPE_SAMPLE`
   characters.

Not here: a document the points above leave in doubt (short, mixed, two layers):
:func:`mojifix.fixers.wholepage.lines` also asks the chain fixer that nothing is left in the
reading (a second layer, a part garbled otherwise); else the search decides, as before.
"""

from __future__ import annotations

import codecs
import math
import re
import unicodedata

from ..scoring.letters import letter_score, vowel_share
from ..scoring.plausibility import cost
from . import shortcjk
from .shapes import legacy_ok
from .sloppy import write_back

# The originals, in fixers/chains.LAYERS' order, and the pages they are read through (a text
# both pages write is named Latin-1, first, as the search names it).
ORIGINALS = ("gbk", "big5", "shift_jis", "euc-kr", "windows-1251", "windows-1253", "iso-8859-7")
# Greek's two pages write its letters with the same bytes (they differ in ``Ά``, cp1253's A2 and
# ISO-8859-7's B6, and a few marks): where both readings cost the same, the page that goes with
# the wrong one names the chain (Windows' pair, or the two ISO pages).
_GREEK_TWIN = {"windows-1252": "windows-1253", "latin-1": "iso-8859-7"}
WRONG = ("latin-1", "windows-1252")
# KOI8-R read as cp1251 and cp1251 read as KOI8-R (original, wrong page): each page's capitals
# are the other's small letters (point 6).
CASE_SWAPS = (("koi8-r", "windows-1251"), ("windows-1251", "koi8-r"))
_CYRILLIC = re.compile("[\u0400-\u045f\u0490\u0491]")
_CYRILLIC_CAPITAL = re.compile("[\u0400-\u042f\u0490]")
_CYRILLIC_SMALL = re.compile("[\u0430-\u045f\u0491]")  # (_CYRILLIC less its capitals)
# The share of a case-swapped text's Cyrillic letters that are capitals, at least (the corpus:
# clean Russian and Ukrainian at most 0.12, every document swapped 0.88 or more; chains'
# legacy_shape asks 0.6 of a run).
_CAPITALS = 0.6
# How much more Russian-like (mean log frequency of the letters, scoring.letters) the reading
# must be than the text and than the other pair's reading (the corpus: the reading -3.19 or
# more, the others -3.63 or less).
_LETTERS_APART = 0.3
# Three non-ASCII characters in a row (spelled out: the ``re`` engine searches a counted
# repeat slower than the items written out).
_RUN = re.compile("[^\x00-\x7f][^\x00-\x7f][^\x00-\x7f]+")
_SHARE = 0.5  # of the non-ASCII characters in runs (point 2)
_GAIN = 0.3  # the reading's cost at most this share of the text's (point 3)
_APART = 0.5  # the reading's cost at most this share of any other page's (point 3)
_SAMPLE = 1024  # characters of the text the readings are scored on (at least)
_SHAPE_SAMPLE = 16 * _SAMPLE  # characters the shape test may read where the sample shows none
_NON_ASCII = re.compile("[^\x00-\x7f]")
_LETTER = re.compile("[^\\W\\d_]")
# A UTF-8 sequence of two, three or four bytes: where most of the text's bytes 80-FF make them,
# the text is UTF-8 read through the page, not a legacy page's bytes (point 5).
_UTF8_SEQ = re.compile(b"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf][\x80-\xbf]"
                       b"|[\xf0-\xf4][\x80-\xbf][\x80-\xbf][\x80-\xbf]")
_UTF8_MOST = 0.6  # of the bytes 80-FF in UTF-8 sequences: the corpus' legacy text at most 0.49
_LEAST = 8  # non-ASCII characters of the text (as fixers/wholepage.py asks of its readings)


def non_ascii(text: str) -> int:
    """Non-ASCII characters of ``text`` (one C pass; fixers/wholepage.py counts with it too)."""
    return len(text) - len(text.encode("ascii", errors="ignore"))


def _one_letters_accents(run: str) -> bool:
    """Whether ``run`` is one letter with its accents (``áàä``, ``éèë``: every character that
    letter, by its decomposition). A test file listing them (pandas' ``list("áàä")``) has runs
    of three, but no word: through cp1251 it would read ``бад``, ``йил``. Real damage makes
    words of different letters (``Ïðèâåò``, ``ÖÐÎÄ``)."""
    bases = {unicodedata.normalize("NFD", c)[0].lower() for c in run}
    return len(bases) == 1 and bases.pop().isalpha()


def reading(text: str, head: str) -> tuple[tuple[str, str], str] | None:
    """((original, wrong page), the whole text repaired) when ``text`` is one legacy page's
    bytes read through Latin-1 or Windows-1252, or a case-swapping Cyrillic page's read through
    the other, from end to end (the module docstring's points), else None. ``head``: the text's
    first characters from its first non-ASCII one, written back first (clean CJK text fails
    there, in C, at its first letter)."""
    if _RUN.search(text) is None:
        return None  # (clean Western text: one search in C)
    chains = _chains(text, head)
    if chains is None:
        return None
    datas, chains = chains
    garbled = non_ascii(text)
    if garbled < _LEAST or garbled - non_ascii(_RUN.sub("", text)) < _SHARE * garbled:
        return None
    if chains[0][1] in WRONG:
        data = datas[chains[0][1]]
        if len(data) - len(_UTF8_SEQ.sub(b"", data)) >= _UTF8_MOST * garbled:
            return None  # (point 5: UTF-8 with a byte lost or changed, ftfy's and the search's case)
    # Scored on a sample: whole lines from the first one holding a non-ASCII character, about
    # _SAMPLE characters (a text's offsets are its bytes' on these one-byte pages, and a line
    # end is a byte no page here takes into a character, so the sample's bytes decode as the
    # whole would). Why: the cost is a Python step per character (a 4 KB Chinese page, 5 ms a
    # reading: most of this road's time), and a few hundred characters decide between pages
    # whose readings differ tenfold; every line is still checked by point 4 and the screens,
    # and only the chosen page decodes the whole text (one copy of a big file, not five).
    # A long line is cut at 4 x _SAMPLE (linear time on a text of one line): its last
    # character, maybe cut short, is held back by an incremental decoder.
    start = text.rfind("\n", 0, _NON_ASCII.search(text).start()) + 1  # type: ignore[union-attr]
    end = text.find("\n", start + _SAMPLE, start + 4 * _SAMPLE)
    end = min(len(text), start + 4 * _SAMPLE) if end < 0 else end
    sample: dict[tuple[str, str], str] = {}
    for chain in chains:
        try:
            sample[chain] = codecs.getincrementaldecoder(chain[0])().decode(datas[chain[1]][start:end])
        except UnicodeDecodeError:
            continue
    if not sample:
        return None
    # Each reading scored only as far as it can matter: once one costs c, another that costs
    # over c / _APART is out whatever it costs (the scan stops there), and the text need only
    # be known to cost over the best reading's / _GAIN.
    costs: dict[tuple[str, str], float] = {}
    if chains[0] in CASE_SWAPS:
        # (point 6: the cost sees a permuted alphabet as letters like any; the letters' own
        # frequencies tell the language from its permutation, as the search's statistics do)
        scores = {chain: letter_score(out) for chain, out in sample.items()}
        best = max(scores, key=scores.__getitem__)
        if any(v + _LETTERS_APART > scores[best] for chain, v in scores.items() if chain != best) \
                or letter_score(text[start:end]) + _LETTERS_APART > scores[best]:
            return None
        costs[best] = cost(sample[best])
    else:
        for chain, out in sample.items():
            least = min(costs.values(), default=math.inf)
            costs[chain] = cost(out, least / _APART)
        # (the first chain on a tie, but not a cp1251 reading the shape test refuses: below)
        best = min(costs, key=lambda chain: (costs[chain], _shapeless(chain, sample)))
        if best[0] in _GREEK_TWIN.values():
            best = _greek_twin(best, costs, sample)
        # No rival: the other Greek page, and a cp1251 reading the shape test would refuse (a
        # Greek page's capitals, ``ΟΝΟΜΑ`` read as ``ПНПМБ``, cost nothing either).
        twins = {*_GREEK_TWIN.values()} if best[0] in _GREEK_TWIN.values() else set()
        if any(c * _APART < costs[best] or c == costs[best]
               for chain, c in costs.items() if chain != best and chain[0] not in twins
               and not _shapeless(chain, sample)):
            return None
    if cost(text[start:end], costs[best] / _GAIN) <= costs[best] / _GAIN:
        return None
    # And the search's own shape test of a legacy chain, asked of the sample (its runs are
    # words of the damage; a cp1251 reading is a Cyrillic language's share of vowels): Spanish
    # ``áéíóú`` through cp1251 is ``бйнуъ``, which costs less, but is one vowel in five.
    if not legacy_ok(text[start:end], best, sample[best]):
        # The sample may be a page's headings alone, in capitals (a Greek man page's ``ΟΝΟΜΑ``,
        # ``ΣΦΑΙΡΙΚΗ ΕΙΚΟΝΑ`` among English lines): asked again of a longer piece, at most
        # _SHAPE_SAMPLE characters (bounded work on a big file).
        far = text.rfind("\n", end + 1, start + _SHAPE_SAMPLE)
        if len(text) <= start + _SHAPE_SAMPLE:
            far = len(text)
        if far <= end or not legacy_ok(text[start:far], best, codecs.getincrementaldecoder(best[0])().decode(
                datas[best[1]][start:far])):
            return None
    runs = _RUN.findall(text, start, end)
    if runs and all(map(_one_letters_accents, runs)):
        return None  # (a listing of accents, no words: see _one_letters_accents)
    try:
        out = datas[best[1]].decode(best[0])
    except UnicodeDecodeError:
        return None
    if not _lines_gain(text, out, best):
        return None
    return best, out


def _greek_twin(best: tuple[str, str], costs: dict[tuple[str, str], float],
                sample: dict[tuple[str, str], str]) -> tuple[str, str]:
    """Of Greek's two pages, the one whose reading costs as little as ``best``'s and writes more
    letters (cp1253's ``Ά`` is A2, which ISO-8859-7 reads as ``’``: ``’ρα`` costs what ``Άρα``
    costs); on a tie, the one named after the wrong page (:data:`_GREEK_TWIN`)."""
    rivals = [c for c in costs if c[0] in _GREEK_TWIN.values() and costs[c] == costs[best]]
    if len(rivals) < 2:
        return best
    named = (_GREEK_TWIN[best[1]], best[1])
    return max(rivals, key=lambda c: (len(_LETTER.findall(sample[c])), c == named))


def _shapeless(chain: tuple[str, str], sample: dict[tuple[str, str], str]) -> bool:
    """Whether ``chain`` is cp1251 and its reading of the sample lacks a Cyrillic language's
    share of vowels, as the shape test asks (:func:`mojifix.fixers.shapes.legacy_ok`). Such a
    reading is no rival of the others: a Greek page whose first kilobyte holds only its
    headings' capitals (``ΟΝΟΜΑ``, ``ΣΦΑΙΡΙΚΗ ΕΙΚΟΝΑ``) reads through cp1251 as capitals that
    cost nothing either (``ПНПМБ``), but with one vowel in six."""
    if chain[0] != "windows-1251":
        return False
    n, share = vowel_share(sample[chain])
    return n >= 6 and share < 0.3


def _chains(text: str, head: str) -> tuple[dict[str, bytes], list[tuple[str, str]]] | None:
    """({wrong page: the text written back with it}, the chains whose wrong page wrote it), in
    chains.LAYERS' order: the Western pages' (Latin-1, else Windows-1252 where Latin-1 cannot
    write it), else the case-swapping pairs'. None where no page writes the text."""
    wrong = next((w for w in WRONG if _writes(head, w)), None)
    if wrong is not None:
        for page in WRONG[WRONG.index(wrong):]:
            try:  # (Latin-1 wrote the head, maybe not some later character, ``€``)
                return {page: write_back(text, page)}, [(orig, page) for orig in ORIGINALS]
            except UnicodeEncodeError:
                continue
        return None
    if not _capitals_swapped(text):
        return None  # (point 6, asked first: clean Cyrillic text, two C passes, no encode)
    datas: dict[str, bytes] = {}
    for _, page in CASE_SWAPS:
        if _writes(head, page):
            try:
                datas[page] = write_back(text, page)
            except UnicodeEncodeError:
                continue
    chains = [chain for chain in CASE_SWAPS if chain[1] in datas]
    return (datas, chains) if chains else None


def _capitals_swapped(text: str) -> bool:
    """Point 6: at least :data:`_CAPITALS` of the text's Cyrillic letters are capitals (and at
    least :data:`_LEAST` letters). The capitals are counted first (few in clean text: the scan
    copies little), then the small letters only up to the most that could still leave the
    capitals their share: counting every letter of a clean Russian page was a fifth of its
    time (issue 20)."""
    capitals = _count(_CYRILLIC_CAPITAL, text)
    if capitals == 0:
        return False
    # Past this many small letters the capitals' share is under _CAPITALS (+2: float rounding).
    limit = int(capitals * (1 - _CAPITALS) / _CAPITALS) + 2
    small = len(text) - len(_CYRILLIC_SMALL.sub("", text, count=limit))
    if small >= limit:
        return False
    letters = capitals + small
    return letters >= _LEAST and capitals >= _CAPITALS * letters


def _count(chars: re.Pattern[str], text: str) -> int:
    """How many characters of ``text`` the one-character class ``chars`` matches (one C pass
    and a copy, not a list of every match: a line may be a whole big file)."""
    return len(text) - len(chars.sub("", text))


def _writes(head: str, page: str) -> bool:
    try:
        write_back(head, page)
    except UnicodeEncodeError:
        return False
    return True


def _lines_gain(text: str, out: str, chain: tuple[str, str]) -> bool:
    """Whether every line the reading ``out`` (through ``chain``) changes that holds no run of
    three non-ASCII characters costs less read than as it is, or is a CJK page's letter or two
    beside ASCII (``IPv4 »ò IPv6``: :func:`mojifix.fixers.shortcjk.documents_line`) (point 4),
    and, for a case-swapping pair, every changed line holding Cyrillic capitals has fewer read
    than as it is, or costs less read (point 6: a clean Russian sentence in the document would
    be swapped into capitals and noise). A line of small letters alone is a heading of capitals
    swapped (``ОПИСАНИЕ`` arrives as ``нохяюмхе``; both cost nothing): the document's. Lines
    correspond one to one (point 1)."""
    start = at = 0
    size = len(text)
    while start <= size:
        end, stop = text.find("\n", start), out.find("\n", at)
        end, stop = (size if end < 0 else end), (len(out) if stop < 0 else stop)
        line, new = text[start:end], out[at:stop]
        if line != new:
            if _RUN.search(line) is None and cost(new) >= cost(line) \
                    and not shortcjk.documents_line(line, chain, whole=True):
                return False
            if chain in CASE_SWAPS and _CYRILLIC.search(line) is not None \
                    and (capitals := _count(_CYRILLIC_CAPITAL, line)) \
                    and _count(_CYRILLIC_CAPITAL, new) >= capitals and cost(new) >= cost(line):
                return False
        start, at = end + 1, stop + 1
    return True
