"""atheris harness for the JSONL reader (``mojifix.files.jsonl.repair_jsonl``, batch mode's
``--jsonl --field``): nothing dropped, nothing reordered, only the chosen field changed.

    pip install -e '.[fuzz]'
    python fuzz/fuzz_jsonl.py -max_total_time=300 -max_len=4096 [CORPUS_DIR]

The first byte chooses the field (``text``, ``meta.body``, ``turns.0.text``); the rest is the
JSONL stream. The CI-bounded run of the same target is ``tests/test_fuzz.py``.
"""

from __future__ import annotations

import os
import sys

import atheris

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))

with atheris.instrument_imports():
    import fuzz_targets as targets
    import mojifix.files.jsonl  # noqa: F401


def main() -> None:
    atheris.Setup(sys.argv, targets.jsonl_target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
