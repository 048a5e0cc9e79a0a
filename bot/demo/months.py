"""The demo's months, as the coaches and coachees live them in Telegram.

The day before the sessions, the coaches who plan ahead schedule them with `/schedule`, a couple
of hours apart. On the day the bot asks them their mood before each session (they mostly
answer), then whether it took place; they say it did. The other coaches log each session with
`/session` once it has ended. Then both sides answer the check-in. The coach's mood of the day,
asked or not, lifts or lowers how the session goes (`bot.demo.cohort.mood_lift`). Past the program's
midpoint the five-attribute check comes to each coachee, who answers it when it arrives. Then a
week passes: nudges, reminders, expiry.
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from alliance.core.clock import ManualClock
from alliance.instruments import resolve_instrument
from bot.demo import actors
from bot.demo.cohort import (
    Cohort,
    SimCoachee,
    attribute_answers,
    coach_answers,
    coach_mood,
    coachee_answers,
    mood_lift,
)
from bot.demo.pacing import gather_limited
from bot.emulator import EmulatorClient
from bot.local_times import format_day
from bot.simulation import Message, SimulatedUser
from bot.texts import t

if TYPE_CHECKING:
    from bot.demo.run import DemoPeople

TIMEZONE = "America/Montreal"
FIRST_START = time(9, 0)  # a coach's first session of the day
SLOT_HOURS = 2  # the next ones start this many hours apart
LENGTH_MINUTES = 60
MOOD_SKIPPED = 0.1  # share of mood questions a coach lets pass unanswered
LATE_SESSION = 2  # the featured coachee answers this check-in only after its reminder
COMMENTS = (
    "Useful session, clearer priorities.",
    "We went fast today.",
    "Séance utile, je repars avec un plan.",
    "I would like more challenge.",
)


def local(day: date, moment: time) -> datetime:
    """A wall-clock time of the program's zone, as the UTC instant the clock is set to."""
    return datetime.combine(day, moment, ZoneInfo(TIMEZONE)).astimezone(UTC)


def session_start(slot: int) -> time:
    return time(FIRST_START.hour + SLOT_HOURS * slot, FIRST_START.minute)


def step_time(day: date, step: int) -> datetime:
    """Step 0: before the first session (its mood question is out); step k: just after
    session k − 1 ended, when the mood question of session k is out too."""
    if step == 0:
        return local(day, FIRST_START) - timedelta(minutes=30)
    return local(day, session_start(step - 1)) + timedelta(minutes=LENGTH_MINUTES + 5)


def _titled(title: str, name: str) -> Callable[[Message], bool]:
    """An open questionnaire step whose heading has `title` and `name` in it."""
    return lambda m: actors.has_scale(m) and title in (m.get("text") or "") and name in (
        m.get("text") or "")


class Months:
    """The month loop of `bot.demo.run.Demo`, which provides the people, clock and helpers."""

    cohort: Cohort
    client: EmulatorClient
    people: DemoPeople
    clock: ManualClock
    start_day: date
    end_day: date
    featured: SimCoachee
    late: list[Awaitable[Any]]
    latencies: list[float]
    attributes_done: set[str]

    def _rng(self, *parts: object) -> random.Random:
        raise NotImplementedError

    async def _mark(self) -> None:
        raise NotImplementedError

    async def dispatch(self) -> None:
        raise NotImplementedError

    def _several(self, coachee: SimCoachee) -> bool:
        return sum(1 for e in self.cohort.coachees if e.coach is coachee.coach) > 1

    @staticmethod
    def still_answering(coachee: SimCoachee, number: int) -> bool:
        """Whether the coachee still answers at session `number` (not stopped, not blocked)."""
        return not (coachee.stops_after and number > coachee.stops_after) and not (
            coachee.blocks_at and number >= coachee.blocks_at
        )

    async def month(self, number: int) -> None:
        """Session `number` for every dyad, then the week passes: reminders and expiry."""
        for coachee in self.cohort.coachees:
            if coachee.blocks_at == number:
                await self.client.block(self.people.coachees[coachee.key].id)
        day = self.start_day + timedelta(days=28 * (number - 1) + 1)
        by_coach: dict[str, list[SimCoachee]] = {}
        for coachee in self.cohort.coachees:
            by_coach.setdefault(coachee.coach.key, []).append(coachee)
        self.clock.set(local(day - timedelta(days=1), time(16, 0)))
        await gather_limited(self._plan(coachees, day) for coachees in by_coach.values()
                             if coachees[0].coach.plans_ahead)
        moods: dict[str, int] = {}
        for step in range(max(map(len, by_coach.values())) + 1):
            self.clock.set(step_time(day, step))
            await self.dispatch()  # mood questions, session questions, the five-attribute check
            await gather_limited([
                *(self._coach_step(coachees, step, number, moods)
                  for coachees in by_coach.values()),
                *self._attribute_checks(number),
            ])
            # Nudges are decided after the answers' replies: all of them go out at this step's
            # time, before the clock moves, whichever person the event loop served first.
            await self.dispatch()
        await gather_limited(
            actors.react_to_nudge(user, self._rng("nudge", key, number))
            for key, user in self.people.coaches.items()
        )
        await self._mark()
        for hours in (26, 50):  # reminders fall due, then unanswered check-ins close
            self.clock.advance(timedelta(hours=hours))
            await self.dispatch()
            late, self.late = self.late, []
            await gather_limited(late)  # answers after the reminder, before the deadline
            await self._mark()

    async def _plan(self, coachees: list[SimCoachee], day: date) -> None:
        """The day before: one coach schedules each coachee's session, one after the other."""
        coach = self.people.coaches[coachees[0].coach.key]
        for slot, coachee in enumerate(coachees):
            await actors.schedule_session(
                coach, coachee.name, self._several(coachee), format_day(coach.lang, day),
                session_start(slot).strftime("%H:%M"),
                t(coach.lang, "schedule.minutes", minutes=LENGTH_MINUTES),
            )

    async def _coach_step(
        self, coachees: list[SimCoachee], step: int, number: int, moods: dict[str, int]
    ) -> None:
        """One coach at one step: the mood before the next session, the outcome of the last
        (or its log, for a coach who did not schedule it) and its check-in."""
        coach = self.people.coaches[coachees[0].coach.key]
        upcoming = coachees[step] if step < len(coachees) else None
        ended = coachees[step - 1] if step >= 1 else None
        if upcoming is not None:  # the mood of the day, whether or not anyone asks about it
            moods[upcoming.key] = coach_mood(upcoming.coach, self._rng("mood", upcoming.key,
                                                                       number))
        if not coachees[0].coach.plans_ahead:
            if ended is not None:
                await actors.log_session(coach, ended.name, self._several(ended))
                await self._checkins(ended, number, mood_lift(ended.coach, moods[ended.key]))
            return
        mood_title = resolve_instrument("coach_mood").title.in_language(coach.lang)
        held = t(coach.lang, "session.button.held")
        # Both messages came with the step's dispatch: find them before answering either.
        asked = (await coach.expect(_titled(mood_title, upcoming.name), timeout=30)
                 if upcoming else None)
        outcome = (await coach.expect(lambda m: actors.has_button(m, held) and ended.name in (
            m.get("text") or ""), timeout=30) if ended else None)
        if (upcoming is not None and asked is not None
                and self._rng("mood-answered", upcoming.key, number).random() >= MOOD_SKIPPED):
            await actors.answer_questionnaire(coach, [moods[upcoming.key]], message=asked)
        if ended is not None and outcome is not None:
            await coach.press(held, outcome)
            await actors.changed(coach, outcome, newer=None)
            await self._checkins(ended, number, mood_lift(ended.coach, moods[ended.key]))

    async def _checkins(self, coachee: SimCoachee, number: int, lift: float) -> None:
        """Both sides answer the session's check-in (the coachee unless stopped or blocked)."""
        coach = self.people.coaches[coachee.coach.key]
        person = self.people.coachees[coachee.key]
        coach_values = coach_answers(coachee, number, self._rng("coach", coachee.key, number),
                                     lift)
        order = ("goal", "task", "bond", "overall", "predicted")
        tasks = [
            actors.answer_questionnaire(
                coach, [coach_values[i] for i in order], latencies=self.latencies
            )
        ]
        if self.still_answering(coachee, number):
            rng = self._rng("coachee", coachee.key, number)
            values = coachee_answers(coachee, number, rng, lift)
            comment = rng.choice(COMMENTS) if rng.random() < 0.1 else None
            answer = actors.answer_questionnaire(
                person, [values[i] for i in order[:4]], comment=comment, latencies=self.latencies
            )
            if coachee is self.featured and number == LATE_SESSION:
                self.late.append(answer)
            else:
                tasks.append(answer)
        await gather_limited(tasks)

    def _attribute_checks(self, number: int) -> list[Awaitable[None]]:
        """From the program's midpoint, the coachees who still answer and have not yet done it."""
        midpoint = self.start_day + (self.end_day - self.start_day) / 2
        if self.clock.now().astimezone(ZoneInfo(TIMEZONE)).date() < midpoint:
            return []
        return [self._attribute_check(e, number) for e in self.cohort.coachees
                if e.key not in self.attributes_done and self.still_answering(e, number)]

    async def _attribute_check(self, coachee: SimCoachee, number: int) -> None:
        """Answer the five-attribute check if it has come (it comes once, at a dispatch)."""
        user: SimulatedUser = self.people.coachees[coachee.key]
        title = resolve_instrument("five_attributes").title.in_language(user.lang)
        waiting = [m for m in await user.messages() if not m["deleted"]
                   and _titled(title, "")(m)]
        if waiting:
            self.attributes_done.add(coachee.key)
            values = attribute_answers(coachee, number, self._rng("attributes", coachee.key))
            await actors.answer_questionnaire(user, values, message=waiting[0])
