"""Loading the rule pack for the app: in a thread after the first screen is painted, so that the safety screen
shows at once; then the session state (`Flow`) and the outputs the result screens use."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from wizard.pack.session import Flow

if TYPE_CHECKING:
    from pathlib import Path

    from wizard.outputs.content import Outputs
    from wizard.pack.model import Pack


class PackLoading:
    """Mixed into the app: `_loader` (a function that loads the pack, or None when it was given) and `rules` are
    set by the app, which also gives `on_safety_screen_start`, `call_from_thread`, `call_later` and `exit`."""

    _loader: Callable[[], Pack] | None
    rules: Path | None
    flow: Flow | None
    outputs: Outputs | None
    start_pending: bool
    load_error: Exception | None
    call_from_thread: Any
    call_later: Any
    exit: Any

    def _load_pack(self) -> None:
        """In a thread, while the safety screen is read: load the pack and import what the next screens need."""
        from wizard.errors import WizardError  # _later

        try:
            pack = self._loader()
            outputs = self._outputs_of(pack)
        except WizardError as error:
            self.call_from_thread(self._pack_failed, error)
            return
        for screen in ("question", "review", "result"):
            importlib.import_module(f"wizard.tui.screens.{screen}")
        self.call_from_thread(self._pack_ready, pack, outputs)

    def _outputs_of(self, pack: Pack) -> Outputs:
        """The outputs of the `--rules` folder, checked against its pack; without one, the shipped outputs."""
        from wizard.outputs.content import load_outputs, outputs_for  # _later

        return load_outputs() if self.rules is None else outputs_for(pack, self.rules)

    def _pack_ready(self, pack: Pack, outputs: Outputs | None = None) -> None:
        self.outputs = outputs or self._outputs_of(pack)
        self.flow = Flow(pack)
        if self.start_pending:
            self.call_later(self.on_safety_screen_start)

    def _pack_failed(self, error: Exception) -> None:
        self.load_error = error
        self.exit(None, return_code=2)
