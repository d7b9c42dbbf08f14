"""A whole document that is UTF-8 read as cp1252 or Latin-1: decided at once (issue 20).

Why a module of its own: the chain fixer (:mod:`mojifix.fixers.chains`) judges a document line
by line (flagged lines, strict encodes per page, plausibility costs, ftfy's answer on each line,
then the document's plan), which on the commonest mojibake of all, a whole UTF-8 document read
as Windows-1252, cost five times what ftfy takes for it. Yet one question answers it for the
whole document at C speed: do its characters, written back with the page, make valid UTF-8?

**The document decides.** Clean text almost never does: an accented letter of a Western
language (``é`` is byte E9 in cp1252) is a UTF-8 lead byte that must be followed by
continuation bytes 80-BF, which in cp1252 are the symbols ``€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ`` and
``NBSP ¡¢£¤¥¦§¨©ª«¬SHY®¯°±²³´µ¶·¸¹º»¼½¾¿``: a clean text passes only when EVERY one of its
accented letters is followed by such symbols (``Ã©``), which is the very shape of this
mojibake. One character of any other script, or one lone accented letter, and the test fails
(at the first such character: the clean text pays one encode and a failed decode). A short
text may pass by accident (``4288×…`` reads as ``4288ׅ``), so at least :data:`_LEAST` bytes
must be taken into characters; shorter ones take the line-by-line road.

What is taken (:func:`reading`): the text written back with ``latin-1`` (else
``windows-1252``, which writes ``€ ‚ … ™`` where Latin-1 has C1 controls; a text both write is
named Latin-1, as the line-by-line road names it) decodes as strict UTF-8, and the result is not itself mojibake once more (then the layers are the chain
search's to find: ``cp1252`` twice is named as such). What is not: a document with a clean
part, a lost byte, a character the page cannot write: the line-by-line search, as before.
And nothing may be left in the repaired text that the chain search would still change (its
exact screen says so). The lines are then repaired as the search would (one ``(line, chain,
repair)`` each: :func:`lines`): the same text (checked on every corpus document through both
pages), the report's findings counted in lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..model import Finding, mojibake_summary
from ..textdiff import count_edits, diff_edits
from .mojibake import changed_and_lost

# The cp1252/Latin-1 characters of UTF-8's lead bytes C2-F4: a text without one holds no
# UTF-8 read through these pages (one regex search, before any encode).
_LEAD = re.compile("[\u00c2-\u00f4]")
PAGES = ("latin-1", "windows-1252")
# Continuation bytes the reading must take into characters (one per ``Ã©``): a short text with
# one accidental pair (``4288×…``, ftfy's negative cases: ``×`` and cp1252's ``…`` make the
# Hebrew point U+05C5) is left to the line-by-line road, whose ftfy and plausibility tests
# refuse it; eight such pairs and nothing else non-ASCII in a text are mojibake.
_LEAST = 8


def _undo(text: str) -> tuple[str, str] | None:
    """(page, the text's bytes through ``page`` read as UTF-8) for the first page of
    :data:`PAGES` that makes it valid UTF-8, else None."""
    for page in PAGES:
        try:
            data = text.encode(page)
        except UnicodeEncodeError:
            continue  # (a character the page cannot write: € through Latin-1, a C1 control through cp1252)
        try:
            return page, data.decode("utf-8")
        except UnicodeDecodeError:
            return None  # (the same bytes through the other page, where it writes them)
    return None


def reading(text: str) -> tuple[tuple[str, str], str] | None:
    """(chain, the whole text repaired) when ``text`` is UTF-8 read as one of :data:`PAGES`
    from end to end (see the module docstring), else None."""
    if text.isascii() or _LEAD.search(text) is None:
        return None
    got = _undo(text)
    if got is None:
        return None
    page, out = got
    if len(text) - len(out) < _LEAST or (_LEAD.search(out) is not None and _undo(out) is not None):
        return None  # (too little evidence, or one more layer: the chain search names the layers)
    return ("utf-8", page), out


def lines(text: str, clear: Callable[[str], bool] | None, more: Callable[[str], bool]
          ) -> dict[int, tuple[str, tuple[str, ...], str]] | None:
    """{line start: (line, chain, repair)} for the lines :func:`reading` changes, or None when
    the document is not one such reading or when something is left in the repaired text for
    the chain search: ``clear`` (the document screen, exact, where the caller has it) does not
    clear it and ``more`` (the chain fixer's per-line screen, ``chains.may_apply``: False only
    when the search would change nothing) flags it (GBK read as cp1252 and then as cp1252
    once more: the outer layer decodes, and the search names all three). Lines correspond one
    to one: a newline is one ASCII byte, which strict UTF-8 neither takes into a character nor
    makes."""
    got = reading(text)
    if got is None:
        return None
    chain, out = got
    if (clear is None or not clear(out)) and more(out):
        return None
    chosen = {}
    start = 0
    for before, after in zip(text.split("\n"), out.split("\n"), strict=True):
        if before != after:  # (one chain, the document's, as the search names a page's lines)
            chosen[start] = (before, chain, after)
        start += len(before) + 1
    return chosen


def findings(chosen: dict[int, tuple[str, tuple[str, ...], str]]) -> list[Finding]:
    """The finding for :func:`lines`' repairs, told as the mojibake fixer tells these chains
    (places, not lines: its ftfy road repaired such documents before, and a streamed file's
    small chunks, which take that road, must add up to the same sentence as the whole file)."""
    places = changed = lost = 0
    example = ""
    chain: tuple[str, ...] = ()
    for start in sorted(chosen):
        body, chain, cand = chosen[start]
        if example:
            places += count_edits(body, cand)
        else:  # (the first place is the example)
            found = diff_edits(body, cand, 0, "mojibake", "")
            example = f"{body[found[0].start:found[0].end][:40]!r} -> {found[0].replacement[:40]!r}"
            places += len(found)
        more, gone = changed_and_lost(body, cand)
        changed += more
        lost += gone
    if not chosen:
        return []
    return [Finding("mojibake", mojibake_summary(chain, places, changed, lost), count=places,
                    confidence=0.9, chain=chain, evidence=(example,), changed=changed, lost=lost)]
