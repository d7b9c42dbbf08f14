"""mojifix: repair garbled text.

>>> import mojifix
>>> mojifix.fix_text("cafÃ©")
'café'
"""

from .api import fix_bytes, fix_text, repair_bytes, repair_text
from .config import Config
from .decoding.detection import Detection, detect_bytes
from .errors import BinaryInputError, DecodeError, MojifixError
from .model import Change, Finding, Repair

__all__ = [
    "BinaryInputError",
    "Change",
    "Config",
    "DecodeError",
    "Detection",
    "Finding",
    "MojifixError",
    "Repair",
    "detect_bytes",
    "fix_bytes",
    "fix_text",
    "repair_bytes",
    "repair_text",
]
__version__ = "0.1.0"
