"""Which of two sibling readings is made of words: the word lists decide a tie of the page choice.

(Subpackage ``fixers/``: asked by :func:`mojifix.fixers.pagechoice.document_page` only where
its own evidence ties, and only with the ``words`` extra installed: wordfreq's lists.)

Why a module of its own: windows-1250 and ISO-8859-2 read most of UTF-8's Latin letters alike,
and where they differ both readings may be letters some alphabet holds: German ``fünf`` read
through ISO-8859-2 is ``fĂźnf``, which windows-1250 reads as ``fßnf``; Estonian ``üks`` is
``ßks`` there, Spanish ``mañana`` ``maùana``, Swedish ``två`` ``tvü``. The alphabets and the
word shapes of :mod:`mojifix.fixers.pagechoice` cannot tell them, and the document's page was
left undecided: its other lines repaired, such a line left garbled (a probe on Django's
catalogs: 27 of its short documents). A word list can: ``fünf`` is a German word, ``fßnf`` no
word of any language whose letters it uses.

The rule, a refusal when in doubt: the words the two readings write differently are looked up in
the lists of every language whose alphabet holds their letters; one reading wins only when more
than twice as many of its words are known as of the other's. A word of the wrong reading may be
a word somewhere (Danish ``går`` is Turkish ``gür`` through windows-1250): one such word against
one stays a tie, against a Swedish page's ``två åtta från`` it does not. A language wordfreq has
no list for (Breton ``bremañ``, Estonian ``üks``) stays a tie.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.util import find_spec

from ..scoring.letters import CENTRAL_ALPHABETS, TURKISH_ALPHABET, WESTERN_ALPHABETS

# wordfreq's name for each alphabet's language, where it has a list (Croatian, Bosnian and
# Serbian Latin are its ``sh``); Norwegian writes Danish's letters; Turkish and Romanian's own.
_LISTS = {"hr": "sh", "da": "nb"}
_ALPHABETS = {**WESTERN_ALPHABETS, **CENTRAL_ALPHABETS, **TURKISH_ALPHABET}
_WORD = re.compile(r"[^\W\d_]+")


def prefers(ours: str, theirs: str) -> int:
    """1 where ``ours`` (a text read through one page) is made of words and ``theirs`` (the same
    text through the other, aligned character for character) is not, -1 the other way round, 0
    where the lists cannot tell (or are not installed). Each pair of words the readings write
    differently counts once, up to :data:`_PAIRS` of them (the texts are compared a block at a
    time in C: a big document that ties is read only as far as its first differing words)."""
    if not _installed():
        return 0
    pairs: set[tuple[str, str]] = set()
    at, size = 0, min(len(ours), len(theirs))
    while at < size and len(pairs) < _PAIRS:
        stop = min(at + _BLOCK, size)
        if ours[at:stop] == theirs[at:stop]:
            at = stop
            continue
        i = next(k for k in range(at, stop) if ours[k] != theirs[k])
        start, end = i, i + 1
        while start > 0 and ours[start - 1].isalpha():
            start -= 1
        while end < size and ours[end].isalpha():
            end += 1
        a, b = ours[start:end], theirs[start:end]
        if len(a) >= _SHORTEST and _WORD.fullmatch(a) and _WORD.fullmatch(b):
            pairs.add((a, b))
        at = end
    known_ours = sum(_known(a) for a, _ in pairs)
    known_theirs = sum(_known(b) for _, b in pairs)
    if known_ours > 2 * known_theirs:
        return 1
    if known_theirs > 2 * known_ours:
        return -1
    return 0


_PAIRS = 64  # differing words weighed at most
# Letters a word must have to count: the lists hold single letters and pairs (``ş``), and an
# ordinal ``{}.º`` in a Spanish catalog read as cp1250 would have been Romanian ``ş``.
_SHORTEST = 3
_BLOCK = 256  # characters compared at a time


def _known(word: str) -> bool:
    """Whether ``word`` is in the list of a language whose alphabet holds its letters."""
    import wordfreq

    lower = word.lower()
    letters = {c for c in lower if not c.isascii()}
    for lang, alphabet in _ALPHABETS.items():
        if letters <= set(alphabet):
            name = _LISTS.get(lang, lang)
            if name in _available() and wordfreq.word_frequency(lower, name, wordlist="small") > 0:
                return True
    return False


@cache
def _installed() -> bool:
    return find_spec("wordfreq") is not None


@cache
def _available() -> frozenset[str]:
    import wordfreq

    return frozenset(wordfreq.available_languages(wordlist="small"))
