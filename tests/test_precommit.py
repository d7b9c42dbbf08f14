"""pre-commit runs mojifix's hooks in a throwaway repository, as the README says to set them up.

Two set-ups: the README's snippet as written (``repo: local``, the mojifix on PATH), and this
repository used as a hook repository (``.pre-commit-hooks.yaml`` from a local clone at a commit
that exists), which pre-commit installs into a virtualenv of its own.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _pre_commit(repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=repo,
                          capture_output=True, text=True, timeout=900, env=env)


def _throwaway_repo(tmp_path: Path, config: str) -> tuple[Path, dict[str, str]]:
    pytest.importorskip("pre_commit")
    repo = tmp_path / "project"
    repo.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}
    # The hooks run `mojifix` from PATH (repo: local) or from pre-commit's own virtualenv.
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    (repo / ".pre-commit-config.yaml").write_text(config)
    (repo / "clean.txt").write_text("Le café de la gare\n")
    (repo / "garbled.txt").write_text("Le cafÃ© de la gare\n")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    return repo, env


def test_the_readme_snippet_works_as_written(tmp_path: Path) -> None:
    snippet = re.search(r"```yaml\n(repos:\n  - repo: local\n.*?)```", README, re.S)
    assert snippet, "the README's pre-commit section has no yaml snippet"
    repo, env = _throwaway_repo(tmp_path, snippet.group(1))
    proc = _pre_commit(repo, env)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "garbled.txt:1:7: mojibake" in proc.stdout
    assert "clean.txt" not in proc.stdout
    (repo / "garbled.txt").write_text("Le café de la gare\n")
    proc = _pre_commit(repo, env)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs this repository's git history")
def test_this_repository_as_a_hook_repository(tmp_path: Path) -> None:
    clone = tmp_path / "mojifix-clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=clone, capture_output=True,
                         text=True, check=True).stdout.strip()
    config = (f"repos:\n  - repo: {clone}\n    rev: {rev}\n    hooks:\n"
              "      - id: mojifix-fix\n")
    repo, env = _throwaway_repo(tmp_path, config)
    proc = _pre_commit(repo, env)
    # mojifix-fix repairs the file in place; pre-commit fails because a file changed.
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "files were modified by this hook" in proc.stdout
    assert (repo / "garbled.txt").read_text() == "Le café de la gare\n"
    assert (repo / "clean.txt").read_text() == "Le café de la gare\n"
    proc = _pre_commit(repo, env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
