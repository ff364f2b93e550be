"""Revision sessions: planning, the engine, and the prompter interface front ends implement."""

from powerquiz.session.engine import Session, SessionConfig
from powerquiz.session.prompter import Asked, Idle, Mode, Outcome, Prompter, Summary

__all__ = ["Asked", "Idle", "Mode", "Outcome", "Prompter", "Session", "SessionConfig", "Summary"]
