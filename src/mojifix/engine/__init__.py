"""From a document to its repair: the plan, the fixers run in order, the offset map.

``pipeline`` runs the fixers over one document and locates every change in the original;
``filekind`` decides once what kind of file this is and so where fixers may act; ``stream``
repairs files too big for memory in chunks with the same decisions as the whole file.
"""
