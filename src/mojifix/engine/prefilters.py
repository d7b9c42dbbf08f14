"""Per-fixer prefilters: which fixers certainly have nothing to do on a text.

(Belongs to the ``engine/`` subpackage: the pipeline asks, the scoring modules answer.)

Most text a corpus pipeline sees is clean, so the cost of saying "nothing to do" decides what
mojifix costs. A prefilter is a function ``(text, config) -> bool``: ``False`` is a promise that
the fixer would return ``([], [])`` on this text, so the pipeline skips it. A prefilter may say
``True`` too often (the fixer then does its own, exact check) but never too rarely.

Why a module of its own: the answers come from the scoring modules (the mojibake screen of
:mod:`mojifix.scoring.screen`, the combined walk of :mod:`mojifix.scoring.quiet`) and, for the chain search, from
the fixer itself (:func:`mojifix.fixers.chains.may_apply`). Asking them from here keeps every import
pointing one way: engine -> fixers -> scoring, never back (``tests/test_import_graph.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from ..config import Config
from ..memo import kept_answer, last_answer, note
from ..scoring import screen
from ..scoring.quiet import regions
from ..scoring.screen import Survey

Screen = Callable[[str, Config], bool]


def survey(text: str) -> Survey:
    """Survey ``text`` once per document: while a document is repaired, the answer is kept in
    its memo for as long as the pipeline passes the same text object."""
    return last_answer("last_survey", text, _survey)


def _survey(text: str) -> Survey:
    # ASCII text needs neither ftfy nor the screen (whose set-up imports ftfy).
    return Survey(False, False) if text.isascii() else _survey_regions(text)


def _survey_regions(text: str) -> Survey:
    """The survey of the lines the combined walk (quiet.py) could not clear."""
    ms = screen.mojibake_screen()
    mojibake = zero_width = False
    for start, stop in _blocks(text, regions(text)):
        part = ms.survey(text if (start, stop) == (0, len(text)) else text[start:stop])
        mojibake |= part.mojibake
        zero_width |= part.zero_width
        if mojibake and zero_width:
            break
    return Survey(mojibake, zero_width)


# Characters of a region surveyed at a time (whole lines: the screen asks about one line at a
# time, so the answers add up). A region is most of an accented Latin text, and sliced whole it
# was one more copy of the file held at once (2x a French file, issue 20's memory).
_BLOCK = 1 << 20


def _blocks(text: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """``spans`` cut into runs of whole lines of about :data:`_BLOCK` characters."""
    for start, stop in spans:
        while stop - start > _BLOCK:
            cut = text.find("\n", start + _BLOCK, stop)
            if cut < 0:
                break
            yield start, cut + 1
            start = cut + 1
        if start < stop:
            yield start, stop


_HANZI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"


@lru_cache(maxsize=1)
def _gloss_start() -> re.Pattern[str]:
    """A gloss is a hanzi immediately followed by "(", or a straddling gloss (``,F(xiàn)``): a
    non-ASCII character or ``, ? ! : ;``, an ASCII letter or symbol, then "(" (a superset of
    glosses.STRADDLE). One scan for the "(" (a literal, fast), then a look back for either.
    Compiled on first use, to keep start-up short."""
    return re.compile(f"\\((?:(?<=[{_HANZI}]\\()|(?<=(?:[^\\x00-\\x7f]|[,?!:;])[@-~]\\())")


def _screen_mojibake(text: str, config: Config) -> bool:
    return config.fix_mojibake and survey(text).mojibake


def _screen_zero_width(text: str, config: Config) -> bool:
    return config.remove_zero_width and survey(text).zero_width


def _screen_glosses(text: str, config: Config) -> bool:
    return config.remove_glosses and "(" in text and _gloss_start().search(text) is not None


_C1 = re.compile("[\x80-\x9f]")


def _screen_c1_quotes(text: str, config: Config) -> bool:
    # (fixers/c1quotes.py: a C1 control, one search in C)
    return config.fix_mojibake and not text.isascii() and _C1.search(text) is not None


def _screen_half_marks(text: str, config: Config) -> bool:
    # (halfmark.HALVES and LETTER_HALVES: 鈥 窶 ﾂ ﾃ; an ``in`` scan each is faster than one regex)
    return config.fix_mojibake and ("\u9225" in text or "\u7ab6" in text or "\uff83" in text
                                    or "\uff82" in text)


def _screen_normalize(text: str, config: Config) -> bool:
    return bool(
        config.uncurl_quotes
        or config.fix_character_width
        or config.fix_latin_ligatures
        or config.fix_line_breaks
        or config.normalization
    )


def _screen_entities(text: str, config: Config) -> bool:
    return config.unescape_html and "&" in text


def _screen_bare_entities(text: str, config: Config) -> bool:
    return config.unescape_html and "#" in text  # fix_bare_entities' own first test


def _screen_realign(text: str, config: Config) -> bool:
    return config.remove_glosses and "?" in text and not text.isascii()


def _screen_mixed_words(text: str, config: Config) -> bool:
    if not config.fix_mojibake or text.isascii():
        return False
    from ..fixers.mixedwords import may_apply  # a fixer: imported on first need

    return may_apply(text)


def _screen_restore(text: str, config: Config) -> bool:
    return config.restore_original


def screen_chains_by_line(text: str, config: Config) -> bool:
    """Legacy-page chains need a non-ASCII line that some layer can be undone on (the chain
    fixer's own per-line screen). Also the chain prefilter with the document screen off: a
    registry variant for the test that both agree (``tests/test_docscreen.py``)."""
    if not config.fix_mojibake or text.isascii():
        return False
    from ..fixers.chains import may_apply as chains_may_apply  # a fixer: imported on first need

    return _whole_document(text) or chains_may_apply(text)


def _whole_document(text: str) -> bool:
    """Whether the chain fixer takes ``text`` whole (``chains.whole_document``: UTF-8 read
    through one page from end to end), its repair cleared by the document screen; asked by
    both chain screens first, so that they agree (and kept in the memo for the fixer)."""
    from ..fixers.chains import whole_document  # a fixer: imported on first need

    return bool(whole_document(text, _cleared))


def _cleared(text: str) -> bool:
    """The document screen on a whole-document reading, asked only where it pays
    (``docscreen.worth_it``: on Chinese or Russian text the per-line screen, asked before it,
    clears as often at a fraction of its cost); False leaves the question to the search."""
    from . import docscreen

    return docscreen.worth_it(text) and docscreen.chains_clear(text)


def screen_chains(text: str, config: Config, min_size: int | None = None) -> bool:
    """The document screen first (:mod:`mojifix.engine.docscreen`: a few C-speed passes over
    the whole text that prove the chain search changes nothing, issue 20) where it pays
    (``docscreen.worth_it``; or on every text of at least ``min_size`` characters, for the
    test that both screens agree), then the per-line screen on the texts it does not clear."""
    if not config.fix_mojibake or text.isascii():
        return False
    if _whole_document(text):  # UTF-8 read through one page from end to end
        return True
    from . import docscreen

    asked = docscreen.worth_it(text) if min_size is None else len(text) >= min_size
    if asked and docscreen.chains_clear(text):
        note("docscreen:clear")  # the path a document took (memo.tracing)
        return False
    if kept_answer("last_latin", text)[1]:
        # A Central European or Turkish page repairs the document (the document screen asked):
        # the chain fixer runs, and the per-line screen would say so at its end (issue 20: a
        # Turkish page read as Latin-1 paid its line tests for that answer).
        return True
    return screen_chains_by_line(text, config)


SCREENS: dict[str, Screen] = {
    "entities": _screen_entities,
    "bare-entities": _screen_bare_entities,
    "realign": _screen_realign,
    "restore": _screen_restore,
    "c1-quotes": _screen_c1_quotes,
    "chains": screen_chains,
    "mojibake": _screen_mojibake,
    "mixed-words": _screen_mixed_words,
    "half-marks": _screen_half_marks,
    "zero-width": _screen_zero_width,
    "glosses": _screen_glosses,
    "normalize": _screen_normalize,
}

