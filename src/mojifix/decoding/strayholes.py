"""windows-1252's five undefined bytes in a Western file (a part of
:func:`mojifix.decoding.decode.decode`'s legacy step; split out of decode.py, at 600 lines).
"""

from __future__ import annotations

import codecs
import re

from .utf8counts import _HIGH

_HIGH_RUN = re.compile(rb"[\x80-\xff]{2,}")
_RUNS_HEAD = 1 << 16

# windows-1252 leaves five bytes undefined (81 8D 8F 90 9D), so one of them in a Western file
# (a stray byte of an export, a paste) made Python's strict cp1252 refuse the file, and detection
# took the best page that defines it: windows-1250 (``systčme``) or windows-1256 at 1.0 (QA 25),
# or Latin-1 with the file's quotes and dashes as C1 controls (81 and 90 are undefined in cp1250 too).
# Where a few of them are all that keeps windows-1252 out, and the file without them reads as
# windows-1252, it is windows-1252 with each such byte read as the C1 control of its number, as
# browsers (the WHATWG decoder) and Windows read them. Why the control and not U+FFFD: it is
# lossless (the control is the byte: encoded back to windows-1252 as a browser encodes it, the
# file is the file), where U+FFFD would lose which byte it was, and it is what every reader of
# the file on the web or Windows already saw; the byte stays in the text, as a control, where a
# reader can find it (``check`` does not report it: no fixer changes it). Up to MAX_HOLES, and no
# more than one per HOLE_SHARE other non-ASCII bytes: a page that uses them (cp1250's ``ť Ť Ź``,
# cp1256's ``پ چ گ``) keeps its reading, as the file without them still reads as that page.
_CP1252_HOLES = b"\x81\x8d\x8f\x90\x9d"
MAX_HOLES = 2
HOLE_SHARE = 5
C1_ERRORS = "mojifix.c1"  # the error handler that reads such a byte as its C1 control


def _c1(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start:exc.end].decode("latin-1"), exc.end


codecs.register_error(C1_ERRORS, _c1)


def western_with_holes(data: bytes) -> tuple[str, str, float, tuple[tuple[str, float], ...]] | None:
    """(text, encoding, confidence, ranking) of ``data`` as windows-1252 with its few undefined
    bytes as C1 controls (see above), when that is how it reads, else None."""
    holes = len(data) - len(data.translate(None, _CP1252_HOLES))
    if not 0 < holes <= MAX_HOLES:
        return None
    high = len(data) - len(data.translate(None, _HIGH))
    if high - holes < HOLE_SHARE * holes:
        return None
    # A Western text's accented letters stand mostly alone between ASCII ones (``café``); a
    # Cyrillic, Greek or Arabic page's letters come in words, runs of high bytes (where 8D or
    # 90 are letters: Kazakh, Macedonian). Those are not asked again (a full detection of the
    # file without its "holes": a tenth of a Cyrillic file's time, issue 20's files/s).
    head = data[:_RUNS_HEAD]
    in_runs = sum(map(len, _HIGH_RUN.findall(head)))
    if 2 * in_runs > len(head) - len(head.translate(None, _HIGH)):
        return None
    from .detect import detect

    found = detect(data.translate(None, _CP1252_HOLES))
    if found is None or found.encoding not in ("windows-1252", "iso8859-1"):
        return None
    if found.encoding == "iso8859-1":  # (no other byte of 80-9F: strict Latin-1 reads it so)
        return data.decode("latin-1"), "iso8859-1", found.confidence, found.ranking
    return data.decode("cp1252", C1_ERRORS), "windows-1252", found.confidence, found.ranking
