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


class DecodeError(MojifixError):
    """The bytes cannot be decoded with the forced encoding."""
