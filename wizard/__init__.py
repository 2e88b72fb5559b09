"""Guidance on ending a Russian military contract lawfully: rule pack, engine, terminal wizard."""

__version__ = "0.1.0"
"""The package version (pyproject.toml reads it from here); part of the shipped snapshot's key."""
