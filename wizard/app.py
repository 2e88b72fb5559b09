"""The terminal app: a safety screen, then one question per screen, a review, and the result.

`Flow` holds the answers and knows, from the engine's `interview()`, which questions are asked, in which
order, and which answers stop counting when an earlier answer changes. `WizardApp` moves between the
screens and owns the two keys that work everywhere: the quick exit and the language switch.

Textual is imported only here and in the screens; `hardening.prepare()` must run before this module is imported.
The engine, the rule pack and the screens that need them are imported and loaded in the background while
the safety screen is read (the `_later` imports below), so that the first screen paints as soon as Textual can.
"""

from __future__ import annotations

import asyncio
import importlib
import io
from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import Console
from textual import events
from textual.app import App
from textual.binding import Binding

from wizard import hardening
from wizard.screens.safety import SafetyScreen
from wizard.screens.too_small import TooSmallScreen

if TYPE_CHECKING:
    from pathlib import Path

    from wizard.content import Outputs
    from wizard.engine import Interview
    from wizard.model import Pack, Person, Question, Topic
    from wizard.screens.question import QuestionScreen
    from wizard.screens.report import ReportScreen
    from wizard.screens.result import ResultScreen
    from wizard.screens.review import ReviewScreen


class Flow:
    """The answers of one session, kept in memory only, and the order of the questions they lead to."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.answers: dict[str, Any] = {}
        """Every answer given, also to questions a later change of answer hides (see `counted`)."""
        self.seen: set[str] = set()
        """Questions shown and confirmed."""

    def state(self) -> Interview:
        from wizard.engine import interview  # _later

        return interview(self.pack, self.answers)

    def active(self) -> tuple[Question, ...]:
        return self.state().active

    def first(self) -> Question:
        return self.active()[0]

    def position(self, question_id: str) -> tuple[int, int]:
        """ "Question n of m": m counts the questions asked with the answers given so far."""
        ids = [question.id for question in self.active()]
        return ids.index(question_id) + 1, len(ids)

    def after(self, question_id: str) -> Question | None:
        ids = [question.id for question in self.active()]
        index = ids.index(question_id)
        return self.active()[index + 1] if index + 1 < len(ids) else None

    def before(self, question_id: str) -> Question | None:
        ids = [question.id for question in self.active()]
        index = ids.index(question_id)
        return self.active()[index - 1] if index > 0 else None

    def first_unseen(self) -> Question | None:
        return next((question for question in self.active() if question.id not in self.seen), None)

    def answer(self, question_id: str, value: Any) -> None:
        """Record an answer. Answers of questions it hides are kept, in memory only: they never count while
        their question is hidden, and come back if a change of answer asks that question again."""
        self.answers[question_id] = value
        self.seen.add(question_id)

    def counted(self) -> dict[str, Any]:
        """The answers any result rests on: those to questions asked with the answers given."""
        return dict(self.state().answers)

    def clear(self) -> None:
        self.answers.clear()
        self.seen.clear()

    def person(self) -> Person:
        respondent = self.pack.pack.respondent
        return respondent.person.get(self.answers.get(respondent.question), "you")

    def text(self, question: Question, lang: str) -> str:
        text = question.text
        return (getattr(text, self.person()) if hasattr(text, "you") else text)[lang]

    def help(self, question: Question, lang: str) -> str | None:
        text = question.help
        if text is None:
            return None
        return (getattr(text, self.person()) if hasattr(text, "you") else text)[lang]

    def topic_title(self, question: Question, lang: str) -> str:
        return self.pack.by_id["topics"][question.topic].title[lang]

    def by_topic(self) -> Iterator[tuple[Topic, list[Question]]]:
        active = self.active()
        for topic in self.pack.topics:
            questions = [question for question in active if question.topic == topic.id]
            if questions:
                yield topic, questions


class WizardApp(App[str | None]):
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
        self.returning_to_review = False
        self.error_console = Console(file=io.StringIO(), markup=False, highlight=False)

    # --- the hardened defaults ------------------------------------------------------------------

    def copy_to_clipboard(self, text: str) -> None:
        """Nothing ever reaches the system clipboard (clipboard managers keep history on disk)."""

    def bell(self) -> None:
        """No bell."""

    def panic(self, *renderables: Any) -> None:
        self._crash(None)

    def _handle_exception(self, error: Exception) -> None:
        self._crash(error)

    def _fatal_error(self) -> None:
        self._crash(None)

    def _print_error_renderables(self) -> None:
        self._exit_renderables.clear()

    def _crash(self, error: BaseException | None) -> None:
        """Any unexpected error: leave with code 70 and no traceback; the caller prints one fixed sentence."""
        self.crashed = True
        self._forget()
        self._return_code = hardening.EXIT_CRASH
        self._exit_renderables.clear()
        if error is not None and self._exception is None and isinstance(error, Exception):
            self._exception = error  # re-raised by a test harness (run_test), never printed by the app
            self._exception_event.set()
        self._close_messages_no_wait()

    def _loop_error(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        self._crash(context.get("exception"))

    # --- starting, and the keys that work everywhere ---------------------------------------------

    def on_mount(self) -> None:
        asyncio.get_running_loop().set_exception_handler(self._loop_error)
        if self._driver is not None and not self.is_headless:
            hardening.on_fatal(self._driver)
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
            importlib.import_module(f"wizard.screens.{screen}")
        self.call_from_thread(self._pack_ready, pack, outputs)

    def _outputs_of(self, pack: Pack) -> Outputs:
        """The outputs of the `--rules` folder, checked against its pack; without one, the shipped outputs."""
        from wizard.content import load_outputs, outputs_for  # _later

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
            hardening.panic_exit(self._driver)

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
        from wizard.screens.question import QuestionScreen  # _later

        if isinstance(self.screen, QuestionScreen):
            await self.screen.show(question.id)
        else:
            await self.switch_screen(QuestionScreen(question.id))

    async def on_safety_screen_start(self) -> None:
        if self.flow is None:  # never wait here: the quick exit must stay one key press away
            self.start_pending = True
            return
        self.start_pending = False
        self.returning_to_review = False
        await self.show_question(self.flow.first_unseen() or self.flow.first())

    async def on_question_screen_answered(self, message: QuestionScreen.Answered) -> None:
        self.flow.answer(message.question_id, message.value)
        flow = self.flow
        upcoming = flow.first_unseen() if self.returning_to_review else flow.after(message.question_id)
        if upcoming is None:
            await self.show_review()
        else:
            await self.show_question(upcoming)

    async def on_question_screen_back(self, message: QuestionScreen.Back) -> None:
        if self.returning_to_review and self.flow.first_unseen() is None:
            await self.show_review()
            return
        previous = self.flow.before(message.question_id)
        if previous is None:
            await self.switch_screen(SafetyScreen())
        else:
            await self.show_question(previous)

    async def show_review(self) -> None:
        from wizard.screens.review import ReviewScreen  # _later

        self.returning_to_review = False
        await self.switch_screen(ReviewScreen())

    async def on_review_screen_edit(self, message: ReviewScreen.Edit) -> None:
        self.returning_to_review = True
        await self.show_question(self.flow.pack.question(message.question_id))

    async def on_review_screen_back(self) -> None:
        await self.show_question(self.flow.active()[-1])

    async def on_review_screen_result(self) -> None:
        from wizard.screens.result import ResultScreen  # _later

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
        from wizard.engine import NoRegime, evaluate  # _later
        from wizard.present import summary

        answers = self.flow.counted()
        try:
            evaluation = evaluate(self.flow.pack, answers, self.evaluation_day())
        except NoRegime:
            return None
        return summary(self.flow.pack, evaluation, self.lang, answers=answers, outputs=self.outputs)

    def summary_text(self) -> str:
        from wizard.textout import summary_text  # _later

        result = self.summary()
        return "" if result is None else summary_text(result, self.outputs)
