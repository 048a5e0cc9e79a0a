"""Every kind of questionnaire in one table: its instrument, its heading, how it is reminded.

A prompt's kind says what is being asked (a session's check-in, the program's baseline…); this
registry says how: which shipped instrument it is asked with (the check-in's comes from the
program, which may use its own), which catalogue title heads it when the instrument's own would
mislead (the baseline and the final share an instrument), and whether it is reminded once or
across a window. Creating, showing, reminding and scoring a prompt all read it, so adding a kind
is adding a row here. The kinds that are not questionnaires ("did it take place?", "please
confirm") are answered by buttons of their own and have no row.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from alliance.core.models import CHECKIN_INSTRUMENT, Program, PromptKind

__all__ = [
    "CHECKIN_INSTRUMENT",
    "KINDS",
    "QUESTIONNAIRE_KINDS",
    "QuestionnaireKind",
    "Reminding",
    "instrument_id_for",
]


class Reminding(StrEnum):
    ONCE = "once"  # one reminder after the program's delay, closing at its expiry
    ACROSS_WINDOW = "across_window"  # the program's count of reminders spread over a long window


@dataclass(frozen=True)
class QuestionnaireKind:
    kind: PromptKind
    instrument: str
    """The shipped instrument's id; for the check-in, the default a program may replace."""
    reminding: Reminding = Reminding.ONCE
    title: str | None = None
    """Catalogue key of the heading shown instead of the instrument's title, if any."""


KINDS: dict[PromptKind, QuestionnaireKind] = {
    k.kind: k
    for k in (
        QuestionnaireKind(PromptKind.CHECKIN, CHECKIN_INSTRUMENT),
        QuestionnaireKind(PromptKind.BASELINE_SE, "self_efficacy", Reminding.ACROSS_WINDOW,
                          title="questionnaire.baseline_title"),
        QuestionnaireKind(PromptKind.FINAL_SE, "self_efficacy", Reminding.ACROSS_WINDOW,
                          title="questionnaire.final_title"),
        QuestionnaireKind(PromptKind.END_ALLIANCE, "end_alliance"),
        QuestionnaireKind(PromptKind.MOOD, "coach_mood"),
        QuestionnaireKind(PromptKind.FIVE_ATTRIBUTES, "five_attributes"),
    )
}
QUESTIONNAIRE_KINDS = frozenset(KINDS)


def instrument_id_for(kind: PromptKind, program: Program | None = None) -> str:
    """The instrument a new prompt of this kind is asked with: for a check-in the program's
    choice, else the kind's own. Asking for a kind that is not a questionnaire is a bug."""
    if kind == PromptKind.CHECKIN and program is not None and program.checkin_instrument:
        return program.checkin_instrument
    return KINDS[kind].instrument
