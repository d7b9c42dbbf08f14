"""What the plausibility model charges the Latin letters a UTF-8 repair brings back.

(Subpackage ``fixers/``, under :mod:`mojifix.fixers.plan`, its only user: its rule for a line
UTF-8's own trace repairs, :func:`mojifix.fixers.plan.admits`.)

Why a module of its own: the plan's module reached the codebase's 600 lines; these are its
helpers about Latin letters, apart from its rules about spans. The model taxes every accented
Latin letter (0.4 for ``è``) and not the Cyrillic pair it was read as (``ГЁ``, 0.0), a
per-character price with no context: the plan lets the letters through at that price.
"""

from __future__ import annotations

import unicodedata

LATIN_TAX = 0.4
SYMBOL_TAX = 0.2  # what the model may charge a symbol UTF-8's own trace restores in a span
# The ordinals ``º ª`` (``1º``, ``nº``) are letters of the Latin pages with no LATIN in their
# names, priced as any rare Latin-1 sign: a catalog's line ``º`` (``ΒΊ``) stayed garbled.
ORDINALS = "ºª"


def latin_tax(c: str) -> float:
    """The model's price of an accented Latin letter: a capital costs twice a small letter
    (``ÜBERSICHT``, a German heading, against its mojibake ``ц°BERSICHT`` at 0); an ordinal, 1."""
    return 1.0 if c in ORDINALS else 2 * LATIN_TAX if c.isupper() else LATIN_TAX


def is_latin(c: str) -> bool:
    """Whether ``c`` is a non-ASCII Latin letter (by its name), or an ordinal indicator."""
    return not c.isascii() and (c in ORDINALS or unicodedata.name(c, "").startswith("LATIN"))


def latin_only(cand: str) -> bool:
    """A repair from UTF-8 read as a CJK page that is all ASCII and Latin letters (``café``
    read as GBK is ``caf茅``: a lone ideograph whose repair is an accented letter)."""
    return all(c.isascii() or unicodedata.name(c, "").startswith("LATIN") for c in cand)
