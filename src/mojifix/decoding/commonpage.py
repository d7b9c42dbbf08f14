"""On weak evidence, the common code page: a rarer one must show what the common one lacks.

Short Western files (a line of Spanish, French, Portuguese) hold one or two accented letters, and
a rarer code page often decodes them to something a little more plausible by chance: ``niña``
as Baltic ``niņa``, ``très`` as Czech ``trčs``, ``¡Olé`` as ``ĄOlé``, ``l’été`` as Hebrew
``l’יtי``. Written back by ``fix -i`` that is damage for good. So when windows-1252 reads the
bytes as *plain* Western text (:func:`plain_western`), :mod:`mojifix.decoding.detect` keeps it unless
the rarer reading is clearly better (:func:`prefer_plain`), and the confidence it reports is
then the small margin there is (``fix -i`` does not write low-confidence guesses back).

Measured on 416 short lines cut from the shared manpages (de fr es it tr in windows-1252 and
Latin-1, pl cs in windows-1250, plus Portuguese): 51 wrong before, 1 after (Polish ``wyœwietla``
at confidence 0.07); ``bench/detect.py`` unchanged on 32-byte windows (92.2%) and whole files
99.6% -> 99.8% (with :mod:`mojifix.decoding.declared`).
"""

from __future__ import annotations

import re

from ..scoring.detectscore import SAMPLE_BYTES, _script
from ..scoring.letters import LATIN_ALPHABETS
from .tolerant import _MULTIBYTE, _decode_tolerant

# A code page rarer than windows-1252 must beat a plain Western reading of the same bytes by
# this much cost (about four odd characters) to be chosen: on a short Spanish line, Baltic
# ``niņa`` or Hebrew ``l’יtי`` can come out a little cheaper than ``niña`` / ``l’été`` by
# chance, but not by that much (a real Polish, Czech, Russian or Hebrew text read as
# windows-1252 is not plain: ``za¿ó³æ``, ``Ïðèâåò``, ``÷åðï``). windows-1250 is the other
# common page of Latin text, and its own plain readings (Polish ``język`` against ``jêzyk``)
# are as likely: against it the plain answer needs only a small lead (``très`` against
# ``trčs`` is 0.4 apart, ``język`` against ``jêzyk`` 1.7).
RARER_MARGIN = 4.0
COMMON_MARGIN = {"windows-1250": 1.0}
_WESTERN = ("windows-1252", "iso8859-1", "iso8859-15")
# The Western alphabets windows-1252 was made for (es pt fr it de nl ca, sv fi da/no; not
# Icelandic: its ``ð ý þ`` are what Turkish ``ğ ı ş`` look like read as windows-1252).
_WESTERN_ALPHABETS = tuple(frozenset(a) for a in LATIN_ALPHABETS[:7] + LATIN_ALPHABETS[14:17])
_WESTERN_SYMBOLS = frozenset("€°ºª·©®§£")
_WESTERN_MARKS = frozenset("’‘“”«»¡¿–—…\xa0") | _WESTERN_SYMBOLS
# Two accented letters in a row are rare in these languages, but for these pairs.
_WESTERN_PAIRS = frozenset("ão õe ãe õã éé ée üe öä äö ìà".split())
_OTHER_SCRIPT_WORD = re.compile(r"[^\x00-\x7f\W\d_]{2,}")


def plain_western(text: str) -> bool:
    """Whether ``text``'s non-ASCII characters read as ordinary Western European text: the
    accented letters of one language's alphabet (capitals only starting a word or in a word of
    capitals, two in a row only as in ``ão``), ``¡ ¿`` opening a word, everyday punctuation,
    and symbols (``€ ° ® º``) standing apart from letters (``nº`` and ``1º`` aside).

    >>> plain_western("¡Olé! l’été à Paris, nº 3"), plain_western("Ïðèâåò"), plain_western("ju¿")
    (True, False, False)
    >>> plain_western("MARZ ®æ€l"), plain_western("JCB°¡")  # Big5 and EUC-KR bytes
    (False, False)
    """
    letters: set[str] = set()
    prev = " "
    for i, ch in enumerate(text):
        if ch > "\x7f":
            if ch.isalpha() and ch not in "ºª":
                if ch.isupper() and prev.isalpha() and not prev.isupper():
                    return False  # ``Ïðè``: a capital inside a lower-case word
                if prev > "\x7f" and prev.isalpha() and (prev + ch).lower() not in _WESTERN_PAIRS:
                    return False  # ``Skonèí``: Czech ``č í`` read as windows-1252
                letters.add(ch.lower())
            elif ch not in _WESTERN_MARKS or (ch in "¡¿" and prev.isalpha()):
                return False
            elif ch in _WESTERN_SYMBOLS:
                after = text[i + 1:i + 2]
                if after.isalpha() or (prev.isalpha() and not (ch in "ºª" and prev in "nN")):
                    return False
        prev = ch
    return any(letters <= a for a in _WESTERN_ALPHABETS)


def prefer_plain(scored: list[tuple[float, str, str]]) -> int | None:
    """The index of the plain Western reading that should win over a rarer code page (see
    :data:`RARER_MARGIN`), or None.

    A rarer page needs evidence the common one lacks: a clear lead in cost, and, for another
    script, at least one word of two or more of its letters (Italian ``nfs è il`` read as
    windows-1251 is ``nfs и il``: one Cyrillic letter among Latin words is no Russian text)."""
    rival_cost, rival, rival_text = scored[0]
    if rival in _WESTERN:
        return None
    for i, (cost, codec, text) in enumerate(scored[1:], 1):
        if codec in _WESTERN:
            if not plain_western(text[:SAMPLE_BYTES]):
                return None
            other_script = {_script(c) for c in rival_text[:SAMPLE_BYTES] if c > "\x7f"} - {"", "latin"}
            if other_script and not _OTHER_SCRIPT_WORD.search(rival_text[:SAMPLE_BYTES]):
                return i
            if cost - rival_cost < COMMON_MARGIN.get(rival, RARER_MARGIN):
                return i
            return None
    return None


# --- a reading whose words mix scripts letter by letter ----------------------------------------
#
# Latin text read through a page of another script keeps its ASCII letters and turns each
# accented one into a letter of that script, inside the word: German ``Anhängen`` as cp1251
# ``Anhдngen``, ``März`` as ``Mдrz``, French ``É`` next to ``a`` as cp1256 ``ة``. No language
# writes so. The cost sees each such pair (3.0 a side, :mod:`mojifix.scoring.detectscore`), but a
# file that lists letters (a groff ``.hcode`` table, a Vim keymap: ``ä ä  â â  à à``) pays its
# Latin reading's one-language-at-a-time penalty for every letter of the list, about a hundred,
# while the other script's reading has single letters that fit its alphabet: cp1251 won such
# files at 0.73-0.99 and ``fix -i`` wrote ``Anhдngen`` (QA 24). So the decision is made on
# words, here, as :func:`prefer_plain` makes it: a rarer script's reading whose letters glued
# to Latin ones (a letter of it alone inside or beside Latin letters) are at least as many as
# its own words (two letters of it or more in a row) shows no text of that script, and a Latin
# page that reads the same bytes is preferred, as sure as the rarer reading's missing lead
# (mostly 0: such a file is converted by ``fix``, not rewritten by ``fix -i`` without --force).
# Words at the very start or end of the input are not counted: a window may have cut them
# (``\fBк`` of ``\fBкоманда``, a groff font escape before a Russian word).
_LETTERS_WORD = re.compile(r"[^\W\d_]+")
_GLUED = re.compile(r"[A-Za-z][^\x00-\x7f]|[^\x00-\x7f][A-Za-z]")
# The alphabetic scripts of the single-byte pages (CJK readings are another matter: their
# characters eat a Latin letter's byte, and their costs tell).
_OTHER_SCRIPTS = frozenset({"cyrillic", "greek", "arabic", "hebrew", "thai"})
# The Latin pages a file of Latin letters is taken back to.
_LATIN_PAGES = frozenset({*_WESTERN, "windows-1250", "iso8859-2", "windows-1254", "iso8859-9",
                          "windows-1257", "iso8859-13"})


def mixed_words(text: str, ends: bool = False) -> tuple[int, int]:
    """(words mixing a lone letter of a non-Latin script with Latin letters, words with two or
    more letters of such a script in a row) of ``text``; words touching its ends not counted
    unless ``ends``.

    >>> mixed_words(" Kopie mit Anhдngen, Mдrz, д д "), mixed_words(" Bкоманда и файл ")
    ((2, 0), (0, 2))
    """
    mixed = native = 0
    end = len(text)
    for m in _LETTERS_WORD.finditer(text):
        word = m.group()
        if word.isascii() or (not ends and (m.start() == 0 or m.end() == end)):
            continue
        runs: list[list[object]] = []  # [script, length] of each run of one script
        for ch in word:
            s = _script(ch)
            s = s if s in _OTHER_SCRIPTS else "latin" if s == "latin" else "?"
            if runs and runs[-1][0] == s:
                runs[-1][1] += 1  # type: ignore[operator]
            else:
                runs.append([s, 1])
        if any(s in _OTHER_SCRIPTS and n >= 2 for s, n in runs):
            native += 1
        elif any(s in _OTHER_SCRIPTS and n == 1 and "latin" in (runs[i - 1][0] if i else "",
                                                                  runs[i + 1][0] if i + 1 < len(runs) else "")
                 for i, (s, n) in enumerate(runs)):
            mixed += 1
    return mixed, native


def prefer_unmixed(scored: list[tuple[float, str, str]], data: bytes) -> int | None:
    """The index of the Latin page's reading that should win over a reading of another script
    whose words mix its letters with Latin ones letter by letter (see above), or None.
    ``scored``: (cost, codec, evidence text) best first; ``data``: the input."""
    _, rival, rival_ev = scored[0]
    if rival in _LATIN_PAGES or rival in _MULTIBYTE or not _GLUED.search(rival_ev):
        return None
    # The evidence first (its runs are pieces of words, ``hдn`` of ``Anhдngen``): a Russian
    # text with groff's ``\fBслово`` has letters glued to Latin ones and is decided here, on a
    # thousand bytes, not on the whole sample.
    mixed, native = mixed_words(rival_ev.replace("\x00", " "), ends=True)
    if not mixed or mixed < native:
        return None
    sample = data[:SAMPLE_BYTES]
    text = _decode_tolerant(sample, rival)
    if text is None:
        return None
    mixed, native = mixed_words(text)
    if not mixed or mixed < native:
        return None
    # The cheapest Latin page, but windows-1252 (and its ISO twins) unless the other is clearly
    # cheaper (RARER_MARGIN, as above): a list of letters costs about the same through every
    # Latin page, German ``ä ö ü ß`` are the same bytes in windows-1250.
    latin = [(cost, i) for i, (cost, codec, _) in enumerate(scored[1:], 1) if codec in _LATIN_PAGES]
    if not latin:
        return None
    best, pick = latin[0]
    western = [(cost, i) for cost, i in latin if scored[i][1] in _WESTERN]
    if western and western[0][0] - best < RARER_MARGIN:
        pick = western[0][1]
    # (its letters are all Latin: it mixes nothing)
    return pick if _decode_tolerant(sample, scored[pick][1]) is not None else None


# --- Greek: windows-1253 or ISO 8859-7, told by the bytes where they differ ------------------
#
# The two Greek pages differ at four bytes: A1 (cp1253 ``΅``, ISO ``‘``), A2 (``Ά``, ``’``),
# B5 (``µ``, ``΅``) and B6 (``¶``, ``Ά``). Detection's evidence is a sample of the non-ASCII
# runs: where none of the four is in it the two read it alike, and windows-1253, listed first,
# was taken: ISO 8859-7 text whose capital alpha with tonos came later read ``¶λλη`` for
# ``Άλλη`` at 1.0 (QA 25, vim's ``tutor.el``). So the whole input is asked: an ``Ά`` opening a
# word is B6 followed by a Greek letter in ISO 8859-7 and A2 in windows-1253; ISO's quote ``‘``
# is cp1253's rare ``΅``, cp1253's ``µ`` ISO's rare ``΅``.
_GREEK_LETTER = b"[\xb8-\xba\xbc\xbe-\xd1\xd3-\xfe]"
_ISO_GREEK = re.compile(b"\xb6(?=" + _GREEK_LETTER + b")|\xa1")
_WIN_GREEK = re.compile(b"\xa2(?=" + _GREEK_LETTER + b")|\xb5")


def greek_order(data: bytes, members: list[tuple[float, str]]) -> list[tuple[float, str]]:
    """``members`` (readings alike on the evidence, in order of preference) with ISO 8859-7
    put before windows-1253 where ``data`` holds more of its marks (above), or as they are."""
    names = [k for _, k in members]
    if "windows-1253" not in names or "iso8859-7" not in names or not re.search(b"[\xa1\xa2\xb5\xb6]", data):
        return members
    if len(_ISO_GREEK.findall(data)) > len(_WIN_GREEK.findall(data)):
        return sorted(members, key=lambda m: m[1] != "iso8859-7")
    return members
