"""Files in and out: discovery, bounded reads, the one atomic writer, the JSONL road.

``discover`` walks folders (``.gitignore``, special files, links), ``bounded`` reads with a size
limit and refuses binary input, ``fileio`` is the only module that writes files (atomically),
``guards`` refuses runs that could overwrite their own input, ``jsonl`` repairs JSON Lines.
"""
