"""Letters a CJK page lost, chosen back by word frequency (issue 18's lossy chains).

UTF-8 Cyrillic, Greek, Hebrew and Arabic read as Big5 or EUC-KR lose half their letters: a
letter is two bytes, and where the second is no trail byte of the page (Cyrillic ``р``-``я``
are D1 80-8F) the page refuses both. The chain search reads the rest back (``огамма`` for
``программа``), with one U+FFFD a lost letter (``errors="replace"``) or with nothing where the
bytes were dropped (``errors="ignore"``). The bytes are gone, but which letters can be lost is
known exactly (the page's table), so a word with holes is a pattern: the surviving letters in
place, each hole one of the lost letters (replace), or any number of them anywhere (ignore).
A word list with frequencies (``wordfreq``, the optional ``words`` extra) names the words that
fit; the most frequent is taken when it is clearly the most frequent (:data:`MARGIN` times the
next). Why word frequency and not the page: every occurrence of a lost letter is lost, so the
document holds no intact copy to learn from; letter n-grams leave ``работы``/``работу`` and
``для``/``дл`` as open as words do, and words settle most holes at once.

Only where the model is exact: the page, script and letter's bytes are checked (every letter of
the script reads as one character or as U+FFFD only, and two letters read as the two read
alone, :func:`_model`), so Shift_JIS (whose single-byte katakana pair bytes across letters) is
left to the search. Only lines the chain search already repaired through such a page are
touched (never clean text), and every letter chosen is reported as a guess: the document stays
lossy (``check`` exits 1, kinds.UNRECOVERABLE). Ignore mode is decided on the document: no
U+FFFD in any repaired line of the chain, and at least :data:`MIN_LETTERS` letters of the
script (a Russian text without one of ``р``-``я`` in 40 letters does not occur).

The language: the word list that fits more of the document's words (Russian or Ukrainian).
Both the mode and the language are decided on the first 64 Ki characters of the lines (a
stream decides them per chunk, 256 Ki characters by default: the same answers but for a chunk
that holds no lost-letter line of the mode's kind, a limit tests/test_stream_equivalence does
not draw: its documents are garbled through cp1252 and GBK).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from functools import cache, lru_cache, partial
from importlib.util import find_spec

from ..model import Finding, encoding_name
from . import holes
from .chosen import Chosen, ChosenLines, repairs
from .lossy import FFFD

# Pages whose lost letters follow the model (checked at first use, and by the tests).
PAGES = ("big5", "euc-kr")
# script: (its letters, as a regex class; the word lists of its languages)
SCRIPTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "Cyrillic": ("\u0400-\u04ff", ("ru", "uk")),
    "Greek": ("\u0370-\u03ff", ("el",)),
    "Hebrew": ("\u05d0-\u05ea", ("he",)),
    "Arabic": ("\u0620-\u064a", ("ar",)),
}
# The scripts whose dropped letters (no mark where they were) are chosen too. Measured on the
# bench's documents through Big5 (letters chosen that are right): Russian 97% marked, 90%
# dropped; Ukrainian 97%, 88%; Greek 86%, 74%; Arabic 79%, 51%. Arabic's dropped letters are a
# coin toss (its short words take prefixes and suffixes a dropped letter may sit in): they stay
# dropped, and the finding says so. The same holds for the runs Shift_JIS leaves with
# "ignore" (one mark, any number of letters): words chosen right, Russian 97%, Greek 98%,
# Arabic 70% (82% where each letter is marked).
DROPPED_TOO = frozenset({"Cyrillic", "Greek"})
MARGIN = 2.0  # the chosen word's frequency over the next candidate's, at least
SINGLE_MARGIN = 20.0  # the same through a single-byte page (fixers/lostsingle.py)
MIN_LETTERS = 40  # letters of the script in the document's repaired lines, for ignore mode
HOLE = FFFD  # (a lost letter, marked as the lossy road marks a lost byte)
KIND = "lost-letters"  # (kinds.FindingKind.LOST_LETTERS: in kinds.UNRECOVERABLE)
HOLE_SHARE = 1.0  # letters kept per letter chosen in a word, at least (see _choose)


def available() -> bool:
    """Whether the word lists are installed (the ``words`` extra)."""
    return _installed()


@cache
def _installed() -> bool:
    # (asked once a process: ``find_spec`` walks sys.path, 30 us, and every lossy document
    # asks twice; the tests set ``available`` itself)
    return find_spec("wordfreq") is not None


@cache
def _model(page: str, script: str) -> frozenset[str]:
    """The letters of ``script`` that ``page`` loses whole (Big5, EUC-KR) or before some byte
    (Shift_JIS, cp932: :mod:`mojifix.fixers.holes`), or an empty set where the model does not
    hold (a letter read as more than one character, or two letters read otherwise than each
    alone)."""
    lo, hi = (ord(c) for c in SCRIPTS[script][0].split("-"))
    letters = [chr(c) for c in range(lo, hi + 1) if chr(c).isalpha()]
    if page in holes.CONTEXT_PAGES:
        # Hebrew through Shift_JIS loses its words' last letters (a letter before a space):
        # the endings of grammar (ה, ים, ו, י), which word frequency does not settle: 67% of
        # the letters chosen on the bench's texts were right. Those stay marked.
        return frozenset() if script == "Hebrew" else holes.context_model(page, tuple(letters))
    read = {c: c.encode("utf-8").decode(page, "replace") for c in letters}
    lost = frozenset(c for c, r in read.items() if set(r) == {HOLE})
    if not lost or any(c not in lost and (len(r) != 1 or r == HOLE) for c, r in read.items()):
        return frozenset()
    if 2 * len(lost) > len(letters):
        # A script that loses most of its letters leaves its words too little to match on
        # (Hebrew through Big5: 17 of 27; the guesses were mostly wrong on the bench's texts).
        return frozenset()
    sample = letters[:: max(1, len(letters) // 24)]  # (tests/test_lostwords.py checks all pairs)
    if any((a + b).encode("utf-8").decode(page, "replace") != read[a] + read[b]
           for a in sample for b in sample):
        return frozenset()
    return lost


def _sample(lines: Iterable[str], size: int = 1 << 16) -> str:
    """The first lines, up to about ``size`` characters: what the script and the mode are
    decided on (the whole of a big file would be one more copy of it, for the same answer)."""
    out: list[str] = []
    got = 0
    for line in lines:
        out.append(line)
        got += len(line)
        if got >= size:
            break
    return "\n".join(out)


def _script_of(chain: tuple[str, ...], text: str) -> str | None:
    """The script of the repaired lines: the one of :data:`SCRIPTS` holding most of their
    non-ASCII characters (U+FFFD aside), at least half. A Chinese page through Big5 that quotes
    a Greek ``α`` is not Greek: its U+FFFD are lost CJK bytes, not letters."""
    return script_of_text(text) if _through_page(chain) else None


def script_of_text(text: str) -> str | None:
    """The script of :data:`SCRIPTS` holding most of ``text``'s non-ASCII characters (U+FFFD
    aside), at least half; None where none does (see :func:`_script_of`)."""
    best, most = None, 0
    for name, (cls, _) in SCRIPTS.items():
        n = len(re.findall(f"[{cls}]", text))
        if n > most:
            best, most = name, n
    other = len(re.findall(f"[^\x00-\x7f{HOLE}]", text))
    return best if most and 2 * most >= other else None


# Six kept (each 10 to 15 MB, 0.7 to 1.6 s to build): every language of SCRIPTS for one page and
# mode, what a batch of one kind of damage in many languages alternates between. With two kept,
# each Ukrainian document read as Big5 built two again (the Cyrillic rows of
# bench/throughput.py's lossy table at 0.02 MB/s); with four, a batch of Russian, Ukrainian,
# Greek and Arabic read as Big5 with bytes dropped ran at 0.09 MB/s, with six at 1.3. The cost,
# measured by a review in one process working through such a mix: 148 MB with two kept, 198 MB
# with six. That process is over issue 20's memory target (100 MB + 3x the largest file) with
# two already (the word lists themselves); the exception is told in bench/RESULTS.md. A single
# document builds at most two (its script's languages), and none of the memory bench's kinds
# builds any.
@lru_cache(maxsize=6)
def _index(lang: str, keys: holes.Keys) -> dict[str, str]:
    """key -> the word it clearly stands for, over the language's word list (each word also
    capitalised and in capitals, for headings): the key is the word as the page leaves it
    (:meth:`holes.Keys.of`). Only keys whose most frequent word is :data:`MARGIN` times the
    next and differs from the key are kept (a third of the list: 10 MB, not 44). Built once
    per list, page and mode (not keyed on text)."""
    import wordfreq

    # A single-byte page (fixers/lostsingle.py) loses a letter in one case and keeps it in the
    # other (cp1252: ``Н`` is D0 9D, ``н`` D0 BD): a lost capital's rival is then a small
    # letter's word, and a listed word counts as often in each case (``�о`` was ``Но``, not
    # ``со``). There each form counts as often as running text writes it (_weight), and the
    # margin is wider (the pages' words keep most letters: a hole is one of a few).
    single = keys.page not in PAGES and keys.page not in holes.CONTEXT_PAGES  # (lostsingle's)
    margin = SINGLE_MARGIN if single else MARGIN
    best: dict[str, tuple[str, float, float, str]] = {}
    for word, listed in wordfreq.get_frequency_dict(lang, wordlist="small").items():
        if not word.isalpha():
            continue
        if word[-1] == "σ":
            word = word[:-1] + "ς"  # (the list is case-folded: Greek's final sigma comes back)
        for form in _forms(word):
            freq = listed * (_weight(word, form) if single else 1.0)
            key = keys.of(form)
            if key is None:
                continue
            had = best.get(key)
            if had is None:
                best[key] = (form, freq, 0.0, word)
            elif had[3] == word:
                # Two forms of one word (``Πρόγραμμα``, ``πρόγραμμα``: their first letter
                # lost): no rival; which case the text wants is told there (_choose).
                continue
            elif freq > had[1]:
                best[key] = (form, freq, had[1], word)
            elif freq > had[2]:
                best[key] = (had[0], had[1], freq, had[3])
    return {key: form for key, (form, freq, second, _) in best.items()
            if form != key and freq >= margin * second}


def _weight(word: str, form: str) -> float:
    """How often running text writes ``word`` (as listed) as ``form`` of :func:`_forms`,
    roughly: as listed, capitalised (a sentence's first word, a name) a tenth as often, in
    capitals a hundredth (headings). Through a single-byte page only (see :func:`_index`)."""
    if form == word:
        return 1.0
    return 0.1 if form[1:] == word[1:] else 0.01


def _forms(word: str) -> Iterable[str]:
    """The word as a text writes it: as listed, capitalised, in capitals (Greek capitals
    also without their accent, as headings write them: ``ΠΕΡΙΓΡΑΦΗ``)."""
    upper = word.upper()
    bare = unicodedata.normalize("NFC", unicodedata.normalize("NFD", upper).replace("\u0301", ""))
    return dict.fromkeys((word, word[:1].upper() + word[1:], bare, upper))


def _words(cls: str) -> re.Pattern[str]:
    return re.compile(f"[{cls}{HOLE}]+")


def _choose(word: str, before: str, after: str, index: Mapping[str, str], keys: holes.Keys
            ) -> str | None:
    """The word ``word`` (in its line between ``before`` and ``after``) stands for, or None."""
    if keys.mode == "ignore":
        if any(c in keys.letters for c in word):
            return None
    elif HOLE not in word or word.count(HOLE) == len(word):
        return None  # (no hole, or nothing left to match on)
    got = index.get(word)
    if got is None:
        return None
    if word[:1] != got[:1]:
        # Its first letter chosen too: capitalised where a sentence starts (a line's first
        # word, or after ". "), as the bench's texts write it 93% and 97% of the time; small
        # elsewhere (85%). Where the page keeps one case, the other is the one it lost.
        start = not before.strip() or before.rstrip()[-1] in ".!?"
        forms = (got[:1].upper() + got[1:], got[:1].lower() + got[1:])
        if len(got) > 1 and got[1:].isupper():
            forms = forms[:1]  # (a word in capitals: ``РОССИИ``, never ``рОССИИ``)
        got = next((f for f in (forms if start else forms[::-1]) if keys.of(f, after) == word), "")
        if not got:
            return None
    if keys.of(got, after) != word:
        return None  # (the word looked up as if a space followed it: the page loses it otherwise)
    # At most as many letters chosen as the word kept: a word mostly lost is a guess among
    # many (Hebrew loses 17 of its 22 letters' forms to Big5: most words were guessed wrong).
    kept = len(word) - word.count(HOLE)
    if (len(got) - kept) * HOLE_SHARE > kept:
        return None
    return got


def _mode(page: str, bodies: Iterable[str], cands: Iterable[str]) -> str:
    """How the document's lines lost their letters (:data:`holes.MODES`), decided on them.
    Big5 and EUC-KR: where no repaired line holds a U+FFFD, the letters were dropped without a
    mark (``"ignore"``). Shift_JIS marks them both ways, one a letter or one a run: the lines
    as they came tell which, as a page that replaced what it could not decode left U+FFFD in
    them and one that dropped it left none."""
    if page not in holes.CONTEXT_PAGES:
        return "replace" if HOLE in _sample(cands) else "ignore"
    return "replace" if HOLE in _sample(bodies) else "runs"


def applies(chosen: Chosen) -> bool:
    """Whether :func:`fill` may change ``chosen`` or tell of it (a chain through one of
    :data:`PAGES`): cheap, asked before a whole reading is handed over as it is. Through
    Shift_JIS only a reading with a lost letter marked in a script of :data:`SCRIPTS` (a
    garbled Japanese page read whole stays on its road)."""
    paged = _paged(chosen)
    out = getattr(chosen, "out", None)
    if not paged or out is None or any(ch[1] not in holes.CONTEXT_PAGES for ch in paged):
        return bool(paged)
    return HOLE in out and any(_script_of(ch, out[: 1 << 16]) for ch in paged)


def _through_page(chain: tuple[str, ...]) -> bool:
    """UTF-8 read once through one of :data:`PAGES` or :data:`holes.CONTEXT_PAGES`."""
    return len(chain) == 2 and chain[0] == "utf-8" and (
        chain[1] in PAGES or chain[1] in holes.CONTEXT_PAGES)


def _paged(chosen: Chosen) -> set[tuple[str, ...]]:
    """The chains of ``chosen`` through one of :data:`PAGES` (a whole reading names its one
    chain: its lines are not sliced to ask)."""
    chain = getattr(chosen, "chain", None)
    chains = {chain} if chain is not None else {ch for ch, _ in repairs(chosen)}
    return {ch for ch in chains if _through_page(ch)}


def fill(chosen: Chosen) -> tuple[Chosen, list[Finding]]:
    """``chosen`` with the lost letters of its lines through :data:`PAGES` chosen back where a
    word settles them, and a finding for what was chosen (``chosen`` itself, and no finding,
    where nothing applies)."""
    paged = _paged(chosen) if chosen else set()
    jobs = [(ch, script) for ch in paged
            if (script := _script_of(ch, _sample(c for c2, c in repairs(chosen) if c2 == ch)))]
    if not jobs:
        return chosen, []
    # (a copy of the places, not of the lines: fixers/chosen.py)
    out = chosen.copy() if isinstance(chosen, ChosenLines) else dict(chosen.items())
    findings: list[Finding] = []
    for chain, script in jobs:
        lost = _model(chain[1], script)
        if not lost:
            continue
        starts = [s for s, (ch, _) in zip(out, repairs(out), strict=True) if ch == chain]
        cands = [out[s][2] for s in starts]
        cls = SCRIPTS[script][0]
        mode = _mode(chain[1], (out[s][0] for s in starts), cands)
        ignore = mode == "ignore"
        if ignore and len(re.findall(f"[{cls}]", _sample(cands))) < MIN_LETTERS:
            continue
        pattern = _words(cls)
        keys = holes.Keys(chain[1], mode, lost)
        lang, index = _language(script, keys, (m.group() for c in cands for m in pattern.finditer(c))
                                ) if available() and (mode == "replace" or script in DROPPED_TOO) else ("", {})
        words, letters = _fill_lines(out, starts, pattern, partial(_choose, index=index, keys=keys))
        if words or ignore:
            # (Dropped letters leave no mark: the finding says so even where none came back,
            # so the report never passes such a document for whole.)
            page = encoding_name(chain[1])
            how = (f"{letters} chosen back in {words} words by word frequency ({lang}): guesses"
                   if words else "none chosen back (no word list: pip install 'mojifix[words]')"
                   if not available() else "none chosen back (too few settled by a word)"
                   if script in DROPPED_TOO else "left out (too many words fit them)")
            marked = "marked U+FFFD" if mode != "runs" else "marked U+FFFD, one a run"
            never = ("never survive" if not keys.context
                     else "do not survive before some bytes (a space, a punctuation mark, some letters)")
            findings.append(Finding(
                KIND,
                f"{script} letters that {page} cannot decode were "
                f"{'dropped' if ignore else marked}: {how}",
                count=letters, confidence=0.7, chain=chain, fixed=bool(words),
                evidence=(f"{len(lost)} letters {never} {page}: {''.join(sorted(lost)[:10])}...",)))
    return out, findings


def _fill_lines(out: MutableMapping[int, tuple[str, tuple[str, ...], str]], starts: list[int],
                pattern: re.Pattern[str], choose: Callable[[str, str, str], str | None]) -> tuple[int, int]:
    """Each word of the lines at ``starts`` replaced by its choice, in place: (words, letters)."""
    words = letters = 0
    for start in starts:
        body, chain, cand = out[start]
        parts: list[str] = []
        done = 0
        for m in pattern.finditer(cand):
            got = choose(m.group(), cand[max(0, m.start() - 8):m.start()], cand[m.end():m.end() + 1])
            if got is None:
                continue
            words += 1
            letters += len(got) - len(m.group()) + m.group().count(HOLE)
            parts += (cand[done:m.start()], got)
            done = m.end()
        if parts:
            out[start] = (body, chain, "".join(parts) + cand[done:])
    return words, letters


def _language(script: str, keys: holes.Keys, words: Iterable[str]) -> tuple[str, dict[str, str]]:
    """The script's language whose word list holds more of the document's words (as keys)."""
    langs = SCRIPTS[script][1]
    if len(langs) == 1:
        return langs[0], _index(langs[0], keys)
    seen = list(dict.fromkeys(words))
    best = max(langs, key=lambda lang: sum(w in _index(lang, keys) for w in seen))
    return best, _index(best, keys)
