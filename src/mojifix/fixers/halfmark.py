"""Half a punctuation mark: an English page's ``—`` or ``“`` read through GBK or Shift_JIS with
its last byte dropped, told (issue 18: never call a lossy document clean).

UTF-8 writes the General Punctuation marks (``– — ‘ ’ “ ” …``) as E2 80 xx. Through GBK the
first two bytes are one character, ``鈥`` (Shift_JIS: ``窶``), and where ``errors="ignore"`` then
refused the last byte with the one after it (a space, a digit, a quote: any byte below 40, no
trail byte of either page), it vanished: ``is a null operation 鈥 when``. An English page
whose only non-ASCII characters are such halves holds too little for any road to repair: the
mark could be any of them (``—`` or ``–`` between words, ``”`` after one), and one character is
below every bar of the chain search. Such documents came back unchanged and were called clean
(bench/quality.py: 3 of GBK's, 4 of Shift_JIS's).

The text is left as it is (the lost byte is not known); the finding (``mojibake-lossy``,
unfixed) makes ``check`` exit 1 and says what happened. Only where the document holds no other
non-ASCII character, every half stands before a byte below 40 or a line end (else it would have
made a pair with it), and no fixer before told of mojibake.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..config import Config
from ..model import Finding, describe_chain

# The first two bytes of UTF-8's General Punctuation marks (E2 80), as each page reads them.
HALVES = {"\u9225": "gbk", "\u7ab6": "shift_jis"}  # 鈥, 窶
_HALF = re.compile(f"[{''.join(HALVES)}]")
_ALONE = re.compile(f"[{''.join(HALVES)}](?:[\x00-\x3f]|$)", re.M)
_LOSSY = "mojibake-lossy"  # (kinds.FindingKind.MOJIBAKE_LOSSY)


def fix_half_marks(text: str, config: Config, findings: Sequence[Finding] = ()) -> tuple[list, list[Finding]]:
    """No edits; a lossy finding for an otherwise ASCII page whose halves all stand alone."""
    if not config.fix_mojibake or any(f.kind.startswith("mojibake") for f in findings):
        return [], []
    halves = _HALF.findall(text)
    if not halves or len(set(halves)) != 1 or not _HALF.sub("", text).isascii():
        return [], []
    if len(_ALONE.findall(text)) != len(halves):
        return [], []
    chain = ("utf-8", HALVES[halves[0]])
    first = _HALF.search(text)
    return [], [Finding(
        _LOSSY, f"{describe_chain('mojibake', chain)} with bytes dropped: {len(halves)} punctuation "
        f"mark{'s' * (len(halves) != 1)} lost (left as {halves[0]!r})",
        count=len(halves), confidence=0.8, chain=chain, fixed=False, lost=len(halves),
        offset=first.start() if first else None,
        evidence=(f"{halves[0]} is E2 80 in {HALVES[halves[0]]}: the first two bytes of a UTF-8 "
                  "punctuation mark (– — ‘ ’ “ ” …), its last byte refused",))]
