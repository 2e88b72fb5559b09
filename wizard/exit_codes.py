"""The exit codes of every command and of the app, in a module of their own that anything may import."""

EXIT_OK = 0
EXIT_FAILED = 1
"""Scenarios that fail (`wizard rules test`)."""
EXIT_USAGE = 2
"""A bad argument, file, pack or answer: one line on standard error."""
EXIT_CRASH = 70
"""An internal error (EX_SOFTWARE): one fixed sentence, never a traceback."""
