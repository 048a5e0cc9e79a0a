"""/invites: a lead sees what became of each invitation, sends a fresh link, revokes one.

A revoked (or replaced) link, opened later, gets a clear reply and changes nothing.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from alliance.core.models import AuditEvent, Invite, Person, PersonState, Role
from alliance.enrolment.invites import InviteError, claim_invite, issue_invite
from bot.texts import t
from tests.e2e.dyads import callback_answer, claim
from tests.e2e.harness import BotHarness
from tests.e2e.leads import labels, program_with_lead, shown
from tests.e2e.world import snapshot

LANGS = pytest.mark.parametrize("lang", ["en", "fr"])
LINK = re.compile(r"https://t\.me/\w+\?start=([A-Za-z0-9_-]+)")


async def _people_invited(bot: BotHarness, program_id: int) -> dict[str, str]:
    """Coaches in every state: Joined (used), Late (expired), Gone (revoked), Waiting (pending)."""
    joined = await bot.invite(program_id, Role.COACH, "Joined")
    await claim(bot, await bot.user("Jo"), joined.token)
    async with bot.db() as session:
        await issue_invite(session=session, program_id=program_id, role=Role.COACH, name="Late",
                           ttl=timedelta(hours=1), now=bot.clock.now() - timedelta(hours=2))
        gone = await issue_invite(session=session, program_id=program_id, role=Role.COACH,
                                  name="Gone", ttl=timedelta(days=14), now=bot.clock.now())
        gone.invite.revoked_at = bot.clock.now()
    waiting = await bot.invite(program_id, Role.COACH, "Waiting")
    return {"waiting": waiting.token, "gone": gone.token}


@LANGS
async def test_the_list_shows_each_invitations_state(bot: BotHarness, lang: str) -> None:
    program_id, lead = await program_with_lead(bot, lang)
    await _people_invited(bot, program_id)

    await lead.send("/invites")

    message = await lead.expect(t(lang, "invites.title", program="Leaders 2027"))
    coach = t(lang, "role.coach")

    def line(name: str, state: str) -> str:
        shown = t(lang, f"invites.state.{state}")
        return t(lang, "invites.line", name=name, role=coach, state=shown)

    assert line("Joined", "used") in message["text"]
    assert line("Late", "expired") in message["text"]
    assert line("Gone", "revoked") in message["text"]
    waiting = t(lang, "invites.state.pending_until", until="2027-01-25")
    assert t(lang, "invites.line", name="Waiting", role=coach, state=waiting) in message["text"]
    assert labels(message) == ["↻ Waiting", "✕ Waiting", "↻ Gone", "↻ Late",
                               t(lang, "button.cancel")]


@LANGS
async def test_a_fresh_link_works_and_the_old_one_is_refused(bot: BotHarness, lang: str) -> None:
    program_id, lead = await program_with_lead(bot, lang)
    tokens = await _people_invited(bot, program_id)
    await lead.send("/invites")
    listing = await lead.message_with_button("↻ Waiting")

    await lead.press("↻ Waiting", listing)

    fresh = await lead.expect(t(lang, "invites.resent"))
    found = LINK.search(fresh["text"])
    assert found is not None and found[1] != tokens["waiting"]
    after = await lead.expect_edit(
        listing["message_id"], lambda m: "✕ Waiting" in labels(m) and m["edits"])
    assert "↻ Waiting" in labels(after)
    old = await bot.user("Wes", lang)
    await old.send(f"/start {tokens['waiting']}")
    await old.expect(t(lang, "enrol.invite_revoked"))
    new = await bot.user("Wes2", lang)
    await new.send(f"/start {found[1]}")
    await new.press(t(lang, "enrol.agree"))
    await new.expect(t(lang, "enrol.welcome_heading"))
    async with bot.db() as session:
        person = await session.scalar(select(Person).where(Person.display_name == "Waiting"))
        assert person is not None and person.telegram_user_id == new.id
        actions = list(await session.scalars(select(AuditEvent.action)))
    assert "invite_resent" in actions


@LANGS
async def test_a_revoked_link_changes_nothing_when_opened(bot: BotHarness, lang: str) -> None:
    program_id, lead = await program_with_lead(bot, lang)
    tokens = await _people_invited(bot, program_id)
    await lead.send("/invites")
    listing = await lead.message_with_button("✕ Waiting")
    await lead.press("✕ Waiting", listing)
    await lead.expect_edit(listing["message_id"],
                           t(lang, "invites.revoke_confirm", name="Waiting"))

    await lead.press(t(lang, "invites.revoke_yes"), listing)

    after = await lead.expect_edit(listing["message_id"],
                                   t(lang, "invites.revoked", name="Waiting"))
    assert "✕ Waiting" not in labels(after) and "↻ Waiting" in labels(after)
    async with bot.db() as session:
        before = await snapshot(session)
    opener = await bot.user("Wes", lang)
    await opener.send(f"/start {tokens['waiting']}")
    await opener.expect(t(lang, "enrol.invite_revoked"))
    async with bot.db() as session:
        person = await session.scalar(select(Person).where(Person.display_name == "Waiting"))
        assert person is not None and person.state == PersonState.INVITED
        assert person.telegram_user_id is None
        assert "invite_revoked" in list(await session.scalars(select(AuditEvent.action)))
        after_open = await snapshot(session)
    assert after_open == before


async def test_claiming_a_revoked_invite_is_refused(bot: BotHarness) -> None:
    program_id = await bot.program()
    issued = await bot.invite(program_id, Role.COACH, "Gone")
    async with bot.db() as session:
        invite = await session.get(Invite, issued.invite.id)
        assert invite is not None
        invite.revoked_at = bot.clock.now()
    async with bot.db() as session:
        with pytest.raises(InviteError, match="revoked"):
            await claim_invite(session=session, token=issued.token, telegram_user_id=4242,
                               language="en", now=bot.clock.now())


@LANGS
async def test_buttons_of_a_list_shown_before_are_refused(bot: BotHarness, lang: str) -> None:
    program_id, lead = await program_with_lead(bot, lang)
    await _people_invited(bot, program_id)
    await lead.send("/invites")
    first = await lead.message_with_button("↻ Waiting")
    await lead.send("/invites")
    second = await lead.expect(t(lang, "invites.title", program="Leaders 2027"))
    await lead.press("↻ Waiting", second)
    await lead.expect(t(lang, "invites.resent"))

    resend = await lead.press("↻ Waiting", first)
    assert await callback_answer(bot, resend) == t(lang, "invites.refused.superseded")
    revoke = await lead.press("✕ Waiting", first)
    assert await callback_answer(bot, revoke) == t(lang, "invites.refused.superseded")
    async with bot.db() as session:
        count = len(list(await session.scalars(select(Invite.id))))
    assert count == 6  # the lead's, four coaches' and one fresh link: nothing more
    assert (await shown(lead, first))["text"] == first["text"]


@LANGS
async def test_others_cannot_list_resend_or_revoke(bot: BotHarness, lang: str) -> None:
    program_id, _ = await program_with_lead(bot, lang)
    await _people_invited(bot, program_id)
    coach = await bot.user("Cole", lang)
    await claim(bot, coach, (await bot.invite(program_id, Role.COACH, "Cole")).token)
    async with bot.db() as session:
        waiting = await session.scalar(select(Invite.id).join(Person, Person.id ==
                                       Invite.person_id).where(Person.display_name == "Waiting"))
        before = await snapshot(session)

    await coach.send("/invites")
    await coach.expect(t(lang, "lead.not_lead"))
    message = (await coach.messages())[-1]
    for data in (f"iv:s:{waiting}", f"iv:x:{waiting}", f"iv:y:{waiting}",
                 f"iv:l:{program_id}"):
        pressed = await coach.press_data(message["message_id"], data)
        assert await callback_answer(bot, pressed) == t(lang, "lead.not_lead"), data
    async with bot.db() as session:
        assert await snapshot(session) == before
