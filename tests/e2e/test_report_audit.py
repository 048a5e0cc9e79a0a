"""A lead's /report is an audit event (who, which program); a refused one is not."""

from __future__ import annotations

from sqlalchemy import select

from alliance.core.models import AuditEvent, Person
from bot.texts import t
from tests.e2e.harness import BotHarness
from tests.e2e.people import make_dyad


async def _report_events(bot: BotHarness) -> list[tuple[int | None, int | None, object]]:
    async with bot.db() as session:
        events = await session.scalars(
            select(AuditEvent).where(AuditEvent.action == "report_requested")
            .order_by(AuditEvent.id)
        )
        return [(e.actor_id, e.program_id, e.details) for e in events]


async def test_a_report_request_is_audited_and_a_refused_one_is_not(bot: BotHarness) -> None:
    program_id, lead, coach, _ = await make_dyad(bot)
    await coach.send("/report")
    await coach.expect(t("en", "lead.not_lead"))
    assert await _report_events(bot) == []

    await lead.send("/report")
    await lead.expect(t("en", "report.preparing", program="Leaders 2027"))
    await lead.expect(lambda m: any(d["file_name"].endswith(".pdf")
                                    for d in m.get("documents") or []), timeout=60)

    async with bot.db() as session:
        lead_id = await session.scalar(
            select(Person.id).where(Person.telegram_user_id == lead.id)
        )
    assert await _report_events(bot) == [(lead_id, program_id, {"via": "telegram"})]
