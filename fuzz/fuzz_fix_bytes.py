"""atheris harness for ``mojifix.repair_bytes`` / ``repair_text`` (coverage-guided fuzzing).

    pip install -e '.[fuzz]'
    python fuzz/fuzz_fix_bytes.py -runs=200000 -max_len=4096 [CORPUS_DIR]

libFuzzer prints ``Done N runs``; a crash writes ``crash-<sha1>`` with the input. Turn every
crash into a regression test in ``tests/test_fuzz.py`` (``REGRESSIONS``). The CI-bounded run of
the same targets, without atheris, is ``tests/test_fuzz.py``.
"""

from __future__ import annotations

import os
import sys

import atheris

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))

with atheris.instrument_imports():
    import fuzz_targets as targets
    import mojifix  # noqa: F401


def test_one_input(data: bytes) -> None:
    targets.fix_bytes_target(data)
    targets.fix_text_target(data)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
