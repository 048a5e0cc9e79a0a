"""Each person's time zone, through Telegram: chosen after consent, changed with /timezone, and
used for their quiet hours, the deadlines they see and the times a promise names.

The program runs in Montreal; the coachee lives in Paris (six hours ahead in January).
"""

from __future__ import annotations

import pytest

from alliance.core.models import Person, Role
from bot.simulation import SimulatedUser
from bot.texts import t
from tests.e2e.dyads import Dyad, claim, enrolled_dyad, log_session
from tests.e2e.harness import BotHarness

LANGS = pytest.mark.parametrize("lang", ["en", "fr"])
CHECK_IN = "Question 1/4"  # the coachee's check-in
COACH_CHECK_IN = "Question 1/5"
TEXTS = {
    "en": {
        "question": "which time zone do you live in?",
        "paris_set": "your times and quiet hours are now in Paris time",
        "unknown": "I don't know the time zone “Atlantis”. Nothing changed: your times stay in "
        "Montreal time.",
        "ask_typed": "Send the name of your city or time zone",
        "current": "Your times and quiet hours are in Montreal time",
        "other": "Other…",
        "coachee_later": "your check-in comes at 08:00 (Paris time), after your quiet hours",
        "reminder": "until Thu 14 Jan, 15:00 (Paris time).",
        "reported_later": "I will ask Claire to confirm the session at 08:00 (Montreal time), "
        "after their quiet hours",
        "welcome_later": "questionnaire about your confidence as a leader comes at 08:00 "
        "(Montreal time), after your quiet hours.",
        "waiting_paris": "What is waiting for you comes at 08:00 (Paris time)",
        "coach_later": "Your check-in comes at 08:00 (Montreal time), after your quiet hours; "
        "Alice receives theirs now.",
        "coachee_promised": "Your check-in follows; Alice receives theirs at 08:00 (Paris "
        "time), after their quiet hours.",
    },
    "fr": {
        "question": "dans quel fuseau horaire vivez-vous?",
        "paris_set": "vos heures et vos heures de silence sont maintenant à l’heure de Paris",
        "unknown": "Je ne connais pas le fuseau horaire «\u00a0Atlantis\u00a0». Rien n’a "
        "changé\u00a0: vos heures restent à l’heure de Montréal.",
        "ask_typed": "Envoyez le nom de votre ville ou de votre fuseau horaire",
        "current": "Vos heures et vos heures de silence sont à l’heure de Montréal",
        "other": "Autre…",
        "coachee_later": "votre bilan arrive à 08:00 (heure de Paris), après vos heures de "
        "silence",
        "reminder": "jusqu’au jeu. 14 janv., 15:00 (heure de Paris).",
        "reported_later": "Je demanderai à Claire de confirmer la séance à 08:00 (heure de "
        "Montréal), après ses heures de silence",
        "welcome_later": "questionnaire sur votre confiance en tant que leader arrive à 08:00 "
        "(heure de Montréal), après vos heures de silence.",
        "waiting_paris": "Ce qui vous attend arrive à 08:00 (heure de Paris)",
        "coach_later": "Votre bilan arrive à 08:00 (heure de Montréal), après vos heures de "
        "silence; Alice reçoit le sien maintenant.",
        "coachee_promised": "Votre bilan suit; Alice reçoit le sien à 08:00 (heure de Paris), "
        "après ses heures de silence.",
    },
}


async def _dyad_in(bot: BotHarness, lang: str) -> Dyad:
    """Coach and coachee both speaking `lang`."""
    coach = await bot.user("Claire", lang)
    program_id = await bot.program()
    issued = await bot.invite(program_id, Role.COACH, "Claire")
    await claim(bot, coach, issued.token)
    return await enrolled_dyad(bot, coachee_lang=lang, program_id=program_id,
                               coach=(coach, issued.person.id))


async def _zone_of(bot: BotHarness, person_id: int) -> str | None:
    async with bot.db() as session:
        person = await session.get(Person, person_id)
        assert person is not None
        return person.timezone


async def _lives_in_paris(dyad: Dyad) -> None:
    """The coachee says so with /timezone and a typed city (the buttons have their own test)."""
    await dyad.coachee.send("/timezone Paris")
    await dyad.coachee.expect(TEXTS[dyad.coachee.lang]["paris_set"])


async def _coach_logs_a_session_after(bot: BotHarness, lang: str, **delta: float) -> Dyad:
    """A dyad speaking `lang` with the coachee in Paris; the coach logs a session `delta` after
    Monday 09:00 in Montreal."""
    dyad = await _dyad_in(bot, lang)
    await _lives_in_paris(dyad)
    bot.advance(**delta)
    await log_session(dyad.coach)
    return dyad


async def _agrees_to_an_invite(bot: BotHarness, lang: str) -> tuple[SimulatedUser, int]:
    """A coachee opens their invite link and agrees, through Telegram: (user, person id)."""
    program_id = await bot.program()
    coach_invite = await bot.invite(program_id, Role.COACH, "Claire")
    user = await bot.user("Alice", lang)
    invite = await bot.invite(program_id, Role.COACHEE, "Alice", coach_id=coach_invite.person.id)
    await user.send(f"/start {invite.token}")
    await user.press(t(lang, "enrol.agree"))
    return user, invite.person.id


async def _no_check_in(user: SimulatedUser, progress: str = CHECK_IN) -> bool:
    return not any(progress in (m.get("text") or "") for m in await user.messages())


@LANGS
async def test_the_zone_is_asked_after_consent_with_the_program_zone_first(
    bot: BotHarness, lang: str
) -> None:
    user, person_id = await _agrees_to_an_invite(bot, lang)
    question = await user.expect(TEXTS[lang]["question"])
    labels = [b["text"] for row in question["buttons"] for b in row]
    assert labels[0] == {"en": "Montreal", "fr": "Montréal"}[lang]  # as each language writes it
    assert "Paris" in labels and labels[-1] == TEXTS[lang]["other"]
    await user.press("Paris", question)
    await user.expect_edit(question["message_id"], TEXTS[lang]["paris_set"])
    assert await _zone_of(bot, person_id) == "Europe/Paris"


@LANGS
async def test_a_welcome_at_night_says_when_the_questionnaire_comes(
    bot: BotHarness, lang: str
) -> None:
    bot.advance(hours=13, minutes=30)  # 22:30 in Montreal, 04:30 in Paris
    user, _ = await _agrees_to_an_invite(bot, lang)
    await user.expect(TEXTS[lang]["welcome_later"])
    question = await user.expect(TEXTS[lang]["question"])
    await user.press("Paris", question)
    await user.expect_edit(question["message_id"], TEXTS[lang]["waiting_paris"])


async def test_no_tap_keeps_the_program_zone(bot: BotHarness) -> None:
    dyad = await enrolled_dyad(bot)
    assert await _zone_of(bot, dyad.coachee_id) is None
    await dyad.coachee.send("/timezone")
    await dyad.coachee.expect(TEXTS["en"]["current"])


@LANGS
async def test_a_coachee_in_paris_gets_the_check_in_while_montreal_sleeps(
    bot: BotHarness, lang: str
) -> None:
    # Tuesday 07:30 in Montreal, 13:30 in Paris
    dyad = await _coach_logs_a_session_after(bot, lang, hours=22, minutes=30)
    await dyad.coach.expect(TEXTS[lang]["coach_later"])
    await dyad.coachee.expect(CHECK_IN)
    assert await _no_check_in(dyad.coach, COACH_CHECK_IN)
    bot.advance(minutes=31)
    await bot.dispatch()
    await dyad.coach.expect(COACH_CHECK_IN)


@LANGS
async def test_a_promise_made_at_night_in_paris_names_the_morning_there(
    bot: BotHarness, lang: str
) -> None:
    # Monday 16:30 in Montreal, 22:30 in Paris
    dyad = await _coach_logs_a_session_after(bot, lang, hours=7, minutes=30)
    await dyad.coach.expect(TEXTS[lang]["coachee_promised"])
    await dyad.coach.expect(COACH_CHECK_IN)
    await dyad.coachee.send("/session")
    await dyad.coachee.expect(TEXTS[lang]["coachee_later"])
    assert await _no_check_in(dyad.coachee)
    bot.advance(hours=9, minutes=31)  # Tuesday 08:01 in Paris
    await bot.dispatch()
    await dyad.coachee.expect(CHECK_IN)


@LANGS
async def test_a_coachee_reporting_while_the_coach_sleeps_is_told_when_they_are_asked(
    bot: BotHarness, lang: str
) -> None:
    dyad = await _dyad_in(bot, lang)
    await _lives_in_paris(dyad)
    bot.advance(hours=22, minutes=30)  # Tuesday 07:30 in Montreal, 13:30 in Paris
    await dyad.coachee.send("/session")
    await dyad.coachee.expect(TEXTS[lang]["reported_later"])
    question = t(lang, "session.confirm_question", coachee="Alice")
    await bot.dispatch()
    assert question not in await dyad.coach.all_text()
    bot.advance(minutes=31)
    await bot.dispatch()
    await dyad.coach.expect(question)


@LANGS
async def test_the_reminder_deadline_is_in_the_coachee_zone(bot: BotHarness, lang: str) -> None:
    dyad = await enrolled_dyad(bot, coachee_lang=lang)
    await _lives_in_paris(dyad)
    await log_session(dyad.coach)
    await dyad.coachee.expect(CHECK_IN)
    bot.advance(hours=24, minutes=1)
    await bot.dispatch()
    await dyad.coachee.expect(TEXTS[lang]["reminder"])


@LANGS
async def test_an_unknown_zone_gets_a_clear_reply_and_changes_nothing(
    bot: BotHarness, lang: str
) -> None:
    dyad = await enrolled_dyad(bot, coachee_lang=lang)
    user, text = dyad.coachee, TEXTS[lang]
    await user.send("/timezone")
    current = await user.expect(text["current"])
    await user.press(text["other"], current)
    await user.expect(text["ask_typed"])
    await user.send("Atlantis")
    await user.expect(text["unknown"])
    assert await _zone_of(bot, dyad.coachee_id) is None
    await user.send("europe/paris")  # still waiting for a name: a second try works
    await user.expect(text["paris_set"])
    assert await _zone_of(bot, dyad.coachee_id) == "Europe/Paris"


async def test_an_unknown_zone_after_the_command_changes_nothing(bot: BotHarness) -> None:
    dyad = await enrolled_dyad(bot)
    await _lives_in_paris(dyad)
    await dyad.coachee.send("/timezone " + "Nowhere/" * 20)
    reply = await dyad.coachee.expect("Nothing changed: your times stay in Paris time")
    assert len(reply["text"]) < 400
    assert await _zone_of(bot, dyad.coachee_id) == "Europe/Paris"


async def test_a_forged_zone_button_changes_nothing(bot: BotHarness) -> None:
    dyad = await enrolled_dyad(bot)
    await dyad.coachee.send("/timezone")
    current = await dyad.coachee.expect(TEXTS["en"]["current"])
    await dyad.coachee.press_data(current["message_id"], "tz:Mars/Olympus")
    await dyad.coachee.send("/timezone")
    await dyad.coachee.expect(lambda m: TEXTS["en"]["current"] in (m.get("text") or "")
                              and m["message_id"] != current["message_id"])
    assert await _zone_of(bot, dyad.coachee_id) is None


@LANGS
async def test_help_names_the_timezone_command(bot: BotHarness, lang: str) -> None:
    dyad = await enrolled_dyad(bot, coachee_lang=lang)
    await dyad.coachee.send("/help")
    await dyad.coachee.expect("/timezone")
