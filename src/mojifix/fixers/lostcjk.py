"""CJK characters a page's lost byte left open, chosen by the words they make (issue 18's lossy
chains, with the ``words`` extra).

UTF-8 read as Shift_JIS, Big5, EUC-KR or GBK with ``errors="replace"`` loses bytes; where one
byte of a character is lost among known ones, :func:`mojifix.fixers.lostbytes.recover` knows the few
characters it can have been (``E7 9A ??`` before a lead byte, through Shift_JIS: 的, 皆, 皇,
...) and takes one only where the character frequencies settle it and no rival is a common
character: the order of common characters is no evidence (it put 心 for 必). Most of what stays
lost is that case: 的, 一 and 。 were a quarter of what Chinese through Shift_JIS kept lost.

The words they make are evidence: ``的`` before ``话``, ``皇`` before ``帝``, and ``的`` alone
is a word (the commonest), ``皆`` alone rarely is. Each run of open characters is tried with
every combination of their readings (at most :data:`_MOST_COMBOS`), between up to four known CJK
characters on each side, and each try is cut into the words of wordfreq's list of the line's
language (Japanese where the line holds kana, Korean where hangul, else Chinese, looked up in
Simplified): the most probable cut, as a word segmenter makes it (a character no word holds
costs :data:`UNLISTED`). The best try is taken when its cut is at least :data:`MARGIN` times as
probable as the next. Characters chosen that are right, on 6 of the bench's documents each
with ``errors="replace"`` (8f64198): Shift_JIS Chinese 100%, Japanese 98.9%, Korean 99.4%; GBK
Chinese 99.8%. What that does to each row's CER is bench/RESULTS.md's lossy table (quality.py,
per language). Big5 and EUC-KR leave few such characters (their CJK losses are two bytes and
more). Every character chosen so is reported as a guess (``lost-letters``, in
kinds.UNRECOVERABLE: ``check`` exits 1).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from itertools import product

from ..memo import current
from ..model import Finding, encoding_name
from .chosen import Chosen, ChosenLines, repairs
from .lossy import COMMON_CJK, FFFD, LOSSY_PAGES
from .lostbytes import forget, left_open

MARGIN = 10.0  # the best try's cut over the next try's, at least (5: 98.7% right; 20: 99.5%)
UNLISTED = 1e-8  # the probability of a character no word of the list holds
_LONGEST = 4  # characters in a word, at most (and known neighbours looked at on each side; _cuts
# is written out for 4)
_MOST_COMBOS = 64  # readings of a run of open characters tried, at most
KIND = "lost-letters"  # (kinds.FindingKind.LOST_LETTERS: in kinds.UNRECOVERABLE)


def available() -> bool:
    """Whether the word lists are installed (the ``words`` extra)."""
    from .lostwords import available as has_words

    return has_words()


def _lossy(chain: tuple[str, ...]) -> bool:
    return len(chain) == 2 and chain[0] == "utf-8" and chain[1] in LOSSY_PAGES


@cache
def _freq(lang: str) -> dict[str, float]:
    """The log-frequency of each word of ``lang``'s list (logs once, not at every look-up)."""
    import wordfreq

    return {w: math.log(f) for w, f in wordfreq.get_frequency_dict(lang, wordlist="small").items() if f > 0}


@cache
def _simplify() -> Callable[[str], str]:
    """wordfreq's ``simplify_chinese`` (the text through its character map, then casefolded),
    with the map read from wordfreq's data file. Importing ``wordfreq.chinese`` also imports
    jieba (and with it pkg_resources) for a tokenizer mojifix never uses: 12 MB of memory and a
    fifth of a second, on top of ``check``'s peak on a big lossy Chinese file (issue 20: 166 MB
    on 20 MB of Chinese UTF-8 read as GBK, against the 160 of "100 MB + 3x the file").
    ``tests/test_lostcjk.py`` checks it gives what wordfreq's gives."""
    import gzip

    try:
        import msgpack
        from wordfreq.util import data_path

        with gzip.open(data_path("_chinese_mapping.msgpack.gz")) as f:
            try:
                table = msgpack.load(f, raw=False, strict_map_key=False)
            except TypeError:  # pragma: no cover - the pure-Python msgpack (wordfreq does the same)
                f.seek(0)
                table = msgpack.load(f, raw=False)
    except (ImportError, OSError):  # pragma: no cover - another layout of wordfreq: its own
        from wordfreq.chinese import simplify_chinese

        return simplify_chinese
    return lambda text: text.translate(table).casefold()


def _cjk(c: str) -> bool:
    return COMMON_CJK.match(c) is not None  # (kana, unified ideographs, hangul syllables)


def _lang(line: str) -> str:
    kana = hangul = 0
    for c in line:
        if "\u3040" <= c <= "\u30ff":
            kana += 1
        elif "\uac00" <= c <= "\ud7a3":
            hangul += 1
    return "ja" if kana else "ko" if hangul else "zh"


_UNLISTED_LOG = math.log(UNLISTED)


def _cuts(text: str, logs: Mapping[str, float], known: list[float] | None = None) -> list[float]:
    """For each prefix of ``text``, the log-probability of its most probable cut into words of
    the list (``logs``: each word's log-frequency; a character no word holds costs
    :data:`UNLISTED`). ``known``: this list already worked out for a start of ``text``, taken up
    from there (every try of a run shares its left neighbours)."""
    best = [0.0] if known is None else known.copy()
    get = logs.get
    # (the words of 2 to _LONGEST characters ending at k, written out rather than a loop over
    # their lengths: the same sums, compared in the same order, at half the time; this was most
    # of the time of a Chinese page read as GBK, every try of every run cut anew)
    for k in range(len(best), len(text) + 1):  # (k >= 1: best holds at least the empty prefix)
        lp = get(text[k - 1:k])  # (a character is a word of its own, listed or not)
        top = best[k - 1] + (_UNLISTED_LOG if lp is None else lp)
        if k >= 2:
            lp = get(text[k - 2:k])
            if lp is not None and best[k - 2] + lp > top:
                top = best[k - 2] + lp
            if k >= 3:
                lp = get(text[k - 3:k])
                if lp is not None and best[k - 3] + lp > top:
                    top = best[k - 3] + lp
                if k >= 4:
                    lp = get(text[k - 4:k])
                    if lp is not None and best[k - 4] + lp > top:
                        top = best[k - 4] + lp
        best.append(top)
    return best


def settle(chars: list[str], opened: list[tuple[int, tuple[str, ...]]], logs: Mapping[str, float],
           normal: Callable[[str], str] = lambda w: w, margin: float = MARGIN) -> int:
    """Each run of open characters of ``chars`` (``opened``: index, readings) whose words
    settle it, set in place; how many characters. ``logs``: the list's words, each with the
    log of its frequency (:func:`_freq`). ``normal`` maps a try to the list's spelling
    character by character (Traditional to Simplified). ``margin``: the best try's cut over the
    next one's, at least."""
    done = 0
    readings = dict(opened)
    for run in runs(i for i, _ in opened):
        i, j = run[0], run[-1] + 1
        if math.prod(len(readings[k]) for k in run) > _MOST_COMBOS:
            continue
        s = i
        while s > 0 and i - s < _LONGEST and _cjk(chars[s - 1]):
            s -= 1
        e = j
        while e < len(chars) and e - j < _LONGEST and _cjk(chars[e]):
            e += 1
        left, right = "".join(chars[s:i]), "".join(chars[j:e])
        if not left and not right and FFFD in (chars[i - 1] if i else "") + "".join(chars[j:j + 1]):
            # (no known neighbour, and a lost one beside it: part of a word whose rest is
            # lost; its readings alone would be chosen by their frequency alone)
            continue
        # (``normal`` maps character by character: each piece once, not each try)
        left, right = normal(left), normal(right)
        got = _settled(left, right, tuple(readings[k] for k in run), logs, normal, margin)
        if got is None:
            continue
        chars[i:j] = got
        done += len(run)
    return done


def runs(indices: Iterable[int]) -> list[list[int]]:
    """``indices`` (ascending) cut into runs of consecutive ones."""
    out: list[list[int]] = []
    for i in indices:
        if out and out[-1][-1] == i - 1:
            out[-1].append(i)
        else:
            out.append([i])
    return out


def _settled(left: str, right: str, each: tuple[tuple[str, ...], ...], logs: Mapping[str, float],
             normal: Callable[[str], str], margin: float) -> tuple[str, ...] | None:
    """The readings of a run (``each``: its characters' readings) that its words settle between
    ``left`` and ``right`` (both in the list's spelling), or None. Kept in the document's memo:
    a document's words come again with their holes (a bill names its law on every page)."""
    memo = current()
    key = (left, right, each, id(logs), id(normal), margin)
    if memo is not None and key in memo.settled:
        return memo.settled[key]
    known = _cuts(left, logs)
    # (each try's readings and their spellings from two products in step: tuples made in C)
    spelt = [[normal(r) for r in readings] for readings in each]
    scored = sorted(((_cuts(left + "".join(names) + right, logs, known)[-1], tried)
                     for tried, names in zip(product(*each), product(*spelt), strict=True)), reverse=True)
    # (one reading alone: recover left it open for a cut of another length)
    got = None if len(scored) < 2 or scored[0][0] - scored[1][0] < math.log(margin) else scored[0][1]
    if memo is not None and len(memo.settled) < _SETTLED_KEPT:
        memo.settled[key] = got
    return got


_SETTLED_KEPT = 1 << 14  # runs a document's memo keeps the choice of, at most


def fill(chosen: Chosen) -> tuple[Chosen, list[Finding]]:
    """``chosen`` with the open CJK characters of its lossy lines chosen by their words, and a
    finding for them (``chosen`` itself, and no finding, where none was chosen)."""
    if not chosen or not available():
        return chosen, []
    starts = [s for s, (ch, cand) in zip(chosen, repairs(chosen), strict=True)
              if _lossy(ch) and FFFD in cand]
    if not starts:
        return chosen, []
    out = chosen.copy() if isinstance(chosen, ChosenLines) else dict(chosen.items())
    count: dict[tuple[tuple[str, ...], str], int] = {}
    for start in starts:
        body, chain, cand = out[start]
        if FFFD not in body:
            continue
        # (none where the line was not read by recover as it stands: left as it is; noted by
        # the chain search's own call in the document's memo)
        # (CJK ones only: a Greek or Cyrillic letter left open is no word of these lists)
        opened = [(i, tuple(r)) for i, r in left_open(body, chain[1], cand) if any(map(_cjk, r))]
        if not opened:
            continue
        lang = _lang(cand)
        chars = list(cand)
        n = settle(chars, opened, _freq(lang), _simplify() if lang == "zh" else str)
        if n:
            out[start] = (body, chain, "".join(chars))
            count[chain, lang] = count.get((chain, lang), 0) + n
    if not count:
        return chosen, []
    return out, [Finding(
        KIND, f"CJK characters with a byte {encoding_name(chain[1])} lost: {n} chosen by the words "
        f"they make ({lang}): guesses", count=n, confidence=0.7, chain=chain, fixed=True,
        evidence=(f"each taken as the one of its few possible characters whose words are "
                  f"{MARGIN:g} times as probable as any other's",))
        for (chain, lang), n in count.items()]


def with_words(chosen: Chosen) -> tuple[Chosen, list[Finding]]:
    """``chosen`` with what its lossy lines left open chosen by the words it makes (the chain
    search's last step, in both of its roads): letters a CJK page lost
    (:func:`mojifix.fixers.lostwords.fill`), then CJK characters a lost byte left open
    (:func:`fill`); the findings that report those guesses."""
    from .lostwords import fill as letters

    chosen, guessed = letters(chosen)
    chosen, more = fill(chosen)
    forget()  # (the chain search's notes: read)
    return chosen, guessed + more
