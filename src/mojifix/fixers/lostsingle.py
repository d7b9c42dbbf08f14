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

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Container, Iterable, Mapping
from functools import lru_cache, partial
from itertools import pairwise
from typing import NamedTuple

from ..memo import current
from ..model import Finding, encoding_name
from ..scoring.charfreq import rank_untrusted, script_and_logp
from . import droppedsingle, holes, particles
from .lossy import FFFD
from .lostbytes import MARGIN, recover

# The single-byte pages whose lost bytes are chosen back. windows-1252 (five undefined bytes,
# all continuation bytes) and windows-1251 (one: 98, so ``И`` has one reading). Not 1250, 1253,
# 1257: they lose more bytes (1257: twelve), and on real text in many languages the choices
# through them were wrong several times as often (a review: 3% of Japanese characters, and
# katakana read as hiragana), so their U+FFFD stay as ftfy leaves them.
PAGES = frozenset({"windows-1251", "windows-1252"})
# ftfy names windows-1252 for text that went through windows-1254 too (they differ in six
# letters), and 1254 has two more undefined bytes, 8E and 9E: a U+FFFD there read through 1252
# was "clearly" a wrong character (Chinese ``灰`` for ``现``). A character is kept only where the
# twin's reading of the line (where it can write the line) gives the same one.
_TWINS = {"windows-1252": ("windows-1254",)}


def through_page(chain: tuple[str, ...]) -> bool:
    """Whether ``chain`` is UTF-8 read once through one of :data:`PAGES`."""
    return len(chain) == 2 and chain[0] == "utf-8" and chain[1] in PAGES


# Lines longer than this keep ftfy's answer: the search holds a few structures a byte of the
# line (a 2-million-character line with Russian read through windows-1252 in it peaked at 17x
# the line, against issue 20's 6x; tests/test_memory_line.py). Prose lines are far shorter.
LINE_MAX = 1 << 16


class _Reading(NamedTuple):
    text: str  # the line's reading, each lost character U+FFFD where no choice is clear
    # for each U+FFFD of ``text`` whose lost byte leaves a few readings, those readings (its
    # page's and its twins', lostbytes.left_open)
    opened: dict[int, tuple[str, ...]]
    # of those, the characters whose dropped byte's place was unclear (droppedsingle.marked_open:
    # readings at every place, which their own frequency never settles)
    unplaced: frozenset[int] = frozenset()


def _read(body: str, page: str, twins: bool = True, strict: bool = True,
          spaced: str = "all") -> _Reading | None:
    """``body`` read as UTF-8 through ``page`` with its lost bytes chosen where clear (twins
    agreeing, unless ``twins`` is False: the document shows the page is no twin; no combining
    mark a rival); None where it is no such line (``strict``: droppedsingle.marked's)."""
    # (a line holding a character no twin writes shows its page: the same reading either way)
    twins = twins and page in _TWINS and _twin_absent(page).isdisjoint(body)
    forced: tuple[int, ...] = ()
    marked = body
    choices: dict[int, tuple[str, ...]] = {}
    if FFFD not in body:
        found = droppedsingle.marked_open(body, page, strict, spaced)
        if found is None:
            return None
        marked, forced, choices = found
    mine = _recovered(marked, page)
    if mine is None:
        return None
    # (a dropped byte whose place is unclear: its character's readings at every place)
    got, opened = mine[0], {**mine[1], **choices}
    chars = list(got)
    twins = twins and _writes(marked, _TWINS[page][0])
    if twins:
        opened = {i: tuple(dict.fromkeys(r + tuple(t for x in r for t in _twin_rivals(x, page))))
                  for i, r in opened.items()}
    for i in forced:
        chars[i] = FFFD
    # (each distinct character asked once, not each place: a Python loop over the line was a
    # tenth of the reading; the places of those given up found in C)
    gone = {c for c in set(chars) if c > "\x7f" and c != FFFD and _made_by_loss(c, page) and (
        _marked_rival(c, page) or (twins and _twin_rivalled(c, page)))}
    if gone:
        chars = [FFFD if c in gone else c for c in chars]
    opened = {i: r for i, r in opened.items() if chars[i] == FFFD and (i not in forced or i in choices)}
    return _Reading("".join(chars), opened, frozenset(choices).intersection(opened))


def _recovered(marked: str, page: str) -> tuple[str, dict[int, tuple[str, ...]]] | None:
    """lostbytes.recover's reading of ``marked`` through ``page`` and what it left open, kept
    in the document's memo: the mojibake fixer reads a line on its text-only road, then on its
    own, then with the document's view of the twins (at most :data:`_KEPT_MAX` lines, of any
    length: a lossy line's reading is one more copy of it, held to the document's end)."""
    memo = current()
    key = (marked, page)
    if memo is not None and key in memo.single:
        return memo.single[key]
    found: list[tuple[int, tuple[str, ...]]] = []
    got = recover(marked.split(FFFD), page, found)
    out = None if got is None else (got, {i: tuple(r) for i, r in found})
    if memo is not None and len(memo.single) < _KEPT_MAX:
        memo.single[key] = out
    return out


_KEPT_MAX = 1 << 14  # readings a document's memo keeps, at most (past it: worked out again)


@lru_cache(maxsize=4096)
def _twin_rivals(c: str, page: str) -> tuple[str, ...]:
    """The characters ``c``'s bytes make with one of its lost bytes (one ``page`` has no
    character for) replaced by a byte only a twin of the page lacks (windows-1254's 8E, 9E):
    what the lost byte can also have been where the twin garbled the text."""
    mine = droppedsingle.undefined(page)
    extra = frozenset().union(*(droppedsingle.undefined(t) for t in _TWINS[page])) - mine
    return tuple(r for r in _swapped(c, mine, extra) if script_and_logp(r)[0])


def _swapped(c: str, lost: frozenset[int], others: frozenset[int]) -> tuple[str, ...]:
    """The characters ``c``'s UTF-8 makes with one of its bytes in ``lost`` replaced by a byte
    of ``others`` (each once, in the order of its bytes and then of the values)."""
    data = c.encode("utf-8")
    out: dict[str, None] = {}
    for k, byte in enumerate(data):
        if byte not in lost:
            continue
        for other in sorted(others):
            try:
                out[(data[:k] + bytes([other]) + data[k + 1:]).decode("utf-8")] = None
            except UnicodeDecodeError:
                continue
    return tuple(out)


@lru_cache(maxsize=4096)
def _twin_rivalled(c: str, page: str) -> bool:
    """Whether a twin's reading of ``c``'s lost byte (:func:`_twin_rivals`) is as likely as
    ``c`` (within lostbytes' margin), or one the prior cannot rank against it: then the choice
    holds only if the page is known (a Chinese page through windows-1254 read as 1252 had
    ``灰`` for ``现``)."""
    own = script_and_logp(c)[1]
    return any((rank_untrusted(r) and rank_untrusted(c)) or script_and_logp(r)[1] > own - MARGIN
               for r in _twin_rivals(c, page))


@lru_cache(maxsize=8)
def _twin_absent(page: str) -> frozenset[str]:
    """The characters ``page`` writes that none of its twins writes as the same byte."""
    out = set()
    for b in range(0x80, 0x100):
        c = bytes([b]).decode(page, "replace")
        if c != FFFD and any(bytes([b]).decode(twin, "replace") != c for twin in _TWINS.get(page, ())):
            out.add(c)
    return frozenset(out)


def _writes(text: str, page: str) -> bool:
    """Whether ``page`` writes every character of ``text`` (U+FFFD aside) as itself."""
    try:
        data = text.replace(FFFD, "").encode(page)
    except UnicodeEncodeError:
        return False
    return data.decode(page) == text.replace(FFFD, "")


@lru_cache(maxsize=4096)
def _made_by_loss(c: str, page: str) -> bool:
    """Whether ``c``'s UTF-8 holds a byte ``page`` has no character for (no such byte survives:
    the character was made by choosing a lost one)."""
    lost = droppedsingle.undefined(page)
    return c > "\x7f" and any(b in lost for b in c.encode("utf-8"))


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
    if not through_page(chain) or (FFFD in body and FFFD not in fixed) or len(body) > LINE_MAX:
        return fixed
    reading = _read(body, chain[1])
    if reading is None or reading.text == fixed:
        return fixed
    if FFFD in body and not _aligned(reading.text, fixed):
        return fixed
    return reading.text


def _kept_a0(proof: Iterable[str]) -> bool:
    """Whether the lines that proved the page dropped bytes (``proof``) kept an A0 byte, as
    U+00A0 (Korean ``제`` is EC A0 9C): then the document's no-break spaces were never made
    spaces (ftfy's ``restore_byte_a0``), and a short sequence before a space is a dropped byte
    (``조치에 관한``: ``에``, EC 97 90, lost its 90 before the space)."""
    return any("\xa0" in line for line in proof)


@lru_cache(maxsize=8)
def _pairs_of(page: str) -> tuple[frozenset[str], frozenset[str]]:
    """The characters ``page`` reads UTF-8's lead bytes (C2-F4) and continuation bytes as."""
    return (frozenset(bytes(range(0xC2, 0xF5)).decode(page, "ignore")),
            frozenset(bytes(range(0x80, 0xC0)).decode(page, "ignore")))


def _left(fixed: str, page: str) -> bool:
    """Whether ftfy's repair ``fixed`` left UTF-8 read through ``page`` in it (a lead byte's
    character before a continuation byte's: ``ì¡°ì¹˜ì— ê´€í•œ 사항``, ftfy's part repaired)."""
    leads, conts = _pairs_of(page)
    return any(a in leads and b in conts for a, b in pairwise(fixed))


def _aligned(got: str, fixed: str) -> bool:
    """Whether ``got`` is ``fixed`` with some of its U+FFFD filled (ftfy's reading of a line
    with U+FFFD, one for each lost character), and nothing else changed."""
    if len(got) != len(fixed):
        return False
    # (each piece of ``fixed`` between its U+FFFD compared where it stands in ``got``, in C: a
    # loop over the line's characters in Python was a tenth of the lines' context choice)
    at = 0
    for piece in fixed.split(FFFD):
        if not got.startswith(piece, at):
            return False
        at += len(piece) + 1
    return True


@lru_cache(maxsize=4096)
def _marked_rival(c: str, page: str) -> bool:
    """Whether a reading of ``c``'s bytes with another of ``page``'s undefined bytes in place of
    one of its own is a combining mark, or ``c`` is one. Why: the prior ranks letters above
    symbols, which is no evidence between Arabic ``ف`` (D9 81) and the vowel marks kasra and
    damma (D9 90, D9 8F): a vocalised Arabic text (the Quran's surah titles, a character table)
    had its marks read as ``ف``. Such a choice is a word's (lostwords), not a character's."""
    lost = droppedsingle.undefined(page)
    return any(unicodedata.category(r).startswith("M") for r in (c, *_swapped(c, lost, lost)))


# The combining marks of the scripts lostwords knows (Cyrillic titlos, Greek and Latin
# accents, Hebrew points, Arabic vowel marks and the Quran's small high signs).
_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u064b-\u065f\u0670\u06d6-\u06ed\u08d3-\u08ff"
Row = tuple[int, str, str, tuple[tuple[str, ...], str]]  # (pos, line, repair, (chain, summary))
# A genuine U+FFFD the source held, stored as UTF-8 and read through windows-1252: a character
# lost before the page, not by it (never chosen back).
_SOURCE_FFFD = "\u00ef\u00bf\u00bd"


def fill_words(rows: Iterable[Row], skip: Container[int] = ()) -> tuple[dict[int, str], list[Finding]]:
    """The repairs of ``rows`` (lines ftfy repaired, but those at ``skip``) through one of
    :data:`PAGES` with what their lost bytes left open chosen by context: {pos: repair} for the
    lines that changed, and a finding for each kind of choice (guesses: the document stays
    lossy, ``check`` exits 1). Only lines whose repair is their reading with lost characters
    marked (:func:`_aligned`: one U+FFFD a lost character), and no source's U+FFFD in them. Two
    steps:

    * a character's few readings, by the brackets and quotes around it and, with the ``words``
      extra, by the CJK words they make (:func:`_by_context`);
    * letters, by word frequency (:mod:`mojifix.fixers.lostwords`, the ``words`` extra): a lost
      letter's rivals are letters of its own script (Russian ``с``, ``э``, ``я`` are D1 81, D1
      8D, D1 8F), which no character prior separates, and a word settles them (``Спа�ибо`` is
      ``Спасибо``). The lost letters of each script are known exactly: those whose UTF-8 holds
      a byte the page (or its twin) has no character for (:func:`_lost_letters`)."""
    from . import lostwords

    by_chain: dict[tuple[str, ...], dict[int, tuple[str, tuple[str, ...], str]]] = {}
    out: dict[int, str] = {}
    guessed: dict[tuple[str, ...], int] = {}
    paged = [row for row in rows if row[0] not in skip and through_page(row[3][0])
             and len(row[1]) <= LINE_MAX]
    # Whether a twin of the page (_TWINS) can be what garbled the document: not where any line
    # it repaired holds a character the twin does not write (windows-1252's ``Ž``, ``ð``: its
    # bytes 8E, F0 are no such character in windows-1254). Each line alone was read with the
    # twins (refill).
    twins = {page: not any(_twin_absent(page).intersection(line)
                           for _, line, _, (chain, _) in paged if chain[1] == page)
             for page in {chain[1] for _, _, _, (chain, _) in paged}}
    # A line too short to prove alone that its page dropped bytes (a heading: ``概è¦``, ftfy's
    # part of ``概要``) is read so where the document's other lines proved it: the document
    # decides (droppedsingle.marked, not strict).
    proven = {pos for pos, line, _, (chain, _) in paged
              if FFFD not in line and droppedsingle.marked(line.rstrip("\r\n"), chain[1]) is not None}
    if proven:
        kept = _kept_a0(line for pos, line, _, _ in paged if pos in proven)
        for pos, line, fixed, (chain, _) in paged:
            if pos in proven or FFFD in line or FFFD in fixed:
                continue  # (read so already: refill; or no line of dropped bytes)
            # (where ftfy read the whole line, its no-break spaces made spaces stand)
            spaced = "off" if kept and _left(fixed, chain[1]) else "all"
            reading = _read(line.rstrip("\r\n"), chain[1], twins[chain[1]], strict=False, spaced=spaced)
            if reading is not None:
                out[pos] = reading.text + fixed[len(fixed.rstrip("\r\n")):]
    rows = [row if row[0] not in out else (row[0], row[1], out[row[0]], row[3]) for row in paged
            if FFFD in out.get(row[0], row[2])]
    for pos, line, fixed, (chain, _) in rows:
        body = line.rstrip("\r\n")
        end = fixed[len(fixed.rstrip("\r\n")):]
        cand = fixed[:len(fixed) - len(end)]
        if _SOURCE_FFFD in body:
            continue
        reading = _read(body, chain[1], twins[chain[1]])
        n = 0
        if reading is not None and _aligned(reading.text, cand):
            # (the characters filled: aligned, the reading differs from ``cand`` only at a U+FFFD
            # of it, and keeps a U+FFFD only there)
            n = cand.count(FFFD) - reading.text.count(FFFD)
            got, more = _by_context(reading, chain[1])
            n += more
        if n:
            cand = got
            out[pos] = cand + end
            guessed[chain] = guessed.get(chain, 0) + n
        by_chain.setdefault(chain, {})[pos] = ("", chain, cand + end)
    findings = [Finding(
        lostwords.KIND, f"characters with a byte {encoding_name(chain[1])} has no character "
        f"for: {n} chosen by the brackets or quotes around them or the words they make: "
        "guesses", count=n, confidence=0.7, chain=chain, fixed=True,
        evidence=("each taken as the one of its few possible characters that its words or the "
                  "brackets and quotes around it clearly favour",)) for chain, n in guessed.items()]
    for chain, lines in by_chain.items() if lostwords.available() else ():
        cands = [cand for _, _, cand in lines.values()]
        sample = lostwords._sample(cands)
        script = lostwords.script_of_text(sample)
        lost = _lost_letters(chain[1], script, twins[chain[1]]) \
            if script and _listed_language(script, sample) else frozenset()
        if not lost:
            continue
        keys = holes.Keys(chain[1], "replace", lost)
        # (a word's combining marks inside it: a vocalised word is no listed word, where cut
        # at its marks its pieces were: ``الزّ�مَر`` gave ``فم``, mouth)
        pattern = lostwords._words(lostwords.SCRIPTS[script][0] + _MARKS)
        lang, index = lostwords._language(
            script, keys, (m.group() for c in cands for m in pattern.finditer(c)))
        choose = partial(_choose, choose=partial(lostwords._choose, index=index, keys=keys),
                         leads=_leads(chain[1]))
        words, letters = lostwords._fill_lines(lines, list(lines), pattern, choose)
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


# The letters of the languages whose word lists a script's lost letters are chosen by
# (lostwords.SCRIPTS); a text holding another letter of the script is in another language
# (Serbian ``ђ ј љ њ ћ џ``, Macedonian, Belarusian ``ў``; Persian ``پ چ ژ گ ک ی``, Urdu, the
# Quran's ``ٱ``): its words were matched against the wrong list (``може се`` became ``може
# Не``, Persian ``ماژول`` (module) ``مايكل``). And a long Cyrillic text with none of Russian's
# ``ы э ё`` or Ukrainian's ``і ї є ґ`` is neither (Bulgarian).
_ALPHABETS = {
    "Cyrillic": "абвгдежзийклмнопрстуфхцчшщъыьэюяёіїєґ",
    "Arabic": "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي",
}
_EVIDENCE = {"Cyrillic": "ыэёіїєґ"}
_LONG = 200  # letters of the script in the sample, from which the evidence is asked


def _listed_language(script: str, sample: str) -> bool:
    """Whether ``sample``'s letters of ``script`` are all of the languages its lists cover."""
    from .lostwords import SCRIPTS

    alphabet = _ALPHABETS.get(script)
    if alphabet is None:
        return True
    letters = re.findall(f"[{SCRIPTS[script][0]}\u0671-\u06ff\u0750-\u077f\u08a0-\u08ff]",
                         sample.lower()) if script == "Arabic" else \
        re.findall(f"[{SCRIPTS[script][0]}]", sample.lower())
    if any(c not in alphabet for c in set(letters)):
        return False
    evidence = _EVIDENCE.get(script)
    return evidence is None or len(letters) < _LONG or any(c in evidence for c in set(letters))


def _choose(word: str, before: str, after: str, choose: Callable[[str, str, str], str | None],
            leads: frozenset[str]) -> str | None:
    """lostwords' choice of ``word``, but none after a piece ftfy left (:func:`_leads`)."""
    return None if before[-1:] in leads else choose(word, before, after)


@lru_cache(maxsize=8)
def _leads(page: str) -> frozenset[str]:
    """The characters ``page`` gives UTF-8's lead bytes C2-F4: one before a word's U+FFFD is a
    piece ftfy left unrepaired (``Ð�нна`` beside a source's U+FFFD: the hole is no letter's,
    and filling it wrote ``ÐАнна``, the D0 twice)."""
    return frozenset(bytes(range(0xC2, 0xF5)).decode(page, "replace")) - {FFFD}


@lru_cache(maxsize=16)
def _lost_letters(page: str, script: str, twins: bool = True) -> frozenset[str]:
    """The letters of ``script`` (lostwords.SCRIPTS) a replacing decoder of ``page`` marks
    U+FFFD: those whose UTF-8 holds a byte it (or a twin of it, :data:`_TWINS`) has no character
    for. Empty where they are most of the script's letters (a word would keep too little)."""
    from .lostwords import SCRIPTS

    lo, hi = (ord(c) for c in SCRIPTS[script][0].split("-"))
    letters = [chr(c) for c in range(lo, hi + 1) if chr(c).isalpha()]
    undefined = droppedsingle.undefined(page).union(
        *(droppedsingle.undefined(twin) for twin in _TWINS.get(page, ()) if twins))
    lost = frozenset(c for c in letters if any(b in undefined for b in c.encode("utf-8")))
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
_HANGUL = re.compile("[\uac00-\ud7a3]")
_QUOTE_RIVALS = frozenset("\u2001\u200d\u200e\u200f\u2010\u201d\u201e")  # (LRM, „: windows-1254)
_BRACKETS = {"\u201d": ("\u201c", False), "\u201c": ("\u201d", True), "」": ("「", False), "』": ("『", False),
             "】": ("【", False), "〟": ("〝", False),
             "「": ("」", True), "『": ("』", True), "【": ("】", True), "〝": ("〟", True)}


_BRACKET = re.compile("[" + "".join(_BRACKETS) + "]")


def _by_context(reading: _Reading, page: str) -> tuple[str, int]:
    """A line's ``reading`` (lost characters marked) with the characters a lost byte left open
    chosen by their context: (the line, how many chosen).

    Three kinds of evidence. A bracket is no reading where the line holds nothing it can pair
    with (``、`` or ``」`` for E3 80 plus a lost byte: a closing ``」`` needs an open ``「``
    before it); where one reading is left, it is taken (Japanese loses every ``、`` through
    cp1252). A closing quote ``”`` after an open ``“``. Then the words the readings make
    (:func:`mojifix.fixers.lostcjk.settle`, with the ``words`` extra): ``場合``, ``名前``."""
    from . import lostwords
    from .lostcjk import _cjk, _freq, _lang, _simplify, settle

    cand = reading.text
    opened = sorted(reading.opened.items())  # (each at a U+FFFD of the reading: _read)
    if not opened:
        return cand, 0
    chars = list(cand)
    n = 0
    pairs = _Pairs(cand)
    left: list[tuple[int, tuple[str, ...]]] = []
    # (Korean writes no ``、``: in a line of hangul it is no reading left by elimination, and a
    # ``」`` whose ``「`` opened on a line before is no evidence against the bracket)
    hangul = _HANGUL.search(cand) is not None
    for i, readings in opened:
        # (no bracket among them: each fits, found in C)
        fits = list(readings) if _BRACKETS.keys().isdisjoint(readings) else \
            [r for r in readings if pairs.fits(r, i, page)]
        if len(fits) == 1 and len(readings) > 1 and not (hangul and fits[0] == "、") \
                and all(r in _BRACKETS or r == "、" for r in readings):
            chars[i] = fits[0]
            n += 1
        elif "\u201d" in readings and set(readings) <= _QUOTE_RIVALS and pairs.fits("\u201d", i, page) \
                and _closes(chars, i) and "\u201e" not in chars:  # (German „...“: no “ to close)
            chars[i] = "\u201d"  # (``â€œHelloâ€�``: a closing quote after an open one)
            n += 1
        elif any(map(_cjk, readings)):
            left.append((i, readings))
    if left and lostwords.available():
        lang = _lang(cand)
        normal = _simplify() if lang == "zh" else str
        logs = _freq(lang)
        worded = reading.unplaced.intersection(i for i, _ in left)
        if lang == "zh" and all(normal(c) == c for c in cand):
            # (a line that shows no Traditional character takes no Traditional reading: the
            # list is looked up in Simplified, so ``對`` scored as ``对于`` where ``小于`` was;
            # but a run whose Traditional readings, read as Simplified, would choose otherwise
            # stays open: ``聲明`` is ``声明``, and without it ``菲明`` won; ``変換`` in a
            # Japanese line without kana)
            full = chars.copy()
            settle(full, left, logs, normal, WORD_MARGIN)
            left = [(i, kept) for i, r in left if (kept := tuple(x for x in r if normal(x) == x))]
            mine = chars.copy()
            settle(mine, left, logs, normal, WORD_MARGIN)
            n += _agreed(chars, mine, full, [i for i, _ in left])
        else:
            n += settle(chars, left, logs, normal, WORD_MARGIN)
        n -= _unworded(chars, worded, logs, normal)
        if lang == "ko":  # (a word's lost last syllable: its one particle reading, particles)
            n += particles.choose(chars, dict(left), logs)
    return "".join(chars), n


def _agreed(chars: list[str], mine: list[str], full: list[str], opened: list[int]) -> int:
    """Each run of ``opened`` (consecutive indices) set in ``chars`` as ``mine`` settled it,
    where ``full`` settled it the same; how many characters."""
    from .lostcjk import runs

    n = 0
    for run in runs(opened):
        if all(mine[i] != FFFD and mine[i] == full[i] for i in run):
            for i in run:
                chars[i] = mine[i]
            n += len(run)
    return n


def _unworded(chars: list[str], unplaced: Iterable[int], logs: Mapping[str, float],
              normal: Callable[[str], str]) -> int:
    """Each character at ``unplaced`` that the words chose (no longer U+FFFD) set back to
    U+FFFD unless a listed word of two characters or more holds it with known neighbours:
    readings at two places (Korean ``총`` and ``이`` are the same bytes less one) are settled
    by their own frequency where no word holds them, and the commonest syllable, a particle,
    always won (``총 30억`` became ``이 30억``, a name's ``영`` became ``의``); how many."""
    from .lostcjk import _LONGEST, _cjk

    undone = 0
    for i in sorted(unplaced):
        if chars[i] == FFFD:
            continue
        held = any(
            b - a >= 2 and all(_cjk(c) for c in chars[a:b]) and normal("".join(chars[a:b])) in logs
            for a in range(max(0, i - _LONGEST + 1), i + 1)
            for b in range(i + 1, min(len(chars), a + _LONGEST) + 1))
        if not held:
            chars[i] = FFFD
            undone += 1
    return undone


def _closes(chars: list[str], i: int) -> bool:
    """Whether a ``”`` at ``i`` would close a quotation: what follows is a space, punctuation or
    the line's end, and what comes before is no emoji (a ZWJ joins two: ``👨\u200d👩``)."""
    after = chars[i + 1] if i + 1 < len(chars) else " "
    before = chars[i - 1] if i else " "
    return unicodedata.category(after)[0] in "ZP" and unicodedata.category(before) != "So" \
        and not "\U0001f000" <= before <= "\U0001faff"


class _Pairs:
    """The brackets of a line, counted once (a count for each open character was quadratic in
    the line: an 80,000-character Japanese line took 9 s)."""

    def __init__(self, line: str) -> None:
        self.at: dict[str, list[int]] = {}
        for m in _BRACKET.finditer(line):  # (found in C: most lines hold none)
            self.at.setdefault(m.group(), []).append(m.start())

    def fits(self, c: str, i: int, page: str) -> bool:
        """Whether the bracket ``c`` at ``i`` has a partner in the line (a closing one an
        unclosed opening one before it, an opening one an unopened closing one after it); True
        for any other character, and where the page loses the partner too (nothing to count)."""
        if c not in _BRACKETS:
            return True
        other, opens = _BRACKETS[c]
        if _made_by_loss(other, page):
            return True
        mine, theirs = self.at.get(c, []), self.at.get(other, [])
        if opens:
            return len(theirs) - bisect_right(theirs, i) > len(mine) - bisect_right(mine, i)
        return bisect_left(theirs, i) > bisect_left(mine, i)
