"""Exit codes scripts can rely on."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    #: The input was read but is not right: an invalid bank, a corrupt progress file,
    #: a coverage gap under --strict.
    INVALID = 1
    #: The command was called wrongly: unknown id, unreadable answer, bad option.
    USAGE = 2
    #: Ctrl-C or end of input during a session; answers given so far are saved.
    INTERRUPTED = 130
