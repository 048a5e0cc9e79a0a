"""The export's tables from one program's frames: long format, pseudonyms only, UTC and local.

Every prompt is a row with its due, sent, reminded, answered and expired times (UTC and on its
recipient's clock) and its latency; every session held is a row with flags for who answered;
answers say whether their questionnaire was left unfinished.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from alliance.core.models import PromptKind
from alliance.reporting.analysis.answer_scores import instrument_for
from alliance.reporting.analysis.dataset import ProgramData
from alliance.reporting.analysis.follow_through import follow_through_rows
from alliance.reporting.export_codebook import CODEBOOK, instrument_items

__all__ = ["export_tables"]

_BOOL = {True: "true", False: "false"}


def export_tables(data: ProgramData, hashed: Callable[[str, str], str]) -> dict[str, pd.DataFrame]:
    """Every export table, columns in codebook order, identifiers replaced by pseudonyms."""

    def ids(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame.copy()
        if "dyad_id" in frame:
            frame["dyad_id"] = [hashed("dyad", c) if isinstance(c, str) else "" for c in
                                frame["dyad_id"]]
        if "coach_id" in frame:
            frame["coach_id"] = [hashed("coach", c) for c in frame["coach_id"]]
        for column in frame.columns:
            if isinstance(frame[column].dtype, pd.DatetimeTZDtype):
                frame[column] = frame[column].dt.strftime("%Y-%m-%dT%H:%M:%SZ").fillna("")
        return frame

    def shaped(name: str, frame: pd.DataFrame) -> pd.DataFrame:
        return ids(frame)[list(CODEBOOK[name])]

    prompts = _prompts(data)
    unfinished = dict(zip(prompts["prompt_id"], prompts["unfinished"], strict=True))
    answers = data.answers.rename(columns={"kind": "questionnaire"})
    answers["unfinished"] = answers["prompt_id"].map(unfinished).fillna("false")
    checkins = answers[answers["questionnaire"] == "checkin"]
    decisions = data.decisions.assign(fired=data.decisions["fired"].map(_BOOL),
                                      held_by_cooldown=data.decisions["held_by_cooldown"]
                                      .map(_BOOL))
    paired = data.paired_sessions().rename(columns={"D": "d"})
    paired["held_on"] = paired["held_at"].dt.strftime("%Y-%m-%d").fillna("")
    used = prompts[["instrument_id", "questionnaire"]].drop_duplicates().itertuples(index=False)
    return {
        "dyads.csv": shaped("dyads.csv", _dyads(data.complete_dyads())),
        "dyads_all.csv": shaped("dyads_all.csv", _dyads(data.dyads)),
        "sessions.csv": shaped("sessions.csv", _sessions(data)),
        "sessions_paired.csv": shaped("sessions_paired.csv", paired.drop(columns="held_at")),
        "checkins.csv": shaped("checkins.csv", checkins),
        "questionnaires.csv": shaped("questionnaires.csv",
                                     answers[answers["questionnaire"] != "checkin"]),
        "prompts.csv": shaped("prompts.csv", prompts),
        "nudges.csv": shaped("nudges.csv", _nudges(data)),
        "decisions.csv": shaped("decisions.csv", decisions),
        "items.csv": instrument_items(((i, k) for i, k in used), data.instruments),
    }


def _local(times: pd.Series, zones: str | pd.Series) -> pd.Series:
    """UTC times as ISO 8601 in a zone (one for all, or one per row), with the clock's offset.

    Only the offset leaves the export, never the zone's name: it is what a time-of-day analysis
    needs, and a zone's name says where someone lives."""
    per_row = zones if isinstance(zones, pd.Series) else pd.Series(zones, index=times.index)
    return pd.Series([t.tz_convert(z).isoformat() if pd.notna(t) else ""
                      for t, z in zip(times, per_row, strict=True)],
                     index=times.index, dtype=object)


def _dyads(dyads: pd.DataFrame) -> pd.DataFrame:
    """Dyads with the pair-level matching flags as true / false / empty (unknown)."""
    flags = {name: [("" if pd.isna(v) else _BOOL[bool(v)]) for v in dyads[name]]
             for name in ("same_gender", "same_background")}
    return dyads.rename(columns={"D": "d"}).assign(**flags)


def _sessions(data: ProgramData) -> pd.DataFrame:
    """Every session held, paired or not, with who answered."""
    sessions = data.sessions.rename(columns={"D": "d"})
    coach = sessions["coach_alliance"].notna()
    coachee = sessions["coachee_alliance"].notna()
    return sessions.assign(
        held_at_local=_local(sessions["held_at"], data.timezone),
        coach_answered=coach.map(_BOOL), coachee_answered=coachee.map(_BOOL),
        paired=(coach & coachee).map(_BOOL),
    )


def _prompts(data: ProgramData) -> pd.DataFrame:
    """Prompts with local times, latency in minutes, instrument version and an unfinished flag."""
    p = data.prompts.rename(columns={"kind": "questionnaire"})
    p = p.assign(expired_at=p["expires_at"].where(p["state"] == "expired"))
    clocks = p.get("zone", data.timezone)  # each recipient's own clock
    for column in ("due_at", "sent_at", "reminded_at", "answered_at", "expired_at"):
        p[f"{column}_local"] = _local(p[column], clocks)
    p["minutes_to_answer"] = (p["answered_at"] - p["sent_at"]).dt.total_seconds() / 60
    versions = {
        (i, k): getattr(instrument_for(i, PromptKind(k), data.instruments), "version", None)
        for i, k in p[["instrument_id", "questionnaire"]].drop_duplicates().itertuples(
            index=False)
    }
    p["instrument_version"] = pd.array(
        [versions[(i, k)] for i, k in zip(p["instrument_id"], p["questionnaire"], strict=True)],
        dtype="Int64")
    started = p["items_answered"].fillna(0) > 0
    short = p["items_answered"] < p["items_expected"].fillna(0)
    p["unfinished"] = (started & (short.fillna(False) | (p["state"] != "answered"))).map(_BOOL)
    return p


def _nudges(data: ProgramData) -> pd.DataFrame:
    """Each nudge with the gap and the coachee's rating at the dyad's next two paired sessions."""
    after = follow_through_rows(data.sessions, data.nudges, data.decisions.iloc[0:0])
    after = after.rename(columns={"d1": "d_next1", "d2": "d_next2", "coachee1": "coachee_next1",
                                  "coachee2": "coachee_next2"})
    columns = ["dyad_id", "session", "d_next1", "d_next2", "coachee_next1", "coachee_next2"]
    nudges = data.nudges.assign(session=data.nudges["session"].astype("float64"))
    after = after[columns].assign(session=after["session"].astype("float64"))
    merged = nudges.merge(after.drop_duplicates(["dyad_id", "session"]),
                          on=["dyad_id", "session"], how="left")
    return merged.assign(session=merged["session"].astype("Int64"))
