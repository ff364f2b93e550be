"""Per-bank scheduling settings in the progress file: schema 3, its migration, transfer."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from powerquiz.cli import app
from powerquiz.exitcodes import ExitCode
from powerquiz.progress import CURRENT_SCHEMA, ProgressError, ProgressStore
from powerquiz.progress.migrations import MIGRATIONS, v2_to_v3
from powerquiz.progress.settings import BankSettings, interim_path
from progress_helpers import NOW, drill, make_review, snapshot

FITTED = BankSettings(parameters=tuple(0.5 + i / 10 for i in range(21)),
                      desired_retention=0.85, fitted="2026-03-01T10:00:00+00:00", reviews=40)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "progress.json"


def schema2_files(path: Path, interim: dict[str, object] | None = None) -> bytes:
    """A store as powerquiz wrote it before schema 3: one drill, and maybe the interim file."""
    drill(ProgressStore(path), make_review())
    doc = json.loads(path.read_text())
    del doc["settings"]
    doc["schema"] = 2
    content = json.dumps(doc, indent=1).encode()
    path.write_bytes(content)
    if interim is not None:
        interim_path(path).write_text(json.dumps(
            {"format": "powerquiz-fsrs-parameters", "banks": interim}))
    return content


class TestMigration:
    """A schema-2 store reads as before and is migrated, after a backup, on the next write."""

    def test_v2_to_v3_is_the_named_second_migration(self) -> None:
        """MIGRATIONS[1] is v2_to_v3; it adds empty settings and keeps the rest."""
        assert CURRENT_SCHEMA == 3 and MIGRATIONS[1] is v2_to_v3
        doc = {"schema": 2, "log_bytes": 5, "cards": {"b": {}}}
        assert v2_to_v3(doc) == {"schema": 3, "log_bytes": 5, "cards": {"b": {}}, "settings": {}}

    def test_reading_adopts_the_interim_file_without_writing(self, path: Path) -> None:
        """Read only: the interim parameters are seen, and no file changes."""
        schema2_files(path, {"tudors": FITTED.to_dict()})
        before = snapshot(path.parent)
        store = ProgressStore(path)
        assert store.settings("tudors") == FITTED
        assert store.settings("other") is None
        assert len(store.reviews()) == 1
        assert snapshot(path.parent) == before

    def test_first_write_backs_up_then_migrates(self, path: Path) -> None:
        """The schema-2 card file is backed up byte for byte; the interim file set aside."""
        content = schema2_files(path, {"tudors": FITTED.to_dict()})
        interim = interim_path(path).read_bytes()
        store = ProgressStore(path)
        drill(store, make_review("q2", at=NOW + timedelta(hours=1)))
        (backup,) = path.parent.glob("progress.json.*.schema2.bak")
        assert backup.read_bytes() == content
        (aside,) = path.parent.glob("progress.parameters.json.*.schema2.bak")
        assert aside.read_bytes() == interim
        assert not interim_path(path).exists()
        doc = json.loads(path.read_text())
        assert doc["schema"] == 3 and doc["settings"]["tudors"] == FITTED.to_dict()
        fresh = ProgressStore(path)
        assert fresh.settings("tudors") == FITTED and len(fresh.reviews()) == 2

    def test_schema2_without_interim_file(self, path: Path) -> None:
        """No interim file: defaults; the first write migrates with only the card backup."""
        content = schema2_files(path)
        store = ProgressStore(path)
        assert store.settings("tudors") is None
        store.set_settings("tudors", BankSettings(None, 0.8))
        (backup,) = path.parent.glob("*.bak")
        assert backup.read_bytes() == content
        assert ProgressStore(path).settings("tudors") == BankSettings(None, 0.8)

    def test_a_damaged_interim_file_is_left_alone(self, path: Path) -> None:
        """An unreadable interim file is not adopted, not moved, not changed."""
        schema2_files(path)
        interim_path(path).write_bytes(b"{oops")
        store = ProgressStore(path)
        drill(store, make_review("q2"))
        assert store.settings("tudors") is None
        assert interim_path(path).read_bytes() == b"{oops"


class TestSettings:
    """Saving, damage, export, import and reset of the settings."""

    def test_set_and_forget_leave_cards_and_log_alone(self, path: Path) -> None:
        """Settings change only the settings; cards and the review log stay as they were."""
        store = ProgressStore(path)
        drill(store, make_review())
        cards, log = store.cards("tudors"), store.log_path.read_bytes()
        store.set_settings("tudors", FITTED)
        assert ProgressStore(path).settings("tudors") == FITTED
        store.set_settings("tudors", None)
        assert ProgressStore(path).settings("tudors") is None
        assert ProgressStore(path).cards("tudors") == cards
        assert store.log_path.read_bytes() == log

    def test_damaged_settings_are_refused_untouched(self, path: Path) -> None:
        """A settings section that is not an object: a ProgressError, nothing written."""
        path.parent.mkdir(parents=True)
        content = b'{"schema": 3, "log_bytes": 0, "cards": {}, "settings": [1]}'
        path.write_bytes(content)
        store = ProgressStore(path)
        with pytest.raises(ProgressError, match='"settings" must be a JSON object'):
            store.settings("tudors")
        with pytest.raises(ProgressError):
            drill(store, make_review())
        assert path.read_bytes() == content

    def test_export_and_import_carry_settings(self, path: Path, tmp_path: Path) -> None:
        """An export holds the settings; importing fills in banks that have none here."""
        store = ProgressStore(path)
        drill(store, make_review())
        store.set_settings("tudors", FITTED)
        export = tmp_path / "export.json"
        store.export(export)
        assert json.loads(export.read_text())["settings"]["tudors"] == FITTED.to_dict()
        other = ProgressStore(tmp_path / "other" / "progress.json")
        other.set_settings("stuarts", BankSettings(None, 0.8))
        assert other.import_(export) == 1
        assert other.settings("tudors") == FITTED
        assert other.settings("stuarts") == BankSettings(None, 0.8)

    def test_import_keeps_this_machines_choice(self, path: Path, tmp_path: Path) -> None:
        """A bank with settings here keeps them; settings alone are imported once."""
        store = ProgressStore(path)
        store.set_settings("tudors", FITTED)
        export = tmp_path / "export.json"
        store.export(export)
        other = ProgressStore(tmp_path / "other" / "progress.json")
        other.set_settings("tudors", BankSettings(None, 0.75))
        assert other.import_(export) == 0
        assert other.settings("tudors") == BankSettings(None, 0.75)
        third = ProgressStore(tmp_path / "third" / "progress.json")
        third.import_(export)
        assert third.settings("tudors") == FITTED

    def test_reset_sets_settings_aside(self, path: Path) -> None:
        """After reset the bank is back to the defaults; the backup still holds them."""
        store = ProgressStore(path)
        drill(store, make_review())
        store.set_settings("tudors", FITTED)
        backup = store.reset()
        assert backup is not None
        assert json.loads(backup.read_text())["settings"]["tudors"] == FITTED.to_dict()
        assert ProgressStore(path).settings("tudors") is None

    def test_reset_sets_an_interim_file_aside(self, path: Path) -> None:
        """A not yet migrated store's interim parameters file is set aside by reset too."""
        schema2_files(path, {"tudors": FITTED.to_dict()})
        ProgressStore(path).reset()
        assert not interim_path(path).exists()
        assert len(list(path.parent.glob("progress.parameters.json.*.bak"))) == 1
        assert ProgressStore(path).settings("tudors") is None


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner,
                                                                max_size=4),
    max_leaves=30,
)


class TestDamagedSettings:
    """Whatever the settings section holds, reading gives settings or a plain error."""

    @given(settings=json_values | st.dictionaries(st.text(max_size=6), json_values, max_size=3))
    def test_any_settings_value(self, tmp_path_factory: pytest.TempPathFactory,
                                settings: object) -> None:
        """Never a traceback: BankSettings for each bank, or a ProgressError; file untouched."""
        path = tmp_path_factory.mktemp("fuzz") / "progress.json"
        content = json.dumps({"schema": 3, "log_bytes": 0, "cards": {},
                              "settings": settings}).encode()
        path.write_bytes(content)
        store = ProgressStore(path)
        try:
            found = [store.settings(bank) for bank in ("tudors", *(
                settings if isinstance(settings, dict) else ()))]
        except ProgressError as e:
            assert "settings" in str(e)
        else:
            assert all(s is None or isinstance(s, BankSettings) for s in found)
        assert path.read_bytes() == content

    def test_a_drill_with_damaged_settings_stops_cleanly(self, mini_bank_path: Path,
                                                         tmp_path: Path) -> None:
        """drill on a file with damaged settings: exit 1, a plain message, file untouched."""
        path = tmp_path / "progress.json"
        content = b'{"schema": 3, "log_bytes": 0, "cards": {}, "settings": {"mini": 3}}'
        path.write_bytes(content)
        result = CliRunner().invoke(app, ["drill", "--bank", str(mini_bank_path),
                                          "--progress", str(path), "--retention", "0.8"])
        assert result.exit_code == ExitCode.INVALID
        assert "the settings of bank 'mini'" in result.output
        assert "Traceback" not in result.output
        assert path.read_bytes() == content
