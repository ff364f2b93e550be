"""Front ends: the questionary + rich terminal UI and the plain line-based mode."""
