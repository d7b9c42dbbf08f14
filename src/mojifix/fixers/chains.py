"""Mojibake ftfy leaves alone: encode/decode chain search over legacy code pages.

ftfy undoes UTF-8 read as a single-byte code page, line by line, and needs a lot of evidence on
each line. Text also gets garbled through multi-byte code pages (UTF-8 read as GBK: ``浣犲ソ``;
Shift_JIS: ``縺薙ｓ縺ｫ縺｡縺ｯ``; GBK read as Latin-1: ``ÄãºÃ``; cp1251 read as cp1252:
``Ïðèâåò``; KOI8-R read as cp1251), sometimes twice. This module searches those chains:

* Strict codecs do most of the work: a candidate is the line encoded with the suspected wrong
  codec and decoded *strictly* with the candidate original; most wrong guesses fail outright.
* Each surviving candidate is scored with :func:`mojifix.scoring.plausibility.cost` against the input.
  Two layers are always tried (look one layer ahead), so a half-repaired text never wins.
* The chain is decided on the whole document (the chain with the largest total gain wins), then
  applied per line, only where it is clearly better (cost at most 3/4 of the input's, a smaller
  margin when the result came from valid UTF-8). A garbled paragraph in a clean file is fixed
  and the rest untouched.
* Lines too short to decide alone (a heading, a one-word line) take the document's plan
  (:mod:`mojifix.fixers.plan`): the chains its other lines proved, in spans, unless the line carries
  its own evidence of being clean.
* Lines whose plausibility cost is zero never enter the per-line search: the cheap screen.
* Lost bytes (U+FFFD in the mojibake): the remaining bytes are decoded, each lost character is
  marked with U+FFFD and counted. cp1251's one undefined byte (0x98) is restored exactly.
* ``锟斤拷`` and ``烫烫烫`` are the fingerprints of damage that cannot be undone (U+FFFD stored
  as UTF-8 then read as GBK; uninitialised MSVC stack memory): they are reported, not changed.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator

from ..config import Config
from ..memo import current, last_answer
from ..model import Edit, Finding, describe_chain, mojibake_summary
from ..scoring import letters, repertoire
from ..scoring.plausibility import cost, sites
from ..scoring.quiet import regions
from ..textdiff import diff_edits
from . import latinpages, plan, vanished
from .lossy import COMMON_CJK, LOSSY_PAGES, lossy_lines, lossy_utf8, recover, unrecovered
from .mojibake import changed_and_lost, ftfy_fix

# One layer = (original encoding, codec it was wrongly decoded with).
LAYERS: tuple[tuple[str, str], ...] = (
    ("utf-8", "gbk"),
    ("utf-8", "gb18030"),
    ("utf-8", "big5"),
    ("utf-8", "shift_jis"),
    ("utf-8", "cp932"),  # Windows' Shift_JIS: byte A0 is U+F8F0, 80 U+0080 (shift_jis has neither)
    ("utf-8", "euc-kr"),
    ("utf-8", "windows-1251"),
    ("utf-8", "koi8-r"),
    ("utf-8", "latin-1"),
    ("utf-8", "windows-1252"),
    ("utf-8", "windows-1253"),
    ("gbk", "latin-1"),
    ("gbk", "windows-1252"),
    ("big5", "latin-1"),
    ("big5", "windows-1252"),
    ("shift_jis", "latin-1"),
    ("shift_jis", "windows-1252"),
    ("euc-kr", "latin-1"),
    ("euc-kr", "windows-1252"),
    ("windows-1251", "windows-1252"),
    ("koi8-r", "windows-1251"),
    ("windows-1251", "koi8-r"),
)
CASE_SWAP = plan.CASE_SWAP

_MULTIBYTE = {"gbk", "gb18030", "big5", "shift_jis", "euc-kr", "cp932"}
_UNDECODABLE_RUNS = ("锟斤拷", "烫烫烫", "屯屯屯")
_UNDECODABLE = re.compile("|".join(_UNDECODABLE_RUNS))
# Runs of non-ASCII characters: legacy text read through a single-byte page is made of them.
_RUNS = re.compile("[^\\x00-\\x7f]{3,}")
_SINGLE_BYTE = {"windows-1251", "koi8-r", "latin-1", "windows-1252"}


def _legacy_shape(line: str, chain: tuple[str, ...]) -> bool:
    """Whether ``line`` has the shape a legacy-page chain leaves, beyond what a cost can tell.

    Western text is full of accented letters that a single-byte chain would turn into Cyrillic
    or hanzi at a lower cost: a lone ``é``/``à`` between ASCII words (Portuguese, French) or an
    all-capital word like ``ÀÉÎÕÜ``. Real mojibake of this kind is whole words of non-ASCII
    characters: Russian through cp1252 gives at least two such words of 3+ letters, mostly
    lower case (``Ïðèâåò ìèð``); CJK through Latin-1 gives a run of 4+ characters (two
    ideographs) that holds a symbol, not only letters (``ÄãºÃ``), or GBK's pinyin letters
    (below).
    """
    runs = _RUNS.findall(line)
    if chain[0] in _SINGLE_BYTE:
        # KOI8-R read as cp1251 swaps case (``чЕЮЕТПН``): its words are mostly capitals, and
        # only Cyrillic text gets that far (cp1251 cannot encode ``é``).
        # (Bulgarian ``пълниМ папки`` is lower case with one stray capital: not this.)
        # cp1251 read as KOI8-R swaps case the same way (``ОПНЖЕЯЯ`` is ``процесс``).
        if chain in CASE_SWAP:
            def shaped(r: str) -> bool:  # (an xkb keymap's ``уУюЮ`` pairs are half and half)
                return sum(c.isupper() for c in r) >= 0.6 * len(r)
        else:  # through cp1252: ``Ïðèâåò``, a capital then lower case
            def shaped(r: str) -> bool:
                return any(c.islower() for c in r)
        words = [r for r in runs if shaped(r)
                 and sum(c.isalpha() for c in r) >= 0.75 * len(r)]  # ``è„¿`` is no word
        return len(words) >= 2
    # ... and a symbol among the letters: a lead or trail byte in A1-BF is one (``º`` in
    # ``ÄãºÃ``), and four hanzi with none are about 1 in 100; a run of accented letters only
    # (``alphabet="ñáéíóúüÑÁÉÍÓÚÜ"``) is a language's alphabet, not mojibake.
    # A run of quotation marks only (``'de': '„“‚‘'``, docutils' table) is no mojibake either.
    # Nor is one symbol repeated (``¯¯¯¯`` in an xkb keymap comment).
    # And symbols alone are no mojibake (``à[²µ¹¼½¾``, a regex class in ftfy's source): a hanzi
    # gives two symbols (leads B0-BF, trails A1-BF) about 1 time in 14; unless C1 controls show
    # the bytes (Shift_JIS leads 81-9F read as Latin-1).
    if any(len(r) >= 4 and len(set(r)) >= 3 and not set(r) <= _LATIN_LETTERS
           and (not set(r).isdisjoint(_LATIN_LETTERS) or any("\x80" <= c <= "\x9f" for c in r))
           and not all(unicodedata.category(c)[0] == "P" for c in r) for r in runs):
        return True
    # Western text saved as GBK keeps its accents in GBK's pinyin row (A8A1-A8BA: ``à`` is
    # A8 A4), read as Latin-1 ``¨¤``: short, but a diaeresis before a Latin-1 symbol is no
    # spelling of any language. At least two, and nothing else non-ASCII on the line.
    if chain[0] in ("gbk", "gb18030"):
        pairs = _PINYIN_ROW.findall(line)
        return len(pairs) >= 2 and 2 * len(pairs) == sum(not c.isascii() for c in line)
    return False


# The letters Latin-1 and cp1252 give bytes 80-FF (ª µ º count as symbols here: bytes AA B5 BA).
_LATIN_LETTERS = frozenset(chr(c) for c in range(0xC0, 0x100)) - {"×", "÷"} | frozenset("ŠŒŽšœžŸƒ")
_PINYIN_ROW = re.compile("\u00a8[\u00a1-\u00ba]")



def _legacy_ok(line: str, chain: tuple[str, ...], cand: str) -> bool:
    """:func:`_legacy_shape`, and for text that was cp1251 or KOI8-R a repair that reads like a
    Cyrillic language: at least 30% vowels (sentences of Russian, Ukrainian or Bulgarian have 34-47%).
    Spanish ``áéíóú`` read back through cp1251 is ``бйнуъ``, one vowel in five."""
    if not _legacy_shape(line, chain):
        return False
    if chain[:2] in CASE_SWAP and len(chain) == 3:
        # Under an outer cp1252 layer, the inner KOI8-R layer must show its own shape (words
        # mostly in capitals) on the text between the two layers.
        try:
            mid = cand.encode(chain[0]).decode(chain[1])
        except (UnicodeEncodeError, UnicodeDecodeError):
            return False
        if not _legacy_shape(mid, chain[:2]):
            return False
    if chain[0] in ("windows-1251", "koi8-r"):
        n, share = letters.vowel_share(cand)
        return n < 6 or share >= 0.3
    return True


def _utf8_shape(line: str, cand: str, chain: tuple[str, ...]) -> bool:
    """Whether UTF-8 read as a CJK page (``chain[1]``) has the shape of mojibake on ``line``.

    A lone ideograph among ASCII is how a Western accent reads (``caf茅``), and the repair is a
    Latin letter. A lone ideograph that would become a letter of another script (``"丨"`` in a
    Unicode table is GBK for Arabic ``ح``) is not: real Arabic, Greek or Cyrillic text read
    that way gives runs of ideographs, one per letter. So with no run of two, the repair may
    hold only Latin letters and Western punctuation and symbols (``¿Qué``, ``€``; not Arabic
    ``٫`` from a pinyin collation table's ``棓``).
    Western means the whole Latin-1 supplement too (``ª µ º ¹ ¼`` and the soft hyphen are no
    punctuation or symbol by category, yet every Western page holds them) and the spacing
    accents of the Latin pages (``˘ ˛ ˇ ˝``, U+02C0-U+02DF): a character table of ISO 8859-1 or
    -2 read as GBK is one ideograph per entry (``241 161 A1 隆 INVERTED EXCLAMATION MARK``),
    never a run, and its repair is exactly these characters."""
    if chain[1] not in _MULTIBYTE or chain[0] != "utf-8" or len(chain) != 2:
        return True
    if _RUNS2.search(line):
        return True  # a run of two or more: the common shape
    return all(c.isascii() or "\u00a0" <= c <= "\u00ff" or "\u02c0" <= c <= "\u02df"
               or unicodedata.name(c, "").startswith("LATIN")
               or (unicodedata.category(c)[0] in "PSZ" and (c < "\u0250" or "\u2000" <= c < "\u2300"))
               for c in cand)


_RUNS2 = re.compile("[^\\x00-\\x7f]{2,}")
_SCRIPT_LETTERS = 20  # letters of a script the repaired lines must hold before it counts


def _scripts(repairs: Iterator[str]) -> set[str]:
    """The scripts (a character name's first word: CYRILLIC, GREEK) of which ``repairs`` hold at
    least :data:`_SCRIPT_LETTERS` non-ASCII letters (the whole file's, when streamed)."""
    from ..scoring.evidence import page_totals

    seen: Counter[str] = Counter()
    for c, n in Counter("".join(repairs)).items():  # counted at C speed, named once per letter
        if not c.isascii() and c.isalpha():
            seen[unicodedata.name(c, " ").split()[0]] += n
    return {k for k, n in page_totals("chain-scripts", dict(seen)).items() if n >= _SCRIPT_LETTERS}


def encode_exact(text: str, codec: str) -> bytes:
    """``text.encode(codec)``, refused (UnicodeEncodeError) when the codec's encoder is lossy
    for it: Python's shift_jis encodes ``¥`` as the byte 5C it decodes as ``\\``. Bytes that
    do not decode back to ``text`` are not what a wrong decode produced ``text`` from."""
    data = text.encode(codec)
    if not _round_trips(text, data, codec):
        raise UnicodeEncodeError(codec, text, 0, len(text), "not a round trip")
    return data


def _round_trips(text: str, data: bytes, codec: str) -> bool:
    """Whether ``data`` (``text`` encoded with ``codec``) decodes back to ``text``."""
    if data.isascii() and text.isascii():
        return True
    try:
        return data.decode(codec) == text
    except UnicodeDecodeError:
        return False


# The wrong codecs :func:`undo` can restore a lost byte (U+FFFD) for.
_LOSSY_OK = _MULTIBYTE | {"windows-1251"}


def _replaced(data: bytes, codec: str, most: int, block: int = 1 << 20) -> str | None:
    """``data.decode(codec, errors="replace")``, or None once it holds more than ``most`` U+FFFD
    (see :func:`undo`). A long line is decoded a block at a time (the incremental decoder gives
    the same text), so junk is given up at its first block: decoded whole, a line of tens of MB
    cost 4x its size in U+FFFD only to be refused (issue 20)."""
    decoder = codecs.getincrementaldecoder(codec)(errors="replace")
    view, pieces, bad = memoryview(data), [], 0
    for at in range(0, max(len(data), 1), block):
        pieces.append(decoder.decode(view[at:at + block], final=at + block >= len(data)))
        bad += pieces[-1].count("\ufffd")
        if bad > most:
            return None
    return "".join(pieces)


def undo(text: str, original: str, wrong: str) -> str | None:
    """Undo one layer: encode with the wrong codec, decode strictly with the original.

    Returns None when either step fails. U+FFFD in ``text`` is a lost byte: for windows-1251 it
    is byte 0x98 (its only undefined byte); elsewhere the remaining bytes are decoded and the
    lost character is marked with U+FFFD.

    >>> undo("浣犲ソ", "utf-8", "gbk")
    '你好'
    """
    if wrong == "gb18030" and original == "utf-8" and repertoire.ready() \
            and repertoire.not_utf8_via_gb18030(text, text.count("\ufffd")):
        return None
    try:
        if "\ufffd" not in text:
            return encode_exact(text, wrong).decode(original)
        if wrong == "windows-1251":
            data = b"\x98".join(encode_exact(p, wrong) for p in text.split("\ufffd"))
            return data.decode(original)
        if wrong not in _MULTIBYTE:
            return None
        parts = text.split("\ufffd")
        # Each U+FFFD was one byte: fixers/lossy.py chooses it where the choice is clear.
        # (only the pages whose replace-decoding fixers/lossy.py models: GB18030 and cp932 refuse
        # other bytes, and a table of the wrong page makes confident wrong guesses)
        out = recover(parts, wrong) if original == "utf-8" and wrong in LOSSY_PAGES else None
        if out is None:
            data = b"\xff".join(encode_exact(p, wrong) for p in parts)
            out = _replaced(data, original, 4 * (len(parts) - 1))
            if out is None:
                return None
        # A lost byte (or two: a CJK decoder drops a bad pair as one U+FFFD) breaks at most the
        # character it belonged to and the one after: up to four U+FFFD in the decoded text
        # (truncated lead, the placeholder, two stray continuation bytes). More means the rest
        # of the bytes are no text in ``original`` either (cp1252 mojibake seen through GB18030).
        if out.count("\ufffd") > 4 * (len(parts) - 1):
            return None
        return out
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None


def _one_layer(line: str) -> Iterator[tuple[tuple[str, str], str]]:
    """Each layer of :data:`LAYERS` that can be undone on ``line`` (strict codecs), in order,
    with its result. Most layers share a wrong codec: the line is encoded once per codec (the
    common case, no U+FFFD; :func:`undo` handles lost bytes)."""
    screened = repertoire.ready(len(line))  # then a codec that cannot write the line is skipped
    if "\ufffd" in line:
        for orig, wrong in LAYERS:
            if wrong not in _LOSSY_OK:
                continue  # undo gives up on a lost byte there: no call
            if screened and wrong != "gb18030" and repertoire.cannot_write(line, wrong):
                continue
            t = undo(line, orig, wrong)
            if t is not None and t != line:
                yield (orig, wrong), t
        return
    encoded: dict[str, bytes | None] = {}
    exact: dict[str, bool] = {}
    for orig, wrong in LAYERS:
        if wrong == "gb18030":
            if screened and orig == "utf-8" and repertoire.not_utf8_via_gb18030(line):
                continue
        elif screened and wrong not in encoded and repertoire.cannot_write(line, wrong):
            encoded[wrong] = None
        if wrong not in encoded:
            try:
                encoded[wrong] = line.encode(wrong)
            except UnicodeEncodeError:
                encoded[wrong] = None
        data = encoded[wrong]
        if data is None:
            continue
        try:
            t = data.decode(orig)
        except UnicodeDecodeError:
            continue
        if t == line:
            continue
        # The round trip (see encode_exact) is checked only once a decode succeeds: most fail.
        if wrong not in exact:
            exact[wrong] = _round_trips(line, data, wrong)
        if exact[wrong]:
            yield (orig, wrong), t


def _candidates(line: str, one: list | None = None) -> list[tuple[tuple[str, ...], str]]:
    """Every one- and two-layer repair of ``line`` that survives strict codecs (``one``: its
    :func:`_one_layer`, when the caller has it)."""
    out: list[tuple[tuple[str, ...], str]] = []
    for (orig1, wrong1), t1 in (_one_layer(line) if one is None else one):
        out.append(((orig1, wrong1), t1))
        if t1.isascii():
            continue
        # The inner layer: a legacy page read as cp1252 and that saved as UTF-8 and read as
        # cp1252 again; or UTF-8 read as any page, saved as UTF-8 and read as cp1252 (``è„¿``:
        # ``à`` read as GB18030, ``脿``, then read as cp1252), which ftfy alone leaves half done
        # when its own check finds the outer layer too plausible to undo.
        outer_latin = orig1 == "utf-8" and wrong1 in ("latin-1", "windows-1252")
        for orig2, wrong2 in LAYERS:
            if (orig2, wrong2) == (wrong1, orig1):
                continue  # the inverse layer gives the line back
            if wrong2 != orig1 and not (orig1 == "utf-8" and wrong2 in ("latin-1", "windows-1252")) \
                    and not (outer_latin and orig2 == "utf-8"):
                continue
            t2 = undo(t1, orig2, wrong2)
            if t2 is not None and t2 != t1:
                out.append(((orig2, wrong2, wrong1), t2))
    return out


def may_apply(text: str) -> bool:
    """False only when :func:`fix_chains` would return nothing for ``text``: no garbage
    fingerprint and no non-ASCII line that any layer can even be undone on (strict codecs)."""
    # One character first (a single-character find is several times faster than a three-
    # character one), the whole run only where that character occurs.
    if any(junk[0] in text and junk in text for junk in _UNDECODABLE_RUNS):
        return True
    for body in _flagged_lines(text).values():
        if not body.isascii() and next(_one_layer(body), None) is not None:
            return True  # the fixer runs next and reuses the scan
        if (not body.isascii() and any(lossy_utf8(body, w) is not None for w in LOSSY_PAGES)) \
                or vanished.may_hold(body):  # (and bytes dropped without a mark)
            return True  # damage that cannot be undone is still reported
    return bool(latinpages.repairs(text))


def _flagged_lines(text: str) -> dict[int, str]:
    """{offset: line without its end} for the lines holding a non-ASCII character where the
    plausibility cost may be above 0 (the only ones a chain can improve on: no layer changes
    ASCII), found by whole-text regex scans that go on from the next such line after a hit
    (:func:`mojifix.scoring.plausibility.sites`). The screen and the fixer ask
    about the same text in a row, so while a document is repaired the last answer is kept in
    its memo (for that very string object only)."""
    return last_answer("last_flagged", text, _flag)


def _flag(text: str) -> dict[int, str]:
    """:func:`_flagged_lines`, computed."""
    # Line bounds are looked up around each site (C-speed find), not by splitting the text.
    size = len(text)
    out: dict[int, str] = {}
    for first, stop in regions(text):  # the combined walk clears the other lines
        for at in sites(text, first, stop, non_ascii=True):
            start = text.rfind("\n", 0, at) + 1
            if start not in out:
                end = text.find("\n", at)
                line = text[start:size if end < 0 else end].rstrip("\r")
                if not line.isascii():
                    out[start] = line
    return dict(sorted(out.items()))


_FTFY_LAYERS = {("utf-8", "latin-1"), ("utf-8", "windows-1252")}


def _after_ftfy(
    body: str, fixed: str, steps: tuple[tuple[str, str], ...]
) -> list[tuple[tuple[str, ...], str]]:
    """One-layer candidates under ftfy's re-decoding of ``body`` (its answer ``fixed``),
    labelled with ftfy's layers outermost.

    ftfy's answer can differ from the strict decoding of the whole line when it also decodes a
    pair the inner layer needs (``Ì³``, cp1251 ``Мі`` read as cp1252, becomes U+0333): with one
    outer layer, the inner one is searched on the strict decoding too."""
    outer = tuple(codec.removeprefix("sloppy-") for kind, codec in steps if kind == "encode")
    bases = [fixed]
    if len(outer) == 1:
        strict = undo(body, "utf-8", outer[0])
        if strict is not None and strict != fixed:
            bases.append(strict)
    out = []
    for base in bases:
        if base.isascii():
            continue
        for ch, t in _one_layer(base):  # one layer only: ftfy's are outermost
            if ch[0] == "utf-8" or _legacy_ok(base, ch, t):
                out.append((ch + outer, t))
    return out


def _yield_to_ftfy(
    line: str, scored: dict[tuple[str, ...], tuple[float, str]]
) -> dict[tuple[str, ...], tuple[float, str]]:
    """Leave a line to ftfy (the next fixer) when ftfy repairs it and we cannot do clearly better.

    When ftfy re-decodes the line, its answer stands. When it only patches it (C1 controls,
    partial UTF-8), a candidate from a legacy page that costs at most half of ftfy's answer wins.
    """
    fixed, steps = ftfy_fix(line)
    if fixed == line:
        return scored
    if any(step[0] == "encode" for step in steps):
        return {}  # ftfy found a full re-decoding of its own: its answer stands
    bar = cost(fixed) * 0.5
    return {ch: v for ch, v in scored.items() if ch[0] != "utf-8" and v[0] <= bar}


# Costs are sums of fractions (0.4 + 0.8 + ...): thresholds are compared with a little slack,
# or ``Ïðèâåò ìèð`` (3.9999999999999996) would miss a bar of 4 it meets.
_EPS = 1e-9
_MARGINS = (0.85, 0.75)  # the most a candidate may cost, as a share of the line: from UTF-8, other
_BIG_GAIN = 6.0  # or this gain, UTF-8 through a single-byte page: a long line (a char table)


def _accept(base: float, new: float, chain: tuple[str, ...]) -> bool:
    margin = _MARGINS[0] if chain[0] == "utf-8" else _MARGINS[1]
    big = base - new >= _BIG_GAIN - _EPS and chain[0] == "utf-8" and chain[-1] not in _MULTIBYTE
    return (new <= base * margin + _EPS or big) and base - new >= 1.0 - _EPS


def _document_gain(local: dict[tuple[str, ...], float]) -> dict[tuple[str, ...], float]:
    from ..scoring.evidence import page_totals

    total = page_totals("chain-gain", {"|".join(ch): v for ch, v in local.items()})
    return {tuple(k.split("|")): v for k, v in total.items()}


def fix_chains(text: str, config: Config) -> tuple[list[Edit], list[Finding]]:
    """Find and undo legacy-code-page mojibake; see the module docstring for the rule."""
    if not config.fix_mojibake or text.isascii():
        return [], []
    latin = latinpages.repairs(text)  # a chain the document's alphabet decides: no search
    findings: list[Finding] = []
    junk = _UNDECODABLE.findall(text)
    if junk:
        first = _UNDECODABLE.search(text)
        c = Counter(junk)
        findings.append(Finding(
            "mojibake-lost",
            f"unrecoverable garbage: {', '.join(f'{k} x{n}' for k, n in c.items())}",
            count=len(junk), confidence=0.95, chain=("utf-8", "gbk"),
            evidence=("锟斤拷 = U+FFFD U+FFFD stored as UTF-8 and read as GBK; "
                      "烫烫烫 = uninitialised memory (0xCC) read as GBK",), fixed=False,
            offset=first.start() if first else None,
        ))
    per_line: list[tuple[int, str, float, dict[tuple[str, ...], tuple[float, str]]]] = []
    gain: dict[tuple[str, ...], float] = defaultdict(float)
    # Only lines whose cost may be above 0 can be improved on (whole-text regex scans); then
    # the cheapest test first: strict codecs (C speed) leave most clean lines no candidate;
    # only then the plausibility costs, and ftfy only for a line a chain could win.
    flagged = _flagged_lines(text)
    memo = current()
    if memo is not None:
        memo.last_flagged = None  # read once more by nobody: do not keep the lines
    shapeless: dict[int, tuple[str, list[tuple[tuple[str, ...], str]]]] = {}
    for pos, body in ({} if latin else flagged).items():
        one = list(_one_layer(body)) if not body.isascii() else []
        fixed, steps = ftfy_fix(body) if any(ly in _FTFY_LAYERS for ly, _ in one) else (body, ())
        if fixed != body and any(step[0] == "encode" for step in steps):
            # ftfy's re-decoding stands (see _yield_to_ftfy), maybe only the outer layer (cp1251
            # read as cp1252, then UTF-8 read as cp1252): one more layer is searched on it. Asked
            # first, ftfy spares the line a two-layer search whose candidates would be dropped.
            refused = [(ch, t) for ch, t in one if ch[0] != "utf-8" and not _legacy_ok(body, ch, t)]
            if refused:
                shapeless[pos] = (body, refused)
            cands = _after_ftfy(body, fixed, steps)
            if not cands:
                continue
            after_ftfy, scored_against = True, fixed
        else:
            after_ftfy, scored_against = False, body
            cands = _candidates(body, one) if one else []
            if cands and any(ch[0] != "utf-8" for ch, _ in cands):
                kept = [(ch, t) for ch, t in cands if ch[0] == "utf-8" or _legacy_ok(body, ch, t)]
                if len(kept) < len(cands):
                    shapeless[pos] = (body, [(ch, t) for ch, t in cands if len(ch) == 2
                                             and ch[0] != "utf-8" and (ch, t) not in kept])
                cands = kept
            cands = [(ch, t) for ch, t in cands if _utf8_shape(body, t, ch)]
        base = cost(scored_against) if cands else 0.0
        if base >= 1.0:  # _accept needs a gain of at least 1
            # No candidate above this can be accepted, nor beat one that can: stop scoring there.
            limit = min(base * max(_MARGINS), base - 1.0)
            scored: dict[tuple[str, ...], tuple[float, str]] = {}
            seen: dict[str, float] = {}  # GBK and GB18030 (and others) often give one text
            for chain, cand in cands:
                c = seen[cand] if cand in seen else seen.setdefault(cand, cost(cand, limit))
                if chain not in scored or c < scored[chain][0]:
                    scored[chain] = (c, cand)
            if any(_accept(base, c, chain) for chain, (c, _) in scored.items()):
                if not after_ftfy:
                    scored = _yield_to_ftfy(body, scored)
                if scored:
                    per_line.append((pos, body, base, scored))
                    for chain, (c, _) in scored.items():
                        if _accept(base, c, chain):
                            gain[chain] += base - c
    lossy = lossy_lines(flagged, done := {pos for pos, *_ in per_line}) \
        or vanished.find({pos: body for pos, body in flagged.items() if pos not in done})
    if lossy:
        findings.append(lossy)
    if decided := not per_line:  # then plan.shapeless decides the document's chain: no bar per line
        per_line, gain = plan.shapeless(shapeless, cost, _accept)
    if not per_line and not latin:
        return [], findings
    # The document's evidence per chain: when a big file is streamed, the whole file's sums
    # (each line's gain depends on that line only, so they add up over chunks).
    gain = _document_gain(gain)
    ranked = sorted(gain, key=lambda ch: (-gain[ch], len(ch)))
    edits: list[Edit] = []
    used: Counter[tuple[str, ...]] = Counter()
    changed: Counter[tuple[str, ...]] = Counter()
    lost: Counter[tuple[str, ...]] = Counter()
    examples: dict[tuple[str, ...], str] = {}
    repaired: list[tuple[int, tuple[str, ...], float]] = []
    chosen: dict[int, tuple[str, tuple[str, ...], str]] = {s: (b, latinpages.CHAIN, c) for s, b, c in latin}

    def take(chain: tuple[str, ...], start: int, body: str, cand: str) -> None:
        edits.extend(diff_edits(body, cand, start, "mojibake", describe_chain("mojibake", chain)))
        used[chain] += 1
        line_changed, line_lost = changed_and_lost(body, cand)
        changed[chain] += line_changed
        lost[chain] += line_lost
        examples.setdefault(chain, f"{body[:40]!r} -> {cand[:40]!r}")

    for start, body, base, scored in per_line:
        # The document's chains in order of total gain; a line takes the best one that is
        # clearly better than the line as it is, and also the best for this line (with slack).
        best_here = min(c for c, _ in scored.values())
        for chain in ranked:
            if chain not in scored:
                continue
            c, cand = scored[chain]
            if not _accept(base, c, chain) or c > best_here + 0.5:
                continue
            if chain[0] == "utf-8":
                need = 1.0 if COMMON_CJK.search(cand) else 2.5
                enough = gain.get(chain, 0.0) >= 2.0 - _EPS
            else:
                need, enough = 4.0, gain.get(chain, 0.0) >= 4.0 - _EPS
                if chain in CASE_SWAP and letters.vowels_restored(body, cand):
                    enough = True
            if not enough and not decided and base - c < need - _EPS:
                continue  # too little evidence in the whole document
            chosen[start] = (body, chain, cand)
            repaired.append((start, chain, base - c))
            break
    # The document decides the lines too short to decide alone, and the lines whose own
    # choice it contradicts (see plan.py).
    # One-layer chains need no two-layer search (candidates are not kept: a big file's memory).
    the_plan = plan.decide(repaired, gain)
    deep = any(len(s.chain) > 2 for s in the_plan.spans)
    scripts = _scripts(cand for _, ch, cand in chosen.values() if ch[0] == "utf-8" and ch[-1] in _MULTIBYTE)

    def shape_ok(body: str, cand: str, chain: tuple[str, ...]) -> bool:
        # A lone ideograph whose repair is a letter of the script the document's own repairs
        # are written in (``(胁 ut_tv)`` is ``(в ut_tv)`` in a Russian page read as GBK): the
        # document decides the line (the plan's other rules still apply).
        return _utf8_shape(body, cand, chain) or (chain[0] == "utf-8" and all(
            c.isascii() or unicodedata.name(c, " ").split()[0] in scripts for c in cand))

    for start, body, chain, cand in plan.search_repairs(text, the_plan, repaired, _candidates if deep
                                                        else lambda b: list(_one_layer(b)),
                                                        shape_ok, ftfy_fix, cost):
        chosen[start] = (body, chain, cand)
    for start in sorted(chosen):
        body, chain, cand = chosen[start]
        take(chain, start, body, cand)
    for chain, n in used.most_common():
        findings.append(Finding(
            "mojibake", mojibake_summary(chain, n, changed[chain], lost[chain], unit="line"),
            count=n, confidence=0.95, chain=chain, evidence=(examples[chain],),
            changed=changed[chain], lost=lost[chain],
        ))
    findings.extend(unrecovered(chosen, lost))
    return edits, findings
