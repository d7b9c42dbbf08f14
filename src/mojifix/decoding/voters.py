"""Second opinions for :mod:`mojifix.decoding.detect`: chardet's and charset-normalizer's votes per codec.

Belongs in ``decoding/`` (the lead moves it). Both libraries are imported inside the functions
only: ``mojifix fix -`` must not pay for them at start-up, and most inputs never ask (valid
UTF-8, or a cost gap the vote could not change). Which voter detect() uses is
:data:`mojifix.decoding.detect.VOTERS`; ``bench/detect.py`` measures each, and the numbers decide.
"""

from __future__ import annotations

import codecs

# chardet names the superset (GB18030 for GB2312 text): its vote goes to the whole family.
_CJK_FAMILIES = (
    ("gb2312", "gbk", "gb18030"),
    ("big5", "cp950", "big5hkscs"),
    ("cp037", "cp1140", "cp500"),
)


def second_opinion_of(data: bytes, voters: tuple[str, ...] = ("chardet",)) -> dict[str, float]:
    """The second opinion of ``voters`` (chardet, charset-normalizer, or both: their mean) per
    codec, 0..1, the favourite 1.0; {} when none is available."""
    if voters == ("chardet",):
        return _chardet_opinion(data)
    opinions = [_VOTER_FUNCS[v](data) for v in voters]
    opinions = [o for o in opinions if o]
    if not opinions:
        return {}
    keys = set().union(*opinions)
    return {k: sum(o.get(k, 0.0) for o in opinions) / len(opinions) for k in keys}


def _normalizer_opinion(data: bytes) -> dict[str, float]:
    """charset-normalizer's view per codec: 1 - chaos of each reading it keeps, scaled so its
    favourite is 1.0 ({} if unavailable). Imported here only: it costs start-up time."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        return {}
    try:
        matches = from_bytes(data)
    except Exception:  # pragma: no cover - a second opinion must never break decoding
        return {}
    opinion: dict[str, float] = {}
    for m in matches:
        try:
            codec = codecs.lookup(m.encoding).name
        except LookupError:
            continue
        score = max(0.0, 1.0 - m.chaos) * (0.5 + 0.5 * m.coherence)
        opinion[codec] = max(opinion.get(codec, 0.0), score)
        for alias in m.could_be_from_charset:
            try:
                other = codecs.lookup(alias).name
            except LookupError:
                continue
            opinion[other] = max(opinion.get(other, 0.0), score)
    top = max(opinion.values(), default=0.0)
    return {k: v / top for k, v in opinion.items()} if top > 0 else {}


def _chardet_opinion(data: bytes) -> dict[str, float]:
    """chardet 7's confidence per codec, scaled so its favourite is 1.0 ({} if unavailable).

    (Asking chardet about fewer encodings, ``include_encodings``, is 8x faster on short inputs
    but its scaled votes then mislead: 32-byte windows fell from 91% to 77% right.)"""
    try:
        import chardet
    except ImportError:  # pragma: no cover - chardet is a dependency, but stay usable without
        return {}
    try:
        # compat_names=False: chardet's own codec names, renamed below (its renaming tries a
        # decode per result: a third of detect_all's time on a 32-byte window, issue 20).
        results = chardet.detect_all(data, ignore_threshold=True, compat_names=False)
    except Exception:  # pragma: no cover - a second opinion must never break decoding
        return {}
    opinion: dict[str, float] = {}
    for r in results:
        name, conf = r.get("encoding"), r.get("confidence") or 0.0
        if not name:
            continue
        narrower = _NARROWER.get(name)
        if narrower is not None and _decodes(data, narrower):
            name = narrower
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            continue
        opinion[codec] = max(opinion.get(codec, 0.0), float(conf))
    # chardet names the superset (GB18030 for GB2312 text): its vote goes to the whole family,
    # and plausibility and priors pick the narrowest member.
    for family in _CJK_FAMILIES:
        vote = max(opinion.get(n, 0.0) for n in family)
        if vote:
            opinion.update(dict.fromkeys(family, vote))
    top = max(opinion.values(), default=0.0)
    return {k: v / top for k, v in opinion.items()} if top > 0 else {}


# chardet 7's codecs that its compatible names (``compat_names=True``) call by a narrower
# standard's name, which they take only when that standard decodes the bytes (as
# ``chardet.output_names.apply_compat_names`` does; a test pins this table to chardet's). Its
# other compatible names are spellings of the same codec: ``codecs.lookup`` reads them alike.
_NARROWER = {"big5hkscs": "big5", "euc_jis_2004": "euc_jp", "iso2022_jp_2": "iso2022_jp",
             "shift_jis_2004": "shift_jis"}


def _decodes(data: bytes, codec: str) -> bool:
    """Whether ``codec`` decodes ``data``, a character cut by its end forgiven (chardet's test)."""
    try:
        codecs.getincrementaldecoder(codec)().decode(data, final=False)
    except UnicodeError:
        return False
    return True


_VOTER_FUNCS = {"chardet": _chardet_opinion, "charset-normalizer": _normalizer_opinion}
