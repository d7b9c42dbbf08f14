"""How plausible is this text: the model every decision of mojifix asks.

``plausibility`` scores a run of text in its script (used by chain choice and screens),
``screen`` and ``quiet`` are the cheap tests that send clean text straight through,
``repertoire``, ``codepages``, ``letters`` and ``evidence`` hold code-page, language and page
statistics. Used by ``decoding`` and ``fixers``; imports neither.
"""
