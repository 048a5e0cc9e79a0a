"""Three `alliance run` processes in webhook mode on one PostgreSQL database, behind nginx.

They must act as one bot: the seeded questionnaires are each sent once (the emulator's count of
sendMessage calls against the rows marked sent), every tap is answered, and the taps per second
of the three together are measured as for one process.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import time
from collections import Counter
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from alliance.core.db import create_engine, create_session_factory, transaction
from alliance.delivery.queue_model import OutboundMessage, OutboundState
from bot.bench.load import Crowd
from bot.bench.procs import (
    Process,
    alliance_run_args,
    bot_env,
    free_port,
    started,
    wait_until_serving,
)
from bot.bench.proxy import nginx_proxy
from bot.bench.seed import Cohort, scratch_database, seed
from bot.bench.steps import BenchOptions, emulator, following, saturate

PROCESSES = 3
HOOK_PATH = "/telegram-hook"


class Group:
    """Several processes measured as one: their CPU time adds up."""

    def __init__(self, processes: list[Process]) -> None:
        self.processes = processes

    def cpu_seconds(self) -> float:
        return sum(process.cpu_seconds() for process in self.processes)


def webhook_env(base_env: dict[str, str], proxy_port: int, own_port: int,
                secret: str) -> dict[str, str]:
    return {
        **base_env,
        "TELEGRAM_WEBHOOK_URL": f"http://127.0.0.1:{proxy_port}{HOOK_PATH}",
        "TELEGRAM_WEBHOOK_SECRET": secret,
        "TELEGRAM_WEBHOOK_LISTEN": "127.0.0.1",
        "TELEGRAM_WEBHOOK_PORT": str(own_port),
    }


async def sent_rows(database_url: str) -> int:
    engine = create_engine(database_url)
    try:
        async with transaction(create_session_factory(engine)) as db:
            count = await db.scalar(
                select(func.count()).where(OutboundMessage.state == OutboundState.SENT)
            )
        return int(count or 0)
    finally:
        await engine.dispose()


async def all_serving(bots: list[Process], ports: list[int]) -> None:
    """Every process answers on its webhook port: until then nginx, finding a port closed,
    takes that process out of the rotation for `fail_timeout` and the others get its share."""
    for bot, port in zip(bots, ports, strict=True):
        await wait_until_serving(f"http://127.0.0.1:{port}{HOOK_PATH}", bot, timeout=60)


async def bench_processes(folder: Path, options: BenchOptions) -> dict[str, Any]:
    """Deliver the seeded questionnaires through three processes, then saturate them."""
    assert options.postgres_url is not None
    async with scratch_database("postgres", str(folder), options.postgres_url) as url:
        cohort: Cohort = await seed(url, options.dyads, options.busy)
        async with emulator(folder) as (base, client):
            everyone = [cohort.lead, *cohort.coachees, *cohort.coaches]
            for user_id in everyone:
                await client.create_user(user_id, f"P{user_id}")
            crowd = Crowd(client, everyone)
            ports, proxy_port = [free_port() for _ in range(PROCESSES)], free_port()
            secret = secrets.token_urlsafe(32)
            env = bot_env(f"{base}/bot", url, throughput_limits=False, dispatch_interval=1)
            async with following(crowd):
                with nginx_proxy(proxy_port, ports, folder / "nginx") as proxy, \
                        ExitStack() as stack:
                    bots = [
                        stack.enter_context(started(
                            f"alliance run (webhook {index + 1})", alliance_run_args(),
                            webhook_env(env, proxy_port, port, secret),
                            folder / f"bot-webhook-{index + 1}.log",
                        ))
                        for index, port in enumerate(ports)
                    ]
                    await all_serving(bots, ports)
                    began = time.monotonic()
                    with contextlib.suppress(TimeoutError):  # what is missing counts as lost
                        await crowd.wait_for_messages(cohort.messages, timeout=300)
                    delivery_seconds = time.monotonic() - began
                    await asyncio.sleep(1.0)  # a duplicate would come just after the original
                    sends = (await client.stats())["calls"].get("sendMessage", 0)
                    delivered = await sent_rows(url)
                    rate, cpu_ms = await saturate(
                        crowd, cohort.coachees[: options.busy], Group(bots), options
                    )
                    unanswered = await crowd.drain()
                    by_process = Counter(proxy.upstreams())
    return {
        "processes": PROCESSES,
        "updates_per_s": round(rate, 1),
        "cpu_ms_per_tap": round(cpu_ms, 2),
        "delivered": delivered,
        "delivery_seconds": round(delivery_seconds, 1),
        "duplicates": max(0, sends - delivered),
        "lost": max(0, cohort.messages - delivered) + unanswered,
        "updates_by_process": sorted(by_process.values(), reverse=True),
        "users": options.busy,
        "seconds": options.throughput_seconds,
    }
