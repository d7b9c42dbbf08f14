"""CJK pages as the files people have read: GBK's euro byte, and a few bytes no page decodes.

**GBK's euro (QA 25).** Windows' code page 936 writes ``€`` as the single byte 0x80, and so do
the WHATWG Encoding Standard's ``gbk`` and ``gb18030`` decoders (every browser); Python's ``gbk``
(``cp936`` is its alias) and ``gb18030`` reject the byte. A Chinese memo saved by Windows with a
price in euros was therefore no GBK to detection: it was read as ISO 8859-5 at 98% and ``fix -i``
wrote it back as Cyrillic. Here ``gbk`` reads a lone 0x80 as ``€``, wherever mojifix decodes
with it (detection's candidates, ``--encoding gbk`` / ``cp936``, a declaration, the stream),
through the error handler :data:`EURO`: C speed, and called only at a byte the codec rejects.
Why the name stays ``gbk`` in reports and not ``cp936``: it is the name the WHATWG standard gives
this very reading, Python calls ``cp936`` ``gbk`` (``normalize_encoding_name`` would print it so),
and one reading has one name (a file without 0x80 reads alike either way). 0x80 is also a GBK
trail byte (``81 80`` is a character): only a byte the decoder rejects on its own is read as
``€``. The other pages need nothing: ``cp950`` has ``€`` at A3E1 (Windows writes it there; Python
reads it), ``cp949`` at A2E6 (likewise), and ``cp932`` has no euro (Windows writes ``?``; Python's
cp932 reads 0x80 as U+0080, as Windows does).

**A few undecodable bytes (QA 25).** A Big5 file with one corrupt pair (``8F FE``: a flipped bit, a
vendor character) failed every Big5 standard, and detection read it as windows-1256 at 100% (or
refused it: vim's own ``tutor.zh.big5`` has 45 such pairs in 10,000 characters, and even
``--encoding big5`` refused it, each message sending the user to the other). As mostly-UTF-8 is
UTF-8 with its stray bytes kept (:mod:`mojifix.decoding.utf8counts`), a file that one CJK page
decodes but for a few bytes -- one bad span in :data:`MAX_BAD_SHARE` double-byte characters or
fewer, and :data:`MIN_WIDE` of them at least -- is that page if detection, asked about the bytes
without those spans, picks the page's family; its bad spans become U+FFFD (reported: a lossy
decoding, never written in place without ``--force``). A legacy page's bad bytes cannot be kept as
they are (surrogateescape): written as UTF-8 they would be neither the page nor UTF-8.
Measured: see tests/test_cjk_damaged.py and the commit messages.
"""

from __future__ import annotations

import re

from .gbkeuro import EURO as EURO
from .gbkeuro import EURO_PAGES as EURO_PAGES
from .gbkeuro import replace_errors, strict_errors

# A few undecodable bytes. The page each family's damage is counted in (its widest common
# standard: a vendor character of cp950 or cp932 is no damage), with the family detection's
# answer must belong to.
_COUNTED: tuple[tuple[str, frozenset[str]], ...] = (
    ("gbk", frozenset({"gb2312", "gbk", "gb18030"})),
    ("cp950", frozenset({"big5", "cp950", "big5hkscs"})),
    ("shift_jis", frozenset({"shift_jis", "cp932", "shift_jis_2004"})),
    ("cp932", frozenset({"shift_jis", "cp932", "shift_jis_2004"})),
    ("euc_jp", frozenset({"euc_jp", "euc_jis_2004"})),
    ("cp949", frozenset({"euc_kr", "cp949"})),
)
# At most one undecodable span in this many double-byte characters (vim's tutor.zh.big5: 45
# bad pairs, about 90 spans, in 10,000 characters; Russian cp1251 read as GBK fails at every
# other word, a third of its pairs), and this many double-byte characters at least.
MAX_BAD_SHARE = 50
MIN_WIDE = 20
# Detection's own question (damaged_pages) asks more of a file with more than FEW_BAD spans: one
# in AUTO_BAD_SHARE (vim's tutor.zh.big5: one in 111). KOI8-R and windows-1251 text read in cp932
# fails once in 59-69 characters, and each such file was detected a second time, without its
# "damage", for nothing (issue 20's files/s); --encoding keeps MAX_BAD_SHARE.
FEW_BAD = 2
AUTO_BAD_SHARE = 100
_ASCII = bytes(range(128))
_HIGH_LINES = re.compile(rb"[^\n]*[\x80-\xff][^\n]*")
# What a page reads a stray byte as, when not U+FFFD: cp932 reads 0x80, 0xA0 and 0xFD-0xFF as
# U+0080, U+F8F0-U+F8F3 (so does Windows). Counted as damage: a Shift_JIS file with ``81 FF``
# was cp932 with a private-use character (and cp932's ``～`` for Shift_JIS's ``〜``).
_ODD = re.compile("[\x80-\x9f\ue000-\uf8ff]")


def _counts(data: bytes, page: str) -> tuple[int, int]:
    """(spans ``page`` cannot decode in ``data``, or reads as :data:`_ODD`; its double-byte
    characters)."""
    text = data.decode(page, "replace")  # (C speed: GBK's euro bytes count as damage here)
    bad = text.count("\ufffd")
    wide = len(text) - len(text.encode("latin-1", "ignore")) - bad
    return bad + len(_ODD.findall(text)), wide


def _errors_within(data: bytes, page: str, allowed: int) -> bool:
    """Whether strict decodes of ``data`` in ``page``, each from where the last stopped, meet
    ``allowed`` errors or fewer (one C-speed decode's work in all, to the error past them)."""
    at = 0
    for _ in range(allowed + 1):
        try:
            data[at:].decode(page)
            return True
        except UnicodeDecodeError as exc:
            at += exc.end
    return False


def _damage(data: bytes, page: str, head: bytes, allowed: int) -> int | None:
    """How many spans ``page`` cannot decode in ``data``, if few enough (see above).

    Why ``head`` first (the first lines with 64 non-ASCII bytes): every legacy file a
    single-byte page wins is asked, and decoding it whole in six pages cost a tenth of
    detection's files/s on char-dataset (issue 20). A head with more than ``allowed`` errors
    (one in ten of its characters, two at least) is no file with a corrupt pair or two; most
    single-byte text is that within its first few words, each strict decode stopping at the
    next error (the whole decoded so, error after error, cost more than it saved: each decode
    after an error starts on a copy of the rest)."""
    if not _errors_within(head, page, allowed):
        return None
    bad, wide = _counts(data, page)
    share = MAX_BAD_SHARE if bad <= FEW_BAD else AUTO_BAD_SHARE
    return bad if 0 < bad and wide >= MIN_WIDE and bad * share <= wide else None


def without_damage(data: bytes, page: str) -> bytes:
    """``data`` without the spans ``page`` cannot decode: what it decodes strictly. Line by
    line (no trail byte of these pages is a line break), the few bad lines piece by piece."""
    errors = strict_errors(page)
    out: list[bytes] = []
    for line in data.splitlines(keepends=True):
        pos = 0
        while True:
            try:
                line[pos:].decode(page, errors)
            except UnicodeDecodeError as exc:
                out.append(line[pos:pos + exc.start])
                pos += exc.end
                continue
            out.append(line[pos:])
            break
    return b"".join(out)


def damaged_pages(data: bytes) -> list[tuple[str, frozenset[str]]]:
    """The CJK pages that decode ``data`` but for a few spans, the least damaged first, each
    with its family."""
    high = len(data) - len(data.translate(None, _ASCII))
    if high < 2 * MIN_WIDE:
        return []
    start = data.rfind(b"\n", 0, len(data) - len(data.lstrip(_ASCII))) + 1
    for size in (1024, 4096, 16384):  # its first 64 non-ASCII bytes at least, in whole lines
        head = data[start:start + size]
        if len(head) - len(head.translate(None, _ASCII)) >= 64:
            break
    head = head[:head.rfind(b"\n") + 1] or head
    allowed = max(2, (len(head) - len(head.translate(None, _ASCII))) // 20)
    if len(data) > 16 * high:  # sparse: its lines with non-ASCII bytes are what is counted
        data = b"\n".join(_HIGH_LINES.findall(data))
    found = []
    for order, (page, family) in enumerate(_COUNTED):
        bad = _damage(data, page, head, allowed)
        if bad is not None:
            found.append((bad, order, page, family))
    return [(page, family) for _, _, page, family in sorted(found)]


def decode_damaged(data: bytes, codec: str) -> tuple[str, int] | None:
    """``data`` in ``codec`` with its undecodable spans as U+FFFD, and how many, if they are
    few enough (as :func:`damaged_pages` counts); None otherwise (``--encoding``'s test)."""
    text = data.decode(codec, replace_errors(codec))
    bad = text.count("\ufffd")
    wide = len(text) - len(text.encode("latin-1", "ignore")) - bad
    return (text, bad) if wide >= MIN_WIDE and bad * MAX_BAD_SHARE <= wide else None


def damaged_reading(data: bytes) -> tuple[str, str, float, tuple[tuple[str, float], ...], int] | None:
    """(codec, text, confidence, ranking, spans replaced) of ``data`` read in the CJK page that
    fails on a few of its bytes only, when detection, asked about the bytes without them, picks
    that page's family; None otherwise."""
    from .detect import detect

    # Each page in turn (Chinese GBK with a bad pair can be less damaged as cp949): the first
    # whose bytes without its bad spans detection reads in its own family.
    for page, family in damaged_pages(data):
        reading = detect(without_damage(data, page))
        if reading is not None and reading.encoding in family:
            text = data.decode(reading.encoding, replace_errors(reading.encoding))
            return reading.encoding, text, reading.confidence, reading.ranking, text.count("\ufffd")
    return None


def worth_asking(text: str, ranking: tuple[tuple[str, float], ...]) -> bool:
    """Whether a single-byte page's winning reading costs DAMAGED_COST a non-ASCII character or
    more: every damaged CJK manpage a single-byte page won (115 of 3 x 60, one bad pair each)
    cost 0.32 or more; half of char-dataset's single-byte winners cost less, and are not asked
    (cjkpages' counts cost detection a tenth of its files/s when all were)."""
    wide = len(text) - len(text.encode("ascii", "ignore"))
    if not ranking or ranking[0][1] < DAMAGED_COST * max(1, wide):
        return False
    # A CJK page's bytes read one by one come in runs (two bytes a character, ``ÄãºÃ``); the
    # accented letters of a Western text stand alone between ASCII letters (``café``): such a
    # text, which costs as much a character, is not asked (a French page decodes in GBK with few
    # errors, ``é`` and the next letter one hanzi, and was counted and detected again: issue 20's
    # files/s). Over the first characters the runs are counted on.
    head = text[:_RUNS_HEAD]
    runs = _NON_ASCII_RUN.findall(head)
    return sum(len(r) for r in runs if len(r) > 1) * 2 >= sum(map(len, runs))


DAMAGED_COST = 0.25
_RUNS_HEAD = 1 << 14
_NON_ASCII_RUN = re.compile("[^\x00-\x7f]+")
