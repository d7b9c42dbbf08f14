"""ftfy's normalising fixes, off by default and applied only when asked for.

These do not undo damage; they restyle text (straight quotes, half-width letters, no ligatures,
``\\n`` line endings, a Unicode normal form). A repair tool must not do that unasked: Chinese
uses “ ” and ，, French uses ’, and Windows files keep ``\\r\\n``. See :class:`mojifix.Config`.
"""

from __future__ import annotations

import unicodedata

from ..config import Config
from ..model import Edit, Finding


def _steps(config: Config) -> list[tuple[str, object]]:
    from ftfy import fixes

    steps: list[tuple[str, object]] = []
    if config.fix_latin_ligatures:
        steps.append(("fix_latin_ligatures", fixes.fix_latin_ligatures))
    if config.fix_character_width:
        steps.append(("fix_character_width", fixes.fix_character_width))
    if config.uncurl_quotes:
        steps.append(("uncurl_quotes", fixes.uncurl_quotes))
    if config.fix_line_breaks:
        steps.append(("fix_line_breaks", fixes.fix_line_breaks))
    if config.normalization:
        form = config.normalization
        steps.append((form, lambda t: unicodedata.normalize(form, t)))  # type: ignore[arg-type]
    return steps


def fix_normalize(text: str, config: Config) -> tuple[list[Edit], list[Finding]]:
    steps = _steps(config)
    if not steps or (text.isascii() and not config.fix_line_breaks):
        return [], []
    new = text
    applied = []
    for name, fn in steps:
        out = fn(new)  # type: ignore[operator]
        if out != new:
            applied.append(name)
            new = out
    if new == text:
        return [], []
    from ..textdiff import line_edits

    edits = line_edits(text, new, "normalize", ", ".join(applied))
    return edits, [Finding("normalize", f"normalised on request: {', '.join(applied)}", len(edits))]
