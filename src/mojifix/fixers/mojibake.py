"""Mojibake: text whose bytes were decoded with the wrong codec (``cafÃ©`` for ``café``).

This module covers UTF-8 read as a single-byte code page (windows-1252, latin-1, windows-1250/
1251/1253/1254/1257, iso-8859-2, MacRoman, cp437) by delegating to ftfy, which is the best tool
for that job, with ftfy's *normalising* fixes turned off so that nothing but the mis-decoding is
touched. ftfy works line by line; so do we, which lets every repaired span be reported with its
line and column and leaves clean lines alone. ftfy refuses lines too short to prove their page
alone; those take the document's plan (:mod:`mojifix.fixers.plan`), from the lines ftfy did repair.

Speed: ftfy is only asked about lines the exact screen (:mod:`mojifix.scoring.screen`) lets
through: pure CJK, Arabic or ASCII lines never reach it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from ..config import Config
from ..memo import FTFY_LINE_MAX, FTFY_LINES_MAX, current
from ..model import Edit, Edits, Finding, describe_chain, mojibake_summary
from ..scoring import screen as _screen
from ..scoring.screen import suspicious_line
from ..textdiff import changed_and_lost
from . import pagechoice
from .ftfyguard import a0_masked, refused_words
from .gluedlead import glued_masked
from .loneletters import LONE, lone_letters_only, masked, written_in_page
from .lossylines import proven_lines, unrepaired
from .lostsingle import fill_words, refill
from .pagechoice import undo as _undo
from .partialpage import PARTIAL, named
from .repairedlines import Key, RepairedLines, line_end
from .utf8variants import plain_utf8


@lru_cache(maxsize=1)
def _ftfy_config():  # -> ftfy.TextFixerConfig, imported lazily
    from ftfy import TextFixerConfig

    return TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=True,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=True,
        remove_control_chars=False,
        normalization=None,
        explain=True,
    )


_PARTIAL_UTF8 = {"decode_inconsistent_utf8", "replace_lossy_sequences", "restore_byte_a0"}


def _canonical(codec: str) -> str:
    codec = codec.replace("sloppy-", "")
    return {"macroman": "mac-roman"}.get(codec, codec)


def chain_of_steps(steps: list[tuple[str, str]]) -> tuple[tuple[str, ...], str]:
    """Turn ftfy's explanation into our chain and a sentence.

    ``[('encode', 'sloppy-windows-1252'), ('decode', 'utf-8')]`` ->
    ``(('utf-8', 'windows-1252'), 'UTF-8 read as windows-1252')`` (the sentence is
    :func:`mojifix.model.describe_chain`'s, the one describer).
    """
    layers: list[tuple[str, str]] = []
    pending: str | None = None
    for action, param in steps:
        if action == "encode":
            pending = _canonical(param)
        elif action == "decode" and pending is not None:
            layers.append((param, pending))
            pending = None
    if not layers:
        names = [p for a, p in steps if a in ("apply", "transcode")]
        if any(n in _PARTIAL_UTF8 for n in names):
            chain = ("utf-8", "windows-1252")
            return chain, describe_chain("mojibake", chain) + PARTIAL  # (its page: partialpage.named)
        if "fix_c1_controls" in names:
            chain = ("windows-1252", "latin-1")
            return chain, describe_chain("mojibake", chain) + " (C1 controls)"
        return (), f"mis-decoded bytes repaired ({', '.join(names) or 'cleanup'})"
    # The innermost layer is the last one undone; report from the original encoding outward.
    chain = (layers[-1][0], *[wrong for _, wrong in reversed(layers)])
    text = describe_chain("mojibake", chain)
    return chain, text


# Lone surrogates, which ftfy never sees (it would turn each into U+FFFD, reported as "mojibake",
# one character lost): bytes that were not UTF-8 in mostly-UTF-8 input, kept by ``decode`` as
# U+DC80..U+DCFF (Python's surrogateescape) so that they are written back exactly; and any other
# half of a pair standing alone, which only a caller's str holds (a JSONL record's ``"\\ud83d"``,
# an emoji cut in half by a UTF-16 substring: QA 25). mojifix cannot know what the other half
# was, so the half is kept as it came (in a record, as its escape): it is no mojibake, and the
# repairs around it are made as if it were a line break. Nor is it reported otherwise, as a
# stray byte of a UTF-8 file is not: both are damage kept as it came, and a finding for them
# (which would make ``check`` fail on them) is a policy for both roads, not this fixer's. (A low surrogate right after a high one
# is a pair, a caller's UTF-16 text: ftfy's to join.)
_RAW_BYTES = re.compile("(?:[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff])+")


def _pieces(text: str) -> Iterator[tuple[int, str]]:
    """(offset, piece) for each line (as ``textdiff.split_lines`` cuts them, one at a time: a
    list of them all is a copy of the text, issue 20), split further around raw bytes."""
    pos = 0
    size = len(text)
    while pos < size:
        line = text[pos:text.find("\n", pos) + 1 or size]
        start = 0
        for m in _RAW_BYTES.finditer(line):
            if m.start() > start:
                yield pos + start, line[start:m.start()]
            start = m.end()
        if start < len(line):
            yield pos + start, line[start:]
        pos += len(line)


def _ftfy_fix(line: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """ftfy's answer for one line, through its public API (``ftfy.fix_and_explain`` with
    :func:`_ftfy_config`). (mojifix used to re-run ftfy's loop itself on ftfy's private
    ``_fix_encoding_one_step_and_explain`` and ``FIXERS`` to skip the last round of a repaired
    line; issue 17: a speed trick tied to another project's internals, which a minor ftfy
    release may change. The extra round costs only repaired lines, which are few.)"""
    import ftfy

    def ask(text: str) -> Any:
        return ftfy.fix_and_explain(text, _ftfy_config())

    fixed, found = ask(line)
    if fixed != line and (masked := a0_masked(line, ask)):
        fixed, found = masked
    elif masked := glued_masked(line, fixed, ask):
        fixed, found = masked
    return fixed, tuple((s[0], s[1]) for s in found or ())


def ftfy_fix(line: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """ftfy's ``fix_and_explain`` with mojifix's settings: (fixed line, steps). While a document
    is repaired, lines up to ``memo.FTFY_LINE_MAX`` characters are kept in its memo (the chain
    search asks about a line first, then this fixer does; a page repeats lines), and dropped
    with the memo when the document is done: a repair never keeps a user's text alive, and its
    cost never depends on an earlier one."""
    memo = current()
    if memo is None or len(line) > FTFY_LINE_MAX:
        return _screened_ftfy_fix(line)
    found = memo.ftfy.get(line)
    if found is None:
        found = _screened_ftfy_fix(line)
        if len(memo.ftfy) < FTFY_LINES_MAX:
            memo.ftfy[line] = found
    return found


def _ftfy_text(text: str) -> str:
    """ftfy's repaired text of ``text`` (a word or a piece of a line: ftfyguard.refused_words)."""
    return ftfy_fix(text)[0]


def _screened_ftfy_fix(line: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """:func:`_ftfy_fix` after the fixer's first screen (no character of single-byte mojibake: ftfy
    changes nothing). The chain search asks ftfy about each line a chain repairs (UTF-8 read as GBK:
    issue 20); the whole screen costs more than it saves. No caller reads an unchanged line's steps."""
    if suspicious_line().search(line) is None:
        return line, ()
    return _ftfy_fix(line)


def _asked(line: str) -> bool:
    """Whether ftfy's answer for ``line`` is in the memo already (no screen needed then)."""
    return (memo := current()) is not None and line.rstrip("\r\n") in memo.ftfy


@lru_cache(maxsize=1)
def _textdiff():  # type: ignore[no-untyped-def]
    """:mod:`mojifix.textdiff` (difflib), imported when a line is first diffed, then at hand."""
    from .. import textdiff
    return textdiff


def fix_mojibake(text: str, config: Config) -> tuple[Sequence[Edit], list[Finding]]:
    if not config.fix_mojibake or text.isascii():
        return [], []
    screen = suspicious_line()
    if screen.search(text) is None:
        return [], []
    from ..textdiff import diff_edits  # difflib: only when a line needs it

    might_be_mojibake = _screen.might_be_mojibake

    edits = Edits()  # one per place, held column-wise (a garbled document has hundreds of thousands)
    tally = _Tally()
    weak: list[tuple[int, str, str, tuple[tuple[str, ...], str]]] = []
    done: list[tuple[int, tuple[str, ...]]] = []
    strong: set[int] = set()  # lines ftfy repaired in many places: two units of evidence
    lines = RepairedLines(text)
    lone: list[tuple[int, str]] = []  # weak or untouched, ftfy not asked yet (lone_letters_only)
    untouched: list[tuple[int, str]] = []  # lines ftfy left: lostsingle.proven_lines
    for pos, line in _pieces(text):
        if LONE.search(line) is not None and lone_letters_only(line):
            lone.append((pos, line))
            continue
        if screen.search(line) is not None:
            repaired = _repair_body(line) if _asked(line) or might_be_mojibake(line) else None
            if repaired is None:
                untouched.append((pos, line))
                continue
            fixed, key = repaired
            if _only_lone_letters(line):
                weak.append((pos, line, fixed + line_end(line), key))
                continue
            lines.add(pos, line, fixed, key)
    for pos, line, fixed, key in proven_lines(lines, untouched):  # (short lines of dropped bytes)
        lines.add(pos, line, fixed, key)
    if lone and lines:  # (with no line of ftfy's, nothing below makes an edit: weak lines wait)
        weak = sorted(weak + _ftfy_weak(lone))
    page = pagechoice.page_of(text, lines)  # (the document's Central European page, if it shows one)
    siblings = pagechoice.sibling_pages(lines, page)
    words, word_findings = fill_words(lines, siblings)  # (lost letters chosen by word)
    for pos, line, fixed, key in lines.taken():
        fixed, key = siblings.get(pos, (fixed, key))
        fixed = words.get(pos, fixed)
        if fixed == line:
            continue  # (kept as it came: pagechoice.sibling_pages)
        found = diff_edits(line, fixed, pos, "mojibake", key[1])
        edits.extend(found)
        tally.add(key, line, fixed, len(found), example(text, found[0]))
        done.append((pos, key[0]))
        if len(found) >= STRONG_LINE:
            strong.add(pos)
    for pos, line, fixed, key in _planned(text, done, {pos for pos, *_ in weak}, strong, page):
        found = diff_edits(line, fixed, pos, "mojibake", key[1])
        edits.extend(found)
        tally.add(key, line, fixed, len(found), example(text, found[0]))
    if len(edits) > 1:
        edits.sort_by_start()
    # The document shows other mojibake, on two lines or more (as the plan asks two units of
    # evidence, see _planned): a lone Ã is one more case of it, where its line shows nothing else
    # of the page (a review: one garbled word made ``Le lettere Ã e Â sono rare.`` ``à e \xa0sono``).
    if weak and len(done) + len(strong) >= 2:  # (a strong line, one of done's: two)
        for pos, line, fixed, key in weak:
            if written_in_page(line):
                continue
            found = diff_edits(line, fixed, pos, "mojibake", key[1])
            edits.extend(found)
            tally.add(key, line, fixed, len(found), example(text, found[0]))
        edits.sort_by_start()
    return edits, tally.findings() + word_findings


def _planned(text: str, done: list[tuple[int, tuple[str, ...]]], skip: set[int] | None = None,
             strong: set[int] | None = None, page: tuple[str, ...] | None = None) -> Iterator[tuple[int, str, str, Key]]:
    """The lines ftfy left alone that the document's plan repairs (see :mod:`mojifix.fixers.plan`):
    ftfy judges each line alone and refuses short ones (``DALĹ\xa0ĂŤ INFORMACE``, Czech
    ``DALŠÍ`` read as cp1250), even when the rest of the document shows the page. Each line
    ftfy re-decoded counts as one unit of evidence for its chain (ftfy is conservative: a
    line it re-decodes is strong evidence), so a chain needs two such lines to be planned;
    a line it repaired in :data:`STRONG_LINE` places or more (``strong``) counts as two.
    (pos, line, repair, (chain, summary)) for each, in document order; ``page``: pagechoice.page_of."""
    # Only chains of UTF-8 read through pages count (ftfy's cleanups, named by no chain, and
    # its windows-1252-read-as-Latin-1 repairs of C1 controls are no page for the document).
    skip = {pos for pos, _ in done} | (skip or set())  # ftfy's lines are its own
    done = [row for row in done if len(row[1]) >= 2 and row[1][0] == "utf-8"]  # (its rows, not copies)
    strong = strong or set()
    from ..scoring.plausibility import cost
    from . import plan

    read = None if page is None else pagechoice.plan_reader(page, _chain_repair, text, done)
    repair = _chain_repair if read is None else lambda body, chain: read(body, chain)[0]
    if len(done) + len(strong & {pos for pos, _ in done}) < 2:
        chains = {chain for _, chain in done}
        if len(done) == 1 and len(chains) == 1 and len(done[0][1]) == 2:  # plan.traced: see there
            chain = next(iter(chains))
            done = sorted(done + [(pos, chain) for pos in plan.traced(
                text, skip, lambda body: repair(body, chain), cost)])
        if len(done) < 2:
            return

    done = _attributed(text, done)
    units = [(pos, chain, 2.0 if pos in strong else 1.0) for pos, chain in done]
    weights: Counter[tuple[str, ...]] = Counter()
    for _, chain, unit in units:
        weights[chain] += unit
    the_plan = plan.decide(units, dict(weights))
    if not the_plan:
        return
    repaired = skip

    for start, body, chain, cand in plan.repairs(text, the_plan, repaired, repair, cost):
        chain = chain if read is None else read(body, chain)[1]  # (the page that read it)
        yield start, body, cand, (chain, describe_chain("mojibake", chain))


def _chain_repair(body: str, chain: tuple[str, ...]) -> str | None:
    """A line the document's plan repairs with ``chain`` (strictly undone; ftfyguard's words
    refused), or None (raw bytes in it, or the chain cannot be undone)."""
    if _RAW_BYTES.search(body):
        return None
    return refused_words(body, _undo(body, chain), lambda t: _undo(t, chain))


# A line ftfy repaired in this many places or more (one long line: an Italian character table
# read as ISO-8859-2, ``ÂĄ ... Ă\x80 ...``) is as much evidence as two short lines: the short
# lines beside it (``altresĂŹ``, which ftfy leaves) take its page.
STRONG_LINE = 8


def _attributed(text: str, done: list[tuple[int, tuple[str, ...]]]) -> list[tuple[int, tuple[str, ...]]]:
    """``done`` with each line that several of the document's chains repair the same way
    counted for the chain of the nearest line only one of them repairs (its *anchor*).

    ftfy names one chain per line, and pages agree on most letters: Turkish ``Ä°SÄ°M`` is
    ``İSİM`` through Latin-1 and ISO-8859-2 alike, and ftfy names Latin-1. Counted as it
    names them, a document read through ISO-8859-2 is cut into spans of both chains, and a
    short line between two Latin-1 lines (``sayfasÄą``, ISO-8859-2's ``ı`` only) has no span
    that can repair it. Why the nearest anchor and not the commonest chain: two parts pasted
    together (cp1250 then ISO-8859-2, which share most letters) keep a span each, and the
    ambiguous lines of each part go with the part. Only the evidence moves: each line's repair
    is the same text."""
    import bisect

    chains = list(dict.fromkeys(chain for _, chain in done))
    if len(chains) < 2:
        return done
    # Each line's set of chains, held once per distinct set (a handful): a set per line was
    # 216 bytes a line, 19 MB of a 20 MB French file read as cp1252 (issue 20).
    same: list[frozenset[tuple[str, ...]]] = []
    held: dict[frozenset[tuple[str, ...]], frozenset[tuple[str, ...]]] = {}
    for pos, chain in done:
        end = text.find("\n", pos)
        body = text[pos:end if end >= 0 else len(text)].rstrip("\r")
        own = _undo(body, chain)
        alike = frozenset(alt for alt in chains
                          if alt == chain or (own is not None and _undo(body, alt) == own))
        same.append(held.setdefault(alike, alike))
    anchors: dict[tuple[str, ...], list[int]] = {}
    for i, (_, chain) in enumerate(done):
        if len(same[i]) == 1:
            anchors.setdefault(chain, []).append(i)
    out = []
    for i, row in enumerate(done):
        pos, chain = row
        if len(same[i]) > 1:
            best: tuple[int, tuple[str, ...]] | None = None
            for alt in (c for c in chains if c in same[i]):  # document order: deterministic
                where = anchors.get(alt, [])
                k = bisect.bisect_left(where, i)
                for a in where[max(k - 1, 0):k + 1]:
                    if best is None or abs(a - i) < best[0]:  # a tie: the earlier chain tried
                        best = (abs(a - i), alt)
            if best is not None and best[1] != chain:
                row = (pos, best[1])
        out.append(row)  # (the row itself when its chain stays: not a copy a line)
    return out


def _ftfy_weak(lone: list[tuple[int, str]]) -> list[tuple[int, str, str, tuple[tuple[str, ...], str]]]:
    """The lines of ``lone`` (:func:`mojifix.fixers.loneletters.lone_letters_only`) ftfy
    repairs: the fixer's weak lines, (pos, line, repair, (chain, summary)) in document order."""
    out = []
    for pos, line in lone:
        repaired = _repair_line(line)
        if repaired is not None:
            out.append((pos, line, *repaired))
    return out


def _only_lone_letters(line: str) -> bool:
    """Whether ftfy's repair of ``line`` is only of lone ``Ã``/``Â`` letters (see ``LONE``):
    the line with them written as ``A`` needs no repair. Such a repair is kept only in a
    document that shows other mojibake (a missed fix beats a wrong one)."""
    if LONE.search(line) is None:
        return False
    return _repair_line(masked(line)) is None


def _repair_line(line: str) -> tuple[str, tuple[tuple[str, ...], str]] | None:
    """ftfy's repair of ``line`` and its (chain, summary), or None when ftfy changes nothing.

    The line end is set aside: ftfy gives the same answer with or without it (checked over its
    conformance cases), and the chain search, which asked first, cached the line without it."""
    repaired = _repair_body(line)
    return None if repaired is None else (repaired[0] + line_end(line), repaired[1])


def _repair_body(line: str) -> tuple[str, tuple[tuple[str, ...], str]] | None:
    """:func:`_repair_line` without the line end: the repaired body is ftfy's answer itself,
    the string the memo holds (:func:`ftfy_fix`), so a fixer keeping every line's repair keeps
    no second copy of it (issue 20: the line end added made one a line); only a line whose lost
    bytes :func:`mojifix.fixers.lostsingle.refill` reads back is a string of its own."""
    body = line.rstrip("\r\n")
    fixed, steps = ftfy_fix(body)
    if fixed == body:
        found = unrepaired(body)  # (every word lost a byte: nothing ftfy could decode)
        if found is None:
            return None
        chain = ("utf-8", found[1])
        return found[0], (chain, describe_chain("mojibake", chain))
    key = plain_utf8(chain_of_steps(list(steps)), fixed, body, steps)
    guarded = refused_words(body, _strict_layers(body, fixed, steps, key[0]), _ftfy_text)
    if guarded != body:
        # (a U+FFFD that stood for a byte the page lacks; none where the guards refused ftfy's
        # whole repair: ``Ü¦Ý<br>``, Shift_JIS read as cp1252, stays as it came)
        guarded = refill(body, guarded, key[0])
    fixed = guarded
    return None if fixed == body else (fixed, key)


def _strict_layers(body: str, fixed: str, steps: tuple[tuple[str, str], ...], chain: tuple[str, ...]) -> str:
    """ftfy's ``fixed`` line, or the strict undoing of its layers (``chain``) when ftfy went on
    past them only to read lone ``Â``/``Ã`` letters (:data:`LONE`) as mojibake.

    An Italian character table read as Latin-1 (``302 194 C2 Ã\x82 LATIN CAPITAL LETTER A``):
    ftfy undoes the layer, which gives ``Â LATIN`` back exactly, then reads that ``Â `` as a
    no-break space whose UTF-8 was read as Latin-1 (``decode_inconsistent_utf8``), and ``Ã `` as
    ``à``. The layer undone consumed the line's evidence: a lone letter left after it would have
    been read wrongly twice, which the rest of the line was not, and a lone ``Ã `` alone is the
    letter (see :func:`_only_lone_letters`). So the strict result stands."""
    if not chain or not any(a == "apply" and p in _PARTIAL_UTF8 for a, p in steps):
        return fixed
    strict = _undo(body, chain)
    # (ftfy on the strict result: its own reading again, or nothing where a guard keeps the
    # letters, ftfyguard.table_cuts)
    if strict is None or strict == fixed or ftfy_fix(strict)[0] not in (fixed, strict) or not _only_lone_letters(strict):
        return fixed
    return strict


def example(text: str, e: Edit) -> str:
    """A finding's example: the first place a repair changed, before -> after."""
    return f"{text[e.start:e.end][:40]!r} -> {e.replacement[:40]!r}"


def text_only(text: str, config: Config) -> tuple[str, list[Finding]] | None:
    """:func:`fix_mojibake`'s text and findings, for callers that want no located edits (see
    pipeline.py): only the lines holding a mojibake-alphabet character are visited (found by
    searching the whole text, not line by line), and a repaired line's spans are counted, not
    built (``textdiff.count_edits``), except the first of each chain, which is the example.
    Text with raw bytes (which split lines into pieces) takes the fixer's own road (None)."""
    if not config.fix_mojibake or text.isascii():
        return text, []
    screen = suspicious_line()
    m = screen.search(text)
    if m is None:
        return text, []
    if _RAW_BYTES.search(text) is not None:
        return None

    might_be_mojibake = _screen.might_be_mojibake

    tally = _Tally()
    weak = False
    lone: list[tuple[int, str]] = []  # weak or untouched, ftfy not asked yet (lone_letters_only)
    untouched: list[tuple[int, str]] = []  # lines ftfy left: lostsingle.proven_lines
    repaired_lines: list[tuple[int, tuple[str, ...]]] = []
    strong: set[int] = set()
    repaired_text = RepairedLines(text)
    while m is not None:
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.start()) + 1 or len(text)
        line = text[start:end]
        if LONE.search(line) is not None and lone_letters_only(line):
            lone.append((start, line))
            m = screen.search(text, end)
            continue
        repaired = _repair_body(line) if _asked(line) or might_be_mojibake(line) else None
        if repaired is not None and _only_lone_letters(line):
            weak, repaired = True, None  # decided below, on the whole document
        elif repaired is None:
            untouched.append((start, line))
        else:
            body_fixed, key = repaired
            key = repaired_text.add(start, line, body_fixed, key)  # (the key held once, not a line's copy)
            repaired_lines.append((start, key[0]))
        m = screen.search(text, end)
    for start, line, body_fixed, key in proven_lines(repaired_text, untouched):
        key = repaired_text.add(start, line, body_fixed, key)  # (short lines of dropped bytes)
        repaired_lines.append((start, key[0]))
    if repaired_text and (weak or _ftfy_weak(lone)):  # other mojibake: the fixer's road decides a lone Ã
        return None
    page = pagechoice.page_of(text, repaired_text)
    if pagechoice.sibling_pages(repaired_text, page):
        return None  # another page repairs some lines better: the fixer's road decides
    words, word_findings = fill_words(repaired_text)  # (lost characters chosen by context)
    if words:
        repaired_text.refit(words)
    # (counted once the lines are final, in document order, as the fixer's road counts them)
    for start, line, fixed, key in repaired_text:
        if tally.counted(text, start, line, fixed, key) >= STRONG_LINE:
            strong.add(start)
    planned = _planned(text, repaired_lines, None, strong, page)
    if weak:
        if next(planned, None) is not None:
            return None  # the plan and the weak lines: the fixer's road orders them
    else:
        # The lines the document's plan repairs beyond ftfy's, counted and exemplified as the
        # fixer's road does (after ftfy's lines, in document order). Taken here rather than
        # handing the document to that road: it built an edit per place of a document garbled
        # on every line (a 20 MB French file read as cp1252: 417,000) and diffed each line a
        # second time, which was the larger part of its time and of its peak memory (issue 20).
        for pos, line, fixed, key in planned:
            tally.counted(text, pos, line, fixed, key)
            repaired_text.add(pos, line, fixed, key)
    return repaired_text.joined(), tally.findings() + word_findings


# Characters latin-1 and windows-1252 read differently from the same byte: C1 controls that
# windows-1252 (ftfy's sloppy form, which keeps the five bytes it leaves undefined) reads as
# letters or punctuation. A line without them reads the same through both code pages.
_LATIN1_ONLY = frozenset(map(chr, set(range(0x80, 0xA0)) - {0x81, 0x8D, 0x8F, 0x90, 0x9D}))
_W1252 = ("utf-8", "windows-1252")


class _Tally:
    """Per document, what each chain repaired: places, characters changed and lost, the first
    example. One finding per chain, as a person would say what happened to the document.

    Why lines are merged across chains: ftfy names a line by the first code page that explains
    it, so in a document read as windows-1252 a line whose bytes all fall in 0xA0-0xFF is named
    latin-1 (it reads the same through both), and one garbling became two findings. Such a
    line is counted under windows-1252 when the document has a line only windows-1252 explains
    (its 0x80-0x9F characters: ``€``, ``“``, ``™``); a line that needs latin-1's C1 controls
    stays latin-1, and a document with no windows-1252 evidence stays latin-1 (ftfy's name)."""

    def __init__(self) -> None:
        # key: (chain, ambiguous) -> [places, changed, lost, example, fallback summary]
        self.rows: dict[tuple[tuple[str, ...], bool], list] = {}

    def __bool__(self) -> bool:
        return bool(self.rows)

    @staticmethod
    def _key(chain: tuple[str, ...], line: str) -> tuple[tuple[str, ...], bool]:
        return chain, chain == ("utf-8", "latin-1") and _LATIN1_ONLY.isdisjoint(line)

    def has_example(self, key: tuple[tuple[str, ...], str], line: str) -> bool:
        return self._key(key[0], line) in self.rows

    def add(self, key: tuple[tuple[str, ...], str], line: str, fixed: str, places: int,
            example: str) -> None:
        self._add(named(key, line, fixed), line, fixed, places, example)  # (partialpage.py)

    def _add(self, key: tuple[tuple[str, ...], str], line: str, fixed: str, places: int, example: str) -> None:
        at = self._key(key[0], line)
        row = self.rows.get(at)
        if row is None:
            row = self.rows[at] = [0, 0, 0, example, key[1]]
        changed, lost = changed_and_lost(line, fixed)
        row[0] += places
        row[1] += changed
        row[2] += lost

    def counted(self, text: str, pos: int, line: str, fixed: str, key: tuple[tuple[str, ...], str]) -> int:
        """:meth:`add` for the line at ``pos`` of ``text`` repaired into ``fixed``, its places
        counted (only a chain's first line is diffed into edits, for its example); the places."""
        textdiff = _textdiff()  # (an import statement each line was 0.26 s on 20 MB of French)
        key = named(key, line, fixed)
        if self.has_example(key, line):
            places = textdiff.count_edits(line, fixed)
            self._add(key, line, fixed, places, "")
        else:
            found = textdiff.diff_edits(line, fixed, pos, "mojibake", key[1])
            places = len(found)
            self._add(key, line, fixed, places, example(text, found[0]))
        return places

    def findings(self) -> list[Finding]:
        merged: dict[tuple[str, ...], list] = {}
        moved = (_W1252, False) in self.rows
        # The chains' own lines first (each keeps its first example), then the lines moved.
        for (chain, ambiguous), row in sorted(self.rows.items(), key=lambda kv: kv[0][1] and moved):
            target = _W1252 if ambiguous and moved else chain
            old = merged.get(target)
            if old is None:
                merged[target] = list(row)
            else:
                old[0] += row[0]
                old[1] += row[1]
                old[2] += row[2]
        return [
            Finding(
                "mojibake", mojibake_summary(chain, n, changed, lost, fallback),
                count=n, confidence=0.9, chain=chain, evidence=(example,),
                changed=changed, lost=lost,
            )
            for chain, (n, changed, lost, example, fallback) in sorted(
                merged.items(), key=lambda kv: -kv[1][0])
        ]
