"""The mojibake screen: would ftfy's encoding repair touch any line of this text?

(Belongs to the ``scoring/`` subpackage. Fixers and the per-fixer prefilters of
:mod:`mojifix.engine.prefilters` use it; it imports no fixer and no engine module.)

Most text a corpus pipeline sees is clean, so the cost of saying "nothing to do" decides what
mojifix costs. The screen is built from mojifix's own code-page tables (issue 17: no regex
parser, no private name of ftfy); ftfy is asked only through its public ``ftfy.badness.is_bad``,
and only about the rare line that passes the tables.

Why it is exact. With mojifix's settings, ftfy changes a line in only these ways:

1. ``fix_surrogates``: the line holds a surrogate;
2. ``fix_c1_controls`` and the "latin-1 read as windows-1252" step: it holds a C1 control;
3. ``fix_encoding`` (and ``decode_inconsistent_utf8``, which applies it to a piece of the line),
   which starts with ``if not is_bad(line): return`` and then changes the line only when its
   characters, encoded through one of ftfy's ten single-byte code pages (:data:`PAGES`), decode
   as UTF-8. ftfy first mends two kinds of damage in the bytes: a space standing for 0xA0 after
   some lead bytes (``restore_byte_a0``, not for MacRoman), and ``?`` or 0x1A (U+FFFD in the
   sloppy pages) standing for a lost byte (``replace_lossy_sequences``, sloppy pages only).

A successful decode of bytes >= 0x80 needs a lead byte (0xC0, 0xC2-0xF4) followed by the bytes
of one of the forms in :data:`_FORMS` (a continuation byte 0x80-0xBF, or one of the
stand-ins where ftfy's two mends accept them). In characters, that is a *lead character* (a
page's decoding of a lead byte) followed by a *continuation character* (its decoding of
0x80-0xBF) or a stand-in. So:

* one compiled regex, :attr:`MojibakeScreen.trigger`, finds at C speed such a lead followed by
  what its forms allow (pooled over the pages: a superset), plus any C1 control, surrogate or
  0x1A. It is keyed on the second character and looks back for the lead, since leads are most
  of Cyrillic and Greek; on clean text it hits on a few lines (a Cyrillic letter before ``ё``,
  ``в «``: a lead, a space, a continuation in cp1251);
* at each hit, the exact first two characters of a form, page by page (:attr:`pairs`), then the
  bytes from the lead against :data:`_FORMS`, then whether the whole line could decode in that
  page or the run of sequences from the lead looks bad to ftfy (:meth:`_may_change`): almost
  every hit on clean text ends here;
* only then does ``is_bad`` run, on that line.

What the screen must still let through (``tests/test_fastpath.py``, ``test_conformance.py``,
``test_ftfy_round.py``): ``Ã `` with its U+00A0 turned into a space, ``â€`` with its last byte
lost (``â€?`` / ``â€�``), C1 controls, ``^[ÃÂ][ ]`` at a line start. Each is one of the forms.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import NamedTuple

from .plausibility import class_of

_SINGLE_BYTE = (
    "latin-1", "windows-1252", "windows-1251", "windows-1250", "windows-1253",
    "windows-1254", "windows-1257", "iso-8859-2", "mac-roman", "cp437",
)


@lru_cache(maxsize=1)
def suspicious_line() -> re.Pattern[str]:
    """A regex matching any character mojibake of UTF-8 read as a single-byte page contains
    (the mojibake fixer's first test)."""
    chars: set[str] = set(chr(c) for c in range(0x80, 0x100))
    for enc in _SINGLE_BYTE:
        chars.update(bytes(range(0x80, 0x100)).decode(enc, errors="ignore"))
    chars.add("\ufffd")
    return re.compile(f"[{class_of(chars)}]")


class Page(NamedTuple):
    """One of the single-byte code pages ftfy tries, in its order (ftfy's ``CHARMAP_ENCODINGS``,
    written down here from its documentation: the ``sloppy-`` pages decode a byte the standard
    leaves undefined as the code point of the same number, and encode U+FFFD as 0x1A)."""

    codec: str
    sloppy: bool  # ftfy mends 0x1A / ``?`` standing for a lost byte (replace_lossy_sequences)
    restore: bool  # ftfy mends a space standing for 0xA0 (restore_byte_a0: all but MacRoman)


PAGES = (
    Page("latin-1", False, True), Page("windows-1252", True, True),
    Page("windows-1251", True, True), Page("windows-1250", True, True),
    Page("windows-1253", True, True), Page("windows-1254", True, True),
    Page("windows-1257", True, True), Page("iso-8859-2", False, True),
    Page("mac-roman", False, False), Page("cp437", False, True),
)


def page_table(page: Page) -> dict[str, int]:
    """Character -> byte for the bytes 0x80-0xFF of ``page`` (ASCII encodes as itself)."""
    out: dict[str, int] = {}
    for b in range(0x80, 0x100):
        try:
            out[bytes((b,)).decode(page.codec)] = b
        except UnicodeDecodeError:
            if page.sloppy:
                out[chr(b)] = b
    if page.sloppy:
        out["\ufffd"] = 0x1A
    return out


def _decoded(table: dict[str, int], byts: range | tuple[int, ...]) -> set[str]:
    wanted = set(byts)
    return {ch for ch, b in table.items() if b in wanted and ch != "\ufffd"}


_CONT = range(0x80, 0xC0)
_LEAD2 = (0xC0, *range(0xC2, 0xE0))  # 0xC0 0x80: the "modified UTF-8" NUL ftfy also decodes
_LEAD34 = range(0xE0, 0xF5)
_RESTORE_2 = (0xC2, 0xC3, 0xC5, 0xCE, 0xD0, 0xD9)  # lead + space (0xA0 become 0x20)
_SPACE_THEN_CONT = (0xE2, 0xE3, 0xF0)  # lead + space + continuation
_CONT_THEN_SPACE = (0xE0, 0xE1, 0xE2, 0xE3, 0xF0)  # lead + continuation + space
_QUERY_2 = (0xC2, 0xC3)  # lead + ``?`` (a lost continuation byte)

# The byte forms that can start a sequence ftfy decodes as UTF-8 (after its mends), at a lead
# byte: (always, with restore_byte_a0, with replace_lossy_sequences). A form is checked on the
# bytes from the lead on, so a line that passes none of them anywhere cannot be decoded.
_FORMS = (
    rb"\xc0\x80|[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}",
    rb"[\xc2\xc3\xc5\xce\xd0\xd9] |[\xe2\xe3] [\x80-\xbf]|[\xe0-\xe3][\x80-\xbf] "
    rb"|\xf0 [\x80-\xbf]{2}|\xf0[\x80-\xbf] [\x80-\xbf]|\xf0[\x80-\xbf]{2} ",
    rb"[\xc2-\xdf]\x1a|[\xc2\xc3]\?|[\xe0-\xef][\x1a?][\x1a\x80-\xbf]"
    rb"|[\xe0-\xef][\x1a\x80-\xbf][\x1a?]|[\xf0-\xf4][\x1a?\x80-\xbf]{3}",
)

# Characters that end a line for str.splitlines (the unit ftfy and our mojibake fixer work on).
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_BREAK = re.compile(f"[{_LINE_BREAKS[1:]}]")  # other than "\\n"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"  # zerowidth.ZW_RUN's class
_RUN_MAX = 64  # the run a piece repair may cover is checked this far (its is_bad, see _may_change)
_ALWAYS = {chr(c) for c in range(0x80, 0xA0)} | {"\x1a"}  # C1 controls (fix_c1_controls), 0x1A


_class = class_of


class Survey(NamedTuple):
    """What one scan of a text found: could ftfy change it, does it hold zero-width characters."""

    mojibake: bool
    zero_width: bool


class MojibakeScreen:
    """One scan that answers, exactly, "would ftfy's encoding repair touch any line of this
    text?" and, in passing, "does it hold zero-width characters?"."""

    def __init__(self) -> None:
        from ftfy.badness import is_bad  # public: ftfy's verdict on the few lines that pass

        self.is_bad = is_bad
        self.tables = [(page, page_table(page), ("sloppy-" if page.sloppy else "") + page.codec)
                       for page in PAGES]
        import ftfy.bad_codecs  # noqa: F401  (public: registers ftfy's sloppy-windows-* codecs)

        self.forms: dict[tuple[bool, bool], re.Pattern[bytes]] = {}
        self.whole: dict[tuple[bool, bool], re.Pattern[bytes]] = {}
        self.run: dict[tuple[bool, bool], re.Pattern[bytes]] = {}
        for sloppy in (False, True):
            for restore in (False, True):
                key = (sloppy, restore)
                self.forms[key] = re.compile(
                    b"|".join([_FORMS[0]] + [_FORMS[1]] * restore + [_FORMS[2]] * sloppy))
                # A continuation byte, or what ftfy's mends may turn into one (a superset).
                c = b"[\\x80-\\xbf" + b" " * restore + b"?\\x1a" * sloppy + b"]"
                seq = b"\\xc0\\x80|[\\xc0-\\xdf]%s|[\\xe0-\\xef]%s{2}|[\\xf0-\\xf4]%s{3}" % (c, c, c)
                self.whole[key] = re.compile(b"(?:[\\x00-\\x7f]|%s)*" % seq)
                self.run[key] = re.compile(b"(?:%s)+" % seq)

        def pooled(byts: tuple[int, ...] | range, when: str = "") -> set[str]:
            out: set[str] = set()
            for page, table, _ in self.tables:
                if not when or getattr(page, when):
                    out |= _decoded(table, byts)
            return out

        # The sets below pool the pages (a character is a lead if it is one in any page): the
        # trigger is a superset, and the pairs below and _may_change then ask each page alone.
        self.conts = pooled(_CONT)  # continuation characters
        self.lead2 = pooled(_LEAD2)
        self.lead34 = pooled(_LEAD34)
        self.leads = self.lead2 | self.lead34
        self.cont_space = pooled(_CONT_THEN_SPACE, "restore")
        self.space_cont = pooled(_SPACE_THEN_CONT, "restore")
        self.lead_space = pooled(_RESTORE_2, "restore")
        self.lead_query = pooled(_QUERY_2, "sloppy")
        self.query_cont = pooled(_LEAD34, "sloppy")
        # The exact first two characters of a form, page by page (pooling the pages, above,
        # keeps the regex fast; this set then drops the pairs no single page makes).
        self.pairs: dict[str, list[int]] = {}  # pair -> the pages (indices) making it
        for index, (page, table, _) in enumerate(self.tables):
            byte_char = {b: ch for ch, b in table.items() if ch != "\ufffd"}
            seconds = {b: byte_char[b] for b in _CONT if b in byte_char}
            for b1 in (*_LEAD2, *_LEAD34):
                first_char = byte_char.get(b1)
                if first_char is None:
                    continue
                after = set(seconds.values())
                if page.restore and b1 in (*_RESTORE_2, *_SPACE_THEN_CONT):
                    after.add(" ")
                if page.sloppy:
                    after |= {"\x1a", "\ufffd"} | ({"?"} if b1 in _QUERY_2 or b1 >= 0xE0 else set())
                for c in after:
                    self.pairs.setdefault(first_char + c, []).append(index)
        # Characters that start a trigger with an ASCII character after them (space, ``?``).
        self.stand_in_leads = self.lead_space | self.lead_query
        follow = _class(self.conts) + "\\x1a\\ufffd"  # a continuation or a lost byte
        conts = _class(self.conts)
        # The regex is keyed on the *second* character of a trigger (a continuation, a lead
        # taking a space or "?", 0x1A, U+FFFD, a C1 control, a surrogate: rare in clean text
        # of every script), and looks back for the lead: keyed on the lead, it would stop at
        # almost every Cyrillic or Greek letter.
        first = _class(self.conts | self.stand_in_leads | _ALWAYS | {"\ufffd"}) + "\\ud800-\\udfff"
        self.trigger = re.compile(
            f"[{first}](?:(?<=[\\x1a\\x80-\\x9f\\ud800-\\udfff])"
            f"|(?<=[{_class(self.lead2)}][{follow}])"
            f"|(?<=[{_class(self.lead34)}][{follow}])(?=[{follow}?])"
            f"|(?<=[{_class(self.cont_space)}][{follow}])(?= )"
            f"|(?<=[{_class(self.space_cont)}] [{conts}])"
            f"|(?<=[{_class(self.query_cont)}]\\?[{follow}])"
            f"|(?<=[{_class(self.lead_space)}])(?= )"
            f"|(?<=[{_class(self.lead_query)}])(?=\\?))"
        )
        # Every trigger holds one of these (a continuation, a lead taking a space or ``?``,
        # 0x1A, U+FFFD, a C1 control), or a surrogate; plus the zero-width characters: the
        # inside of a character class, for stream.py's quiet runs and cut points and for the
        # combined walk of quiet.py.
        self.alphabet_chars = (self.conts | self.stand_in_leads | _ALWAYS
                               | set(_ZERO_WIDTH) | {"\ufffd"})
        self.alphabet = f"{_class(self.alphabet_chars)}\\ud800-\\udfff"
        self.any_char = re.compile(f"[{self.alphabet}]")

    @staticmethod
    def _encoded(codec: str, text: str) -> bytes:
        """``text`` through a page, up to the first character it cannot encode (in C)."""
        try:
            return text.encode(codec)
        except UnicodeEncodeError as e:
            return text[: e.start].encode(codec)

    def _may_change(self, line: str, at: int, memo: dict[object, bool], pages: list[int]) -> bool:
        """Whether ftfy's encoding repair could decode something at ``line[at]`` (a lead in some
        page), ``is_bad(line)`` aside: in a page holding it, the bytes from there take one of
        the forms of :data:`_FORMS`, and either the whole line could decode (the repair of the
        line) or the run of such sequences from there looks bad to ftfy (``is_bad``: the
        repair of a piece of the line, ``decode_inconsistent_utf8``, which asks is_bad about
        the piece, a run of sequences that starts at a lead like this one). ``memo`` keeps,
        for one survey, both answers by line and page and by run (clean Ukrainian repeats
        "ає " and "ві " a hundred times)."""
        for index in pages:  # the pages where line[at:at + 2] can start a form
            page, _, codec = self.tables[index]
            key = (page.sloppy, page.restore)
            # The bytes from the lead on (a form is at most 4 bytes long).
            out = self._encoded(codec, line[at : at + 4])
            if len(out) < 2 or self.forms[key].match(out) is None:
                continue
            whole = memo.get((line, codec))
            if whole is None:
                try:
                    byts = line.encode(codec)
                except UnicodeEncodeError:
                    whole = False  # ftfy cannot encode the line with this page: only a piece
                else:
                    whole = self.whole[key].fullmatch(byts) is not None
                memo[line, codec] = whole
            if whole:
                return True
            m = self.run[key].match(self._encoded(codec, line[at : at + _RUN_MAX]))
            if m is not None:
                run = line[at : at + m.end()]
                bad = memo.get(run)
                if bad is None:
                    bad = memo[run] = self.is_bad(run)
                if bad:
                    return True
        return False

    def survey(self, text: str, zero_width_too: bool = True) -> Survey:
        """Whether ftfy would change a line of ``text``, and (unless ``zero_width_too`` is
        False, when only the first answer is wanted) whether it holds zero-width characters."""
        if text.isascii():
            return Survey(False, False)
        zero_width = zero_width_too and any(z in text for z in _ZERO_WIDTH)
        mojibake = False
        is_bad = self.is_bad
        pairs = self.pairs
        memo: dict[object, bool] = {}
        asked: set[tuple[int, int]] = set()  # the lines is_bad said no about
        done = 0  # text[:done] holds no line left to ask about (is_bad said no)
        cur_start = cur_end = -1  # the "\n" line of the last hit
        breaks: list[int] = []  # the other line breaks in it
        for m in self.trigger.finditer(text):  # (each match is one character: none is missed)
            at = m.start()
            ch = text[at]
            if "\x80" <= ch <= "\x9f" or "\ud800" <= ch <= "\udfff":
                mojibake = True  # fix_c1_controls / fix_surrogates act on any line
                break
            if at < done:
                continue
            # ftfy reads the text a line at a time: by "\n" (mojifix's pieces) or by
            # str.splitlines (``^`` of ftfy's patterns); ask about both, so neither is missed.
            # The "\n" line and its other breaks are found once per line, not once per hit (a
            # long line full of hits would cost its length times their number).
            if not cur_start <= at < cur_end:
                cur_start = text.rfind("\n", 0, at) + 1
                cur_end = text.find("\n", at)
                cur_end = len(text) if cur_end < 0 else cur_end
                breaks = [b.start() for b in _BREAK.finditer(text, cur_start, cur_end)]
            start, end = cur_start, cur_end
            fine = _fine_line(at, start, end, breaks)
            spans = ((start, end), fine) if fine != (start, end) else ((start, end),)
            for span in spans:
                if span in asked:
                    continue
                line = text[span[0] : span[1]]
                if ch == "\x1a" or any(
                    self._may_change(line, lead - span[0], memo, pairs[text[lead : lead + 2]])
                    for lead in (at, at - 1, at - 2)
                    if lead >= span[0] and text[lead : lead + 2] in pairs
                ):
                    if is_bad(line):
                        mojibake = True
                        break
                    asked.add(span)  # is_bad said no: no other hit on this line matters
            if mojibake:
                break
            if len(spans) == 1 and spans[0] in asked:
                done = end  # (C1 controls further on this line are caught: they come first)
        return Survey(mojibake, zero_width)

    def __call__(self, text: str) -> bool:
        """False only if ftfy (with mojifix's settings) would change no line of ``text``."""
        return self.survey(text, zero_width_too=False).mojibake


def _fine_line(at: int, start: int, end: int, breaks: list[int]) -> tuple[int, int]:
    """The span of the line around ``at`` as str.splitlines cuts it, inside the "\\n" line
    ``start:end`` whose other line breaks stand at ``breaks`` (sorted)."""
    if not breaks:
        return start, end  # the common case: no other line break in the line
    i = bisect.bisect_left(breaks, at)
    return (breaks[i - 1] + 1 if i else start), (breaks[i] if i < len(breaks) else end)


@lru_cache(maxsize=1)
def mojibake_screen() -> MojibakeScreen:
    return MojibakeScreen()


def might_be_mojibake(text: str) -> bool:
    """Whether ftfy's encoding repair could change ``text`` (never False when it would)."""
    return mojibake_screen()(text)
