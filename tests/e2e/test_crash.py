"""The real `alliance run` process killed (SIGKILL) again and again while a program runs.

Eight dyads hold sessions in two waves; everyone answers their check-in by tapping what they
see, through the emulator, while a seeded killer ends the bot at random moments and starts it
again at once. At the end: every acknowledged answer is stored exactly once, every prompt went
out within a minute of the restart that followed its due time, duplicates are at most one per
kill, everyone finished, and SQLite's integrity check passes. The counts are printed.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import signal
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from alliance.core.config import load_settings
from alliance.core.db import create_engine, create_session_factory, transaction
from alliance.core.models import Answer, Prompt, PromptKind, PromptState, Role
from alliance.enrolment.invites import claim_invite, issue_invite
from alliance.programs.setup import ProgramOptions, create_program
from alliance.questionnaires.checkins import step_of
from alliance.sessions.records import dyads_coached_by, log_session_by_coach
from bot.emulator import EmulatorClient, EmulatorServer

pytestmark = pytest.mark.slow

ALLIANCE = str(Path(sys.executable).with_name("alliance"))
TOKEN = "7000000001:CRASH-TEST"
DYADS = 8
KILLS = 20
SEED = 20261201
TAP = re.compile(r"^a:(\d+):(\d+):(-?\d+)$")
DELIVERY_BOUND = timedelta(minutes=1)
READY = "started as @"  # the bot logs it once connected, before it polls


@dataclass
class Run:
    """What the test saw: process lifetimes, taps the bot acknowledged, people who got stuck."""

    starts: list[datetime] = field(default_factory=list)
    kills: list[datetime] = field(default_factory=list)
    presses: list[tuple[str, tuple[int, int, int]]] = field(default_factory=list)
    acknowledged: set[tuple[int, int, int]] = field(default_factory=set)


class Bot:
    """The `alliance run` process, started and SIGKILLed."""

    def __init__(self, env: dict[str, str], log: Path, run: Run) -> None:
        self.env, self.log, self.run = env, log, run
        self.process: asyncio.subprocess.Process | None = None
        self._ready_before = 0

    async def start(self) -> None:
        self._ready_before = self._ready_lines()
        with self.log.open("ab") as sink:
            self.process = await asyncio.create_subprocess_exec(
                ALLIANCE, "run", env=self.env, stdout=asyncio.subprocess.DEVNULL, stderr=sink
            )
        self.run.starts.append(datetime.now(UTC))

    async def ready(self, timeout: float = 30.0) -> None:
        """Wait until the process started last says it is polling."""
        deadline = asyncio.get_running_loop().time() + timeout
        while asyncio.get_running_loop().time() < deadline:
            if self._ready_lines() > self._ready_before:
                return
            await asyncio.sleep(0.1)

    def _ready_lines(self) -> int:
        return self.log.read_text(errors="replace").count(READY) if self.log.exists() else 0

    async def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        await self.process.wait()
        self.run.kills.append(datetime.now(UTC))

    async def stop(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.send_signal(signal.SIGINT)
            try:
                await asyncio.wait_for(self.process.wait(), 20)
            except TimeoutError:
                await self.kill()


async def _program(url: str, client: EmulatorClient) -> tuple[list[tuple[int, int]], list[int]]:
    """A program of DYADS coach–coachee pairs, enrolled; (coach person, coach user) per dyad."""
    settings = load_settings(_env_file=None, database_url=url, telegram_bot_token=TOKEN)
    engine = create_engine(url)
    factory = create_session_factory(engine)
    now = datetime.now(UTC)
    coaches: list[tuple[int, int]] = []
    users: list[int] = []
    async with transaction(factory) as db:
        program = await create_program(session=db, settings=settings, name="Crash",
                                       start=now.date(), options=ProgramOptions(quiet_hours=(0, 0)))
        for index in range(DYADS):
            coach_user, coachee_user = 300000 + 2 * index, 300001 + 2 * index
            for user_id, name in ((coach_user, f"Coach{index}"), (coachee_user, f"Coachee{index}")):
                await client.create_user(user_id, name, language_code="en")
                users.append(user_id)
            coach = await issue_invite(session=db, program_id=program.id, role=Role.COACH,
                                       name=f"Coach{index}", coach_id=None,
                                       ttl=timedelta(days=1), now=now)
            await claim_invite(session=db, token=coach.token, telegram_user_id=coach_user,
                               language="en", now=now)
            coachee = await issue_invite(session=db, program_id=program.id, role=Role.COACHEE,
                                         name=f"Coachee{index}", coach_id=coach.person.id,
                                         ttl=timedelta(days=1), now=now)
            await claim_invite(session=db, token=coachee.token, telegram_user_id=coachee_user,
                               language="en", now=now)
            coaches.append((coach.person.id, coach_user))
    await engine.dispose()
    return coaches, users


async def _hold_sessions(url: str, coach_ids: list[int]) -> None:
    """Sessions logged by another process (the CLI, a second bot): their check-ins are queued."""
    engine = create_engine(url)
    async with transaction(create_session_factory(engine)) as db:
        for coach_id in coach_ids:
            view = (await dyads_coached_by(db, coach_id))[0]
            await log_session_by_coach(db, view=view, actor_id=coach_id, now=datetime.now(UTC))
    await engine.dispose()


async def _person(client: EmulatorClient, user_id: int, run: Run, rng: random.Random,
                  until: asyncio.Event) -> None:
    """Tap a value on the newest question shown, and wait for the message to move on."""
    while not until.is_set():
        question = None
        for message in reversed(await client.messages(user_id)):
            data = [b.get("data") or "" for row in message.get("buttons") or []
                    for b in row]
            taps = [d for d in data if TAP.match(d)]
            if taps and not message["deleted"]:
                question = (message, taps)
                break
        if question is None:
            await asyncio.sleep(0.2)
            continue
        message, taps = question
        choice = rng.choice(taps)
        prompt_id, index, value = (int(g) for g in TAP.match(choice).groups())  # type: ignore[union-attr]
        try:
            pressed = await client.press(user_id, message["message_id"], data=choice)
        except Exception:
            await asyncio.sleep(0.2)
            continue
        run.presses.append((pressed["callback_query_id"], (prompt_id, index, value)))
        if not await _moved_on(client, user_id, message, 3.0):
            await asyncio.sleep(0.3)  # the same question still shows: tap again


async def _moved_on(client: EmulatorClient, user_id: int, before: dict[str, Any],
                    timeout: float) -> bool:
    deadline = asyncio.get_running_loop().time() + timeout
    while asyncio.get_running_loop().time() < deadline:
        for message in await client.messages(user_id):
            same = message["message_id"] == before["message_id"]
            if same and (message.get("text"), message.get("buttons")) != (
                before.get("text"), before.get("buttons")
            ):
                return True
        await asyncio.sleep(0.1)
    return False


async def _kill_repeatedly(bot: Bot, rng: random.Random, url: str,
                           waves: list[list[int]]) -> None:
    """Kill at a seeded moment after each start: mostly while it works, sometimes before it
    is up; a few times it stays down a moment so prompts fall due while no bot runs."""
    for kill in range(KILLS):
        if rng.random() < 0.8:
            await bot.ready()
        await asyncio.sleep(rng.uniform(0.3, 3.0))
        if kill in (0, KILLS // 2) and waves:
            await _hold_sessions(url, waves.pop(0))
        await bot.kill()
        if rng.random() < 0.3:
            await asyncio.sleep(rng.uniform(0.2, 1.5))  # down for a moment: prompts fall due
        await bot.start()


def _reference(due: datetime, run: Run) -> datetime:
    """When a prompt could first go: its due time if the bot was up, else the next start."""
    for start, kill in zip(run.starts, [*run.kills, None], strict=False):
        if start <= due and (kill is None or due < kill):
            return due
        if start > due:
            return start
    return due


async def _acknowledged(client: EmulatorClient, run: Run) -> set[tuple[int, int, int]]:
    """Taps the bot answered without a refusal: their transaction had committed."""
    found = set()
    for callback_id, tap in run.presses:
        answer = await client.callback(callback_id)
        if answer["answered"] and not answer.get("text"):
            found.add(tap)
    return found


async def _check(url: str, run: Run, client: EmulatorClient, users: list[int]) -> dict[str, int]:
    engine = create_engine(url)
    try:
        async with transaction(create_session_factory(engine)) as db:
            prompts = list(
                await db.scalars(select(Prompt).where(Prompt.kind == PromptKind.CHECKIN))
            )
            answers = {(a.prompt_id, a.item_id): a.value for a in await db.scalars(select(Answer))}
            total_answers = await db.scalar(select(func.count(Answer.id)))
            integrity = None
            if url.startswith("sqlite"):
                integrity = (await db.execute(text("PRAGMA integrity_check"))).scalar()
    finally:
        await engine.dispose()
    by_id = {p.id: p for p in prompts}
    run.acknowledged = await _acknowledged(client, run)
    for prompt_id, index, value in run.acknowledged:
        item = step_of(by_id[prompt_id], set()).items[index]
        stored = answers.get((prompt_id, item.id))
        assert stored == value, (prompt_id, index, value, stored, [
            (cid, tap) for cid, tap in run.presses if tap[0] == prompt_id
        ], {k: v for k, v in answers.items() if k[0] == prompt_id})
    assert total_answers == len(answers)
    late = [p.id for p in prompts
            if p.sent_at is None or p.sent_at - _reference(p.due_at, run) > DELIVERY_BOUND]
    assert not late, f"prompts not delivered within a minute of a restart: {late}"
    duplicates = 0
    for user_id in users:
        texts = [m.get("text") or "" for m in await client.messages(user_id)]
        duplicates += max(0, sum("· session 1 with" in t for t in texts) - 1)
    assert duplicates <= len(run.kills)
    assert integrity in (None, "ok")
    return {
        "kills": len(run.kills), "prompts": len(prompts), "acknowledged": len(run.acknowledged),
        "answers": total_answers or 0, "duplicates": duplicates,
        "answered": sum(p.state == PromptState.ANSWERED for p in prompts),
        "stuck": len({p.recipient_id for p in prompts if p.state != PromptState.ANSWERED}),
    }


async def test_the_bot_survives_repeated_kills(database_url: str, tmp_path: Path) -> None:
    server = EmulatorServer()
    await server.start()
    client = EmulatorClient(server.base_url)
    run, rng = Run(), random.Random(SEED)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TELEGRAM_", "ALLIANCE_", "DATABASE_"))}
    env.update(DATABASE_URL=database_url, TELEGRAM_BOT_TOKEN=TOKEN,
               TELEGRAM_API_BASE_URL=server.api_base_url,
               TELEGRAM_API_BASE_FILE_URL=server.file_base_url,
               ALLIANCE_DISPATCH_INTERVAL_SECONDS="0.5")
    bot = Bot(env, tmp_path / "bot.log", run)
    try:
        coaches, users = await _program(database_url, client)
        ids = [coach_id for coach_id, _ in coaches]
        waves = [ids[: DYADS // 2], ids[DYADS // 2:]]
        await bot.start()
        done = asyncio.Event()
        people = [asyncio.create_task(_person(client, user, run, random.Random(SEED + user), done))
                  for user in users]
        await _kill_repeatedly(bot, rng, database_url, waves)
        await _everyone_finishes(database_url, timeout=40)
        done.set()
        await asyncio.gather(*people)
        counts = await _check(database_url, run, client, users)
        print(f"\ncrash test ({database_url.split(':')[0]}): "
              + ", ".join(f"{k} {v}" for k, v in counts.items()))
        assert counts["stuck"] == 0, "someone saw an answered question and could not move on"
        assert counts["answered"] == counts["prompts"]
    finally:
        await bot.stop()
        await client.close()
        await server.stop()


async def _everyone_finishes(url: str, timeout: float) -> None:
    """Wait (the bot now stays up) until no check-in is open, or the time is up."""
    engine = create_engine(url)
    try:
        deadline = asyncio.get_running_loop().time() + timeout
        while asyncio.get_running_loop().time() < deadline:
            async with transaction(create_session_factory(engine)) as db:
                open_prompts = await db.scalar(select(func.count(Prompt.id)).where(
                    Prompt.kind == PromptKind.CHECKIN, Prompt.state != PromptState.ANSWERED))
            if not open_prompts:
                return
            await asyncio.sleep(0.5)
    finally:
        await engine.dispose()
