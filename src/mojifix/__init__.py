"""mojifix: repair garbled text.

>>> import mojifix
>>> mojifix.fix_text("cafÃ©")
'café'
"""

from .api import fix_bytes, fix_text, repair_bytes, repair_text
from .config import Config
from .errors import BinaryInputError, DecodeError, MojifixError
from .model import Change, Finding, Repair

__all__ = [
    "BinaryInputError",
    "Change",
    "Config",
    "DecodeError",
    "Finding",
    "MojifixError",
    "Repair",
    "fix_bytes",
    "fix_text",
    "repair_bytes",
    "repair_text",
]
__version__ = "0.1.0"
