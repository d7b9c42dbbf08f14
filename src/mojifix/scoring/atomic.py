"""An atomic (possessive) repeat written so that every supported ``re`` runs it correctly.

The clash walker (:func:`mojifix.scoring.plausibility.scans`) and the combined walk
(:func:`mojifix.scoring.quiet.walker`) are made of possessive repeats (``X*+``, ``X++``, ``X?+``): they
never backtrack, so a walk is linear in the text. Python's ``re`` has that syntax only from 3.11
(3.10 says ``re.error: multiple repeat``), and 3.11.0-3.11.4 get it wrong when the repeated
part holds a lookbehind: ``re.match(r"(?:[^x]++|(?<!q)x)*+", "ab")`` ends at 1, not 2, and at
the end of the text it returns a match that ends *before* it starts, which sent the chain
search's line loop round forever on Debian 12's 3.11.2 (CPython gh-106052, fixed in 3.11.5
by compiling possessive repeats as greedy repeats inside atomic groups).

The portable form is the lookahead + backreference idiom ``(?=(?P<_aN>(?:X)*))(?P=_aN)``: a
lookahead is atomic in every ``re`` (once it has matched, nothing backtracks into it), so the
group holds what the greedy repeat took at its first try and the backreference consumes exactly
that. It is the same language as ``X*+``; ``tests/safety/test_python_versions.py`` checks the
two forms of every walker give the same matches, on an interpreter where both work.

Which form a process uses is decided once, here, from the interpreter's version (never from
the input): native where it is reliable, because it is faster (the idiom keeps a capture and
compares it again; numbers at :data:`NATIVE`). A repeat of one character has cheaper exact
forms (``C*(?!C)``, ``C+(?!C)``, ``(?:C|(?!C))``), which :func:`rep` uses.
"""

from __future__ import annotations

import re
import sys

# Native possessive quantifiers are right from 3.11.5 (gh-106052's fix; 3.12.0 had it from its
# first release candidate). Where they are, they are used, because they are faster. Measured on
# 3.11.7 (a loaded 2-core machine, so roughly): walking clean mixed-script text
# (bench/corpus.py), the portable clash walker ran at about 0.7x and the combined walk at about
# 0.6x the native speed; bench/throughput.py --clean-mb 4 --garbled-mb 1 --repeat 3 gave
# fix_text 133 MB/s native against 109 portable on clean text, 9.7 against 7.7 on garbled text.
# (The idiom alone, without rep's one-character forms, was slower still: 0.5x and 0.4x per
# walker, and about half the clean-text fix_text speed.)
NATIVE: bool = sys.version_info >= (3, 11, 5)

# The idiom's group, before :func:`compile` numbers it (a pattern reuses pieces, and a group
# name may appear once only). Opening and backreference pair up like brackets: a repeat's
# backreference follows its own body, which holds any nested repeat whole.
_OPEN, _BACK = "(?P<_a>", "(?P=_a)"
_TOKEN = re.compile(re.escape(_OPEN) + "|" + re.escape(_BACK))
# A pattern item that matches exactly one character: a class (its ``]`` and ``\\`` escaped, as
# plausibility.class_of writes them), an escape, or a plain character.
_ONE_CHAR = re.compile(r"\[\^?(?:\\.|[^\\\]\[])+\]|\\[^0-9A-Za-z]|[^\\()\[\]|*+?{}.^$]")


def rep(x: str, q: str, *, native: bool | None = None) -> str:
    """``x`` repeated possessively: ``q`` is ``"*"``, ``"+"`` or ``"?"`` (zero or more, one or
    more, zero or one, never giving any back). ``x`` is one regex item (a class, a group, an
    escape); it is wrapped in a non-capturing group either way, so any regex will do. ``native``
    picks the form (default: :data:`NATIVE`; the equivalence test asks for each). A pattern
    holding the portable form must be compiled with :func:`compile`.

    >>> rep("[ab]", "+", native=True)
    '(?:[ab])++'
    >>> compile(rep("a", "*", native=False) + "a").fullmatch("aaa") is None  # gives none back
    True
    """
    if q not in ("*", "+", "?"):
        raise ValueError(f"not a repeat: {q!r}")
    if NATIVE if native is None else native:
        return f"(?:{x}){q}+"
    if _ONE_CHAR.fullmatch(x):
        # One character at a time has cheaper exact forms, run at C speed (the idiom's group
        # and backreference made the walkers 1.3-1.5x slower still): a greedy run then "no more
        # of it" (giving one back would leave one in front); for "?", the character or, only
        # when there is none, nothing.
        return f"(?:{x}|(?!{x}))" if q == "?" else f"{x}{q}(?!{x})"
    return f"(?={_OPEN}(?:{x}){q})){_BACK}"


def compile(pattern: str) -> re.Pattern[str]:  # (re.compile, for the portable form)
    """``re.compile(pattern)``, after giving each portable repeat's group a name of its own."""
    stack: list[int] = []
    count = 0

    def name(m: re.Match[str]) -> str:
        nonlocal count
        if m.group() == _OPEN:
            count += 1
            stack.append(count)
            return f"(?P<_a{count}>"
        return f"(?P=_a{stack.pop()})"

    return re.compile(_TOKEN.sub(name, pattern))
