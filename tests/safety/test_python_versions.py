"""Every supported Python runs the walkers right (issue 19, "Crashes and hangs").

The clash walker and the combined walk are made of possessive repeats. Python 3.10 has no such
syntax (``re.error: multiple repeat`` on any non-ASCII input) and 3.11.0-3.11.4 match them wrong
when the repeated part holds a lookbehind (Debian 12's 3.11.2 looped forever on
``cafÃ© æ—¥æœ¬``). :mod:`mojifix.scoring.atomic` writes them in a portable form there; these tests show
the portable form is the same language as the native one, and that the inputs that crashed or
hung now finish, in a separate process with a timeout (a hang must fail the test, not the run).
CI runs this file under every interpreter the machine has (``.ci/run``).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mojifix.scoring import atomic, plausibility, quiet
from mojifix.scoring.atomic import rep

SRC = Path(__file__).resolve().parents[2] / "src"
HANG = "cafÃ© æ—¥æœ¬\n"
# Non-ASCII samples: each script the walkers have a rule for, clean and garbled, with and
# without a line end (the hang needed the line end; 3.10 failed on any of them).
SAMPLES = [
    HANG,
    "cafÃ© æ—¥æœ¬",
    "naïve café\n",
    "Привет, мир!\nÐŸÑ€Ð¸Ð²ÐµÑ‚\n",
    "日本語のテキスト。\n浣犲ソ\n",
    "한국어 text 가\n",
    "Αθήνα ΑΒ\n",
    "مرحبا بالعالم\n",
]

# Pieces aimed at each rule of the walkers: capitals after lowercase (Latin, Cyrillic, Greek),
# Cyrillic capitals before cp1251 trail symbols, hanzi/kana/hangul beside Latin or spaced like
# words, lone curly quotes, mojibake runs, zero-width characters, line ends.
PIECES = [
    "hello", "World", "iPhone", "ABC", " ", "\n", "\r\n", ", ", ".", "(", ")", "1", "-",
    "Привет", "мир", "МосКва", "СССР", "В", "Я", "ё", "…", "„", "»", "«", "‚", "•",
    "Αθήνα", "ΑΒ", "α", "Ω", "你好", "，", "。", "“", "”", "‘", "’", "氏", "丂",
    "ソ", "浣犲", "日本語", "ｺ", "한국어", "가", "뷁", "Ã", "Â", "©", "€", "â€œ", "Ð¸",
    "é", "É", "ü", "°", "\u200b", "\ufeff", "\x85", "\ufffd", "مرحبا", "—", "¬", "æ—¥",
]
TEXTS = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=30).map("".join)

needs_native = pytest.mark.skipif(
    not atomic.NATIVE,
    reason=f"Python {sys.version.split()[0]} has no reliable possessive quantifiers to compare "
    "the portable form with (3.11.5 and later have)",
)


def _walkers(native: bool) -> dict[str, re.Pattern[str]]:
    return {"clash": plausibility._scans(native)[1], "combined": quiet.build(native)}


def test_portable_patterns_use_no_possessive_syntax():
    """The portable walkers compile on any ``re`` (3.10 has no ``*+``, ``++``, ``?+``)."""
    for name, pattern in _walkers(False).items():
        # A repeat operator followed by "+" (the possessive marker), not escaped.
        found = re.search(r"(?<!\\)(?:[*+?]|\})\+", pattern.pattern)
        assert found is None, f"{name}: possessive syntax at {found.start()}"


@needs_native
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_portable_walkers_match_the_native_ones(text):
    """Both forms of every walker end at the same place, from every start in the text."""
    native, portable = _walkers(True), _walkers(False)
    for name in native:
        for pos in range(len(text) + 1):
            a = native[name].match(text, pos).end()
            b = portable[name].match(text, pos).end()
            assert a == b, (name, text, pos)


# Small patterns of the same shapes as the walkers' (repeats of classes, of groups, nested,
# alternatives holding lookarounds, the ``?`` repeat) and one that would backtrack without
# atomicity.
def _shapes(native: bool) -> list[re.Pattern[str]]:
    def r(x: str, q: str) -> str:
        return rep(x, q, native=native)

    return [
        atomic.compile(r(f"{r('[^x]', '+')}|(?<!q)x", "*")),
        atomic.compile(r(f"{r('[ab]', '+')}{r(r('[ ,]', '+') + r('[ab]', '+'), '*')}(?![a-c])", "*")),
        atomic.compile(r(f"(?<![c ]){r('[A-Z]', '?')}{r('[a-z]', '+')}(?! c)|c", "*") + "b?"),
        atomic.compile(r("a|ab", "+") + "b"),
        atomic.compile(r(r("[a\\]]", "*") + "q", "?") + r("\\]", "*")),
        atomic.compile(r("a", "?") + "[ab]" + r("[A-Z]", "?") + r("[^ ]", "+") + "b?"),
    ]


@needs_native
@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="abcxqAZ ,]\n", max_size=16))
def test_rep_forms_agree_on_small_patterns(text):
    for native, portable in zip(_shapes(True), _shapes(False), strict=True):
        for pos in range(len(text) + 1):
            a, b = native.match(text, pos), portable.match(text, pos)
            assert (a and a.end()) == (b and b.end()), (native.pattern, text, pos)


def test_walkers_never_end_before_they_start():
    """The 3.11.2 fault itself: at the text's end a walk returned a match ending one character
    before its start, and the line loop went round forever."""
    for name, walker in _walkers(atomic.NATIVE).items():
        for text in SAMPLES:
            for pos in range(len(text) + 1):
                m = walker.match(text, pos)
                assert m is not None and m.end() >= pos, (name, text, pos)
            assert walker.match(text, len(text)).end() == len(text)


def _fix_in_subprocess(python: str, env: dict[str, str], *, build_walker: bool) -> None:
    code = (
        "import json, sys\n"
        "from mojifix import fix_text\nfrom mojifix.scoring import quiet\n"
        + ("quiet.walker()\n" if build_walker else "")
        + "print(json.dumps([fix_text(s) for s in json.loads(sys.stdin.read())]))\n"
    )
    import json

    try:
        done = subprocess.run(
            [python, "-c", code], input=json.dumps(SAMPLES), capture_output=True, text=True,
            timeout=60, env=env,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{python}: fix_text did not finish in 60 s on {SAMPLES!r}")
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout)
    assert out[0] == "café 日本\n"
    assert out[2] == "naïve café\n" and out[7] == "مرحبا بالعالم\n"  # clean text: unchanged


def _env(*paths: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), *paths, env.get("PYTHONPATH", "")])
    return env


@pytest.mark.parametrize("build_walker", [False, True], ids=["exact-screens", "combined-walk"])
def test_fix_text_finishes_on_the_hang_input(build_walker):
    _fix_in_subprocess(sys.executable, _env(), build_walker=build_walker)


def test_fix_text_finishes_under_the_system_python():
    """Debian's own /usr/bin/python3 (3.11.2 on the CI machines), with this interpreter's
    packages when it is the same minor version (same ABI); CI's second stage also runs this
    whole file in a venv of its own."""
    system = Path("/usr/bin/python3")
    if not system.exists():
        pytest.skip("no /usr/bin/python3 on this machine")
    version = subprocess.run(
        [str(system), "-c", "import sys; print(*sys.version_info[:3])"],
        capture_output=True, text=True, timeout=30,
    ).stdout.split()
    if version[:2] != [str(sys.version_info[0]), str(sys.version_info[1])]:
        pytest.skip(f"/usr/bin/python3 is {'.'.join(version)}: not this interpreter's ABI")
    paths = sysconfig.get_paths()
    _fix_in_subprocess(str(system), _env(paths["purelib"], paths["platlib"]), build_walker=True)


# ---- what CI tests and what the package claims -------------------------------------------------

ROOT = SRC.parent


def _project() -> dict:
    tomllib = pytest.importorskip("tomllib", reason="tomllib is 3.11+ (CI's first stage has it)")
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _names(requirements: list[str]) -> set[str]:
    return {re.match(r"[A-Za-z0-9_.-]+", r).group().lower() for r in requirements}


def test_requires_python_says_exactly_what_ci_tests():
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    minors = re.search(r"^MINORS=\(([^)]*)\)", run, re.M).group(1).split()
    last = int(minors[-1].split(".")[1])
    assert minors == [f"3.{m}" for m in range(10, last + 1)]
    assert _project()["requires-python"] == f">={minors[0]},<3.{last + 1}"


def test_test_extra_is_light_and_the_heavy_ones_have_their_own():
    """The ``test`` extra installs quickly on any supported Python; Ray and datatrove (with
    what datatrove imports) are extras of their own, which CI adds in a second step."""
    extras = _project()["optional-dependencies"]
    assert not _names(extras["test"]) & {"ray", "datatrove", "regex", "orjson"}
    assert any(r.startswith("ray[data]") for r in extras["ray"])
    assert _names(extras["datatrove"]) >= {"datatrove", "regex", "orjson"}
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme_command = "pip install -e '.[test]' && ruff check . && python -m pytest"
    assert readme_command.replace('pip install', 'pip install -q') in run
    assert run.index("pip install -q -e '.[ray,datatrove]'") < run.index("-e '.[test]' && ruff")
    assert re.search(r"CORE_TESTS=\(\s*tests/safety\s", run)  # the whole folder, every version


def test_applying_edits_never_holds_the_repaired_text_twice() -> None:
    """``apply_edits`` builds the repaired text by ``+=`` in place. Python 3.12 and 3.13 resize
    in place only at an addition they have specialised, so a last addition of its own after
    the loop copied the whole text (issue 20: twice the repaired document at the peak). The
    first call in a fresh process shows it; tracemalloc's peak is the same on every version."""
    code = (
        "import tracemalloc\n"
        "from mojifix.engine.pipeline import apply_edits\n"
        "text = ('中文字符测试' * 10 + '\\n') * 30000\n"
        "edits = [(i, i + 1, '字', 'k', None) for i in range(0, len(text), 35)]\n"
        "tracemalloc.start()\n"
        "out = apply_edits(text, edits)\n"
        "print(tracemalloc.get_traced_memory()[1] / (2 * len(out)))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    ratio = float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 check=True, env=env, timeout=120).stdout)
    assert ratio < 1.5  # the text (two bytes a character) and the pieces of one block; was 2.0
