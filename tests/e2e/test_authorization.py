"""Who may do what: every command and every button action, as each kind of person.

The table gives, per command or button and per role, the text the bot must answer with. A
refusal must also change nothing: the whole database is compared before and after. For each
role the actions that are allowed and change data run last (some start deliveries in the
background), so every refusal is compared against a quiet database.
Program A is the one of "lead", "coach" and "coachee"; "other_lead" leads program B and
presses A's buttons.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.texts import t
from tests.e2e.harness import BotHarness
from tests.e2e.world import ROLES, Things, World, build_world, literal, press, snapshot

LEADS = ("lead", "other_lead")
MEMBERS = ("coachee", "coach", *LEADS)
CHANGES = "changes"  # marks an allowed action that writes to the database


def per_role(default: str, **overrides: str) -> dict[str, str]:
    """`default` for every role, except the stranger (not enrolled) and those overridden."""
    return {"stranger": "error.not_enrolled"} | dict.fromkeys(MEMBERS, default) | overrides


# command → role → expected text key ("doc:" = a document); order matters, see the docstring
COMMANDS: list[tuple[str, dict[str, str]]] = [
    ("/start", per_role("help.intro", stranger="enrol.how_to_join")),
    ("/help", per_role("help.intro", stranger="help.stranger")),
    ("/language", per_role("language.choose", stranger="language.stranger")),
    ("/forget", per_role("privacy.forget_confirm")),
    ("/resume", per_role("privacy.not_paused")),
    ("/session", per_role(
        "session.no_dyads", coachee="session.recently_logged", coach="session.duplicate"
    )),
    ("/schedule", per_role(
        "session.no_dyads", coachee="schedule.only_coaches", coach="schedule.pick_day"
    )),
    ("/mystats", per_role("mystats.only_coaches", stranger="mystats.only_coaches",
                          coach="mystats.title")),
    ("/newprogram", per_role("lead.not_lead", lead="lead.ask_program_name",
                             other_lead="lead.ask_program_name")),
    ("/invite", per_role("lead.not_lead", lead="lead.ask_role", other_lead="lead.ask_role")),
    ("/status", per_role("lead.not_lead", lead="lead.status_title",
                         other_lead="lead.status_title")),
    ("/close", per_role("lead.not_lead", lead="lead.close_confirm",
                        other_lead="lead.close_confirm")),
    ("/invites", per_role("lead.not_lead", lead="invites.title", other_lead="invites.title")),
    ("/people", per_role("lead.not_lead", lead="people.pick", other_lead="people.pick")),
    ("/settings", per_role("lead.not_lead", lead="settings.view", other_lead="settings.view")),
    ("/timezone", per_role("timezone.current", stranger="timezone.stranger")),
    ("/report", per_role("lead.not_lead", stranger="lead.not_lead",
                         lead=f"report.preparing {CHANGES}",
                         other_lead=f"report.preparing {CHANGES}")),
    ("/mydata", per_role(f"doc:my-data.json {CHANGES}")),
    ("/pause", per_role(f"privacy.paused {CHANGES}")),
    ("/resume", per_role(f"privacy.resumed {CHANGES}")),
]


def _expectation(spec: str, lang: str) -> tuple[Callable[[dict[str, object]], bool], bool, str]:
    """(matcher, whether data may change, what it looks for) from a table cell."""
    key, _, flag = spec.partition(" ")
    if key.startswith("doc:"):
        name = key[4:]
        docs = lambda m: any(d.get("file_name") == name for d in m.get("documents") or [])  # noqa: E731
        return docs, flag == CHANGES, name
    wanted = literal(lang, key)
    return (lambda m: wanted in str(m.get("text") or "")), flag == CHANGES, wanted


async def _no_error_anywhere(bot: BotHarness, world: World) -> None:
    apology = t("en", "error.generic")
    for role, user in world.users.items():
        assert apology not in await user.all_text(), f"{role} got the error apology"


@pytest.mark.parametrize("role", ROLES)
async def test_every_command_as_each_role(bot: BotHarness, role: str) -> None:
    world = await build_world(bot)
    user = world.users[role]
    rows = sorted(COMMANDS, key=lambda row: row[1][role].endswith(CHANGES))
    for command, expected in rows:
        matches, changes, wanted = _expectation(expected[role], user.lang)
        async with bot.db() as db:
            before = await snapshot(db)
        await user.send(command)
        try:
            await user.expect(matches)
        except TimeoutError as exc:
            raise AssertionError(f"{role} {command}: no reply with {wanted!r}") from exc
        if not changes:
            async with bot.db() as db:
                assert await snapshot(db) == before, f"{role} {command} changed data"
    await _no_error_anywhere(bot, world)


def _buttons(a: Things, b: Things) -> list[tuple[str, dict[str, str]]]:
    """button data (carrying program A's ids) → role → expected text key."""
    mine = "prompt.refused.not_yours"
    lead_only = {"coachee": "lead.not_lead", "coach": "lead.not_lead",
                 "other_lead": "lead.not_lead"}
    day, slot = "20270112", "1000"  # Tuesday 10:00 in the program's zone: offered
    return [
        ("enrol:yes:" + "Z" * 43, per_role("enrol.invite_unknown",
                                            stranger="enrol.invite_unknown")),
        ("forget:no", per_role("privacy.forget_kept", stranger="privacy.forget_kept")),
        ("forget:yes", {"stranger": "error.not_enrolled"}),  # members: erasing is theirs
        ("lead:cancel", per_role("lead.cancelled", stranger="lead.cancelled")),
        ("lx:abcdef", per_role("lead.step_over", stranger="lead.step_over")),
        ("np:tz:abcdef:UTC", per_role("lead.step_over", stranger="lead.step_over")),
        ("np:d:abcdef", per_role("lead.step_over", stranger="lead.step_over")),
        (f"pick:st:{a.program_id}", per_role("", lead="lead.status_title", **lead_only)),
        (f"pick:inv:{a.program_id}", per_role("", lead="lead.ask_role", **lead_only)),
        (f"pick:cl:{a.program_id}", per_role("", lead="lead.close_confirm", **lead_only)),
        (f"inv:r:coach:{a.program_id}", per_role("", lead="lead.ask_invitee_name",
                                                 **lead_only)),
        (f"inv:c:abcdef:{a.coach_id}", per_role("lead.step_over", stranger="lead.step_over")),
        (f"rp:{a.program_id}", per_role("lead.not_lead", stranger="lead.not_lead",
                                        lead=f"report.preparing {CHANGES}")),
        (f"cm:{a.coachee_checkin}:add", per_role(mine, coachee="checkin.comment_ask")),
        (f"cm:{a.coachee_checkin}:share", per_role(mine, coachee="prompt.refused.stale")),
        (f"cm:{a.coachee_checkin}:skip", per_role(mine, coachee="checkin.comment_skipped")),
        (f"cm:{a.coachee_checkin}:keep", per_role(mine, coachee="checkin.comment_kept")),
        (f"ss:{a.dyad_id}", per_role(mine, coach="session.duplicate")),
        ("sx", per_role("session.not_duplicated", stranger="session.not_duplicated")),
        (f"pc:{a.dyad_id}", per_role(mine, coach="schedule.pick_day")),
        (f"pd:{a.dyad_id}:{day}", per_role(mine, coach="schedule.pick_time")),
        (f"ph:{a.dyad_id}:{day}:{slot}", per_role(mine, coach="schedule.pick_duration")),
        ("px", per_role("schedule.cancelled", stranger="schedule.cancelled")),
        (f"n:{b.nudge_id}:talked", per_role(mine)),  # B's nudge: nobody here may answer it
        ("lang:en", per_role(f"language.done {CHANGES}", stranger="language.stranger")),
        ("tz:Europe/Paris", per_role(f"timezone.done {CHANGES}", stranger="timezone.stranger")),
        ("tz:Mars/Olympus", per_role("fallback.button_toast", stranger="timezone.stranger")),
        ("tz:other", per_role(f"timezone.ask_typed {CHANGES}", stranger="timezone.stranger")),
        (f"a:{a.coachee_checkin}:0:8", per_role(mine, coachee=f"checkin.progress {CHANGES}")),
        (f"a:{a.coach_checkin}:0:8", per_role(mine, coach=f"checkin.progress {CHANGES}")),
        (f"so:{a.outcome_prompt}:cancelled", per_role(
            mine, coach=f"session.outcome_cancelled {CHANGES}")),
        (f"sc:{a.confirm_prompt}:n", per_role(mine, coach=f"session.not_confirmed {CHANGES}")),
        (f"n:{a.nudge_id}:talked", per_role(mine, coach=f"nudge.noted.talked {CHANGES}")),
        (f"pm:{a.dyad_id}:{day}:{slot}:60", per_role(mine, coach=f"schedule.done {CHANGES}")),
        (f"sl:{a.dyad_id}:{a.held_session_id}", per_role(
            mine, coach=f"session.logged {CHANGES}")),
        (f"set:r:{a.program_id}", per_role("", lead="settings.ask_reminder", **lead_only)),
        (f"pp:p:{a.coachee_id}:{a.program_id}", per_role("", lead="people.what", **lead_only)),
        (f"pp:k:{a.coachee_id}:{a.coach_id}:{a.program_id}", per_role(
            "", lead="lead.same_coach", **lead_only)),
        (f"pp:n:{a.coach_id}:{a.program_id}", per_role("", lead="people.ask_name",
                                                      **lead_only)),
        (f"set:m:{a.program_id}:mood", per_role(
            "", lead=f"settings.changed_module {CHANGES}", **lead_only)),
        (f"cl:y:{a.program_id}", per_role("", lead=f"lead.closed {CHANGES}", **lead_only)),
    ]


@pytest.mark.slow  # the whole button matrix, every role: with the fuzz, not in the quick loop
@pytest.mark.parametrize("role", ROLES)
async def test_every_button_as_each_role(bot: BotHarness, role: str) -> None:
    world = await build_world(bot)
    user = world.users[role]
    rows = [(data, expected[role]) for data, expected in _buttons(world.a, world.b)
            if role in expected]
    rows.sort(key=lambda row: row[1].endswith(CHANGES))  # stable: refusals first, in order
    for data, spec in rows:
        key, _, flag = spec.partition(" ")
        async with bot.db() as db:
            before = await snapshot(db)
        await press(bot, user, data, literal(user.lang, key), stranger=role == "stranger")
        if flag != CHANGES:
            async with bot.db() as db:
                assert await snapshot(db) == before, f"{role} pressing {data!r} changed data"
    await _no_error_anywhere(bot, world)
