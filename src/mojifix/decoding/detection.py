"""``mojifix.detect_bytes``: which encoding bytes are in, how sure, and why -- as a library call.

Belongs in ``decoding/`` (the lead moves it). It is the one road from bytes to text for
:func:`mojifix.repair_bytes` and ``mojifix detect``: :func:`mojifix.decoding.decode.decode` decides
(BOM, forced encoding, UTF-16/32, ISO-2022, UTF-8, a declaration weighed against detection,
then :mod:`mojifix.decoding.detect`), and this module turns what it learnt into a :class:`Detection`
that a caller can read without knowing that order: the encoding, the confidence, the
alternatives with their evidence, the BOM and whether decoding lost anything.

Why a frozen dataclass with the text kept out of its ``repr``: a detection is a value to log,
compare and serialise (``to_dict``); the decoded text is carried along only so that
``repair_bytes`` does not decode a second time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from .decode import Decoded, decode

# How many alternatives a Detection lists (the detector ranks all its candidates; past the
# first few they are noise to a reader).
ALTERNATIVES = 5


@dataclass(frozen=True)
class Detection:
    """What :func:`detect_bytes` found.

    * ``encoding``: the codec name (``utf-8``, ``ascii``, ``windows-1251``, ``gb2312``, ...);
    * ``confidence``: 0..1; 1.0 for a BOM, ASCII, valid UTF-8 or a forced encoding; for a
      detected legacy page the cost margin over the runner-up mapped to 0..1 (below 0.25
      ``fix -i`` treats it as a guess);
    * ``alternatives``: the other readings, best first, as (encoding, closeness, evidence):
      closeness is ``exp(-cost gap / 4)`` -- 1.0 a tie with the winner, near 0 far behind --
      and the evidence says what the gap is made of;
    * ``bom``: the byte-order mark found (and stripped), or None;
    * ``lossy``: how many characters of the decoded text stand for lost bytes (U+FFFD: a
      character cut at the end of the input, or replaced before it reached us); 0 = lossless;
    * ``evidence``: why this encoding, in words.
    """

    encoding: str
    confidence: float
    alternatives: tuple[tuple[str, float, str], ...] = ()
    bom: str | None = None
    lossy: int = 0
    evidence: tuple[str, ...] = ()
    text: str = field(default="", repr=False, compare=False)
    # (label, where, followed) of an encoding declaration that was weighed, and the detector's
    # raw (encoding, cost) ranking: for repair_bytes' findings and `mojifix detect`'s table.
    declared: tuple[str, str, bool] | None = field(default=None, repr=False)
    ranking: tuple[tuple[str, float], ...] = field(default=(), repr=False, compare=False)
    # UTF-8 with whole lines in a legacy page (decoding/mixedlines.py): (the page, how many
    # lines, the first of them, 1-based).
    mixed: tuple[str, int, int] | None = None
    # Spans of a CJK page's bytes it cannot decode, marked U+FFFD (decoding/cjkpages.py; also
    # counted in ``lossy``).
    replaced: int = field(default=0, repr=False)

    @property
    def is_lossy(self) -> bool:
        """Whether decoding these bytes lost anything (see ``lossy``)."""
        return self.lossy > 0

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON: everything but the text."""
        return {
            "encoding": self.encoding,
            "confidence": self.confidence,
            "alternatives": [list(a) for a in self.alternatives],
            "bom": self.bom,
            "lossy": self.lossy,
            "evidence": list(self.evidence),
        }


def detect_bytes(data: bytes, *, encoding: str | None = None) -> Detection:
    """Detect the encoding of ``data`` (or decode it with the forced ``encoding``).

    Raises :class:`mojifix.BinaryInputError` for input that is not text and
    :class:`mojifix.DecodeError` when the forced encoding cannot decode it.

    >>> d = detect_bytes("Съешь же ещё этих мягких французских булок".encode("cp1251"))
    >>> d.encoding, d.confidence > 0.25, d.bom, d.lossy, d.evidence[0].startswith("most plausible")
    ('windows-1251', True, None, 0, True)
    >>> detect_bytes(b"\\xef\\xbb\\xbfhello").bom, detect_bytes("caf\\u00e9".encode()).evidence
    ('utf-8', ('valid UTF-8',))
    >>> detect_bytes("你好".encode()[:-1]).lossy  # cut inside its last character
    1
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        from ..errors import wrong_type

        raise wrong_type("detect_bytes", data)
    if encoding is not None and not isinstance(encoding, str):
        from ..errors import wrong_type

        raise wrong_type("detect_bytes", encoding, argument="encoding", takes="str or None")
    decoded = decode(bytes(data), encoding)
    return from_decoded(decoded, forced=encoding is not None)


def from_decoded(d: Decoded, forced: bool = False) -> Detection:
    """The :class:`Detection` for what :func:`mojifix.decoding.decode.decode` returned."""
    return Detection(
        encoding=d.encoding,
        confidence=d.confidence,
        alternatives=_alternatives(d.ranking),
        bom=d.bom,
        lossy=d.text.count("\ufffd") + d.cut,
        evidence=tuple(evidence_words(d, forced)),
        text=d.text,
        declared=d.declared,
        ranking=d.ranking,
        mixed=d.mixed,
        replaced=d.replaced,
    )


def _alternatives(ranking: tuple[tuple[str, float], ...]) -> tuple[tuple[str, float, str], ...]:
    if len(ranking) < 2:
        return ()
    winner, best = ranking[0]
    out = []
    for codec, cost in ranking[1:1 + ALTERNATIVES]:
        gap = cost - best
        closeness = round(math.exp(-max(0.0, gap) / 4.0), 3)
        why = f"plausibility cost {cost:g}, {gap:+.2f} against {winner}"
        out.append((codec, closeness, why))
    return tuple(out)


def evidence_words(d: Decoded, forced: bool) -> list[str]:
    """Why ``d`` was decoded as it was, in words: which step of :func:`mojifix.decoding.decode.decode`
    decided (see its docstring for the order), read back from what it returned."""
    if forced:
        return ["forced with --encoding", *_replaced_words(d)]
    if d.bom:
        return [f"{d.bom} byte-order mark"]
    if d.encoding == "ascii":
        return ["ASCII only"]
    if d.encoding == "utf-8":
        if d.confidence >= 1.0:
            return ["valid UTF-8"]
        if d.mixed:
            page, lines, _ = d.mixed
            return [f"UTF-8, with {lines} line{'s' * (lines != 1)} in {page} (read as {page})"]
        if d.cut:
            return ["valid UTF-8, cut inside its last character"]
        return ["mostly UTF-8: a few bytes that are not, kept as they are"]
    if d.encoding.startswith("utf-16") or d.encoding.startswith("utf-32"):
        return ["NUL bytes in the pattern of UTF-16 text"]
    if d.encoding.startswith("iso2022") or d.encoding == "hz":
        return ["ISO-2022 escape sequences" if d.encoding != "hz" else "HZ escape sequences (~{ ~})"]
    words = []
    if d.declared:
        label, where, followed = d.declared
        words.append(f"declared {label} in {where}" + ("" if followed else ", not followed"))
    if d.ranking:
        n = len(d.ranking)
        words.append(f"most plausible of {n} reading{'s' * (n != 1)} (cost {d.ranking[0][1]:g})")
    return words + _replaced_words(d)


def _replaced_words(d: Decoded) -> list[str]:
    n = d.replaced
    return [f"{n} span{'s' * (n != 1)} of bytes {d.encoding} cannot decode, marked U+FFFD"] if n else []
