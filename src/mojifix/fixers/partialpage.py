"""The page of ftfy's repair of runs inside a line, named for the report.

ftfy repairs a line it cannot undo whole by its runs that look like mojibake
(``decode_inconsistent_utf8``: each run re-decoded through the first of its pages that explains
it), and its explanation names no page for them: mojifix said "UTF-8 read as windows-1252 (in
part of a line)" for every such repair, and a Ukrainian line with ``Р”Р†РђРџРђР—РћРќ`` repaired
into ``ДІАПАЗОН`` was reported as read through windows-1252. Here each place the repair changed
is undone through ftfy's pages in ftfy's order; the first page that reads every place back as
the repair has it names the finding. Where none does (a place cut across sequences by the
diff, other cleanups), the name stays. Only the report moves: the repair, and the evidence the
document's plan counts, are the same (fixers/mojibake.py keeps its chain for those)."""

from __future__ import annotations

from ..model import describe_chain
from .pagechoice import undo

PARTIAL = " (in part of a line)"
_DEFAULT = ("utf-8", "windows-1252")
# ftfy's pages (ftfy.chardata.CHARMAP_ENCODINGS, its sloppy forms named as mojifix names them),
# in its order but for windows-1252 first: the name these repairs had, kept where it reads the
# places (ftfy tries Latin-1 first, which reads alike the places with no 80-9F byte).
_PAGES = ("windows-1252", "latin-1", "windows-1251", "windows-1250", "windows-1253", "windows-1254",
          "windows-1257", "iso-8859-2", "mac-roman", "cp437")


def named(key: tuple[tuple[str, ...], str], line: str, fixed: str) -> tuple[tuple[str, ...], str]:
    """``key`` (chain, summary) of ftfy's repair of ``line`` into ``fixed``, with the page of a
    repair in part of a line named by the places it changed (see the module)."""
    if key[0] != _DEFAULT or not key[1].endswith(PARTIAL):
        return key
    from ..textdiff import diff_edits

    places = [(line[e.start:e.end], e.replacement) for e in diff_edits(line, fixed, 0, "mojibake", "")]
    if not places or any(old.isascii() for old, _ in places):
        return key
    for page in _PAGES:
        chain = ("utf-8", page)
        if all(undo(old, chain) == new for old, new in places):
            return key if chain == _DEFAULT else (chain, describe_chain("mojibake", chain) + PARTIAL)
    return key
