"""What ftfy's line repairs may not make: a lone letter of a rare script, an Angstrom unit undone,
a symbol or ideograph glued to Cyrillic text it leaves garbled (cp866 read as cp1251).

Why a module of its own: :mod:`mojifix.fixers.mojibake` takes ftfy's answer for a line (and the
document's plan takes a chain ftfy proved for the lines ftfy left); ftfy judges a pair of
characters by its shape, so two clean ones that look like UTF-8 read through a page are
undone: ``İº`` in an X keymap's alphabet (``ıİºſ``) through cp1254 is ``ݺ``, an Arabic
Supplement letter standing alone among Latin ones; ``Å³`` in ``eV/Å³`` is Lithuanian ``ų``.
Found by ``bench/noharm.py`` on real files (an X keymap, a table of grapheme breaks, the ase
package's units). A word whose repair makes one of these is left as it was; the line's other
words stand (by word, not by line: a long line streamed in pieces gets the same answer).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from ..scoring.codepages import cjk_tiers

# Letters of U+0700-U+08FF (Syriac, Arabic Supplement, Thaana, NKo, Samaritan, Mandaic, Arabic
# Extended): UTF-8's lead bytes DC-DF and E0 A0-A3, which cp1252 writes ``Ü Ý Þ ß``, and cp1254
# ``Ü İ Ş ß``. A letter of these scripts standing alone (no letter of the same range, or Arabic, beside it)
# is no word of them: it is a clean ``ß»`` or ``İº`` that ftfy read as UTF-8 (``(ªəƏþÞıİºſ)``, an
# alphabet in an X keyboard map, became ``ıݺſ``). Words of these scripts are runs of letters.
_RARE = "\u0700-\u08ff"
# ... and a Hebrew point or accent with no Hebrew letter before it (``÷©`` in a table of
# grapheme breaks, read through MacRoman, is U+05A9 on a quotation mark).
# (Arabic letters count as neighbours: the supplement's letters stand in Arabic-script words.)
# ... and a Hebrew letter standing alone glued to an accented Latin one (``Ö×ØÙ``, Latin-1's
# capitals in a test string of pyparsing's, became ``ÖרÙ``: a QA pass). A Hebrew word read
# back is Hebrew letters; one read back among Latin letters left as they were is not.
_HEBREW_GLUED = ("(?<=[\u00c0-\u024f])[\u05d0-\u05f2](?![\u0591-\u05f4])"
                 "|(?<![\u0591-\u05f4])[\u05d0-\u05f2](?=[\u00c0-\u024f])")
_LONE_RARE = re.compile(f"(?<![\u0600-\u08ff])[{_RARE}](?![\u0600-\u08ff])|(?<![\u0591-\u05f4])[\u0591-\u05c7]"
                        f"|{_HEBREW_GLUED}")
# A character no Cyrillic word holds (a letter of Armenian to the Indic and South-East Asian
# scripts, an arrow or other symbol of U+2190-U+2BFF, CJK, Yi, hangul) glued to a Cyrillic
# letter the repair left as it was: Russian saved as cp866 and read as cp1251 holds three-byte
# UTF-8 shapes by chance (``вҐ¬`` is E2 A5 AC), which ftfy's partial decoding read back inside
# words that stay garbled (``бЁбвҐ¬л`` became ``бЁб⥬л``, ``жҐ«`` ``楫``: a QA pass, on all 41
# Russian pages the corpus can write so). A real repair consumes the letters it sits among
# (``в†’Р”Р°Р»РµРµ`` is ``→Далее``): only a neighbour outside what changed counts, a Cyrillic
# letter, a symbol of the Latin-1 row A1-BF that cp1251 shares (``楫®¬`` from ``жҐ«®¬``), or
# a no-break space (cp866's ``а`` is A0, cp1251's no-break space: ``ᥬ\xa0д®а®ў``).
_ODD = ("\u0530-\u1c7f\u1c90-\u1cff\u2190-\u2bff\u2e80-\u9fff\ua000-\ua4cf\uac00-\ud7af"
        "\uf900-\ufaff\ufb1d-\ufdff\ufe70-\ufefe")
_ODD_CHAR = re.compile(f"[{_ODD}]")
_NEIGHBOUR = "\u0400-\u04ff\u00a0-\u00bf"
# ... and, as a word of its own on a line whose other words the repair leaves, one character of
# a block no text writes alone (the rarer symbol blocks U+27C0-U+2BFF, braille, CJK Extension A,
# a letter of Armenian to the South-East Asian scripts, a presentation form): cp866's ``г¦Ґ``
# read back is ``㦥``, ``в®¬`` ``⮬``. (Not an arrow of U+2190-U+21FF, ``A в†’ B`` is ``A → B``,
# nor the brackets of U+27C0-U+27FF, ``âŸ¨ftp://…âŸ©`` in an Italian man page is ``⟨ftp://…⟩``,
# nor the Latin ligatures of U+FB00-U+FB1C: ftfy's ``signiп¬Ѓcantly`` is ``signiﬁcantly``.)
# Both rules are asked only where the repaired line still holds Cyrillic letters (cp866 read as
# cp1251 is Cyrillic from end to end, and ftfy repairs a fragment here and there): elsewhere a
# Latin-1 symbol beside a repaired character was often its own mojibake's (Korean ``ì‹ Â·êµ¬``
# is ``신·구``, the ``·`` of ``Â·`` kept), and Chinese read as cp1251 keeps no Cyrillic.
_RARE_ALONE = re.compile("[\u0530-\u1c7f\u1c90-\u1cff\u2800-\u297f\u2b00-\u2bff\u3400-\u4dbf"
                         "\ufb1d-\ufdff\ufe70-\ufefe]")
_CYRILLIC_LETTER = re.compile("[\u0400-\u04ff]")
_GLUED_ODD = re.compile(f"[{_NEIGHBOUR}][{_ODD}]|[{_ODD}][{_NEIGHBOUR}]")
# difflib's matching is quadratic: words up to this many characters (old and new together) are
# matched, longer ones (a line of CJK without a space) only by their common head and tail.
_MATCH_MOST = 256
# Angstrom squared and cubed (``eV/Å³``, ``in Å².``): a unit, not the mojibake of Lithuanian
# ``ų`` and ``Ų``, which stand in words (``metÅ³``). ftfy reads both alike.
_UNIT = re.compile("(?<![^\\W\\d_])Å[²³](?![^\\W\\d_])")
# What ftfy makes of one: ``ų`` or ``Ų`` with no letter beside it (Lithuanian ``mišų``, whose
# ``š`` was ``Å¡`` before it, has one).
_UNIT_UNDONE = re.compile("(?<![^\\W\\d_])[ųŲ](?![^\\W\\d_])")


# Where ftfy's partial decoding reads a Latin letter, the quote or dash after it and a space as
# one character of UTF-8 whose last byte was a no-break space made a space (its
# ``restore_byte_a0``): ``á`` ``ã`` ``à`` are the lead bytes E1 E3 E0, the quote a second byte,
# so Spanish ``comprimirá\x94 desde`` (a windows-1252 closing quote read as Latin-1) came back
# ``comprimirᔠdesde`` (U+1520, a Canadian syllabic), Portuguese ``irmã’ x`` ``irm㒠x``. Taken
# only between a Latin letter and an ASCII letter or digit, where no such character stands: a
# real one's UTF-8 read through a page follows a continuation byte (``à¸šà¸ `` for Thai
# ``บภ``) or a space, and is followed by its script's next letter; Vietnamese ``CHáº Y``
# (``CHẠY``: a capital after a capital, below) and ``â€ `` (``†``, another lead) are untouched.
# Where a place is found, ftfy is asked about the line with a tab for that space, then the space
# is written back (:func:`a0_masked`). The decision is made on the
# old text's four characters, so a line and the pieces a stream cuts it into (never at such a
# place: it is no quiet run and no space after ASCII) agree.
_A0_LEADS = "\u00e0\u00e1\u00e3"
_SECOND = "\x80-\xbf" + "".join(sorted(set(bytes(range(0x80, 0xa0)).decode("cp1252", "ignore"))))
# ... and the two-byte leads ftfy reads so (``Ù`` ``Î`` ``Ð`` ``Å``: D9 CE D0 C5 A0 are ``٠ Π Р Š``):
# Italian capitals ``PIÙ GRANDE`` on a line with mojibake came back ``PI٠GRANDE``.
_A0_TRAP = re.compile("(?<=[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff])"
                      f"(?:[{_A0_LEADS}][{_SECOND}]|[\u00d9\u00ce\u00d0\u00c5])( )(?=[A-Za-z0-9])")
# What the bytes may read as for the place to be refused: a character of the Arabic block or of
# U+0800-U+1DFF (Samaritan to the Indic, South-East Asian, Georgian, Hangul Jamo, Ethiopic,
# Canadian and Mongolian blocks, the phonetic and combining supplements), of Greek Extended or of
# U+3000-U+3FFF (CJK symbols, kana, Extension A), none written alone between Latin letters; or
# a capital glued after a lower-case letter (Spanish ``comprimirá» desde`` read as ``Ỡ``, while
# Vietnamese ``CHáº Y`` is ``CHẠY``: Latin Extended Additional's capitals end in A0; Czech
# ``MAÅ INA`` is ``MAŠINA``).
_ALIEN = re.compile("[\u0600-\u06ff\u0800-\u1dff\u1f00-\u1fff\u3000-\u3fff]")


def a0_cuts(line: str) -> list[int]:
    """The places of the spaces in ``line`` that ftfy must not read as a lost no-break space
    (:data:`_A0_TRAP`)."""
    if _A0_LEAD.search(line) is None:
        return []
    cuts = []
    for m in _A0_TRAP.finditer(line):
        head = line[m.start():m.start(1)]
        try:
            char = (head[0].encode("latin-1") + head[1:].encode("cp1252" if head[1:] > "\xff" else "latin-1")
                    + b"\xa0").decode("utf-8")
        except UnicodeError:
            continue
        if _ALIEN.match(char) or (char.isupper() and line[m.start() - 1].islower()):
            cuts.append(m.start(1))
    return cuts


_A0_LEAD = re.compile(f"[{_A0_LEADS}\u00d9\u00ce\u00d0\u00c5]")


def a0_masked(line: str, fix: Callable[[str], tuple[str, Any]]) -> tuple[str, list[tuple[str, str]]] | None:
    """ftfy's answer (``fix``: its ``fix_and_explain``) for ``line`` with each space of
    :func:`a0_cuts` and :func:`table_cuts` asked as a tab, then written back, and its steps;
    None where the line has no such space or ftfy's tabs do not match. Why a tab: ftfy reads a
    space there as a lost no-break space, a tab as itself, and the rest of the line as before (a
    cut into two pieces lost the repair of a Vietnamese line whose bytes were dropped:
    ``Ä‘á»c ... bá» qua``)."""
    return tab_masked(line, sorted({*a0_cuts(line), *table_cuts(line)}), fix)


# A character table's row: a character alone after its own byte in hex (``302 194 C2 Â LATIN
# CAPITAL LETTER A WITH CIRCUMFLEX``), then a space.
_TABLE_ROW = re.compile(r"(?<!\S)([0-9A-F]{2})[ \t]+([\u0080-\u00ff\u0152-\u2122])( )")


def table_cuts(line: str) -> list[int]:
    """The spaces in ``line`` after a character that stands, alone, after its own byte in hex
    (Latin-1 or windows-1252): a character table's row says what the character is, and ftfy
    read ``C2 Â LATIN`` as ``C2 \xa0LATIN`` (a lost no-break space) on a line that also held
    mojibake, in the ISO 8859 pages of every language. Only characters of the mojibake screen's
    alphabet (``Â``, ``Ã``): no stream's cut falls before one of those with its hex in the
    piece before (a quiet run holds none of them; :func:`splits_table_row` for the other cut)."""
    from ..scoring.screen import mojibake_screen

    alphabet = mojibake_screen().any_char
    cuts = []
    for m in _TABLE_ROW.finditer(line):
        byte = bytes.fromhex(m.group(1))
        if alphabet.match(m.group(2)) and any(m.group(2).encode(page, "ignore") == byte
                                                for page in ("latin-1", "cp1252")):
            cuts.append(m.start(3))
    return cuts


def splits_table_row(text: str, p: int) -> bool:
    """Whether a cut before ``text[p]`` would part a character of a table's row from its byte
    in hex before it (:func:`table_cuts`: a stream's pieces must read it as the whole line)."""
    return any(m.start(2) == p for m in _TABLE_ROW.finditer(text, max(0, p - 12), p + 2))


def tab_masked(line: str, cuts: list[int], fix: Callable[[str], tuple[str, Any]]
               ) -> tuple[str, list[tuple[str, str]]] | None:
    """ftfy's answer (``fix``) for ``line`` with the spaces at ``cuts`` asked as tabs, then
    written back, and its steps; None where there is no cut or ftfy's tabs do not match (it
    wrote or took one)."""
    if not cuts:
        return None
    masked = list(line)
    for cut in cuts:
        masked[cut] = "\t"
    number = {at: n for n, at in enumerate(i for i, ch in enumerate(masked) if ch == "\t")}
    ours = {number[cut] for cut in cuts}
    fixed, found = fix("".join(masked))
    out = list(fixed)
    got = [i for i, ch in enumerate(out) if ch == "\t"]
    if len(got) != len(number):
        return None
    for n in ours:
        out[got[n]] = " "
    return "".join(out), [(step[0], step[1]) for step in found or ()]


def refused_words(body: str, fixed: str | None, redo: Callable[[str], str | None]) -> str | None:
    """``fixed``, a repair of ``body`` (ftfy's, or a chain the document planned, which ``redo``
    makes of any piece of text: None where it cannot), less the words whose repair makes a lone
    letter of :data:`_RARE` or undoes a :data:`_UNIT` (None stays None).

    How: each such word, repaired alone, is found; the line is repaired again piece by piece
    between them, those words kept as they are (no pairing of old and new words, which a space
    ftfy takes, ``Ã `` read as ``à``, made drop or repeat text). A word is judged alone, so a
    long line streamed in pieces gets the same answer as the whole line. Where the pieces'
    repair still makes one (a context the word alone did not show), the line is left whole."""
    if fixed is None or fixed == body:
        return fixed
    cyr = _ODD_CHAR.search(fixed) is not None and _CYRILLIC_LETTER.search(fixed) is not None
    if _LONE_RARE.search(fixed) is None and _UNIT.search(body) is None and not cyr:
        return fixed
    words = body.split(" ")
    made = {w: redo(w) or w for w in set(words) if not w.isascii()}
    kept = {w for w, m in made.items() if _refused(w, m, cyr=cyr)}
    if any(m != w for w, m in made.items() if w not in kept):
        # Other words of the line are mojibake too: a lone ``Å²`` there is ``Ų`` (a character
        # table of ISO 8859-4 read as cp1252: ``D9 Å² LETRA MAYÃšSCULA U``). Only the rare
        # letters are refused then.
        kept = {w for w in kept if _refused(w, made[w], units=False, cyr=cyr)}
    if not kept:
        return body if _refused(body, fixed, units=False, cyr=cyr) else fixed
    out: list[str] = []
    piece: list[str] = []
    for w in [*words, None]:
        if w is not None and w not in kept:
            piece.append(w)
            continue
        if piece:
            text = " ".join(piece)
            out.append((redo(text) or text) if not text.isascii() else text)
            piece = []
        if w is not None:
            out.append(w)
    got = " ".join(out)
    return body if _refused(body, got, units=False, cyr=cyr) else got


def _refused(old: str, new: str, units: bool = True, cyr: bool = False) -> bool:
    """Whether ``new`` (a repair of ``old``) holds more lone letters of :data:`_RARE` than
    ``old``, or (``units``) undoes one of its :data:`_UNIT`; on a line holding Cyrillic letters
    (``cyr``), glues a character of :data:`_ODD` to one left as it was, or (``units``) is one
    or two characters no text writes alone (:func:`_rare_alone`)."""
    if _LONE_RARE.search(new) is not None and len(_LONE_RARE.findall(new)) > len(_LONE_RARE.findall(old)):
        return True
    if cyr and (_glued_odd(old, new) or (units and _rare_alone(old, new))):
        return True
    return (units and _UNIT.search(old) is not None and len(_UNIT.findall(new)) < len(_UNIT.findall(old))
            and len(_UNIT_UNDONE.findall(new)) > len(_UNIT_UNDONE.findall(old)))


def _glued_odd(old: str, new: str) -> bool:
    """Whether ``new`` (a repair of ``old``) glues a character of :data:`_ODD` to a neighbour
    (:data:`_NEIGHBOUR`) ``old`` already had: one that the longest matching of the two
    (difflib's, on a word) finds unchanged (``⥪г饩`` from ``вҐЄгйҐ©``: its ``г``)."""
    if _GLUED_ODD.search(new) is None:
        return False
    kept = bytearray(len(new))  # 1 where new's character is one of old's, unchanged
    if len(old) + len(new) <= _MATCH_MOST:
        from difflib import SequenceMatcher

        for block in SequenceMatcher(None, old, new, autojunk=False).get_matching_blocks():
            kept[block.b:block.b + block.size] = b"\x01" * block.size
    else:  # (a long word or a whole line: the common head and tail alone, in linear time)
        head, most = 0, min(len(old), len(new))
        while head < most and old[head] == new[head]:
            head += 1
        tail = 0
        while tail < most - head and old[-1 - tail] == new[-1 - tail]:
            tail += 1
        kept[:head] = b"\x01" * head
        kept[len(new) - tail:] = b"\x01" * tail
    for m in _GLUED_ODD.finditer(new):
        a, b = m.start(), m.start() + 1
        if (_ODD_CHAR.match(new[a]) and not kept[a] and kept[b]) \
                or (_ODD_CHAR.match(new[b]) and not kept[b] and kept[a]):
            return True
    return False


def _rare_alone(old: str, new: str) -> bool:
    """Whether the repair of the word ``old`` is one or two characters no text writes alone
    (:data:`_RARE_ALONE`; an unassigned code point; an ideograph outside the common tiers of
    GB2312, JIS X 0208 and Big5: ``祬`` from cp866's ``зҐ¬``, Russian ``чем``) and nothing else
    non-ASCII."""
    rest = [c for c in new if not c.isascii()]
    if not 1 <= len(rest) <= 2 or sum(not c.isascii() for c in old) <= len(rest):
        return False
    common = cjk_tiers()[0]
    return all(_RARE_ALONE.match(c) is not None or unicodedata.category(c) == "Cn"
               or ("\u4e00" <= c <= "\u9fff" and c not in common) for c in rest)
