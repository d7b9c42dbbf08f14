"""A lost hangul syllable at the end of a word, taken as the one particle among its readings.

Why a module of its own: Korean UTF-8 read through windows-1252 loses every syllable holding
one of the page's five undefined bytes (81, 8D, 8F, 90, 9D), and what stays open is mostly a
particle after a word that no list holds (``보살핌�``, ``육아휴직�``): wordfreq's Korean list is
of morphemes, not of the words Korean writes between spaces (a stem and its particles), and a
syllable alone is settled by its own frequency, which is no evidence (the commonest syllable, a
particle, always won, wherever it stood: ``총 30억`` became ``이 30억``).

Where it stands is the evidence. A lost syllable's readings are few (the lost byte is one of the
five, at one place or two): ``의`` (EC 9D 98) shares its with ``영``, ``쏘``, ``옐`` and six
more, and a particle among them is nearly always the only one. At the end of a word (a hangul
syllable before it, none after), Korean writes a particle there more than anything else. The
rule takes that particle only where:

* it is the one particle among the readings, and agrees with the syllable before it (``을``,
  ``이``, ``은``, ``과`` follow a final consonant, ``를``, ``가``, ``는``, ``와`` do not);
* the syllables before it end a listed word of two syllables or more (``자녀``, ``휴직``): a
  name (``홍길영``, ``박준석``) or a word of one syllable (``물총``, ``장총``) is no evidence
  of a particle after it;
* no other reading ends a listed word there (``운영`` is a word: ``영`` is not taken for
  ``의``); so the rule asks for the word list (the ``words`` extra) and is off without it.
"""

from __future__ import annotations

from collections.abc import Mapping

from .lossy import FFFD

# Particles of one syllable (postpositions Korean writes after a noun, with no space).
PARTICLES = frozenset("의을를이가은는에와과도로만")
_AFTER_FINAL = frozenset("을이은과")  # after a syllable with a final consonant only
_AFTER_OPEN = frozenset("를가는와")  # after one without
_LONGEST = 6  # the longest word looked up, in syllables


def _hangul(c: str) -> bool:
    return "\uac00" <= c <= "\ud7a3"


def _agrees(before: str, particle: str) -> bool:
    final = (ord(before) - 0xAC00) % 28 != 0
    return not ((particle in _AFTER_FINAL and not final) or (particle in _AFTER_OPEN and final))


def choose(chars: list[str], opened: Mapping[int, tuple[str, ...]], logs: Mapping[str, float]) -> int:
    """Each U+FFFD of ``chars`` at an index of ``opened`` (its readings) set to the particle
    the rule above takes; how many were set. ``logs``: the listed Korean words.

    >>> chars = list("보살핌� 필요")
    >>> choose(chars, {3: ("쁴", "썴", "이", "총")}, {"보살핌": -12.0}), "".join(chars)
    (1, '보살핌이 필요')
    >>> chars = list("운� 및")
    >>> choose(chars, {1: ("쁘", "의", "영")}, {"운영": -9.0}), "".join(chars)
    (0, '운� 및')
    """
    n = 0
    for i, readings in opened.items():
        if chars[i] != FFFD or i == 0 or not _hangul(chars[i - 1]):
            continue
        if i + 1 < len(chars) and (_hangul(chars[i + 1]) or chars[i + 1] == FFFD):
            continue  # (inside a word, or before another lost syllable)
        found = [r for r in readings if r in PARTICLES]
        if len(found) != 1 or not _agrees(chars[i - 1], found[0]):
            continue
        start = i
        while start > 0 and i - start < _LONGEST - 1 and _hangul(chars[start - 1]):
            start -= 1
        stem = "".join(chars[start:i])
        if not any(stem[k:] in logs for k in range(len(stem) - 1)):
            continue  # (the word before it is no listed word of two syllables or more: a name)
        if any(stem[k:] + r in logs for r in readings if r != found[0] for k in range(len(stem))):
            continue  # (another reading ends a listed word: ``운영``)
        chars[i] = found[0]
        n += 1
    return n
