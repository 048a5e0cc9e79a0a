"""Questionnaires in the domain: one tap saved at a time, the next question derived from what is
stored, every tap that should not count refused without a change; comments private by default."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from alliance.core.models import Answer, Prompt, PromptKind, PromptState, Role
from alliance.delivery.queue import claim_due
from alliance.programs import instruments as program_instruments
from alliance.questionnaires.checkins import (
    PromptRefused,
    Refusal,
    current_step,
    instrument_of,
    open_questionnaire_of,
    record_answer,
    save_comment,
    share_comment,
)
from alliance.questionnaires.prompts import occasion_for_program, schedule_prompt
from alliance.sessions.records import log_session_by_coach
from tests.domain.conftest import NOW, World
from tests.domain.test_sessions_domain import Pair, make_pair, prompts


async def _checkins(world: World) -> tuple[Pair, Prompt, Prompt]:
    pair = await make_pair(world)
    await log_session_by_coach(world.session, view=pair.view, actor_id=pair.coach.id, now=NOW)
    coachee, coach = await prompts(world.session, PromptKind.CHECKIN)
    return pair, coachee, coach


async def _refusal(world: World, prompt: Prompt, person_id: int, index: int, value: int,
                   when: timedelta = timedelta(0)) -> Refusal:
    with pytest.raises(PromptRefused) as refused:
        await record_answer(world.session, prompt_id=prompt.id, person_id=person_id,
                            item_index=index, value=value, now=NOW + when)
    return refused.value.reason


async def _answers(world: World) -> int:
    return int(await world.session.scalar(select(func.count(Answer.id))) or 0)


async def test_each_tap_saves_one_item_and_the_last_one_completes_the_prompt(
    world: World,
) -> None:
    pair, coachee, _ = await _checkins(world)
    for index, value in enumerate((6, 7, 8)):
        saved = await record_answer(world.session, prompt_id=coachee.id,
                                    person_id=pair.coachee.id, item_index=index, value=value,
                                    now=NOW)
        assert not saved.completed and saved.step.index == index + 1
    saved = await record_answer(world.session, prompt_id=coachee.id, person_id=pair.coachee.id,
                                item_index=3, value=9, now=NOW + timedelta(minutes=1))
    assert saved.completed and saved.step.complete
    assert coachee.state == PromptState.ANSWERED
    assert coachee.answered_at == NOW + timedelta(minutes=1)
    values = dict((await world.session.execute(
        select(Answer.item_id, Answer.value).where(Answer.prompt_id == coachee.id)
    )).all())
    assert values == {"goal": 6.0, "task": 7.0, "bond": 8.0, "overall": 9.0}


async def test_a_process_that_never_parsed_the_copy_reads_it_on_the_first_tap(
    world: World, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A tap loads the program's copy without its content; a fresh process fetches it once."""
    pair, coachee, _ = await _checkins(world)
    world.session.expunge_all()  # as in a new transaction: nothing of the copy is loaded
    monkeypatch.setattr(program_instruments, "_PARSED", {})
    saved = await record_answer(world.session, prompt_id=coachee.id, person_id=pair.coachee.id,
                                item_index=0, value=6, now=NOW)
    assert saved.step.index == 1
    assert len(program_instruments._PARSED) == 1  # parsed now, and kept for the next taps


async def test_the_next_question_comes_from_the_stored_answers(world: World) -> None:
    pair, _, coach = await _checkins(world)
    assert (await current_step(world.session, coach)).index == 0
    await record_answer(world.session, prompt_id=coach.id, person_id=pair.coach.id,
                        item_index=0, value=5, now=NOW)
    step = await current_step(world.session, coach)
    assert (step.index, step.total, step.item.id) == (1, 5, "task")


async def test_taps_that_should_not_count_change_nothing(world: World) -> None:
    pair, coachee, coach = await _checkins(world)
    assert await _refusal(world, coach, pair.coachee.id, 0, 5) == Refusal.NOT_YOURS
    assert await _refusal(world, coachee, pair.coachee.id, 0, 11) == Refusal.OUT_OF_RANGE
    assert await _refusal(world, coachee, pair.coachee.id, 0, -1) == Refusal.OUT_OF_RANGE
    assert await _refusal(world, coachee, pair.coachee.id, 4, 5) == Refusal.OUT_OF_RANGE
    assert await _refusal(world, coachee, pair.coachee.id, 2, 5) == Refusal.STALE
    await record_answer(world.session, prompt_id=coachee.id, person_id=pair.coachee.id,
                        item_index=0, value=4, now=NOW)
    assert await _refusal(world, coachee, pair.coachee.id, 0, 9) == Refusal.ALREADY_SAVED
    assert await _answers(world) == 1


async def test_a_prompt_past_its_expiry_refuses_late_answers(world: World) -> None:
    pair, coachee, _ = await _checkins(world)
    late = timedelta(hours=72)
    assert await _refusal(world, coachee, pair.coachee.id, 0, 5, late) == Refusal.CLOSED
    coachee.state = PromptState.EXPIRED
    assert await _refusal(world, coachee, pair.coachee.id, 0, 5) == Refusal.CLOSED
    assert await _answers(world) == 0


async def test_an_answered_prompt_takes_no_more_answers(world: World) -> None:
    pair, coachee, _ = await _checkins(world)
    for index in range(4):
        await record_answer(world.session, prompt_id=coachee.id, person_id=pair.coachee.id,
                            item_index=index, value=8, now=NOW)
    assert await _refusal(world, coachee, pair.coachee.id, 0, 2) == Refusal.ANSWERED


async def test_prompts_without_an_instrument_use_the_one_of_their_kind(world: World) -> None:
    pair = await make_pair(world)
    baseline = await schedule_prompt(
        world.session, program=pair.program, kind=PromptKind.BASELINE_SE,
        recipient_id=pair.coachee.id, side=Role.COACHEE,
        occasion=occasion_for_program(pair.program.id, "baseline"), due_at=NOW,
    )
    assert instrument_of(baseline).id == "self_efficacy"
    assert (await current_step(world.session, baseline)).total == 7


async def test_a_comment_stays_private_until_shared_and_is_shared_once(world: World) -> None:
    pair, coachee, coach = await _checkins(world)
    with pytest.raises(PromptRefused):  # not before the questions are answered
        await save_comment(world.session, prompt_id=coachee.id, person_id=pair.coachee.id,
                           text="early", now=NOW)
    for index in range(4):
        await record_answer(world.session, prompt_id=coachee.id, person_id=pair.coachee.id,
                            item_index=index, value=8, now=NOW)
    comment = await save_comment(world.session, prompt_id=coachee.id,
                                 person_id=pair.coachee.id, text="first draft", now=NOW)
    await save_comment(world.session, prompt_id=coachee.id, person_id=pair.coachee.id,
                       text="second thoughts", now=NOW)
    assert (comment.text, comment.shared) == ("second thoughts", False)
    with pytest.raises(PromptRefused):  # only the coachee's check-in takes a comment
        await share_comment(world.session, prompt_id=coach.id, person_id=pair.coach.id, now=NOW)
    shared = await share_comment(world.session, prompt_id=coachee.id,
                                 person_id=pair.coachee.id, now=NOW)
    assert shared is comment and comment.shared and comment.shared_at == NOW
    assert await share_comment(world.session, prompt_id=coachee.id,
                               person_id=pair.coachee.id, now=NOW) is None


async def test_logs_name_prompts_but_never_answers_or_comments(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="alliance")
    pair, coachee, _ = await _checkins(world)
    for index, value in enumerate((3, 7, 9, 10)):
        await record_answer(world.session, prompt_id=coachee.id, person_id=pair.coachee.id,
                            item_index=index, value=value, now=NOW)
    await save_comment(world.session, prompt_id=coachee.id, person_id=pair.coachee.id,
                       text="zebra umbrella", now=NOW)
    await world.session.flush()
    messages = [record.getMessage() for record in caplog.records]
    assert f"prompt {coachee.id} (checkin) answered" in messages
    assert not any("zebra" in message for message in messages)
    # ids here are 1 and 2 (a fresh database), so any 3, 7, 9 or 10 would be an answer value
    assert not any(re.search(r"[379]|10", message) for message in messages), messages


async def test_a_questionnaire_going_out_right_now_is_the_one_to_point_to(world: World) -> None:
    """Between Telegram's answer and the loop's record of the send, a person may already type:
    the prompt under a live delivery lease counts as open; a queued one does not."""
    pair, coachee, _ = await _checkins(world)
    assert await open_questionnaire_of(world.session, pair.coachee.id, NOW) is None  # queued
    claimed = await claim_due(world.session, now=NOW, owner="test", limit=10)
    assert coachee.id in {row.prompt_id for row in claimed}
    found = await open_questionnaire_of(world.session, pair.coachee.id, NOW)
    assert found is not None and found.id == coachee.id
    lapsed = NOW + timedelta(hours=1)  # the process died: its lease ran out, nothing went out
    assert await open_questionnaire_of(world.session, pair.coachee.id, lapsed) is None
