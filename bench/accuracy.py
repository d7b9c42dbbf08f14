"""Accuracy of mojibake repair, per chain, mojifix next to ftfy.

Generates cases from the fixture texts (fixtures/clean/*.txt and fixtures/texts/*.txt): every
paragraph of every language is pushed through every chain that can carry it losslessly (encode
with the original codec, decode strictly with the wrong one, per layer). Prints, per chain, the
exact-restore rate and character error rate (CER) for mojifix and ftfy, then how many clean
texts (and fixtures/guards) each tool changed, and whether the targets are met (>= 99% exact on
every chain, no clean text changed; exit status 1 if not). Run: python bench/accuracy.py
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import ftfy

import mojifix

ROOT = Path(__file__).resolve().parent.parent
CHAINS: list[tuple[str, ...]] = [
    ("utf-8", "gb18030"), ("utf-8", "gbk"), ("utf-8", "big5"), ("utf-8", "shift_jis"),
    ("utf-8", "euc-kr"), ("utf-8", "windows-1251"), ("utf-8", "windows-1252"),
    ("gbk", "latin-1"), ("gbk", "windows-1252"), ("big5", "latin-1"), ("big5", "windows-1252"),
    ("shift_jis", "latin-1"), ("shift_jis", "windows-1252"), ("euc-kr", "latin-1"),
    ("euc-kr", "windows-1252"), ("windows-1251", "windows-1252"), ("koi8-r", "windows-1251"),
    ("utf-8", "windows-1252", "windows-1252"), ("gbk", "windows-1252", "windows-1252"),
    ("utf-8", "gb18030", "windows-1252"), ("windows-1251", "windows-1252", "windows-1252"),
]


TARGET_EXACT = 0.99


def garble(text: str, chain: tuple[str, ...]) -> str | None:
    try:
        out = text.encode(chain[0]).decode(chain[1])
        for wrong in chain[2:]:
            out = out.encode("utf-8").decode(wrong)
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    return out


def cer(a: str, b: str) -> float:
    """Levenshtein distance / len(a)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1] / max(len(a), 1)


def main() -> int:
    texts = {p.stem: p.read_text("utf-8")
             for d in ("clean", "texts") for p in sorted((ROOT / "fixtures" / d).glob("*.txt"))}
    cfg = mojifix.Config(remove_glosses=False, unescape_html=False)
    stats: dict[tuple[str, ...], dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for lang, text in texts.items():
        for para in [p for p in text.split("\n") if p.strip() and not p.isascii()]:
            for chain in CHAINS:
                bad = garble(para, chain)
                if bad is None or bad == para:
                    continue
                for name, fix in (("mojifix", lambda t: mojifix.fix_text(t, cfg)),
                                  ("ftfy", ftfy.fix_text)):
                    got = fix(bad)
                    stats[chain][name + "_exact"].append(got == para)
                    stats[chain][name + "_cer"].append(cer(para, got))
                stats[chain]["langs"].append(lang)  # type: ignore[arg-type]
    print(f"{'chain':44} {'cases':>5} {'mojifix exact':>13} {'CER':>6} {'ftfy exact':>10} {'CER':>6}")
    below: list[str] = []
    for chain in CHAINS:
        s = stats.get(chain)
        if not s:
            continue
        n = len(s["mojifix_exact"])
        if sum(s["mojifix_exact"]) < TARGET_EXACT * n:
            below.append(" → ".join(chain))
        print(f"{' → '.join(chain):44} {n:5} {100*sum(s['mojifix_exact'])/n:12.1f}% "
              f"{sum(s['mojifix_cer'])/n:6.3f} {100*sum(s['ftfy_exact'])/n:9.1f}% "
              f"{sum(s['ftfy_cer'])/n:6.3f}")
    print("\nclean texts changed (mojifix / ftfy):")
    # fixtures/guards: real clean files of odd shapes (keymap diagrams, alphabet tables) that
    # once tempted a chain; only checked for being left alone, not garbled as cases.
    guards = {p.stem: p.read_text("utf-8") for p in sorted((ROOT / "fixtures" / "guards").glob("*.txt"))}
    changed: list[str] = []
    for lang, text in {**texts, **guards}.items():
        m = mojifix.fix_text(text, cfg) != text
        f = ftfy.fix_text(text) != text
        print(f"  {lang:12} {int(m)} / {int(f)}")
        if m:
            changed.append(lang)
    # Every chain here is lossless (strict codecs both ways), so each is held to the target.
    print(f"\ntargets: >= {TARGET_EXACT:.0%} exact on every chain: "
          f"{'yes' if not below else 'NO (' + ', '.join(below) + ')'}; "
          f"0 clean texts changed: {'yes' if not changed else 'NO (' + ', '.join(changed) + ')'}")
    return 1 if below or changed else 0


if __name__ == "__main__":
    sys.exit(main())
