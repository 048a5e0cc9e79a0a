"""Fan-out: the lead's `/close` makes a notice and a questionnaire due for every enrolled person
at once (coachees who never answered the baseline get the notice alone).

With the emulator enforcing Telegram's limits, the ceiling is messages / 30 seconds; the figures
say how close the delivery loop comes, whether it ever went past the limits (429 answers), whether
anything was lost, and how fast other people's taps were answered meanwhile.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from bot.bench.load import Crowd, percentile
from bot.emulator import EmulatorClient

OVERALL_RATE = 30.0
TAP_RATE = 5.0


async def _close_button(crowd: Crowd, lead: int, timeout: float) -> tuple[int, str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message_id, buttons in crowd.people[lead].open_messages:
            for data in buttons:
                if data.startswith("cl:y:"):
                    return message_id, data
        await asyncio.sleep(0.05)
    raise TimeoutError("the lead never saw the /close confirmation")


async def _429s(client: EmulatorClient) -> int:
    return int((await client.stats())["errors"].get("429", 0))


async def fan_out(
    client: EmulatorClient, crowd: Crowd, *, lead: int, prompts: int, notices: int,
    tappers: list[int], timeout: float,
) -> dict[str, Any]:
    """Close the program and follow the prompts out (the notices, without buttons, go out
    between them and count towards the ceiling); `tappers` keep tapping meanwhile."""
    refused_before = await _429s(client)
    await client.send(lead, "/close")
    message_id, data = await _close_button(crowd, lead, timeout=30)
    seen_before = crowd.messages_seen
    taps_before = len(crowd.tally.latencies_ms)
    crowd.active = set(tappers)
    began = time.monotonic()
    await client.press_many([{"user_id": lead, "message_id": message_id, "data": data}])
    tapping = asyncio.create_task(crowd.open_loop(TAP_RATE, timeout))
    last = began
    while crowd.messages_seen - seen_before < prompts and time.monotonic() - began < timeout:
        count = crowd.messages_seen
        await asyncio.sleep(0.05)
        if crowd.messages_seen > count:
            last = time.monotonic()
    tapping.cancel()
    delivered = min(prompts, crowd.messages_seen - seen_before)
    seconds = max(last - began, 1e-3)
    taps = crowd.tally.latencies_ms[taps_before:]
    return {
        "prompts": prompts,
        "notices": notices,
        "delivered": delivered,
        "seconds": round(seconds, 1),
        "ratio_to_ceiling": round(((prompts + notices) / OVERALL_RATE) / seconds, 2),
        "rate_limited": await _429s(client) - refused_before,
        "lost": prompts - delivered,
        "tap_p95_ms": round(percentile(taps, 0.95), 1) if taps else None,
        "taps": len(taps),
    }
