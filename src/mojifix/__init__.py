"""mojifix: repair garbled text.

>>> import mojifix
>>> mojifix.fix_text("cafÃ©")
'café'

The public names are imported on first use (PEP 562 ``__getattr__``), not with the package:
``mojifix --version``, ``--help`` and the commands that never repair text then skip the repair
engine's imports (issue 20: start-up). ``from mojifix import fix_text`` and ``mojifix.fix_text``
work as before; type checkers see the imports below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import fix_bytes, fix_text, repair_bytes, repair_text
    from .config import Config
    from .decoding.detection import Detection, detect_bytes
    from .errors import BinaryInputError, DecodeError, MojifixError, UndecodableInputError
    from .model import Change, Finding, Repair

# public name -> the module that defines it
_HOMES = {
    "fix_bytes": "api", "fix_text": "api", "repair_bytes": "api", "repair_text": "api",
    "Config": "config", "Detection": "decoding.detection", "detect_bytes": "decoding.detection",
    "BinaryInputError": "errors", "DecodeError": "errors", "MojifixError": "errors",
    "UndecodableInputError": "errors",
    "Change": "model", "Finding": "model", "Repair": "model",
}

__all__ = [
    "BinaryInputError",
    "Change",
    "Config",
    "DecodeError",
    "Detection",
    "Finding",
    "MojifixError",
    "Repair",
    "UndecodableInputError",
    "detect_bytes",
    "fix_bytes",
    "fix_text",
    "repair_bytes",
    "repair_text",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'mojifix' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{home}", __name__), name)
    # Kept as the package's own attribute: the next ``mojifix.fix_text`` is a plain lookup, not
    # this function and an import call (2 µs a call: a JSONL corpus of short records calls it
    # once a record, bench/records.py). The same object either way.
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
