"""User-facing errors: one line naming the input and the remedy, never a traceback."""

from __future__ import annotations


class MojifixError(Exception):
    """An input problem the user can fix. ``str()`` is the one-line message."""

    def __init__(self, message: str, remedy: str = "", path: str | None = None) -> None:
        self.message = message
        self.remedy = remedy
        self.path = path
        super().__init__(self.format())

    def format(self) -> str:
        where = f"{self.path}: " if self.path else ""
        tail = f" ({self.remedy})" if self.remedy else ""
        return f"{where}{self.message}{tail}"

    def with_path(self, path: str) -> MojifixError:
        return type(self)(self.message, self.remedy, path)


class BinaryInputError(MojifixError):
    """The bytes do not look like text in any encoding."""


class UndecodableInputError(BinaryInputError):
    """Bytes that look like text (no NUL bytes, few controls) but that no text encoding
    decodes plausibly: an encoding mojifix does not know, or text damaged past reading.

    A :class:`BinaryInputError` for the library's callers (neither has text to repair), but the
    batch commands report it as an error (exit 2, the file named with the remedy) where a
    binary file is skipped: a text file that cannot be read must not pass ``check`` as if it
    were an image, nor go missing from ``--out-dir`` without a word (QA)."""


class DecodeError(MojifixError):
    """The bytes cannot be decoded with the forced encoding."""


BYTES_LIKE = (bytes, bytearray, memoryview)  # what the *_bytes functions take


def wrong_type(function: str, value: object, other: str | None = None, *,
               argument: str | None = None, takes: str = "") -> TypeError:
    """The TypeError of a public function given the wrong type, naming that function (not a
    helper it calls), the type it takes and the one it got, and pointing at ``other``, its
    twin (if it has one), only when ``value`` is what the twin takes (None is neither)::

        fix_bytes takes bytes, got str; use fix_text for str
        fix_text takes str, got NoneType

    With ``argument``, the value is that argument's (an option, ``path``), which ``takes``
    says what it may be: Python's own words come from deep inside and name neither
    (``lookup() argument must be str, not int`` for ``encoding=5``)::

        fix_text takes encoding as str or None, got int
    """
    got = type(value).__name__
    if argument is not None:
        return TypeError(f"{function} takes {argument} as {takes}, got {got}")
    wants_bytes = function.endswith("_bytes")
    message = f"{function} takes {'bytes' if wants_bytes else 'str'}, got {got}"
    twin_takes = str if wants_bytes else BYTES_LIKE
    if other is not None and isinstance(value, twin_takes):
        message += f"; use {other} for {'str' if wants_bytes else 'bytes'}"
    return TypeError(message)
