"""Half a punctuation mark: an English page's ``—`` or ``“`` read through GBK or Shift_JIS with
its last byte dropped, told (issue 18: never call a lossy document clean); and half a Latin-1
character through Shift_JIS.

UTF-8 writes the General Punctuation marks (``– — ‘ ’ “ ” …``) as E2 80 xx. Through GBK the
first two bytes are one character, ``鈥`` (Shift_JIS: ``窶``), and where ``errors="ignore"`` then
refused the last byte with the one after it (a space, a digit, a quote: any byte below 40, no
trail byte of either page), it vanished: ``is a null operation 鈥 when``. An English page
whose only non-ASCII characters are such halves holds too little for any road to repair: the
mark could be any of them (``—`` or ``–`` between words, ``”`` after one), and one character is
below every bar of the chain search. Such documents came back unchanged and were called clean
(bench/quality.py: 3 of GBK's, 4 of Shift_JIS's).

Half a Latin-1 character too, through Shift_JIS: UTF-8 writes U+0080-00FF as C2 or C3 and a
byte 80-BF, and Shift_JIS reads C2 and C3 alone, as the half-width katakana ``ﾂ`` and ``ﾃ``.
The second byte survives as another (A1-BF: ``café`` is ``cafﾃｩ``, no loss), pairs with the
byte after it (81-9F before a trail byte: ``Straße`` is ``Straﾃ歹``, the chain search's), or is
refused and vanishes (80 and A0 always, 81-9F before any other byte): ``"'ß'"`` is ``"'ﾃ'"``,
a no-break space ``ﾂ``. An English page holding nothing else was called clean (bench/quality.py:
one through Shift_JIS). Any ASCII byte may follow such a half (A0 vanishes before a letter too).

The text is left as it is (the lost byte is not known); the finding (``mojibake-lossy``,
unfixed) makes ``check`` exit 1 and says what happened. Only where the document holds no other
non-ASCII character, its halves are those of one page, every half of a mark stands before a byte
below 40 or a line end (else it would have made a pair with it), and no fixer before told of
mojibake.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..config import Config
from ..model import Finding, describe_chain

# The first two bytes of UTF-8's General Punctuation marks (E2 80), as each page reads them.
HALVES = {"\u9225": "gbk", "\u7ab6": "shift_jis"}  # 鈥, 窶
# The first byte of UTF-8's Latin-1 characters (C2: signs, the no-break space; C3: letters), as
# Shift_JIS reads it alone.
LETTER_HALVES = {"\uff82": "shift_jis", "\uff83": "shift_jis"}  # ﾂ, ﾃ
_PAGES = {**HALVES, **LETTER_HALVES}
_HALF = re.compile(f"[{''.join(_PAGES)}]")
_ALONE = re.compile(f"[{''.join(HALVES)}](?:[\x00-\x3f]|$)", re.M)
_LOSSY = "mojibake-lossy"  # (kinds.FindingKind.MOJIBAKE_LOSSY)
_EVIDENCE = {
    "\u9225": "E2 80 in gbk: the first two bytes of a UTF-8 punctuation mark (– — ‘ ’ “ ” …), its "
              "last byte refused",
    "\u7ab6": "E2 80 in shift_jis: the first two bytes of a UTF-8 punctuation mark (– — ‘ ’ “ ” …), "
              "its last byte refused",
    "\uff82": "C2 in shift_jis: the first byte of a UTF-8 sign or no-break space (U+0080-00BF), its "
              "second byte refused",
    "\uff83": "C3 in shift_jis: the first byte of a UTF-8 letter À-ÿ, its second byte refused",
}


def fix_half_marks(text: str, config: Config, findings: Sequence[Finding] = ()) -> tuple[list, list[Finding]]:
    """No edits; a lossy finding for an otherwise ASCII page whose halves (of one page) all
    stand alone."""
    if not config.fix_mojibake or any(f.kind.startswith("mojibake") for f in findings):
        return [], []
    halves = _HALF.findall(text)
    if not halves or len({_PAGES[h] for h in halves}) != 1 or not _HALF.sub("", text).isascii():
        return [], []
    marks = sum(h in HALVES for h in halves)
    if len(_ALONE.findall(text)) != marks:
        return [], []
    chain = ("utf-8", _PAGES[halves[0]])
    first = _HALF.search(text)
    lost = [f"{n} {noun}{'s' * (n != 1)}" for n, noun in
            ((marks, "punctuation mark"), (len(halves) - marks, "Latin-1 character")) if n]
    seen = sorted(set(halves))
    return [], [Finding(
        _LOSSY, f"{describe_chain('mojibake', chain)} with bytes dropped: {' and '.join(lost)} "
        f"lost (left as {', '.join(map(repr, seen))})",
        count=len(halves), confidence=0.8, chain=chain, fixed=False, lost=len(halves),
        offset=first.start() if first else None,
        evidence=tuple(f"{h} is {_EVIDENCE[h]}" for h in seen))]
