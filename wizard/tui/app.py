"""The terminal app: a safety screen, then one question per screen, a review, and the result.

The session state is `Flow` (wizard/pack/session.py). `WizardApp` moves between the
screens and owns the two keys that work everywhere: the quick exit and the language switch.

Textual is imported only here and in the screens; `hardening.prepare()` must run before this module is imported.
The engine, the rule pack and the screens that need them are imported and loaded in the background while
the safety screen is read (the `_later` imports below), so that the first screen paints as soon as Textual can.
"""

from __future__ import annotations

import asyncio
import importlib
import io
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import Console
from textual import events
from textual.app import App
from textual.binding import Binding
from textual.driver import Driver

from wizard.pack.session import Flow
from wizard.tui import hardening
from wizard.tui.driver import guarded
from wizard.tui.hardened import HardenedApp
from wizard.tui.screens.safety import SafetyScreen
from wizard.tui.screens.too_small import TooSmallScreen

if TYPE_CHECKING:
    from pathlib import Path

    from wizard.outputs.content import Outputs
    from wizard.pack.model import Pack, Question
    from wizard.tui.screens.question import QuestionScreen
    from wizard.tui.screens.report import ReportScreen
    from wizard.tui.screens.result import ResultScreen
    from wizard.tui.screens.review import ReviewScreen


class WizardApp(HardenedApp, App[str | None]):
    """Returns the text to print after the exit (the summary or the drafted report), or None."""

    CSS_PATH = "app.tcss"
    TITLE = "wizard"
    """Neutral: the app sets no window title, but a title may still show in screenshots of the screen."""
    ENABLE_COMMAND_PALETTE = False
    MIN_SIZE: ClassVar[tuple[int, int]] = (64, 20)
    BINDINGS: ClassVar = [
        Binding("ctrl+q", "panic", priority=True, show=False, system=True),
        Binding("ctrl+c", "panic", priority=True, show=False, system=True),
        Binding("f2", "switch_language", priority=True, show=False, system=True),
    ]

    def __init__(
        self, pack: Pack | Callable[[], Pack], lang: str = "ru", on: date | None = None, rules: Path | None = None
    ) -> None:
        """`pack` is the rule pack, or a function that loads it (then called in the background after the first
        screen is painted; a `WizardError` it raises ends the app with code 2, kept in `load_error`). `rules` is
        the folder of the pack, whose templates the summary and the report use (None: the shipped ones)."""
        super().__init__()
        self.flow: Flow | None = None
        self.rules = rules
        self.outputs: Outputs | None = None
        """The templates and content of the summary and the report, loaded and checked with the pack."""
        self.start_pending = False
        """Start was pressed before the pack was loaded: begin as soon as it is."""
        self.load_error: Exception | None = None
        self._loader = pack if callable(pack) else None
        if not callable(pack):
            self._pack_ready(pack)
        self.lang = lang
        self.on = on
        """The day whose law applies; today when None."""
        self.crashed = False
        self.panicked = False
        self.error_console = Console(file=io.StringIO(), markup=False, highlight=False)

    # --- starting, and the keys that work everywhere ---------------------------------------------

    def get_driver_class(self) -> type[Driver]:
        return guarded(super().get_driver_class())

    def on_mount(self) -> None:
        asyncio.get_running_loop().set_exception_handler(self._loop_error)
        if self.driver() is not None and not self.is_headless:
            hardening.on_fatal(self.driver())
        self.push_screen(SafetyScreen())
        self.call_after_refresh(self.check_size)
        if self._loader is not None:
            self.call_after_refresh(self.run_worker, self._load_pack, thread=True, name="load")

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

    def _forget(self) -> None:
        if self.flow is not None:
            self.flow.clear()

    def action_panic(self) -> None:
        """Quick exit: clear the screen and the scrollback and leave at once. Nothing is saved or printed."""
        self.panicked = True
        self._forget()
        if self.is_headless:
            self.exit(None, return_code=0)
        else:
            hardening.panic_exit(self.driver())

    async def action_switch_language(self) -> None:
        self.lang = "en" if self.lang == "ru" else "ru"
        hardening.set_language(self.lang)
        for screen in reversed(self.screen_stack):
            if hasattr(screen, "relabel"):
                await screen.relabel()

    async def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self.check_size)

    async def check_size(self) -> None:
        width, height = self.MIN_SIZE
        too_small = self.size.width < width or self.size.height < height
        showing = isinstance(self.screen, TooSmallScreen)
        if too_small and not showing:
            await self.push_screen(TooSmallScreen())
        elif too_small:
            await self.screen.update_size()
        elif showing:
            self.pop_screen()

    # --- moving between screens ------------------------------------------------------------------

    async def show_question(self, question: Question) -> None:
        from wizard.tui.screens.question import QuestionScreen  # _later

        if isinstance(self.screen, QuestionScreen):
            await self.screen.show(question.id)
        else:
            await self.switch_screen(QuestionScreen(question.id))

    async def on_safety_screen_start(self) -> None:
        if self.flow is None:  # never wait here: the quick exit must stay one key press away
            self.start_pending = True
            return
        self.start_pending = False
        self.flow.editing = False
        await self.show_question(self.flow.first_unseen() or self.flow.first())

    async def on_question_screen_answered(self, message: QuestionScreen.Answered) -> None:
        self.flow.answer(message.question_id, message.value)
        upcoming = self.flow.next_after(message.question_id)
        if upcoming is None:
            await self.show_review()
        else:
            await self.show_question(upcoming)

    async def on_question_screen_back(self, message: QuestionScreen.Back) -> None:
        if self.flow.back_to_review():
            await self.show_review()
            return
        previous = self.flow.before(message.question_id)
        if previous is None:
            await self.switch_screen(SafetyScreen())
        else:
            await self.show_question(previous)

    async def show_review(self) -> None:
        from wizard.tui.screens.review import ReviewScreen  # _later

        self.flow.editing = False
        await self.switch_screen(ReviewScreen())

    async def on_review_screen_edit(self, message: ReviewScreen.Edit) -> None:
        self.flow.editing = True
        await self.show_question(self.flow.pack.question(message.question_id))

    async def on_review_screen_back(self) -> None:
        await self.show_question(self.flow.active()[-1])

    async def on_review_screen_result(self) -> None:
        from wizard.tui.screens.result import ResultScreen  # _later

        await self.switch_screen(ResultScreen())

    async def on_result_screen_answers(self) -> None:
        await self.show_review()

    def on_result_screen_exit(self, message: ResultScreen.Exit) -> None:
        text = self.summary_text() if message.print_summary else None
        self._forget()
        self.exit(text)

    def on_report_screen_print(self, message: ReportScreen.Print) -> None:
        """Leave, and print the drafted report once the terminal is restored."""
        self._forget()
        self.exit(message.text)

    # --- what the result screens show -------------------------------------------------------------

    def evaluation_day(self) -> date:
        return self.on or date.today()

    def summary(self) -> dict[str, Any] | None:
        """The summary of the answers in the current language, or None when no regime is in force that day."""
        from wizard.outputs.summary import summary
        from wizard.pack.engine import NoRegime, evaluate  # _later

        answers = self.flow.counted()
        try:
            evaluation = evaluate(self.flow.pack, answers, self.evaluation_day())
        except NoRegime:
            return None
        return summary(self.flow.pack, evaluation, self.lang, answers=answers, outputs=self.outputs)

    def summary_text(self) -> str:
        from wizard.outputs.text import summary_text  # _later

        result = self.summary()
        return "" if result is None else summary_text(result, self.outputs)
