"""The parsed-bank cache: a second load reads the cache, never the YAML, and gives the
same bank; a damaged, stale, foreign or symlinked cache file is ignored and rewritten;
a folder that cannot be written means no cache; a bank with errors is never cached."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
import yaml
import zstandard
from typer.testing import CliRunner

import powerquiz
import powerquiz.bankcache as bankcache
from powerquiz.bank import load
from powerquiz.bankcache import MAGIC, cache_dir, cache_path, forget, load_cached
from powerquiz.cli import app

MINI = Path(__file__).parent / "data" / "mini.yaml"


@pytest.fixture(autouse=True)
def _fresh_process() -> Iterator[None]:
    """Each test starts as a new process would: no bank remembered in memory."""
    forget()
    yield
    forget()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def bank_file(tmp_path: Path) -> Path:
    path = tmp_path / "bank.yaml"
    path.write_bytes(MINI.read_bytes())
    return path


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the YAML parser's runs (each load that is not read from the cache)."""
    calls: list[int] = []
    real = yaml.compose

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(yaml, "compose", counting)
    return calls


def no_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any use of the YAML parser fail the test."""
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the YAML parser was called")

    monkeypatch.setattr(yaml, "compose", refuse)


def rewrite_document(target: Path, change: Any) -> None:
    """Decode a cache file, let ``change`` edit its document, and write it back validly."""
    raw = target.read_bytes()
    document = orjson.loads(zstandard.ZstdDecompressor().decompress(raw[len(MAGIC):]))
    change(document)
    body = zstandard.ZstdCompressor().compress(orjson.dumps(document))
    target.write_bytes(MAGIC + body)


class TestHit:
    """A bank loaded once comes back from the cache, equal to the parsed one."""

    def test_a_second_load_does_not_call_the_yaml_parser(self, bank_file, folder, monkeypatch):
        """Once cached, a new process's load of the same bank never runs the parser."""
        first = load_cached(bank_file, folder)
        forget()
        no_yaml(monkeypatch)
        assert load_cached(bank_file, folder) == first

    @pytest.mark.parametrize("name", ["mini.yaml", "explain_example.yaml", "golden.yaml"])
    def test_the_cached_bank_equals_the_parsed_one(self, tmp_path, folder, name):
        """Bank, warnings and every field's place are the same from the cache as parsed."""
        path = tmp_path / name
        path.write_bytes((MINI.parent / name).read_bytes())
        parsed = load(path)
        assert load_cached(path, folder) == parsed
        forget()
        bank, problems = load_cached(path, folder)
        assert (bank, problems) == parsed
        assert bank is not None and parsed[0] is not None
        assert [q.field_locs for q in bank] == [q.field_locs for q in parsed[0]]
        assert [hash(q) for q in bank] == [hash(q) for q in parsed[0]]

    def test_the_bundled_bank_is_cached_too(self, bundled_bank_path, folder, monkeypatch):
        """The bundled bank is cached, keeps its real path and its name in messages."""
        parsed = load(bundled_bank_path)
        load_cached(bundled_bank_path, folder)
        forget()
        no_yaml(monkeypatch)
        cached = load_cached(bundled_bank_path, folder)
        assert cached == parsed
        assert cached[0] is not None and cached[0].source == str(bundled_bank_path)

    def test_the_cli_reads_the_cache_in_powerquiz_home(self, bank_file, monkeypatch,
                                                        _isolated_home):
        """Commands keep the cache in $POWERQUIZ_HOME/cache, and a second run skips YAML."""
        runner = CliRunner()
        first = runner.invoke(app, ["list", "--bank", str(bank_file)])
        assert first.exit_code == 0, first.output
        assert list((_isolated_home / "cache").iterdir())
        forget()
        no_yaml(monkeypatch)
        again = runner.invoke(app, ["list", "--bank", str(bank_file)])
        assert again.exit_code == 0, again.output
        assert again.stdout == first.stdout

    def test_validate_always_parses(self, bank_file, parses):
        """validate never trusts the cache: it parses and checks every time."""
        runner = CliRunner()
        assert runner.invoke(app, ["list", "--bank", str(bank_file)]).exit_code == 0
        before = len(parses)
        forget()
        result = runner.invoke(app, ["validate", str(bank_file)])
        assert result.exit_code == 0, result.output
        assert len(parses) > before

    def test_one_process_reads_a_bank_once(self, bank_file, folder, monkeypatch):
        """A second load in the same process (drill opens its bank twice) reuses the first."""
        load_cached(bank_file, folder)
        reads: list[Path] = []
        monkeypatch.setattr(bankcache, "_read_cache",
                            lambda target, key: reads.append(target))
        load_cached(bank_file, folder)
        assert reads == []


class TestMiss:
    """Anything but this bank's own cache file is ignored, and the cache is rewritten."""

    def test_an_edited_bank_is_parsed_again_whatever_its_date(self, bank_file, folder, parses):
        """The content decides: an edit that keeps the size and the date is still seen."""
        load_cached(bank_file, folder)
        info = bank_file.stat()
        text = bank_file.read_text(encoding="utf-8")
        edited = text.replace("Bukharin, Tomsky and Rykov", "Bukharin, Tomsky and RYKOV", 1)
        assert edited != text and len(edited) == len(text)
        bank_file.write_text(edited, encoding="utf-8")
        os.utime(bank_file, ns=(info.st_atime_ns, info.st_mtime_ns))
        forget()
        bank, _ = load_cached(bank_file, folder)
        assert len(parses) == 2
        assert bank == load(bank_file)[0]
        assert bank is not None and "Bukharin, Tomsky and RYKOV" in str(bank.to_dict())

    @pytest.mark.parametrize("damage", ["truncated", "flipped", "empty", "garbage",
                                        "foreign json", "not zstandard"])
    def test_a_damaged_cache_file_is_ignored_and_rewritten(self, bank_file, folder, damage,
                                                           parses):
        """A truncated, corrupt, empty or foreign cache file gives the parsed bank, then a
        good cache again."""
        parsed = load(bank_file)
        load_cached(bank_file, folder)
        target = cache_path(folder, bank_file)
        raw = target.read_bytes()
        damaged = {
            "truncated": raw[: len(raw) // 2],
            "flipped": raw[:-40] + bytes(b ^ 0xFF for b in raw[-40:]),
            "empty": b"",
            "garbage": os.urandom(300),
            "foreign json": b'{"bank": "not ours"}',
            "not zstandard": MAGIC + b"plain text",
        }[damage]
        target.write_bytes(damaged)
        forget()
        assert load_cached(bank_file, folder) == parsed
        assert target.read_bytes() != damaged
        forget()
        count = len(parses)
        assert load_cached(bank_file, folder) == parsed
        assert len(parses) == count

    @pytest.mark.parametrize("change", ["wrong type", "unknown field", "missing field",
                                        "other bank", "extra key"])
    def test_a_well_formed_but_wrong_document_is_refused(self, bank_file, folder, change):
        """A cache whose data the model could not hold is refused, never half-used."""
        parsed = load(bank_file)
        load_cached(bank_file, folder)
        target = cache_path(folder, bank_file)

        def edit(document: dict[str, Any]) -> None:
            columns = document["data"]["bank"]["questions"]["columns"]
            if change == "wrong type":
                columns["prompt"][0] = 42
            elif change == "unknown field":
                columns["colour"] = ["red"] * document["data"]["bank"]["questions"]["count"]
            elif change == "missing field":
                del columns["id"]
            elif change == "other bank":
                document["key"]["content"] = "0" * 64
            else:
                document["data"]["extra"] = 1

        rewrite_document(target, edit)
        forget()
        assert load_cached(bank_file, folder) == parsed

    def test_a_cache_from_another_version_is_not_used(self, bank_file, folder, parses,
                                                      monkeypatch):
        """A new powerquiz version parses again rather than trust an old cache."""
        load_cached(bank_file, folder)
        monkeypatch.setattr(powerquiz, "__version__", "99.0")
        forget()
        load_cached(bank_file, folder)
        assert len(parses) == 2

    def test_a_symlinked_cache_file_is_refused_and_never_written_through(
            self, bank_file, folder, tmp_path, parses):
        """A link in the cache's place is not read, and its target is left alone."""
        load_cached(bank_file, folder)
        target = cache_path(folder, bank_file)
        elsewhere = tmp_path / "elsewhere.cache"
        target.rename(elsewhere)
        before = elsewhere.read_bytes()
        target.symlink_to(elsewhere)
        forget()
        assert load_cached(bank_file, folder) == load(bank_file)
        assert len(parses) == 3  # the first load, this one, and the reference
        assert target.is_symlink() and elsewhere.read_bytes() == before

    def test_a_folder_that_cannot_be_made_means_no_cache(self, bank_file, tmp_path):
        """A cache folder under a file (or read-only) is no error: the bank still loads."""
        blocker = tmp_path / "a-file"
        blocker.write_text("x")
        assert load_cached(bank_file, blocker / "cache") == load(bank_file)

    def test_a_failing_write_means_no_cache(self, bank_file, folder, monkeypatch):
        """A write refused (a read-only folder) is no error and leaves no file."""
        import powerquiz.progress.atomic

        def refuse(*args: Any, **kwargs: Any) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(powerquiz.progress.atomic, "atomic_write", refuse)
        assert load_cached(bank_file, folder) == load(bank_file)
        assert not any(folder.iterdir())

    def test_no_folder_means_no_cache_file(self, bank_file, tmp_path):
        """With no cache folder, loading is plain loading."""
        assert load_cached(bank_file, None) == load(bank_file)


class TestErrors:
    """The cache never hides a problem."""

    def test_a_bank_with_errors_is_never_cached(self, tmp_path, folder, parses):
        """A broken bank is parsed, and its errors reported, on every load."""
        path = tmp_path / "broken.yaml"
        path.write_text(MINI.read_text(encoding="utf-8").replace(
            "    prompt: Put these in order.", "    promt: Put these in order."),
            encoding="utf-8")
        first = load_cached(path, folder)
        assert first[0] is None and any(p.is_error for p in first[1])
        assert not folder.exists() or not any(folder.iterdir())
        assert load_cached(path, folder) == first
        assert len(parses) == 2

    @pytest.mark.parametrize("what", ["missing", "folder"])
    def test_a_bank_that_cannot_be_read_gets_the_loaders_message(self, tmp_path, folder,
                                                                 what):
        """A missing file or a folder is reported exactly as the loader reports it."""
        path = tmp_path / "nothing.yaml"
        if what == "folder":
            path.mkdir()
        assert load_cached(path, folder) == load(path)


class TestWhere:
    """Where the cache lives."""

    def test_home_puts_the_cache_in_its_cache_folder(self, tmp_path):
        """With POWERQUIZ_HOME passed in, the cache is its cache/ folder."""
        assert cache_dir(str(tmp_path)) == tmp_path / "cache"

    def test_without_home_it_is_the_users_cache_folder(self):
        """Without a home, the platform's user cache folder for powerquiz."""
        import platformdirs

        assert cache_dir(None) == Path(platformdirs.user_cache_dir("powerquiz",
                                                                   appauthor=False))
