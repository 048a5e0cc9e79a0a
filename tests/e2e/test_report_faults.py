"""The lead's report (text, charts and PDF: one queued row sent in several calls) under
Telegram's refusals, injected by the emulator on the PDF after the summary went out: 429 with
retry_after, 5xx, 403 and a call that times out. The report arrives whole and once (a timeout
allows one more PDF), the parts already sent are not sent again, the loop does not spin, and
other people's messages go out meanwhile."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from alliance.core.models import Membership, Person, PersonState, Role
from alliance.delivery.queue import MAX_ATTEMPTS, enqueue
from alliance.delivery.queue_model import OutboundKind, OutboundMessage, OutboundState
from bot.simulation import Message, SimulatedUser
from bot.texts import t
from tests.e2e.draining import PASSING_FAULTS, deliver_until_quiet
from tests.e2e.harness import BotHarness
from tests.e2e.people import make_dyad

pytestmark = pytest.mark.slow  # see pyproject.toml: left out of the quick selection

SUMMARY = "program report"


def _pdfs(messages: list[Message]) -> int:
    return sum(d["file_name"].endswith(".pdf") for m in messages for d in m.get("documents") or [])


async def _queue_report_and_a_notice(bot: BotHarness, program_id: int) -> None:
    """The report for the lead and, beside it, a notice for the coach (which must not wait)."""
    now = bot.clock.now()
    async with bot.db() as db:
        people = dict((await db.execute(select(Membership.role, Membership.person_id))).all())
        await enqueue(db, kind=OutboundKind.REPORT_DOCUMENT, key="report:test",
                      recipient_id=people[Role.LEAD], due_at=now, program_id=program_id)
        await enqueue(db, kind=OutboundKind.NOTICE, key="notice:test",
                      recipient_id=people[Role.COACH], due_at=now, program_id=program_id,
                      payload={"text": "session.coachee_not_confirmed",
                               "names": {"coach": people[Role.COACH]}})


async def _ready(bot: BotHarness) -> tuple[int, SimulatedUser, SimulatedUser, int]:
    """A program whose queue is empty: (program, lead, coach, messages the lead has)."""
    program_id, lead, coach, _ = await make_dyad(bot)
    await deliver_until_quiet(bot)
    return program_id, lead, coach, len(await lead.messages())


async def _report_arrived_once(
    bot: BotHarness, lead: SimulatedUser, before: int, duplicates: int = 0
) -> None:
    new = (await lead.messages())[before:]
    assert sum(SUMMARY in (m.get("text") or "") for m in new) == 1, new
    assert 1 <= _pdfs(new) <= 1 + duplicates
    async with bot.db() as db:
        report = await db.scalar(select(OutboundMessage).where(
            OutboundMessage.kind == OutboundKind.REPORT_DOCUMENT))
    assert report is not None and report.state == OutboundState.SENT
    assert report.attempts <= MAX_ATTEMPTS
    assert report.telegram_message_id == next(
        m["message_id"] for m in new if SUMMARY in (m.get("text") or ""))


@PASSING_FAULTS
async def test_a_report_whose_pdf_is_refused_arrives_whole_and_once(
    bot: BotHarness, fault: dict[str, Any], duplicates: int
) -> None:
    program_id, lead, coach, before = await _ready(bot)
    await bot.client.config(faults=[{"method": "sendDocument", **fault}])
    await _queue_report_and_a_notice(bot, program_id)

    await bot.dispatch()
    await coach.expect("did not confirm")  # the other row did not wait behind the report
    await deliver_until_quiet(bot)

    await _report_arrived_once(bot, lead, before, duplicates)
    calls = (await bot.client.stats())["calls"]
    assert calls.get("sendDocument", 0) == 1 + fault["count"]  # each fault retried once: no spin


async def test_a_report_to_a_lead_who_blocked_the_bot_arrives_once_they_write_again(
    bot: BotHarness,
) -> None:
    program_id, lead, coach, before = await _ready(bot)
    await bot.client.config(faults=[{"method": "sendDocument", "code": 403, "count": 1}])
    await _queue_report_and_a_notice(bot, program_id)
    await bot.dispatch()
    await coach.expect("did not confirm")
    async with bot.db() as db:
        lead_state = await db.scalar(select(Person.state).join(
            Membership, Membership.person_id == Person.id).where(Membership.role == Role.LEAD))
    assert lead_state == PersonState.UNREACHABLE

    await lead.send("/help")
    await lead.expect("/report")
    await deliver_until_quiet(bot)

    await _report_arrived_once(bot, lead, before)


async def test_a_report_that_cannot_be_sent_tells_the_lead_and_stops(bot: BotHarness) -> None:
    program_id, lead, _, before = await _ready(bot)
    await bot.client.config(faults=[{"method": "sendDocument", "code": 502,
                                     "count": MAX_ATTEMPTS + 2}])
    await _queue_report_and_a_notice(bot, program_id)
    await deliver_until_quiet(bot, rounds=400)

    new = (await lead.messages())[before:]
    assert sum(SUMMARY in (m.get("text") or "") for m in new) == 1
    assert t("en", "report.failed") in new[-1]["text"]
    calls = (await bot.client.stats())["calls"]
    assert calls.get("sendDocument", 0) == MAX_ATTEMPTS
