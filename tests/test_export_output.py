"""Where ``export -o`` may write: never over the bank or a progress file (D8), and a
device, FIFO or /dev/stdout written in place, never renamed over (D1)."""

from __future__ import annotations

import os

os.environ["_TYPER_FORCE_DISABLE_TERMINAL"] = "1"
os.environ["NO_COLOR"] = "1"

import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import powerquiz.cli.export_cmd  # noqa: F401 - registers the command
from powerquiz.cli.app import app

SRC = Path(__file__).resolve().parents[1] / "src"
runner = CliRunner()


def run(*args: str) -> Result:
    return runner.invoke(app, ["export", *args])


@pytest.fixture
def bank_copy(mini_bank_path: Path, tmp_path: Path) -> Path:
    """A teacher's own bank file, in a folder of its own."""
    path = tmp_path / "teacher" / "mybank.yaml"
    path.parent.mkdir()
    shutil.copyfile(mini_bank_path, path)
    return path


@pytest.fixture
def home() -> Path:
    return Path(os.environ["POWERQUIZ_HOME"])


def expected_json(bank: Path) -> bytes:
    result = run("json", "--bank", str(bank))
    assert result.exit_code == 0, result.stderr
    return result.stdout_bytes


class TestRefusedTargets:
    """D8: -o naming the input bank or a progress file is refused, and nothing is written."""

    def test_output_is_the_bank(self, bank_copy: Path) -> None:
        """export csv --bank mybank.yaml -o mybank.yaml is refused; the bank is untouched."""
        before = bank_copy.read_bytes()
        result = run("csv", "--bank", str(bank_copy), "-o", str(bank_copy))
        assert result.exit_code == 2
        assert "is the bank being exported" in result.stderr
        assert bank_copy.read_bytes() == before
        assert sorted(p.name for p in bank_copy.parent.iterdir()) == ["mybank.yaml"]

    def test_output_is_the_bank_spelt_another_way(self, bank_copy: Path) -> None:
        """The same bank through ../, a symbolic link or a hard link is refused too."""
        before = bank_copy.read_bytes()
        (bank_copy.parent / "sub").mkdir()
        link = bank_copy.parent / "link.yaml"
        link.symlink_to(bank_copy)
        hard = bank_copy.parent / "hard.yaml"
        os.link(bank_copy, hard)
        for target in (bank_copy.parent / "sub" / ".." / "mybank.yaml", link, hard):
            result = run("gift", "--bank", str(bank_copy), "-o", str(target))
            assert result.exit_code == 2, target
            assert "is the bank being exported" in result.stderr
        assert bank_copy.read_bytes() == before
        assert link.is_symlink()

    @pytest.mark.parametrize("name", ["progress.json", "progress.reviews.jsonl"])
    def test_output_is_a_progress_file(self, name: str, home: Path,
                                       mini_bank_path: Path) -> None:
        """-o $POWERQUIZ_HOME/progress.json (or its review log) is refused, unchanged."""
        home.mkdir(parents=True, exist_ok=True)
        target = home / name
        target.write_text('{"cards": {}}\n', encoding="utf-8")
        result = run("csv", "--bank", str(mini_bank_path), "-o", str(target))
        assert result.exit_code == 2
        assert "your progress file" in result.stderr or "your review log" in result.stderr
        assert target.read_text(encoding="utf-8") == '{"cards": {}}\n'

    def test_progress_file_refused_before_it_exists(self, home: Path,
                                                    mini_bank_path: Path) -> None:
        """A progress file not yet made is refused too: the export would take its place."""
        target = home / "progress.json"
        result = run("json", "--bank", str(mini_bank_path), "-o", str(target))
        assert result.exit_code == 2
        assert not target.exists()

    def test_another_file_beside_the_bank_is_fine(self, bank_copy: Path) -> None:
        """A new file next to the bank is written as usual."""
        out = bank_copy.with_name("mybank.json")
        result = run("json", "--bank", str(bank_copy), "-o", str(out))
        assert result.exit_code == 0, result.stderr
        assert out.read_bytes() == expected_json(bank_copy)


class TestWrittenInPlace:
    """D1: a target that is not a regular file is written in place, never replaced."""

    def test_fifo(self, tmp_path: Path, mini_bank_path: Path) -> None:
        """-o ./fifo writes the data into the FIFO, which stays a FIFO."""
        folder = tmp_path / "out"  # its own folder: the cache lives in POWERQUIZ_HOME
        folder.mkdir()
        fifo = folder / "fifo"
        os.mkfifo(fifo)
        got: list[bytes] = []
        reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
        reader.start()
        result = run("json", "--bank", str(mini_bank_path), "-o", str(fifo))
        reader.join(timeout=30)
        assert result.exit_code == 0, result.stderr
        assert got == [expected_json(mini_bank_path)]
        assert stat.S_ISFIFO(fifo.stat().st_mode)
        assert sorted(p.name for p in folder.iterdir()) == ["fifo"]

    @pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0,
                        reason="mknod of a character device needs root")
    def test_null_device(self, tmp_path: Path, mini_bank_path: Path) -> None:
        """-o ./null (a copy of /dev/null made with mknod) takes the data and stays a device."""
        folder = tmp_path / "out"
        folder.mkdir()
        null = folder / "null"
        os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        result = run("gift", "--bank", str(mini_bank_path), "-o", str(null))
        assert result.exit_code == 0, result.stderr
        st = null.stat()
        assert stat.S_ISCHR(st.st_mode) and st.st_rdev == os.makedev(1, 3)
        assert sorted(p.name for p in folder.iterdir()) == ["null"]

    def test_dev_stdout(self, tmp_path: Path, mini_bank_path: Path) -> None:
        """-o /dev/stdout with stdout a pipe writes the data down the pipe."""
        env = {**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1"}
        done = subprocess.run(
            [sys.executable, "-c", "from powerquiz.cli import main; main()", "export", "json",
             "--bank", str(mini_bank_path), "-o", "/dev/stdout"],
            cwd=tmp_path, capture_output=True, timeout=60, env=env, check=False,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout == expected_json(mini_bank_path)
        assert b"Traceback" not in done.stderr

    def test_symlink_keeps_the_link(self, tmp_path: Path, mini_bank_path: Path) -> None:
        """Through a symbolic link the file it points to is replaced; the link stays."""
        real = tmp_path / "real.json"
        real.write_text("old", encoding="utf-8")
        link = tmp_path / "link.json"
        link.symlink_to(real)
        result = run("json", "--bank", str(mini_bank_path), "-o", str(link))
        assert result.exit_code == 0, result.stderr
        assert link.is_symlink()
        assert real.read_bytes() == expected_json(mini_bank_path)

    def test_dangling_symlink_keeps_the_link(self, tmp_path: Path,
                                             mini_bank_path: Path) -> None:
        """A link to a file not made yet: the file is made where it points; the link stays."""
        link = tmp_path / "link.json"
        link.symlink_to(tmp_path / "later.json")
        result = run("json", "--bank", str(mini_bank_path), "-o", str(link))
        assert result.exit_code == 0, result.stderr
        assert link.is_symlink()
        assert (tmp_path / "later.json").read_bytes() == expected_json(mini_bank_path)
