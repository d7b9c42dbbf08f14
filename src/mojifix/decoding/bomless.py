"""UTF-16 and UTF-32 without a byte-order mark, told from binary data (a part of
:func:`mojifix.decoding.decode.decode`'s third step: NUL bytes).

Both byte orders are decoded and a clean one kept; the reading must also hold what text holds
(:func:`_has_text_structure`), since bytes of audio or of a ``.pyc`` read as UTF-16 are
assigned characters too.
"""

from __future__ import annotations

import re
import unicodedata


def _implausible(text: str) -> int:
    """Count characters no text contains: unassigned, private use, surrogates, controls."""
    bad = 0
    for ch in text:
        if ch.isprintable() or ch in "\t\n\r":
            continue
        if unicodedata.category(ch) in ("Cn", "Co", "Cs", "Cc"):
            bad += 1
    return bad


def _utf16_without_bom(data: bytes) -> str | None:
    """Recognise BOM-less UTF-32 or UTF-16 by decoding both byte orders and keeping a clean one.

    Only tried when the bytes hold NULs (ASCII in UTF-16) or are not UTF-8; the byte order that
    yields no unassigned/control characters wins, and only if the other one does worse. UTF-32
    is tried first: UTF-32 text read as UTF-16 is full of U+0000, so it never passes as UTF-16.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[: 1 << 16]
    if _stray_nuls_in_utf8(sample):
        return None
    families = (("utf-32-le", "utf-32-be"), ("utf-16-le", "utf-16-be"))
    for family in families if len(data) % 4 == 0 else families[1:]:
        scores = {}
        texts = {}
        for enc in family:
            try:
                texts[enc] = text = sample.decode(enc)
            except UnicodeDecodeError:
                continue
            scores[enc] = _implausible(text) / max(1, len(text))
        if not scores:
            continue
        best = min(scores, key=scores.__getitem__)
        other = [v for k, v in scores.items() if k != best]
        if scores[best] <= 0.01 and (not other or other[0] > scores[best] + 0.02):
            # (UTF-32's own pattern, two NULs in every four bytes of BMP text, is evidence
            # enough: its 16-byte windows of Chinese hold four ideographs and no punctuation)
            return best if best.startswith("utf-32") or _has_text_structure(texts[best]) else None
        if family[0] == "utf-16-le" and len(texts) == 2:
            return _by_structure(texts, scores)
    return None


def _by_structure(texts: dict[str, str], scores: dict[str, float]) -> str | None:
    """Where both byte orders read as assigned characters, the one whose reading holds ASCII
    (spaces, line breaks, punctuation: :data:`_ASCII`) where the other holds next to none. Why: Russian in one byte
    order is Greek Extended in the other (``П``, 1F 04, is ``ἄ``), Polish is CJK ideographs
    (``a``, 61 00, is U+6100), so the unassigned characters do not tell them apart (1.5% against
    0%) and such a file was "binary": ``fix`` refused it, ``check`` skipped it and exited 0
    (a new user's QA: 6 of the first 10 Russian manpages and 7 of 10 Polish saved as BOM-less
    UTF-16). Binary read as UTF-16 holds no such structure in either order."""
    shares = {enc: len(_ASCII.findall(text)) / max(1, len(text)) for enc, text in texts.items()}
    best = max(shares, key=shares.__getitem__)
    other = min(shares.values())
    if scores[best] <= 0.01 and shares[best] >= _CLEAR_SHARE and other * 10 <= shares[best]:
        return best
    return None


# What text in any script holds and binary read as UTF-16 does not: ASCII (spaces, line breaks,
# digits, punctuation: Latin, Cyrillic, Greek, Korean, Arabic text are mostly or partly ASCII
# units) or CJK punctuation and full-width forms (``，。「」``: Chinese and Japanese without one
# ASCII character). Bytes read as UTF-16 where neither byte is NUL give none of these: 8-bit
# audio (bytes near 0x80) reads as ideographs U+7F7F-U+9494, ASCII text (a .pyc's strings, a
# NUL here and there) as U+2020-U+7E7E; each passed the test of assigned characters as
# "Chinese", and `fix -i` rewrote a WAV file and a .pyc as UTF-8 text (a new user's QA).
_STRUCTURE = re.compile("[\t\n\r\x20-\x7e\u3000-\u301f\uff01-\uff65]")
_STRUCTURE_SHARE = 0.01  # of the characters, at least (and one): the BOM-less Chinese sample of
# the detection corpus has 6 in 55 (``，。``), the corpus's UTF-16 CSV and subtitles 100%


# Bytes of text: all but the C0 controls (tab, line breaks and form feed kept).
_TEXT_BYTES = bytes(b for b in range(256) if b >= 0x20 or b in b"\t\n\r\x0c")
# The ASCII part of the structure: what a byte order swapped never gives Cyrillic or Polish
# (their CJK-punctuation share can: ``а``, 30 04, is ``〄`` read the other way).
_ASCII = re.compile("[\t\n\r\x20-\x7e]")
# A reading chosen by its structure alone holds at least this share of it (Russian and Polish
# prose: about a fifth to a half of the characters are spaces, digits, punctuation, ASCII).
_CLEAR_SHARE = 0.1


def _has_text_structure(text: str) -> bool:
    """Whether ``text`` (a BOM-less UTF-16 reading) holds the ASCII or CJK punctuation
    every text holds (:data:`_STRUCTURE`)."""
    found = len(_STRUCTURE.findall(text))
    return found >= 1 and found >= _STRUCTURE_SHARE * len(text)


def _stray_nuls_in_utf8(sample: bytes) -> bool:
    """A few NULs in otherwise valid UTF-8 (``text<NUL> more``): not UTF-16, whose ASCII is half
    NULs and whose other text is almost never valid UTF-8. Read as UTF-16, such ASCII decodes to
    assigned CJK characters and would pass the plausibility test.
    """
    if sample.count(0) * 10 >= len(sample):
        return False
    rest = sample.replace(b"\x00", b"")
    if len(rest.translate(None, _TEXT_BYTES)) * 20 > len(rest):
        # C0 controls in every other byte: UTF-16 of a script whose units' high byte is one
        # (Cyrillic 04, Greek 03, Hebrew 05, Arabic 06: valid UTF-8 once its few NULs, those of
        # its spaces, are taken out), not UTF-8 text (a new user's QA: Russian BOM-less UTF-16
        # was "binary")
        return False
    try:
        rest.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(sample) - 4 - sample.count(0)  # cut mid-character by the sample
    return True
