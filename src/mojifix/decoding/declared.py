"""Encoding declarations inside files: evidence for decoding, and rewritten when converting.

Files often say which encoding they are in: the HTML ``<meta charset=...>`` and its
``http-equiv="Content-Type"`` form, the XML declaration's ``encoding="..."``, CSS ``@charset``,
the Python/Emacs/Vim coding cookie (``# -*- coding: latin-1 -*-``, ``# vim: set
fileencoding=...``) and a Vim script's ``scriptencoding latin1``. Two things follow for a tool that writes files back as UTF-8:

* **Evidence.** A declaration names the encoding its author (or tool) used, so it is strong
  evidence, but pages often lie (a template says iso-8859-1 while the CMS writes UTF-8). So it
  is weighed, not obeyed: valid UTF-8 stays UTF-8 whatever it says (:mod:`mojifix.decoding.decode` tries
  that first), a declared codec that cannot decode the bytes is ignored, and one whose text is
  clearly less plausible than what detection finds (:data:`DECLARED_WEIGHT`) loses to it --
  a single-byte page only where its reading is also broken word by word
  (:mod:`mojifix.decoding.brokenwords`: a table of accented letters is odd in every page).
  Detection is asked only when the declaration is in doubt: where no other reading of the
  evidence is more plausible than the declared one (:mod:`mojifix.decoding.overrule`, a few
  lower bounds), it is followed as it stands (293 of char-dataset's 305 declared files).
  Labels are read the way browsers read them (the WHATWG Encoding Standard): ``latin1``,
  ``iso-8859-1`` and ``ascii`` mean windows-1252, ``gb2312`` means GBK, ``shift_jis`` means
  windows-31j, ``euc-kr`` means windows-949, and a UTF-16 label in an ASCII-compatible file
  means UTF-8.
* **Truth after conversion.** A file converted to UTF-8 that still declares gb2312 is broken for
  every program that honours the declaration (a browser shows mojibake, an XML parser reads
  ``café`` as ``cafÃ©``, Python refuses or misreads the source). So each declaration found is
  rewritten to UTF-8 in place (:func:`rewrite`): one change of its own kind, in the diff and the
  report. Only the label changes; the rest of the line is kept byte for byte.

The patterns are ASCII, so they are matched on text: the decoded text when rewriting, and the
raw bytes read as Latin-1 (one character per byte, same offsets) when looking for evidence.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .gbkeuro import strict_errors

# Where a declaration counts. HTML: browsers pre-scan the first 1024 bytes and also switch on a
# later <meta> while parsing the head, so a generous head is searched. Python reads its cookie on
# the first two lines only (PEP 263); Vim reads modelines on the first and last five lines.
HTML_HEAD = 8192
# How much more suspicious (detect.plausibility_cost units, about one per odd character) the
# declared reading may be than the detected one and still win: a declaration is worth a few
# odd characters of evidence, not a page of mojibake.
DECLARED_WEIGHT = 8.0

_XML = re.compile(r"""\A\ufeff?<\?xml\s[^>]*?\bencoding\s*=\s*(["'])(?P<label>[A-Za-z][\w.:\-]*)\1""")
_CSS = re.compile(r"""\A\ufeff?@charset "(?P<label>[^"\s;]{1,40})";""")
_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_META_CHARSET = re.compile(
    r"""charset\s*=\s*(?:&quot;|["'])?\s*(?P<label>[A-Za-z][\w.:\-]*)""", re.IGNORECASE
)
# PEP 263's pattern, narrowed to the forms people write (Emacs ``-*- coding: x -*-``, Vim
# ``vim: set fileencoding=x``, or a comment that is only ``coding: x`` / ``encoding: x``): a
# Markdown heading ``# Encoding: latin1 in practice`` is no cookie.
_COOKIE = re.compile(
    r"^[ \t\f]*#(?=.*-\*-|.*\bvim?:|[ \t]*(?:en)?coding[:=][ \t]*[-\w.]+[ \t]*\r?$)"
    r".*?coding[:=][ \t]*(?P<label>[-\w.]+)",
    re.MULTILINE,
)
_VIM = re.compile(r"\bvim?:.*?\b(?:fileencoding|fenc)=(?P<label>[-\w.]+)")
# A Vim script's ``scriptencoding latin1`` (``:scripte``): the encoding of the lines after it, a
# declaration as a coding cookie is (Vim converts them from it; after our conversion to UTF-8 it
# must say utf-8). A line of its own, command and label only, in the head: a help text that
# shows ``:scriptencoding [encoding]`` is no declaration.
_SCRIPTENCODING = re.compile(r"^[ \t]*:?[ \t]*scripte(?:ncoding)?[ \t]+(?P<label>[A-Za-z][-\w.]*)[ \t]*\r?$",
                             re.MULTILINE)
_HTMLISH = re.compile(r"<(?:!doctype\s+html|html|head|meta)\b", re.IGNORECASE)

# WHATWG Encoding Standard labels -> Python codec (the labels people actually write).
_WHATWG: dict[str, str] = {}
for _codec, _labels in {
    "utf-8": "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8 "
             "utf-16 utf-16le utf-16be unicodefffe unicodefeff ucs-2 csunicode iso-10646-ucs-2 unicode",
    "cp1252": "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 "
              "iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252",
    "cp1254": "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 "
              "iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254",
    "cp874": "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874",
    "gbk": "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk",
    "gb18030": "gb18030",
    "big5hkscs": "big5 big5-hkscs cn-big5 csbig5 x-x-big5",
    "euc_jp": "cseucpkdfmtjapanese euc-jp x-euc-jp",
    "iso2022_jp": "csiso2022jp iso-2022-jp",
    "cp932": "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis",
    "cp949": "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 "
             "ksc5601 ksc_5601 windows-949",
    "koi8_r": "cskoi8r koi koi8 koi8-r koi8_r",
    "koi8_u": "koi8-ru koi8-u",
    "cp866": "866 cp866 csibm866 ibm866",
    "mac_roman": "csmacintosh mac macintosh x-mac-roman",
    "mac_cyrillic": "x-mac-cyrillic x-mac-ukrainian",
    "iso8859_2": "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 l2 latin2",
    "iso8859_5": "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 iso_8859-5",
    "iso8859_7": "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 "
                 "iso8859-7 iso88597 iso_8859-7 sun_eu_greek",
    "iso8859_8": "csisolatinhebrew hebrew iso-8859-8 iso-8859-8-i iso-ir-138 iso8859-8 "
                 "iso88598 iso_8859-8 visual logical csiso88598i",
    "iso8859_15": "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9",
}.items():
    _WHATWG.update(dict.fromkeys(_labels.split(), _codec))
for _n in range(1250, 1259):
    _WHATWG.setdefault(f"windows-{_n}", f"cp{_n}")
    _WHATWG.setdefault(f"cp{_n}", f"cp{_n}")
    _WHATWG.setdefault(f"x-cp{_n}", f"cp{_n}")


def codec_for_label(label: str) -> str | None:
    """The Python codec a browser would use for ``label`` (Python's own lookup as a fallback).

    >>> codec_for_label("ISO-8859-1"), codec_for_label("gb2312"), codec_for_label("latin-1")
    ('cp1252', 'gbk', 'cp1252')
    """
    key = label.strip().lower()
    if key in _WHATWG:
        return _WHATWG[key]
    try:
        name = codecs.lookup(key).name
    except LookupError:
        return None
    if name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"  # Python's spelling of the same labels (``latin-1``, ``l1``)
    return "utf-8" if name.startswith(("utf-16", "utf-32", "utf_16", "utf_32")) else name


_UTF8_LABELS = frozenset("unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8".split())


def is_utf8(label: str) -> bool:
    """Whether ``label`` already declares UTF-8. (A UTF-16 label is no UTF-8 declaration: a
    browser reads it as UTF-8 in an ASCII-compatible page, but an XML parser does not.)"""
    key = label.strip().lower()
    if key in _UTF8_LABELS:
        return True
    try:
        return codecs.lookup(key).name == "utf-8"
    except LookupError:
        return False


@dataclass(frozen=True)
class Declaration:
    """One encoding declaration: its kind, the label as written, and the label's span."""

    kind: str  # "html-meta", "xml", "css", "coding-cookie", "vim-scriptencoding"
    label: str
    start: int
    end: int

    @property
    def codec(self) -> str | None:
        return codec_for_label(self.label)


_WHERE = {
    "html-meta": "<meta charset>",
    "xml": "XML declaration",
    "css": "@charset",
    "coding-cookie": "coding cookie",
    "vim-scriptencoding": "Vim scriptencoding",
}


def find(text: str, head: int = HTML_HEAD) -> list[Declaration]:
    """Every encoding declaration in ``text`` (decoded text, or bytes read as Latin-1), in
    order of position.

    >>> [(d.kind, d.label) for d in find('<?xml version="1.0" encoding="ISO-8859-1"?>')]
    [('xml', 'ISO-8859-1')]
    """
    found: list[Declaration] = []

    def add(kind: str, m: re.Match[str]) -> None:
        found.append(Declaration(kind, m.group("label"), m.start("label"), m.end("label")))

    m = _XML.match(text)
    if m:
        add("xml", m)
    m = _CSS.match(text)
    if m:
        add("css", m)
    top_part = text[:head]
    # Only a document that is markup from its first character: a tutorial in prose that shows
    # ``<meta charset="gb2312">`` as an example keeps its example.
    if top_part.lstrip("\ufeff \t\r\n").startswith("<") and _HTMLISH.search(top_part):
        for tag in _META.finditer(top_part):
            inner = _META_CHARSET.search(tag.group())
            if inner:
                found.append(Declaration("html-meta", inner.group("label"),
                                         tag.start() + inner.start("label"), tag.start() + inner.end("label")))
    # PEP 263: the cookie on line 1, or on line 2 (after a shebang or another comment).
    second = text.find("\n", text.find("\n") + 1)
    top = text if second < 0 else text[:second]
    cookie = _COOKIE.search(top) if "coding" in top else None  # (its every form holds the word)
    if cookie:
        add("coding-cookie", cookie)
    if "scripte" in top_part:
        for m in _SCRIPTENCODING.finditer(top_part):
            add("vim-scriptencoding", m)
    # Vim modelines (first and last five lines) that set the file's encoding.
    first5 = last5 = -1
    for _ in range(5):  # line bounds found from both ends (no split of a big text)
        first5 = text.find("\n", first5 + 1)
        if first5 < 0:
            break
    for _ in range(5):
        last5 = text.rfind("\n", 0, last5 if last5 >= 0 else len(text))
        if last5 < 0:
            break
    if first5 < 0 or last5 < 0 or last5 <= first5:
        spans = [(0, len(text))]
    else:
        spans = [(0, first5), (last5, len(text))]
    for lo, hi in spans:
        if text.find("enc=", lo, hi) < 0:  # neither fileencoding= nor fenc=: no modeline sets it
            continue
        for vim in _VIM.finditer(text, lo, hi):
            if not any(d.start == vim.start("label") for d in found):
                add("coding-cookie", vim)
    return sorted(found, key=lambda d: d.start)


def find_in_bytes(data: bytes) -> list[Declaration]:
    """:func:`find` on raw bytes of an ASCII-compatible encoding (read as Latin-1: offsets
    are byte offsets). Only the head and the last lines can hold a declaration."""
    if len(data) <= 2 * HTML_HEAD:
        return find(data.decode("latin-1"))
    decls = find(data[:HTML_HEAD].decode("latin-1"))
    tail = data[-1024:].decode("latin-1")
    shift = len(data) - len(tail)
    last = tail[len("\n".join(tail.split("\n")[:-5])):]
    for vim in _VIM.finditer(last):
        at = shift + len(tail) - len(last)
        decls.append(Declaration("coding-cookie", vim.group("label"), at + vim.start("label"),
                                 at + vim.end("label")))
    return decls


def declared_codec(data: bytes) -> tuple[str, Declaration] | None:
    """The codec the first non-UTF-8 declaration in ``data`` names, with that declaration."""
    if data.startswith(b"<?xml"):
        # Most declared files (feeds, XHTML) open with an XML declaration, which is then the
        # first declaration of all when nothing before its label could be another one (no
        # line break for a cookie, no tag, no ``vi:`` modeline): the rest of the head is not
        # searched (issue 20: a tenth of a declared file's check).
        head = data[:HTML_HEAD].decode("latin-1")
        m = _XML.match(head)
        if m and "\n" not in head[:m.start("label")] and "<" not in head[1:m.start("label")] \
                and "vi" not in head[:m.start("label")].lower():
            d = Declaration("xml", m.group("label"), m.start("label"), m.end("label"))
            codec = d.codec
            if codec and codec != "utf-8":
                return codec, d
    for d in find_in_bytes(data):
        codec = d.codec
        if codec and codec != "utf-8":
            return codec, d
    return None


def weigh(data: bytes, found: tuple[str, Declaration] | None = None,
          ) -> tuple[str, str, float, Declaration] | None:
    """Decode ``data`` (not valid UTF-8) with its declared encoding when that is plausible.

    Returns (text, codec, confidence, declaration), or None when there is no usable declaration
    or detection finds a clearly more plausible reading (see :data:`DECLARED_WEIGHT`). Detection
    runs only when :func:`mojifix.decoding.overrule.declared_stands` leaves the declaration in
    doubt (issue 20: it ran on every declared file, to agree nearly always).
    ``found``: what :func:`declared_codec` returned for ``data``, when the caller has it (the
    search reads the head and the tail: done once per input, issue 20).
    """
    if found is None:
        found = declared_codec(data)
    if found is None:
        return None
    codec, decl = found
    try:
        text = data.decode(codec, strict_errors(codec))  # (gbk: Windows' euro, see cjkpages)
    except UnicodeDecodeError:
        return None  # the declaration lies: detection decides
    from .overrule import declared_stands, single_byte

    stands = declared_stands(data, decl.label, codec, text)
    if stands is not None:  # no reading could outweigh it: detection is not asked (issue 20)
        return stands[0], stands[1], stands[2], decl
    from .brokenwords import implausible
    from .detect import detect, plausibility_cost

    detected = detect(data)
    if detected is not None and (detected.text == text or _same_codec(decl.label, detected.encoding)):
        # Detection agrees (same text, or the very codec the label names in Python): its name
        # is the narrowest standard that decodes the bytes (gb2312 text is named gb2312 even
        # though browsers decode it as GBK, whose A1AA is a different dash).
        return detected.text, detected.encoding, max(0.95, detected.confidence), decl
    codec = _narrowest(data, text, decl.label, codec)
    if detected is None:
        return text, codec, 0.95, decl
    mine = plausibility_cost(text, codecs.lookup(codec).name)
    theirs = plausibility_cost(detected.text, codecs.lookup(detected.encoding).name)
    if mine > theirs + DECLARED_WEIGHT and (not single_byte(codec) or implausible(text)):
        # A single-byte page that decodes every byte is overruled only where its reading is
        # broken word by word (``Ïðèâåò``, ``za¿ó³æ``, ``systčme``): a file listing accented
        # letters is odd in every page's reading, and detection's margin over the declared one
        # is then no evidence (QA 25: a Vim keymap read as Mac Roman at 0.98, Python, HTML
        # and CSS tables of ``À Á Â`` as KOI8-R). See decoding/brokenwords.py.
        return None
    # The declaration outweighs detection's margin: as sure as that margin was, at least 0.8.
    return text, codec, round(max(0.8, min(0.95, 1.0 - (mine - theirs) / (4 * DECLARED_WEIGHT))), 3), decl


def _same_codec(label: str, codec: str) -> bool:
    try:
        return codecs.lookup(label).name == codecs.lookup(codec).name
    except LookupError:
        return False


def _narrowest(data: bytes, text: str, label: str, codec: str) -> str:
    """The label's own codec when it decodes ``data`` to the same ``text`` as the browser's
    (wider) one, else the browser's: a file is named after the smallest standard it fits."""
    try:
        own = codecs.lookup(label).name
        if own != codec and data.decode(own) == text:
            return own
    except (LookupError, UnicodeDecodeError):
        pass
    return codec


def rewrite(text: str) -> tuple[str, list[tuple[Declaration, str]]]:
    """``text`` with every declaration of a non-UTF-8 encoding rewritten to UTF-8, and the
    (declaration, new label) pairs, in order. Unknown labels are rewritten too: after the
    conversion the file is UTF-8, whatever it claimed before.

    >>> rewrite('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')[0]
    '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
    """
    out: list[str] = []
    done: list[tuple[Declaration, str]] = []
    at = 0
    # Twice the head: a repair that shortened the text may bring a later <meta> into it, and
    # one that lengthened it must not push a declaration found in the original out of it.
    for d in find(text, 2 * HTML_HEAD):
        if is_utf8(d.label):
            continue
        new = "UTF-8" if d.kind in ("xml", "css") else "utf-8"
        out.append(text[at:d.start])
        out.append(new)
        at = d.end
        done.append((d, new))
    out.append(text[at:])
    return "".join(out), done


def where(kind: str) -> str:
    """A human name for a declaration kind (``<meta charset>``, ``XML declaration``, ...)."""
    return _WHERE.get(kind, kind)
