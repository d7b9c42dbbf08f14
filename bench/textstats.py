"""Character error rate for the benches: edit distance / length of the original.

rapidfuzz (the ``bench`` extra) computes the Levenshtein distance in C. Without it, a bit-parallel
algorithm (Myers 1999, in Hyyrö's form for edit distance) does one pass of integer operations per
character of the second string, on Python's big integers, so a 4,000-character document costs
milliseconds, not the seconds of the textbook table (bench/accuracy.py's ``cer``).
"""

from __future__ import annotations


def _levenshtein_bits(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    m = len(a)
    if not b:
        return m
    peq: dict[str, int] = {}
    for i, c in enumerate(a):
        peq[c] = peq.get(c, 0) | (1 << i)
    mask, high = (1 << m) - 1, 1 << (m - 1)
    pv, mv, score = mask, 0, m
    for c in b:
        eq = peq.get(c, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | ~(xh | pv)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = (ph << 1) | 1
        mh <<= 1
        pv = (mh | ~(xv | ph)) & mask
        mv = ph & xv
    return score


try:
    from rapidfuzz.distance import Levenshtein as _rf

    def levenshtein(a: str, b: str) -> int:
        """Edit distance (insertions, deletions, substitutions of one character each)."""
        return int(_rf.distance(a, b))
except ImportError:  # the test extra is not installed: the pure-Python bit-parallel form
    levenshtein = _levenshtein_bits


def cer(original: str, got: str) -> float:
    """Character error rate of ``got`` against ``original`` (0.0 when identical)."""
    if original == got:
        return 0.0
    return levenshtein(original, got) / max(len(original), 1)


def _written(a: str, b: str) -> set[int]:
    """Positions of ``b`` that are substitutions or insertions when ``a`` is edited into ``b``
    (Levenshtein's alignment; difflib's without rapidfuzz, the bench extra)."""
    if a == b:
        return set()
    try:
        from rapidfuzz.distance import Levenshtein
    except ImportError:
        import difflib

        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        return {j for tag, _, _, j1, j2 in matcher.get_opcodes() if tag in ("replace", "insert")
                for j in range(j1, j2)}
    return {op.dest_pos for op in Levenshtein.editops(a, b) if op.tag in ("replace", "insert")}


def wrong_chars(original: str, got: str, garbled: str | None = None) -> tuple[int, int]:
    """(characters the repair put in wrong, garbled characters it left): the characters of
    ``got`` that are neither the original's nor U+FFFD (the substitutions and insertions of the
    alignment the CER counts, less those that are U+FFFD), split by whether the repair wrote
    them (they are no character of ``garbled`` kept in place) or left them as they came.

    Why a count of its own: a lost byte filled in wrongly and a lost byte left U+FFFD cost the
    CER the same, but only the U+FFFD tells the reader the character is gone (issue 18, do no
    harm). Deletions are characters missing, not wrong ones. Why split: with ``errors="ignore"``
    most wrong characters are mojibake the repair did not touch (a missed fix, which the CER
    already counts), and only the first number is harm the repair did. Without ``garbled``
    every wrong character counts as put in. (bench/quality.py's lossy table)"""
    wrong = {j for j in _written(original, got) if got[j] != "\ufffd"}
    if garbled is None:
        return len(wrong), 0
    put_in = len(wrong & _written(garbled, got))
    return put_in, len(wrong) - put_in
