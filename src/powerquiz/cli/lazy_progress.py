"""``powerquiz progress``: the group, added to the root app when it is first needed.

The progress commands live in :mod:`powerquiz.cli.progress_cmds` (and ``progress undo``
in :mod:`powerquiz.cli.undo_cmd`); importing this module imports both and adds their
group to the root app under the name ``progress``, as the root's lazy table expects.
"""

from __future__ import annotations

import powerquiz.cli.undo_cmd  # noqa: F401 - adds `progress undo` to the group
from powerquiz.cli.app import app
from powerquiz.cli.progress_cmds import app as progress_app

if not any(group.typer_instance is progress_app for group in app.registered_groups):
    app.add_typer(progress_app, name="progress")
