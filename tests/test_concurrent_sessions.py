"""Two real drill sessions writing one progress file at once lose nothing."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from powerquiz.progress import ProgressStore

pytestmark = pytest.mark.slow


def start(mini: Path, progress: Path, home: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, NO_COLOR="1", POWERQUIZ_HOME=str(home))
    return subprocess.Popen(
        [sys.executable, "-m", "powerquiz", "drill", "--plain", "--bank", str(mini),
         "--progress", str(progress), "--new", "20", "--limit", "20"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, encoding="utf-8", env=env,
    )


def test_two_sessions_at_once_keep_every_answer(mini_bank_path: Path, tmp_path: Path) -> None:
    """Every answer either of two simultaneous sessions reports is in the file afterwards."""
    progress = tmp_path / "progress.json"
    sessions = [start(mini_bank_path, progress, tmp_path / f"home{n}") for n in range(3)]
    answers = "\n".join(["1"] * 60) + "\n"
    outputs = [s.communicate(answers, timeout=120) for s in sessions]
    answered = 0
    for session, (out, err) in zip(sessions, outputs, strict=True):
        assert session.returncode in (0, 130), err
        assert "Traceback" not in err
        found = re.search(r"Score: [\d.]+ out of (\d+)", out)
        assert found, out
        answered += int(found.group(1))
    reviews = ProgressStore(progress).reviews("mini")
    assert len(reviews) == answered
    assert len({r.id for r in reviews}) == answered
