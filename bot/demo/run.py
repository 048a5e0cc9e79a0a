"""`alliance demo`: a whole program, simulated end to end against the real bot.

The emulator and the real Application run in this process on a SQLite file in the demo folder.
Simulated people act only through the emulator's control API. Program time is a manual clock
that the simulation moves forward (eight months in about a minute): sessions happen, reminders
fall due, unanswered check-ins expire. The lead's `/report` ends the run; its PDF is saved in
the folder, beside the pseudonymised export the operator makes with `alliance export`.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import random
import time
from collections.abc import Awaitable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.progress import Progress

from alliance.core.clock import ManualClock
from alliance.core.config import load_settings
from alliance.core.db import create_engine, create_session_factory, transaction
from alliance.core.migrate import upgrade_database
from alliance.core.models import Role
from alliance.enrolment.invites import issue_invite
from alliance.enrolment.roster import RosterRow, import_roster
from alliance.programs.setup import ProgramOptions, create_program
from bot.app import build_application
from bot.demo import actors
from bot.demo.cohort import (
    Cohort,
    SimCoach,
    SimCoachee,
    coach_answers,
    featured,
    make_cohort,
    self_efficacy_answers,
)
from bot.demo.lead_report import lead_report
from bot.demo.months import TIMEZONE, Months
from bot.demo.pacing import gather_limited, settle
from bot.demo.transcript import dyad_transcript, recorded
from bot.emulator import EmulatorClient, EmulatorServer
from bot.simulation import SimulatedUser
from bot.texts import t

TOKEN = "7000000001:DEMO"
MODULES = ("mood", "five_attributes", "similarity")  # every optional module, simulated


@dataclass
class DemoPeople:
    lead: SimulatedUser
    coaches: dict[str, SimulatedUser] = field(default_factory=dict)
    coachees: dict[str, SimulatedUser] = field(default_factory=dict)


@dataclass
class DemoResult:
    folder: Path
    files: list[Path]
    summary: str
    transcript: list[str]
    seconds: float
    stats: dict[str, Any]
    tap_latencies: list[float]


class Demo(Months):
    """One simulated program: set-up, eight months of sessions, closing, report."""

    def __init__(
        self, folder: Path, cohort: Cohort, sessions: int, seed: int, console: Console
    ) -> None:
        self.folder, self.cohort, self.sessions, self.seed = folder, cohort, sessions, seed
        self.featured = featured(cohort)
        self.late: list[Awaitable[Any]] = []
        self.marks: dict[str, list[int]] = {"coach": [], "coachee": []}  # see `_mark`
        self.console = console
        self.server = EmulatorServer()
        zone = ZoneInfo(TIMEZONE)
        self.start_day = date(2027, 1, 11)
        self.end_day = self.start_day + timedelta(days=240)
        self.attributes_done: set[str] = set()  # coachees who answered the five-attribute check
        self.clock = ManualClock(datetime(2027, 1, 11, 9, tzinfo=zone).astimezone(UTC))
        self.database_url = f"sqlite+aiosqlite:///{folder / 'alliance-demo.db'}"
        self.app: Any = None
        self.client: EmulatorClient
        self.people: DemoPeople
        self.program_id = 0
        self.latencies: list[float] = []  # seconds from a check-in tap to the bot's edit

    # -- set-up ----------------------------------------------------------------------------

    async def start(self) -> None:
        await asyncio.to_thread(upgrade_database, self.database_url)
        await self.server.start()
        self.client = EmulatorClient(self.server.base_url)
        self.settings = load_settings(
            _env_file=None,
            telegram_bot_token=TOKEN,
            database_url=self.database_url,
            telegram_api_base_url=self.server.api_base_url,
            telegram_api_base_file_url=self.server.file_base_url,
            alliance_timezone=TIMEZONE,
            alliance_pseudonym_key=hashlib.sha256(f"demo-{self.seed}".encode()).hexdigest()[:32],
            log_level="WARNING",
        )
        # Housekeeping (reminders, expiry) runs only when the simulation calls `dispatch`, at
        # known points of program time, never on a real-time timer racing the simulated people.
        self.app = build_application(
            self.settings, clock=self.clock, throughput_limits=False, dispatch_interval=86_400.0
        )
        await self.app.initialize()
        await self.app.post_init(self.app)
        await self.app.updater.start_polling(poll_interval=0, timeout=1)
        await self.app.start()
        self.engine = create_engine(self.database_url)
        self.session_factory = create_session_factory(self.engine)

    async def stop(self) -> None:
        if self.app is not None:
            if self.app.updater.running:
                await self.app.updater.stop()
            if self.app.running:
                await self.app.stop()
            await self.app.shutdown()
            await self.app.post_shutdown(self.app)
        with contextlib.suppress(Exception):
            await self.client.close()
        await self.server.stop()
        with contextlib.suppress(Exception):
            await self.engine.dispose()

    async def _user(self, user_id: int, name: str, lang: str) -> SimulatedUser:
        await self.client.create_user(user_id, name.split()[0], language_code=lang)
        return SimulatedUser(self.client, user_id, name, lang)

    async def enrol_everyone(self) -> None:
        """The lead and a roster, as the CLI makes them; everyone joins through their link."""
        rows = [
            RosterRow(i + 2, c.key, c.name, Role.COACH, None, dict(c.traits))
            for i, c in enumerate(self.cohort.coaches)
        ]
        rows += [
            RosterRow(len(rows) + i + 2, e.key, e.name, Role.COACHEE, e.coach.key, dict(e.traits))
            for i, e in enumerate(self.cohort.coachees)
        ]
        async with transaction(self.session_factory) as session:
            program = await create_program(
                session=session,
                settings=self.settings,
                name="Leadership Program 2027",
                timezone=TIMEZONE,
                start=self.start_day,
                end=self.end_day,
                options=ProgramOptions(modules=MODULES),
            )
            self.program_id = program.id
            lead_invite = await issue_invite(
                session=session,
                program_id=program.id,
                role=Role.LEAD,
                name="Lee Tremblay",
                ttl=timedelta(days=14),
                now=self.clock.now(),
            )
            issued = await import_roster(
                session=session,
                program_id=program.id,
                rows=rows,
                ttl=timedelta(days=14),
                now=self.clock.now(),
            )
        self.people = DemoPeople(lead=await self._user(900001, "Lee Tremblay", "en"))
        await actors.enrol(self.people.lead, lead_invite.token)
        tokens = {row.key: invite.token for row, invite in issued}
        jobs = []
        people: list[SimCoach | SimCoachee] = [*self.cohort.coaches, *self.cohort.coachees]
        for index, person in enumerate(people):
            user = await self._user(910001 + index, person.name, person.lang)
            group = self.people.coaches if isinstance(person, SimCoach) else self.people.coachees
            group[person.key] = user
            jobs.append(actors.enrol(user, tokens[person.key]))
        await gather_limited(jobs)
        await self._mark()

    def _rng(self, *parts: object) -> random.Random:
        """A generator of its own for each person and moment: what someone answers depends on
        the seed alone, never on which simulated person the event loop happened to run first."""
        return random.Random(":".join(map(str, (self.seed, *parts))))

    async def baseline(self) -> None:
        await gather_limited(
            actors.answer_questionnaire(
                self.people.coachees[e.key],
                self_efficacy_answers(e.se_pre, self._rng("baseline", e.key)),
            )
            for e in self.cohort.coachees
        )
        await self._mark()

    async def _mark(self) -> None:
        """Note where the featured dyad's two chats stand at this step of the program, so the
        transcript tells the steps in order whichever side the event loop served first."""
        coach, coachee = self.people.coaches, self.people.coachees
        for role, user in (("coach", coach[self.featured.coach.key]),
                           ("coachee", coachee[self.featured.key])):
            self.marks[role].append(max([m["message_id"] for m in await user.messages()] or [0]))

    # -- the months (`bot.demo.months`) ------------------------------------------------------

    async def dispatch(self) -> None:
        """Once the bot has handled every update (a nudge is decided after the answer's reply
        went out), housekeeping at this program time and every message due, waited for."""
        from bot.dispatcher import dispatch_due

        await settle(self.app)
        await dispatch_due(self.app)
        await self._mark()

    # -- the end ---------------------------------------------------------------------------

    async def close_program(self) -> None:
        lead = self.people.lead
        self.clock.set(
            datetime.combine(
                self.start_day + timedelta(days=236), datetime.min.time(), ZoneInfo(TIMEZONE)
            ).astimezone(UTC)
            + timedelta(hours=15)
        )
        await lead.send("/close")
        confirm = await lead.expect(lambda m: actors.has_button(m, t("en", "lead.close_yes")))
        await lead.press(t("en", "lead.close_yes"), confirm)
        await actors.changed(lead, confirm)
        answering = [e for e in self.cohort.coachees if not (e.stops_after or e.blocks_at)]
        jobs: list[Awaitable[Any]] = [
            actors.answer_questionnaire(
                self.people.coachees[e.key],
                self_efficacy_answers(e.se_post(), self._rng("final", e.key)),
            )
            for e in answering
        ]

        async def coach_finals(sim_coach: SimCoach) -> None:
            """One end rating per coachee, each matched by the coachee's name."""
            for coachee in (e for e in answering if e.coach is sim_coach):
                values = coach_answers(coachee, self.sessions, self._rng("end", coachee.key))
                await actors.answer_questionnaire(
                    self.people.coaches[sim_coach.key],
                    [values[i] for i in ("goal", "task", "bond", "overall")],
                    about=coachee.name,
                )

        jobs += [coach_finals(c) for c in self.cohort.coaches]
        await gather_limited(jobs)
        await settle(self.app)
        await self._mark()

    async def report(self) -> tuple[str, list[Path]]:
        return await lead_report(self.people.lead, self.server, TOKEN, self.folder)

    async def export(self) -> list[Path]:
        """What `alliance export` writes: row-level data stays on the operator's machine."""
        from alliance.reporting.export import export_program  # pandas: loaded on use
        from alliance.reporting.pseudonym_keys import export_key

        async with transaction(self.session_factory) as session:
            key = await export_key(session, self.settings)
            return await export_program(session, self.program_id, self.folder / "export", key)

    async def transcript(self) -> list[str]:
        """The featured dyad's story, from both chats, step by step of the program."""
        coachee = self.featured
        coach = self.people.coaches[coachee.coach.key]
        person = self.people.coachees[coachee.key]
        chats = {"coach": await coach.messages(), "coachee": await person.messages()}
        others = [e.name for e in self.cohort.coachees if e.coach is coachee.coach]
        said = recorded(chats, self.marks)
        return dyad_transcript(said, coach.name, person.name, [n for n in others
                                                                if n != person.name])


async def run_demo(
    folder: Path,
    *,
    dyads: int = 30,
    sessions: int = 8,
    seed: int = 2011,
    console: Console | None = None,
) -> DemoResult:
    """Run the whole simulated program; the caller prints the result."""
    console = console or Console()
    began = time.monotonic()
    folder.mkdir(parents=True, exist_ok=True)
    demo = Demo(
        folder, make_cohort(seed, dyads=dyads, coaches=max(1, dyads // 3)), sessions, seed, console
    )
    try:
        with Progress(console=console, transient=False) as progress:
            task = progress.add_task("Starting emulator and bot", total=sessions + 4)
            await demo.start()
            progress.update(task, advance=1, description="Enrolling lead, coaches, coachees")
            await demo.enrol_everyone()
            progress.update(task, advance=1, description="Baseline self-efficacy")
            await demo.baseline()
            for number in range(1, sessions + 1):
                progress.update(
                    task, advance=1, description=f"Month {number}: sessions, check-ins, nudges"
                )
                await demo.month(number)
            progress.update(task, advance=1, description="Closing: final questionnaires")
            await demo.close_program()
            progress.update(task, advance=1, description="Lead's /report")
            summary, files = await demo.report()
            progress.update(task, description="Operator's export")
            files += await demo.export()
        lines = await demo.transcript()
        stats = await demo.client.stats()
    finally:
        await demo.stop()
    return DemoResult(folder, files, summary, lines, time.monotonic() - began, stats,
                      demo.latencies)
