"""The fixers: each a function from text (and the document's plan) to edits and findings.

One module per kind of damage: ``mojibake`` (UTF-8 read as a Western code page, with ftfy),
``chains`` (encode/decode chains through legacy code pages), ``entities``, ``bare_entities``,
``zerowidth``, ``realign`` and ``glosses`` (pinyin-gloss pages), ``restore`` (opt-in) and
``normalize`` (ftfy's optional fixes). The order they run in is kept in
:mod:`mojifix.engine.pipeline`; a fixer never imports the engine.
"""
