"""Every finding kind and change kind mojifix produces, in one registry.

(Top level, with the data model: fixers, the engine and the reports all read it;
:mod:`mojifix.model` re-exports :func:`belongs`.)

A *finding* says what happened to a text (``mojibake``, ``pinyin-glosses``); a *change* is one
located edit (``pinyin-gloss``: one gloss removed). Reports group changes under the finding
that caused them, and ``mojifix check`` shows each finding at its first change, so each change
kind names the finding kind(s) it is the work of, here, by member and not by a spelling rule.

Why an exact table and not a rule on names (the shared-prefix rule came first, then a table of
exceptions): ``gbk-realign`` changes share no prefix with their ``gbk-misalignment`` finding,
and ``mojibake`` changes are no work of the ``mojibake-lost`` / ``mojibake-lossy`` findings
(which change nothing), yet a prefix rule said they were.

Both enums are ``str``-valued: a member *is* its string (``FindingKind.MOJIBAKE == "mojibake"``),
so findings built with plain strings, JSON, SARIF rule ids and pickles stay exactly as they
were. ``tests/test_kinds.py`` checks that every kind written anywhere in ``src/`` is a member.
"""

from __future__ import annotations

from enum import Enum


class _Kind(str, Enum):
    # str(), format() and f-strings give the value, as for the plain strings (Python 3.10 has
    # no StrEnum).
    def __str__(self) -> str:
        return self.value

    __format__ = str.__format__
    # Hashed as the string (Enum hashes the member's name): a member and its string are the
    # same key in a dict or set, so tables keyed by either keep working.
    __hash__ = str.__hash__


class FindingKind(_Kind):
    """What a finding says happened (``Finding.kind``)."""

    MOJIBAKE = "mojibake"
    MOJIBAKE_LOST = "mojibake-lost"  # unrecoverable garbage (锟斤拷), reported, not repaired
    MOJIBAKE_LOSSY = "mojibake-lossy"  # UTF-8 read as GBK with bytes lost: gaps left or marked U+FFFD
    HTML_ENTITIES = "html-entities"
    BARE_ENTITIES = "bare-entities"
    ZERO_WIDTH = "zero-width"
    PINYIN_GLOSSES = "pinyin-glosses"
    LOST_SPACES = "lost-spaces"
    GBK_MISALIGNMENT = "gbk-misalignment"
    LOST_CHARACTERS = "lost-characters"
    # Letters a CJK page could not decode, chosen back by word frequency (fixers/lostwords.py):
    # guesses, so the document stays damaged.
    LOST_LETTERS = "lost-letters"
    RESTORE = "restore"
    NORMALIZE = "normalize"
    FILE_KIND = "file-kind"  # a file-kind policy kept a fixer from a change
    BOM = "bom"
    ENCODING = "encoding"
    DECLARED_ENCODING = "declared-encoding"
    # Bytes of a CJK page it cannot decode, marked U+FFFD (decoding/cjkpages.py)
    UNDECODABLE_BYTES = "undecodable-bytes"


# Damage that cannot be undone: the bytes were lost before mojifix saw the text. A file holding
# it is never "clean" (``check`` exits 1 on it), though nothing is rewritten for it.
UNRECOVERABLE = frozenset({FindingKind.MOJIBAKE_LOST, FindingKind.MOJIBAKE_LOSSY,
                           FindingKind.LOST_LETTERS, FindingKind.UNDECODABLE_BYTES})


def lost_in_decoding(findings: object) -> str:
    """What writing the text would lose of the bytes (a CJK page's undecodable spans, read as
    U+FFFD: decoding/cjkpages.py), in words; "" when nothing. ``fix -i`` writes such a file
    back only with ``--force``, as a guessed page (the original bytes are gone once written)."""
    found = [f for f in findings if f.kind == FindingKind.UNDECODABLE_BYTES]  # type: ignore[attr-defined]
    if not found:
        return ""
    n, page = sum(f.count for f in found), found[0].chain[0]
    return f"{n} span{'s' * (n != 1)} of bytes {page} cannot decode would be written as U+FFFD"


class ChangeKind(_Kind):
    """What one located change did (``Edit.kind``, ``Change.kind``); :attr:`findings` names
    the finding kind(s) it is the work of."""

    findings: tuple[FindingKind, ...]

    def __new__(cls, value: str, *findings: FindingKind) -> ChangeKind:
        member = str.__new__(cls, value)
        member._value_ = value
        member.findings = findings
        return member

    MOJIBAKE = "mojibake", FindingKind.MOJIBAKE
    HTML_ENTITY = "html-entity", FindingKind.HTML_ENTITIES
    BARE_ENTITY = "bare-entity", FindingKind.BARE_ENTITIES
    ZERO_WIDTH = "zero-width", FindingKind.ZERO_WIDTH
    PINYIN_GLOSS = "pinyin-gloss", FindingKind.PINYIN_GLOSSES
    # A re-aligned run is also where the characters the converter lost are marked U+FFFD.
    GBK_REALIGN = "gbk-realign", FindingKind.GBK_MISALIGNMENT, FindingKind.LOST_CHARACTERS
    T2S = "t2s", FindingKind.RESTORE
    # Made by restore, and by the gloss fixer with --restore (only it can prove that a '?' or
    # ',' before a straddling gloss was a full-width mark): the work of either finding.
    FULLWIDTH_PUNCTUATION = "fullwidth-punctuation", FindingKind.RESTORE, FindingKind.PINYIN_GLOSSES
    NORMALIZE = "normalize", FindingKind.NORMALIZE
    DECLARED_ENCODING = "declared-encoding", FindingKind.DECLARED_ENCODING


def belongs(change_kind: str, finding_kind: str) -> bool:
    """Whether a change of ``change_kind`` is the work of a finding of ``finding_kind``
    (``pinyin-gloss`` changes belong to the ``pinyin-glosses`` finding, ``html-entity`` to
    ``html-entities``): the one rule, used by `check`'s formats and by `explain`. A kind not
    registered belongs to the finding of the same name (fixers added through the registry)."""
    try:
        return finding_kind in ChangeKind(change_kind).findings
    except ValueError:
        return change_kind == finding_kind
