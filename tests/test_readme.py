"""The README documents the CLI: every command it names and every option it shows must exist."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
# The README and the reference pages it links to document the CLI alike.
README = "\n".join(p.read_text(encoding="utf-8")
                   for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))])
# Options of other tools that the README quotes (``ray start --head``).
FOREIGN = {"--head"}


def _help(*args: str) -> str:
    res = run_cli(*args, "--help")
    assert res.returncode == 0, res.stderr
    return res.stdout.decode()


def test_every_option_the_readme_documents_exists() -> None:
    top = _help()
    commands = re.findall(r"^  ([a-z][a-z-]*)\s", top.split("Commands:")[1], re.M)
    assert {"fix", "check", "detect"} <= set(commands)
    helps = top + "".join(_help(c) for c in commands)
    documented = set(re.findall(r"(?<![\w-])(--[a-z][a-z0-9-]+)", README)) - FOREIGN
    assert len(documented) > 20  # the pattern still finds the README's options
    assert sorted(o for o in documented if o not in helps) == []


def test_every_command_in_a_readme_example_exists() -> None:
    top = _help()
    commands = set(re.findall(r"^  ([a-z][a-z-]*)\s", top.split("Commands:")[1], re.M))
    examples = "\n".join(re.findall(r"```sh\n(.*?)```", README, re.S))
    used = set(re.findall(r"(?:^|[|;&(] *)mojifix ([a-z][a-z-]*)", examples, re.M))
    assert used, "no mojifix commands found in the README's shell examples"
    assert sorted(used - commands) == []


def test_the_readme_results_come_from_bench_results() -> None:
    """Every number in the README's results block (percentages, ratios, MB/s, files/s) is one
    that bench/RESULTS.md holds, so the README quotes the bench scripts' last run, not a diary."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("<!-- results:begin -->")[1].split("<!-- results:end -->")[0]
    results = (ROOT / "bench" / "RESULTS.md").read_text(encoding="utf-8")
    numbers = set(re.findall(r"\d+(?:\.\d+)?(?=%|x| MB/s| files/s)", block))
    assert len(numbers) >= 5
    assert sorted(n for n in numbers if n not in results) == []
    assert len(text.splitlines()) <= 300
