"""Letter statistics of languages: one table per fact, read by detection and the chain plan.

How often each Cyrillic letter occurs (the usual corpus figures for Russian, in percent;
Ukrainian і ї є ґ at their Ukrainian rate), and what share of Cyrillic letters are vowels.
KOI8-R read as cp1251 is a permutation of the alphabet that keeps every letter a letter, so
only such statistics tell it from real text (``уйофблуйу`` is rare letters, ``синтаксис``
common ones); detection weighs a candidate reading's letters by the same table.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

# Russian letter frequencies (%), the usual corpus figures.
RUSSIAN_FREQ = dict(
    zip(
        "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё",
        (10.97, 8.45, 8.01, 7.35, 6.70, 6.26, 5.47, 4.73, 4.54, 4.40, 3.49, 3.21, 2.98, 2.81,
         2.62, 2.01, 1.90, 1.74, 1.70, 1.65, 1.59, 1.44, 1.21, 0.97, 0.94, 0.73, 0.64, 0.48,
         0.36, 0.32, 0.26, 0.04, 0.04),
        strict=True,
    )
)
# Russian and Ukrainian: Ukrainian's own letters added at their Ukrainian rate (%).
CYRILLIC_FREQ = {**RUSSIAN_FREQ, "і": 5.0, "ї": 0.6, "є": 0.8, "ґ": 0.1}
_CYR = re.compile("[\u0400-\u045f\u0490\u0491]")

# Vowels of the Cyrillic alphabets; Russian, Ukrainian and Bulgarian text has 38-46% of them.
_CYR_VOWELS = frozenset("аеёиоуыэюяіїєАЕЁИОУЫЭЮЯІЇЄ")
_CYR_WORDS = re.compile("[\u0400-\u045f]{2,}")


def letter_score(text: str) -> float:
    """Mean log-frequency of the Cyrillic letters of ``text`` (0.0 when it has none).

    >>> letter_score("синтаксис") > letter_score("уйофблуйу")
    True
    """
    letters = [c.lower() for c in _CYR.findall(text)]
    if not letters:
        return 0.0
    return sum(math.log(CYRILLIC_FREQ.get(c, 0.1) / 100) for c in letters) / len(letters)


def vowel_share(text: str) -> tuple[int, float]:
    """(Cyrillic letters in words of two or more, the share of them that are vowels)."""
    letters = "".join(_CYR_WORDS.findall(text))
    n = len(letters)
    return n, (sum(c in _CYR_VOWELS for c in letters) / n if n else 0.0)


def vowels_restored(line: str, cand: str) -> bool:
    """KOI8-R read as cp1251 keeps every letter a letter and only swaps case, so the cost sees
    little more than one case flip per sentence (``чЕЮЕТПН``). The letters are permuted too: the
    vowels а и о у ы я become Б Й П Х Щ С, and the line's share of vowels falls from about 40%
    to 16-28%. Real text, in capitals or typed with Caps Lock (``мАМА МЫЛА РАМУ``), keeps its
    vowels, so a line with few vowels whose repair has a normal share is evidence enough."""
    n, before = vowel_share(line)
    _, after = vowel_share(cand)
    return n >= 20 and before <= 0.30 and after >= 0.36


# The accented letters of each language written with Latin letters on a Windows page (lower case),
# for the one decision the plausibility cost cannot make: Czech read through cp1252 (``Skonèí``)
# costs what ``Skončí`` costs, letter for letter; only the set of letters a whole document uses
# tells the two apart (no language writes both ``š`` and ``è``). Western: the languages cp1252
# serves; Central European: those cp1250 serves.
WESTERN_ALPHABETS: dict[str, str] = {
    "fr": "àâæçéèêëîïôœùûüÿ", "de": "äöüß", "es": "áéíñóúü", "ca": "àçéèíïòóúü",
    "it": "àèéìíîòóù", "pt": "áâãàçéêíóôõú", "nl": "áéëïóöüèêç", "da": "æøåéó",
    "sv": "åäöé", "fi": "äöåšž", "is": "áðéíóúýþæö", "fo": "áðíóúýæø", "et": "äõöüšž",
    "sq": "çë", "ga": "áéíóú",
}
CENTRAL_ALPHABETS: dict[str, str] = {
    "cs": "áčďéěíňóřšťúůýž", "sk": "áäčďéíĺľňóôŕšťúýž", "pl": "ąćęłńóśźż",
    "hu": "áéíóöőúüű", "hr": "čćđšž", "sl": "čšž", "ro": "ăâîşţ", "de": "äöüß",
}
# Turkish, which cp1254 serves (fixers/latinpages.py's Turkish pages; fixers/pagewords.py's lists).
TURKISH_ALPHABET: dict[str, str] = {"tr": "çğıöşüâîû"}


_ASCII_RUNS = re.compile("[\x00-\x7f]+")


def non_ascii(text: str) -> set[str]:
    """The set of ``text``'s non-ASCII characters (what an alphabet is asked about), made of the
    text with its ASCII runs taken out at C speed: a set of every character hashed each of an
    English page's 4,000 (50 µs, paid by every Western page that reaches a Latin page's rule,
    issue 20).

    >>> sorted(non_ascii("Skonèí 2\x9a"))
    ['\x9a', 'è', 'í']
    """
    return set(_ASCII_RUNS.sub("", text))


def one_alphabet(chars: set[str], alphabets: dict[str, str]) -> str | None:
    """The first language of ``alphabets`` whose letters hold all of ``chars`` (non-ASCII, any
    case), or None.

    >>> one_alphabet({"č", "ř"}, CENTRAL_ALPHABETS), one_alphabet({"š", "è"}, WESTERN_ALPHABETS)
    ('cs', None)
    """
    lower = {c.lower() for c in chars}
    return next((lang for lang, letters in alphabets.items() if lower <= set(letters)), None)


def alphabet_prefers(ours: str, theirs: str) -> bool:
    """Whether the non-ASCII letters of ``ours`` fit one language's alphabet (Western or Central
    European) and those of ``theirs`` fit none: two readings of one document, the first a
    language, the second a mixture (Italian ``sì più`` against ``sÏ piÚ``)."""
    alphabets = {**WESTERN_ALPHABETS, **{f"{k}-ce": v for k, v in CENTRAL_ALPHABETS.items()}}

    def letters_of(text: str) -> set[str]:
        return {c for c in set(text) if not c.isascii() and c.isalpha()}

    def fits(text: str) -> bool:  # an accented capital after a small letter fits no word
        return _MID_CAPITAL.search(text) is None and one_alphabet(letters_of(text), alphabets) is not None

    return fits(ours) and not fits(theirs)


def outside_alphabet(chars: Iterable[str]) -> int:
    """How many distinct letters of ``chars`` (a text's characters; non-ASCII letters counted,
    any case, the ordinal indicators ``ª º`` apart) lie outside the one alphabet that holds most
    of them (:data:`LATIN_ALPHABETS` and the page tables above): 0 for one language's letters,
    one more for each letter no such alphabet adds (Danish ``ø å`` and ``ø ü``: 0 and 1).

    >>> outside_alphabet("ø å"), outside_alphabet("ø ü")
    (0, 1)
    """
    letters = {c.lower() for c in set(chars) if not c.isascii() and c.isalpha()} - {"ª", "º"}
    if not letters:
        return 0
    return min(len(letters - alphabet) for alphabet in _ALL_ALPHABETS)


_CAPITALS = "".join(chr(o) for o in range(0xC0, 0x180) if chr(o).isupper())
_MID_CAPITAL = re.compile(f"(?<=[a-z\u00df-\u00ff])[{_CAPITALS}]")


# Detection's one-language-at-a-time check (mojifix.scoring.detectscore, .bytecontext): every
# language written with accented Latin letters on any page (Vietnamese, Turkish, Baltic, ...) and
# the Cyrillic alphabets beyond Russian. Wider than the two Windows-page tables above, which serve
# the chain plan's narrower question (which of cp1252/cp1250 a document was written for).
# Accented letters by language: a text's accented letters should mostly come from one of these.
LATIN_ALPHABETS: tuple[str, ...] = (
    "áéíóúñü",  # es
    "áâãàçéêíóôõú",  # pt
    "àâæçéèêëîïôœùûüÿ",  # fr
    "àèéìíîòóù",  # it
    "äöüßé",  # de
    "éëïöüèáó",  # nl
    "àçèéíïòóúü",  # ca
    "ąćęłńóśźż",  # pl
    "áčďéěíňóřšťúůýž",  # cs
    "áäčďéíĺľňóôŕšťúýž",  # sk
    "áéíóöőúüű",  # hu
    "ăâîșțşţ",  # ro
    "çğıöşüâîİ",  # tr
    "čćđšž",  # hr / sl / bs
    "åäöé",  # sv
    "äöåšž",  # fi
    "æøåéó",  # da / no
    "áðéíóúýþæö",  # is
    "ąčęėįšųūž",  # lt
    "āčēģīķļņšūž",  # lv
    "äõöüšž",  # et
    "çë",  # sq
    "àáâãèéêìíòóôõùúýăđĩũơư",  # vi (base letters)
    "ĉĝĥĵŝŭ",  # eo
    "ċġħżàèìòù",  # mt
    "âêîôûŵŷáéíóú",  # cy / ga
)
# Every Latin alphabet above, as sets (outside_alphabet): a constant, built once.
_ALL_ALPHABETS: tuple[frozenset[str], ...] = tuple(
    frozenset(a) for a in (*WESTERN_ALPHABETS.values(), *CENTRAL_ALPHABETS.values(), *LATIN_ALPHABETS))
# Letters beyond Russian, by language: a text's should mostly come from one of these.
CYRILLIC_ALPHABETS: tuple[str, ...] = (
    "ґєії",  # uk
    "іў",  # be
    "ђјљњћџ",  # sr
    "ѓќѕјљњџ",  # mk
    "әғқңөұүһі",  # kk
    "ғқҳўҷӣ",  # uz / tg
    "ңөү",  # ky / tt
)
# What each letter outside the text's best-fitting alphabet costs.
ALPHABET_WEIGHT = 2.0


def alphabet_fit_cost(totals: list[int], fits: tuple[list[int], list[int]]) -> float:
    """The letters of each kind (1 accented Latin, 2 Cyrillic beyond Russian) outside that
    kind's best-fitting alphabet, weighed: ``totals[kind]`` letters, ``fits[kind - 1][i]`` of
    them in alphabet ``i`` (:data:`LATIN_ALPHABETS`, :data:`CYRILLIC_ALPHABETS`).

    >>> alphabet_fit_cost([0, 3, 0], ([3, 1], [0]))  # three letters, all in one alphabet
    0.0
    >>> alphabet_fit_cost([0, 3, 0], ([2, 1], [0]))  # one letter outside the best alphabet
    2.0
    """
    cost = 0.0
    for kind in (1, 2):
        if totals[kind]:
            cost += ALPHABET_WEIGHT * (totals[kind] - max(fits[kind - 1]))
    return cost
