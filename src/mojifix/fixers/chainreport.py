"""What the chain fixer says it did: one finding per chain, and one for what stays lost.

Why a module of its own: the chain fixer (:mod:`mojifix.fixers.chains`) decides which lines to
repair; telling it is a separate idea with rules of its own. A chain's lines are counted in
lines (the search repairs a line whole), the characters each changed and lost counted as the
mojibake fixer counts them (:func:`mojifix.textdiff.changed_and_lost`); a whole document
decided at once (:mod:`mojifix.fixers.wholepage`) has told its own finding already; the lost
bytes, marked U+FFFD or left on lines as they were, make one lossy finding
(:func:`mojifix.fixers.lossy.unrecovered`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..model import Finding, mojibake_summary
from ..textdiff import changed_and_lost
from .chosen import Chosen
from .lossy import LOSSY_KIND, replaced_runs, unrecovered


def summary(chosen: Chosen, earlier: list[Finding], text: str | None = None,
            after: Sequence[Finding] = ()) -> list[Finding]:
    """``earlier`` findings and one finding per chain for the lines ``chosen`` repairs, with one lossy
    finding for what they left lost and the lost-byte lines left as they were; given the
    document's ``text``, also the runs of U+FFFD no chain read back (:func:`replaced_runs`);
    then ``after``."""
    used: Counter[tuple[str, ...]] = Counter()
    changed: Counter[tuple[str, ...]] = Counter()
    lost: Counter[tuple[str, ...]] = Counter()
    examples: dict[tuple[str, ...], str] = {}
    told = {f.chain for f in earlier if f.kind == "mojibake"}  # (fixers/wholepage.py's own)
    for start in sorted(chosen):
        body, chain, cand = chosen[start]
        if chain in told:
            continue
        used[chain] += 1
        line_changed, line_lost = changed_and_lost(body, cand)
        changed[chain] += line_changed
        lost[chain] += line_lost
        examples.setdefault(chain, f"{body[:40]!r} -> {cand[:40]!r}")
    findings = [Finding(
        "mojibake", mojibake_summary(chain, n, changed[chain], lost[chain], unit="line"),
        count=n, confidence=0.95, chain=chain, evidence=(examples[chain],),
        changed=changed[chain], lost=lost[chain],
    ) for chain, n in used.most_common()]
    left = next((f for f in earlier if f.kind == LOSSY_KIND), None)
    runs = replaced_runs(text, chosen) if text is not None else []
    return [f for f in earlier if f is not left] + findings + unrecovered(chosen, lost, left) + runs + [*after]
