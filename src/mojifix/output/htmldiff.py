"""Side-by-side diffs for the HTML report, and the spool that keeps them out of memory.

Why a module of its own: the page (:mod:`mojifix.output.htmlreport`) decides what to show; this module
turns one file's before/after into a bounded piece of HTML, and stores those pieces on disk while
a batch runs, so that a report over 10,000 files lists every diff without holding 10,000 texts.

Bounds, each chosen so that one pathological file cannot make the page unusable, while the
number of files is never capped (a file that hits a bound says so, and the JSON report or
``mojifix fix --diff FILE`` has everything):

* ``MAX_DIFF_ROWS`` rows of diff per file and ``MAX_DIFF_BYTES`` of HTML per file;
* ``MAX_LINE`` characters of one line (character alignment is quadratic, and a 1 MB minified
  line would freeze the browser's layout);
* ``MAX_SPOOL_BYTES`` of diff HTML for the whole page: past it, files still get their section
  with findings, only the diff is left out. It bounds the page (and the memory that builds it)
  even for a corpus of a million small files, and no ordinary run comes near it.
"""

from __future__ import annotations

import difflib
import html
import tempfile
import unicodedata
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING

from ..textdiff import common_ends

if TYPE_CHECKING:
    from ..runs.batch import Outcome

MAX_DIFF_ROWS = 80  # per file
MAX_DIFF_BYTES = 48_000  # of HTML per file
MAX_LINE = 2000  # characters of one line shown; longer lines are cut (and not aligned)
MAX_SPOOL_BYTES = 64_000_000  # of diff HTML per page
CONTEXT = 1  # unchanged lines shown around a change

# One row: (css class, old line number, old cell HTML, new line number, new cell HTML).
Row = tuple[str, "int | None", str, "int | None", str]


def esc(s: str) -> str:
    return html.escape(s, quote=True)


def visible(s: str) -> str:
    """Escape for HTML, showing invisible characters (format/control, except tab) by name, so a
    removed zero-width space is a visible ``⟨U+200B⟩`` and not an empty highlight. A lone
    surrogate (a raw byte kept from the input) is shown the same way: the page stays valid
    UTF-8."""
    if s.isprintable():  # the common case, one C loop: nothing invisible (tab and newline are
        return esc(s)  # not printable, so they take the slow road)
    out = []
    for ch in s:
        if ch not in "\t\n" and unicodedata.category(ch) in ("Cf", "Cc", "Cs", "Zl", "Zp"):
            out.append(f'<span class="inv">⟨U+{ord(ch):04X}⟩</span>')
        else:
            out.append(esc(ch))
    return "".join(out)


def _cut(s: str) -> str:
    return s if len(s) <= MAX_LINE else s[:MAX_LINE] + f" … ({len(s) - MAX_LINE} more characters)"


def intraline(a: str, b: str) -> tuple[str, str]:
    """The two lines with their differing characters wrapped in <del> / <ins>."""
    if len(a) > MAX_LINE or len(b) > MAX_LINE:  # character alignment is quadratic: do not
        return (f"<del>{visible(_cut(a))}</del>", f"<ins>{visible(_cut(b))}</ins>")
    # The common prefix and suffix are equal by definition: align only the middle (alignment
    # costs grow with the square of its length, and a fix usually touches a few characters).
    head, tail = common_ends(a, b)
    ma, mb = a[head:len(a) - tail], b[head:len(b) - tail]
    left, right = [visible(a[:head])], [visible(b[:head])]
    sm = difflib.SequenceMatcher(None, ma, mb, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            left.append(visible(ma[i1:i2]))
            right.append(visible(mb[j1:j2]))
            continue
        if i2 > i1:
            left.append(f"<del>{visible(ma[i1:i2])}</del>")
        if j2 > j1:
            right.append(f"<ins>{visible(mb[j1:j2])}</ins>")
    left.append(visible(a[len(a) - tail:]))
    right.append(visible(b[len(b) - tail:]))
    return "".join(left), "".join(right)


def _text_rows(before: str, after: str) -> Iterator[Row]:
    a = before.splitlines()
    b = after.splitlines()
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for group in sm.get_grouped_opcodes(CONTEXT):
        yield ("hunk", None, f"line {group[0][1] + 1}", None, f"line {group[0][3] + 1}")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                for k in range(i2 - i1):
                    cell = visible(_cut(a[i1 + k]))
                    yield ("eq", i1 + k + 1, cell, j1 + k + 1, cell)
                continue
            olds, news = a[i1:i2], b[j1:j2]
            # Lines paired one to one get character highlights; the rest stand alone.
            for k in range(max(len(olds), len(news))):
                x = olds[k] if k < len(olds) else None
                y = news[k] if k < len(news) else None
                if x is not None and y is not None:
                    hx, hy = intraline(x, y)
                    yield ("chg", i1 + k + 1, hx, j1 + k + 1, hy)
                elif x is not None:
                    yield ("chg", i1 + k + 1, f"<del>{visible(_cut(x))}</del>", None, "")
                elif y is not None:
                    yield ("chg", None, "", j1 + k + 1, f"<ins>{visible(_cut(y))}</ins>")


def _pair_rows(pairs: list[tuple[int, str, str]]) -> Iterator[Row]:
    for number, x, y in pairs:
        hx, hy = intraline(x, y)
        yield ("chg", number, hx, number, hy)


def _num(n: int | None) -> str:
    return "" if n is None else str(n)


def diff_html(o: Outcome) -> str:
    """One file's side-by-side diff (original | fixed) as a ``<table>``; ``''`` when the text
    did not change (a re-encode only) or was not kept."""
    if o.pairs:
        rows = _pair_rows(o.pairs)
    elif o.before is not None and o.after is not None and o.before != o.after:
        rows = _text_rows(o.before, o.after)
    else:
        return ""
    out = ['<table class="sbs"><colgroup><col class="ln"><col><col class="ln"><col></colgroup>'
           "<thead><tr><th></th><th>original</th><th></th><th>fixed</th></tr></thead><tbody>"]
    size = len(out[0])
    for i, (cls, n1, left, n2, right) in enumerate(rows):
        if cls == "hunk":
            row = f'<tr class="hunk"><td></td><td>@@ {left}</td><td></td><td>@@ {right}</td></tr>'
        else:
            row = (f'<tr class="{cls}"><td class="ln">{_num(n1)}</td><td>{left}</td>'
                   f'<td class="ln">{_num(n2)}</td><td>{right}</td></tr>')
        if i >= MAX_DIFF_ROWS or size + len(row) > MAX_DIFF_BYTES:
            out.append(f'<tr class="cut"><td></td><td colspan="3">… diff cut at {i} rows '
                       "(see the JSON report, or mojifix fix --diff on this file)</td></tr>")
            break
        out.append(row)
        size += len(row)
    out.append("</tbody></table>")
    return "".join(out)


class DiffSpool:
    """Diffs rendered as each outcome arrives and kept in a temporary file, not in memory.

    :meth:`add` renders an outcome's diff, writes it to the spool and drops the outcome's texts
    (``before``, ``after``, ``pairs``): memory stays bounded whatever the number of files, and
    the page still shows every diff. Keyed by the outcome object (``id``): the caller keeps the
    outcomes alive until the page is written. The temporary file is deleted when closed or
    garbage-collected (``tempfile.TemporaryFile``: it has no name on POSIX).
    """

    def __init__(self) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile(prefix="mojifix-diffs-")
        self._where: dict[int, tuple[int, int]] = {}
        self.size = 0
        self.left_out = 0  # diffs not kept because the page budget was spent

    def add(self, o: Outcome) -> None:
        piece = diff_html(o)
        o.before = o.after = None
        o.pairs = None
        if not piece:
            return
        data = piece.encode("utf-8", "surrogatepass")
        if self.size + len(data) > MAX_SPOOL_BYTES:
            self.left_out += 1
            data = ('<p class="muted">Diff left out: the page already holds '
                    f"{MAX_SPOOL_BYTES // 1_000_000} MB of diffs (see the JSON report, or "
                    "mojifix fix --diff on this file).</p>").encode()
        self._file.seek(0, 2)
        self._where[id(o)] = (self._file.tell(), len(data))
        self._file.write(data)
        self.size += len(data)

    def get(self, o: Outcome) -> str | None:
        """The outcome's diff HTML; ``None`` when it was never added (render it directly)."""
        where = self._where.get(id(o))
        if where is None:
            return None
        self._file.seek(where[0])
        return self._file.read(where[1]).decode("utf-8", "surrogatepass")

    def close(self) -> None:
        self._file.close()
