"""Bytes to text: byte-order marks, strict UTF-8 and UTF-16 first, then legacy detection.

``decode`` turns bytes into text with what it learnt (encoding, confidence, BOM, a declared
encoding weighed as evidence); ``detect`` ranks legacy code pages, ``commonpage`` prefers
the common code page on weak evidence, ``declared`` finds and rewrites encoding declarations.
Nothing here knows about fixers.
"""
