"""What the result and report screens show: the evaluation of the session's answers on the day whose law applies,
as the summary model and as the text printed after the exit."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wizard.outputs.content import Outputs
    from wizard.pack.session import Flow


class Results:
    """Mixed into the app, which sets `flow`, `outputs`, `lang` and `on` (the day; today when None)."""

    flow: Flow | None
    outputs: Outputs | None
    lang: str
    on: date | None

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
