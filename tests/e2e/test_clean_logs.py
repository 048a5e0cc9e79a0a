"""Logs are clean at every level: `alliance run` at DEBUG and INFO, polling and webhook, through a
whole flow (enrolment by invite, a check-in, a comment, free text), and its log holds no secret,
no invite token, no answer and no free text, yet still says what happened (ids, kinds)."""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
from pathlib import Path

import httpx
import pytest

from bot.emulator import EmulatorClient
from bot.simulation import SimulatedUser
from tests.e2e.dyads import answer_questionnaire, log_session
from tests.e2e.processes import ALLIANCE, TOKEN, cli_json, stop, webhook_settings

pytestmark = pytest.mark.slow  # see pyproject.toml: left out of the quick selection

SECRET = "LogCheck_webhook-" + "z9" * 12
COMMENT = "Rhubarb-comment: my manager shouts at me"
FREE_TEXT = "Unprompted note about Quixotic plans"
PEOPLE = {"lead": "Ottoline", "coach": "Balthazar", "coachee": "Philippa"}
ANSWER_BUTTON = re.compile(r"\ba:\d+:\d+:-?\d+")


def _invites(environment: dict[str, str]) -> dict[str, str]:
    """Program and invites made the operator's way; returns each role's invite token."""
    program = json.loads(cli_json(environment, "program", "create", "Confidential Cohort",
                                  "--quiet-hours", "0-0"))["id"]  # prompts at any hour
    tokens, coach_id = {}, None
    for role, name in PEOPLE.items():
        extra = ["--coach", str(coach_id)] if role == "coachee" else []
        made = json.loads(cli_json(environment, "invite", "--program", str(program), "--role",
                                   role, "--name", f"{name} Surname", *extra))
        tokens[role] = made["link"].split("?start=")[1]
        coach_id = made["person_id"] if role == "coach" else coach_id
    return tokens


async def _until(check: object, timeout: float = 20) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not check():  # type: ignore[operator]
        if loop.time() > deadline:
            raise TimeoutError("the bot did not come up")
        await asyncio.sleep(0.1)


async def _flow(emulator: str, tokens: dict[str, str], ready: object) -> None:
    async with EmulatorClient(emulator) as client:
        users = {}
        for index, (role, name) in enumerate(PEOPLE.items()):
            await client.create_user(501 + index, name, language_code="en")
            users[role] = SimulatedUser(client, 501 + index, name, "en")
        await _until(ready)
        for role, user in users.items():
            await user.send(f"/start {tokens[role]}")
            await user.press("I agree")
            await user.expect("Welcome aboard!")
        coach, coachee = users["coach"], users["coachee"]
        assert "is logged" in (await log_session(coach))["text"]
        await answer_questionnaire(coach, [9, 8, 9, 8, 7])
        checkin = await answer_questionnaire(coachee, [3, 2, 3, 1])
        await coachee.press("Add a comment", checkin)
        await coachee.send(COMMENT)
        share = await coachee.expect("Share it with your coach?")
        await coachee.press("Keep private", share)
        await coachee.expect_edit(share["message_id"], "stays private")
        await coachee.send(FREE_TEXT)  # the baseline is open: the bot points to it
        await coachee.expect("Typed answers are not saved")


# DEBUG logs a superset of INFO's records: every mode and database at DEBUG, and once at INFO,
# the default level, to show its lines still say what happened
@pytest.mark.parametrize(("mode", "level"), [("polling", "DEBUG"), ("webhook", "DEBUG"),
                                             ("polling", "INFO")])
async def test_the_log_holds_no_secret_token_answer_or_free_text(
    emulator: str, environment: dict[str, str], tmp_path: Path, mode: str, level: str
) -> None:
    environment["LOG_LEVEL"] = level
    api = f"{environment['TELEGRAM_API_BASE_URL']}{TOKEN}"
    if mode == "webhook":
        hook = webhook_settings(environment, SECRET)

        def ready() -> bool:
            return bool(httpx.get(f"{api}/getWebhookInfo").json()["result"]["url"] == hook)
    else:

        def ready() -> bool:
            return bool(httpx.get(f"{emulator}/emulator/commands").json())

    tokens = _invites(environment)
    log_file = tmp_path / "bot.log"
    with log_file.open("w", encoding="utf-8") as sink:
        bot = subprocess.Popen([ALLIANCE, "run"], env=environment, stdout=sink, stderr=sink,
                               text=True)
        try:
            await _flow(emulator, tokens, ready)
        finally:
            stop(bot)
    log = log_file.read_text(encoding="utf-8")

    forbidden = [TOKEN, TOKEN.partition(":")[2], SECRET, COMMENT, "Rhubarb", FREE_TEXT,
                 "Quixotic", "Confidential Cohort", "Surname", *tokens.values(),
                 *PEOPLE.values()]
    assert [text for text in forbidden if text in log] == []
    assert ANSWER_BUTTON.search(log) is None
    assert "Traceback" not in log
    # still useful: what happened, by id and kind
    assert re.search(r"person \d+ enrolled as coachee in program \d+", log)
    assert re.search(r"prompt \d+ \(checkin\) answered", log)
    assert re.search(r"comment saved for prompt \d+", log)
