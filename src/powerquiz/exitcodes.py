"""Exit codes scripts can rely on."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    #: The input was read but is not right: an invalid bank, a corrupt progress file,
    #: a coverage gap under --strict.
    INVALID = 1
    #: The command was called wrongly: unknown id, unreadable answer, bad option.
    USAGE = 2
    #: The terminal was closed (SIGHUP) during a session; answers given so far are saved.
    HANGUP = 129
    #: Ctrl-C or end of input during a session; answers given so far are saved.
    INTERRUPTED = 130
    #: The reader of the output went away (``powerquiz list | head``).
    BROKEN_PIPE = 141
    #: Asked to stop (SIGTERM) during a session; answers given so far are saved.
    TERMINATED = 143
