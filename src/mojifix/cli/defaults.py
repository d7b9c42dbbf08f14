"""The defaults of the repair options, in one place.

Why a module of its own: the click commands (:mod:`mojifix.cli.common`) and the lean pipe
(:mod:`mojifix.cli.pipe`, which must not import click) both need them; each used to state them,
and a change to one would have made ``mojifix fix -`` differ from ``mojifix fix - --mojibake``.
"""

from __future__ import annotations

from typing import Any

# Config.build's keyword arguments for a command given no flag and no settings file. file_kind
# is None here: the ``--file-kind`` option shows "auto", which common._build_config turns into
# None (decided per file from its name and content).
REPAIR: dict[str, Any] = {
    "encoding": None, "fix_mojibake": True, "unescape_html": True, "remove_zero_width": True,
    "remove_glosses": True, "restore_original": False, "uncurl_quotes": False,
    "fix_character_width": False, "fix_latin_ligatures": False, "fix_line_breaks": False,
    "normalization": None, "keep_bom": False, "file_kind": None, "file_kinds": (),
}
MAX_SIZE = "256M"  # --max-size: the bound on whole-file reads (files.bounded)
