"""The public entry points: ``fix_text``, ``fix_bytes``, ``repair_text``, ``repair_bytes``."""

from __future__ import annotations

from typing import Any

from .config import Config
from .decode import decode
from .model import Finding, Repair
from .pipeline import run_fixers


def repair_text(text: str, config: Config | None = None, *, path: str | None = None, **options: Any) -> Repair:
    """Repair ``text``; return the clean text with findings and located changes.

    ``path`` is a hint, the file name the text came from: it decides the kind of file (source
    code, data, Markdown, ...) and so where the fixers may act (see :mod:`mojifix.filekind`).

    >>> r = repair_text("cafÃ© &amp; cr\\u200bème")
    >>> r.text, [f.kind for f in r.findings]
    ('café & crème', ['html-entities', 'mojibake', 'zero-width'])
    """
    if not isinstance(text, str):
        raise TypeError("repair_text takes str; use repair_bytes for bytes")
    cfg = Config.build(config, **options)
    fixed, findings, changes = run_fixers(text, cfg, path=path)
    return Repair(fixed, text, tuple(findings), tuple(changes))


def repair_bytes(data: bytes, config: Config | None = None, *, path: str | None = None, **options: Any) -> Repair:
    """Detect the byte encoding of ``data``, decode it, and repair the text (``path``: the
    file name, a hint as for :func:`repair_text`).

    Raises :class:`mojifix.MojifixError` for input that is not text (binary) or that the forced
    ``encoding`` cannot decode.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError("repair_bytes takes bytes; use repair_text for str")
    cfg = Config.build(config, **options)
    decoded = decode(bytes(data), cfg.encoding)
    pre: list[Finding] = []
    if decoded.bom:
        pre.append(Finding("bom", f"{decoded.bom} byte-order mark removed", evidence=(decoded.bom,)))
    if decoded.encoding not in ("utf-8", "ascii") and not decoded.bom:
        pre.append(
            Finding(
                "encoding",
                f"decoded from {decoded.encoding}",
                confidence=decoded.confidence,
                chain=(decoded.encoding,),
                evidence=("forced with --encoding",) if cfg.encoding else (),
            )
        )
    fixed, findings, changes = run_fixers(decoded.text, cfg, path=path)
    return Repair(
        fixed,
        decoded.text,
        tuple(pre + findings),
        tuple(changes),
        encoding=decoded.encoding,
        confidence=decoded.confidence,
        bom=decoded.bom,
    )


def fix_text(text: str, config: Config | None = None, *, path: str | None = None, **options: Any) -> str:
    """Return the repaired text. Clean text comes back unchanged.

    >>> fix_text("強(qiáng)調(diào)")
    '強調'
    """
    if not isinstance(text, str):
        raise TypeError("fix_text takes str; use fix_bytes for bytes")
    # Only the text is wanted: skip locating each change (line/column) in the original.
    return run_fixers(text, Config.build(config, **options), locate=False, path=path)[0]


def fix_bytes(data: bytes, config: Config | None = None, *, path: str | None = None, **options: Any) -> str:
    """Decode ``data`` (detecting its encoding) and return the repaired text."""
    return repair_bytes(data, config, path=path, **options).text
