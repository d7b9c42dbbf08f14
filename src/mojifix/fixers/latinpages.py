"""Central European text saved as cp1250 and read as cp1252 (and Turkish saved as cp1254, read as
cp1252: :data:`TURKISH_CHAIN`): decided by the document's alphabet.

Why a module of its own: every other chain is decided by the plausibility cost, line by line
(:mod:`mojifix.fixers.chains`), but this one leaves Latin letters Latin: Czech ``Skončí`` read
through cp1252 is ``Skonèí``, and the two cost the same (an accented Latin letter is an accented
Latin letter to the model). What gives it away is the document as a whole: its letters fit no
single language (``š`` is Czech, ``è`` French or Italian, ``ø`` Danish: no language writes all
three), and once repaired they are exactly one Central European alphabet (Czech ``š č ř``).
Symbols inside words count as foreign letters (Polish ``do³¹czalne``: ``ł`` is cp1252's ``³``).

The rule, every clause a refusal when in doubt:

* every non-ASCII line of the document can be undone with strict codecs (a real cp1252 page holds
  ``ƒ ˆ ˜``, which cp1250 lacks; a Czech page in UTF-8 holds ``č``, which cp1252 lacks);
* the document's letters (and symbols inside words) fit none of the Western alphabets of
  :data:`mojifix.scoring.letters.WESTERN_ALPHABETS`;
* the lines it changes fit no Western alphabet either, and once repaired their letters fit one
  alphabet of :data:`PAGE_ALPHABETS` (Central European, Sorbian, Turkmen), and the repair changes at least :data:`MIN_CHANGED` letters on :data:`MIN_LINES` lines
  (fewer where its repaired words are a language's words and the words as they came are not:
  :mod:`mojifix.fixers.pagewords`, with the ``words`` extra);
  on a Latin-1 reading, a C1 control that cp1252 reads the same (``\x92`` ``’``) is no
  evidence of the page: only the page's own letters count (``_Page.neutral``);
* a line whose bytes are UTF-8 (``sadrÅ¾aja``) is UTF-8 mojibake: the page neither counts it
  nor repairs it (:func:`mojifix.fixers.sloppy.is_utf8`);
* the repaired document costs no more than the document (:func:`mojifix.scoring.plausibility.cost`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

from ..memo import last_answer
from ..scoring.letters import (
    CENTRAL_ALPHABETS,
    TURKISH_ALPHABET,
    WESTERN_ALPHABETS,
    non_ascii,
    one_alphabet,
)
from ..scoring.plausibility import cost_change
from . import charnames, cjkwestern
from .sloppy import is_utf8

CHAIN = ("windows-1250", "windows-1252")
# Turkish saved as cp1254 and read as cp1252 (or ISO-8859-9 as Latin-1: the same six letters
# moved): ``açılış işlemleri`` is ``açýlýþ iþlemleri``, whose ``ý þ ð`` are Icelandic and its
# ``ç ü`` French (a QA pass: left as it was, and ``check`` called it clean). The same rule,
# with Turkish's alphabet for the repaired letters.
TURKISH_CHAIN = ("windows-1254", "windows-1252")
# How much the repair must change: a list of names from several Western languages can fit no one
# alphabet yet map into Czech (``Bjørn``, ``Ángel``: ``ø`` is ``ř``); a page of Czech or Polish
# read through cp1252 changes letters on most of its lines (the fewest in the corpus: 19 letters
# on 6 lines). Below this, a missed repair rather than a wrong one. Counted in the page's own
# letters (not the quotes cp1252 reads the same, ``_Page.neutral``): four of Django's catalogs
# in cp1250 read as Latin-1, 6 or 7 own letters each (a translator's name, one word), passed
# on their quotes and are refused now, as the same catalogs read as cp1252 always were.
MIN_CHANGED, MIN_LINES = 8, 3


class _Page:
    """One chain this module decides: cp1252's characters for the bytes the original page reads
    as a different letter (``è`` is cp1250's ``č``: a document without any of them has nothing
    the chain could change), those of them that are symbols (``¹ ³ ¿``: Polish ``ą ł ż``), and
    one search for such a symbol inside a word (a findall of every non-ASCII character inside a
    word built a list as long as the text, a 9 MB line of CJK: 160 MB, issue 20)."""

    def __init__(self, chain: tuple[str, str], alphabets: dict[str, str]) -> None:
        self.chain, self.alphabets = chain, alphabets
        changed = "".join(c for c in bytes(range(0x80, 0x100)).decode(chain[1], errors="ignore")
                          if c != c.encode(chain[1]).decode(chain[0], errors="replace"))
        self.trigger = re.compile(f"[{re.escape(changed)}]")
        self.changed = frozenset(changed)
        # A C1 control (a page read as Latin-1) the page reads as cp1252 reads it: its quotes
        # and dashes, and ``Š š Ž ž`` (cp1250; cp1254: ``Š š Œ œ Ÿ``). The punctuation is
        # undone but no evidence of the page: cp1252, whose letters are Latin-1's, reads it the
        # same, and an English or Italian page in cp1252 holds it too. Counted as a symbol
        # inside a word (``’`` in ``password’s``), it made Italian ``è`` cp1250's ``č`` and
        # ``Bokmål`` ``Bokmĺl`` (Django's catalogs in cp1254 read as Latin-1: 16 pages). The
        # letters are asked as the letters both pages read (Slovene ``Afrikanščina``: ``š``
        # and cp1252's ``è``, no Western alphabet), and they count as changed letters.
        shared = {c: read for c in changed if c <= "\x9f"
                  and (read := c.encode(chain[1]).decode(chain[0], errors="replace")) != "\ufffd"
                  and read == c.encode(chain[1]).decode("windows-1252", errors="replace")}
        self.neutral = frozenset(c for c, read in shared.items() if not read.isalpha())
        self.read_as = {c: read for c, read in shared.items() if read.isalpha()}
        self.evidence = self.changed - self.neutral
        self.evidence_at = re.compile(f"[{re.escape(''.join(sorted(self.evidence)))}]")
        self.symbols = frozenset(c for c in self.evidence if not c.isalpha() and c not in self.read_as)
        self.symbol_at = re.compile(f"[{re.escape(''.join(sorted(self.symbols)))}]") if self.symbols else None
        self.foreign_at: re.Pattern[str] | None = None  # (set below: _WESTERN_LETTERS)
        # What the page reads each of its characters as (``þ``: ``ţ``), and a search for a UTF-8
        # lead byte and continuation byte as the wrong page shows them (``Å¾``): a document with
        # none has no line :func:`_page_lines` leaves out as UTF-8 (:meth:`cannot_fit`).
        self.reads = {c: c.encode(chain[1]).decode(chain[0], errors="replace") for c in changed}
        self.utf8_pair = re.compile("[{}][{}]".format(*(
            re.escape(bytes(range(low, high)).decode(chain[1], errors="ignore"))
            for low, high in ((0xC2, 0xF5), (0x80, 0xC0)))))

    def utf8_free(self, text: str, free: dict[str, bool] | None = None) -> bool:
        """Whether no line of ``text`` may be UTF-8 as this page reads it (``free``: the answers
        for ``text`` so far, by the page read through: the Latin-1 pages ask the same)."""
        if free is None:
            return self.utf8_pair.search(text) is None
        if self.chain[1] not in free:
            free[self.chain[1]] = self.utf8_pair.search(text) is None
        return free[self.chain[1]]

    def cannot_fit(self, text: str, chars: set[str], free: dict[str, bool] | None = None) -> bool:
        """Whether the page's repair of ``text`` (``chars``: its non-ASCII ones) is sure to spell no
        alphabet of the page, known before a line is undone: each of the page's characters the
        document holds is changed on its line (those lines are :func:`_page_lines`' whole
        repair), so the letters it reads them as are among the repaired lines' letters, and
        those must fit one alphabet (:func:`_page_repairs`). Not where a line may be UTF-8
        (left out of the repair, with its letters). A Turkish page read as Latin-1 passed the
        Czech page's first clause (``ý þ ð`` beside ``ç``: no Western alphabet) and every line
        was undone through cp1250 only to spell ``ţ đ`` (issue 20)."""
        sure = {read for c in self.changed.intersection(chars)
                if (read := self.reads[c]).isalpha() and not read.isascii() and read != "İ"}
        return one_alphabet(sure, self.alphabets) is None and self.utf8_free(text, free)


# The same documents read as Latin-1 (a Linux tool's default): the page's bytes 80-9F (cp1250's
# ``Š š Ž ž``, both pages' quotes and dashes) are C1 controls, which no cp1252 encode undoes, so
# the pages above refused them; ISO 8859-2 read as Latin-1 (or cp1252, the same characters
# there) moves ``ą ś ź`` to ``± ¶ ¼``, which cp1250 does not read back. Turkish on a Latin-1
# reading was half repaired (its quotes, by the chain fixer's cp1252-read-as-Latin-1 layer, and
# ``ı ğ ş`` left ``ý ð þ``) in 53 of the corpus' 60 pages; Polish and Czech in cp1250 and ISO
# 8859-2 none exact (bench: notes/scripts/latinpg.py). Tried after the cp1252 pages; where
# several repair a document, the one whose repair costs least (:func:`_repairs`).
LATIN1_CHAINS = (("windows-1250", "latin-1"), ("iso8859-2", "latin-1"), ("windows-1254", "latin-1"))
# The languages a Central European page's repair may spell: those of CENTRAL_ALPHABETS and three
# more that cp1250 and ISO 8859-2 write whole (Django's catalogs in them read through cp1252
# or Latin-1 were left as they came, or half read as Turkish): Lower and Upper Sorbian, and
# Turkmen (Latin, 1993: ``ň ş ý ž`` beside ``ä ç ö ü``). Here only: the other alphabet tests
# (the sibling pages, fixers/pagechoice.py) keep the common list.
PAGE_ALPHABETS = {**CENTRAL_ALPHABETS, "dsb": "čćěłńóŕšśźž", "hsb": "čćěłńóřšž", "tk": "äçňöşüýž"}
_PAGES = (_Page(CHAIN, PAGE_ALPHABETS), _Page(TURKISH_CHAIN, TURKISH_ALPHABET),
          _Page(LATIN1_CHAINS[0], PAGE_ALPHABETS), _Page(LATIN1_CHAINS[1], PAGE_ALPHABETS),
          _Page(LATIN1_CHAINS[2], TURKISH_ALPHABET))
# What a page must not leave inside a word: what its siblings (the pages read through the same
# wrong page) read as a letter, where that is no letter of a Western alphabet and the page
# itself reads it as it is. Turkmen saved as cp1250 and read as cp1252 (``Düºnüklileºdir``, ``düýn``; Django's
# catalogs) passed the Turkish page on its ``ý`` lines alone: ``ý`` became ``ı`` (``düın``) and
# every ``º`` (cp1250's ``ş``) stayed. A ``º`` or ``³`` between two letters is another page's
# letter, so the page that leaves it is not the document's (refused: missed, not wrong).
_WESTERN_LETTERS = frozenset("".join(WESTERN_ALPHABETS.values()))
for _page in _PAGES:
    _foreign = {c for other in _PAGES if other is not _page and other.chain[1] == _page.chain[1]
                for c in other.evidence
                if unicodedata.category(c.encode(other.chain[1]).decode(other.chain[0], errors="replace"))
                in ("Lu", "Ll")}  # (not ISO 8859-2's caron ``ˇ``, a modifier: Catalan ``l·l``)
    _foreign -= _page.evidence | {c for c in _foreign if c.lower() in _WESTERN_LETTERS}
    _page.foreign_at = re.compile(f"[{re.escape(''.join(sorted(_foreign)))}]") if _foreign else None
del _page, _foreign
# A character some page of them changes: a document without one is refused by one search.
# (One character class: an alternation of the pages' classes tried each of them at every
# position, 20 µs on a 4 KB English page that every such page pays.)
_TRIGGER = re.compile(f"[{re.escape(''.join(sorted(frozenset().union(*(p.changed for p in _PAGES)))))}]")
_CP1252_PAGES = tuple(page for page in _PAGES if page.chain[1] == "windows-1252")
_CP1252_TRIGGER = re.compile(
    f"[{re.escape(''.join(sorted(frozenset().union(*(p.changed for p in _CP1252_PAGES)))))}]")
_BEYOND_LATIN1 = re.compile("[\u0100-\U0010ffff]")  # (a range, not [^\x00-\xff]: skipped to faster)
_C1 = re.compile("[\x80-\x9f]")
_START = re.Match.start
# The pages' symbols that stand for letters (``¹ ³ ± »``), and one search for any of them.
_ALL_SYMBOLS = frozenset().union(*(page.symbols for page in _PAGES))
_SYMBOL_AT = re.compile(f"[{re.escape(''.join(sorted(_ALL_SYMBOLS)))}]")
# The C1 controls some page reads as cp1252's letter (``\x9a``: ``š``), as those letters: more
# letters than any one page's, so the screen below refuses only what every page refuses.
_ALL_READ_AS = {c: read for page in _PAGES for c, read in page.read_as.items()}


# A character cp1252 cannot write (a Cyrillic letter, a hanzi): the line holding it fails the
# first clause (no strict encode), so the document is refused, known from one search in C
# before the set of its characters is made. Why: Russian and Chinese pages quoting one ``é``
# or ``×`` made that set and their letters' alphabets only to be refused at their first line
# (a tenth of the chain screen on the corpus' clean Russian, issue 20).
_UNWRITABLE = re.compile("[^\x00-\x9f" + re.escape(
    bytes(range(0x80, 0x100)).decode("cp1252", errors="ignore")) + "]")  # (C1: Latin-1 writes them)


# A symbol (not a letter, digit or ASCII) between two letters: a letter some page misread.
_GLUED = re.compile(r"(?<=[^\W\d_])[^\w\s\x00-\x7f](?=[^\W\d_])")


def _word_chars(text: str, page: _Page = _PAGES[0], chars: set[str] | None = None) -> set[str] | None:
    """The non-ASCII letters of ``text``, None when one of ``page``'s letters that cp1252 reads
    as a symbol stands inside a word (it fits no alphabet). (The word scan runs only when such a
    symbol occurs: a set of the text's characters is a fraction of its cost.) Turkish's dotted
    ``İ`` is ``i``'s capital, as ASCII as ``i`` (Python's lower case of it is two characters)."""
    if chars is None:
        chars = non_ascii(text)
    if page.symbol_at is not None and not page.symbols.isdisjoint(chars) \
            and _symbol_in_word(text, page.symbol_at):
        return None
    return {c for c in chars if not c.isascii() and c.isalpha() and c != "İ"} \
        | {read for c, read in page.read_as.items() if c in chars}


def _symbol_in_word(text: str, symbol_at: re.Pattern[str]) -> bool:
    """Whether a symbol ``symbol_at`` finds stands between two letters (the regex
    ``(?<=[^\\W\\d_])[symbols](?=[^\\W\\d_])``), found from each symbol: a search for a
    character set runs at C speed, where the lookbehind pattern tried every position (with the
    Latin-1 pages, whose symbols are ``« » ©``, a German page quoting »so« paid it)."""
    end = len(text) - 1
    for m in symbol_at.finditer(text):
        at = m.start()
        if 0 < at < end and _wordish(text[at - 1]) and _wordish(text[at + 1]):
            return True
    return False


def _wordish(ch: str) -> bool:
    """What the regex class ``[^\\W\\d_]`` matches: a word character but a digit and ``_``."""
    return ch.isalnum() and not ch.isdecimal() and ch != "_"


def repairs(text: str) -> list[tuple[int, str, str, tuple[str, str]]]:
    """(line start, line, repair, chain) for each line a chain of :data:`_PAGES` repairs when
    the document's alphabet decides it (see the module docstring); [] otherwise (callers only
    read it).

    The document screen, the chain screen and the chain fixer ask about the same text in a row
    (up to three times a document, issue 20): while a document is repaired, the answer for
    that very string object is kept in its memo (:mod:`mojifix.memo`)."""
    return last_answer("last_latin", text, _repairs)


def _repairs(text: str) -> list[tuple[int, str, str, tuple[str, str]]]:
    """:func:`repairs`, computed: of the pages of :data:`_PAGES` that repair the document, the
    one whose repair makes its lines cost least (the first on a tie: the cp1252 pages, then
    Latin-1's).
    A Polish page in ISO 8859-2 read as Latin-1 is also repaired by cp1250 read as cp1252
    where it holds none of ``ą ś ź`` (their bytes are ``± ¶ ¼`` there, which cp1250 leaves)."""
    if text.isascii() or _TRIGGER.search(text) is None:
        return []
    # (an unwritable character is beyond Latin-1: searched from the first such one, if any)
    beyond = _BEYOND_LATIN1.search(text)
    if beyond is not None and _UNWRITABLE.search(text, beyond.start()) is not None:
        return []
    if cjkwestern.gbk_letter(text):
        # GBK's accented letters read as Latin-1 (``l¨ªnea``: ``línea``), which no Central
        # European text writes: cp1250 made ``l¨Şnea`` of a Spanish page (fixers/cjkwestern.py).
        return []
    # A character beyond Latin-1 (``’ – „``) is on a non-ASCII line no Latin-1 encode undoes:
    # only the cp1252 pages can repair such a document (and, as before, only with one of their
    # characters: a German page with ``»`` or ``©`` has none).
    pages = _PAGES
    if beyond is not None:
        pages = _CP1252_PAGES
        if _CP1252_TRIGGER.search(text) is None:
            return []
    # A table of characters (every letter of its page: no one alphabet) whose characters agree
    # with the Unicode names beside them only through a page is that page's (fixers/charnames.py).
    if (table := charnames.table_page(text, [page.chain for page in pages])) is not None \
            and (lines := _page_lines(text, next(page for page in pages if page.chain == table))):
        return lines
    # (once: each page asks for the document's letters)
    chars = non_ascii(text)
    # Every page's first clause at once (a document whose letters fit a Western alphabet, with
    # no page's symbol inside a word, is refused by all): a German page quoting »so« or holding
    # ``©`` passes the Latin-1 pages' trigger, and each asked it again.
    letters = {c for c in chars if not c.isascii() and c.isalpha() and c != "İ"} \
        | {read for c, read in _ALL_READ_AS.items() if c in chars}
    if one_alphabet(letters, WESTERN_ALPHABETS) is not None and (
            _ALL_SYMBOLS.isdisjoint(chars) or not _symbol_in_word(text, _SYMBOL_AT)):
        return []
    pages = _not_refused(text, pages)
    found: list[tuple[list[tuple[int, str, str, tuple[str, str]]], float]] = []
    passed: list[list[tuple[int, str]]] = []  # (start, repair) of each page's lines that passed
    free: dict[str, bool] = {}  # (Page.utf8_free's answers)
    for page in pages:
        if not page.evidence.isdisjoint(chars) and (one := _page_repairs(text, page, chars, passed, free)):
            found.append(one)
            passed.append([(start, cand) for start, _, cand, _ in one[0]])
    if len(found) < 2:
        return found[0][0] if found else []

    # What the repair leaves of symbols inside words, then what it saves of the plausibility
    # cost, over the lines it changes (a page changes only some lines: cp1250 leaves ISO
    # 8859-2's ``wi±zać`` as it is, and the cost charges ``±`` in a word less than ``ą``: 0.4
    # against 0.8). The cost's change is rounded: every penalty is a tenth's multiple, so pages
    # that tie, tie exactly (the first wins: min keeps the first). Asked only where two pages
    # pass (a Turkish page's one page counted its symbols for nothing, issue 20).
    def weight(one: tuple[list[tuple[int, str, str, tuple[str, str]]], float]) -> tuple[int, float]:
        out, change = one
        return (sum(len(_GLUED.findall(cand)) - len(_GLUED.findall(line)) for _, line, cand, _ in out),
                round(change, 6))

    return min(found, key=weight)[0]


def _not_refused(text: str, pages: tuple[_Page, ...]) -> tuple[_Page, ...]:
    """Of ``pages``, those whose answer on ``text`` is not known already. No C1 control: each
    line a Latin-1 page encodes, cp1252 encodes to the same bytes, so a Latin-1 page whose
    original page is a cp1252 page's repairs the document line for line as that page does
    (then it is not weighed again, :func:`_page_repairs`) or not at all (its other clauses are
    the same on a document without its C1 controls). A C1 control: no cp1252 encode writes
    its line, and the cp1252 pages refuse."""
    if _C1.search(text) is None:
        return tuple(page for page in pages if page.chain[1] == "windows-1252"
                     or not any(other.chain[0] == page.chain[0] for other in _CP1252_PAGES))
    return tuple(page for page in pages if page.chain[1] != "windows-1252")


def _page_repairs(text: str, page: _Page, chars: set[str] | None = None,
                  passed: list[list[tuple[int, str]]] | None = None, free: dict[str, bool] | None = None,
                  ) -> tuple[list[tuple[int, str, str, tuple[str, str]]], float] | None:
    """:func:`_repairs` for one page (``chars``: the set of ``text``'s non-ASCII characters), with the
    change of the plausibility cost over the lines it changes (asked of the places that change
    only, :func:`mojifix.scoring.plausibility.cost_change`: costing every changed line and its
    repair whole, twice, was half the time a Czech page read as cp1252 took, issue 20); None
    where the page does not repair the document, or repairs it line for line as a page of
    ``passed`` did (an earlier page that passed: the same repair costs the same, and on a tie
    the first page wins; Turkish with no C1 control passes both Turkish pages, cp1254 read as
    cp1252 and as Latin-1, whose clauses were weighed twice)."""
    before = _word_chars(text, page, chars)
    if before is not None and one_alphabet(before, WESTERN_ALPHABETS) is not None:
        return None
    if page.cannot_fit(text, non_ascii(text) if chars is None else chars, free):
        return None
    out = _page_lines(text, page, free)
    if out is None:
        return None
    if passed and [(start, cand) for start, _, cand, _ in out] in passed:
        return None
    # The evidence: the letters the page reads otherwise than cp1252 (its neutral C1 controls
    # are cp1252's punctuation too; each of them is changed), on the lines that hold them.
    shown: list[tuple[str, str]] = []
    changed = 0
    for _, line, cand, _ in out:
        own = len(page.evidence_at.findall(line))  # (the places it changes but its neutral ones)
        if own:
            shown.append((line, cand))
            changed += own
    if not shown:
        return None
    few = changed < MIN_CHANGED or len(shown) < MIN_LINES  # (then the words must decide, below)
    # The lines the chain changes must fit no Western alphabet themselves: French that quotes a
    # Portuguese name (``Aníbal``: no Western alphabet has both ``í`` and ``è``) fits none as a
    # document, but its ``à`` and ``è`` lines are French, and read back they were Slovak (``ŕ``,
    # ``č``). A Czech page's changed lines are not (``è ø ì``); a German name on a line of its
    # own (``Müller``: the same bytes in both pages) changes nothing and is not asked.
    # (The changed lines joined, and their characters once: the repair reads each character
    # alone, so its characters are theirs as the page reads them.)
    lines = "\n".join(line for _, line, _, _ in out)
    chars = non_ascii(lines)
    changed_before = _word_chars(lines, page, chars) if len(shown) == len(out) \
        else _word_chars("\n".join(line for line, _ in shown), page)
    if changed_before is not None and one_alphabet(changed_before, WESTERN_ALPHABETS) is not None:
        return None
    repaired = "\n".join(cand for _, _, cand, _ in out)
    after = _word_chars(repaired, page, {page.reads.get(c, c) for c in chars})
    if after is None or one_alphabet(after, page.alphabets) is None:
        return None
    # (over the lines joined: a line end costs nothing beside any character, as a text's ends;
    # the places that differ are the page's characters, found by one search)
    change = cost_change(lines, repaired, map(_START, page.trigger.finditer(lines)))
    if change > 1e-9:
        return None
    if few:
        # Too few letters for the alphabets alone (a list of names from several Western
        # languages can fit none and map into Czech: ``Bjørn`` is ``Bjřrn``); a short catalog
        # (``četiri``, ``šest``: Bosnian, its ``č`` cp1252's ``è``) is repaired when its repaired
        # words are a language's words and the words as they came are not
        # (:mod:`mojifix.fixers.pagewords`, the ``words`` extra; without it, a miss as before).
        from . import pagewords

        if pagewords.prefers("\n".join(cand for _, cand in shown), "\n".join(line for line, _ in shown)) <= 0:
            return None
    return out, change


def _page_lines(text: str, page: _Page, free: dict[str, bool] | None = None,
                ) -> list[tuple[int, str, str, tuple[str, str]]] | None:
    """(line start, line, repair, chain) for each non-ASCII line ``page`` changes, or None where
    a line is not undone with strict codecs or the repair leaves another page's letter inside a
    word (the first clause of :func:`_page_repairs`; the whole of it for a character table).

    A block of lines at a time (64 KB: strict codecs and the word scan at C speed over it, and
    only its changed lines sliced, found by the page's trigger: a line differs exactly where it
    holds one of the page's characters), unless a line may be UTF-8 (:meth:`_Page.cannot_fit`'s
    search): then a line at a time, below (issue 20: a Turkish page's every line encoded,
    decoded and scanned alone)."""
    return _page_blocks(text, page) if page.utf8_free(text, free) else _page_each_line(text, page)


def _page_each_line(text: str, page: _Page) -> list[tuple[int, str, str, tuple[str, str]]] | None:
    """:func:`_page_lines` a line at a time."""
    out: list[tuple[int, str, str, tuple[str, str]]] = []
    # One line sliced at a time, not text.split: most documents that get here are refused at
    # their first line no strict codec undoes, and the split copied all of it first (2x a
    # French file at once, issue 20's memory of accented Latin text).
    start, size = 0, len(text)
    while start <= size:
        end = text.find("\n", start)
        end = size if end < 0 else end
        line, start = text[start:end], end + 1
        if line.isascii():
            continue
        try:
            raw = line.encode(page.chain[1])
            cand = raw.decode(page.chain[0])
        except (UnicodeEncodeError, UnicodeDecodeError):
            return None
        # A line whose bytes are UTF-8 is UTF-8 mojibake (Croatian ``sadržaja`` read as Latin-1
        # is ``sadrÅ¾aja``, whose ``Å ¾`` are cp1250's ``Ĺ ľ``: a Slovak pair), the chain
        # fixer's, and no evidence of the page. A line a page really garbled is not: of 39,000
        # lines the pages change in the manpages (cs pl tr de fr es it) and Django's catalogs
        # written in cp1250, ISO 8859-2 or cp1254 and read as cp1252 or Latin-1, none is (a small
        # letter, bytes E0-FF, would have to be followed by two or three of 80-BF). Left out of
        # the page's repair too: the chain search is skipped when a page repairs the document,
        # and such a line left as it is, is missed, not wrong.
        if cand != line:
            if is_utf8(raw):
                continue  # (neither repaired nor asked below)
            out.append((end - len(line), line, cand, page.chain))
            line = cand
        if page.foreign_at is not None and _symbol_in_word(line, page.foreign_at):
            return None  # (another page's letter left inside a word: see _WESTERN_LETTERS)
    return out


def _page_blocks(text: str, page: _Page) -> list[tuple[int, str, str, tuple[str, str]]] | None:
    """:func:`_page_lines` on a text none of whose lines is UTF-8, a block of lines at a time."""
    out: list[tuple[int, str, str, tuple[str, str]]] = []
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", start + (1 << 16))
        end = size if end < 0 else end + 1
        block = text[start:end]
        try:
            fixed = block.encode(page.chain[1]).decode(page.chain[0])
        except (UnicodeEncodeError, UnicodeDecodeError):
            return None
        if page.foreign_at is not None and _symbol_in_word(fixed, page.foreign_at):
            return None
        at = 0
        while (m := page.trigger.search(block, at)) is not None:
            first = block.rfind("\n", 0, m.start()) + 1
            last = block.find("\n", m.start())
            last = len(block) if last < 0 else last
            out.append((start + first, block[first:last], fixed[first:last], page.chain))
            at = last + 1
        start = end
    return out


def letters_of(texts: Iterable[str]) -> frozenset[str]:
    """The non-ASCII letters of ``texts``."""
    return frozenset(c for t in texts for c in t if not c.isascii() and c.isalpha())


def document_prefers(ours: str, theirs: str, known: Callable[[], frozenset[str]]) -> bool:
    """Whether only ``ours`` writes its non-ASCII letters with the document's own letters
    (``known``: those of the lines its planned chains repaired; asked when needed only).

    Polish pasted from two sources, cp1250 then ISO-8859-2, leaves a line between the two parts
    that both chains undo (UTF-8's ``ż`` is ``ĹĽ`` through cp1250, and ``ĹĽ`` through ISO-8859-2
    is ``ť``): ``użytej`` and ``uťytej``, each in some alphabet (Polish, Slovak), so the
    alphabets cannot choose (:func:`mojifix.scoring.letters.alphabet_prefers`), and the nearer
    part is the wrong one. The document can: its repaired lines write ``ż`` and never ``ť``."""
    ours_l, theirs_l = letters_of([ours]), letters_of([theirs])
    if not ours_l or ours_l == theirs_l:
        return False
    have = known()
    return ours_l <= have and not theirs_l <= have
