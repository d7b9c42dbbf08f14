"""A Latin-script document read through a CJK page, decided at once (issue 18).

UTF-8's accented letters and punctuation read through GBK, Big5, Shift_JIS or EUC-KR turn into
hanzi, kana or Hangul inside Latin words: ``Ram 癡 un`` (Italian ``è`` through Big5),
``altres矛`` (``ì`` through GBK), ``BI沼U`` (Vietnamese ``Ể`` through EUC-KR, its last byte
dropped), ``鈥渟tarred鈥`` (curly quotes through GBK). Through ``errors="ignore"`` the bytes
the page refused vanished without a mark. Why a road of its own: the line-by-line search needs
a gain of 1 on a line, and one ``癡`` in an Italian line is less; the lost-byte roads
(:mod:`~mojifix.fixers.lossy`, :mod:`~mojifix.fixers.vanished`) look for CJK, Greek,
Cyrillic, Hebrew or Arabic letters in what survives, never accented Latin (clean CJK text read
through Big5 makes ``ä`` of C3 A4 by chance). So such a document came back unchanged and was
called clean: 100 of the corpus' documents read with ``errors="ignore"`` (bench/quality.py),
Vietnamese through EUC-KR most of them.

The document decides, on evidence no clean text of the corpus shows (tests/test_cjklatin.py):

1. a Latin document: its ASCII letters at least :data:`_LATIN` times its non-ASCII characters
   (a Chinese, Japanese or Korean page, even a manual full of commands, has fewer), and no
   U+FFFD (the lost-byte road of ``errors="replace"`` is :mod:`~mojifix.fixers.lostbytes`'s);
2. the page writes the text exactly (its bytes decode back to it);
3. those bytes read as UTF-8 give Western characters alone (Latin letters, their accents,
   general punctuation, currency and letter-like symbols): at least :data:`_LEAST` of them, and
   not one character of another script. Clean CJK text through a page reads as a mix of
   everything (and mostly as no UTF-8), so one such character refuses it;
4. nearly every break in that reading (bytes that are no UTF-8: :data:`_EXPLAINED`) is
   explained by one or two bytes the page refuses put back
   (:func:`mojifix.fixers.breakfill.explain`), and there are at most :data:`_BREAKS` breaks
   per Western character.

5. the page's characters stand where Latin letters would (:func:`_placed`): glued to an ASCII
   letter somewhere, or one lone word repeated (a glossary's different words are refused).

The reading keeps one U+FFFD per break (:func:`mojifix.fixers.vanished.read_back`: the lost
bytes are not known), which the chain fixer reports as characters lost (``check`` exits 1).
"""

from __future__ import annotations

import re

from .breakfill import explained_enough
from .lossy import LOSSY_PAGES
from .vanished import BREAK, PAGE_LETTER, read_back
from .wholelegacy import non_ascii

# ASCII letters per non-ASCII character, at least (the corpus, its documents read through the
# four pages with errors="ignore": Czech and Turkish 3.1 and more, the other Latin languages
# 6.9 and more, Vietnamese down to 1.5, so its densest pages stay with the line roads; clean
# zh_CN and zh_TW at most 2.34, ja 1.9, ko 0.06).
_LATIN = 3.0
_LEAST = 2  # Western characters and breaks in the reading, at least (one Western character)
_BREAKS = 4.0  # breaks per Western character, at most (Vietnamese through EUC-KR: up to 2.7)
_EXPLAINED = 0.9  # of the breaks, explained at least (a symbol, ``⟨⟩``, may leave one that is not)
# A run of the characters these pages write (hanzi, kana, Hangul, full-width forms: one of them
# is vanished.PAGE_LETTER).
_PAGE_RUN = re.compile("[\u3000-\uffff]+")
_ASCII_LETTER = re.compile("[A-Za-z]")
_SAME = 3  # times one lone word of the page's characters stands in the text, at least
# Or this many different lone words: a character table (``A1 ﾄ LATIN CAPITAL``, ISO 8859-2 through
# Shift_JIS), where a real word of a CJK script reads as Western letters one time in fifty or so
# (and points 3 and 4 ask it of every one of them).
_MANY = 8
_ASCII_LETTERS = bytes(range(65, 91)) + bytes(range(97, 123))
# What the reading may hold besides ASCII: Latin letters, general
# punctuation, currency and letter-like symbols; and the breaks (surrogateescape's bytes).
# (Not combining marks: ``世界`` through GBK makes U+0363 of CD A3; nor C1 controls.)
_NOT_WESTERN = re.compile("[^\x00-\x7f\u00a0-\u024f\u1e00-\u1eff\u2000-\u206f\u20a0-\u20cf"
                          "\u2100-\u215f\udc80-\udcff]")
# Where the page's characters stand alone (point 5's "same" and "many": not glued to a Latin
# letter), the reading must be the letters of Latin-1 and Latin Extended-A: Big5 writes hiragana
# as C6 A5-BF, whose UTF-8 reading is ``Ʀ ƨ ƪ`` (a pandas test's ``"あ"`` three times, spaCy's
# table of ``"うあい"`` words, were read so); the lone words of real damage are ``è`` and its kin.
_NOT_COMMON = re.compile("[\u0180-\u024f]")


def reading(text: str) -> tuple[tuple[str, str], str] | None:
    """(("utf-8", page), the text read back) when ``text`` is a Latin document's UTF-8 read
    through one of the CJK pages (the module docstring's points), else None."""
    if "\ufffd" in text or PAGE_LETTER.search(text) is None:
        return None
    plain = text.encode("ascii", errors="ignore")
    letters = len(plain) - len(plain.translate(None, _ASCII_LETTERS))
    if letters < _LATIN * (len(text) - len(plain)):
        return None  # (point 1: two C passes)
    placed = _placed(text)
    if placed is None:
        return None  # (point 5)
    for page in LOSSY_PAGES:
        try:
            data = text.encode(page)
        except UnicodeEncodeError:
            continue
        if data.decode(page, errors="replace") != text:
            continue  # (point 2)
        got = data.decode("utf-8", errors="surrogateescape")
        if _NOT_WESTERN.search(got) is not None:
            continue  # (point 3)
        breaks = list(BREAK.finditer(got))
        western = non_ascii(got) - sum(len(m.group()) for m in breaks)
        if not western or western + len(breaks) < _LEAST or len(breaks) > _BREAKS * western:
            continue
        if breaks and placed == "same":
            continue  # (point 5: one lone word repeated must read as letters whole, ``癡`` as ``è``)
        if placed != "glued" and _NOT_COMMON.search(got) is not None:
            continue  # (point 5: lone words read as Latin-1 and Extended-A letters)
        if breaks and not explained_enough(text, page, data, got, breaks, (1 - _EXPLAINED) * len(breaks)):
            continue  # (point 4)
        return ("utf-8", page), read_back(got)
    return None


def _placed(text: str) -> str | None:
    """Point 5: the page's characters stand where a Latin letter would. One run of them is
    glued to an ASCII letter (``altres矛``, ``BI沼U``, ``鈥渟tarred``), or every run stands
    alone as a word and all are one and the same, at least :data:`_SAME` times (Italian ``è``
    through Big5: ``Ram 癡 un``, ``non 癡 C``; and then it must read as letters whole, no
    break: ``hello 世界 text`` repeated is a clean page), or there are :data:`_MANY` different
    ones (a character table). Which of the three: "glued", "same", "many"; None: none. A few lone words that differ are a glossary or a learner's text
    (``Compare 猫 (cat) and 茅 (thatch).``: both would read as letters, è and é)."""
    lone: set[str] = set()
    count = 0
    for m in _PAGE_RUN.finditer(text):
        before = text[m.start() - 1:m.start()]
        after = text[m.end():m.end() + 1]
        if _ASCII_LETTER.match(before) or _ASCII_LETTER.match(after):
            return "glued"
        lone.add(m.group())
        count += 1
        if len(lone) >= _MANY:
            return "many"
    return "same" if count >= _SAME and len(lone) == 1 else None
