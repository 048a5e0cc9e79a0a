"""The workloads, in one run per database and once for the bare bot, and the figures they give."""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.bench.fanout import fan_out
from bot.bench.load import Crowd, percentile
from bot.bench.procs import (
    Process,
    alliance_run_args,
    bare_args,
    bot_env,
    emulator_args,
    free_port,
    started,
    wait_until_serving,
)
from bot.bench.seed import Cohort, scratch_database, seed
from bot.emulator import EmulatorClient

WARMUP = 2.0


@dataclass(frozen=True)
class BenchOptions:
    dyads: int = 500  # ≥ 1,000 enrolled people
    busy: int = 150  # people answering as fast as replies come
    latency_users: int = 400
    rate: float = 50.0  # taps/s offered in the latency run
    latency_seconds: float = 20.0
    throughput_seconds: float = 10.0
    bare_settings: tuple[int, ...] = (1, 8, 32, 256)
    fanout_timeout: float = 300.0
    postgres_url: str | None = None

    @classmethod
    def quick(cls, postgres_url: str | None = None) -> BenchOptions:
        return cls(dyads=40, busy=12, latency_users=30, rate=15.0, latency_seconds=3.0,
                   throughput_seconds=3.0, bare_settings=(1, 32), fanout_timeout=60.0,
                   postgres_url=postgres_url)


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


async def _latency(crowd: Crowd, users: list[int], options: BenchOptions) -> dict[str, Any]:
    crowd.active = set(users)
    first = len(crowd.tally.latencies_ms)
    await crowd.open_loop(options.rate, options.latency_seconds)
    lost = await crowd.drain()
    return latency_figures(crowd.tally.latencies_ms[first:], lost, options)


async def _saturate(crowd: Crowd, users: list[int], bot: Process,
                    options: BenchOptions) -> tuple[float, float]:
    """Taps answered per second and CPU ms per tap, after a warm-up."""
    crowd.active = set(users)
    loop = asyncio.create_task(crowd.closed_loop(WARMUP + options.throughput_seconds))
    await asyncio.sleep(WARMUP)
    began, cpu = time.monotonic(), bot.cpu_seconds()
    await asyncio.sleep(options.throughput_seconds)
    ended, cpu = time.monotonic(), bot.cpu_seconds() - cpu
    await loop
    await crowd.drain()
    taps = sum(1 for moment in crowd.tally.answered_at if began <= moment < ended)
    return taps / (ended - began), 1000 * cpu / max(1, taps)


async def bench_ours(kind: str, folder: Path, options: BenchOptions) -> dict[str, Any]:
    """Seed and deliver; then latency (limits on), saturation (limits off) and the fan-out."""
    async with scratch_database(kind, str(folder), options.postgres_url) as url:
        cohort: Cohort = await seed(url, options.dyads, options.busy)
        log = folder / f"bot-{kind}.log"
        async with emulator(folder) as (base, client):
            everyone = [cohort.lead, *cohort.coachees, *cohort.coaches]
            for user_id in everyone:
                await client.create_user(user_id, f"P{user_id}")
            crowd = Crowd(client, everyone)
            async with following(crowd):
                api = f"{base}/bot"
                # Delivery of the seeded questionnaires, with a pass every second.
                env = bot_env(api, url, throughput_limits=False, dispatch_interval=1)
                with started(f"alliance run ({kind})", alliance_run_args(), env, log) as bot:
                    await polling(client, bot)
                    await crowd.wait_for_messages(cohort.messages, timeout=300)
                # The measured runs use the production settings but for the limits.
                env = bot_env(api, url, throughput_limits=True)
                with started(f"alliance run ({kind})", alliance_run_args(), env, log) as bot:
                    await polling(client, bot)
                    latency = await _latency(
                        crowd, cohort.coachees[-options.latency_users:], options
                    )
                env = bot_env(api, url, throughput_limits=False)
                with started(f"alliance run ({kind})", alliance_run_args(), env, log) as bot:
                    await polling(client, bot)
                    rate, cpu_ms = await _saturate(
                        crowd, cohort.coachees[: options.busy], bot, options
                    )
                    rss = bot.peak_rss_mb()
                await client.config(rate_limits=True)
                env = bot_env(api, url, throughput_limits=True, dispatch_interval=1)
                with started(f"alliance run ({kind})", alliance_run_args(), env, log) as bot:
                    await polling(client, bot)
                    fanout = await fan_out(
                        client, crowd, lead=cohort.lead, prompts=2 * options.dyads,
                        tappers=cohort.coachees[-options.latency_users:],
                        timeout=options.fanout_timeout,
                    )
    return {"latency": latency, "updates_per_s": rate, "cpu_ms_per_tap": cpu_ms,
            "peak_rss_mb": rss, "people": cohort.people, "fanout": fanout}


async def bench_bare(folder: Path, options: BenchOptions) -> dict[str, Any]:
    """Every bare setting saturated; the latency run with the best one."""
    users = list(range(900_000_001, 900_000_001 + max(options.busy, options.latency_users)))
    results: dict[int, tuple[float, float]] = {}
    async with emulator(folder) as (base, client):
        for user_id in users:
            await client.create_user(user_id, f"B{user_id}")
        crowd = Crowd(client, users)
        env = bot_env(f"{base}/bot", "", throughput_limits=False)
        async with following(crowd), AsyncExitStack():
            for index, concurrency in enumerate(options.bare_settings):
                with started(f"bare bot ({concurrency})", bare_args(concurrency), env,
                             folder / "bare.log") as bot:
                    await polling(client, bot)
                    if index == 0:
                        for user_id in users:
                            await client.send(user_id, "/start")
                        await crowd.wait_for_messages(len(users), timeout=60)
                    results[concurrency] = await _saturate(crowd, users[: options.busy], bot,
                                                           options)
            best = max(results, key=lambda c: results[c][0])
            with started(f"bare bot ({best})", bare_args(best), env, folder / "bare.log") as bot:
                await polling(client, bot)
                latency = await _latency(crowd, users[: options.latency_users], options)
                rss = bot.peak_rss_mb()
    return {"settings": {str(c): round(r[0], 1) for c, r in results.items()}, "best": best,
            "updates_per_s": results[best][0], "cpu_ms_per_tap": results[best][1],
            "latency": latency, "peak_rss_mb": rss}


async def run_bench(options: BenchOptions) -> dict[str, Any]:
    """Every figure of `alliance bench --json`."""
    with tempfile.TemporaryDirectory(prefix="alliance-bench-") as scratch:
        folder = Path(scratch)
        kinds = ["sqlite"] + (["postgres"] if options.postgres_url else [])
        ours = {kind: await bench_ours(kind, folder, options) for kind in kinds}
        bare = await bench_bare(folder, options)
    ceiling = bare["updates_per_s"]
    return {
        "throughput": {
            kind: {
                "updates_per_s": round(result["updates_per_s"], 1),
                "ceiling_updates_per_s": round(ceiling, 1),
                "ratio_to_ceiling": (
                    round(result["updates_per_s"] / ceiling, 2) if ceiling else None
                ),
                "cpu_ms_per_tap": round(result["cpu_ms_per_tap"], 2),
                "bare_cpu_ms_per_tap": round(bare["cpu_ms_per_tap"], 2),
                "users": options.busy,
                "seconds": options.throughput_seconds,
            }
            for kind, result in ours.items()
        },
        "latency": {**{kind: r["latency"] for kind, r in ours.items()}, "bare": bare["latency"]},
        "fanout": {kind: r["fanout"] for kind, r in ours.items()},
        "memory": {
            "peak_rss_mb": round(max(r["peak_rss_mb"] for r in ours.values()), 1),
            "enrolled_people": ours["sqlite"]["people"],
            "bare_peak_rss_mb": round(bare["peak_rss_mb"], 1),
        },
        "bare": {
            "updates_per_s_by_concurrency": bare["settings"],
            "best_concurrency": bare["best"],
        },
    }
