"""The holes a word leaves when UTF-8 letters are read through a CJK page that loses some of
them: the key :mod:`mojifix.fixers.lostwords` looks a word up by (issue 18's lossy chains).

Two kinds of page.

- **Big5 and EUC-KR** lose a letter whole or not at all, whatever stands next to it: the
  letter's two bytes are a pair of the page or are refused together (``lostwords._model``
  checks it for every pair of letters). A word's key is the word with each lost letter a hole
  (``errors="replace"``) or left out (``"ignore"``).
- **Shift_JIS and cp932** read the first byte of a two-byte letter (Cyrillic ``D0``/``D1``,
  Greek ``CE``/``CF``, Hebrew ``D7``, Arabic ``D8``/``D9``) alone, as a half-width katakana;
  its second byte is lost where the page has no single character for it (``80``, ``A0``) or
  where it is a lead byte (``81``-``9F``) that makes no character of the page with the byte
  after it. So one letter is lost before one neighbour and kept before another: ``т``
  (``D1 82``) before ``о`` (``D0 BE``: ``82 D0`` is a hiragana) survives, at the end of a word
  (``82 20`` is no pair) it is lost. The key is computed letter by letter with the byte that
  follows (:func:`lost`). What the chain search then reads back is exactly that: each lost
  letter one U+FFFD with ``"replace"``, each run of lost letters one U+FFFD with ``"ignore"``
  (the letters' lead bytes survive and mark the place). Measured on the bench's Russian,
  Ukrainian, Greek and Arabic documents: the prediction equals the chain search's output on
  every document (tests/test_lostwords_sjis.py checks it on real text).

A letter the lossy road brought back from its one surviving byte (Hebrew ``נ``, whose ``A0``
has no other reading) is no hole: such a word simply finds no key, and stays as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

HOLE = "\ufffd"
CONTEXT_PAGES = ("shift_jis", "cp932")
# Modes: "replace" (a hole a lost letter), "ignore" (Big5/EUC-KR: lost letters left out, no
# mark), "runs" (Shift_JIS with "ignore": a hole a run of lost letters).
MODES = ("replace", "ignore", "runs")
_AFTER = " "  # what follows a word when the index is built (a space, a newline, punctuation)


@cache
def lost(page: str, letter: str, after: int) -> bool | None:
    """Whether ``page`` loses ``letter`` (read from its UTF-8 bytes) when the byte ``after``
    follows it; None when ``after`` is no character of the page on its own (the first byte of
    a three-byte character: what it pairs with is not known from one byte)."""
    if not (after < 0x80 or _alone(page, after)):
        return None
    return HOLE in (letter.encode("utf-8") + bytes([after])).decode(page, "replace")


@cache
def _alone(page: str, byte: int) -> bool:
    read = bytes([byte]).decode(page, "replace")
    return len(read) == 1 and read != HOLE


@cache
def context_model(page: str, letters: tuple[str, ...]) -> frozenset[str]:
    """The ``letters`` ``page`` loses before some byte, or an empty set where the model does
    not hold: every letter must be two bytes whose first the page reads alone."""
    if page not in CONTEXT_PAGES:
        return frozenset()
    for c in letters:
        data = c.encode("utf-8")
        if len(data) != 2 or not _alone(page, data[0]):
            return frozenset()
    nexts = {c.encode("utf-8")[0] for c in letters} | {ord(_AFTER), ord("\n"), ord(".")}
    return frozenset(c for c in letters if any(lost(page, c, b) for b in nexts))


@dataclass(frozen=True)
class Keys:
    """How a page turns a word into its key: ``page`` and ``mode`` (:data:`MODES`);
    ``letters``, the letters the page loses (Big5/EUC-KR: in every context; Shift_JIS: in
    some)."""

    page: str
    mode: str
    letters: frozenset[str]

    @property
    def context(self) -> bool:
        """Whether a letter's loss depends on the byte after it (Shift_JIS)."""
        return self.page in CONTEXT_PAGES

    def of(self, word: str, after: str = _AFTER) -> str | None:
        """``word``'s key, ``after`` the character that follows it ("" at the end of a line);
        None where it cannot be told (:func:`lost`)."""
        if not self.context:
            if self.mode == "ignore":
                return "".join(c for c in word if c not in self.letters)
            return "".join(HOLE if c in self.letters else c for c in word)
        out: list[str] = []
        last = False
        for i, c in enumerate(word):
            nxt = word[i + 1] if i + 1 < len(word) else (after or "\n")
            gone = c in self.letters and lost(self.page, c, nxt.encode("utf-8", "surrogatepass")[0])
            if gone is None:
                return None
            if not gone:
                out.append(c)
            elif not (last and self.mode == "runs"):
                out.append(HOLE)
            last = bool(gone)
        return "".join(out)
