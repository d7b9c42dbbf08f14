"""A NeMo Curator document modifier that repairs text with mojifix.

Why: NeMo Curator (which runs on Ray) cleans text with ``Modify`` stages built from
``DocumentModifier`` objects; its ``UnicodeReformatter`` wraps ftfy. :class:`MojifixModifier` is
the same kind of object with mojifix's repair::

    from nemo_curator.stages.text.modifiers import Modify
    from mojifix.integrations.nemo_curator import MojifixModifier

    pipeline.add_stage(Modify(modifier_fn=MojifixModifier(), input_fields="text"))

When NeMo Curator is installed, :class:`MojifixModifier` subclasses its ``DocumentModifier``;
otherwise it is a plain object with the same protocol (``modify_document(text) -> str``, a
``name``), which is also a callable, as ``Modify`` accepts both.
"""

from __future__ import annotations

from typing import Any

from ..api import fix_text
from ..config import Config

_Base: type
try:  # NeMo Curator >= 1.0 (Ray-based), then the older layout
    from nemo_curator.stages.text.modifiers import DocumentModifier as _Base
except Exception:
    try:
        from nemo_curator.modifiers import DocumentModifier as _Base
    except Exception:
        _Base = object


class MojifixModifier(_Base):  # type: ignore[misc, valid-type]
    """``modify_document(text) -> text`` with :func:`mojifix.fix_text`.

    ``config`` and keyword ``options`` are those of :func:`mojifix.fix_text`. Values that are not
    strings (a missing field read as ``None``/NaN) are returned unchanged.
    """

    def __init__(self, config: Config | None = None, **options: Any) -> None:
        if _Base is not object:
            super().__init__()
        self._name = "mojifix"
        self.__name__ = "mojifix"  # ``Modify`` names a plain-callable stage after __name__
        self.config = Config.build(config, **options)

    @property
    def name(self) -> str:
        return self._name

    def modify_document(self, text: Any) -> Any:
        return fix_text(text, self.config) if isinstance(text, str) else text

    def __call__(self, text: Any) -> Any:
        return self.modify_document(text)
