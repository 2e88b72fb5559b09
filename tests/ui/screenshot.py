"""What the person sees, as plain text lines (as `tmux capture-pane -p` would show them)."""

from __future__ import annotations


def screen_lines(app) -> list[str]:
    """The whole screen now."""
    return [strip.text.rstrip() for strip in app.screen._compositor.render_strips()]


def widget_lines(widget) -> list[str]:
    """Every line of one widget as drawn, also the lines scrolled out of view."""
    return [widget.render_line(y).text.rstrip() for y in range(widget.size.height)]
