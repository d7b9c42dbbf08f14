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
