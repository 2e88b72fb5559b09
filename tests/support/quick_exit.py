"""The one quick-exit check of the Pilot tests: the key ends the app at once, with code 0 and nothing to print,
the answers dropped and nothing written."""

from __future__ import annotations


async def quick_exit(pilot, key: str) -> None:
    """Press the quick-exit `key` and see the app leave at once."""
    await pilot.press(key)
    await pilot.pause()
    assert pilot.app._exit, "the app did not leave at once"


def assert_left_nothing(app, *writes: list) -> None:
    """After `quick_exit`: left by the quick exit, code 0, nothing to print, no answer kept, and each spy on a
    way of writing a file (`writes`) never called."""
    assert app.panicked
    assert (app.return_code, app.return_value) == (0, None)
    assert app.flow.answers == {}
    for calls in writes:
        assert calls == []
