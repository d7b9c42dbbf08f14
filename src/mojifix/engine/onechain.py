"""One mojibake finding per chain in a document, whichever fixer repaired its lines.

Why: two fixers repair mojibake and name it by its chain. The chain search
(:mod:`mojifix.fixers.chains`: whole lines, or a whole document read through one page) runs
first; ftfy's road (:mod:`mojifix.fixers.mojibake`) then repairs the lines the search left.
Each told its own finding, so a document whose garbled lines the two shared was told twice:
``UTF-8 read as windows-1252: 1 line, 1 character changed`` and ``UTF-8 read as windows-1252:
10 places, 20 characters changed``, which ``check`` showed at the same place (the chain's first
change) and the summary table counted as two files (QA 25, item 3). On the quality bench, 261
mixed documents (a garbled part beside a clean one, two chains, quoted English) were told so.

The rule is the one the fixers keep each for itself (one finding per chain, as a person says
what happened to a document: ``mojibake._Tally``, ``chainreport``) and the streamed road keeps
over chunks (:meth:`mojifix.files.stream.StreamResult.add`, :func:`mojifix.model.summed`); it
is kept here, where the two fixers' findings meet, and not by each fixer: neither sees the
other's lines, and either may be disabled. The findings are summed, not de-duplicated: each
told different lines.

Only where the places are apart. A later fixer repairing inside what the earlier one wrote is
a second layer of the same garbling (a document garbled twice through windows-1252: the search
undoes the outer layer, ftfy the inner one, at the same places, 8 lossless cases of the bench);
summed, each place would be counted twice, so those two findings are left as they are (one per
layer). Where the places cannot be compared (a fixer's text-only shortcut, which makes no
edits: ``fix_text``'s road, which drops findings anyway), nothing is merged.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Edit, Finding, summed

_KIND = "mojibake"

Spans = list[tuple[int, int]]


def written(edits: Sequence[Edit]) -> Spans:
    """Where ``edits`` (sorted, apart) put their replacements in the text they make."""
    out: Spans = []
    shift = 0
    for e in edits:
        start = e.start + shift
        out.append((start, start + len(e.replacement)))
        shift += len(e.replacement) - (e.end - e.start)
    return out


def _apart(edits: Sequence[Edit], spans: Spans) -> bool:
    """No edit of ``edits`` touches a span of ``spans`` (both sorted): one sweep."""
    i = 0
    for e in edits:
        while i < len(spans) and spans[i][1] < e.start:
            i += 1
        if i < len(spans) and spans[i][0] <= e.end:
            return False
    return True


def told(found: Sequence[Finding]) -> bool:
    """Whether ``found`` holds a mojibake finding named by its chain."""
    return any(f.kind == _KIND and f.chain for f in found)


def merge(findings: list[Finding], found: list[Finding], earlier: Sequence[Edit] | None,
          edits: Sequence[Edit]) -> list[Finding]:
    """``found`` (a fixer's findings, made by ``edits``) without the mojibake findings whose chain
    an earlier finding of ``findings`` holds, those summed into it (``findings`` is edited in
    place), when ``earlier`` (the edits of the fixer that made the text ``edits`` apply to)
    is known and apart from ``edits``."""
    if earlier is None or not told(found):
        return found
    at = {f.chain: n for n, f in enumerate(findings) if f.kind == _KIND and f.chain}
    if not any(f.kind == _KIND and f.chain in at for f in found) or not _apart(edits, written(earlier)):
        return found
    kept = []
    for f in found:
        n = at.get(f.chain) if f.kind == _KIND else None
        if n is None:
            kept.append(f)
        else:
            findings[n] = summed(findings[n], f)
    return kept
