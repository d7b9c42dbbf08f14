"""Work of the Central European and Turkish pages (fixers/latinpages.py, issue 20): the same
decisions for less work.

Counted, not timed. A Czech page read as cp1252 was 0.4x ftfy's speed: every changed line and its
repair were costed whole, four times a page. The pages now ask what the repair changes of the
cost (``plausibility.cost_change``, on the places that differ), which must be the difference of
the costs; and the characters a repair changed are counted on those places too
(``textdiff.changed_and_lost``), which must give the multiset count it always gave.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

import mojifix
from mojifix.fixers import latinpages
from mojifix.scoring import plausibility
from mojifix.scoring.plausibility import cost, cost_change
from mojifix.textdiff import changed_and_lost

CZECH = ("Příliš žlutý kůň úpěl ďábelské ódy.\n"
         "Nastavení tiskárny se uloží do souboru.\n"
         "Soubor nelze otevřít: přístup odepřen.\n"
         "Tento program je svobodný software.\n") * 3

# Latin letters of several pages, C1 controls, cp1252 punctuation, and (for the fallback) Greek,
# Cyrillic, CJK and hangul letters, which the cost's regex terms are about.
_ALPHABET = ("abcXYZ 1.,-\n\u00e9\u00e8\u00c0\u00c1\u00fd\u00fe\u00f0\u00b9\u00b3\u00b1\u00bc"
             "\u010d\u0159\u0161\u017e\u0141\u0142\u0105\u0119\u015f\u011f\u0131\u0153\u0152"
             "\u20ac\u201c\u201d\u2014\u2013\u0081\u009a\u0085\u00a0\u2558"
             "\u0393\u0413\u0446\u0433\u4e2d\u6587\ud55c")


@st.composite
def _rewrites(draw: st.DrawFn) -> tuple[str, str]:
    old = draw(st.text(alphabet=_ALPHABET, max_size=40))
    new = list(old)
    for at in draw(st.lists(st.integers(0, max(len(old) - 1, 0)), max_size=6)):
        if new:
            new[at] = draw(st.sampled_from(_ALPHABET))
    return old, "".join(new) + draw(st.sampled_from(["", "", "", "x", "\u010d"]))


@settings(max_examples=400, deadline=None)
@given(_rewrites())
def test_cost_change_is_the_difference_of_the_costs(pair: tuple[str, str]) -> None:
    old, new = pair
    assert abs(cost_change(old, new) - (cost(new) - cost(old))) < 1e-9


@settings(max_examples=300, deadline=None)
@given(_rewrites())
def test_cost_change_at_given_places_is_the_same(pair: tuple[str, str]) -> None:
    old, new = pair
    new = new[: len(old)]
    if len(new) == len(old):
        places = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
        assert cost_change(old, new, places) == cost_change(old, new)


def _multiset_count(before: str, after: str) -> tuple[int, int]:
    """changed_and_lost's definition, counted the plain way."""
    has, had = Counter(after), Counter(before)
    lost = after.count("\ufffd")
    changed = sum(max(n - had[c], 0) for c, n in has.items()) - max(lost - had["\ufffd"], 0)
    if not changed and not lost and before != after:
        changed = sum(max(n - has[c], 0) for c, n in had.items())
    return changed, lost


@settings(max_examples=400, deadline=None)
@given(_rewrites(), st.sampled_from(["", "\ufffd", "\ufffd\ufffd"]))
def test_changed_and_lost_counts_the_multisets(pair: tuple[str, str], lost: str) -> None:
    old, new = pair
    new = new[: len(old)] if len(new) > len(old) else new
    if new:
        new = lost + new[len(lost):]
    assert changed_and_lost(old, new) == _multiset_count(old, new)


def test_a_czech_page_read_as_cp1252_is_decided_without_costing_its_lines(monkeypatch) -> None:
    garbled = CZECH.encode("cp1250").decode("cp1252")
    calls: list[str] = []
    real = plausibility.is_plausible  # (cost's first step on a line of more than 24 characters)

    def counting(text: str) -> bool:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(plausibility, "is_plausible", counting)
    found = latinpages._repairs(garbled)
    repaired = garbled
    for start, line, cand, _ in reversed(found):
        repaired = repaired[:start] + cand + repaired[start + len(line):]
    assert found and repaired == CZECH
    assert calls == []  # (before: every changed line and its repair, twice each)
    monkeypatch.undo()
    assert mojifix.fix_text(garbled) == CZECH


def test_the_lines_a_latin_page_repairs_are_not_read_back_through_the_lossy_pages(monkeypatch) -> None:
    """A document a Central European or Turkish page repairs: its repaired lines are chosen
    whatever a lossy page reads back on them, so none is asked (every line of a Turkish page
    was, of each lossy page: 7% of its time read as Latin-1)."""
    from mojifix.fixers import lossy

    turkish = ("açılış işlemleri tamamlandı\nDosya açılamadı: erişim engellendi\n"
               "Bu program özgür yazılımdır\n") * 3
    garbled = turkish.encode("cp1254").decode("latin-1")
    asked: list[str] = []
    real = lossy.lossy_utf8

    def counting(line: str, wrong: str = "gbk"):  # type: ignore[no-untyped-def]
        asked.append(line)
        return real(line, wrong)

    monkeypatch.setattr(lossy, "lossy_utf8", counting)
    assert mojifix.fix_text(garbled) == turkish
    assert asked == []


def test_a_page_that_repairs_as_an_earlier_one_did_is_not_weighed_again(monkeypatch) -> None:
    """Turkish with no C1 control read as Latin-1 passes both Turkish pages (cp1254 read as
    cp1252 and as Latin-1) with the same repair: the second is not weighed (the first wins
    a tie), so the change of the cost is asked once (of the changed lines joined), not twice."""
    turkish = ("açılış işlemleri tamamlandı\nDosya açılamadı: erişim engellendi\n"
               "Bu program özgür yazılımdır\n") * 3
    garbled = turkish.encode("cp1254").decode("latin-1")
    asked: list[str] = []
    real = latinpages.cost_change

    def counting(old: str, new: str, places=None) -> float:  # type: ignore[no-untyped-def]
        asked.append(old)
        return real(old, new, places)

    monkeypatch.setattr(latinpages, "cost_change", counting)
    found = latinpages._repairs(garbled)
    assert {chain for *_, chain in found} == {latinpages.TURKISH_CHAIN}  # (the first of the two)
    assert len(found) == 9 and asked == ["\n".join(line for _, line, _, _ in found)]
