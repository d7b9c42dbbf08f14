"""The public entry points: ``fix_text``, ``fix_bytes``, ``repair_text``, ``repair_bytes``
(``detect_bytes`` lives in :mod:`mojifix.decoding.detection`)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, Literal

from .config import Config, check_types
from .decoding.decode import Decoded, low_confidence
from .decoding.detection import Detection, detect_bytes
from .engine.pipeline import run_fixers
from .engine.registry import FIXERS, Registry
from .errors import BYTES_LIKE, MojifixError, wrong_type
from .model import Change, Finding, Repair

# Which located changes a repair holds (see repair_bytes).
Located = Literal["all", "first", "none"]
# The file name hint: a path object is taken as its str.
PathHint = str | os.PathLike[str] | None


def _arguments(function: str, config: Config | None, path: PathHint, fixers: Registry,
               options: dict[str, Any]) -> tuple[Config, str | None]:
    """The config and the path (a str) of a call to ``function``, each argument's type checked
    first, so a wrong one is a TypeError naming ``function`` and the argument (see
    :func:`mojifix.errors.wrong_type`), not Python's words from deep inside."""
    if isinstance(path, os.PathLike):
        path = os.fspath(path)
    if path is not None and not isinstance(path, str):
        raise wrong_type(function, path, argument="path", takes="str, os.PathLike or None")
    if not isinstance(fixers, Registry):
        raise wrong_type(function, fixers, argument="fixers", takes="a mojifix.engine.registry.Registry")
    check_types(function, options)
    return Config.build(config, **options), path


def repair_text(text: str, config: Config | None = None, *, path: PathHint = None,
                fixers: Registry = FIXERS, **options: Any) -> Repair:
    """Repair ``text``; return the clean text with findings and located changes.

    ``path`` is a hint, the file name the text came from (a str or a path object): it decides the
    kind of file (source code, data, Markdown, ...) and so where the fixers may act (see
    :mod:`mojifix.engine.filekind`).
    ``fixers``: the fixers to run, in order (:data:`mojifix.engine.registry.FIXERS`, or a registry
    made from it with a fixer added or disabled).

    >>> r = repair_text("cafÃ© &amp; cr\\u200bème")
    >>> r.text, [f.kind for f in r.findings]
    ('café & crème', ['html-entities', 'mojibake', 'zero-width'])
    """
    if not isinstance(text, str):
        raise wrong_type("repair_text", text, "repair_bytes")
    cfg, name = _arguments("repair_text", config, path, fixers, options)
    fixed, findings, changes = run_fixers(text, cfg, fixers, path=name)
    return Repair(fixed, text, tuple(findings), tuple(changes))


def repair_bytes(data: bytes, config: Config | None = None, *, path: PathHint = None,
                 fixers: Registry = FIXERS, changes: Located = "all", **options: Any) -> Repair:
    """Detect the byte encoding of ``data``, decode it, and repair the text (``path``: the
    file name, a hint, and ``fixers``, as for :func:`repair_text`).

    ``changes``: which located changes the result holds: ``"all"`` (the default), ``"first"``
    (the first of each kind, all ``mojifix check`` shows) or ``"none"`` (neither changes nor
    the findings' places: the road :func:`fix_bytes` users want, for the text). The text is
    the same whichever is asked; a garbled file has a change per garbled letter, and building
    them all costs several times the file's size in memory (issue 20).

    The result is meant to be written as UTF-8, so an encoding declaration in the file (HTML
    meta charset, XML declaration, CSS ``@charset``, coding cookie) that names another encoding
    is rewritten to UTF-8 when the file is rewritten (see :mod:`mojifix.decoding.declared`).

    Raises :class:`mojifix.MojifixError` for input that is not text (binary) or that the forced
    ``encoding`` cannot decode.
    """
    if not isinstance(data, BYTES_LIKE):
        raise wrong_type("repair_bytes", data, "repair_text")
    cfg, name = _arguments("repair_bytes", config, path, fixers, options)
    decoded = detect_bytes(bytes(data), encoding=cfg.encoding)
    # The bytes are not needed past decoding: a caller that hands them over (not keeping a
    # reference, as the CLI does) has them freed here, not held through the repair.
    del data
    return repair_detected(decoded, cfg, path=name, fixers=fixers, changes=changes)


def repair_detected(decoded: Detection, cfg: Config, *, path: str | None = None,
                    fixers: Registry = FIXERS, changes: Located = "all") -> Repair:
    """Repair the text of a :func:`mojifix.detect_bytes` result (the second half of
    :func:`repair_bytes`, for callers that show the detection too, such as ``mojifix detect``;
    ``changes`` as there)."""
    if changes not in ("all", "first", "none"):
        raise ValueError(f"changes must be 'all', 'first' or 'none', not {changes!r}")
    keep_bom = bool(decoded.bom) and cfg.keep_bom
    pre = _reading_findings(decoded, cfg)
    fixed, findings, located = run_fixers(decoded.text, cfg, fixers, path=path, locate=changes != "none",
                                          first_only=changes == "first")
    original = decoded.text
    lying = _lying_markup(decoded, fixed)
    rewrites = fixed != original or (decoded.bom and not keep_bom) \
        or decoded.encoding not in ("utf-8", "ascii") or lying
    if rewrites and not fixed.isascii():
        only_the_lie = lying and fixed == original
        fixed, located, declared = _declare_utf8(original, fixed, located)
        if only_the_lie:  # (say why a file nothing else changed in is rewritten)
            declared = [replace(f, summary=f.summary.replace("rewritten to UTF-8 (",
                                                             "rewritten to UTF-8, the bytes being UTF-8 (", 1))
                        for f in declared]
        findings += declared
    if keep_bom:
        # The BOM is part of the text on both sides: an unchanged UTF-8 file with a BOM is then
        # byte-identical, and every change moves one code point to the right on line 1.
        original, fixed = "\ufeff" + original, "\ufeff" + fixed
        located = [replace(c, offset=c.offset + 1, column=c.column + (c.line == 1)) for c in located]
    return Repair(
        fixed,
        original,
        tuple(pre + findings),
        tuple(located),
        encoding=decoded.encoding,
        confidence=decoded.confidence,
        bom=None if keep_bom else decoded.bom,
        notes=("byte-order mark kept (--keep-bom)",) if keep_bom else (),
    )


def _reading_findings(decoded: Detection | Decoded, cfg: Config) -> list[Finding]:
    """The findings about the bytes (a BOM, a legacy encoding) that open every repair's list:
    one home, for :func:`repair_detected` and the long-line stream (``files/longline``)."""
    keep_bom = bool(decoded.bom) and cfg.keep_bom
    pre: list[Finding] = []
    if decoded.bom and not keep_bom:
        pre.append(Finding("bom", f"{decoded.bom} byte-order mark removed", evidence=(decoded.bom,)))
    elif keep_bom and decoded.bom != "utf-8":
        pre.append(Finding("bom", f"{decoded.bom} byte-order mark written as the UTF-8 one (--keep-bom)",
                           evidence=(decoded.bom,)))
    mixed = decoded.mixed  # (UTF-8 with lines in a legacy page: decoding/mixedlines.py)
    if mixed:
        page, lines, first = mixed
        pre.append(Finding("encoding", f"UTF-8 with {lines} line{'s' * (lines != 1)} in {page}, "
                           f"decoded from {page} (confidence {decoded.confidence:.0%})",
                           count=lines, confidence=decoded.confidence, chain=(page,),
                           evidence=("the other lines are UTF-8",), line=first, column=1))
    if decoded.encoding not in ("utf-8", "ascii") and not decoded.bom:
        evidence: tuple[str, ...] = ("forced with --encoding",) if cfg.encoding else ()
        if decoded.declared:
            label, where, followed = decoded.declared
            evidence += (f"declared {label} ({where})" + ("" if followed else "; not followed: "
                         "the bytes do not read plausibly in it"),)
        summary = f"decoded from {decoded.encoding}"
        if not cfg.encoding:  # detected: how sure, in words users see in `check` and reports
            low = low_confidence(decoded.encoding, decoded.confidence)
            summary += f" ({'low confidence, a guess: ' if low else 'confidence '}{decoded.confidence:.0%})"
        pre.append(
            Finding(
                "encoding",
                summary,
                confidence=decoded.confidence,
                chain=(decoded.encoding,),
                evidence=evidence,
            )
        )
    replaced = decoded.replaced  # (a CJK page's undecodable bytes: decoding/cjkpages.py)
    if replaced:
        at = decoded.text.find("\ufffd")
        line = decoded.text.count("\n", 0, at) + 1
        pre.append(Finding("undecodable-bytes",
                           f"{replaced} span{'s' * (replaced != 1)} of bytes {decoded.encoding} "
                           "cannot decode, marked U+FFFD (the bytes are lost in UTF-8 output)",
                           count=replaced, chain=(decoded.encoding,), fixed=False, line=line,
                           column=at - (decoded.text.rfind("\n", 0, at) + 1) + 1))
    return pre


def _lying_markup(decoded: Detection, fixed: str) -> bool:
    """A UTF-8 file holding UTF-8 characters whose HTML, XML or CSS declaration names another
    encoding: a browser or an XML parser that follows it reads mojibake (``Café`` as
    ``CafÃ©``), so the declaration is rewritten to UTF-8 as a converted file's is (a new
    user's QA: ``check`` passed it). A Python coding cookie is left: a source file whose cookie
    and bytes disagree is, in the trees at hand, a test of exactly that (CPython's)."""
    if decoded.encoding != "utf-8" or decoded.bom or decoded.mixed or fixed.isascii():
        return False
    from .decoding.declared import HTML_HEAD, find, is_utf8

    head = decoded.text[:HTML_HEAD].lower()  # (a cheap look first: most files declare nothing)
    if "charset" not in head and "encoding" not in head:
        return False
    return any(d.kind in ("html-meta", "xml", "css") and not is_utf8(d.label) for d in find(decoded.text))


def _declare_utf8(original: str, fixed: str, changes: Sequence[Change]
                  ) -> tuple[str, list[Change], list[Finding]]:
    """Rewrite the encoding declarations of ``fixed`` (written as UTF-8) to UTF-8.

    Each rewritten label is a :class:`Change` of kind ``declared-encoding``, located where the
    declaration stands in ``original``. When a declaration of ``original`` is gone from
    ``fixed`` (a fixer changed it), the file cannot be made to tell the truth: it is refused
    (left as it is, in its own encoding) rather than written with a lie in it.
    """
    from .decoding.declared import find, is_utf8, rewrite, where

    new_text, done = rewrite(fixed)
    before = [d for d in find(original) if not is_utf8(d.label)]
    if len(done) < len(before):
        raise MojifixError(
            "declares its encoding, and the declaration could not be rewritten to UTF-8 after "
            "repair; left as it is",
            "convert it by hand (iconv) or pass --encoding",
        )
    if not done:
        return fixed, list(changes), []
    located = list(changes)
    # A <meta> the repair brought into the head has no place in the original's: rewritten,
    # not located (it comes last).
    for d, (_, new) in zip(before, done, strict=False):
        line = original.count("\n", 0, d.start) + 1
        column = d.start - (original.rfind("\n", 0, d.start) + 1) + 1
        located.append(Change("declared-encoding", line, column, d.label, new, d.start,
                              f"{where(d.kind)}: {d.label} -> {new}"))
    located.sort(key=lambda c: c.offset)
    labels = ", ".join(f"{where(d.kind)} {d.label}" for d in before)
    finding = Finding("declared-encoding", f"encoding declaration rewritten to UTF-8 ({labels})",
                      count=len(done), evidence=tuple(f"{d.label} -> {new}" for d, new in done))
    return new_text, located, [finding]


def fix_text(text: str, config: Config | None = None, *, path: PathHint = None,
             fixers: Registry = FIXERS, **options: Any) -> str:
    """Return the repaired text. Clean text comes back unchanged (``fixers``: as for
    :func:`repair_text`).

    >>> fix_text("強(qiáng)調(diào)")
    '強調'
    """
    if not isinstance(text, str):
        raise wrong_type("fix_text", text, "fix_bytes")
    cfg, name = _arguments("fix_text", config, path, fixers, options)
    # Only the text is wanted: skip locating each change (line/column) in the original.
    return run_fixers(text, cfg, fixers, locate=False, path=name, findings=False)[0]


def fix_bytes(data: bytes, config: Config | None = None, *, path: PathHint = None,
              fixers: Registry = FIXERS, **options: Any) -> str:
    """Decode ``data`` (detecting its encoding) and return the repaired text."""
    if not isinstance(data, BYTES_LIKE):
        raise wrong_type("fix_bytes", data, "fix_text")
    cfg, name = _arguments("fix_bytes", config, path, fixers, options)
    return repair_bytes(data, cfg, path=name, fixers=fixers).text
