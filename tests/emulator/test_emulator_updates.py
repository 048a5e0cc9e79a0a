"""Updates, flood control, faults, blocking, groups and scale, over raw HTTP."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from bot.emulator import EmulatorClient, EmulatorError
from bot.emulator.limits import RateLimiter

ApiCall = Callable[..., Awaitable[tuple[int, dict[str, Any]]]]


async def texts(api: ApiCall, **params: Any) -> list[str]:
    status, body = await api("getUpdates", **params)
    assert status == 200, body
    return [u["message"]["text"] for u in body["result"]]


async def test_command_entity_and_message_shape(api: ApiCall, client: EmulatorClient):
    await client.create_user(42, "Ada", language_code="de")
    sent = await client.send(42, "/start coach_1")
    _, body = await api("getUpdates")
    [update] = body["result"]
    assert update["update_id"] == sent["update_id"]
    message = update["message"]
    assert message["message_id"] == sent["message_id"]
    assert message["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert message["from"] == {
        "id": 42,
        "is_bot": False,
        "first_name": "Ada",
        "language_code": "de",
    }
    assert message["chat"]["id"] == 42 and message["chat"]["type"] == "private"
    assert abs(message["date"] - time.time()) < 5


async def test_offset_confirms_forever(api: ApiCall, client: EmulatorClient):
    await client.create_user(1, "Ada")
    ids = [(await client.send(1, text))["update_id"] for text in ("a", "b", "c", "d")]
    assert await texts(api) == ["a", "b", "c", "d"]
    assert await texts(api, limit=2) == ["a", "b"]
    assert await texts(api, offset=ids[1]) == ["b", "c", "d"]
    assert await texts(api) == ["b", "c", "d"]  # "a" is gone for good
    assert await texts(api, offset=-1) == ["d"]  # negative: keep only the tail
    assert await texts(api) == ["d"]
    assert await texts(api, offset=ids[3] + 1, timeout=0) == []
    stats = await client.stats()
    assert stats["updates_queued"] == 4 and stats["updates_delivered"] == 4
    assert stats["updates_pending"] == 0


async def test_long_poll_wakes_on_new_update(api: ApiCall, client: EmulatorClient):
    await client.create_user(1, "Ada")
    poll = asyncio.create_task(api("getUpdates", timeout=10))
    await asyncio.sleep(0.2)
    assert not poll.done()
    sent_at = time.monotonic()
    await client.send(1, "wake up")
    status, body = await asyncio.wait_for(poll, 2)
    assert time.monotonic() - sent_at < 0.5
    assert status == 200 and body["result"][0]["message"]["text"] == "wake up"


async def test_long_poll_times_out_empty(api: ApiCall):
    started = time.monotonic()
    status, body = await api("getUpdates", timeout=0.3)
    assert (status, body["result"]) == (200, [])
    assert 0.25 < time.monotonic() - started < 2


async def test_allowed_updates_filter(api: ApiCall, client: EmulatorClient):
    await client.create_user(1, "Ada")
    assert await texts(api, allowed_updates=["callback_query"]) == []
    await client.send(1, "dropped")
    _, sent = await api(
        "sendMessage",
        chat_id=1,
        text="q",
        reply_markup={"inline_keyboard": [[{"text": "y", "callback_data": "y"}]]},
    )
    await client.press(1, sent["result"]["message_id"], button_text="y")
    _, body = await api("getUpdates")  # the setting persists when omitted
    assert [list(u)[1] for u in body["result"]] == ["callback_query"]
    assert await texts(api, offset=body["result"][-1]["update_id"] + 1, allowed_updates=[]) == []
    await client.send(1, "kept")
    assert await texts(api) == ["kept"]


async def test_rate_limits_per_chat_and_recovery(api: ApiCall, client: EmulatorClient):
    for uid in (1, 2):
        await client.create_user(uid, f"U{uid}")
    for _ in range(5):  # off by default
        assert (await api("sendMessage", chat_id=1, text="free"))[0] == 200
    assert (await client.config(rate_limits=True))["rate_limits"] is True
    statuses = [(await api("sendMessage", chat_id=1, text="x"))[0] for _ in range(3)]
    assert statuses == [200, 200, 200]
    status, body = await api("sendMessage", chat_id=1, text="burst over")
    assert status == 429
    retry_after = body["parameters"]["retry_after"]
    assert isinstance(retry_after, int) and retry_after >= 1
    assert body["description"] == f"Too Many Requests: retry after {retry_after}"
    assert (await api("sendChatAction", chat_id=1, action="typing"))[0] == 200  # not counted
    assert (await api("sendMessage", chat_id=2, text="other chat"))[0] == 200
    assert (await client.stats())["errors"]["429"] == 1


def test_rate_limiter_refill_and_global_cap():
    limiter = RateLimiter()
    assert [limiter.check(1, now=100.0) for _ in range(3)] == [None] * 3
    assert limiter.check(1, now=100.0) == 1
    assert limiter.check(1, now=101.0) is None  # one token back after a second
    assert limiter.check(1, now=101.0) == 1
    assert limiter.check(-5, now=101.0) is None  # groups have their own bucket
    limiter = RateLimiter()
    results = [limiter.check(chat, now=200.0) for chat in range(1, 32)]
    assert results[:30] == [None] * 30 and results[30] == 1


def test_edits_count_for_their_chat_only():
    limiter = RateLimiter()
    assert all(limiter.check(chat, now=300.0) is None for chat in range(1, 31))
    assert limiter.check(31, now=300.0) == 1  # the overall budget is spent
    assert limiter.check(31, now=300.0, overall=False) is None  # an edit still goes through
    assert [limiter.check(31, now=300.0, overall=False) for _ in range(3)] == [None, None, 1]


async def test_fault_injection(api: ApiCall, client: EmulatorClient):
    await client.create_user(1, "Ada")
    await client.config(
        faults=[
            {"method": "sendMessage", "code": 502, "count": 2},
            {"method": "*", "code": 429, "count": 1, "retry_after": 2},
        ]
    )
    assert (await api("getUpdates"))[0] == 200  # "*" spares getUpdates
    assert [(await api("sendMessage", chat_id=1, text="x"))[0] for _ in range(2)] == [502, 502]
    status, body = await api("getMe")
    assert (status, body["parameters"]) == (429, {"retry_after": 2})
    assert (await api("sendMessage", chat_id=1, text="x"))[0] == 200
    config = await client.config(faults=[{"method": "getChat", "code": 500}])
    assert config["faults"][0]["method"] == "getChat"
    status, body = await api("getChat", chat_id=1)
    assert (status, body["description"]) == (500, "Internal Server Error")
    stats = await client.stats()
    assert stats["errors"] == {"502": 2, "429": 1, "500": 1}


async def test_blocked_user(api: ApiCall, client: EmulatorClient):
    await client.create_user(8, "Flo")
    config = await client.block(8)
    assert config["blocked"] == [8]
    status, body = await api("sendMessage", chat_id=8, text="nudge")
    assert (status, body["description"]) == (403, "Forbidden: bot was blocked by the user")
    _, body = await api("getUpdates")
    [update] = body["result"]
    member = update["my_chat_member"]
    assert member["new_chat_member"]["status"] == "kicked"
    assert member["old_chat_member"]["status"] == "member"
    assert member["from"]["id"] == 8
    await client.send(8, "/start")  # restarting the bot unblocks it
    _, body = await api("getUpdates", offset=update["update_id"] + 1)
    kinds = [next(k for k in u if k != "update_id") for u in body["result"]]
    assert kinds == ["my_chat_member", "message"]
    assert (await api("sendMessage", chat_id=8, text="welcome back"))[0] == 200


async def test_group_chat_privacy(api: ApiCall, client: EmulatorClient):
    await client.create_user(1, "Ada")
    group = await client.create_group(-100, "Cohort A")
    assert group == {"id": -100, "type": "group", "title": "Cohort A"}
    quiet = await client.send_in_group(1, -100, "hello all")
    assert quiet["update_id"] is None  # privacy mode: plain chatter is not delivered
    command = await client.send_in_group(1, -100, "/status@CoachAllianceBot")
    _, body = await api("getUpdates")
    [update] = body["result"]
    assert update["update_id"] == command["update_id"]
    assert update["message"]["chat"] == {"id": -100, "type": "group", "title": "Cohort A"}
    assert update["message"]["entities"][0]["length"] == len("/status@CoachAllianceBot")
    assert (await api("sendMessage", chat_id=-100, text="All good"))[0] == 200
    assert [m["text"] for m in await client.chat_messages(-100)] == ["All good"]
    await client.config(group_privacy=False)
    assert (await client.send_in_group(1, -100, "chatter"))["update_id"] is not None


async def test_control_errors(client: EmulatorClient):
    with pytest.raises(EmulatorError) as err:
        await client.send(404, "hi")
    assert err.value.status == 404
    await client.create_user(1, "Ada")
    with pytest.raises(EmulatorError) as err:
        await client.press(1, 99, button_text="x")
    assert err.value.status == 400
    with pytest.raises(EmulatorError):
        await client.create_group(5, "positive id")


async def test_wait_for_message_sees_new_and_edited(api: ApiCall, client: EmulatorClient):
    await client.create_user(1, "Ada")
    _, first = await api("sendMessage", chat_id=1, text="old")
    first_id = first["result"]["message_id"]

    async def bot_later() -> None:
        await asyncio.sleep(0.2)
        await api("sendMessage", chat_id=1, text="Welcome, Ada!")
        await asyncio.sleep(0.1)
        await api("editMessageText", chat_id=1, message_id=first_id, text="old (done)")

    task = asyncio.create_task(bot_later())
    started = time.monotonic()
    message = await client.wait_for_message(1, "Welcome", timeout=5, after_message_id=first_id)
    assert message["text"] == "Welcome, Ada!"
    edited = await client.wait_for_message(1, lambda m: m["edits"] > 0, timeout=5)
    assert edited["message_id"] == first_id
    assert time.monotonic() - started < 2
    await task
    with pytest.raises(TimeoutError):
        await client.wait_for_message(1, "never", timeout=0.3)


async def test_reset(api: ApiCall, client: EmulatorClient):
    await client.create_user(1, "Ada")
    last = await client.send(1, "before")
    await client.reset()
    assert (await client.stats())["users"] == 0
    assert (await api("sendMessage", chat_id=1, text="x"))[1]["description"] == (
        "Bad Request: chat not found"
    )
    await client.create_user(1, "Ada")
    again = await client.send(1, "after")
    assert again["update_id"] > last["update_id"]  # ids keep growing across resets
    assert await texts(api) == ["after"]


async def test_many_users_concurrently(api: ApiCall, client: EmulatorClient):
    users = range(1000, 1200)
    await asyncio.gather(*(client.create_user(uid, f"User {uid}") for uid in users))
    sends = await asyncio.gather(*(client.send(uid, f"/start {uid}") for uid in users))
    assert len({s["update_id"] for s in sends}) == 200

    seen: list[dict[str, Any]] = []
    offset = 0
    while len(seen) < 200:
        _, body = await api("getUpdates", offset=offset, timeout=1)
        assert body["result"], "updates went missing"
        seen.extend(body["result"])
        offset = body["result"][-1]["update_id"] + 1
    assert len(seen) == 200
    assert len({u["update_id"] for u in seen}) == 200
    assert {u["message"]["from"]["id"] for u in seen} == set(users)
    assert await texts(api, offset=offset) == []

    replies = await asyncio.gather(
        *(api("sendMessage", chat_id=uid, text=f"hi {uid}") for uid in users)
    )
    assert all(status == 200 for status, _ in replies)
    waited = await asyncio.gather(*(client.wait_for_message(uid, f"hi {uid}") for uid in users))
    assert len(waited) == 200
    stats = await client.stats()
    assert stats["updates_delivered"] == 200 and stats["calls"]["sendMessage"] == 200


async def test_raw_update_is_queued_as_given(api: ApiCall, client: EmulatorClient):
    edited = {"message_id": 5, "date": 0, "edit_date": 1, "chat": {"id": 9, "type": "private"},
              "text": "changed"}
    injected = await client.inject("edited_message", edited)
    _, body = await api("getUpdates")
    assert body["result"] == [{"update_id": injected["update_id"], "edited_message": edited}]
    assert injected["callback_query_id"] is None


async def test_raw_callback_query_gets_an_id_and_can_be_answered(
    api: ApiCall, client: EmulatorClient
):
    query = {"from": {"id": 9, "is_bot": False, "first_name": "Ada"}, "chat_instance": "1",
             "inline_message_id": "AAAA", "data": "x"}
    injected = await client.inject("callback_query", query)
    _, body = await api("getUpdates")
    assert body["result"][0]["callback_query"]["id"] == injected["callback_query_id"]
    status, _ = await api("answerCallbackQuery", callback_query_id=injected["callback_query_id"])
    assert status == 200
    assert (await client.callback(injected["callback_query_id"]))["answered"] is True


async def test_raw_update_of_unknown_kind_is_refused(client: EmulatorClient):
    with pytest.raises(EmulatorError, match="unknown update kind"):
        await client.inject("telepathy", {})
