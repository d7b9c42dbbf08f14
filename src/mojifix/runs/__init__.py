"""Many files at once: local worker processes (``batch``) and a Ray cluster (``rayrun``).

Both move jobs in and results out of the engine; neither holds any text logic.
"""
