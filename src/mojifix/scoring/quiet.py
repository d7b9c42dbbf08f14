"""One walk over the text that clears most clean lines for the two costly screens at once.

Clean text pays for three regex passes before mojifix can say "nothing to do": the plausibility
penalty scan and the script-clash walker that the chain screen runs (:func:`plausibility.scans`),
and the mojibake screen's scan for ftfy's characters (:class:`screen.MojibakeScreen`). Each runs
at about 500 MB/s, so together they cost three times one. This module builds a single walker, in
the style of the clash walker (possessive steps, consumed a run at a time, linear time), that
passes a line only when *none* of the three could find anything there. Where it stops, the
exact screens run on that line alone, and the walk goes on from the next line.

It passes, by construction:

* runs of "other" characters: ASCII except capitals, and every non-ASCII character that carries
  no penalty, is not in the mojibake alphabet and belongs to none of the clash scripts (Arabic,
  most accented Latin, punctuation);
* an ASCII capital (or a run of them) when no lowercase letter comes right before it (that would
  be a case flip), and a character of the screen's alphabet (a code page's continuation
  character, or a lead that takes a space or ``?`` after it) where no trigger of the screen can
  hold it: not right after a lead (for a 3- or 4-byte lead, not when a continuation or a
  stand-in follows), not after "lead, space" or "lead, ?" that take one, and a lead taking a
  space or ``?`` not before them (the screen's trigger read backwards, with the pages pooled,
  so it is stricter than the screen itself: a ``“`` between words, ``ё`` inside ``обнадёживают``);
* the clash walker's stretches of hanzi/kana, of Cyrillic/Greek words and of hangul words, with
  the same lookarounds, but only over characters free of penalty; a Cyrillic or Greek word is a
  capital then lowercase letters, or a run of Cyrillic capitals not followed by a cp1251 trail
  symbol (so neither a case flip nor the lone-capital rule can hold inside it); a capital that
  is a lead taking a space (Cyrillic ``В``) only where no space or ``?`` follows, a lowercase
  continuation (``ё``) under the alphabet's test above; a stretch never starts right after a
  lowercase letter.

Anything else stops it: a penalised character, a case flip, a trigger of the mojibake screen,
a zero-width character, a surrogate. Stopping too often costs time, never a result, because the
exact screens decide every line it stops on. ``tests/test_quiet.py`` checks the promise
("passed means every screen is quiet") on generated lines built from the characters each rule
is about.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..memo import last_answer, note
from . import atomic
from .atomic import rep

_LATIN = "A-Za-z"


@lru_cache(maxsize=1)
def walker() -> re.Pattern[str]:
    """The combined walker (built on first use: it needs the screen's code-page tables)."""
    return build(atomic.NATIVE)


@lru_cache(maxsize=2)
def build(native: bool) -> re.Pattern[str]:
    """:func:`walker` with its possessive repeats in the native or the portable form
    (:func:`mojifix.scoring.atomic.rep`)."""
    from . import latinpairs, plausibility
    from .plausibility import _CYR_LO, _CYR_UP, _GREEK, _GREEK_UP, _HANGUL, _HK, _members
    from .plausibility import class_of as _cls
    from .screen import _ZERO_WIDTH, mojibake_screen

    ms = mojibake_screen()
    alpha_all = ms.alphabet_chars
    free = set(plausibility._free_chars())
    alpha = {c for c in free if c in alpha_all or "\ud800" <= c <= "\udfff"}
    ascii_alpha = {c for c in alpha_all if c.isascii()}
    ok = free - alpha
    hk, hangul, greek = _members(_HK), _members(_HANGUL), _members(_GREEK)
    cyr_up, greek_up = _members(_CYR_UP), _members(_GREEK_UP)
    cyr = _members(_CYR_LO) | cyr_up
    # Lowercase for the case-flip rule, as plausibility's penalty scan has it (all of Greek).
    lows = f"a-z{_CYR_LO}{_GREEK}"
    scripts = hk | hangul | cyr | greek
    caps = {c for c in free if c in cyr_up or c in greek_up}
    other = _cls({c for c in ok if c not in scripts})
    # A character of the screen's alphabet is cleared alone when no trigger of the screen can
    # hold it where it stands (the trigger's own rules, read backwards: see screen.py):
    # not after a lead taking a continuation next; not after "lead, space" or "lead, ?" that
    # take one; and, for a lead taking a space or "?" after it, not before those.
    stand_in = ms.stand_in_leads
    lone = {c for c in alpha  # (a letter of a clash script only inside its stretch, below)
            if c not in scripts and c not in _ZERO_WIDTH and c not in "\ufffd\x1a"
            and not ("\x80" <= c <= "\x9f" or "\ud800" <= c <= "\udfff")}
    follow = f"{_cls(ms.conts)}\x1a\ufffd"
    before = (f"(?<![{_cls(ms.lead2)}].)"
              f"(?:(?<![{_cls(ms.lead34)}].)|(?![{follow}?]))"
              f"(?:(?<![{_cls(ms.cont_space)}].)|(?! ))"
              f"(?<![{_cls(ms.space_cont)}] .)(?<![{_cls(ms.query_cont)}]\\?.)")
    plain, taking = lone - stand_in, lone & stand_in
    parts = ([f"[{_cls(plain)}]"] if plain else []) + ([f"[{_cls(taking)}](?![ ?])"] if taking else [])
    cleared = f"(?:{'|'.join(parts)}){before}" if parts else "(?!)"
    ascii_other = _cls({chr(c) for c in range(0x80)} - ascii_alpha - set(map(chr, range(0x41, 0x5B))))
    o = f"{ascii_other}{other}"

    def r(x: str, q: str) -> str:
        return rep(x, q, native=native)

    others = r(f"[{o}]", "*")
    capitals = r("[A-Z]", "+")
    step = f"(?:(?<![{lows}]){capitals}|{cleared}){others}"
    run = f"(?=[{o}A-Z{_cls(lone)}]){others}{r(step, '*')}"
    # Between the letters of a stretch: neither a letter nor a line end (nor, for hanzi, a space).
    inner = _cls({c for c in map(chr, range(0x80)) if not c.isalpha() and c not in "\n "}
                 - ascii_alpha) + other
    hanzi = r(f"[{_cls(hk & ok)}]", "+")
    near_hk = f"{_LATIN}{_HANGUL}\u0400-\u04ff"
    hanzi_stretch = (
        f"(?<![{near_hk}])(?<![{_LATIN}] ){hanzi}{r(r(f'[{inner}]', '+') + hanzi, '*')}"
        f"(?![{near_hk}]| [{plausibility._HAN}{_LATIN}])"
    )
    low = _cls(((cyr | greek) & ok) - caps)
    trail = re.escape(plausibility._CP1251_TRAIL_SYMBOLS)
    # A capital that is a lead taking a space or "?" after it (Cyrillic В Г Е О Р Щ, Greek
    # Β Γ Ε Ξ Π): inside a word, unless that follows. (One that is a continuation stops.)
    cap_lead = (caps & stand_in & free) - ms.conts

    def capital(among: set[str], run: bool = False) -> str:
        # (in a run, the plain capitals go by a class repeat, in C, not a group per letter)
        plain = f"[{_cls(among & ok)}]"
        alts = [r(plain, "+") if run else plain] if among & ok else []
        if among & cap_lead:
            alts.append(f"[{_cls(among & cap_lead)}](?![ ?])")
        return f"(?:{'|'.join(alts)})"

    # A lowercase letter of the alphabet (Cyrillic ё і ї є, a continuation in cp1251) goes
    # inside a word under the same test as a lone one: a stretch cannot restart after it.
    low_alpha = ((cyr | greek) & alpha) - caps - stand_in
    # (the plain letters by a class repeat, in C: a group per letter made words 5x slower)
    low_item = (f"(?:{r(f'[{low}]', '+')}|[{_cls(low_alpha)}]{before})" if low_alpha
                else f"[{low}]")
    word = (f"(?:{r(capital(caps), '?')}{r(low_item, '+')}"
            f"|{r(capital(caps & cyr_up, run=True), '+')}(?![{trail}]))")
    spaces = r(f"[ {inner}]", "+")
    # Nor may a stretch end where latinpairs.count may find a pair (UTF-8's accented letter
    # read as KOI8-R, cp1251 or cp1253): on a lead before a free symbol of a pair and a Latin
    # letter (``ц÷e``), or on a pair before a space and a Latin word (``Si ГЁ verificato``).
    leads = _cls(set(latinpairs.leads()))
    pairs = _cls(free & set(latinpairs.symbol_trails() + latinpairs.lone_trails()))
    pair_end = (f"(?!(?<=[{leads}])[{pairs}] ?[{_LATIN}])"
                f"(?!(?<=[{leads}][{pairs}]) [{_LATIN}])")
    cg_stretch = f"(?<![{_LATIN}{lows}]){word}{r(spaces + word, '*')}(?![{_LATIN}]){pair_end}"
    syl = _cls(hangul & ok)
    syllables = (f"(?:[{syl}]{r(f'[{syl}]', '+')}"
                 f"|[{syl}](?![\uac00-\ud7a3])(?<![{_LATIN}] .)(?! [{_LATIN}]))")
    hangul_stretch = (
        f"(?<![{_LATIN}]){syllables}{r(spaces + syllables, '*')}(?![{_LATIN}])"
    )
    return atomic.compile(r(f"{run}|{hanzi_stretch}|{cg_stretch}|{hangul_stretch}", "*"))


# Beyond this many stopped lines per 2 Ki characters walked, the rest of the text goes to the
# exact screens whole: a line-by-line walk that stops everywhere would cost more than they do.
_DENSITY = 2048
_SLACK = 8

# The walker takes about 40 ms to build (its classes hold thousands of characters); once built
# it roughly doubles the speed of clean non-ASCII text. Whether a text is walked depends on that
# text alone (never on what the process saw before, so the same input always takes the same
# path): a text of at least this many characters is; a shorter one (a line in a pipe, a short
# message: ``echo é | mojifix fix -`` keeps its start-up) goes to the exact screens whole.
WALKER_MIN = 4096


def regions(text: str) -> list[tuple[int, int]]:
    """``[(start, end), ...]``: the parts of ``text`` the walker could not clear, each a run of
    whole lines (``end`` is past the line's ``\\n``, or the end of the text). The screens need
    only look inside them; outside, every screen is quiet. While a document is repaired, the
    answer for the last text object asked about is kept in its memo (the chain and mojibake
    screens ask in turn)."""
    return last_answer("last_regions", text, _regions)


def _regions(text: str) -> list[tuple[int, int]]:
    size = len(text)
    if size < WALKER_MIN:
        note("quiet:whole")
        return [(0, size)] if size else []
    note("quiet:walk")
    walk = walker().match
    out: list[tuple[int, int]] = []
    stops = 0
    pos = walk(text).end()
    while pos < size:
        start = text.rfind("\n", 0, pos) + 1
        stops += 1
        if stops > _SLACK + start // _DENSITY:
            out.append((start, size))
            break
        end = text.find("\n", pos)
        end = size if end < 0 else end + 1
        if out and out[-1][1] == start:  # the line after a stopped one
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
        pos = walk(text, end).end() if end < size else size
    return out
