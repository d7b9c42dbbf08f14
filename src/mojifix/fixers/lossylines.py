"""Lines ftfy left as they came that are UTF-8 read through a page with bytes dropped.

Why a module of its own: ftfy repairs what decodes, and a line whose every word lost a byte has
nothing that does (Korean ``ì\xa0œ10ì¡°ì\xa0œ3í•\xadì„``: ``을`` lost its 9D), nor does a heading
of two syllables (``ì˜ ì•ˆ``, ``의 안``); such lines stayed mojibake beside the lines ftfy
repaired in part. The mojibake fixer asks this module about each line ftfy left: a line with its
own evidence (:func:`unrepaired`), or one the document proves (:func:`proven_lines`), is read by
:func:`mojifix.fixers.lostsingle._read`, its lost characters U+FFFD, and then takes the context
choices of :func:`mojifix.fixers.lostsingle.fill_words` like any repaired line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..model import describe_chain
from ..scoring.charfreq import script_and_logp
from . import droppedsingle
from .lossy import FFFD
from .lostsingle import LINE_MAX, PAGES, Row, _kept_a0, _read, through_page


def _readable(body: str) -> bool:
    """Whether ``body`` can be such a line at all: no U+FFFD of its own (those are lostsingle's
    refill's), not ASCII, and no longer than lostsingle reads."""
    return FFFD not in body and len(body) <= LINE_MAX and not body.isascii()


def unrepaired(body: str) -> tuple[str, str] | None:
    """(reading, page) of a line ftfy left as it came that is UTF-8 read through one of
    :data:`PAGES` with bytes dropped, by its own evidence (droppedsingle's strict test: letters
    read whole, two at least and half as many as the sequences short): its lost characters
    U+FFFD where no choice is clear. None for any other line. Why: ftfy repairs what decodes,
    and a line whose every word lost a byte has nothing that does (Korean ``ì\xa0œ10ì¡°ì\xa0œ3í•­ì„``:
    ``을`` lost its 9D), so the line stayed mojibake beside lines ftfy repaired in part."""
    if not _readable(body):
        return None
    for page in sorted(PAGES, reverse=True):  # (windows-1252 first: the commoner)
        # (no ftfy repair vouches for the line: one short sequence before a space that may be a
        # no-break space made a space, and it is left as it came)
        reading = _read(body, page, spaced="any")
        if reading is not None and reading.text != body:
            return reading.text, page
    return None


def proven_lines(rows: Iterable[Row], untouched: Iterable[tuple[int, str]]) -> list[Row]:
    """The lines of ``untouched`` (ftfy left them as they came, :func:`unrepaired` found none of
    its own evidence) that the document shows are UTF-8 read through its page with bytes
    dropped: rows to add, each its reading with lost characters U+FFFD. A short line proves
    nothing alone (a heading ``ì˜ ì•ˆ``, ``의 안``: one letter read whole) and ftfy decodes
    nothing in it; where two lines of ``rows`` or more prove by their own evidence that one page
    dropped bytes (droppedsingle's strict test), the short ones are read through that page
    (its loose test: one letter read whole). The document decides, not the line."""
    proof = [(line, chain[1]) for _, line, _, (chain, _) in rows
             if through_page(chain) and FFFD not in line
             and droppedsingle.marked(line.rstrip("\r\n"), chain[1]) is not None]
    pages = Counter(page for _, page in proof)
    if len(pages) != 1 or max(pages.values()) < 2:
        return []
    spaced = "off" if _kept_a0(line for line, _ in proof) else "any"
    # A line is read only where it holds a whole character of a script the proof reads as
    # (but Latin), or a Latin letter the proof holds (Vietnamese ``ệ``): a clean French heading
    # ``RÉSUMÉ®`` holds ``ɮ`` (C9 AE) and ``É`` before ``S`` one byte short, which proves
    # nothing of a page that dropped bytes.
    seen = {c for _, _, fixed, (chain, _) in rows if through_page(chain) for c in fixed[:400] if c > "\x7f"}
    scripts = {script_and_logp(c)[0] for c in seen} - {"latin", "symbol", ""}
    letters = {c for c in seen if script_and_logp(c)[0] == "latin"}
    chain = ("utf-8", next(iter(pages)))
    key = (chain, describe_chain("mojibake", chain))
    out: list[Row] = []
    for pos, line in untouched:
        body = line.rstrip("\r\n")
        if not _readable(body):
            continue
        reading = _read(body, chain[1], strict=False, spaced=spaced)
        if reading is not None and reading.text != body \
                and any(c in letters or script_and_logp(c)[0] in scripts
                        for c in reading.text if c > "\x7f"):
            out.append((pos, line, reading.text, key))
    return out
