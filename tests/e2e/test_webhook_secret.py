"""Webhook mode as operators run it: no proper secret, no start; only Telegram's exact secret
gets an update in. Real HTTP to the webhook server of a running `alliance run`."""

from __future__ import annotations

import asyncio
import json
import subprocess
import time

import httpx
import pytest
from sqlalchemy import func, select

from alliance.core.db import create_engine, create_session_factory, transaction
from alliance.core.models import ProcessedUpdate
from bot.webhook import SECRET_HEADER
from tests.e2e.processes import ALLIANCE, TOKEN, cli_json, stop, wait_until, webhook_settings

pytestmark = pytest.mark.slow  # see pyproject.toml: left out of the quick selection

SECRET = "Hook_Secret-" + "q7" * 14  # 40 characters of Telegram's alphabet
FORGED_ID = 900_001


@pytest.mark.parametrize(
    "secret", [None, "", "short", "a" * 31, "a" * 32 + "!", "a" * 257, "é" * 40],
    ids=["unset", "empty", "short", "31-chars", "bad-character", "too-long", "non-ascii"],
)
def test_webhook_mode_refuses_to_start_without_a_proper_secret(
    environment: dict[str, str], secret: str | None
) -> None:
    webhook_settings(environment, secret or "")
    if secret is None:
        del environment["TELEGRAM_WEBHOOK_SECRET"]

    done = subprocess.run([ALLIANCE, "run"], env=environment, capture_output=True, text=True,
                          timeout=60)

    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "TELEGRAM_WEBHOOK_SECRET" in lines[0], done.stderr
    assert lines[0].startswith("error: ")


def _start_update(token: str) -> dict[str, object]:
    """What Telegram would post for user 77 opening the invite link."""
    user = {"id": 77, "is_bot": False, "first_name": "Lee", "language_code": "en"}
    return {
        "update_id": FORGED_ID,
        "message": {
            "message_id": 1, "date": int(time.time()), "from": user, "text": f"/start {token}",
            "chat": {"id": 77, "type": "private", "first_name": "Lee"},
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }


def _handled(database_url: str) -> int:
    async def count() -> int:
        engine = create_engine(database_url)
        try:
            async with transaction(create_session_factory(engine)) as session:
                return int(await session.scalar(
                    select(func.count()).select_from(ProcessedUpdate)
                    .where(ProcessedUpdate.update_id == FORGED_ID)
                ) or 0)
        finally:
            await engine.dispose()

    return asyncio.run(count())


def test_only_the_exact_secret_gets_an_update_in(
    emulator: str, environment: dict[str, str], database_url: str
) -> None:
    hook = webhook_settings(environment, SECRET)
    program = json.loads(cli_json(environment, "program", "create", "Hook test"))["id"]
    invite = json.loads(cli_json(environment, "invite", "--program", str(program), "--role",
                                 "lead", "--name", "Lee"))
    forged = _start_update(invite["link"].split("?start=")[1])
    bot = subprocess.Popen([ALLIANCE, "run"], env=environment, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)
    try:
        httpx.post(f"{emulator}/emulator/users",
                   json={"id": 77, "first_name": "Lee", "language_code": "en"})
        api = f"{environment['TELEGRAM_API_BASE_URL']}{TOKEN}"
        wait_until(lambda: httpx.get(f"{api}/getWebhookInfo").json()["result"]["url"] == hook)
        wrong = {
            "missing": None, "empty": "", "prefix": SECRET[:-1], "suffix": SECRET[1:],
            "longer": SECRET + "x", "shifted": "x" + SECRET[:-1], "case": SECRET.swapcase(),
            "same length": "x" * len(SECRET), "half": SECRET[: len(SECRET) // 2],
        }
        for name, header in wrong.items():
            headers = {} if header is None else {SECRET_HEADER: header}
            refused = httpx.post(hook, json=forged, headers=headers)
            assert refused.status_code == 403, name
        garbage = httpx.post(hook, content=b"not json", headers={SECRET_HEADER: SECRET})
        assert garbage.status_code == 400
        time.sleep(1.0)  # had anything got through, the bot would have answered by now
        assert httpx.get(f"{emulator}/emulator/users/77/messages").json() == []
        assert _handled(database_url) == 0

        accepted = httpx.post(hook, json=forged, headers={SECRET_HEADER: SECRET})

        assert accepted.status_code == 200
        wait_until(lambda: any(m["buttons"] for m in
                               httpx.get(f"{emulator}/emulator/users/77/messages").json()))
        assert _handled(database_url) == 1
    finally:
        stderr = stop(bot)
    assert SECRET not in stderr and SECRET[:-1] not in stderr
    assert "Traceback" not in stderr
