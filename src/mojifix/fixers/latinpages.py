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
  alphabet of :data:`mojifix.scoring.letters.CENTRAL_ALPHABETS`, and the repair changes at least :data:`MIN_CHANGED` letters on :data:`MIN_LINES` lines;
* the repaired document costs no more than the document (:func:`mojifix.scoring.plausibility.cost`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ..memo import last_answer
from ..scoring.letters import CENTRAL_ALPHABETS, WESTERN_ALPHABETS, one_alphabet
from ..scoring.plausibility import cost

CHAIN = ("windows-1250", "windows-1252")
# Turkish saved as cp1254 and read as cp1252 (or ISO-8859-9 as Latin-1: the same six letters
# moved): ``açılış işlemleri`` is ``açýlýþ iþlemleri``, whose ``ý þ ð`` are Icelandic and its
# ``ç ü`` French (a QA pass: left as it was, and ``check`` called it clean). The same rule,
# with Turkish's alphabet for the repaired letters.
TURKISH_CHAIN = ("windows-1254", "windows-1252")
TURKISH_ALPHABET = {"tr": "çğıöşüâîû"}
# How much the repair must change: a list of names from several Western languages can fit no one
# alphabet yet map into Czech (``Bjørn``, ``Ángel``: ``ø`` is ``ř``); a page of Czech or Polish
# read through cp1252 changes letters on most of its lines (the fewest in the corpus: 19 letters
# on 6 lines). Below this, a missed repair rather than a wrong one.
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
        self.symbols = frozenset(c for c in changed if not c.isalpha())
        self.symbol_in_word = re.compile(
            f"(?<=[^\\W\\d_])[{re.escape(''.join(sorted(self.symbols)))}](?=[^\\W\\d_])") if self.symbols else None


_PAGES = (_Page(CHAIN, CENTRAL_ALPHABETS), _Page(TURKISH_CHAIN, TURKISH_ALPHABET))
# A character some page of them changes: a document without one is refused by one search.
_TRIGGER = re.compile("|".join(page.trigger.pattern for page in _PAGES))


# A character cp1252 cannot write (a Cyrillic letter, a hanzi): the line holding it fails the
# first clause (no strict encode), so the document is refused, known from one search in C
# before the set of its characters is made. Why: Russian and Chinese pages quoting one ``é``
# or ``×`` made that set and their letters' alphabets only to be refused at their first line
# (a tenth of the chain screen on the corpus' clean Russian, issue 20).
_UNWRITABLE = re.compile("[^\x00-\x7f" + re.escape(
    bytes(range(0x80, 0x100)).decode("cp1252", errors="ignore")) + "]")


def _word_chars(text: str, page: _Page = _PAGES[0]) -> set[str] | None:
    """The non-ASCII letters of ``text``, None when one of ``page``'s letters that cp1252 reads
    as a symbol stands inside a word (it fits no alphabet). (The word scan runs only when such a
    symbol occurs: a set of the text's characters is a fraction of its cost.) Turkish's dotted
    ``İ`` is ``i``'s capital, as ASCII as ``i`` (Python's lower case of it is two characters)."""
    chars = set(text)
    if page.symbol_in_word is not None and not page.symbols.isdisjoint(chars) \
            and page.symbol_in_word.search(text) is not None:
        return None
    return {c for c in chars if not c.isascii() and c.isalpha() and c != "İ"}


def repairs(text: str) -> list[tuple[int, str, str, tuple[str, str]]]:
    """(line start, line, repair, chain) for each line a chain of :data:`_PAGES` repairs when
    the document's alphabet decides it (see the module docstring); [] otherwise (callers only
    read it).

    The document screen, the chain screen and the chain fixer ask about the same text in a row
    (up to three times a document, issue 20): while a document is repaired, the answer for
    that very string object is kept in its memo (:mod:`mojifix.memo`)."""
    return last_answer("last_latin", text, _repairs)


def _repairs(text: str) -> list[tuple[int, str, str, tuple[str, str]]]:
    """:func:`repairs`, computed: the first page of :data:`_PAGES` that repairs the document."""
    if text.isascii() or _TRIGGER.search(text) is None or _UNWRITABLE.search(text) is not None:
        return []
    for page in _PAGES:
        if page.trigger.search(text) is not None and (out := _page_repairs(text, page)):
            return out
    return []


def _page_repairs(text: str, page: _Page) -> list[tuple[int, str, str, tuple[str, str]]]:
    """:func:`_repairs` for one page."""
    before = _word_chars(text, page)
    if before is not None and one_alphabet(before, WESTERN_ALPHABETS) is not None:
        return []
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
            cand = line.encode(page.chain[1]).decode(page.chain[0])
        except (UnicodeEncodeError, UnicodeDecodeError):
            return []
        if cand != line:
            out.append((end - len(line), line, cand, page.chain))
    changed = sum(a != b for _, line, cand, _ in out for a, b in zip(line, cand, strict=True))
    if changed < MIN_CHANGED or len(out) < MIN_LINES:
        return []
    # The lines the chain changes must fit no Western alphabet themselves: French that quotes a
    # Portuguese name (``Aníbal``: no Western alphabet has both ``í`` and ``è``) fits none as a
    # document, but its ``à`` and ``è`` lines are French, and read back they were Slovak (``ŕ``,
    # ``č``). A Czech page's changed lines are not (``è ø ì``); a German name on a line of its
    # own (``Müller``: the same bytes in both pages) changes nothing and is not asked.
    changed_before = _word_chars("\n".join(line for _, line, _, _ in out), page)
    if changed_before is not None and one_alphabet(changed_before, WESTERN_ALPHABETS) is not None:
        return []
    after = _word_chars("\n".join(cand for _, _, cand, _ in out), page)
    if after is None or one_alphabet(after, page.alphabets) is None:
        return []
    if sum(cost(cand) for _, _, cand, _ in out) > sum(cost(line) for _, line, _, _ in out) + 1e-9:
        return []
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
