"""The steps the workloads share: an emulator process, a bot that polls, a crowd that follows
the chats, the latency run and the saturation run."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from bot.bench.load import Crowd, percentile
from bot.bench.procs import Process, emulator_args, free_port, started, wait_until_serving
from bot.emulator import EmulatorClient


@dataclass(frozen=True)
class BenchOptions:
    dyads: int = 500  # ≥ 1,000 enrolled people
    busy: int = 150  # people answering as fast as replies come
    latency_users: int = 400
    rate: float = 50.0  # taps/s offered in the latency run
    latency_seconds: float = 20.0
    throughput_seconds: float = 10.0
    warmup_seconds: float = 2.0  # short in the quick run: its few people run out of questions
    bare_settings: tuple[int, ...] = (1, 8, 32, 256)
    fanout_timeout: float = 300.0
    postgres_url: str | None = None
    analysis_dyads: int = 10_000  # `alliance analyze` against the bare statsmodels script
    analysis_sessions: int = 20
    analysis_repeats: int = 2  # alternating, the fastest of each kept: a load burst hits both

    @classmethod
    def quick(cls, postgres_url: str | None = None) -> BenchOptions:
        return cls(dyads=40, busy=12, latency_users=30, rate=15.0, latency_seconds=3.0,
                   throughput_seconds=3.0, warmup_seconds=0.5, bare_settings=(1, 32),
                   fanout_timeout=60.0,
                   analysis_dyads=200, analysis_sessions=5, analysis_repeats=1,
                   postgres_url=postgres_url)


class Measured(Protocol):
    """A bot whose CPU time can be read: one process or several."""

    def cpu_seconds(self) -> float: ...


def latency_figures(latencies: list[float], lost: int, options: BenchOptions) -> dict[str, Any]:
    return {
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 0.95), 1) if latencies else None,
        "max_ms": round(max(latencies), 1) if latencies else None,
        "taps": len(latencies),
        "lost": lost,
        "offered_per_s": options.rate,
        "users": options.latency_users,
        "seconds": options.latency_seconds,
    }


@asynccontextmanager
async def emulator(folder: Path) -> AsyncIterator[tuple[str, EmulatorClient]]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with started("emulator", emulator_args(port), {}, folder / "emulator.log") as process:
        await wait_until_serving(f"{base}/emulator/stats", process)
        async with EmulatorClient(base) as client:
            yield base, client


async def polling(client: EmulatorClient, process: Process, timeout: float = 60) -> None:
    """Wait until the bot just started asks for updates (imports and migrations take a while)."""
    before = (await client.stats())["calls"].get("getUpdates", 0)
    deadline = time.monotonic() + timeout
    while (await client.stats())["calls"].get("getUpdates", 0) <= before:
        if not process.alive() or time.monotonic() > deadline:
            raise RuntimeError(f"{process.name} is not polling; see its log")
        await asyncio.sleep(0.1)


@asynccontextmanager
async def following(crowd: Crowd) -> AsyncIterator[Crowd]:
    stop = asyncio.Event()
    task = asyncio.create_task(crowd.follow(stop))
    try:
        yield crowd
    finally:
        stop.set()
        await task


async def latency_run(crowd: Crowd, users: list[int], options: BenchOptions) -> dict[str, Any]:
    crowd.active = set(users)
    first = len(crowd.tally.latencies_ms)
    await crowd.open_loop(options.rate, options.latency_seconds)
    lost = await crowd.drain()
    return latency_figures(crowd.tally.latencies_ms[first:], lost, options)


async def saturate(crowd: Crowd, users: list[int], bot: Measured,
                    options: BenchOptions) -> tuple[float, float]:
    """Taps answered per second and CPU ms per tap, after a warm-up."""
    crowd.active = set(users)
    warmup = options.warmup_seconds
    loop = asyncio.create_task(crowd.closed_loop(warmup + options.throughput_seconds))
    await asyncio.sleep(warmup)
    began, cpu = time.monotonic(), bot.cpu_seconds()
    await asyncio.sleep(options.throughput_seconds)
    ended, cpu = time.monotonic(), bot.cpu_seconds() - cpu
    await loop
    await crowd.drain()
    taps = sum(1 for moment in crowd.tally.answered_at if began <= moment < ended)
    return taps / (ended - began), 1000 * cpu / max(1, taps)


