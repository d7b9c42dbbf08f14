"""Reports for people and machines, rendered from one report model.

``report`` holds the one JSON envelope (schema version 1) and unified diffs, ``formats`` the text,
GitHub, SARIF and JSON renderings of ``check``, ``htmlreport``/``htmldiff`` the HTML report,
``summarytable``/``detecttable`` the terminal tables, ``explain`` the step-by-step account,
``terminal`` colours.
"""
