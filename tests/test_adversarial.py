"""Adversarial input: every regex and search in mojifix is linear in the input size.

Each case repeats a hostile unit (runs of ``((((``, ``Ã``, ``&#&#``, ``?;?;``, unmatched glosses,
mixed scripts, ...) to a small and a ten times larger size and checks that the larger run takes
at most ``MAX_RATIO`` times as long: a quadratic path would take about 100 times as long. This is
a ratio between two runs on the same machine (in CPU time of this process, so that other jobs on
a shared machine do not skew it), not an absolute time.

Sizes: ``SMALL`` and ``SMALL * SCALE`` bytes (0.1 MB and 1 MB rather than the issue's 1 MB and
10 MB: the slowest cases repair about 0.5 MB/s, so 10 MB runs would cost minutes of CI on two shared
cores). ``python bench/adversarial_cases.py`` runs the same cases at 1 MB and 10 MB and prints the
timings and ratios.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

import pytest

import mojifix
from mojifix.output.report import unified_diff

SMALL = 100_000
SCALE = 10
MAX_RATIO = 25
# Below this, the larger run is too quick for its time to mean anything (and too quick for a
# quadratic path to matter), so the ratio is not asserted.
NOISE_FLOOR_S = 0.05

TEXT_UNITS: dict[str, str] = {
    "open-parens": "((((",
    "close-parens": "))))",
    "atilde-run": "Ã",
    "atilde-copyright": "Ã©Ã",
    "mojibake-one-line": "cafÃ© ",
    "mojibake-lines": "cafÃ©\n",
    "amp-hash": "&#&#",
    "amp-hash-x": "&#x&#X",
    "long-entity-names": "&" + "a" * 40,
    "digits-no-semicolon": "&#" + "1" * 20,
    "entities": "&amp;&#59;&eacute;",
    "question-semicolon": "?;?;",
    "gloss-unclosed": "強(qiáng",
    "gloss-unopened": "強qiáng)",
    "gloss-full": "強(qiáng)",
    "gloss-toneless": "当(dang)",
    "gloss-not-reading": "步行(walking)",
    "zero-width-run": "\u200b",
    "zero-width-between-latin": "a\u200d",
    "zero-width-thai": "ส\u200b",
    "tag-open-unclosed": "<a ",
    "tag-long-attributes": "<a " + "x" * 3000,
    "comment-open": "<!--",
    "mixed-scripts": "abcé中文Ð\u200bÃ(x) ру&#59;٣😀\r\n",
    "nel-and-c1": "Ã\x85\x9f\u2028",
    "crlf-lines": "\r\n",
    "surrogates": "\ud800\udfff",
}

BYTE_UNITS: dict[str, bytes] = {
    "gbk-bytes": "你好，世界。中文文本测试。".encode("gbk"),
    "cp1252-bytes": "café crème ".encode("cp1252"),
    "high-bytes": bytes(range(0x80, 0x100)),
    "utf16-no-bom": "hello мир ".encode("utf-16-le"),
    "utf8-bom-garbage": b"\xef\xbb\xbf\xff\xfe" + b"x" * 30,
}


def _scaled(unit: str | bytes, size: int) -> str | bytes:
    width = len(unit.encode("utf-8", "surrogatepass")) if isinstance(unit, str) else len(unit)
    return unit * (size // width + 1)


def _time(run: Callable[[], object]) -> float:
    """CPU seconds of this process: other jobs on a shared machine barely move it. The cyclic
    garbage collector is paused: a full collection of the whole test session's objects can
    land in any one run and is not the code's complexity."""
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        run()
        return time.process_time() - start
    finally:
        gc.enable()


def measure(
    run_on: Callable[[str | bytes], object], unit: str | bytes, small: int, scale: int
) -> tuple[float, float]:
    """Seconds for ``small`` bytes of ``unit`` (best of 3) and for ``scale`` times as many."""
    little, big = _scaled(unit, small), _scaled(unit, small * scale)
    t_small = min(_time(lambda: run_on(little)) for _ in range(3))
    return t_small, _time(lambda: run_on(big))


def _check_linear(run_on: Callable[[str | bytes], object], unit: str | bytes) -> None:
    t_small, t_big = measure(run_on, unit, SMALL, SCALE)
    if t_big / max(t_small, 1e-6) > MAX_RATIO:  # a garbage collection or a busy core: measure again
        for _ in range(2):
            again = measure(run_on, unit, SMALL, SCALE)
            t_small, t_big = min(t_small, again[0]), min(t_big, again[1])
    ratio = t_big / max(t_small, 1e-6)
    if t_big >= NOISE_FLOOR_S:
        assert ratio <= MAX_RATIO, f"{t_small:.3f}s -> {t_big:.3f}s (x{ratio:.0f}) for x{SCALE} input"


def _repair_text(data: str | bytes) -> object:
    return mojifix.repair_text(data)  # type: ignore[arg-type]


def _repair_bytes(data: str | bytes) -> object:
    try:
        return mojifix.repair_bytes(data)  # type: ignore[arg-type]
    except mojifix.MojifixError as exc:  # refusing is an answer too; it must come as fast
        return exc


@pytest.mark.parametrize("unit", TEXT_UNITS.values(), ids=TEXT_UNITS.keys())
def test_text_linear(unit):
    _check_linear(_repair_text, unit)


@pytest.mark.parametrize("unit", BYTE_UNITS.values(), ids=BYTE_UNITS.keys())
def test_bytes_linear(unit):
    _check_linear(_repair_bytes, unit)


def diff_and_report(data: str | bytes) -> object:
    """What ``fix --diff --report`` computes besides the repair."""
    repair = mojifix.repair_text(data)  # type: ignore[arg-type]
    return unified_diff("f", repair.original, repair.text), repair.to_dict()


# Every other line changed, every line distinct: difflib's line alignment was quadratic here
# (0.2 MB took 21 s); see textdiff.line_opcodes.
NUMBERED = "".join(f"{i} cafÃ©\nline {i} ok\n" for i in range(5000))
ENTITY_NEWLINES = "".join(f"{i} caf&eacute;&#10;line {i} ok\n" for i in range(5000))


@pytest.mark.parametrize("unit", [NUMBERED, ENTITY_NEWLINES], ids=["same-lines", "more-lines"])
def test_report_and_diff_linear(unit):
    _check_linear(diff_and_report, unit)
