"""Is a reading broken word by word? What a declared page's reading must show to be overruled.

A declaration names the page its author used (:mod:`mojifix.decoding.declared`). Detection's
cost can still find another page's reading more plausible by a wide margin when the text is no
ordinary prose: a file that lists accented letters (a Vim keymap, a Python table of ``À Á Â``,
an HTML table of them) pays the Latin reading's one-language-at-a-time penalty for every letter
of the list, while a Cyrillic or Mac reading of the same bytes has letters that each fit some
alphabet. KOI8-R won such files at 0.46-0.70, Mac Roman won vim's ``keymap/accents.vim`` at 0.98
(QA 25), and ``fix -i`` rewrote them: every letter of the table changed, and a Python program's
string literals with them.

A wrong declaration leaves marks no letter table has: its reading is broken *inside words*.
Russian in windows-1251 declared Latin-1 reads ``Ïðèâåò``, ``÷òî`` (runs of accented letters in
no order, a symbol inside a word); Polish in windows-1250 reads ``za¿ó³æ``; Czech in ISO 8859-2
read through a Western page ``¾lu»ouèký``; a Western text read through KOI8-R ``оПИБЕТ`` (a
capital after a small letter), through windows-1251 ``Anhдngen`` (a letter of another script
alone among Latin ones); UTF-8 read as Latin-1 ``cafÃ©``. :func:`broken_share` counts the
words that show one of these against the words holding a non-ASCII character; a declared
single-byte page is overruled only where enough of its words are broken
(:func:`implausible`), whatever detection's margin (:func:`mojifix.decoding.declared.weigh`).
A letter table has its letters alone, or in a run in code order (``"àáâãäå"``): nothing broken.
"""

from __future__ import annotations

import re
import unicodedata

from ..scoring.detectscore import _script
from ..scoring.letters import LATIN_ALPHABETS

# A declared reading is implausible when at least this many of its words are broken, and at
# least this share of its words holding a non-ASCII character.
# (The share was 0.1 first: Western manpages declared ISO 8859-2 or -15 kept 125 of 2,127 wrong
# declarations that way, a few symbols and letters broken in a long text; at 0.01 the 13 kept are
# the Italian pages about the ISO 8859 charsets, tables of letters themselves. A right reading
# has up to 5% broken words: Czech ``vytváří``, Turkish ``açılışı``, but a right reading is
# rarely the one detection finds far less plausible.)
MIN_BROKEN = 2
BROKEN_SHARE = 0.01
# Only the head of a text is read (a 4 MiB file in a fifth of a second a megabyte otherwise).
HEAD_CHARS = 1 << 17

_TOKEN = re.compile(r"[^\s\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]*[^\x00-\x7f][^\s\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]*")
# UTF-8 read as a Western page: ``Ã©`` ``Ã¨`` ``Â«`` ``â€™``.
_UTF8_SHAPE = re.compile("[ÂÃ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
                         "\u2013-\u203a\u20ac\u2122]|â€")
# Signs that sit between two letters in real text: apostrophes (``don´t``, ``l’été``), the
# Catalan middle dot (``l·l``), dashes (``A–Z``), the multiplication sign.
_GLUE_OK = frozenset("’‘´·–—×°ºª")
_OTHER_SCRIPTS = frozenset({"cyrillic", "greek", "arabic", "hebrew", "thai"})
_ALPHABETS = tuple(frozenset(a) for a in LATIN_ALPHABETS)


def _broken(word: str) -> bool:
    """Whether ``word`` (a run of letters, digits and non-ASCII signs holding a non-ASCII
    character) is broken in one of the ways a wrong page breaks words (see above)."""
    if _UTF8_SHAPE.search(word):
        return True
    run: list[str] = []  # the current run of non-ASCII Latin letters
    prev = ""
    for i, ch in enumerate(word):
        if "\x80" <= ch <= "\x9f" or ch == "\ufffd":
            return True
        alpha = ch.isalpha()
        if not alpha and ch > "\x7f" and ch not in _GLUE_OK \
                and unicodedata.category(ch)[0] in "SP" and prev.isalpha() and word[i + 1:i + 2].isalpha():
            return True  # ``¾lu»ouèký``: a sign inside a word
        if "\u2500" <= ch <= "\u25ff" and (prev.isalpha() or word[i + 1:i + 2].isalpha()):
            return True  # ``╨Ёр``: a line-drawing sign glued to a letter (KOI8-R read as cp866)
        if alpha and prev.isalpha() and ch.isupper() and prev.islower() and (ch > "\x7f" or prev > "\x7f"):
            return True  # ``оПИБЕТ``: a capital after a small letter
        if alpha and prev.isalpha() and (ch > "\x7f" or prev > "\x7f"):
            a, b = _script(prev), _script(ch)
            if a != b and "latin" in (a, b) and (a in _OTHER_SCRIPTS or b in _OTHER_SCRIPTS):
                # a letter of another script alone beside Latin ones (``Anhдngen``)
                other = i if b in _OTHER_SCRIPTS else i - 1
                lone = not (word[other - 1:other].isalpha() and _script(word[other - 1]) == _script(word[other])) \
                    and not (word[other + 1:other + 2].isalpha() and _script(word[other + 1]) == _script(word[other]))
                if lone:
                    return True
        if alpha and ch > "\x7f" and _script(ch) == "latin":
            run.append(ch)
            if len(run) >= 3 and run != sorted(run):
                return True  # ``Ïðèâåò``: accented letters in a row, in no order
        else:
            run = []
        prev = ch
    return False


def broken_share(text: str) -> tuple[int, int]:
    """(broken words, words holding a non-ASCII character) of ``text``.

    >>> broken_share("Ïðèâåò, êàê äåëà? ÷òî")
    (3, 4)
    >>> broken_share('("`A", "À"), ("´A", "Á"), àáâãäå, l’été, Müller')
    (0, 6)
    >>> broken_share("Le systčme de fichiers est créé ŕ la premičre écriture, męme aprčs un arręt.")
    (2, 8)

    (French read as windows-1250: ``č ŕ`` fit the Slovak alphabet with ``é``, ``ę`` does not.)
    """
    broken = words = 0
    inside: list[tuple[str, str]] = []  # (word, its accented Latin letters) of words with ASCII ones
    for m in _TOKEN.finditer(text):
        words += 1
        word = m.group()
        if _broken(word):
            broken += 1
            continue
        accented = "".join(c for c in word.lower() if c > "\x7f" and c.isalpha() and _script(c) == "latin")
        if accented and any("a" <= c <= "z" for c in word.lower()):
            inside.append((word, accented))
    if inside:
        # A text's accented letters inside its words come from one language's alphabet: a word
        # with one outside the best-fitting alphabet (by occurrences) is broken (``systčme``).
        counts: dict[str, int] = {}
        for _, accented in inside:
            for c in accented:
                counts[c] = counts.get(c, 0) + 1
        best = max(_ALPHABETS, key=lambda a: sum(n for c, n in counts.items() if c in a))
        broken += sum(1 for _, accented in inside if not set(accented) <= best)
    return broken, words


def implausible(text: str) -> bool:
    """Whether enough of ``text``'s words are broken (:data:`MIN_BROKEN`, :data:`BROKEN_SHARE`)
    for another page's reading to overrule a declaration that decodes it."""
    broken, words = broken_share(text[:HEAD_CHARS])
    return broken >= MIN_BROKEN and broken >= BROKEN_SHARE * words
