"""Guidance on ending a Russian military contract lawfully: rule pack, engine, terminal wizard."""
