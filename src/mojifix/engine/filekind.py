"""What kind of file a text is, and so which fixers may touch which parts of it.

A user runs ``mojifix fix -i`` over a repository: JSON, source code, Markdown with code blocks,
HTML, plain notes. An ``&amp;`` is junk in a scraped paragraph but *content* in a JSON string, in
a Python test of ``html.escape``, or in a Markdown code span that documents it. So the entity,
zero-width and gloss fixers follow a policy per kind of file:

========  ==================================================================================
kind      policy
========  ==================================================================================
text      every fixer, as before (this is what mojifix was built for).
markdown  code (fenced and indented blocks, inline code spans) is protected from the
          entity, bare-entity, zero-width, gloss and GBK re-alignment fixers, and mojibake
          found only in code stays (an example: the document decides, see ``_CONFINED``);
          so do lost bytes found only there (``锟斤拷``, a decoder's ``'��'``): a note, not a
          reason for ``check`` to fail (pipeline's ``_lossy_examples``). In prose, an entity
          is decoded only when the character it stands for renders the same written out: not ASCII
          punctuation or a space (``&lt;div&gt;``, ``&amp;``, ``&#42;`` and ``&nbsp;`` are
          Markdown/HTML syntax or invisible, so decoding them changes what the page shows);
          ``caf&eacute;`` becomes ``café``.
html      markup: entities are meaningful. Only double escapes in text nodes are undone
          one level, and only in a page whose text was escaped twice throughout (most of
          its entities double: ``Tom &amp;amp; Jerry`` becomes ``Tom &amp; Jerry``); one
          ``&amp;amp;`` is how a page about HTML shows ``&amp;`` (see fixers/entities.py).
          Tags, comments, CDATA and ``<script>``, ``<style>``, ``<pre>``, ``<code>``,
          ``<tt>``, ``<kbd>``, ``<samp>``, ``<var>``, ``<textarea>`` are protected from the
          entity, zero-width, gloss and re-alignment fixers (a page about HTML shows ``&amp;lt;`` in its
          code on purpose: underscore.js's manual lists ``<tt>&amp;amp;</tt>``). Mojibake
          found only in code elements (not a bare ``<pre>``: preformatted text, a mail
          archive's body) is an example and stays, as in Markdown code, lost bytes too.
code      source code: no entity, bare-entity, zero-width, gloss or GBK re-alignment fixer
          at all (string literals and expected values are content; ``"\\u200b"`` written
          raw is a ZWSP the program needs; a ``?;`` is code, not a converter's lost byte).
          Mis-decoded bytes (mojibake) are repaired in a file garbled as a whole; on under
          half of its non-ASCII lines, or in a string or two near code that encodes (a
          test's ``'PÃ¶p'``), they are an example and stay, as lost bytes only in string
          literals do: the rule and its measurements are in :mod:`mojifix.engine.codestrings`.
          A character table (a packed run of symbols or scripts, a control alone in a
          string) is data: its look-alike mojibake is no evidence (``engine/chartables.py``).
data      JSON, YAML, TOML, CSV/TSV, XML (configuration, feeds): no entity or zero-width
          fixer (a value ``"&amp;"`` is data; an RSS description's ``&amp;amp;`` is a
          legitimate double escape; a value's ZWSP is what the program reading it gets, as
          ``--file-kind``'s help and the README say). Glosses and bare entities follow the
          text rules.
========  ==================================================================================

The kind comes from ``Config.file_kind`` when forced; else from the path (extension or a
well-known name); else, when the path says nothing (stdin, ``.txt``, no extension), from the
content, conservatively (a shebang, a JSON document, an HTML document, Markdown fences):
content that gives no clear sign is text, i.e. today's behaviour. JSONL text fields the user
names are prose: :mod:`mojifix.files.jsonl` forces ``text``.

Protection works by masking: before a protected fixer runs, the characters it acts on
(``&`` for entities, ``(`` for glosses, ...) are replaced inside protected spans by
U+FFFF, a noncharacter that matches none of the fixers' patterns; the text keeps its length, so
the fixer's edits apply to the real text unchanged and its findings count only what it did.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from ..config import Config
    from ..model import Edit

from ..config import KINDS, parse_kind_rules

LABELS = {
    "text": "plain text",
    "markdown": "Markdown code",
    "html": "HTML/XML markup",
    "code": "source code",
    "data": "data file",
}

_CODE_EXT = frozenset(
    "py pyi pyw pyx pxd js mjs cjs jsx ts tsx c h cc cpp cxx hpp hh hxx m mm java kt kts scala "
    "groovy go rs rb php pl pm sh bash zsh fish ps1 bat cmd lua r jl swift cs fs vb dart ex exs "
    "erl hs ml mli clj cljs el lisp scm sql vue svelte css scss sass less tex sty cls cmake mk "
    "gradle nim zig v d pas asm s awk sed tcl vim proto thrift graphql ipynb".split()
)
_DATA_EXT = frozenset(
    "json jsonc json5 geojson yaml yml toml csv tsv ini cfg conf properties env lock plist "
    "csproj vcxproj props targets resx xsd wsdl pom xml svg xsl xslt rss atom opf ncx".split()
)
_MARKDOWN_EXT = frozenset("md markdown mdown mkd mdx rst".split())
# XML is data, not HTML: feeds (RSS, Atom) carry escaped HTML, so ``&amp;amp;`` there is a
# legitimate double escape, and an XML parser gives every entity its meaning.
_HTML_EXT = frozenset("html htm xhtml shtml".split())
_TEXT_EXT = frozenset("txt text".split())  # says nothing: the content decides
_NAMES = {
    "makefile": "code", "gnumakefile": "code", "dockerfile": "code", "containerfile": "code",
    "jenkinsfile": "code", "vagrantfile": "code", "rakefile": "code", "gemfile": "code",
    "podfile": "code", "brewfile": "code", "justfile": "code", "cmakelists.txt": "code",
    "build": "code", "workspace": "code", "sconstruct": "code", "pipfile": "data",
    ".editorconfig": "data", ".gitattributes": "data", ".npmrc": "data", ".babelrc": "data",
    ".eslintrc": "data", ".prettierrc": "data", "requirements.txt": "data",
    ".bashrc": "code", ".profile": "code", ".zshrc": "code", ".bash_profile": "code",
}


def kind_from_path(path: str | None) -> str | None:
    """The kind a file name says, or None when it says nothing (stdin, ``.txt``, no extension).

    >>> kind_from_path("src/app.py"), kind_from_path("README.md"), kind_from_path("notes.txt")
    ('code', 'markdown', None)
    """
    if not path or path == "-":
        return None
    name = os.path.basename(path).lower()
    if name in _NAMES:
        return _NAMES[name]
    if name.startswith("dockerfile.") or name.endswith(".dockerfile"):
        return "code"
    ext = name.rpartition(".")[2] if "." in name.lstrip(".") else ""
    if not ext or ext in _TEXT_EXT:
        return None
    if ext in _CODE_EXT:
        return "code"
    if ext in _DATA_EXT:
        return "data"
    if ext in _MARKDOWN_EXT:
        return "markdown"
    if ext in _HTML_EXT:
        return "html"
    return None


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n`]*\n", re.M)
_HTML_DOC = re.compile(r"\A\s*(?:<!DOCTYPE\s+html|<html[\s>])", re.I)
_XML_DOC = re.compile(r"\A\s*<\?xml\s", re.I)
_SNIFF_JSON_MAX = 4 << 20  # parsing a bigger text to decide its kind costs more than it tells


def kind_from_content(text: str) -> str:
    """The kind the content shows, conservatively; ``text`` when it shows nothing clear.

    >>> kind_from_content('{"s": "&amp;"}'), kind_from_content("Tom &amp; Jerry")
    ('data', 'text')
    """
    head = text.lstrip("\ufeff")
    if head.startswith("#!"):
        return "code"
    stripped = head.lstrip()
    if stripped[:1] in ("{", "[") and len(text) <= _SNIFF_JSON_MAX:
        import json

        try:
            json.loads(stripped)
            return "data"
        except (ValueError, RecursionError):
            pass
    if stripped[:1] == "<":
        if _HTML_DOC.match(head):
            return "html"
        if _XML_DOC.match(head):
            return "html" if _HTML_DOC.match(head[head.find("?>") + 2:]) else "data"  # XHTML
    if ("```" in text or "~~~" in text) and _fenced_blocks(text):
        return "markdown"
    return "text"


def kind_from_rules(rules: tuple[str, ...], path: str | None, base: str | None = None) -> str | None:
    """The kind the last ``GLOB=KIND`` rule matching ``path`` gives (gitignore-style globs, as
    ``--include`` has them), or None. ``base``: the folder the globs are relative to (a
    settings file's, ``Config.file_kinds_base``), which a path outside matches none of; None:
    they match ``path`` as it is given (the command line's, from the working folder).

    >>> kind_from_rules(("*.txt=markdown", "legacy/=text"), "legacy/a.txt")
    'text'
    >>> kind_from_rules(("legacy/*.txt=text",), "/repo/legacy/a.txt", base="/repo")
    'text'
    """
    if not rules or not path or path == "-":
        return None
    if base is not None:
        try:
            path = os.path.relpath(os.path.abspath(path), base)
        except ValueError:  # (Windows: on another drive)
            return None
        if path == os.pardir or path.startswith(os.pardir + os.sep):
            return None
    found = None
    rel = path.replace(os.sep, "/")
    for spec, kind in _compiled_rules(rules):
        if spec.match_file(rel):
            found = kind
    return found


@lru_cache(maxsize=8)
def _compiled_rules(rules: tuple[str, ...]) -> list[tuple[Any, str]]:
    """The rules parsed and compiled once per rule set (a batch asks for every file)."""
    import pathspec

    return [(pathspec.GitIgnoreSpec.from_lines([glob]), kind)
            for glob, kind in parse_kind_rules(rules)]


def decide(forced: str | None, path: str | None, text: str,
           rules: tuple[str, ...] = (), forced_from: str | None = None,
           base: str | None = None) -> tuple[str, str]:
    """(kind, how it was decided: ``forced``, ``rule``, ``path`` or ``content``). ``forced_from``
    says how a caller decided ``forced`` (``Config.file_kind_from``, set by :func:`kind_for`);
    None: the user forced it. ``base``: as for :func:`kind_from_rules`."""
    if forced is not None:
        if forced not in KINDS:
            raise ValueError(f"unknown file kind {forced!r}; choose one of {', '.join(KINDS)}")
        return forced, forced_from or "forced"
    by_rule = kind_from_rules(rules, path, base)
    if by_rule is not None:
        return by_rule, "rule"
    by_path = kind_from_path(path)
    if by_path is not None:
        return by_path, "path"
    return kind_from_content(text), "content"


def kind_for(config: Config, path: str | None) -> Config:
    """``config`` with the kind ``path`` says, unless one is forced or the path says nothing
    (then the pipeline decides from the content): for callers that hand a config on, not a
    path (the batch runner, the streamer). The config says how the kind was decided
    (``file_kind_from``), so a report says "decided from the file name", not "forced"."""
    if config.file_kind is not None:
        return config
    by_rule = kind_from_rules(config.file_kinds, path, config.file_kinds_base)
    if by_rule is not None:
        return config.replace(file_kind=by_rule, file_kind_from="rule")
    by_path = kind_from_path(path)
    return config if by_path is None else config.replace(file_kind=by_path, file_kind_from="path")


# Which fixers run only outside protected spans. (Which kinds a fixer runs on at all is the
# ``applies_to`` field of its record in mojifix.engine.registry: no entity or zero-width fixer in
# code or data, no bare-entity, gloss or re-alignment fixer in code.)
_MASKED = {
    "markdown": frozenset({"entities", "bare-entities", "zero-width", "glosses", "realign"}),
    "html": frozenset({"entities", "zero-width", "glosses", "realign"}),
}
# Fixers whose edits inside code stand only when the rest of the document shows the same damage
# (:func:`confined_spans`). A README about mojibake quotes ``cafÃ©`` in its code on purpose, and
# so does an HTML manual in its ``<pre><code>`` (node's buffer.html: ``// Prints: this is a tÃ©st``):
# mojibake found only in code is an example, left alone; a document garbled as a whole (its prose
# too) is repaired everywhere, code included: the document decides, not the span.
# Both mojibake fixers: the legacy-page chains (``chains``: UTF-8 read as cp1253's ``β€”``,
# cp1251 read as cp1252's ``Ïðèâåò``, GBK read as Latin-1's ``ÄãºÃ``) as much as ftfy's road
# (``mojibake``: ``cafÃ©``); confining only the second let a README's examples of the first be
# "repaired" (QA pass 24).
# In source code, "code" is its string literals, and the file's lines decide too: see
# mojifix.engine.codestrings (a test's ``'PÃ¶p'`` is an example; a file garbled whole is damaged).
# (``half-marks`` edits nothing: only its lost-bytes finding is confined, ``pipeline._lossy_examples``.)
# ``mixed-words`` (a mixed line's garbled words, fixers/mixedwords.py) is a mojibake road too.
_CONFINED = {kind: frozenset({"chains", "mixed-words", "mojibake", "half-marks"}) for kind in ("markdown", "html", "code")}
# The characters each protected fixer acts on (what masking hides from it).
_TRIGGERS = {
    "entities": "&",
    "bare-entities": "#",
    "zero-width": "\u200b\u200c\u200d\u2060\ufeff",
    "glosses": "(",
    # The GBK re-aligner (fixers/realign.py) starts a run at a ``?`` and reads the characters
    # after it as shifted GBK bytes, ASCII ones among them (a real run ends on the ``h`` of
    # 黨 ``FC 68``): a backtick is a trail byte to it (``BB 60`` = 籤). docs/robustness.md's
    # ```?;?;``` on a glossed page became ``?;�籤,``, its closing backtick eaten. Hiding the
    # ``?`` in code keeps a run from starting there; hiding the code's own delimiters (backticks,
    # and a tag's ``<`` ``>``: both inside the protected spans) keeps a run that starts in
    # prose from reading into code or markup: U+FFFF is no GBK byte, so the run is refused.
    "realign": "?`<>",
}
MASK = "\uffff"


class Policy(NamedTuple):
    """The decided kind of one text and what it means for the fixers."""

    kind: str
    how: str

    def masked(self, fixer: str, text: str) -> str:
        """``text`` with the characters ``fixer`` acts on hidden inside protected spans (the
        same object when there is nothing to hide)."""
        kinds = _MASKED.get(self.kind)
        if kinds is None or fixer not in kinds:
            return text
        triggers = _TRIGGERS[fixer]
        if not any(t in text for t in triggers):
            return text
        spans = protected_spans(self.kind, text)
        if not spans:
            return text
        table = dict.fromkeys(map(ord, triggers), MASK)
        out: list[str] = []
        pos = 0
        for start, end in spans:
            out.append(text[pos:start])
            out.append(text[start:end].translate(table))
            pos = end
        out.append(text[pos:])
        masked = "".join(out)
        return text if masked == text else masked

    def confines(self, fixer: str) -> bool:
        """Whether ``fixer``'s edits must be checked with :meth:`examples`."""
        return fixer in _CONFINED.get(self.kind, ())

    def examples(self, text: str, edits: Sequence[Edit]) -> bool:
        """True when a confined fixer's ``edits`` are examples, to leave: all inside code
        (:meth:`only_protected`); in source code, by the rules of
        :mod:`mojifix.engine.codestrings` (few of its lines, or a string or two near code about
        encodings: a string literal is no example by being one)."""
        if self.kind == "code":
            from .codestrings import example_edits

            return example_edits(text, edits)
        return self.only_protected(text, edits)

    def only_protected(self, text: str, edits: Sequence[Edit]) -> bool:
        """True when every edit lies inside code (:func:`confined_spans`) of ``text`` (and there
        is some)."""
        spans = confined_spans(self.kind, text)
        if not edits or not spans:
            return False
        from .codestrings import edits_inside

        return edits_inside(spans, edits)

    def in_code(self, text: str, offset: int) -> bool:
        """Whether ``offset`` of ``text`` lies inside code (:func:`confined_spans`)."""
        spans = confined_spans(self.kind, text)
        i = bisect.bisect_right([a for a, _ in spans], offset) - 1
        return i >= 0 and offset < spans[i][1]

    def prose(self, text: str) -> str:
        """``text`` with its code (:func:`confined_spans`) blanked, each character a space but
        line breaks (positions and lines stay): what a confined fixer finds in it is what the
        prose shows. The same object when there is no code."""
        spans = confined_spans(self.kind, text)
        if not spans:
            return text
        out: list[str] = []
        pos = 0
        for start, end in spans:
            out.append(text[pos:start])
            out.append(re.sub(r"[^\n]", " ", text[start:end]))
            pos = end
        out.append(text[pos:])
        return "".join(out)

    def note(self, fixer: str) -> str:
        """The sentence a report shows when this policy kept ``fixer`` from a change."""
        how = {"path": "decided from the file name", "content": "decided from the content",
               "forced": "forced with --file-kind", "rule": "by a --file-kind-for rule"}[self.how]
        if self.kind == "code" and fixer in ("chains", "mixed-words", "mojibake", "lossy"):
            what = ("lost bytes only in string literals," if fixer == "lossy" else
                    "mojibake only in character tables, in a few strings near code that encodes or "
                    "on few of its lines,")
            return f"{what} left alone: {LABELS[self.kind]} ({how})"
        in_code = "mojibake only in code, the prose being clean,"
        what = {"entities": "entities", "bare-entities": "entities without '&'",
                "zero-width": "zero-width characters", "glosses": "pinyin glosses",
                "realign": "GBK re-alignment of '?' runs",
                "mojibake": in_code, "mixed-words": in_code, "chains": in_code,
                "lossy": "lost bytes only in code, the prose being clean,"}[fixer]
        return f"{what} left alone: {LABELS[self.kind]} ({how})"


def protected_spans(kind: str, text: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans of ``text`` that hold code (Markdown) or raw-text and
    preformatted elements (HTML)."""
    if kind == "markdown":
        return _markdown_code(text)
    if kind == "html":  # markup, raw-text and preformatted elements: all but text nodes
        return _merge([m.span() for m in _HTML_NOT_TEXT.finditer(text)])
    return []


def confined_spans(kind: str, text: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans of ``text`` that hold code, where a confined fixer's edits
    (:data:`_CONFINED`) stand only with the rest of the document's: Markdown code, and in HTML
    the elements whose content is program text, input or output (``<code>``, ``<tt>``,
    ``<kbd>``, ``<samp>``, ``<var>``, ``<script>``, ``<style>``, ``<textarea>``; a ``<pre>``
    through its ``<code>``), protected from the entity fixer with ``<pre>``. Not the tags (an
    ``alt`` or ``title`` attribute is text the page shows) nor comments: mojibake there is
    repaired as in prose. In source code, its string literals (:mod:`mojifix.engine.codestrings`)."""
    if kind == "markdown":
        return _markdown_code(text)
    if kind == "html":
        return _html_code(text)
    if kind == "code":
        from .codestrings import string_literals

        return string_literals(text)
    return []


def _html_code(text: str) -> list[tuple[int, int]]:
    """The HTML elements that hold code: closed ones only (an unclosed ``<code>`` does not run to
    the end of the page), not inside a comment. A bare ``<pre>`` is preformatted *text*, not
    code (a mail archive's or man2html's page is all ``<PRE>``, and garbled there is garbled:
    a review), so it counts only through the ``<code>`` inside it (``<pre><code>``)."""
    return [m.span() for m in _HTML_CONFINING.finditer(text) if m.group(1)]


# (An element's name ends at a space, "/" or ">": ``<code-block>`` is no ``<code>``.)
_CODE_ELEMENTS = "script|style|code|tt|kbd|samp|var|textarea"  # (and <pre>, protected, not code)
_HTML_CODE_NAMES = rf"<(pre|{_CODE_ELEMENTS})(?=[\s/>])[^>]*>.*?"
_HTML_CODE_ELEMENT = _HTML_CODE_NAMES + r"(?:</\1\s*>|\Z)"
_HTML_OTHER = r"|<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)|<[!?/A-Za-z][^<>]*>?"
_HTML_NOT_TEXT = re.compile(_HTML_CODE_ELEMENT + _HTML_OTHER, re.I | re.S)
# The same tokens for the code elements (no bare <pre>), each counted only with its closing tag.
_HTML_CONFINING = re.compile(rf"<({_CODE_ELEMENTS})(?=[\s/>])[^>]*>.*?</\1\s*>" + _HTML_OTHER, re.I | re.S)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged
_INDENTED = re.compile(r"(?:^(?: {4}|\t)[^\n]*(?:\n|\Z))+", re.M)
_INLINE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)


def _fenced_blocks(text: str) -> list[tuple[int, int]]:
    """Fenced code blocks: from an opening fence line to the closing fence of the same
    character and at least the same length (or the end of the text, as CommonMark says)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while (m := _FENCE.search(text, pos)) is not None:
        fence = m.group(1)
        close = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.M)
        c = close.search(text, m.end())
        end = len(text) if c is None else c.end()
        spans.append((m.start(), end))
        pos = end
    return spans


def _markdown_code(text: str) -> list[tuple[int, int]]:
    """Fenced blocks, indented blocks (four spaces or a tab after a blank line) and inline
    code spans. Indented lines that continue a paragraph or a list item are taken as code too:
    protecting a little prose costs a missed fix, never a wrong one."""
    fenced = _fenced_blocks(text)
    spans = list(fenced)

    def inside(i: int) -> bool:
        return any(s <= i < e for s, e in fenced)

    for m in _INDENTED.finditer(text):
        if not inside(m.start()):
            spans.append(m.span())
    if "`" in text:
        pos = 0
        for s, e in [*sorted(spans), (len(text), len(text))]:
            for m in _INLINE.finditer(text, pos, s):
                spans.append(m.span())
            pos = max(pos, e)
    return _merge(spans)

