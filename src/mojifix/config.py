"""The one immutable set of options every entry point shares.

Defaults are chosen for a *repair* tool: undo damage, never restyle good text. ftfy's normalising
fixes (curly quotes to straight, full-width to half-width, ligatures, line endings, Unicode
normalisation) are off, because they change text that is not broken (Chinese “ ” and ，, French
’, Windows line endings). Turn them on explicitly if you want them.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from .errors import MojifixError, wrong_type


def check_encoding(name: str, option: bool = True) -> None:
    """Refuse an ``encoding`` that is not a text encoding, before any file is read.

    Why here and not in the decoder: ``codecs.lookup`` also finds bytes-to-bytes and str-to-str
    codecs (``rot13``, ``base64``, ``zlib``, ``hex``) that ``bytes.decode`` refuses with a
    ``LookupError`` in the middle of a run; one usage error up front is clearer than one error
    per file. (An unknown name is left to the decoder, whose message the CLI already prints.)

    ``option``: the message names ``--encoding`` (the command line's words, which
    tests/safety/test_hostile_inputs.py states); False for a settings file's value, whose error
    names the file and the key around these words (the user typed no option).
    """
    import codecs

    try:
        info = codecs.lookup(name)
    except LookupError:
        return
    if not getattr(info, "_is_text_encoding", True):
        raise MojifixError(
            f"{f'--encoding {name}: ' if option else ''}{info.name!r} is not a text encoding (it "
            "transforms bytes, it does not decode them)",
            "name the byte encoding of the input, e.g. gbk, big5, shift_jis, cp1251, or "
            f"{'drop --encoding' if option else 'leave it out'} to detect it",
        )


@dataclass(frozen=True)
class Config:
    """Options for :func:`mojifix.repair_text` and friends (also accepted as keyword arguments).

    Attributes:
        encoding: force this byte encoding instead of detecting one (bytes input only).
        fix_mojibake: undo text decoded with the wrong codec (``cafÃ©`` -> ``café``).
        unescape_html: decode HTML entities in plain text (never in text that holds markup).
        remove_zero_width: drop injected zero-width characters (U+200B, U+2060, stray U+FEFF,
            and U+200C/U+200D where they do no job).
        remove_glosses: drop injected pinyin glosses (``強(qiáng)調`` -> ``強調``).
        restore_original: undo a Traditional-script converter (to Simplified, full-width
            punctuation) where the findings show one ran.
        uncurl_quotes, fix_character_width, fix_latin_ligatures, fix_line_breaks: ftfy's
            normalising fixes, off by default.
        normalization: a Unicode normal form ("NFC", "NFKC", ...) to apply, or None.
        keep_bom: keep a byte-order mark (bytes input): the output starts with the UTF-8 BOM
            (a UTF-16 file with a BOM becomes UTF-8 with the UTF-8 BOM). Off by default: the
            BOM is removed and reported.
        file_kind: the kind of file the text is (``text``, ``markdown``, ``html``, ``code``,
            ``data``), which decides where the entity, zero-width and gloss fixers may act
            (see :mod:`mojifix.engine.filekind`); None decides it from the path hint and the content.
        file_kinds: ``GLOB=KIND`` rules (gitignore-style globs, the last match wins) that give
            the kind of the files whose path they match, before the name and content are asked.
        file_kinds_base: the folder the ``file_kinds`` globs are relative to (a settings file's
            folder, for its rules); None (the default): they match the path as it is given.
        file_kind_from: how ``file_kind`` was decided when a caller decided it for a file
            rather than the user forcing it: ``"rule"`` (a ``file_kinds`` rule), ``"path"``
            (the file name) or ``"content"``; None (the default): forced. Reports say it.
    """

    encoding: str | None = None
    fix_mojibake: bool = True
    unescape_html: bool = True
    remove_zero_width: bool = True
    remove_glosses: bool = True
    restore_original: bool = False
    uncurl_quotes: bool = False
    fix_character_width: bool = False
    fix_latin_ligatures: bool = False
    fix_line_breaks: bool = False
    normalization: str | None = None
    keep_bom: bool = False
    file_kind: str | None = None
    file_kinds: tuple[str, ...] = ()
    file_kinds_base: str | None = None
    file_kind_from: str | None = None

    def __post_init__(self) -> None:
        for name, (types, _) in _OPTION_TAKES.items():  # (kept fast: a replace() per JSONL record)
            value = getattr(self, name)
            if not isinstance(value, types) or (value and types[0] is tuple):  # (the rules: each)
                check_types("Config", {name: value})
        if isinstance(self.file_kinds, list):  # a list is taken, kept as the tuple it hashes as
            object.__setattr__(self, "file_kinds", tuple(self.file_kinds))
        if self.encoding is not None:
            check_encoding(self.encoding)
        if self.file_kinds:
            parse_kind_rules(self.file_kinds)  # a bad rule is an error before any file is read
        if self.normalization not in _FORMS:  # (else a ValueError deep inside, on non-ASCII text only)
            raise ValueError(f"normalization is one of {', '.join(map(str, _FORMS))}, not {self.normalization!r}")
        if self.file_kind_from not in (None, "rule", "path", "content"):
            raise ValueError(f"file_kind_from is 'rule', 'path', 'content' or None, not {self.file_kind_from!r}")

    def replace(self, **changes: Any) -> Config:
        """Return a copy with some options changed."""
        return replace(self, **changes)

    @classmethod
    def build(cls, config: Config | None = None, **options: Any) -> Config:
        """Merge an optional base config with keyword options, rejecting unknown names."""
        if config is not None and not isinstance(config, Config):  # fix_text(s, "gbk")
            raise TypeError(f"config must be a mojifix.Config or None, got {type(config).__name__}; "
                            "pass options as keywords (encoding='gbk')")
        base = config or DEFAULT
        if not options:
            return base
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise TypeError(f"unknown mojifix option(s): {', '.join(unknown)}")
        return replace(base, **options)


# What an option of each type may be given as (its annotation -> the types, in words), so a
# value of another type is a TypeError naming the option, not Python's words from deep inside
# (``encoding=5``: "lookup() argument must be str, not int") or, worse, no error (a truthy
# ``fix_mojibake="no"`` turned the fixer on). A list of rules is taken (made a tuple).
_TAKES: dict[str, tuple[tuple[type, ...], str]] = {
    "bool": ((bool,), "bool"),
    "str | None": ((str, type(None)), "str or None"),
    "tuple[str, ...]": ((tuple, list), "a tuple or list of str"),
}
_OPTION_TAKES = {f.name: _TAKES[str(f.type)] for f in fields(Config)}


def check_types(function: str, options: dict[str, Any]) -> None:
    """Raise the TypeError of ``function`` (the public function the options were given to) for
    the first option whose value is not of its type; unknown names are left to
    :meth:`Config.build`, which names them all."""
    for name, value in options.items():
        takes = _OPTION_TAKES.get(name)
        if takes is None:
            continue
        types, words = takes
        if not isinstance(value, types):
            raise wrong_type(function, value, argument=name, takes=words)
        if types[0] is tuple:  # the rules: each a str
            for item in value:
                if not isinstance(item, str):
                    raise wrong_type(function, item, argument=name, takes=words)


_FORMS = (None, "NFC", "NFD", "NFKC", "NFKD")  # Unicode's normal forms (unicodedata.normalize)

DEFAULT = Config()


# The kinds of file (see mojifix.engine.filekind, which decides them and what each allows).
KINDS = ("text", "markdown", "html", "code", "data")


def parse_kind_rules(rules: tuple[str, ...]) -> list[tuple[str, str]]:
    """``("docs/*.txt=markdown", ...)`` -> ``[("docs/*.txt", "markdown"), ...]``; a rule without
    ``=`` or with an unknown kind raises :class:`~mojifix.errors.MojifixError`.

    >>> parse_kind_rules(("legacy/*.md=text",))
    [('legacy/*.md', 'text')]
    """
    out = []
    for rule in rules:
        glob, sep, kind = rule.rpartition("=")
        if not sep or not glob or kind not in KINDS:
            raise MojifixError(f"file kind rule {rule!r} is not GLOB=KIND",
                               f"KIND is one of {', '.join(KINDS)}")
        out.append((glob, kind))
    return out
