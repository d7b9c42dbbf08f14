"""Plain data that flows through mojifix: edits, findings, changes and the repair result.

Everything here is immutable and serialisable (``to_dict``), so a report can be rendered from it
without re-running anything, and so worker processes can send it back to the parent.

Offsets: a fixer proposes :class:`Edit` objects against *its own* input text; the pipeline maps
them back to the decoded original and records them as :class:`Change` objects whose ``line`` and
``column`` (both 1-based, columns counted in code points) point into the text the user has.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, NamedTuple


class Edit(NamedTuple):
    """Replace ``text[start:end]`` with ``replacement``; proposed by one fixer.

    A named tuple, not a frozen dataclass: spam pages give tens of thousands of edits (one per
    zero-width character or gloss) and a tuple is built about three times faster."""

    start: int
    end: int
    replacement: str
    kind: str
    note: str = ""


@dataclass(frozen=True)
class Finding:
    """What mojifix believes happened to the text, with the evidence for it.

    ``kind`` is a stable machine name (``mojibake``, ``pinyin-glosses``, ``html-entities``,
    ``zero-width``, ``bom``, ``encoding``, ...). ``summary`` is the human sentence shown by
    ``mojifix detect``; ``chain`` is the estimated encode/decode chain where one applies, e.g.
    ``("utf-8", "windows-1252")`` for UTF-8 bytes decoded as windows-1252.
    """

    kind: str
    summary: str
    count: int = 1
    confidence: float = 1.0
    chain: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    fixed: bool = True

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["chain"] = list(self.chain)
        d["evidence"] = list(self.evidence)
        return d


# The finding(s) each change kind is the work of, by exact name. A change kind not listed here
# belongs to the finding of the same name (``mojibake``, ``zero-width``, ``normalize``, ...).
# Why a table and not a shared-prefix rule (the rule before it): ``gbk-realign`` changes share
# no prefix with their ``gbk-misalignment`` finding, so `check` put that finding at 1:1, while
# ``mojibake`` changes "belonged" to the ``mojibake-lost`` and ``mojibake-lossy`` findings (which
# change nothing), so `check` showed those at the first repaired span, with its example.
FINDING_OF_CHANGE: dict[str, tuple[str, ...]] = {
    "pinyin-gloss": ("pinyin-glosses",),
    "html-entity": ("html-entities",),
    "bare-entity": ("bare-entities",),
    "gbk-realign": ("gbk-misalignment", "lost-characters"),
    "t2s": ("restore",),
    "fullwidth-punctuation": ("restore", "pinyin-glosses"),
}


def belongs(change_kind: str, finding_kind: str) -> bool:
    """Whether a change of ``change_kind`` is the work of a finding of ``finding_kind``
    (``pinyin-gloss`` changes belong to the ``pinyin-glosses`` finding, ``html-entity`` to
    ``html-entities``): the one rule, used by `check`'s formats and by `explain`."""
    return finding_kind in FINDING_OF_CHANGE.get(change_kind, (change_kind,))


@dataclass(frozen=True)
class Change:
    """One change made to the text, located in the decoded original (1-based line/column)."""

    kind: str
    line: int
    column: int
    before: str
    after: str
    offset: int = 0
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Repair:
    """The result of :func:`mojifix.repair_text` / :func:`mojifix.repair_bytes`.

    ``original`` is the decoded input (after BOM removal), ``text`` the repaired text. For bytes
    input, ``encoding`` and ``confidence`` describe the detected source encoding; for text input
    they are ``None``.
    """

    text: str
    original: str
    findings: tuple[Finding, ...] = ()
    changes: tuple[Change, ...] = ()
    encoding: str | None = None
    confidence: float | None = None
    bom: str | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def changed(self) -> bool:
        """True when the repaired text differs from the decoded input."""
        return self.text != self.original

    @property
    def rewrites_bytes(self) -> bool:
        """True when writing the result as UTF-8 would change the input's bytes: the text
        changed, or the input was in another encoding, or had a byte-order mark."""
        return self.changed or bool(self.bom) or self.encoding not in (None, "utf-8", "ascii")

    def to_dict(self) -> dict[str, Any]:
        return {
            "encoding": self.encoding,
            "confidence": self.confidence,
            "bom": self.bom,
            "changed": self.changed,
            "findings": [f.to_dict() for f in self.findings],
            "changes": [c.to_dict() for c in self.changes],
            "notes": list(self.notes),
        }
