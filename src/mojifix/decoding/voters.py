"""Second opinions for :mod:`mojifix.decoding.detect`: chardet's and charset-normalizer's votes per codec.

Belongs in ``decoding/`` (the lead moves it). Both libraries are imported inside the functions
only: ``mojifix fix -`` must not pay for them at start-up, and most inputs never ask (valid
UTF-8, or a cost gap the vote could not change). Which voter detect() uses is
:data:`mojifix.decoding.detect.VOTERS`; ``bench/detect.py`` measures each, and the numbers decide.
"""

from __future__ import annotations

import codecs
from collections.abc import Collection
from functools import cache
from types import SimpleNamespace

# chardet names the superset (GB18030 for GB2312 text): its vote goes to the whole family.
_CJK_FAMILIES = (
    ("gb2312", "gbk", "gb18030"),
    ("big5", "cp950", "big5hkscs"),
    ("cp037", "cp1140", "cp500"),
)


def second_opinion_of(data: bytes, voters: tuple[str, ...] = ("chardet",),
                      contenders: Collection[str] | None = None) -> dict[str, float]:
    """The second opinion of ``voters`` (chardet, charset-normalizer, or both: their mean) per
    codec, 0..1, the favourite 1.0; {} when none is available.

    ``contenders`` (Python's codec names, ``codecs.lookup(name).name``): the only codecs whose
    vote can change the answer. chardet alone then scores just their models
    (:func:`_models_opinion`), a tenth of ``detect_all``'s work; without them, or without
    chardet's internals, it runs ``detect_all``."""
    if voters == ("chardet",):
        if contenders is not None:
            opinion = _models_opinion(data, contenders)
            if opinion is not None:
                return opinion
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


# A contenders' vote is scaled by their best cosine, but by no less than this: below it no
# model of chardet's fits (a tenth of 32-byte windows have a favourite under 0.035 in the full
# ranking), and scaling noise up to 1.0 let a 0.004 cosine for tis-620 outvote EUC-JP read as
# Big5 (measured on char-dataset and manpage windows: 0.02-0.05 give the same answers within
# a few windows, and none lower whole files).
NOISE_COSINE = 0.03


def _models_opinion(data: bytes, contenders: Collection[str]) -> dict[str, float] | None:
    """chardet's vote on ``contenders`` alone, from its bigram models (issue 20); None when
    chardet's internals are not the ones this reads (then ``detect_all`` is asked).

    Why: ``detect_all`` scores all 353 language models of 86 encodings, gates and ranks them,
    fills in languages and renames; on a 32-byte window that is 0.6 ms, four times mojifix's
    own ranking, and only the few encodings within the vote's weight of the leader matter. So
    each contender's models are scored as chardet's statistical stage scores them (the best
    cosine of its language variants), with its CJK gate and coverage boost, on the one
    profile, and scaled by the best of them (:data:`NOISE_COSINE` at least). What it leaves
    out: chardet's rank corrections (confusion groups, demotions) and the favourite among
    encodings no contender reads as. The answers it gives differ from ``detect_all``'s on a
    few windows in a thousand, both ways (``bench/detect.py``, ``bench/detect_legacy.py``)."""
    try:
        scores = _models_scores(data, contenders)
    except Exception:  # chardet's internals changed under these names: detect_all votes
        return None
    if scores is None:
        return None
    top = max(NOISE_COSINE, *scores.values()) if scores else 0.0
    return {k: v / top for k, v in scores.items() if v > 0.0}


def _models_scores(data: bytes, contenders: Collection[str]) -> dict[str, float] | None:
    """The confidence chardet's statistical stage gives each of the ``contenders`` (under the
    names detect_all's results are renamed to, a family's best for each member), unscaled; None
    without chardet's internals."""
    chardet = _chardet_internals()
    if chardet is None or not data or _decided_early(chardet, data):
        return None
    profile = chardet.BigramProfile(data)
    ctx = chardet.PipelineContext()
    sources = chardet.sources
    asked: dict[str, object] = {}
    for codec in contenders:
        for info, check in sources.get(codec, ()):
            if info.name not in asked and (not check or _decodes(data, info.name)):
                asked[info.name] = info
    cjk = tuple(info for info in asked.values() if info.is_multibyte_cjk)  # type: ignore[attr-defined]
    kept = set(chardet.gate(data, cjk, ctx)) if cjk else set()
    boost = max(ctx.mb_scores.values(), default=0.0) >= chardet.structural
    opinion: dict[str, float] = {}
    for name, info in asked.items():
        if info in cjk and info not in kept:
            continue
        score = chardet.score(data, name, profile=profile)[0]
        coverage = ctx.mb_coverage.get(name, 0.0)
        if boost and coverage >= 0.95:
            score *= 1 + coverage
        narrower = _NARROWER.get(name)
        codec = narrower if narrower is not None and _decodes(data, narrower) else chardet.names[name]
        opinion[codec] = max(opinion.get(codec, 0.0), min(1.0, score))
    for family in _CJK_FAMILIES:
        vote = max(opinion.get(n, 0.0) for n in family)
        if vote:
            opinion.update(dict.fromkeys(family, vote))
    return opinion


def _decided_early(chardet: SimpleNamespace, data: bytes) -> bool:
    """Whether chardet's pipeline answers ``data`` before its models (a BOM, UTF-16/32 by its
    NULs, an escape sequence, a binary format, a markup declaration, ASCII, UTF-8), in its
    order: there its vote is that answer alone, and ``detect_all`` gives it (cheaply)."""
    if chardet.bom(data) is not None:
        return True
    found = chardet.utf1632(data)
    if found is not None and found.encoding is not None and _decodes(data, found.encoding):
        return True
    found = chardet.escape(data)
    if (found is not None and found.encoding is not None) or chardet.magic(data) is not None:
        return True
    utf8 = chardet.utf8(data)[1]
    ascii_ = chardet.ascii(data)
    if utf8 is None and ascii_ is None and chardet.binary(data):
        return True
    return chardet.markup(data) is not None or ascii_ is not None or utf8 is not None


@cache
def _chardet_internals() -> SimpleNamespace | None:
    """What :func:`_models_opinion` calls inside chardet 7 (its model scoring, its CJK gate,
    its registry), and which of chardet's encodings vote for each codec here (``sources``:
    codec -> (encoding, whether its validity must be checked)); None where chardet is missing
    or is not the version these names come from (tests/test_detect_votes.py pins them)."""
    try:
        from chardet.models import BigramProfile, get_enc_index, score_best_language
        from chardet.pipeline import PipelineContext
        from chardet.pipeline.ascii import detect_ascii
        from chardet.pipeline.binary import is_binary
        from chardet.pipeline.bom import detect_bom
        from chardet.pipeline.escape import detect_escape_encoding
        from chardet.pipeline.magic import detect_magic
        from chardet.pipeline.markup import detect_markup_charset
        from chardet.pipeline.orchestrator import (
            _STRUCTURAL_CONFIDENCE_THRESHOLD,
            _gate_cjk_candidates,
        )
        from chardet.pipeline.utf8 import scan_utf8
        from chardet.pipeline.utf1632 import detect_utf1632_patterns
        from chardet.registry import REGISTRY
    except ImportError:
        return None
    models = get_enc_index()
    sources: dict[str, list[tuple[object, bool]]] = {}
    names: dict[str, str] = {}
    for info in REGISTRY.values():
        if info.name not in models or info.name == "utf-8":
            continue  # (chardet calls bytes UTF-8 before its models, or not at all)
        own = names[info.name] = codecs.lookup(info.name).name
        voted = {own, _NARROWER.get(info.name, own)}
        for family in _CJK_FAMILIES:
            if voted & set(family):
                voted |= set(family)
        for name in voted:
            # A contender decodes the bytes (detection's own test): its own single-byte
            # encoding needs no second check, a wider or related one does.
            check = info.is_multibyte_cjk or name != own
            sources.setdefault(name, []).append((info, check))
    return SimpleNamespace(BigramProfile=BigramProfile, PipelineContext=PipelineContext,
                           score=score_best_language, gate=_gate_cjk_candidates,
                           structural=_STRUCTURAL_CONFIDENCE_THRESHOLD,
                           bom=detect_bom, utf1632=detect_utf1632_patterns,
                           escape=detect_escape_encoding, magic=detect_magic, utf8=scan_utf8,
                           ascii=detect_ascii, binary=is_binary, markup=detect_markup_charset,
                           sources={k: tuple(v) for k, v in sources.items()}, names=names)


_VOTER_FUNCS = {"chardet": _chardet_opinion, "charset-normalizer": _normalizer_opinion}
