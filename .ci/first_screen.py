"""The installed app in a pseudo-terminal of 80×24: it paints its first screen in Russian and in English, and
the quick exit (Ctrl+Q) ends it at once with code 0 and the screen cleared.

    python .ci/first_screen.py    # with the interpreter of the virtualenv that holds the `wizard` to try
"""

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "support"))
from terminal import CLEAR, WIZARD, Terminal, after_exit, clean_env  # standard library only

FIRST_SCREEN = {"ru": "Прежде чем начать", "en": "Before you start"}


def first_screen_then_quick_exit(lang: str, home: Path) -> None:
    term = Terminal([str(WIZARD), "--lang", lang], clean_env(home), cwd=home)
    try:
        term.wait_for(FIRST_SCREEN[lang], timeout=30)
        term.send(b"\x11")
        code = term.wait(10)
        assert code == 0, f"exit code {code}"
        assert after_exit(term.seen()).endswith(CLEAR), "the screen was not cleared"
    finally:
        term.close()
    print(f"{WIZARD} --lang {lang}: first screen, quick exit: ok")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as home:
        for lang in FIRST_SCREEN:
            first_screen_then_quick_exit(lang, Path(home))
