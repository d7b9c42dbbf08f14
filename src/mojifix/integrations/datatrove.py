"""A datatrove formatter that repairs each document's text with mojifix.

Why: datatrove pipelines (``JsonlReader → ... → JsonlWriter``) clean text with formatter steps;
its own ``FTFYFormatter`` runs ftfy with the normalising fixes off. :class:`MojifixFormatter` is
the same kind of step with mojifix's repair (mojibake, pinyin glosses, entities, zero-width
characters), usable with any datatrove executor (local, Slurm, Ray)::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from mojifix.integrations.datatrove import MojifixFormatter

    LocalPipelineExecutor(
        pipeline=[JsonlReader("corpus/"), MojifixFormatter(), JsonlWriter("clean/")],
        tasks=4,
    ).run()

Importing this module needs ``datatrove`` (``pip install datatrove``).
"""

from __future__ import annotations

from typing import Any

from datatrove.pipeline.formatters.base import BaseFormatter

from ..api import fix_text
from ..config import Config


class MojifixFormatter(BaseFormatter):
    """``BaseFormatter.format(text) -> text`` with :func:`mojifix.fix_text`.

    ``config`` and keyword ``options`` are those of :func:`mojifix.fix_text`. Counts documents
    whose text changed in the step's stats (``mojifix_changed``).
    """

    name = "🩹 mojifix"

    def __init__(self, config: Config | None = None, **options: Any) -> None:
        super().__init__()
        self.config = Config.build(config, **options)

    def format(self, text: str) -> str:
        fixed = fix_text(text, self.config)
        if fixed != text:
            self.stat_update("mojifix_changed")
        return fixed
