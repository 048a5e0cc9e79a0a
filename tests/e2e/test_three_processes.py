"""Three `alliance run` processes in webhook mode on one PostgreSQL database, behind nginx, act
as one bot: each queued message is sent once, each update handled once, and a conversation
begun in one process is finished in another."""

from __future__ import annotations

import secrets
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

import pytest
from sqlalchemy import func, select

from alliance.core.db import create_engine, create_session_factory, transaction
from alliance.core.models import Comment, ProcessedUpdate
from bot.bench.procs import alliance_run_args, bot_env, free_port, started
from bot.bench.proxy import nginx_binary, nginx_proxy
from bot.bench.seed import seed
from bot.bench.several import PROCESSES, all_serving, sent_rows, webhook_env
from bot.bench.steps import emulator
from bot.simulation import SimulatedUser
from tests.e2e.dyads import COACHEE_CHECKIN, answer_questionnaire
from tests.waiting import eventually

pytestmark = [
    pytest.mark.slow,
    pytest.mark.parametrize("backend", ["postgresql"]),
    pytest.mark.timeout(300),
]


def _nginx() -> None:
    if nginx_binary() is None:
        pytest.fail("nginx is needed (Debian: apt-get install nginx-light; .ci/run installs it)")


async def _count(url: str, model: type) -> int:
    engine = create_engine(url)
    try:
        async with transaction(create_session_factory(engine)) as db:
            return int(await db.scalar(select(func.count()).select_from(model)) or 0)
    finally:
        await engine.dispose()


async def test_three_webhook_processes_behind_nginx_act_as_one_bot(
    database_url: str, tmp_path: Path
) -> None:
    _nginx()
    cohort = await seed(database_url, dyads=6, busy=2)
    async with emulator(tmp_path) as (base, client):
        for user_id in [cohort.lead, *cohort.coachees, *cohort.coaches]:
            await client.create_user(user_id, f"P{user_id}")
        ports, proxy_port = [free_port() for _ in range(PROCESSES)], free_port()
        secret = secrets.token_urlsafe(32)
        env = bot_env(f"{base}/bot", database_url, throughput_limits=False,
                      dispatch_interval=0.5)
        with nginx_proxy(proxy_port, ports, tmp_path / "nginx") as proxy, ExitStack() as stack:
            bots = [
                stack.enter_context(started(
                    f"bot {index + 1}", alliance_run_args(),
                    {**webhook_env(env, proxy_port, port, secret), "LOG_LEVEL": "INFO"},
                    tmp_path / f"bot-{index + 1}.log",
                ))
                for index, port in enumerate(ports)
            ]
            await all_serving(bots, ports)  # else nginx may rotate among fewer than three

            async def all_sent() -> bool:
                return await sent_rows(database_url) == cohort.messages

            await eventually(all_sent, "every seeded questionnaire sent", timeout=90)
            assert (await client.stats())["calls"].get("sendMessage", 0) == cohort.messages

            # A coachee answers a whole check-in, then writes a comment: the tap on "Add a
            # comment" and the typed text are consecutive updates, so nginx hands them to
            # different processes; the second must know what the first began.
            coachee = SimulatedUser(client, cohort.coachees[0], "Coachee 0", "en")
            checkin = await answer_questionnaire(coachee, COACHEE_CHECKIN)
            await coachee.press("Add a comment", checkin)
            await coachee.expect_edit(checkin["message_id"], "Write your comment")
            await coachee.send("Pace is fine, more on delegation please")
            await coachee.expect("Share it with your coach?", timeout=30)
            assert await _count(database_url, Comment) == 1

            created = (await client.stats())["updates_queued"]

            async def all_handled() -> bool:
                return await _count(database_url, ProcessedUpdate) == created

            await eventually(all_handled, "every update handled", timeout=30)
            order = proxy.upstreams()
    by_process = Counter(order)
    print(f"updates by process: {sorted(by_process.values())}")
    assert order[-2] != order[-1]  # the comment's tap and its text: two processes
    assert sum(by_process.values()) == created  # each update posted once, none retried
    assert len(by_process) == PROCESSES and min(by_process.values()) >= 1, by_process
