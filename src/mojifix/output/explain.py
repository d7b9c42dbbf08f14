"""``mojifix explain FILE``: the repair of one file, step by step, the way a person debugs it.

Why a module of its own: the report formats list *what* changed; a user puzzled by one odd file
wants the story: how the bytes were read, what each fixer believed and on what evidence, what
it changed (with the first examples and their lines), and what writing the result would do.
Everything shown comes from the :class:`~mojifix.model.Repair` the other commands use, so the
explanation cannot disagree with ``fix``.
"""

from __future__ import annotations

from ..model import Repair, belongs, describe_chain
from .formats import short_repr

EXAMPLES = 3  # changes shown per finding


def explain(name: str, size: int, repair: Repair) -> list[str]:
    """The explanation of ``repair`` (of the ``size`` bytes read from ``name``), as lines."""
    out = [f"{name}: {size} bytes"]
    step = 1
    enc = repair.encoding or "utf-8"
    how = f"decoded as {enc}"
    if repair.confidence is not None and enc not in ("utf-8", "ascii"):
        how += f" (confidence {repair.confidence:.0%})"
    mixed = [f for f in repair.findings if f.kind == "encoding" and enc in ("utf-8", "ascii")]
    if mixed:  # (UTF-8 with lines in a legacy page: decoding/mixedlines.py)
        how = mixed[0].summary
    out.append(f"{step}. bytes -> text: {how}")
    for f in repair.findings:
        if f.kind == "encoding" and f.evidence:
            out.append(f"   evidence: {'; '.join(f.evidence)}")
    if repair.bom:
        out.append(f"   a {repair.bom} byte-order mark was removed")
    for f in repair.findings:
        if f.kind in ("encoding", "bom"):
            continue
        step += 1
        # The chain named by the one describer; not repeated when the summary starts with it.
        named = describe_chain(f.kind, f.chain)
        chain = f" [{named}]" if named and not f.summary.startswith(named) else ""
        out.append(f"{step}. {f.kind}: {f.summary}{chain} (confidence {f.confidence:.0%})")
        if f.evidence:
            out.append(f"   evidence: {'; '.join(f.evidence[:EXAMPLES])}"
                       + (f" and {len(f.evidence) - EXAMPLES} more" if len(f.evidence) > EXAMPLES else ""))
        changes = [c for c in repair.changes if belongs(c.kind, f.kind)]
        for c in changes[:EXAMPLES]:
            out.append(f"   line {c.line}, column {c.column}: {short_repr(c.before)} -> {short_repr(c.after)}")
        if len(changes) > EXAMPLES:
            out.append(f"   ... {len(changes) - EXAMPLES} more {'change' if len(changes) - EXAMPLES == 1 else 'changes'} of this kind")
    for note in repair.notes:
        out.append(f"   note: {note}")
    if step == 1 and not repair.notes:
        out.append("2. no fixer found anything to repair")
    if repair.rewrites_bytes:
        what = "the text changes" if repair.changed else "the text is unchanged"
        out.append(f"result: {what}; 'mojifix fix' would write it as UTF-8"
                   + (f" ({_count(len(repair.changes), 'change')})" if repair.changes else ""))
    else:
        out.append("result: clean; 'mojifix fix' leaves the file byte for byte as it is")
    return out


def _count(n: int, noun: str) -> str:
    """``1 change``, ``2 changes``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
