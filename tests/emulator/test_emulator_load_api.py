"""The load generator's calls: many taps in one request, and the feed with tap-to-edit times."""

from __future__ import annotations

from bot.emulator import EmulatorClient
from tests.emulator.conftest import ApiCall

KEYBOARD = {"inline_keyboard": [[{"text": "1", "callback_data": "v:1"},
                                 {"text": "2", "callback_data": "v:2"}]]}


async def test_press_many_queues_one_update_per_valid_tap(
    api: ApiCall, client: EmulatorClient
) -> None:
    for uid in (1, 2):
        await client.create_user(uid, f"U{uid}")
    sent = [(await api("sendMessage", chat_id=uid, text="q", reply_markup=KEYBOARD))[1]
            for uid in (1, 2)]
    ids = await client.press_many(
        [
            {"user_id": 1, "message_id": sent[0]["result"]["message_id"], "data": "v:1"},
            {"user_id": 2, "message_id": sent[1]["result"]["message_id"], "data": "v:2"},
            {"user_id": 2, "message_id": 999, "data": "v:2"},  # no such message
        ]
    )
    assert ids[0] is not None and ids[1] == ids[0] + 1 and ids[2] is None
    _, body = await api("getUpdates")
    assert [u["callback_query"]["data"] for u in body["result"]] == ["v:1", "v:2"]


async def test_feed_shows_sends_and_edits_with_the_tap_time(
    api: ApiCall, client: EmulatorClient
) -> None:
    await client.create_user(1, "U1")
    _, sent = await api("sendMessage", chat_id=1, text="q", reply_markup=KEYBOARD)
    message_id = sent["result"]["message_id"]
    first = await client.feed()
    assert [(e["chat_id"], e["buttons"], e["tap_ms"]) for e in first] == [
        (1, ["v:1", "v:2"], None)
    ]
    await client.press_many([{"user_id": 1, "message_id": message_id, "data": "v:1"}])
    await api("editMessageText", chat_id=1, message_id=message_id, text="done")
    edits = await client.feed(after=first[-1]["seq"], wait=1)
    assert len(edits) == 1 and edits[0]["buttons"] == [] and edits[0]["tap_ms"] >= 0
    assert await client.feed(after=edits[-1]["seq"], wait=0.1) == []
