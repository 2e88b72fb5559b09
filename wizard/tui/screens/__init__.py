"""One screen class per kind of screen of the terminal app."""
