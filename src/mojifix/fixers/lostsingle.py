"""Lost bytes of a single-byte page: UTF-8 read as windows-1252 (or 1250, 1251, 1253, 1254,
1257) by a decoder that replaced the page's undefined bytes with U+FFFD.

Why a module of its own: the commonest lossy chain in real files is not a CJK page but
``data.decode("cp1252", errors="replace")``. Python's windows-1252 leaves five bytes undefined
(81, 8D, 8F, 90, 9D), and every one of them is a UTF-8 continuation byte: Japanese loses the
``81`` of nearly every hiragana (``こ`` is E3 81 93: ``ã�“``), Russian its ``с``, ``я``,
``А``, ``Н`` (D1 81, D1 8F, D0 90, D0 9D), Greek its ``ρ``, and ``”`` (E2 80 9D) is the
well-known ``â€�``. ftfy undoes the page and leaves each such character one U+FFFD; so did
mojifix. This module asks the question :mod:`mojifix.fixers.lostbytes` answers for the CJK
pages (which byte each U+FFFD stood for) of the line ftfy repaired: each U+FFFD is exactly
one byte, one of the page's undefined ones, inside a UTF-8 character whose other bytes
survived, so UTF-8's structure and the character-frequency prior leave few readings, and
``lostbytes.recover`` keeps a character only where one is clearly the most likely (ten times
the next); the rest stay U+FFFD, counted as lost. Letters whose rivals are letters of the same
script (``с``, ``э``, ``я``) are a word's question: :mod:`mojifix.fixers.lostwords` answers it
where the ``words`` extra is installed.

A decoder that dropped the bytes instead (``errors="ignore"``) left no mark, and ftfy repairs
such a line only between the holes (``СпаÑибо``): :mod:`mojifix.fixers.droppedsingle` puts a
U+FFFD where each dropped byte stood, and the line is then read as above.

Do no harm: the line is one ftfy already repaired through that page (never clean text), and
the recovered line replaces ftfy's only where the two agree on every character but ftfy's
U+FFFD (a line with bytes dropped: only where every non-ASCII byte of it is UTF-8 with
continuation bytes missing, see droppedsingle); anything else keeps ftfy's line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Container, Iterable
from functools import lru_cache, partial

from ..model import Finding, encoding_name
from . import droppedsingle, holes
from .lossy import FFFD
from .lostbytes import recover

# The single-byte pages whose Python codec leaves bytes undefined (a replacing decoder writes
# U+FFFD for each): windows-1251 leaves only 98, the others a few of 80-9F (1253 also AA, D2, FF).
PAGES = frozenset({"windows-1250", "windows-1251", "windows-1252", "windows-1253",
                   "windows-1254", "windows-1257"})


def through_page(chain: tuple[str, ...]) -> bool:
    """Whether ``chain`` is UTF-8 read once through one of :data:`PAGES`."""
    return len(chain) == 2 and chain[0] == "utf-8" and chain[1] in PAGES


def refill(body: str, fixed: str, chain: tuple[str, ...]) -> str:
    """``fixed`` (ftfy's repair of ``body`` through ``chain``) with its U+FFFD brought back where
    the lost byte is clear (see the module docstring); ``fixed`` itself otherwise. A line whose
    decoder dropped the bytes instead (no U+FFFD: :mod:`mojifix.fixers.droppedsingle`) is
    read whole with its holes marked, where ftfy repaired only the parts between them.

    >>> garbled = "こんにちは".encode().decode("cp1252", errors="replace")
    >>> refill(garbled, FFFD + "ん" + FFFD * 3, ("utf-8", "windows-1252"))
    'こんにちは'
    >>> refill("ÐŸÑ€Ð¸Ð²ÐµÑ‚, ÐÐ½Ð½Ð°", "Привет, ÐÐ½Ð½Ð°", ("utf-8", "windows-1252"))
    'Привет, \ufffdнна'
    """
    if not through_page(chain):
        return fixed
    if FFFD not in body:
        marked = droppedsingle.marked(body, chain[1])
        got = None if marked is None else recover(marked[0].split(FFFD), chain[1])
        return fixed if got is None else _kept(_forced(got, marked[1]), chain[1])
    if FFFD not in fixed:
        return fixed
    got = recover(body.split(FFFD), chain[1])
    if got is None or got == fixed or len(got) != len(fixed):
        return fixed
    if any(g != f and f != FFFD for g, f in zip(got, fixed, strict=True)):
        return fixed
    return _kept(got, chain[1])


def _forced(got: str, lost: tuple[int, ...]) -> str:
    """``got`` with the characters at ``lost`` marked U+FFFD (droppedsingle.marked's)."""
    if not lost:
        return got
    chars = list(got)
    for i in lost:
        chars[i] = FFFD
    return "".join(chars)


def _kept(got: str, page: str) -> str:
    """``got`` with each character a lost byte made (its UTF-8 holds a byte ``page`` has no
    character for: no such byte survives) marked U+FFFD again where a combining mark was as
    likely (:func:`_marked_rival`)."""
    if not any(_refused(c, page) for c in set(got) if c > "\x7f"):
        return got
    return "".join(FFFD if c > "\x7f" and _refused(c, page) else c for c in got)


@lru_cache(maxsize=4096)
def _refused(c: str, page: str) -> bool:
    lost = droppedsingle.undefined(page)
    return c != FFFD and any(b in lost for b in c.encode("utf-8")) and _marked_rival(c, page)


def _marked_rival(c: str, page: str) -> bool:
    """Whether a reading of ``c``'s bytes with another of ``page``'s undefined bytes in place of
    one of its own is a combining mark, or ``c`` is one. Why: the prior ranks letters above
    symbols, which is no evidence between Arabic ``ف`` (D9 81) and the vowel marks kasra and
    damma (D9 90, D9 8F): a vocalised Arabic text (the Quran's surah titles, a character table)
    had its marks read as ``ف``. Such a choice is a word's (lostwords), not a character's."""
    if unicodedata.category(c).startswith("M"):
        return True
    data = c.encode("utf-8")
    for k, byte in enumerate(data):
        if byte not in droppedsingle.undefined(page):
            continue
        for other in droppedsingle.undefined(page):
            try:
                rival = (data[:k] + bytes([other]) + data[k + 1:]).decode("utf-8")
            except UnicodeDecodeError:
                continue
            if unicodedata.category(rival).startswith("M"):
                return True
    return False


# The combining marks of the scripts lostwords knows (Cyrillic titlos, Greek and Latin
# accents, Hebrew points, Arabic vowel marks).
_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u064b-\u065f\u0670"
Row = tuple[int, str, str, tuple[tuple[str, ...], str]]  # (pos, line, repair, (chain, summary))


def fill_words(rows: Iterable[Row], skip: Container[int] = ()) -> tuple[dict[int, str], list[Finding]]:
    """The repairs of ``rows`` (lines ftfy repaired, but those at ``skip``) through one of
    :data:`PAGES` with what their lost bytes left open chosen by context: {pos: repair} for the
    lines that changed, and a finding per chain and kind of choice (guesses: the document stays
    lossy, ``check`` exits 1). Two steps:

    * a character's few readings, by the brackets and quotes around it and, with the ``words``
      extra, by the CJK words they make (:func:`_by_context`);
    * letters, by word frequency (:mod:`mojifix.fixers.lostwords`, the ``words`` extra): a lost
      letter's rivals are letters of its own script (Russian ``с``, ``э``, ``я`` are D1 81, D1
      8D, D1 8F), which no character prior separates, and a word settles them (``Спа�ибо`` is
      ``Спасибо``). The lost letters of each script are known exactly: those whose UTF-8 holds
      a byte the page has no character for (:func:`_lost_letters`)."""
    from . import lostwords

    by_chain: dict[tuple[str, ...], dict[int, tuple[str, tuple[str, ...], str]]] = {}
    for pos, _, fixed, (chain, _) in rows:
        if pos not in skip and FFFD in fixed and through_page(chain):
            by_chain.setdefault(chain, {})[pos] = ("", chain, fixed)
    out: dict[int, str] = {}
    findings: list[Finding] = []
    guessed: dict[tuple[str, ...], int] = {}
    for pos, line, _, (chain, _) in rows if by_chain else ():
        if pos in by_chain.get(chain, {}):
            body, cand = line.rstrip("\r\n"), by_chain[chain][pos][2]
            got, n = _by_context(body, cand.rstrip("\r\n"), chain[1])
            if n:
                cand = got + cand[len(cand.rstrip("\r\n")):]
                by_chain[chain][pos] = ("", chain, cand)
                out[pos] = cand
                guessed[chain] = guessed.get(chain, 0) + n
    for chain, n in guessed.items():
        findings.append(Finding(
            lostwords.KIND, f"characters with a byte {encoding_name(chain[1])} has no character "
            f"for: {n} chosen by the brackets or quotes around them or the words they make: "
            "guesses",
            count=n, confidence=0.7, chain=chain, fixed=True,
            evidence=("each taken as the one of its few possible characters that its words or "
                      "the brackets around it clearly favour",)))
    for chain, lines in by_chain.items() if lostwords.available() else ():
        cands = [cand for _, _, cand in lines.values()]
        script = lostwords.script_of_text(lostwords._sample(cands))
        lost = _lost_letters(chain[1], script) if script else frozenset()
        if not script or not lost:
            continue
        keys = holes.Keys(chain[1], "replace", lost)
        # (a word's combining marks inside it: a vocalised word is no listed word, where cut
        # at its marks its pieces were: ``الزّ�مَر`` gave ``فم``, mouth)
        pattern = lostwords._words(lostwords.SCRIPTS[script][0] + _MARKS)
        lang, index = lostwords._language(
            script, keys, (m.group() for c in cands for m in pattern.finditer(c)))
        words, letters = lostwords._fill_lines(
            lines, list(lines), pattern, partial(lostwords._choose, index=index, keys=keys))
        if not words:
            continue
        out.update((pos, cand) for pos, (_, _, cand) in lines.items())
        page = encoding_name(chain[1])
        findings.append(Finding(
            lostwords.KIND,
            f"{script} letters whose bytes {page} has no character for were lost: "
            f"{letters} chosen back in {words} words by word frequency ({lang}): guesses",
            count=letters, confidence=0.7, chain=chain, fixed=True,
            evidence=(f"{len(lost)} letters hold a byte {page} leaves undefined: "
                      f"{''.join(sorted(lost)[:10])}...",)))
    return out, findings


@lru_cache(maxsize=16)
def _lost_letters(page: str, script: str) -> frozenset[str]:
    """The letters of ``script`` (lostwords.SCRIPTS) a replacing decoder of ``page`` marks
    U+FFFD: those whose UTF-8 holds a byte of :func:`mojifix.fixers.droppedsingle.undefined`. Empty where they are most
    of the script's letters (a word would keep too little to be matched on)."""
    from .lostwords import SCRIPTS

    lo, hi = (ord(c) for c in SCRIPTS[script][0].split("-"))
    letters = [chr(c) for c in range(lo, hi + 1) if chr(c).isalpha()]
    lost = frozenset(c for c in letters if any(b in droppedsingle.undefined(page) for b in c.encode("utf-8")))
    return frozenset() if 2 * len(lost) > len(letters) else lost


# The best reading's words over the next one's, at least, for a CJK character a single-byte
# page lost (lostcjk's own is 10). Why wider: the five readings of E5 [lost] 97 include ``块``
# and ``吗``, and a list counted on chat and subtitles prefers ``吗`` (``数据块`` became
# ``数据吗`` through cp1252 at 10; measured on the corpus' Chinese: see bench/RESULTS.md).
WORD_MARGIN = 100.0

# CJK brackets a lost byte can make of a comma (cp1252: E3 80 81 ``、`` and 8D ``」``, 8F
# ``』``, 90 ``【``, 9D ``〝``), each with the bracket it pairs with and whether it opens.
# ``”`` is E2 80 9D, and windows-1252 has no 9D: the well-known ``â€�``. Its rivals are
# E2 80 81, 8D, 8F, 90: an em quad, ZWJ, RLM and U+2010 (a hyphen few texts write), none of them
# what follows ``“Hello``; taken only where an open ``“`` before it in the line waits for it.
_QUOTE_RIVALS = frozenset("\u2001\u200d\u200f\u2010\u201d")
_BRACKETS = {"\u201d": ("\u201c", False), "」": ("「", False), "』": ("『", False),
             "】": ("【", False), "〟": ("〝", False),
             "「": ("」", True), "『": ("』", True), "【": ("】", True), "〝": ("〟", True)}


def _by_context(body: str, cand: str, page: str) -> tuple[str, int]:
    """``cand`` (``body``'s repair through ``page``) with the characters a lost byte left open
    chosen by their context: (the line, how many chosen).

    Two kinds of evidence. A bracket is no reading where the line holds nothing it can pair
    with (``、`` or ``」`` for E3 80 plus a lost byte: a closing ``」`` needs an open ``「``
    before it); where one reading is left, it is taken (Japanese loses every ``、`` through
    cp1252). Then the words the readings make (:func:`mojifix.fixers.lostcjk.settle`, with the
    ``words`` extra): ``場合``, ``名前``."""
    from . import lostwords
    from .lostcjk import _cjk, _freq, _lang, _simplify, settle

    forced: tuple[int, ...] = ()
    if FFFD not in body:  # (bytes dropped: the holes marked where they were)
        body, forced = droppedsingle.marked(body, page) or (body, ())
    opened: list[tuple[int, tuple[str, ...]]] = []
    got = recover(body.split(FFFD), page, opened)
    if got is None or len(got) != len(cand):
        return cand, 0
    opened = [(i, r) for i, r in opened if i not in forced]
    chars = list(cand)
    n = 0
    left: list[tuple[int, tuple[str, ...]]] = []
    for i, readings in opened:
        if chars[i] != FFFD:
            continue
        fits = [r for r in readings if _pairs(r, chars, i)]
        if len(fits) == 1 and len(readings) > 1 and all(r in _BRACKETS or r == "、" for r in readings):
            chars[i] = fits[0]
            n += 1
        elif "\u201d" in readings and set(readings) <= _QUOTE_RIVALS and _pairs("\u201d", chars, i):
            chars[i] = "\u201d"  # (``â€œHelloâ€�``: a closing quote after an open one)
            n += 1
        elif any(map(_cjk, readings)):
            left.append((i, readings))
    if left and lostwords.available():
        lang = _lang(cand)
        normal = _simplify() if lang == "zh" else str
        if lang == "zh" and all(normal(c) == c for c in cand):
            # (a line that shows no Traditional character takes no Traditional reading: the
            # list is looked up in Simplified, so ``對`` scored as ``对于`` where ``小于`` was)
            left = [(i, kept) for i, r in left if (kept := tuple(x for x in r if normal(x) == x))]
        n += settle(chars, left, _freq(lang), normal, WORD_MARGIN)
    return "".join(chars), n


def _pairs(c: str, chars: list[str], i: int) -> bool:
    """Whether the bracket ``c`` at ``i`` of the line ``chars`` has a partner in the line (a
    closing one an unclosed opening one before it, an opening one an unopened closing one after
    it); True for any other character."""
    if c not in _BRACKETS:
        return True
    other, opens = _BRACKETS[c]
    if opens:
        after = chars[i + 1:]
        return after.count(other) > after.count(c)
    before = chars[:i]
    return before.count(other) > before.count(c)
