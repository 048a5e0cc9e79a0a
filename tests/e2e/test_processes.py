"""The operator's path: `alliance emulator` and `alliance run` as separate processes, a user
driven through the control API only, Telegram's refusals seen over raw HTTP."""

from __future__ import annotations

import signal
import subprocess

import httpx
import pytest

from tests.e2e.processes import ALLIANCE, wait_until, webhook_settings

pytestmark = pytest.mark.slow  # see pyproject.toml: left out of the quick selection


def test_emulator_process_speaks_bot_api(emulator: str) -> None:
    api = f"{emulator}/bot7000000001:ANY"
    me = httpx.get(f"{api}/getMe").json()
    assert me["ok"] and me["result"]["is_bot"]
    httpx.post(f"{emulator}/emulator/users", json={"id": 5, "first_name": "Ann"})
    too_long = httpx.post(f"{api}/sendMessage", data={"chat_id": 5, "text": "x" * 4097})
    assert too_long.status_code == 400 and "too long" in too_long.json()["description"]
    unknown_chat = httpx.post(f"{api}/sendMessage", data={"chat_id": 999, "text": "hi"})
    assert unknown_chat.json()["description"] == "Bad Request: chat not found"
    httpx.post(f"{emulator}/emulator/users/5/send", json={"text": "one"})
    httpx.post(f"{emulator}/emulator/users/5/send", json={"text": "two"})
    first = httpx.get(f"{api}/getUpdates", params={"timeout": 0}).json()["result"]
    assert [u["message"]["text"] for u in first] == ["one", "two"]
    confirmed = httpx.get(f"{api}/getUpdates",
                          params={"offset": first[0]["update_id"] + 1}).json()["result"]
    assert [u["message"]["text"] for u in confirmed] == ["two"]
    httpx.post(f"{emulator}/emulator/config", json={"rate_limits": True})
    codes = [httpx.post(f"{api}/sendMessage", data={"chat_id": 5, "text": f"m{i}"}).status_code
             for i in range(8)]
    assert 429 in codes


@pytest.mark.parametrize("mode", ["polling", "webhook"])
def test_alliance_run_answers_a_user_driven_through_the_control_api(
    emulator: str, environment: dict[str, str], mode: str
) -> None:
    if mode == "webhook":
        webhook_settings(environment, "w" * 40)
    created = subprocess.run(
        [ALLIANCE, "program", "create", "Process test", "--json"],
        env=environment, capture_output=True, text=True, check=True,
    )
    program_id = created.stdout.strip().split('"id": ')[1].split(",")[0]
    invite = subprocess.run(
        [ALLIANCE, "invite", "--program", program_id, "--role", "lead", "--name", "Lee", "--json"],
        env=environment, capture_output=True, text=True, check=True,
    )
    token = invite.stdout.split("?start=")[1].split('"')[0]
    bot = subprocess.Popen([ALLIANCE, "run"], env=environment,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        httpx.post(f"{emulator}/emulator/users",
                   json={"id": 77, "first_name": "Lee", "language_code": "en"})
        wait_until(lambda: httpx.get(f"{emulator}/emulator/commands").json())
        if mode == "webhook":
            api = environment["TELEGRAM_API_BASE_URL"] + environment["TELEGRAM_BOT_TOKEN"]
            wait_until(lambda: httpx.get(f"{api}/getWebhookInfo").json()["result"]["url"])
        httpx.post(f"{emulator}/emulator/users/77/send", json={"text": f"/start {token}"})

        def consent_message() -> dict[str, object] | None:
            for message in httpx.get(f"{emulator}/emulator/users/77/messages").json():
                if message["buttons"]:
                    return message  # type: ignore[no-any-return]
            return None

        message = wait_until(consent_message)
        assert isinstance(message, dict)
        label = message["buttons"][0][0]["text"]  # type: ignore[index]
        httpx.post(f"{emulator}/emulator/users/77/press",
                   json={"message_id": message["message_id"], "button_text": label})
        wait_until(lambda: len(httpx.get(f"{emulator}/emulator/users/77/messages").json()) >= 2)
    finally:
        bot.send_signal(signal.SIGINT)
        _, stderr = bot.communicate(timeout=20)
    assert "7000000001:PROCESS-TEST" not in stderr  # the token never reaches the logs
    assert "Traceback" not in stderr
