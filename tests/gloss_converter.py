"""A simulated pinyin-gloss converter, as the samples show it works (test helper, not shipped).

1. OpenCC ``s2t``.
2. Encode to GBK; for each glossed character, replace its two bytes *anywhere* in the byte string
   (``str_replace`` on bytes, so a pair straddling two characters matches too) with the bytes
   followed by ``(pinyin)``.
3. Replace the GBK bytes of ``，？！：；`` (``A3 AC/BF/A1/BA/BB``) with ASCII, again anywhere.
4. Decode GBK the way the pages show: a byte that cannot start a character becomes ``?``, taking
   the next byte with it when that is ``(`` or a digit. With ``vanish``, a pair in GBK's
   user-defined area disappears, as in one sample (``“?!敝g`` for ``”之間``); off by default,
   because then the shifted bytes can re-read as common characters by chance and the repair
   cannot tell (see the report in the README).

Returns the page text and how many bytes were lost (``?`` or vanished).
"""

from __future__ import annotations

from functools import lru_cache

FULL_TO_ASCII = {"，": ",", "？": "?", "！": "!", "：": ":", "；": ";"}


@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


@lru_cache(maxsize=4096)
def default_reading(ch: str) -> str:
    from pypinyin import Style, pinyin

    return pinyin(ch, style=Style.TONE)[0][0]


def decode_like_the_pages(data: bytes, vanish: bool = False) -> tuple[str, int]:
    out: list[str] = []
    lost = 0
    i = 0
    while i < len(data):
        b = data[i]
        if b < 0x80:
            out.append(chr(b))
            i += 1
            continue
        if i + 1 < len(data):
            try:
                out.append(data[i:i + 2].decode("gbk"))
                i += 2
                continue
            except UnicodeDecodeError:
                pass
            nxt = data[i + 1]
            if vanish and (0xAA <= b <= 0xAF or b >= 0xF8) and nxt >= 0xA1:
                lost += 2
                i += 2
                continue
            if nxt == 0x28 or 0x30 <= nxt <= 0x39:
                out.append("?")
                lost += 2
                i += 2
                continue
        out.append("?")
        lost += 1
        i += 1
    return "".join(out), lost


def convert(simplified: str, glossed: set[str], vanish: bool = False) -> tuple[str, int]:
    """Run the converter over ``simplified``, glossing the (Traditional) characters in ``glossed``."""
    trad = _s2t().convert(simplified)
    data = trad.encode("gbk")
    for ch in sorted(glossed):
        key = ch.encode("gbk")
        data = data.replace(key, key + f"({default_reading(ch)})".encode("gbk"))
    for full, ascii_ in FULL_TO_ASCII.items():
        data = data.replace(full.encode("gbk"), ascii_.encode())
    return decode_like_the_pages(data, vanish)
