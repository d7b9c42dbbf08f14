"""The progress bar's bytes end at its total when files are skipped as binary.

A new user's QA: a run over a tree with images ended at "1018/1018 files 12.7/28.7 MB": a file
skipped as binary is known as such only once read, so its size is in the total, but it did not
advance the bar. One skipped before reading (an excluded entry) is in neither.
"""

from __future__ import annotations

from rich.progress import Progress

from mojifix.files.discover import Entry
from mojifix.runs import summary
from mojifix.runs.batch import CLEAN, SKIPPED, Outcome


def test_the_bar_reaches_its_total(monkeypatch) -> None:
    entries = [Entry("a.txt", "a.txt", 100), Entry("b.png", "b.png", 900), Entry("c", "c", 0, skip="symlink")]
    outcomes = [Outcome("a.txt", CLEAN, 100), Outcome("b.png", SKIPPED, 900, reason="binary: NUL bytes"),
                Outcome("c", SKIPPED, reason="symlink")]
    seen: dict[str, float] = {}
    real_update = Progress.update

    def update(self, task, **kw):  # (records what the bar is told)
        real_update(self, task, **kw)
        t = self.tasks[0]
        seen.update(total=t.total, completed=t.completed)

    monkeypatch.setattr(Progress, "update", update)
    summary.progress_run(entries, None, 1, True, lambda o: None, runner=lambda e, j, n: iter(outcomes))
    assert seen == {"total": 1000, "completed": 1000}
