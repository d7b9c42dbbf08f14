"""The mojibake screen: would ftfy's encoding repair touch any line of this text?

(Belongs to the ``scoring/`` subpackage. Fixers and the per-fixer prefilters of
:mod:`mojifix.engine.prefilters` use it; it imports no fixer and no engine module.)

Most text a corpus pipeline sees is clean, so the cost of saying "nothing to do" decides what
mojifix costs; the per-fixer decisions live in :mod:`mojifix.engine.prefilters`. The hard one is
mojibake. ftfy only touches a line when ``ftfy.badness.is_bad(line)`` (or when
it holds C1 controls or surrogates), but ``is_bad`` is a regex alternation that runs at 6-20 MB/s.
The alphabet mojibake is made of (every character a single-byte code page produces from a byte
>= 0x80) is much faster to scan for, but too coarse: Chinese “ ” and all of Cyrillic are in it,
so clean Chinese and Russian would still reach ftfy. So the screen is built from ftfy's own
``BADNESS_RE``, parsed with the ``re`` parser:

1. Every branch of the alternation has at least one position that must hold a character from a
   small, explicit set (``[ÂÃÎÐ]``, a currency sign, a C1 control, ...). For each branch we take
   the set of such a position whose characters are rarest in clean text (symbols over letters,
   and never plain ASCII or Russian letters). The union ``R`` of those sets is one compiled
   character class, which ``re`` scans at hundreds of MB/s.
2. At each hit of ``R``, ``BADNESS_RE`` itself runs on a window reaching the longest possible
   match width either side of the hit (``^`` rewritten to "at a line break", since a window starts
   mid-line). Any match of ``BADNESS_RE`` in a line contains a character of ``R`` and lies inside
   the window around it, so a line ftfy would repair is never skipped.

If ftfy's pattern ever holds something this derivation does not understand, ``R`` falls back to
the whole mojibake alphabet, which is slower but still exact.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache
from typing import NamedTuple

if sys.version_info >= (3, 11):
    import re._compiler as _sre_compile  # type: ignore[import-not-found]
    import re._constants as _sre_c  # type: ignore[import-not-found]
    import re._parser as _sre_parse  # type: ignore[import-not-found]
else:  # pragma: no cover - Python 3.10
    import sre_compile as _sre_compile
    import sre_constants as _sre_c
    import sre_parse as _sre_parse

_SINGLE_BYTE = (
    "latin-1", "windows-1252", "windows-1251", "windows-1250", "windows-1253",
    "windows-1254", "windows-1257", "iso-8859-2", "mac-roman", "cp437",
)


@lru_cache(maxsize=1)
def suspicious_line() -> re.Pattern[str]:
    """A regex matching any character mojibake of UTF-8 read as a single-byte page contains
    (the mojibake fixer's first test, and the alphabet of last resort here)."""
    chars: set[str] = set(chr(c) for c in range(0x80, 0x100))
    for enc in _SINGLE_BYTE:
        chars.update(bytes(range(0x80, 0x100)).decode(enc, errors="ignore"))
    chars.add("\ufffd")
    cls = "".join(sorted(re.escape(c) for c in chars))
    return re.compile(f"[{cls}]")

# Characters that end a line for str.splitlines (the unit ftfy and our mojibake fixer work on).
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def _char_cost(cp: int) -> float:
    """How common a character is in clean text, roughly: ASCII and core alphabets are costly."""
    if cp < 0x80:
        return float("inf")
    ch = chr(cp)
    cat = unicodedata.category(ch)
    if 0x410 <= cp <= 0x44F or 0x391 <= cp <= 0x3C9 or 0x5D0 <= cp <= 0x6FF:
        return 50.0  # Russian, Greek, Hebrew and Arabic letters: the bulk of their text
    if 0x4E00 <= cp <= 0x9FFF or 0x3040 <= cp <= 0x30FF or 0xAC00 <= cp <= 0xD7AF:
        return 50.0
    if cat.startswith("L"):
        return 5.0
    return 1.0


def _item_chars(op: object, av: object) -> set[int] | None:
    """The characters a single-character regex item accepts, or None if not a small explicit set."""
    if op is _sre_c.LITERAL:
        return {av}  # type: ignore[arg-type]
    if op is _sre_c.IN:
        out: set[int] = set()
        for sub_op, sub_av in av:  # type: ignore[attr-defined]
            if sub_op is _sre_c.LITERAL:
                out.add(sub_av)
            elif sub_op is _sre_c.RANGE:
                lo, hi = sub_av
                if hi - lo > 2000:
                    return None
                out.update(range(lo, hi + 1))
            else:  # NEGATE, CATEGORY (\w, \s): too big to scan for
                return None
        return out
    return None


_UNDERSTOOD = {"LITERAL", "IN", "MAX_REPEAT", "MIN_REPEAT", "AT", "ANY", "NOT_LITERAL", "CATEGORY",
               "SUBPATTERN", "BRANCH"}


def _walk_ops(items: object) -> set[str]:
    names: set[str] = set()
    for op, av in items:  # type: ignore[attr-defined]
        names.add(str(op))
        if str(op) in ("MAX_REPEAT", "MIN_REPEAT"):
            names |= _walk_ops(av[2])
        elif str(op) == "SUBPATTERN":
            names |= _walk_ops(av[-1])
        elif str(op) == "BRANCH":
            for b in av[1]:
                names |= _walk_ops(b)
        elif str(op) == "AT" and str(av) != "AT_BEGINNING":
            names.add("AT_OTHER")
    return names


def derive_required_chars(pattern: re.Pattern[str]) -> tuple[set[int], int] | None:
    """For a top-level alternation, a set of characters every match contains, and the longest
    match width; None when the pattern holds constructs this cannot reason about."""
    parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
    if not _walk_ops(parsed.data) <= _UNDERSTOOD:
        return None
    data = parsed.data
    if len(data) == 1 and data[0][0] is _sre_c.BRANCH:
        branches = data[0][1][1]
    else:
        branches = [data]
    required: set[int] = set()
    for branch in branches:
        best: set[int] | None = None
        best_cost = float("inf")
        for op, av in branch:
            chars = _item_chars(op, av)
            if not chars:
                continue
            cost = sum(_char_cost(c) for c in chars)
            if cost < best_cost:
                best, best_cost = chars, cost
        if best is None:
            return None
        required |= best
    width = parsed.getwidth()[1]
    if width >= _sre_c.MAXREPEAT or width > 64:
        return None
    return required, width


_SINGLE = ("LITERAL", "IN", "NOT_LITERAL", "CATEGORY", "ANY")

# A neighbour constraint: the set of characters allowed there, or None for "anything".
Neighbour = "frozenset[str] | re.Pattern[str] | None"


def derive_neighbours(
    pattern: re.Pattern[str], chars: set[int]
) -> dict[str, list[tuple[object, object]]] | None:
    """For each character of ``chars``: every (previous, next) pair of constraints under which it
    could sit inside a match of ``pattern``. A hit whose actual neighbours violate every pair
    cannot be part of a match, so the window check is skipped. None when unsure."""
    parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
    data = parsed.data
    branches = data[0][1][1] if len(data) == 1 and data[0][0] is _sre_c.BRANCH else [data]
    state = parsed.state
    probe = [chr(c) for c in sorted(chars)]

    def item_re(item: object) -> re.Pattern[str]:
        return _sre_compile.compile(_sre_parse.SubPattern(state, [item]), pattern.flags)

    def constraint(item: object) -> object:
        op, av = item  # type: ignore[misc]
        if str(op) not in _SINGLE:
            return None  # zero-width, optional or repeated: the real neighbour is elsewhere
        small = _item_chars(op, av)
        if small is not None:
            return frozenset(chr(c) for c in small)
        return item_re(item)

    table: dict[str, list[tuple[object, object]]] = {ch: [] for ch in probe}
    for branch in branches:
        items = list(branch)
        for k, item in enumerate(items):
            op, av = item
            name = str(op)
            if name in ("MAX_REPEAT", "MIN_REPEAT"):
                inner = list(av[2])
                if len(inner) != 1 or str(inner[0][0]) not in _SINGLE:
                    return None
                rx = item_re(inner[0])
                for ch in probe:
                    if rx.fullmatch(ch):
                        table[ch].append((None, None))
                continue
            if name == "AT":
                continue
            if name not in _SINGLE:
                return None
            rx = item_re(item)
            prev = constraint(items[k - 1]) if k > 0 else None
            nxt = constraint(items[k + 1]) if k + 1 < len(items) else None
            for ch in probe:
                if rx.fullmatch(ch):
                    table[ch].append((prev, nxt))
    return table


def _allowed(constraint: object, ch: str) -> bool:
    if constraint is None:
        return True
    if isinstance(constraint, frozenset):
        return ch in constraint
    return constraint.fullmatch(ch) is not None  # type: ignore[attr-defined]


def _class(chars: set[int]) -> str:
    return "".join(re.escape(chr(c)) for c in sorted(chars))


_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"  # zerowidth.ZW_RUN's class


class Survey(NamedTuple):
    """What one scan of a text found: could ftfy change it, does it hold zero-width characters."""

    mojibake: bool
    zero_width: bool


_SURROGATE = re.compile("[\ud800-\udfff]")
_SLICE = 1 << 16  # long runs are checked in slices of this many characters (plus the width)


class MojibakeScreen:
    """One scan that answers, exactly, "would ftfy's encoding repair touch any line of this
    text?" and, in passing, "does it hold zero-width characters?"."""

    def __init__(self) -> None:
        from ftfy.badness import BADNESS_RE

        derived = derive_required_chars(BADNESS_RE)
        self.quick: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        if derived is None:  # pragma: no cover - a future ftfy we cannot parse: stay exact
            chars = {ord(c) for c in suspicious_line().pattern if ord(c) >= 0x80}
            self.width = -1
            self.window = re.compile(".")
        else:
            chars, self.width = derived
            # A window starts mid-line: make ``^`` mean "at the start of a line" instead.
            source = re.sub(r"(?<![\[\\])\^", f"(?:^|(?<=[{_LINE_BREAKS}]))", BADNESS_RE.pattern)
            self.window = re.compile(source, BADNESS_RE.flags)
            self.quick = _quick_rules(derive_neighbours(BADNESS_RE, chars) or {})
        chars |= set(range(0x80, 0xA0))  # ftfy's fix_c1_controls
        # The runs the survey walks leave out the zero-width characters no BADNESS_RE match
        # needs (all of them, with today's ftfy): the survey finds those with one str.find
        # each, and every match holds one of the characters still walked, each checked on its
        # own. Zero-width spam puts one every few letters; walking them was half the survey.
        walked = set(chars)
        chars |= {ord(c) for c in _ZERO_WIDTH}
        self.alphabet = f"{_class(chars)}\ud800-\udfff"  # + ftfy's fix_surrogates
        # (the inside of a character class: stream.py's quiet runs and their cut points)
        self.any_char = re.compile(f"[{self.alphabet}]")
        alphabet = f"{_class(walked)}\ud800-\udfff"
        # Runs of the alphabet, except a lone character that its quick rule already clears
        # (``“`` between ASCII words): that test is done in C here, for the characters whose
        # rules name no ASCII neighbour, against the union of their rules (a superset: the
        # loop below still applies each character's own rule).
        narrow = {c: r for c, r in self.quick.items()
                  if not any(x.isascii() for x in r[0] | r[1])}
        if narrow:
            lone = _class({ord(c) for c in narrow})
            before = {ord(x) for r in narrow.values() for x in r[0]}
            after = {ord(x) for r in narrow.values() for x in r[1]}
            tests = [f"(?<![{lone}])"]
            if before:
                tests.append(f"(?<=[{_class(before)}].)")
            if after:
                tests.append(f"(?=[{_class(after)}])")
            self.hits = re.compile(f"[{alphabet}](?:[{alphabet}]+|{'|'.join(tests)})")
        else:  # pragma: no cover - a future ftfy without such rules
            self.hits = re.compile(f"[{alphabet}]+")

    def survey(self, text: str, zero_width_too: bool = True) -> Survey:
        """Whether ftfy would change a line of ``text``, and (unless ``zero_width_too`` is
        False, when only the first answer is wanted) whether it holds zero-width characters."""
        if text.isascii():
            return Survey(False, False)
        w = self.width
        window = self.window
        quick = self.quick
        mojibake = False
        # Zero-width characters: a find per character, in C. (The runs below used to look for
        # them, so a text without any was walked to its end after its first mojibake; now
        # they leave them out, see __init__.)
        zero_width = zero_width_too and any(z in text for z in _ZERO_WIDTH)
        # One match per *run* of alphabet characters: clean text has short runs (a lone “),
        # adversarial text one long run, which is then checked in slices, never per character.
        for m in self.hits.finditer(text):
            a, b = m.span()
            if b - a == 1:
                ch = text[a]
                rule = quick.get(ch)
                if rule is not None and text[a - 1 : a] not in rule[0] and text[b : b + 1] not in rule[1]:
                    continue  # the common case: a lone “ or « that no branch can use here
                if "\ud800" <= ch <= "\udfff" or w < 0:
                    mojibake = True  # fix_surrogates would act (or no finer test exists)
                elif rule is None or text[a - 1 : a] in rule[0] or text[b : b + 1] in rule[1]:
                    # else: no branch of BADNESS_RE can hold this character here
                    mojibake = window.search(text[max(0, a - w) : b + w]) is not None
            elif w < 0 or _SURROGATE.search(text, a, b) is not None:
                mojibake = True
            else:
                for lo in range(a, b, _SLICE):
                    hi = min(b, lo + _SLICE)
                    if window.search(text[max(0, lo - w) : hi + w]) is not None:
                        mojibake = True
                        break
            if mojibake:
                break
        return Survey(mojibake, zero_width)

    def __call__(self, text: str) -> bool:
        """False only if ftfy (with mojifix's settings) would change no line of ``text``."""
        return self.survey(text, zero_width_too=False).mojibake


def _quick_rules(
    neighbours: dict[str, list[tuple[object, object]]],
) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Per character, two sets: a match holding it needs the character before it in the first
    set or the character after it in the second. Characters whose pairs involve an open class
    (``\\w``, ``\\s``) or no constraint at all get no rule and always take the window check."""
    rules: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
    for ch, pairs in neighbours.items():
        before: set[str] = set()
        after: set[str] = set()
        ok = True
        for prev, nxt in pairs:
            if prev is not None:
                if not isinstance(prev, frozenset):
                    ok = False
                    break
                before |= prev
            elif nxt is not None and isinstance(nxt, frozenset):
                after |= nxt
            else:
                ok = False
                break
        if ok:
            rules[ch] = (frozenset(before), frozenset(after))
    return rules


@lru_cache(maxsize=1)
def mojibake_screen() -> MojibakeScreen:
    return MojibakeScreen()


def might_be_mojibake(text: str) -> bool:
    """Whether ftfy's encoding repair could change ``text`` (never False when it would)."""
    return mojibake_screen()(text)
