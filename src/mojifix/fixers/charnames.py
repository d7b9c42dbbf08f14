"""A character table names its characters: the evidence that decides a table's code page.

(Asked by :mod:`mojifix.fixers.latinpages`, before its alphabet clauses.)

Why a module of its own: a table of a code page (the ``iso_8859-2(7)`` manual page: ``241 161 A1
Ą LATIN CAPITAL LETTER A WITH OGONEK``) holds every letter of the page, so its letters fit no
one alphabet, which is the evidence :mod:`~mojifix.fixers.latinpages` decides a page by: saved
as ISO 8859-2 or cp1250 and read as Latin-1, such a page was left as it came (``¡ LATIN CAPITAL
LETTER A WITH OGONEK``), the weakest row of bench/quality.py's lossless chains (Italian 0%).
But the table says what each character is: its Unicode name stands beside it. Where a page's
reading makes the characters agree with their names and the text as it came does not, that is
the document's page, whatever its letters are.

The rule: a non-ASCII character standing alone (spaces or a line end on both sides) followed by
a name :func:`unicodedata.lookup` knows (capital words, up to the first word that is a number);
a page is the table's when, read through it, at least :data:`MIN_AGREE` more characters agree
with their names than as they came, and at most one in :data:`MAX_DISAGREE` of the named ones
disagrees. Clean tables (every name agrees already) and text that names no characters are
never changed by this rule.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

MIN_AGREE = 8
MAX_DISAGREE = 10  # at most one named character in ten may disagree with its name
MAX_WORDS = 12  # the longest name looked up (Unicode names are a few words)
# A lone non-ASCII character, spaces, then capital words (``NO-BREAK SPACE``, ``DIGIT ONE``).
_NAMED = re.compile(r"(?<!\S)([^\x00-\x7f\s])[ \t]+([A-Z][A-Z0-9-]*(?: [A-Z0-9][A-Z0-9-]*)*)(?!\S)")


def named_pairs(text: str) -> list[tuple[str, str]]:
    """(character, the character its name names) for each lone non-ASCII character of ``text``
    followed by a Unicode name; the longest run of words that is a name counts.

    >>> named_pairs("241 161 A1 ¡ LATIN CAPITAL LETTER A WITH OGONEK 242 162 A2 ¢ BREVE")
    [('¡', 'Ą'), ('¢', '˘')]
    """
    if "LETTER" not in text:  # (a table of characters names letters: one search in C)
        return []
    out = []
    for m in _NAMED.finditer(text):
        words = m.group(2).split(" ")[:MAX_WORDS]
        cut = next((i for i, w in enumerate(words) if w.isdigit()), len(words))
        for k in range(cut, 0, -1):
            try:
                named = unicodedata.lookup(" ".join(words[:k]))
            except KeyError:
                continue
            out.append((m.group(1), named))
            break
    return out


def table_page(text: str, chains: Sequence[tuple[str, str]]) -> tuple[str, str] | None:
    """The chain (original page, wrong page) of ``chains`` under which ``text``'s named
    characters agree with their names (see the module docstring), or None.

    >>> row = "A{} {} LATIN CAPITAL LETTER {} WITH {}"
    >>> rows = [row.format(i, "ĄŁĽŚŠŞŤŹŽŻ"[i], "ALLLSSTZZZ"[i], w) for i, w in enumerate(
    ...     ["OGONEK", "STROKE", "CARON", "ACUTE", "CARON", "CEDILLA", "CARON", "ACUTE", "CARON", "DOT ABOVE"])]
    >>> garbled = "\\n".join(rows).encode("iso8859-2").decode("latin-1")
    >>> table_page(garbled, [("windows-1250", "latin-1"), ("iso8859-2", "latin-1")])
    ('iso8859-2', 'latin-1')
    >>> table_page("\\n".join(rows), [("iso8859-2", "latin-1")]) is None  # (clean: agrees already)
    True
    """
    pairs = named_pairs(text)
    if len(pairs) < MIN_AGREE:
        return None
    as_is = sum(c == named for c, named in pairs)
    best, best_agree = None, as_is + MIN_AGREE - 1
    for chain in chains:
        agree = 0
        for c, named in pairs:
            try:
                agree += c.encode(chain[1]).decode(chain[0]) == named
            except (UnicodeEncodeError, UnicodeDecodeError):
                pass
        if agree > best_agree and (len(pairs) - agree) * MAX_DISAGREE <= len(pairs):
            best, best_agree = chain, agree
    return best
