"""Bad input, property-based: whatever arrives, the bot answers, never fails, changes nothing.

Hypothesis draws raw updates (any Unicode of any length, commands with garbage arguments,
stickers, photos, voice, documents, contacts, locations, empty messages, edits, channel posts,
group messages, presses with arbitrary data, optional fields missing) and the emulator queues
each exactly as drawn. One bot serves all examples: hypothesis runs in a worker thread and
hands each case to the bot's event loop. After each case: no error was logged (the error
handler logs every unhandled exception), a private message got a reply and a press an answer,
and the database is exactly as before.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from aiohttp import web
from hypothesis import HealthCheck, given, settings
from sqlalchemy import func, select

from alliance.core.models import Answer, Comment, Membership, Prompt
from tests.e2e.conftest import ErrorLog
from tests.e2e.harness import BotHarness
from tests.e2e.junk import SENDERS, Case, cases, one_of_each
from tests.e2e.world import World, build_world, fresh_message, snapshot
from tests.waiting import eventually

pytestmark = pytest.mark.slow

WEBHOOK_SECRET = "fuzz-" + "s" * 32


async def _latest_id(bot: BotHarness, chat_id: int) -> int:
    messages = await bot.client.chat_messages(chat_id)
    return max((m["message_id"] for m in messages), default=0)


async def _wait(check: Callable[[], Any], what: str) -> None:
    await eventually(check, what)


async def _orphans(bot: BotHarness) -> int:
    """Rows whose parent is gone: answers or comments without a prompt, prompts without a
    recipient's membership in the program."""
    async with bot.db() as db:
        answers = await db.scalar(select(func.count()).select_from(Answer).where(
            ~Answer.prompt_id.in_(select(Prompt.id))))
        comments = await db.scalar(select(func.count()).select_from(Comment).where(
            ~Comment.prompt_id.in_(select(Prompt.id))))
        prompts = await db.scalar(select(func.count()).select_from(Prompt).where(
            ~select(Membership.id).where(Membership.person_id == Prompt.recipient_id,
                                         Membership.program_id == Prompt.program_id).exists()))
    return int(answers or 0) + int(comments or 0) + int(prompts or 0)


class Runner:
    """Sends one case at a time to the running bot and checks what it owes."""

    def __init__(self, bot: BotHarness, world: World, errors: ErrorLog) -> None:
        self.bot, self.world, self.errors = bot, world, errors
        self.tally: Counter[str] = Counter()

    async def run(self, case: Case) -> None:
        user = self.world.users[case.sender]
        async with self.bot.db() as db:
            before = await snapshot(db)
        latest = await _latest_id(self.bot, user.id)
        injected = await self.bot.client.inject(case.kind, case.payload)
        if case.owes == "reply":
            async def replied() -> bool:
                return await _latest_id(self.bot, user.id) > latest
            await _wait(replied, f"a reply to {case!r}")
        elif case.owes == "answer":
            async def answered() -> bool:
                answer = await self.bot.client.callback(injected["callback_query_id"])
                return bool(answer["answered"])
            await _wait(answered, f"an answer to {case!r}")
        else:  # nothing owed: a private round trip shows the bot has moved past it
            await user.send("/help")
            await user.expect(lambda m: m["message_id"] > latest)
        assert not self.errors.records, f"{case!r} logged: {self.errors.records[0].getMessage()}"
        async with self.bot.db() as db:
            assert await snapshot(db) == before, f"{case!r} changed data"
        self.tally[case.label] += 1


async def _run_property(runner: Runner, max_examples: int) -> Counter[str]:
    """Hypothesis in a worker thread; each example runs on the bot's loop."""
    loop = asyncio.get_running_loop()
    world = runner.world
    people = {role: (world.users[role].id, world.users[role].name) for role in SENDERS}
    pressable = {role: await fresh_message(world.users[role], role == "stranger")
                 for role in SENDERS}
    for case in one_of_each(people):
        await runner.run(case)

    @settings(max_examples=max_examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=cases(people, pressable))
    def every_update_is_handled(case: Case) -> None:
        asyncio.run_coroutine_threadsafe(runner.run(case), loop).result(timeout=60)

    await asyncio.to_thread(every_update_is_handled)
    return runner.tally


async def test_any_update_is_answered_and_changes_nothing(
    bot: BotHarness, errors: ErrorLog
) -> None:
    world = await build_world(bot)
    tally = await _run_property(Runner(bot, world, errors), max_examples=120)
    print(f"\nbad input (polling): {sum(tally.values())} cases ran: {dict(sorted(tally.items()))}")
    assert await _orphans(bot) == 0
    assert sum(tally.values()) >= 100


class WebhookHarness(BotHarness):
    """The same bot in webhook mode: the emulator POSTs each update to our webhook server
    (`bot.webhook`, the one `alliance run` serves), which checks the secret first."""

    runner: web.AppRunner | None = None

    async def start_bot(self) -> None:
        from bot.app import build_application
        from bot.webhook import webhook_app
        from tests.e2e.processes import free_port

        # The emulator enforces no limits here (as in the demo), so the bot does not pace its
        # sends either; the two budgets have their own tests with limits on (tests/engine).
        self.app = build_application(self.settings, clock=self.clock, dispatch_interval=0.2,
                                     throughput_limits=False)
        await self.app.initialize()
        port = free_port()
        self.runner = web.AppRunner(webhook_app(self.app, "/hook", WEBHOOK_SECRET))
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", port).start()
        if self.app.post_init:
            await self.app.post_init(self.app)
        await self.app.bot.set_webhook(f"http://127.0.0.1:{port}/hook",
                                       secret_token=WEBHOOK_SECRET)
        await self.app.start()

    async def stop_bot(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()
            self.runner = None
        await super().stop_bot()


async def test_any_update_through_the_webhook_is_answered_and_changes_nothing(
    database_url: str, errors: ErrorLog
) -> None:
    bot = WebhookHarness(database_url)
    await bot.start()
    try:
        assert (await bot.client.config())["webhook"], "the bot set its webhook"
        world = await build_world(bot)
        tally = await _run_property(Runner(bot, world, errors), max_examples=30)
        print(f"\nbad input (webhook): {sum(tally.values())} cases ran")
        assert (await bot.client.stats())["webhook_deliveries"] >= sum(tally.values())
    finally:
        await bot.close()
