"""What the HTML pages of ``stats`` and ``class report`` share: pygal, made safe to import,
the print-friendly page style and the chart settings.

pygal adds an import hook, only for its map plugins (never used here), written in the
pre-3.4 style that makes every later import warn (an error under the test settings), so
it is taken out once, here, as pygal is loaded.
"""

from __future__ import annotations

import sys
from typing import Any

import pygal  # type: ignore[import-untyped]
from pygal.style import CleanStyle  # type: ignore[import-untyped]

__all__ = ["PAGE_CSS", "chart_config", "pygal"]

sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, pygal.PluginImportFixer)]

PAGE_CSS = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 60em; color: #111; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 2em; }
figure { margin: 1em 0; page-break-inside: avoid; break-inside: avoid; }
figure svg { width: 100%; height: auto; }
pre { font-size: 0.8em; white-space: pre-wrap; }
@media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; } }
"""


def chart_config(*, height: int = 360, truncate_label: int = -1) -> dict[str, Any]:
    """pygal settings for an inline, script-free, printable chart."""
    return {
        "style": CleanStyle(background="white", plot_background="white"), "js": [],
        "disable_xml_declaration": True, "width": 900, "height": height,
        "explicit_size": False, "print_values": False, "pretty_print": False,
        "legend_at_bottom": True, "truncate_label": truncate_label,
    }
