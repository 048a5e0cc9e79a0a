"""One program's rows as tidy DataFrames: the only place the analysis touches the database.

Everything after `load_program_data` works on frames, off the event loop and without a database.
Frames carry pseudonymous labels only (dyad codes "D01", coach labels "C01" by enrolment order);
names, Telegram ids and comments are never read. A dyad's alliance is the mean over the sessions
where *both* sides answered, so D = coach − coachee compares the same sessions; the coach's
end-of-program rating has no coachee counterpart and is kept as `coach_end_alliance` only.
Matching is pair-level only (`same_gender`, `same_background`, `age_gap`): the roster's
per-person gender, age and background are never stored, so they cannot reach a frame.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.core import models as m
from alliance.core.sqlite_driver import in_worker_thread
from alliance.programs.instruments import program_instruments
from alliance.reporting.analysis.answer_scores import (
    DEFAULT_INSTRUMENT,
    DEFAULT_SCALE,
    RATED_KINDS,
    Stored,
    expected_items,
    predicted,
    scale_of,
    score_answers,
)
from alliance.reporting.analysis.pair_similarity import pair_similarity

__all__ = [
    "DEFAULT_SCALE",
    "ProgramData",
    "ProgramNotFoundError",
    "load_program_data",
    "score_answers",
]

class ProgramNotFoundError(LookupError):
    """The program id names no program."""


@dataclass(frozen=True)
class ProgramData:
    """One program's data as frames; `interim` until it is over and its final answers are in."""

    program_id: int
    name: str
    start_date: date
    end_date: date
    closed: bool
    cut_sd: float
    generated_at: datetime
    dyads: pd.DataFrame
    sessions: pd.DataFrame
    prompts: pd.DataFrame
    answers: pd.DataFrame
    nudges: pd.DataFrame
    decisions: pd.DataFrame
    alliance_scale: tuple[float, float] = DEFAULT_SCALE
    se_scale: tuple[float, float] = DEFAULT_SCALE
    modules: Mapping[str, Any] = field(default_factory=dict)
    """The program's optional modules (`mood`, …), so the report shows the sections that are on."""
    timezone: str = "UTC"
    instruments: Stored = field(default_factory=dict)
    """The program's stored instrument copies by reference: wording and versions as asked."""

    @property
    def open_final_questionnaires(self) -> int:
        """End-of-program questionnaires sent or due and still accepting answers."""
        p = self.prompts
        final = p["kind"].isin(("final_se", "end_alliance")) & p["state"].isin(("pending", "sent"))
        still_open = p["expires_at"].isna() | (p["expires_at"] > self.generated_at)
        return int((final & still_open).sum())

    @property
    def interim(self) -> bool:
        """Final only once the program is over (closed or past its end date) and no final
        questionnaire can still come in; a report made before then would change."""
        return not self.over or self.open_final_questionnaires > 0

    @property
    def over(self) -> bool:  # closed by the lead, or past its end date
        return self.closed or self.generated_at.date() >= self.end_date

    @property
    def center(self) -> float:  # the alliance scale's midpoint: the response surface's origin
        return (self.alliance_scale[0] + self.alliance_scale[1]) / 2

    def complete_dyads(self) -> pd.DataFrame:
        """Dyads with both alliance means and both self-efficacy scores: what the ANCOVA needs."""
        needed = ["coach_alliance", "coachee_alliance", "se_pre", "se_post"]
        return self.dyads.dropna(subset=needed).reset_index(drop=True)

    def paired_sessions(self) -> pd.DataFrame:
        """Sessions where both sides answered: what the mixed model needs."""
        paired = self.sessions.dropna(subset=["coach_alliance", "coachee_alliance"])
        return paired.reset_index(drop=True)


@in_worker_thread  # a whole program's rows: SQLite reads them off the event loop
async def load_program_data(
    session: AsyncSession, program_id: int, *, now: datetime | None = None
) -> ProgramData:
    """Read everything the report needs for one program, in a handful of queries."""
    program = await session.get(m.Program, program_id)
    if program is None:
        raise ProgramNotFoundError(f"no program with id {program_id}")
    query = select(m.Dyad).where(m.Dyad.program_id == program_id).order_by(m.Dyad.code, m.Dyad.id)
    dyads = list(await session.scalars(query))
    ids = [d.id for d in dyads]
    in_program = m.CoachingSession.dyad_id.in_(ids)
    sessions = await session.scalars(select(m.CoachingSession).where(in_program))
    prompts = list(await session.scalars(
        select(m.Prompt).where(m.Prompt.program_id == program_id)))
    answers = await session.execute(
        select(m.Answer.prompt_id, m.Answer.item_id, m.Answer.value, m.Answer.answered_at)
        .join(m.Prompt, m.Prompt.id == m.Answer.prompt_id)
        .where(m.Prompt.program_id == program_id)
    )
    decided = select(m.NudgeDecision).where(m.NudgeDecision.dyad_id.in_(ids))
    decisions = list(await session.scalars(decided))
    nudges = list(await session.scalars(select(m.Nudge).where(m.Nudge.dyad_id.in_(ids))))
    stored = {
        reference: instrument
        for (_, reference), instrument in (await program_instruments(session, [program_id])).items()
    }
    recipients = {p.recipient_id for p in prompts}
    people = await session.execute(
        select(m.Person.id, m.Person.timezone).where(m.Person.id.in_(recipients)))
    clocks = {pid: zone or program.timezone for pid, zone in people}  # the zone each one sees
    built = _FrameBuilder(dyads, list(sessions), prompts, answers.all(), stored, clocks)
    session_frame = built.session_frame()
    return ProgramData(
        program_id=program.id,
        name=program.name,
        start_date=program.start_date,
        end_date=program.end_date,
        closed=program.status == m.ProgramStatus.CLOSED,
        cut_sd=float(program.cut_sd),
        generated_at=now or datetime.now(UTC),
        dyads=built.dyad_frame(session_frame),
        sessions=session_frame,
        prompts=built.prompt_frame(),
        answers=built.answer_frame(),
        nudges=built.nudge_frame(nudges, decisions),
        decisions=built.decision_frame(decisions),
        alliance_scale=scale_of(program.checkin_instrument, m.PromptKind.CHECKIN, stored),
        se_scale=scale_of(None, m.PromptKind.BASELINE_SE, stored),
        modules=dict(program.modules or {}),
        timezone=program.timezone,
        instruments=stored,
    )


def _typed(
    rows: list[dict[str, Any]], columns: str, *, counts: str = "", numbers: str = "",
    times: str = "",
) -> pd.DataFrame:
    """Fixed columns and dtypes (counts Int64, numbers float, times UTC), even with no rows."""
    frame = pd.DataFrame(rows, columns=columns.split())
    for name in counts.split():
        frame[name] = frame[name].astype("Int64")
    for name in numbers.split():
        frame[name] = frame[name].astype("float64")
    for name in times.split():
        frame[name] = pd.Series(pd.to_datetime(list(frame[name]), utc=True),
                                dtype="datetime64[ns, UTC]")
    return frame


def _value(member: Any) -> str:
    return str(getattr(member, "value", member))


class _FrameBuilder:
    """Holds the raw rows and the id → label maps shared by every frame."""

    def __init__(
        self, dyads: list[m.Dyad], sessions: list[m.CoachingSession], prompts: list[m.Prompt],
        answers: Sequence[Any], stored: Stored, clocks: Mapping[int, str] | None = None,
    ) -> None:
        self.dyads = dyads
        self.clocks = clocks or {}  # person id → the zone their clock shows
        self.stored = stored
        self.code = {d.id: d.code for d in dyads}
        coaches = sorted({d.coach_id for d in dyads})
        width = max(2, len(str(len(coaches))))
        self.coach_label = {pid: f"C{i:0{width}d}" for i, pid in enumerate(coaches, start=1)}
        self.coach_of = {d.code: self.coach_label[d.coach_id] for d in dyads}
        coachees = Counter(d.coachee_id for d in dyads)
        self.coachee_dyad = {d.coachee_id: d.id for d in dyads if coachees[d.coachee_id] == 1}
        self.sessions = {s.id: s for s in sessions}
        self.number = _session_numbers(sessions)
        self.prompts = sorted(prompts, key=lambda p: p.id)
        self.items: dict[int, dict[str, float]] = {}
        self.answered_at: dict[int, dict[str, datetime]] = {}
        for prompt_id, item_id, value, answered_at in answers:
            self.items.setdefault(prompt_id, {})[item_id] = float(value)
            self.answered_at.setdefault(prompt_id, {})[item_id] = answered_at

    def _dyad_of(self, prompt: m.Prompt) -> int | None:
        if prompt.dyad_id is not None:
            return prompt.dyad_id
        if prompt.session_id in self.sessions:
            return self.sessions[prompt.session_id].dyad_id
        if prompt.side == m.Role.COACHEE:
            return self.coachee_dyad.get(prompt.recipient_id)
        return None

    def _where(self, prompt: m.Prompt) -> tuple[str | None, int | None]:
        """The prompt's dyad code and session number, as shown in every frame."""
        dyad = self._dyad_of(prompt)
        code = self.code.get(dyad) if dyad is not None else None
        return code, self.number.get(prompt.session_id) if prompt.session_id else None

    def _scored(self, kind: m.PromptKind) -> dict[tuple[int | None, int | None, str], m.Prompt]:
        """Answered prompts of one kind keyed by (dyad, session, side); the last answer wins."""
        out: dict[tuple[int | None, int | None, str], m.Prompt] = {}
        chosen = [p for p in self.prompts if p.kind == kind and p.id in self.items]
        for p in sorted(chosen, key=lambda p: (p.answered_at or p.created_at, p.id)):
            out[(self._dyad_of(p), p.session_id, _value(p.side))] = p
        return out

    def _score(self, prompt: m.Prompt | None) -> float:
        if prompt is None:
            return np.nan
        value = score_answers(
            m.PromptKind(prompt.kind), prompt.instrument_id, self.items[prompt.id], prompt.side,
            self.stored,
        )
        return np.nan if value is None else value

    def session_frame(self) -> pd.DataFrame:
        checkins = self._scored(m.PromptKind.CHECKIN)
        moods = self._scored(m.PromptKind.MOOD)
        answered = {sid for (_, sid, _) in checkins}
        rows = []
        for s in self.sessions.values():
            # Answers say it took place, unless the coach undid it as logged by mistake.
            held = s.status == m.SessionStatus.HELD or (
                s.id in answered and s.status != m.SessionStatus.CANCELLED)
            if s.dyad_id not in self.code or not held:
                continue
            coach, code = checkins.get((s.dyad_id, s.id, "coach")), self.code[s.dyad_id]
            rows.append({
                "dyad_id": code,
                "coach_id": self.coach_of[code],
                "session": self.number[s.id],
                "coach_alliance": self._score(coach),
                "coachee_alliance": self._score(checkins.get((s.dyad_id, s.id, "coachee"))),
                "coach_prediction": (
                    predicted(coach.instrument_id, self.items[coach.id], self.stored)
                    if coach
                    else None
                ),
                "coach_mood": self._score(moods.get((s.dyad_id, s.id, "coach"))),
                "held_at": s.held_at or s.scheduled_end,
            })
        frame = _typed(
            rows, "dyad_id coach_id session coach_alliance coachee_alliance coach_prediction "
            "coach_mood held_at", numbers="coach_alliance coachee_alliance coach_prediction "
            "coach_mood", times="held_at",
        )
        frame["session"] = frame["session"].astype("int64")
        frame["D"] = frame["coach_alliance"] - frame["coachee_alliance"]
        return frame.sort_values(["dyad_id", "session"]).reset_index(drop=True)

    def dyad_frame(self, sessions: pd.DataFrame) -> pd.DataFrame:
        paired = sessions.dropna(subset=["coach_alliance", "coachee_alliance"])
        means = paired.groupby("dyad_id")[["coach_alliance", "coachee_alliance"]].mean()
        held = sessions.groupby("dyad_id").size()
        pairs = paired.groupby("dyad_id").size()
        pre = self._scored(m.PromptKind.BASELINE_SE)
        post = self._scored(m.PromptKind.FINAL_SE)
        end = self._scored(m.PromptKind.END_ALLIANCE)
        rows = [
            {
                "dyad_id": d.code,
                "coach_id": self.coach_of[d.code],
                "coach_alliance": means["coach_alliance"].get(d.code, np.nan),
                "coachee_alliance": means["coachee_alliance"].get(d.code, np.nan),
                "se_pre": self._score(pre.get((d.id, None, "coachee"))),
                "se_post": self._score(post.get((d.id, None, "coachee"))),
                "n_sessions": int(held.get(d.code, 0)),
                "n_checkin_pairs": int(pairs.get(d.code, 0)),
                "coach_end_alliance": self._score(end.get((d.id, None, "coach"))),
                "active": bool(d.active),
                **pair_similarity(d.similarity),
            }
            for d in self.dyads
        ]
        frame = _typed(
            rows, "dyad_id coach_id coach_alliance coachee_alliance se_pre se_post n_sessions "
            "n_checkin_pairs coach_end_alliance active same_gender same_background age_gap",
            numbers="coach_alliance coachee_alliance se_pre se_post coach_end_alliance age_gap",
        )
        for name in ("same_gender", "same_background"):
            frame[name] = frame[name].astype("boolean")
        frame["D"] = frame["coach_alliance"] - frame["coachee_alliance"]
        return frame

    def prompt_frame(self) -> pd.DataFrame:
        rows = []
        for p in self.prompts:
            code, number = self._where(p)
            rows.append({
                "prompt_id": p.id, "kind": _value(p.kind), "side": _value(p.side),
                "state": _value(p.state), "dyad_id": code, "session": number,
                "due_at": p.due_at, "sent_at": p.sent_at, "reminded_at": p.reminded_at,
                "expires_at": p.expires_at, "answered_at": p.answered_at,
                "instrument_id": p.instrument_id or _default_id(p.kind),
                "zone": self.clocks.get(p.recipient_id, "UTC"),
                "items_answered": len(self.items.get(p.id, {})),
                "items_expected": expected_items(p.instrument_id, m.PromptKind(p.kind),
                                                 _value(p.side), self.stored),
            })
        frame = _typed(
            rows, "prompt_id kind side state dyad_id session due_at sent_at reminded_at "
            "expires_at answered_at instrument_id zone items_answered items_expected",
            counts="session items_answered items_expected",
            times="due_at sent_at reminded_at expires_at answered_at",
        )
        delay = frame["answered_at"] - frame["sent_at"]
        frame["hours_to_answer"] = delay.dt.total_seconds() / 3600
        return frame

    def answer_frame(self) -> pd.DataFrame:
        """One row per answered item of a rated questionnaire (operational prompts left out)."""
        rows: list[dict[str, Any]] = []
        for p in self.prompts:
            if p.kind not in RATED_KINDS or p.id not in self.items:
                continue
            code, number = self._where(p)
            rows.extend(
                {"prompt_id": p.id, "kind": _value(p.kind), "dyad_id": code, "session": number,
                 "side": _value(p.side), "item": item, "value": value,
                 "answered_at": self.answered_at[p.id][item]}
                for item, value in sorted(self.items[p.id].items())
            )
        return _typed(rows, "prompt_id kind dyad_id session side item value answered_at",
                      counts="session", numbers="value", times="answered_at")

    def decision_frame(self, decisions: list[m.NudgeDecision]) -> pd.DataFrame:
        rows = [
            {"dyad_id": self.code[x.dyad_id], "session": self.number.get(x.session_id),
             "fired": bool(x.fired), "rule": x.rule, "d": x.d, "decided_at": x.created_at,
             "held_by_cooldown": bool((x.details or {}).get("suppressed_by_cooldown"))}
            for x in sorted(decisions, key=lambda x: x.id)
            if x.dyad_id in self.code
        ]
        return _typed(rows, "dyad_id session fired rule d decided_at held_by_cooldown",
                      counts="session",
                      numbers="d", times="decided_at")

    def nudge_frame(self, nudges: list[m.Nudge], decisions: list[m.NudgeDecision]) -> pd.DataFrame:
        d_of = {x.id: x.d for x in decisions}
        rows = [
            {"dyad_id": self.code[n.dyad_id], "coach_id": self.coach_of[self.code[n.dyad_id]],
             "session": self.number.get(n.session_id), "rule": n.rule, "kind": n.kind,
             "d": d_of.get(n.decision_id), "due_at": n.due_at, "sent_at": n.sent_at,
             "outcome": _value(n.outcome), "outcome_at": n.outcome_at}
            for n in sorted(nudges, key=lambda n: n.id)
            if n.dyad_id in self.code
        ]
        return _typed(rows, "dyad_id coach_id session rule kind d due_at sent_at outcome "
                      "outcome_at", counts="session", numbers="d",
                      times="due_at sent_at outcome_at")


def _default_id(kind: Any) -> str | None:
    return DEFAULT_INSTRUMENT.get(m.PromptKind(kind))


def _session_numbers(sessions: list[m.CoachingSession]) -> dict[int, int]:
    """Session number within its dyad: the stored sequence, else the next after those before."""
    numbers: dict[int, int] = {}
    last: dict[int, int] = {}
    order = sorted(sessions, key=lambda s: (s.sequence is None, s.sequence or 0,
                                            s.held_at or s.created_at, s.id))
    for s in order:
        number = s.sequence if s.sequence is not None else last.get(s.dyad_id, 0) + 1
        numbers[s.id] = number
        last[s.dyad_id] = max(last.get(s.dyad_id, 0), number)
    return numbers
