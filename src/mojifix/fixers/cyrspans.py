"""What a Cyrillic chain's span admits beyond costs: the document's own words and marks.

Why a module of its own: :mod:`mojifix.fixers.plan` repairs a line the search left alone by its
span's chain when the line's costs and traces allow. Three Cyrillic chains leave lines that
costs and letter statistics cannot judge, and only the document can (issue 18: the document
decides, not the line): cp1251 read as KOI8-R turns cp1251's punctuation into pseudo-graphics
(:func:`swapped_marks`), Serbian's and Macedonian's letters too (:func:`made_letters`), and short
words into noise for letter statistics (:func:`swap_words`, with the document's words from
:func:`case_swap_words`; a line of capitals, :func:`swapped_capitals`); cp1251 read as cp1252
leaves Russian's one-letter words as lone accented letters (:func:`lone_cyrillic_word`). Each is asked only
inside the chain's span (by the plan). And the two case-swap chains are each other's rival: the
one the document's lines took is planned, the other not (:func:`outweighed`), and a line that
took the rival on its own is the plan's, or left as it came (:func:`swapped_out`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .plan import Plan

Chain = tuple[str, ...]
# KOI8-R read as cp1251 and cp1251 read as KOI8-R: every letter stays a letter, case swapped and
# the alphabet permuted (``чЕЮЕТПН``, ``ОПНЖЕЯЯ``). Only letter statistics tell them from text.
CASE_SWAP = frozenset({("koi8-r", "windows-1251"), ("windows-1251", "koi8-r")})
_NON_ASCII = re.compile("[^\x00-\x7f]")
_CYR = re.compile("[\u0400-\u045f\u0490\u0491]")
_EPS = 1e-9
# A heading of five letters or fewer inside its span may read a little rarer than its mojibake
# (``ФАЙЛИ`` against ``тюикх``: -0.04): the statistics of five letters are noise, the span decides.
SHORT_SLACK = 0.1


# cp1251 read as KOI8-R keeps a line's length, letter for letter, and turns cp1251's
# punctuation (80-BF) into KOI8-R's pseudo-graphics: ``—`` is ``≈``, ``•`` ``∙``, ``“ ”`` are
# ``⌠ ■``, ``‘ ’`` are ``▒ ▓``. An English line of a Russian manual keeps one of them alone
# (``bash ≈ GNU Bourne-Again SHell``): one character, below the lone-character rule, and the
# model prices the bullet above its reading (``•`` 1.0 at a line's start, ``∙`` 0.1); ``©``
# is ``╘``.
_GENERAL_PUNCTUATION = re.compile("[\u2010-\u2027\u2030-\u205e]")
# KOI8-R's 80-BF that are no letter: box drawing, blocks, ``⌠ ⌡ ∙ √ ≈ ≤ ≥``; its ``° ² · ÷``
# are cp1251 letters (``њ ќ ћ џ``), no punctuation.
_PSEUDO_GRAPHICS = re.compile("[\u2500-\u25ff\u2219-\u2265\u2320\u2321]")


def swapped_marks(line: str, cand: str) -> bool:
    """Whether every non-ASCII character of ``line`` is a symbol that the case-swap chain turns
    into General Punctuation (``≈`` -> ``—``), and there is no other: a line without letters
    of its own for the statistics, inside a span the document proved. (A clean line of a
    garbled document has no such symbol: the whole document went through the chain; a quoted
    clean paragraph with a ``≈`` beside words is the risk taken, inside the span only.) The
    no-break space is one: cp1251's A0 is KOI8-R's ``═`` (``%(count)s═hours ago``, a catalog's
    English message between its garbled translations), but not of a rule of them (``════``)."""
    if len(cand) != len(line):
        return False
    pairs = [(a, b) for a, b in zip(line, cand, strict=True) if not a.isascii()]
    return bool(pairs) and all(_PSEUDO_GRAPHICS.fullmatch(a) and not b.isalpha()
                               and (_GENERAL_PUNCTUATION.fullmatch(b) or "\u00a0" < b < "\u00c0"
                                    or b in "№™" or b == "\u00a0") for a, b in pairs) \
        and "══" not in line


# One quotation mark three times in a row: no writer's punctuation, but a repair can make it of
# a row of pseudo-graphics (``Table flip▒▒▒▒``, a fill character in ftfy's own docstring, which
# cp1251 read as KOI8-R turns into ``‘‘‘‘``).
_QUOTE_RUN = re.compile("([\u2018-\u201f])\\1\\1")


def quote_run(line: str, cand: str) -> bool:
    """Whether the repair ``cand`` of ``line`` makes a run of one quotation mark the line did not
    hold: a line of the document it reads worse for (the chain is refused, as for a costlier
    repair)."""
    return _QUOTE_RUN.search(cand) is not None and _QUOTE_RUN.search(line) is None


# cp1251 read as cp1252 turns Russian's one-letter words into lone accented letters: ``в`` is
# ``â`` (``(â ut_tv) */``). A lone accented letter among ASCII is the lone-character rule's
# case, a letter of a Western language; but these six, as a word of their own, are a word of
# none (``à`` ``è`` ``é`` ``ó``, words in French, Italian, Portuguese, Spanish, are not
# among them): inside the span the document decides.
_LONE_WORDS = dict(zip("âñêîÿç", "вскояз", strict=True))
_LONE_WORD = re.compile("(?<![^\\W\\d_])[âñêîÿç](?![^\\W\\d_])")


def lone_cyrillic_word(line: str, cand: str, chain: Chain) -> bool:
    """Whether ``line``'s only non-ASCII character is one of :data:`_LONE_WORDS`, standing as
    a word, and ``chain`` (cp1251 read as cp1252) gives that Cyrillic word back."""
    if chain[:2] != ("windows-1251", "windows-1252") or len(cand) != len(line):
        return False
    found = [m.start() for m in _LONE_WORD.finditer(line)]
    return len(found) == 1 and len(_NON_ASCII.findall(line)) == 1 \
        and cand[found[0]] == _LONE_WORDS[line[found[0]]]


# cp1251's quotation marks read as KOI8-R: ``“…”`` is ``⌠…■``, ``‘…’`` is ``▒…▓``, around a word
# or a symbol (``▒%▓``, ``▒"-"▓``): the top half of an integral and a black square, the shade
# blocks, each touching the text it encloses, in order, spell nothing; an English page saved as
# cp1251 has nothing else to show (no Cyrillic, a quote pair here and there). One pair on a
# line the shapeless evidence took (plan.shapeless: its repair brings marks alone, and costs
# less) is the document's evidence, as a pair of quotes around a word is for a CJK page.
_SWAPPED_QUOTES = re.compile(r"⌠(?=[^\s⌠■])[^⌠■\n]{1,80}(?<=[^\s⌠])■"
                             r"|▒(?=[^\s░▒▓])[^░▒▓\n]{1,80}(?<=[^\s░▒▓])▓")


def swapped_quotes(chain: Chain, lines: list[str]) -> bool:
    """Whether ``lines`` (through cp1251 read as KOI8-R) hold a quote pair read as
    pseudo-graphics (:data:`_SWAPPED_QUOTES`)."""
    return chain == ("windows-1251", "koi8-r") and any(_SWAPPED_QUOTES.search(ln) for ln in lines)


_WORD = re.compile("[\u0400-\u045f\u0490\u0491]{2,}")


def document_words(texts: list[str]) -> frozenset[str]:
    """The Cyrillic words (lower case, two letters or more) of ``texts``, the repairs the
    document's own evidence made, for :func:`swap_words`; and each letter they use, alone (a
    one-character entry: the document's alphabet)."""
    words = {w for t in texts for w in _WORD.findall(t.lower())}
    return frozenset(words | {c for w in words for c in w})


def swap_words(line: str, cand: str, words: frozenset[str]) -> bool:
    """Whether the document's repaired lines use the repair's words and not the line's.

    Letter statistics are noise on a word or two: ``ТЮИК`` scores above ``файл`` (rare ``ф``),
    the heading ``тюикш`` above ``ФАЙЛЫ``, and a comment ``/* ТЮИКНБНЕ ЯЛЕЫЕМХЕ */`` gains
    0.0995 against a bar of 0.1. But a manual says ``файл`` in its body too: when more of the
    repair's words than of the line's occur in the lines the chain repaired on their own
    evidence (``words``), the document has decided. A clean line beside a garbled part has its
    words there (the repairs are the same language), its candidate's (``ТЮИК``) not."""
    if not words:
        return False
    ours = _WORD.findall(cand.lower())
    theirs = _WORD.findall(line.lower())
    if sum(w in words for w in ours) > sum(w in words for w in theirs):
        return True
    # Or the alphabet: ``РНЫН`` in a Ukrainian manual, whose repaired lines never use ``ы``,
    # against ``тощо``, all of whose letters they use. (A clean line's letters are the
    # document's: the rule never fires on it.)
    return bool(ours) and all(c in words for w in ours for c in w) \
        and not all(c in words for w in theirs for c in w)


def case_swap_words(
    text: str, repaired: list[tuple[int, Chain, float]], candidate: Callable[[str, Chain], str | None],
    case_swap: frozenset[Chain],
) -> set[tuple[Chain, str]]:
    """(chain, word) for the words of the lines a case-swap chain repaired on their own
    evidence (:func:`swap_words`), summed over the whole file when it is streamed in chunks
    (:func:`mojifix.scoring.evidence.page_totals`: a line's repair then depends on the file,
    not on where a chunk ends)."""
    from ..scoring.evidence import page_totals

    fixed: dict[Chain, list[str]] = {}
    for pos, chain, _ in repaired:
        if chain[:2] in case_swap:
            end = text.find("\n", pos)
            body = text[pos:len(text) if end < 0 else end].rstrip("\r")
            cand = _strict(body, chain) if len(chain) == 2 else candidate(body, chain)
            if cand is not None:
                fixed.setdefault(chain, []).append(cand)
    local = {f"{'|'.join(ch)}>{w}": 1.0 for ch, texts in fixed.items() for w in document_words(texts)}
    if not local and not repaired:
        return set()
    out = set()
    for key in page_totals("case-swap-words", local):
        chain, word = key.rsplit(">", 1)
        out.add((tuple(chain.split("|")), word))
    return out


def _strict(body: str, chain: Chain) -> str | None:
    """One layer undone with strict codecs (the search's own candidate, without its search)."""
    try:
        return body.encode(chain[1]).decode(chain[0])
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None


# KOI8-R read as cp1251 and cp1251 read as KOI8-R undo each other: on a short line of either both
# give Cyrillic, and a line's letters (a vowel share, a letter score over a few words) may pick
# the wrong one (``Драйвер`` and ``Дочхаео`` score alike). The document decides: of the two, one
# with less than this share of the other's evidence is not planned, and its lines take the other.
CASE_SWAP_SHARE = 1 / 3


def chosen_gain(repaired: list[tuple[int, Chain, float]]) -> dict[Chain, float]:
    """The gain of the lines the search repaired with each case-swap chain (the chain each line
    took, not every chain it would accept), summed over the whole file when it is streamed."""
    from ..scoring.evidence import page_totals

    local: dict[str, float] = {}
    for _, chain, g in repaired:
        if chain[:2] in CASE_SWAP:
            key = "|".join(chain)
            local[key] = local.get(key, 0.0) + g
    if not local and not repaired:
        return {}
    return {tuple(k.split("|")): v for k, v in page_totals("case-swap-chosen", local).items()}


def outweighed(chain: Chain, gain: dict[Chain, float], took: dict[Chain, float]) -> bool:
    """Whether ``chain``, a case-swap chain, has less than :data:`CASE_SWAP_SHARE` of its
    rival's evidence: of the gain each would bring (``gain``: every line where the search
    accepts it), or of the gain of the lines that took it (``took``, :func:`chosen_gain`).

    Why both: the rival of a document's chain undoes nothing, it garbles each line once more
    (``Сбросить`` read as KOI8-R is ``яАПНЯХРЭ``; read so once more, ``Ъюомъупщ``), and a line
    garbled twice has its case back, lower case words that the cost model does not tax. So the
    search accepts the rival on most lines of the document, and its gain is no measure: in a
    Russian admin catalog garbled as cp1251 read as KOI8-R, 180 against the true chain's 271.
    But the lines take the true chain (118 lines, the rival 1: ``Сбросить все фильтры``, five
    vowels in eighteen letters, below the vowel share the search asks of a cp1251 repair), and
    a span of the rival's one line had that line turned into nonsense, and the lines near it
    (30 lines of a Russian list of languages, ``Финский`` made ``Рулъиух``)."""
    if chain[:2] not in CASE_SWAP:
        return False
    rival = (chain[1], chain[0], *chain[2:])
    return gain.get(chain, 0.0) < CASE_SWAP_SHARE * gain.get(rival[:2], 0.0) \
        or took.get(chain, 0.0) < CASE_SWAP_SHARE * took.get(rival, 0.0)


# Serbian's and Macedonian's own letters (``ј љ њ ћ ђ џ ѓ ќ ѕ``): cp1251 keeps them at 80-BF,
# where KOI8-R has pseudo-graphics and the no-break space (``објекат`` read as KOI8-R is
# ``НА╪ЕЙЮР``, ``последња`` ``ОНЯКЕД°Ю``, ``поноћ`` ``ОНМН·``). The model charges each such
# letter 1.0 and the marks as much or nothing, and the letter table (Russian's and Ukrainian's)
# does not know them: the repair of such a line costs more than its mojibake and reads rarer,
# though every other letter of it reads better (``ОНЯКЕД°Ю ОПХ╪ЮБЮ``, 1.0, is ``последња
# пријава``, 2.0). What a Macedonian or Serbian catalog left garbled in its span.


def _made(line: str, cand: str) -> list[int]:
    """Where the case-swap repair ``cand`` makes a letter the letter table does not know of a
    mark of ``line`` (a non-ASCII non-letter), beside a letter of the repair (``╪Е`` -> ``је``)."""
    from ..scoring.letters import CYRILLIC_FREQ

    if len(cand) != len(line):
        return []
    return [i for i, (a, b) in enumerate(zip(line, cand, strict=True))
            if not a.isalpha() and not a.isascii() and b.isalpha() and b.lower() not in CYRILLIC_FREQ
            and ((i > 0 and cand[i - 1].isalpha()) or (i + 1 < len(cand) and cand[i + 1].isalpha()))]


def made_letters(line: str, cand: str) -> float:
    """The model's price of the letters :func:`_made` finds: what the repair ``cand`` may cost
    more than ``line`` inside its span, its other letters still to show it."""
    from ..scoring.plausibility import cost

    return sum(cost(cand[i]) for i in _made(line, cand))


def known_letters(line: str, cand: str) -> str:
    """``cand`` with the letters :func:`_made` finds given back as the line's marks: what the
    letter statistics compare with ``line`` (they count Cyrillic letters only)."""
    made = _made(line, cand)
    if not made:
        return cand
    out = list(cand)
    for i in made:
        out[i] = line[i]
    return "".join(out)


_CYR_LETTER = re.compile("[\u0400-\u04ff]")


def swapped_capitals(line: str, cand: str) -> bool:
    """Whether every Cyrillic letter of ``line`` is a capital and every one of its repair
    ``cand`` a small letter (``ЕДЕМ`` -> ``еден``, ``{}-И`` -> ``{}-й``).

    A case-swap chain writes the lower case words of a document in capitals: between two of its
    span's own lines a line of capitals is its mojibake of words in lower case, which a word or
    two of letter statistics cannot tell (``ОЕР`` scores above ``пет``, ``ТЕБ`` above ``фев``):
    the document decides (a Macedonian catalog's numbers and months, ``еден``, ``пет``, ``фев``).
    Not before the span's first line or after its last, unless lines there prove the chain on
    their own (:func:`reach`): a clean heading in capitals next to a garbled part (``ВНИМАНИЕ``,
    ``ПЕРЕВОД``) has none beside it, and its own letters decide (it reads rarer repaired). Nor the other
    way (``ра`` -> ``ТБ``, a unit in a Russian catalog): a clean line inside a span is lower case
    rather than capitals, and the letters still decide it."""
    ours = _CYR_LETTER.findall(line)
    return bool(ours) and all(c.isupper() for c in ours) \
        and all(c.islower() for c in _CYR_LETTER.findall(cand))


def swapped_out(the_plan: Plan, repaired: list[tuple[int, Chain, float]]) -> list[tuple[int, Chain]]:
    """The lines the search repaired with a case-swap chain the plan left out
    (:func:`outweighed`), inside its rival's span: (start, chain).

    Such a line's own choice is the rival's mojibake garbled once more (``яАПНЯХРЭ БЯЕ ТХКЭРПШ``
    made ``Ъюомъупщ аъе руйщпоь``): the plan's chain repairs it when it admits the line, and
    where it does not, the line is left as it came, never turned into that (the document
    decides)."""
    out = []
    for pos, chain, _ in repaired:
        if chain[:2] in CASE_SWAP and not the_plan.holds(chain):
            here = the_plan.chains_at(pos)
            if here and here[0][1] and here[0][0][:2] == (chain[1], chain[0]):
                out.append((pos, chain))
    return out


def contradicts(line: str, cand: str, cost: Callable[[str], float], words: frozenset[str]) -> bool:
    """Whether ``line`` is evidence against a case-swap chain beside its span (the plan's
    ``_contradicts``): its repair ``cand`` costs more (beyond :func:`made_letters`), or reads
    clearly rarer, letter by letter; never a line the span admits whatever the costs."""
    if swapped_marks(line, cand) or swap_words(line, cand, words):
        return False  # (``•`` for ``∙``, ``файл``)
    if cost(cand) > cost(line) + made_letters(line, cand) + _EPS:
        return True
    # A word or two (``тюикх``, ``ФАЙЛИ``: -0.04) is noise to letter statistics, as inside a
    # span (the plan's _own_trace): only a clearly rarer reading contradicts.
    from ..scoring.letters import letter_score

    short = len(_CYR.findall(line)) < 6
    return letter_score(known_letters(line, cand)) < letter_score(line) - (SHORT_SLACK if short else 0.0)


class _Span(Protocol):
    start: int
    end: int
    chain: Chain


def reach(lines: list[tuple[int, str]], first: _Span, last: _Span,
          proven: Callable[[int, str, Chain], bool]) -> tuple[int, int]:
    """The first and the last line start that count as between a case-swap span's own lines
    (:func:`swapped_capitals`): from the first span's first line, or the earliest line before
    it that its chain repairs on the line's own evidence (``proven(start, line, chain)``: the
    plan's rule outside a span, a repair that costs less, or letters twice the margin better
    over six letters or more), to the last span's last line, or the last such line after it.

    Why: a catalog's lines are short, and the search repairs few on their own (a word is no
    mojibake's shape): a Macedonian one's four lines came late, after its numbers
    (``ЕДЕМ``, ``ДБЕ``, ``ОЕР``: ``еден``, ``две``, ``пет``), and ``ОЕР``, rarer repaired by
    its three letters, kept the span from its head. But the head's other lines prove the chain
    on their own (``%(value)s ЛХКХНМХ`` is ``милиони``), as a line of the search does: the
    capitals between them are the document's. A clean heading before a garbled part
    (``ВНИМАНИЕ``) has no such line before it."""
    lo = first.start
    if first.chain[:2] in CASE_SWAP:
        lo = next((start for start, body in lines if start < first.start and proven(start, body, first.chain)), lo)
    hi = last.end
    if last.chain[:2] in CASE_SWAP:
        hi = next((start for start, body in reversed(lines) if start > last.end and proven(start, body, last.chain)), hi)
    return lo, hi
