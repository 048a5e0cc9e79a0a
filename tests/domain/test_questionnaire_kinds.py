"""One table of questionnaire kinds, and one way to score an answer: no silent substitutes."""

from __future__ import annotations

import pytest

from alliance.core.models import CHECKIN_INSTRUMENT, Program, PromptKind
from alliance.instruments import DEFAULT_INSTRUMENT_IDS
from alliance.questionnaires.kinds import KINDS, QUESTIONNAIRE_KINDS, Reminding, instrument_id_for
from alliance.reporting.analysis.answer_scores import ScoringError, score_answers


def test_every_questionnaire_kind_has_a_shipped_instrument_and_the_others_none() -> None:
    buttons_only = {PromptKind.SESSION_OUTCOME, PromptKind.SESSION_CONFIRM}
    assert set(PromptKind) - buttons_only == QUESTIONNAIRE_KINDS
    assert {entry.instrument for entry in KINDS.values()} <= set(DEFAULT_INSTRUMENT_IDS)
    with pytest.raises(KeyError):
        instrument_id_for(PromptKind.SESSION_OUTCOME)


def test_the_checkin_is_the_programs_choice_and_the_self_efficacy_asks_have_windows() -> None:
    own = Program(checkin_instrument="/srv/our_checkin.yaml")
    assert instrument_id_for(PromptKind.CHECKIN, own) == "/srv/our_checkin.yaml"
    assert instrument_id_for(PromptKind.CHECKIN) == CHECKIN_INSTRUMENT
    assert {k for k, e in KINDS.items() if e.reminding == Reminding.ACROSS_WINDOW} == {
        PromptKind.BASELINE_SE, PromptKind.FINAL_SE}
    assert KINDS[PromptKind.BASELINE_SE].title != KINDS[PromptKind.FINAL_SE].title


def test_an_answer_is_scored_by_its_instrument() -> None:
    answers = {"goal": 8.0, "task": 6.0, "bond": 7.0, "overall": 7.0}
    assert score_answers(PromptKind.CHECKIN, CHECKIN_INSTRUMENT, answers, "coachee") == 7.0


def test_an_instrument_that_is_gone_is_an_error_not_a_plain_mean() -> None:
    with pytest.raises(ScoringError, match=r"gone\.yaml"):
        score_answers(PromptKind.CHECKIN, "/nowhere/gone.yaml", {"goal": 8.0}, "coachee")


def test_a_side_the_instrument_does_not_ask_is_an_error() -> None:
    with pytest.raises(ScoringError, match="not answered by side"):
        score_answers(PromptKind.CHECKIN, CHECKIN_INSTRUMENT, {"goal": 8.0}, "lead")
