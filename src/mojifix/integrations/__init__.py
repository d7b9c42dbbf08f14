"""Adapters that call mojifix from inside other data engines' own pipelines.

Each adapter is a thin shell over :func:`mojifix.fix_text` (with its default, do-no-harm
:class:`mojifix.Config`, or the options you pass), in the shape the engine expects:

* :mod:`mojifix.integrations.ray_data` — :class:`~mojifix.integrations.ray_data.FixTextBatch`,
  a ``Dataset.map_batches`` function for Ray Data (dict of columns, pandas or Arrow batches).
* :mod:`mojifix.integrations.datatrove` — :class:`~mojifix.integrations.datatrove.MojifixFormatter`,
  a datatrove ``BaseFormatter`` (importing it needs ``datatrove``).
* :mod:`mojifix.integrations.nemo_curator` — :class:`~mojifix.integrations.nemo_curator.MojifixModifier`,
  a NeMo Curator ``DocumentModifier`` for the ``Modify`` stage (a ``DocumentModifier`` subclass when
  NeMo Curator is installed; a plain callable with the same ``modify_document`` protocol otherwise).

None of them is imported by ``import mojifix``: each engine stays optional.
"""
