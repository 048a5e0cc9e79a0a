"""The workloads, in one run per database and once for the bare bot, and the figures they give."""

from __future__ import annotations

import asyncio
import tempfile
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

from alliance.reporting.analysis.bench import analysis_bench
from bot.bench.fanout import fan_out
from bot.bench.load import Crowd
from bot.bench.procs import (
    alliance_run_args,
    bare_args,
    bot_env,
    started,
)
from bot.bench.proxy import nginx_binary
from bot.bench.seed import Cohort, answered_baselines, scratch_database, seed
from bot.bench.several import bench_processes
from bot.bench.steps import (
    BenchOptions,
    emulator,
    following,
    latency_run,
    polling,
    saturate,
)


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
                    latency = await latency_run(
                        crowd, cohort.coachees[-options.latency_users:], options
                    )
                env = bot_env(api, url, throughput_limits=False)
                with started(f"alliance run ({kind})", alliance_run_args(), env, log) as bot:
                    await polling(client, bot)
                    rate, cpu_ms = await saturate(
                        crowd, cohort.coachees[: options.busy], bot, options
                    )
                    rss = bot.peak_rss_mb()
                await client.config(rate_limits=True)
                env = bot_env(api, url, throughput_limits=True, dispatch_interval=1)
                with started(f"alliance run ({kind})", alliance_run_args(), env, log) as bot:
                    await polling(client, bot)
                    # an end rating per dyad, a final per answered baseline; a notice each
                    finals = await answered_baselines(url)
                    fanout = await fan_out(
                        client, crowd, lead=cohort.lead, prompts=options.dyads + finals,
                        notices=2 * options.dyads,
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
                    results[concurrency] = await saturate(crowd, users[: options.busy], bot,
                                                           options)
            best = max(results, key=lambda c: results[c][0])
            with started(f"bare bot ({best})", bare_args(best), env, folder / "bare.log") as bot:
                await polling(client, bot)
                latency = await latency_run(crowd, users[: options.latency_users], options)
                rss = bot.peak_rss_mb()
    return {"settings": {str(c): round(r[0], 1) for c, r in results.items()}, "best": best,
            "updates_per_s": results[best][0], "cpu_ms_per_tap": results[best][1],
            "latency": latency, "peak_rss_mb": rss}


async def processes_3(folder: Path, options: BenchOptions) -> dict[str, Any]:
    """Three webhook processes behind nginx, where PostgreSQL and nginx are there to use."""
    if not options.postgres_url:
        return {"skipped": "no PostgreSQL URL (--postgres)"}
    if nginx_binary() is None:
        return {"skipped": "nginx is not installed"}
    return await bench_processes(folder, options)


async def run_bench(options: BenchOptions) -> dict[str, Any]:
    """Every figure of `alliance bench --json`."""
    with tempfile.TemporaryDirectory(prefix="alliance-bench-") as scratch:
        folder = Path(scratch)
        kinds = ["sqlite"] + (["postgres"] if options.postgres_url else [])
        ours = {kind: await bench_ours(kind, folder, options) for kind in kinds}
        bare = await bench_bare(folder, options)
        several = await processes_3(folder, options)
        analysis = await asyncio.to_thread(
            analysis_bench, options.analysis_dyads, options.analysis_sessions,
            options.analysis_repeats, folder / "analysis",
        )
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
        "processes_3": several,
        "analysis": {
            **{key: round(value, 2) for key, value in analysis.items()},
            "dyads": options.analysis_dyads, "sessions": options.analysis_sessions,
        },
        "bare": {
            "updates_per_s_by_concurrency": bare["settings"],
            "best_concurrency": bare["best"],
        },
    }
