"""Each chain's evidence over the document: the chain search's gains summed, and the sparse
chains left out.

Why a module of its own: the sum is the document's (the whole file's, when streamed: each line's
gain depends on that line alone, so the chunks' sums add up, :func:`mojifix.scoring.evidence.page_totals`),
and what it may be taken for is a question of its own, told here with its measurements.

A pair of bytes of a CJK page is a valid UTF-8 character now and then (GBK's ``讷``, D8 AB, is
UTF-8's ``ګ``; ``侬`` is ``ٯ``), so a big clean Chinese file holds short lines that UTF-8 read
through its page undoes, for a unit of gain or so each: jieba's dictionary (349,046 lines, 15,005
of them scored) had 10 such lines, whose 10.6 units planned the chain over the whole file and
rewrote 159 lines (``写写 32 v`` -> ``дд 32 v``; its IDF table, 172; a new user's QA). A part
garbled that way gains a unit or more on nearly every line. So a chain from UTF-8 through a CJK
page counts only where its gain reaches :data:`SPARSE_GAIN` of a unit per scored line (a line
holding a non-ASCII character that may cost something: ``chains._flagged_lines``); below that, a
line it would repair must prove the chain alone (``chains._decide``'s own-evidence bar) and the
plan holds no span of it.

Measured (gain per scored line, the whole document): jieba's dictionary 0.0007 and IDF table
0.0005; the bench's garbled documents (bench/quality.py, every case through GBK, GB18030, Big5,
Shift_JIS, cp932, EUC-KR) 2.0 or more lossless, and in the mixed cases (a clean part, two
chains, quoted English) none below the bar. Single-byte pages are not asked: a clean text
undoes through them only with the marks of their mojibake (``Ã©``), which ftfy's own rules weigh.
"""

from __future__ import annotations

from ..scoring.evidence import page_totals
from .shapes import MULTIBYTE

Chain = tuple[str, ...]

SPARSE_GAIN = 0.005
_SCORED = "#scored-lines"  # (a key beside the chains' in the page totals: summed the same way)


def document_gain(local: dict[Chain, float], lines: int = 0) -> dict[Chain, float]:
    """Each chain's gain over the document (the whole file's, when streamed), from this text's
    ``local`` gains and its ``lines`` scored lines; sparse chains (:func:`sparse`) left out."""
    total = page_totals("chain-gain", {"|".join(ch): v for ch, v in local.items()} | {_SCORED: lines})
    scored = total.pop(_SCORED, 0.0)
    gains = {tuple(k.split("|")): v for k, v in total.items()}
    return {ch: v for ch, v in gains.items() if not sparse(ch, v, scored)}


def sparse(chain: Chain, gain: float, lines: float) -> bool:
    """Whether ``chain``'s ``gain`` over ``lines`` scored lines is a big clean file's
    coincidences, not a garbled part (see the module notes)."""
    return chain[0] == "utf-8" and chain[-1] in MULTIBYTE and gain < SPARSE_GAIN * lines
