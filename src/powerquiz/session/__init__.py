"""Revision sessions: planning, the engine, and the prompter interface front ends implement."""

from powerquiz.session.engine import Session, SessionConfig
from powerquiz.session.prompter import Asked, Mode, Outcome, Prompter, Summary

__all__ = ["Asked", "Mode", "Outcome", "Prompter", "Session", "SessionConfig", "Summary"]
