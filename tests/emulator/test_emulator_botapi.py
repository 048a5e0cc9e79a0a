"""Bot API behaviour over raw HTTP: envelopes, refusals, files, commands, webhooks."""

from __future__ import annotations

import asyncio
import json
import struct
import zlib
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from aiohttp import web

from bot.emulator import EmulatorClient, EmulatorServer

ApiCall = Callable[..., Awaitable[tuple[int, dict[str, Any]]]]
TOKEN = "123456:TEST-token"

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)


def keyboard(*labels: str) -> dict:
    return {"inline_keyboard": [[{"text": label, "callback_data": label} for label in labels]]}


def tiny_png(width: int, height: int) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    ihdr = b"IHDR" + header
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", len(header))
        + ihdr
        + struct.pack(">I", zlib.crc32(ihdr))
    )


async def test_get_me_any_token_any_verb(emulator: EmulatorServer, http: aiohttp.ClientSession):
    for token in ("1:a", "999:other"):
        async with http.get(f"{emulator.api_base_url}{token}/getMe") as response:
            body = await response.json()
        assert response.status == 200
        assert body["ok"] is True
        assert body["result"]["id"] == 7000000001
        assert body["result"]["username"] == "CoachAllianceBot"
        assert body["result"]["is_bot"] is True


async def test_unknown_method_is_404(api: ApiCall):
    status, body = await api("launchRockets")
    assert status == 404
    assert body == {"ok": False, "error_code": 404, "description": "Not Found"}


async def test_method_names_are_case_insensitive(api: ApiCall):
    status, body = await api("getme")
    assert status == 200 and body["result"]["first_name"] == "Coach Alliance"


async def test_form_encoded_params_with_json_markup(
    emulator: EmulatorServer, client: EmulatorClient, http: aiohttp.ClientSession
):
    await client.create_user(101, "Ada")
    form = {"chat_id": "101", "text": "Pick one", "reply_markup": json.dumps(keyboard("a", "b"))}
    async with http.post(f"{emulator.api_base_url}{TOKEN}/sendMessage", data=form) as response:
        body = await response.json()
    assert response.status == 200
    message = body["result"]
    assert message["chat"] == {"id": 101, "type": "private", "first_name": "Ada"}
    assert message["from"]["id"] == 7000000001
    assert message["reply_markup"] == keyboard("a", "b")
    [seen] = await client.messages(101)
    assert seen["text"] == "Pick one"
    assert seen["buttons"] == [
        [{"text": "a", "data": "a", "url": None}, {"text": "b", "data": "b", "url": None}]
    ]


async def test_send_message_refusals(api: ApiCall, client: EmulatorClient):
    await client.create_user(1, "Ada")
    cases = [
        ({"chat_id": 1, "text": ""}, 400, "Bad Request: message text is empty"),
        ({"chat_id": 1, "text": "x" * 4097}, 400, "Bad Request: message is too long"),
        ({"chat_id": 404, "text": "hi"}, 400, "Bad Request: chat not found"),
        (
            {"chat_id": 1, "text": "hi", "reply_markup": keyboard("x" * 65)},
            400,
            "Bad Request: BUTTON_DATA_INVALID",
        ),
        (
            {
                "chat_id": 1,
                "text": "hi",
                "reply_markup": {"inline_keyboard": [[{"text": "a", "callback_data": ""}]]},
            },
            400,
            "Bad Request: BUTTON_DATA_INVALID",
        ),
    ]
    for params, code, description in cases:
        status, body = await api("sendMessage", **params)
        assert (status, body["error_code"], body["description"]) == (code, code, description)
        assert body["ok"] is False
    status, _ = await api("sendMessage", chat_id=1, text="é" * 4096)
    assert status == 200
    status, _ = await api("sendMessage", chat_id=1, text="ok", reply_markup=keyboard("é" * 32))
    assert status == 200
    stats = await client.stats()
    assert stats["errors"]["400"] == len(cases)
    assert stats["calls"]["sendMessage"] == len(cases) + 2


async def test_html_parse_mode_is_checked(api: ApiCall, client: EmulatorClient):
    await client.create_user(1, "Ada")
    ok = ["<b>Bold</b> &amp; <a href='https://x.org'>link</a>", "<b>" + "x" * 4096 + "</b>"]
    for text in ok:
        status, body = await api("sendMessage", chat_id=1, text=text, parse_mode="HTML")
        assert status == 200, body
    for text in ("Hi <Ann>", "line<br>break", "<b>open", "<i>x</b>", "<b></b>"):
        status, body = await api("sendMessage", chat_id=1, text=text, parse_mode="HTML")
        assert status == 400, text
        assert body["description"].startswith(
            ("Bad Request: can't parse entities", "Bad Request: message text is empty")
        )
    [first, _] = await client.messages(1)
    assert first["text"] == ok[0] and first["parse_mode"] == "HTML"  # stored raw


async def test_edit_and_delete(api: ApiCall, client: EmulatorClient):
    await client.create_user(1, "Ada")
    _, sent = await api("sendMessage", chat_id=1, text="v1", reply_markup=keyboard("a"))
    message_id = sent["result"]["message_id"]

    status, body = await api(
        "editMessageText", chat_id=1, message_id=message_id, text="v1", reply_markup=keyboard("a")
    )
    assert (status, body["description"]) == (400, NOT_MODIFIED)

    status, body = await api("editMessageText", chat_id=1, message_id=message_id, text="v2")
    assert status == 200 and body["result"]["text"] == "v2"
    assert "reply_markup" not in body["result"]  # omitted markup removes the keyboard
    assert body["result"]["edit_date"] >= body["result"]["date"]

    status, body = await api(
        "editMessageReplyMarkup", chat_id=1, message_id=message_id, reply_markup=keyboard("z")
    )
    assert status == 200 and body["result"]["reply_markup"] == keyboard("z")
    status, body = await api(
        "editMessageReplyMarkup", chat_id=1, message_id=message_id, reply_markup=keyboard("z")
    )
    assert (status, body["description"]) == (400, NOT_MODIFIED)

    [view] = await client.messages(1)
    assert (view["text"], view["edits"], view["buttons"][0][0]["text"]) == ("v2", 2, "z")
    assert view["first_text"] == "v1"  # what the person saw before the edits

    status, body = await api("editMessageText", chat_id=1, message_id=999, text="x")
    assert (status, body["description"]) == (400, "Bad Request: message to edit not found")
    status, body = await api("deleteMessage", chat_id=1, message_id=message_id)
    assert (status, body["result"]) == (200, True)
    status, body = await api("deleteMessage", chat_id=1, message_id=message_id)
    assert (status, body["description"]) == (400, "Bad Request: message to delete not found")
    status, body = await api("editMessageText", chat_id=1, message_id=message_id, text="v3")
    assert (status, body["description"]) == (400, "Bad Request: message to edit not found")
    [view] = await client.messages(1)
    assert view["deleted"] is True


async def test_user_messages_cannot_be_edited(api: ApiCall, client: EmulatorClient):
    await client.create_user(1, "Ada")
    sent = await client.send(1, "mine")
    status, body = await api("editMessageText", chat_id=1, message_id=sent["message_id"], text="x")
    assert (status, body["description"]) == (400, "Bad Request: message can't be edited")


async def test_callback_press_and_answer(api: ApiCall, client: EmulatorClient):
    await client.create_user(5, "Bea")
    _, sent = await api("sendMessage", chat_id=5, text="Rate", reply_markup=keyboard("1", "2"))
    message_id = sent["result"]["message_id"]

    pressed = await client.press(5, message_id, button_text="2")
    forged = await client.press(5, message_id, data="admin:drop-all")
    _, body = await api("getUpdates")
    queries = [u["callback_query"] for u in body["result"]]
    assert [q["data"] for q in queries] == ["2", "admin:drop-all"]
    assert queries[0]["id"] == pressed["callback_query_id"]
    assert queries[0]["from"]["id"] == 5
    assert queries[0]["message"]["reply_markup"] == keyboard("1", "2")
    assert queries[0]["chat_instance"]
    assert body["result"][1]["update_id"] == forged["update_id"]

    status, _ = await api(
        "answerCallbackQuery", callback_query_id=pressed["callback_query_id"], text="Thanks"
    )
    assert status == 200
    status, body = await api("answerCallbackQuery", callback_query_id=pressed["callback_query_id"])
    assert status == 400 and "query ID is invalid" in body["description"]
    answer = await client.callback(pressed["callback_query_id"])
    assert answer["answered"] is True and answer["text"] == "Thanks"
    assert (await client.stats())["answered_callbacks"] == 1

    for bad in ({"button_text": "3"}, {}):
        try:
            await client.press(5, message_id, **bad)
        except Exception as err:  # EmulatorError
            assert getattr(err, "status", None) == 400
        else:
            raise AssertionError("press should be refused")


async def test_documents_photos_and_downloads(
    emulator: EmulatorServer, client: EmulatorClient, http: aiohttp.ClientSession
):
    await client.create_user(7, "Cy")
    base = f"{emulator.api_base_url}{TOKEN}"
    payload = b"%PDF-1.4 report bytes"
    form = aiohttp.FormData()
    form.add_field("chat_id", "7")
    form.add_field("caption", "Your report")
    form.add_field("document", payload, filename="report.pdf", content_type="application/pdf")
    async with http.post(f"{base}/sendDocument", data=form) as response:
        body = await response.json()
    assert response.status == 200, body
    document = body["result"]["document"]
    assert document["file_name"] == "report.pdf"
    assert document["file_size"] == len(payload)
    assert document["mime_type"] == "application/pdf"
    assert body["result"]["caption"] == "Your report"

    async with http.post(f"{base}/getFile", json={"file_id": document["file_id"]}) as response:
        file_info = (await response.json())["result"]
    async with http.get(f"{emulator.file_base_url}{TOKEN}/{file_info['file_path']}") as response:
        assert response.status == 200
        assert await response.read() == payload
    async with http.post(f"{base}/getFile", json={"file_id": "nope"}) as response:
        assert response.status == 400

    form = aiohttp.FormData()
    form.add_field("chat_id", "7")
    form.add_field("photo", tiny_png(640, 480), filename="chart.png", content_type="image/png")
    async with http.post(f"{base}/sendPhoto", data=form) as response:
        photo = (await response.json())["result"]["photo"]
    assert (photo[-1]["width"], photo[-1]["height"]) == (640, 480)

    async with http.post(
        f"{base}/sendDocument", json={"chat_id": 7, "document": document["file_id"]}
    ) as response:
        assert (await response.json())["result"]["document"]["file_id"] == document["file_id"]

    views = await client.messages(7)
    assert views[0]["documents"] == [
        {
            "file_name": "report.pdf",
            "file_size": len(payload),
            "mime_type": "application/pdf",
            "file_id": document["file_id"],
        }
    ]
    assert views[0]["text"] == "Your report"
    assert views[1]["photos"][0]["width"] == 640


async def test_commands_per_scope_and_language(api: ApiCall, client: EmulatorClient):
    commands = [{"command": "start", "description": "Begin"}]
    assert (await api("setMyCommands", commands=commands))[0] == 200
    ru = [{"command": "start", "description": "Начать"}]
    assert (await api("setMyCommands", commands=ru, language_code="ru"))[0] == 200
    scope = json.dumps({"type": "chat", "chat_id": 5})
    assert (await api("setMyCommands", commands=commands[:0] + ru, scope=scope))[0] == 200
    assert (await api("getMyCommands"))[1]["result"] == commands
    assert (await api("getMyCommands", language_code="ru"))[1]["result"] == ru
    assert (await api("getMyCommands", scope={"chat_id": 5, "type": "chat"}))[1]["result"] == ru
    await api("deleteMyCommands", language_code="ru")
    assert (await api("getMyCommands", language_code="ru"))[1]["result"] == []
    status, body = await api("setMyCommands", commands=[{"command": "Bad Cmd", "description": "x"}])
    assert (status, body["description"]) == (400, "Bad Request: BOT_COMMAND_INVALID")
    assert len(await client.commands()) == 2


async def test_misc_methods(api: ApiCall, client: EmulatorClient):
    await client.create_user(3, "Dee", username="dee")
    assert (await api("sendChatAction", chat_id=3, action="typing"))[1]["result"] is True
    chat = (await api("getChat", chat_id=3))[1]["result"]
    assert chat["type"] == "private" and chat["username"] == "dee"
    assert (await api("setChatMenuButton", menu_button={"type": "commands"}))[0] == 200
    assert (await api("setMyName", name="Coach"))[0] == 200
    assert (await api("getMyName"))[1]["result"] == {"name": "Coach"}
    assert (await api("getWebhookInfo"))[1]["result"]["url"] == ""


async def test_webhook_delivery_and_conflict(api: ApiCall, client: EmulatorClient):
    received: list[tuple[str | None, dict]] = []
    arrived = asyncio.Event()

    async def hook(request: web.Request) -> web.Response:
        received.append(
            (request.headers.get("X-Telegram-Bot-Api-Secret-Token"), await request.json())
        )
        arrived.set()
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        await client.create_user(9, "Eve")
        status, _ = await api(
            "setWebhook", url=f"http://127.0.0.1:{port}/hook", secret_token="s3cret"
        )
        assert status == 200
        status, body = await api("getUpdates")
        assert status == 409 and body["description"].startswith("Conflict:")
        sent = await client.send(9, "/start")
        await asyncio.wait_for(arrived.wait(), 5)
        assert received[0][0] == "s3cret"
        assert received[0][1]["update_id"] == sent["update_id"]
        assert received[0][1]["message"]["text"] == "/start"
        info = (await api("getWebhookInfo"))[1]["result"]
        assert info["url"].endswith("/hook") and info["pending_update_count"] == 0
        assert (await api("deleteWebhook"))[0] == 200
        await client.send(9, "after")
        _, body = await api("getUpdates")
        assert [u["message"]["text"] for u in body["result"]] == ["after"]
    finally:
        await runner.cleanup()
