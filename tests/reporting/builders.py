"""Programs written straight into a fresh database, so reporting is tested on real rows."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from alliance.core.models import (
    Answer,
    CoachingSession,
    Comment,
    Dyad,
    Membership,
    Nudge,
    NudgeDecision,
    NudgeOutcome,
    Person,
    PersonState,
    Program,
    ProgramStatus,
    Prompt,
    PromptKind,
    PromptState,
    Role,
    SessionStatus,
)
from alliance.reporting.analysis.attributes import ATTRIBUTES as ATTRIBUTE_ITEMS

START = date(2026, 1, 5)
END = date(2026, 9, 4)
COMMENT = "PRIVATE-COMMENT-never-export"
TELEGRAM_BASE = 987_650_000
OUTCOMES = (NudgeOutcome.TALKED, NudgeOutcome.WILL_ASK, NudgeOutcome.NOT_NOW, NudgeOutcome.PENDING)


def _scored_ids(instrument_id: str, side: str, fallback: list[str]) -> list[str]:
    """The item ids the shipped instrument scores, when it is installed; else `fallback`."""
    try:
        from alliance.instruments.loader import default_instrument
        from alliance.instruments.scoring import scored_items

        return [item.id for item in scored_items(default_instrument(instrument_id), side)]
    except (ImportError, ValueError, OSError):
        return fallback


def _prediction_id() -> str:
    try:
        from alliance.instruments.loader import default_instrument

        items = default_instrument("alliance_checkin").items
        return next(i.id for i in items if i.dimension == "prediction")
    except (ImportError, ValueError, OSError, StopIteration):
        return "predicted"


CHECKIN_COACHEE = _scored_ids("alliance_checkin", "coachee", ["goal", "task", "bond", "overall"])
CHECKIN_COACH = _scored_ids("alliance_checkin", "coach", ["goal", "task", "bond", "overall"])
PREDICTED = _prediction_id()
SE_ITEMS = _scored_ids("self_efficacy", "coachee", [f"se{i}" for i in range(1, 8)])


def at(day: int, hour: int = 10) -> datetime:
    return datetime(START.year, START.month, START.day, hour, tzinfo=UTC) + timedelta(days=day)


class ProgramWriter:
    """Small helpers that add rows the way the bot would leave them."""

    def __init__(self, session: AsyncSession) -> None:
        self.s = session
        self.people = 0

    async def program(self, name: str = "Leadership Cohort Été", closed: bool = False) -> Program:
        program = Program(name=name, timezone="America/Montreal", start_date=START, end_date=END,
                          status=ProgramStatus.CLOSED if closed else ProgramStatus.ACTIVE,
                          cut_sd=0.5)
        self.s.add(program)
        await self.s.flush()
        return program

    async def person(self, program: Program, role: Role, name: str) -> Person:
        self.people += 1
        person = Person(telegram_user_id=TELEGRAM_BASE + self.people, display_name=name,
                        language="fr" if self.people % 2 else "en", state=PersonState.ACTIVE)
        self.s.add(person)
        await self.s.flush()
        self.s.add(Membership(person_id=person.id, program_id=program.id, role=role))
        return person

    async def dyad(self, program: Program, coach: Person, coachee: Person, code: str,
                   similarity: dict[str, object] | None = None) -> Dyad:
        dyad = Dyad(program_id=program.id, coach_id=coach.id, coachee_id=coachee.id, code=code,
                    similarity=similarity or {})
        self.s.add(dyad)
        await self.s.flush()
        return dyad

    async def session(self, dyad: Dyad, number: int, day: int,
                      status: SessionStatus = SessionStatus.HELD) -> CoachingSession:
        row = CoachingSession(dyad_id=dyad.id, status=status, sequence=number,
                              held_at=at(day) if status == SessionStatus.HELD else None,
                              scheduled_end=at(day))
        self.s.add(row)
        await self.s.flush()
        return row

    async def prompt(
        self, program: Program, dyad: Dyad, person: Person, kind: PromptKind, side: Role,
        answers: dict[str, float] | None, when: datetime, *,
        session: CoachingSession | None = None, state: PromptState | None = None,
        delay_hours: float = 3.0,
    ) -> Prompt:
        occasion = f"session:{session.id}" if session else f"program:{program.id}"
        answered = when + timedelta(hours=delay_hours) if answers else None
        prompt = Prompt(
            kind=kind, occasion=occasion, recipient_id=person.id, program_id=program.id,
            dyad_id=dyad.id, session_id=session.id if session else None, side=side,
            state=state or (PromptState.ANSWERED if answers else PromptState.EXPIRED),
            due_at=when, sent_at=when, expires_at=when + timedelta(hours=72),
            answered_at=answered,
        )
        self.s.add(prompt)
        await self.s.flush()
        for item, value in (answers or {}).items():
            self.s.add(Answer(prompt_id=prompt.id, item_id=item, value=value,
                              answered_at=answered))
        return prompt

    async def checkin(self, program: Program, dyad: Dyad, person: Person, side: Role,
                      session: CoachingSession, values: list[float] | None,
                      predicted: float | None = None, delay_hours: float = 3.0) -> Prompt:
        items = CHECKIN_COACH if side == Role.COACH else CHECKIN_COACHEE
        answers = dict(zip(items, values, strict=True)) if values is not None else None
        if answers is not None and predicted is not None:
            answers[PREDICTED] = predicted
        return await self.prompt(program, dyad, person, PromptKind.CHECKIN, side, answers,
                                 session.held_at or at(0), session=session,
                                 delay_hours=delay_hours)

    async def self_efficacy(self, program: Program, dyad: Dyad, coachee: Person,
                            kind: PromptKind, values: list[float] | None, day: int) -> Prompt:
        answers = dict(zip(SE_ITEMS, values, strict=True)) if values is not None else None
        return await self.prompt(program, dyad, coachee, kind, Role.COACHEE, answers, at(day))

    async def nudge(self, dyad: Dyad, coach: Person, session: CoachingSession, d: float,
                    rule: str | None, fired: bool, outcome: NudgeOutcome) -> None:
        decision = NudgeDecision(dyad_id=dyad.id, session_id=session.id, fired=fired, rule=rule,
                                 d=d, details={"d": d})
        self.s.add(decision)
        await self.s.flush()
        if fired:
            sent = (session.held_at or at(0)) + timedelta(hours=6)
            self.s.add(Nudge(decision_id=decision.id, dyad_id=dyad.id, session_id=session.id,
                             coach_id=coach.id, rule=rule or "", kind="verify",
                             numbers={"d": d}, due_at=sent, sent_at=sent, outcome=outcome,
                             outcome_at=None if outcome == NudgeOutcome.PENDING else sent))


def matching(i: int, n_dyads: int) -> dict[str, object]:
    """Pair-level fields as a roster import leaves them; the last dyad's gender was blank.

    Of 12 dyads: gender differs in two (too few to show), background is the same in D01, D03,
    D05, D07, D09 (five of the ten complete dyads), the age gap grows with the dyad's number.
    """
    fields: dict[str, object] = {"same_background": i % 2 == 0 and i < 10,
                                 "age_gap": float(2 * i + 1)}
    return fields if i == n_dyads - 1 else {"same_gender": i not in (3, 7), **fields}


def _clip(value: float) -> float:
    return float(min(10, max(0, round(value))))


async def build_program(
    session: AsyncSession, *, n_dyads: int = 12, n_sessions: int = 6, seed: int = 7,
    final_se: bool = True, mood: bool = True, closed: bool = False, attributes: bool = False,
) -> int:
    """A program like a real cohort: n dyads over 4 coaches, weekly sessions, some expiries.

    With `attributes`, every coachee gets the five-attribute check at day 120; one in four lets
    it expire, and the others rate each attribute near their alliance level.
    """
    rng = random.Random(seed)
    w = ProgramWriter(session)
    program = await w.program(closed=closed)
    await w.person(program, Role.LEAD, "Léa Lead-Roy")
    coaches = [await w.person(program, Role.COACH, f"Coach Amélie Tremblay {i}")
               for i in range(4)]
    nudged = 0
    for i in range(n_dyads):
        coachee = await w.person(program, Role.COACHEE, f"Coachee Zoë Gagnon {i}")
        coach = coaches[i % 4]
        dyad = await w.dyad(program, coach, coachee, f"D{i + 1:02d}", matching(i, n_dyads))
        level, bias = rng.uniform(5.5, 8.5), rng.gauss(0, 1.2)
        se_pre = [_clip(rng.uniform(4, 7)) for _ in SE_ITEMS]
        await w.self_efficacy(program, dyad, coachee, PromptKind.BASELINE_SE, se_pre, 1)
        last_nudge = -10
        for k in range(1, n_sessions + 1):
            held = await w.session(dyad, k, 7 * k + i % 3)
            coachee_level = level + 0.15 * k
            expired_coachee = (i * n_sessions + k) % 11 == 0
            expired_coach = (i * n_sessions + k) % 13 == 0
            ce = None if expired_coachee else [_clip(coachee_level + rng.gauss(0, 0.7))
                                               for _ in CHECKIN_COACHEE]
            co = None if expired_coach else [_clip(coachee_level + bias + rng.gauss(0, 0.7))
                                             for _ in CHECKIN_COACH]
            p = await w.checkin(program, dyad, coachee, Role.COACHEE, held, ce,
                                delay_hours=1 + (i + k) % 20)
            if ce is not None and k == 2:
                session.add(Comment(prompt_id=p.id, author_id=coachee.id, text=COMMENT))
            await w.checkin(program, dyad, coach, Role.COACH, held, co,
                            predicted=_clip(coachee_level), delay_hours=2 + (i * k) % 30)
            if mood and i % 2 == 0:
                await w.prompt(program, dyad, coach, PromptKind.MOOD, Role.COACH,
                               {"mood": _clip(6 + bias + rng.gauss(0, 1))},
                               at(7 * k + i % 3, 8), session=held)
            if ce is None or co is None:
                continue
            d = sum(co) / len(co) - sum(ce) / len(ce)
            fire = d >= 0.5 and k - last_nudge >= 2
            rule = "overestimation" if fire else ("underestimation" if d <= -1.5 else None)
            await w.nudge(dyad, coach, held, d, rule, fire, OUTCOMES[nudged % 4])
            if fire:
                nudged, last_nudge = nudged + 1, k
        if attributes:
            ratings = None if i % 4 == 3 else {
                name: _clip(level + shift + rng.gauss(0, 0.6))
                for name, shift in zip(ATTRIBUTE_ITEMS, (0.5, -1.5, 0.0, -0.5, 1.0), strict=True)}
            await w.prompt(program, dyad, coachee, PromptKind.FIVE_ATTRIBUTES, Role.COACHEE,
                           ratings, at(120))
        if final_se and i % 6 != 5:
            growth = 0.8 - 0.35 * bias
            se_post = [_clip(v + growth + rng.gauss(0, 0.5)) for v in se_pre]
            await w.self_efficacy(program, dyad, coachee, PromptKind.FINAL_SE, se_post, 240)
    await session.flush()
    return program.id
