"""HTML entities left in plain text: ``&amp;``, ``&eacute;``, ``&#59;``, ``&#x3B;``.

The rule that keeps real markup safe: entities are decoded only when the text holds no markup.
If the text contains anything that looks like an HTML/XML tag (``<p>``, ``</div>``, ``<br/>``,
``<!-- -->``, ``<!DOCTYPE``), the text *is* markup, entities there are meaningful, and this
fixer does nothing. An entity must end with ``;`` (so ``AT&T``, ``&copy 2020`` and URL query
strings such as ``?a=1&lt=2`` stay), and numeric entities that would produce control characters,
surrogates, NUL or code points beyond U+10FFFF are left alone.

Double escapes (text that went through an escaper twice): ``&amp;eacute;``, ``&amp;#39;`` are
decoded to the character (``é``, ``'``): nobody writes them on purpose in plain text, and one
pass would leave ``&eacute;``, still broken. The markup characters (``&amp;lt;``,
``&amp;amp;``) are how documentation about HTML shows an entity, so the document decides: when
it holds a double escape of any other character (proof the whole text was escaped twice),
they are decoded to ``<`` and ``&`` too; else they go one level only (``&amp;lt;`` ->
``&lt;``).

Which files and which parts of them this fixer may touch is :mod:`mojifix.engine.filekind`'s policy:
never source code or data files; in Markdown, never code, and in prose only entities whose
character renders the same written out; in HTML, only double escapes in text nodes.

In HTML, ``&amp;X;`` is how a page shows the literal text ``&X;`` ("use &amp;amp; to write an
ampersand", libxslt's tutorial: "entities like &amp;copy;"), so one double escape proves
nothing; the page decides (:func:`_html_twice_rule`). A page whose text went through an escaper
twice shows it in nearly every entity of its text nodes (each ``&``, ``'``, ``"``, ``&nbsp;``
of the text became ``&amp;...;``) and has no single escapes but what its template adds (a
``&copy;`` footer): its double escapes are undone when they are at least ``HTML_TWICE_MIN``
and at least ``HTML_TWICE_RATIO`` of its text nodes' entities (half: a short page's template
adds a few single escapes, ``&raquo;`` ``&copy;`` ``&nbsp;``, beside its doubled text; a review). Measured on the clean HTML at
hand (1,413 pages under /usr/share/doc, npm, gcloud and pyenv, and 8,000 of the Rust
toolchain's rustdoc pages): three pages hold a double escape in a text node, one each, beside
1, 12 and 21 single escapes; none comes near the rule.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache

from ..config import Config
from ..model import Edit, Finding
from ..scoring.evidence import page_decision, page_rule

ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# A double escape of an entity, or an entity: the first alternative wins at an ``&amp;``.
_BODY = r"(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31})"
ENTITY_OR_DOUBLE = re.compile(rf"&amp;{_BODY};|&{_BODY};")
_MARKUP = frozenset("&<>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]{0,2000})?/?>|<!--|<!DOCTYPE|<\?xml", re.I)


@lru_cache(maxsize=4096)  # a page repeats a few entities thousands of times
def decode_entity(entity: str) -> str | None:
    """Decode one ``&...;`` entity, or None when it is unknown or unsafe.

    >>> decode_entity("&#x3B;"), decode_entity("&eacute;"), decode_entity("&#0;")
    (';', 'é', None)
    """
    import html  # lazily: html.entities builds a large table at import

    body = entity[1:-1]
    if body.startswith("#"):
        try:
            cp = int(body[2:], 16) if body[1:2] in ("x", "X") else int(body[1:])
        except ValueError:
            return None
        if cp > 0x10FFFF or 0xD800 <= cp <= 0xDFFF or (cp < 32 and cp not in (9, 10, 13)) or cp == 0x7F:
            return None
        # html.unescape maps &#128;-&#159; through windows-1252, as browsers do.
        out = html.unescape(entity)
    else:
        out = html.unescape(entity)
        if out == entity:
            return None
    return out


def has_markup(text: str) -> bool:
    """True when the text contains something that looks like an HTML/XML tag."""
    return "<" in text and _TAG.search(text) is not None


# An HTML page's text escaped twice (see the module notes): this many double escapes at least,
# and this share of its text nodes' entities.
HTML_TWICE_MIN = 3
HTML_TWICE_RATIO = 0.5


def _double_escapes(text: str) -> tuple[list[Edit], list[Finding]]:
    """In an HTML file (text nodes only: the pipeline masks the rest) escaped twice as a whole
    (:func:`_html_twice_rule`), ``&amp;amp;`` style double escapes undone one level:
    ``&amp;lt;`` -> ``&lt;``, which the browser then shows as ``<``, as the author meant. A
    single escape is markup and stays."""
    edits: list[Edit] = []
    seen: Counter[str] = Counter()
    once = 0
    for m in ENTITY_OR_DOUBLE.finditer(text):
        if not m.group(1):
            once += decode_entity(m.group()) is not None
            continue
        if decode_entity(f"&{m.group(1)};") is None:
            continue
        edits.append(Edit(m.start(), m.end(), f"&{m.group(1)};", "html-entity", "double escape"))
        seen[m.group()] += 1
    if not page_decision("entities-html-twice", twice=len(edits), once=once) or not edits:
        return [], []
    n = sum(seen.values())
    return edits, [
        Finding(
            "html-entities",
            f"double-escaped HTML entities in text, {n} undone one level",
            count=n,
            confidence=0.9,
            evidence=tuple(f"{e} -> &{e[5:]}" for e, _ in seen.most_common(5)),
        )
    ]


@page_rule("entities-html-twice")
def _html_twice_rule(counts: Mapping[str, float]) -> bool:
    """An HTML page's text escaped twice: ``HTML_TWICE_MIN`` double escapes in its text nodes
    at least, and ``HTML_TWICE_RATIO`` of their entities at least."""
    twice, once = counts.get("twice", 0), counts.get("once", 0)
    return twice >= HTML_TWICE_MIN and twice >= HTML_TWICE_RATIO * (twice + once)


def fix_entities(text: str, config: Config) -> tuple[list[Edit], list[Finding]]:
    if config.file_kind == "html":
        return _double_escapes(text) if config.unescape_html and "&amp;" in text else ([], [])
    if not config.unescape_html or "&" not in text or has_markup(text):
        return [], []
    edits: list[Edit] = []
    seen: Counter[str] = Counter()
    prose_only = config.file_kind == "markdown"
    twice = _escaped_twice(text, prose_only)
    for m in ENTITY_OR_DOUBLE.finditer(text):
        entity = m.group()
        out = _replacement(entity, prose_only, twice)
        if out is None:
            continue
        if m.group(1) and out == "&" + entity[5:]:  # one level: only the leading &amp; changes
            entity, out = "&amp;", "&"
        edits.append(Edit(m.start(), m.start() + len(entity), out, "html-entity",
                          "double escape" if m.group(1) and entity != "&amp;" else ""))
        seen[entity] += 1
    if not edits:
        return [], []
    return edits, [_finding(seen, prose_only, twice)]


def _escaped_twice(text: str, prose_only: bool) -> bool:
    """The document's evidence that it went through an escaper twice: a double escape of a
    character that is not markup (``&amp;eacute;``), which nobody writes on purpose; or, in a
    text where every ``&`` is a double escape (what an escaper run twice over a whole text
    leaves), a markup character of plain text escaped twice (:func:`_plain_markup_twice`).

    A page decision (:func:`_twice_rule`): a streamed file decides it once, on every chunk's
    counts summed, as the whole text does (a chunk of its own could look escaped twice when
    another chunk holds a single escape)."""
    if "&amp;" not in text:  # every ``&`` here is a single escape or a bare ``&``
        return page_decision("entities-twice", once=text.count("&"))
    doubles = other = markup = 0
    for m in ENTITY_OR_DOUBLE.finditer(text):
        if not m.group(1):
            continue
        doubles += 1
        inner = decode_entity(f"&{m.group(1)};")
        if inner is not None and inner not in _MARKUP and (
                not prose_only or safe_in_markdown_prose(inner)):
            other += 1
        markup += inner in _MARKUP
    once = text.count("&") - doubles
    plain = int(not other and not once and markup > 0 and _plain_markup_twice(text))
    return page_decision("entities-twice", once=once, other=other, markup=markup, plain=plain)


@page_rule("entities-twice")
def _twice_rule(counts: Mapping[str, float]) -> bool:
    """Escaped twice: a double escape of a character that is not markup, or plain text's markup
    characters escaped twice in a text where every ``&`` is a double escape."""
    if counts.get("other", 0) > 0:
        return True
    return counts.get("once", 0) == 0 and counts.get("markup", 0) > 0 and counts.get("plain", 0) > 0


# ``&amp;amp;`` before what is no entity (``lpd &amp;amp;``, ``&amp;amp; Co``): a bare ``&``.
_AMP_TWICE_BARE = re.compile(rf"&amp;amp;(?!{_BODY};)")
# A ``<`` escaped twice before what cannot start a tag (``x&amp;lt;24``, ``&amp;lt;&amp;lt;``),
# a ``>`` after what cannot end one (``ip-&amp;gt;x``, ``&amp;gt;&amp;gt; log``, ``)&amp;gt;``).
_LT_NO_TAG = re.compile(r"&amp;lt;(?![A-Za-z/!?\s])")
_GT_NO_TAG = re.compile(r"(?<![A-Za-z0-9\"'/\s-])&amp;gt;|(?<!-)-&amp;gt;")
# ``&amp;lt;...&amp;gt;`` around one short word-like run: ``<stdlib.h>``, ``<a@b.org>``, ``<p>``.
_ANGLED_TWICE = re.compile(r"&amp;lt;(/?)([^&\s;]{1,80})&amp;gt;")
# The elements documentation about HTML shows (``&amp;lt;p&amp;gt;`` -> ``&lt;p&gt;``).
_HTML_ELEMENTS = frozenset("""a abbr address area article aside audio b base bdi bdo blockquote body
    br button canvas caption cite code col colgroup data datalist dd del details dfn dialog div
    dl dt em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6
    head header hr html i iframe img input ins kbd label legend li link main map mark meta meter
    nav noscript object ol optgroup option output p param picture pre progress q rp rt ruby s
    samp script section select small source span strong style sub summary sup svg table tbody td
    template textarea tfoot th thead time title tr track u ul var video wbr xml""".split())


def _plain_markup_twice(text: str) -> bool:
    """Whether a markup character escaped twice stands for plain text's ``&``, ``<`` or ``>``
    (so the text was escaped twice), not for an entity that documentation about HTML shows.

    WHY: ``&amp;lt;p&amp;gt;`` once undone is ``&lt;p&gt;``, how a page about HTML shows a tag,
    so markup escaped twice goes one level only. But ``&amp;lt;stdlib.h&amp;gt;`` or
    ``&amp;lt;jo@example.org&amp;gt;`` show no HTML element, and ``&amp;amp;`` before a space
    shows no entity, nor does ``x &amp;lt;24`` or ``ip-&amp;gt;x`` show a tag: plain text's
    characters, escaped twice. Found in a text that holds nothing escaped once (see
    :func:`_escaped_twice`), they prove the whole text went through twice."""
    if _AMP_TWICE_BARE.search(text) or _LT_NO_TAG.search(text) or _GT_NO_TAG.search(text):
        return True
    for m in _ANGLED_TWICE.finditer(text):
        name = re.match(r"[A-Za-z][A-Za-z0-9]*", m.group(2))
        if name is None or name.group().lower() not in _HTML_ELEMENTS:
            return True
    return False


def _replacement(entity: str, prose_only: bool, twice: bool = False) -> str | None:
    """What ``entity`` (a match of :data:`ENTITY_OR_DOUBLE`) becomes, or None to keep it
    (``twice``: the document was escaped twice, so markup double escapes go both levels)."""
    if entity.startswith("&amp;"):
        inner = decode_entity("&" + entity[5:])
        if inner is not None and inner in _MARKUP and twice and not prose_only:
            return inner
        if inner is None or inner in _MARKUP or (prose_only and not safe_in_markdown_prose(inner)):
            # one level only: ``&amp;lt;`` -> ``&lt;`` (``&amp;`` is an entity of its own)
            return "&" + entity[5:] if not prose_only or safe_in_markdown_prose("&") else None
        return inner
    out = decode_entity(entity)
    if out is None or (prose_only and not safe_in_markdown_prose(out)):
        return None
    return out


def text_only(text: str, config: Config) -> tuple[str, list[Finding]] | None:
    """:func:`fix_entities`' text and findings without located edits (see pipeline.py): the
    entities found by one ``findall`` and counted in C, each distinct one decoded once. (HTML
    files take the fixer's road: None.)"""
    if config.file_kind == "html":
        return None
    if not config.unescape_html or "&" not in text or has_markup(text):
        return text, []
    prose_only = config.file_kind == "markdown"  # (the pipeline masks Markdown code before this)
    counts = Counter(m.group() for m in ENTITY_OR_DOUBLE.finditer(text))
    twice = _escaped_twice(text, prose_only)
    table = {e: _replacement(e, prose_only, twice) for e in counts}
    seen: Counter[str] = Counter()
    for e, n in counts.items():
        out = table[e]
        if out is not None:  # a double escape undone one level counts as its leading &amp;
            seen["&amp;" if e.startswith("&amp;") and out == "&" + e[5:] else e] += n
    if not seen:
        return text, []
    out = ENTITY_OR_DOUBLE.sub(lambda m: table[m[0]] or m[0], text)  # (no entity decodes to "")
    return out, [_finding(seen, prose_only, twice)]


def _finding(seen: Counter[str], prose_only: bool, twice: bool) -> Finding:
    n = sum(seen.values())
    return Finding(
        "html-entities",
        f"HTML entities in plain text, {n} decoded",
        count=n,
        confidence=0.95,
        evidence=tuple(f"{e} -> {_replacement(e, prose_only, twice)!r}"
                       for e, _ in seen.most_common(5)),
    )


def safe_in_markdown_prose(decoded: str) -> bool:
    """Whether an entity that stands for ``decoded`` renders the same written out in Markdown
    prose: not ASCII (punctuation there is Markdown or HTML syntax: ``&lt;div&gt;`` would
    become a tag, ``&#42;`` emphasis) and not a space (``&nbsp;`` is invisible as U+00A0)."""
    return not decoded.isascii() and not decoded.isspace()
