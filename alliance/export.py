"""Pseudonymised CSV/XLSX export of one program, with a codebook for every column.

Identifiers are keyed hashes (HMAC-SHA256, cut to 10 hex digits) with the operator's
`ALLIANCE_PSEUDONYM_KEY` or else the random key kept in the database (`alliance.pseudonym_keys`):
stable for one key, unlinkable to people without it, and different between programs and
installations. The codebook says which key was used. No names,
Telegram ids or free-text comments are exported; they are never even loaded.

`dyads.csv` holds only dyads with every analysis value (both alliance means and both
self-efficacy scores), because `alliance analyze` refuses empty cells; `dyads_all.csv` holds
every dyad with empty cells where a value is missing (an interim export, a dropped-out coachee).
Both feed `alliance analyze --dyads`, the first as is, the second once its gaps are handled.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.analysis.dataset import ProgramData, load_program_data
from alliance.pseudonym_keys import ExportKey

__all__ = ["CODEBOOK", "export_program", "pseudonym", "write_export"]

_TIME = "date-time (UTC, ISO 8601)"
_ID_D = ("string", "d- + 10 hex digits",
         "Pseudonymous dyad id (keyed hash of the program and dyad).")
_ID_C = ("string", "c- + 10 hex digits", "Pseudonymous coach id, to group dyads by coach in "
         "multilevel models. Never a ranking of coaches.")
_SESSION = ("integer", "1, 2, …", "Session number within the dyad.")
_SIDE = ("string", "coach | coachee", "Who answered.")
_ITEM = ("string", "item id", "Questionnaire item (see the instrument file for its wording).")
_KIND = ("string", "checkin | baseline_se | final_se | end_alliance | mood | five_attributes",
         "Which questionnaire the answer belongs to.")
_DYAD_COLUMNS = {
    "dyad_id": _ID_D,
    "coach_id": _ID_C,
    "coach_alliance": ("number", "{alliance}", "Coach's alliance score (mean of goal, task, bond, "
                       "overall), averaged over the sessions where both sides answered."),
    "coachee_alliance": ("number", "{alliance}", "Coachee's alliance score, averaged over the "
                         "same sessions."),
    "se_pre": ("number", "{se}", "Coachee's self-efficacy at baseline (mean of the items)."),
    "se_post": ("number", "{se}", "Coachee's self-efficacy at the end of the program."),
    "n_sessions": ("integer", "count", "Sessions held."),
    "n_checkin_pairs": ("integer", "count", "Sessions where both sides answered the check-in."),
    "coach_end_alliance": ("number", "{alliance}", "Coach's end-of-program alliance rating; not "
                           "used by the analysis (it has no coachee counterpart)."),
    "d": ("number", "difference", "coach_alliance − coachee_alliance."),
}
CODEBOOK: dict[str, dict[str, tuple[str, str, str]]] = {
    "dyads.csv": _DYAD_COLUMNS,
    "dyads_all.csv": _DYAD_COLUMNS,
    "sessions.csv": {
        "dyad_id": _ID_D,
        "coach_id": _ID_C,
        "session": _SESSION,
        "coach_alliance": ("number", "{alliance}", "Coach's alliance score at this session."),
        "coachee_alliance": ("number", "{alliance}", "Coachee's alliance score at this session."),
        "coach_predicted": ("number", "{alliance}", "Coach's guess of the coachee's rating; not "
                            "part of the alliance score."),
        "coach_mood": ("number", "0–10", "Coach's mood before the session (optional module)."),
        "d": ("number", "difference", "coach_alliance − coachee_alliance at this session."),
        "held_on": ("date", "YYYY-MM-DD (UTC)", "Day the session was held."),
    },
    "checkins.csv": {
        "dyad_id": _ID_D,
        "session": _SESSION,
        "side": _SIDE,
        "item": _ITEM,
        "value": ("number", "{alliance}", "The answer (scale of the item)."),
        "answered_at": ("datetime", _TIME, "When the answer was given."),
    },
    "questionnaires.csv": {
        "questionnaire": _KIND,
        "dyad_id": _ID_D,
        "session": ("integer", "1, 2, … or empty", "Session (mood only)."),
        "side": _SIDE,
        "item": _ITEM,
        "value": ("number", "scale of the item", "The answer."),
        "answered_at": ("datetime", _TIME, "When the answer was given."),
    },
    "prompts.csv": {
        "questionnaire": _KIND,
        "side": _SIDE,
        "state": ("string", "pending | sent | answered | expired | cancelled", "Outcome."),
        "dyad_id": ("string", "d- + 10 hex digits, or empty", "Dyad the prompt concerns."),
        "session": ("integer", "1, 2, … or empty", "Session, for session prompts."),
        "due_at": ("datetime", _TIME, "When the prompt was due."),
        "sent_at": ("datetime", _TIME, "When it was delivered (empty: never)."),
        "reminded_at": ("datetime", _TIME, "When a reminder went out (empty: none)."),
        "expires_at": ("datetime", _TIME, "When it stops accepting answers."),
        "answered_at": ("datetime", _TIME, "When it was answered (empty: not answered)."),
        "hours_to_answer": ("number", "hours", "answered_at − sent_at."),
    },
    "nudges.csv": {
        "dyad_id": _ID_D,
        "coach_id": _ID_C,
        "session": ("integer", "1, 2, …", "Session whose check-in pair triggered the nudge."),
        "rule": ("string", "rule name", "Discrepancy rule that fired."),
        "kind": ("string", "nudge kind", "What the coach was asked to do."),
        "d": ("number", "difference", "D at the triggering session."),
        "sent_at": ("datetime", _TIME, "When the nudge reached the coach (empty: not yet)."),
        "outcome": ("string", "pending | will_ask | talked | not_now", "The coach's answer."),
        "outcome_at": ("datetime", _TIME, "When the coach answered."),
    },
    "decisions.csv": {
        "dyad_id": _ID_D,
        "session": _SESSION,
        "fired": ("boolean", "true | false", "Whether a nudge was sent."),
        "rule": ("string", "rule name or empty", "Rule that fired, or was only logged."),
        "d": ("number", "difference", "D at this session."),
        "decided_at": ("datetime", _TIME, "When the decision was made."),
    },
}


def pseudonym(key: bytes, program_id: int, kind: str, label: str) -> str:
    """`d-`/`c-` + 10 hex digits of HMAC-SHA256(key, "program:kind:label")."""
    digest = hmac.new(key, f"{program_id}:{kind}:{label}".encode(), hashlib.sha256).hexdigest()
    return f"{kind[0]}-{digest[:10]}"


async def export_program(
    session: AsyncSession, program_id: int, out_dir: Path, key: ExportKey
) -> list[Path]:
    """Load one program and write its export files into `out_dir`; returns the paths written."""
    data = await load_program_data(session, program_id)
    return await asyncio.to_thread(write_export, data, Path(out_dir), key)


def write_export(
    data: ProgramData, out_dir: Path, key: ExportKey, xlsx: bool = True
) -> list[Path]:
    """Write every CSV, the codebook (CSV and Markdown) and, optionally, one XLSX workbook."""
    out_dir.mkdir(parents=True, exist_ok=True)
    tables = _tables(data, lambda kind, label: pseudonym(key.secret, data.program_id, kind,
                                                         label))
    scales = {"alliance": _scale(data.alliance_scale), "se": _scale(data.se_scale)}
    codebook = pd.DataFrame(
        [(name, column, kind, scale.format(**scales), meaning)
         for name, columns in CODEBOOK.items()
         for column, (kind, scale, meaning) in columns.items()],
        columns=["file", "column", "type", "scale", "meaning"],
    )
    written = []
    for name, frame in tables.items():
        frame.to_csv(out_dir / name, index=False, lineterminator="\n", float_format="%.10g")
        written.append(out_dir / name)
    codebook.to_csv(out_dir / "codebook.csv", index=False, lineterminator="\n")
    (out_dir / "codebook.md").write_text(_markdown(data, codebook, key), encoding="utf-8")
    written += [out_dir / "codebook.csv", out_dir / "codebook.md"]
    if xlsx:
        with pd.ExcelWriter(out_dir / "export.xlsx", engine="openpyxl") as book:
            for name, frame in [*tables.items(), ("codebook", codebook)]:
                frame.to_excel(book, sheet_name=name.removesuffix(".csv"), index=False)
        written.append(out_dir / "export.xlsx")
    return written


def _tables(data: ProgramData, hashed: Callable[[str, str], str]) -> dict[str, pd.DataFrame]:
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

    dyads = data.dyads.rename(columns={"D": "d"})
    sessions = data.paired_sessions().rename(columns={"D": "d"})
    sessions["held_on"] = sessions["held_at"].dt.strftime("%Y-%m-%d").fillna("")
    answers = data.answers.rename(columns={"kind": "questionnaire"})
    checkins = answers[answers["questionnaire"] == "checkin"]
    decisions = data.decisions.assign(fired=data.decisions["fired"].map({True: "true",
                                                                         False: "false"}))
    return {
        "dyads.csv": shaped("dyads.csv", data.complete_dyads().rename(columns={"D": "d"})),
        "dyads_all.csv": shaped("dyads_all.csv", dyads),
        "sessions.csv": shaped("sessions.csv", sessions.drop(columns="held_at")),
        "checkins.csv": shaped("checkins.csv", checkins),
        "questionnaires.csv": shaped("questionnaires.csv",
                                     answers[answers["questionnaire"] != "checkin"]),
        "prompts.csv": shaped("prompts.csv", data.prompts.rename(columns={"kind":
                                                                          "questionnaire"})),
        "nudges.csv": shaped("nudges.csv", data.nudges),
        "decisions.csv": shaped("decisions.csv", decisions),
    }


def _scale(bounds: tuple[float, float]) -> str:
    return f"{bounds[0]:g}–{bounds[1]:g}"


def _markdown(data: ProgramData, codebook: pd.DataFrame, key: ExportKey) -> str:
    """The codebook as a document a researcher can read before opening the files."""
    lines = [
        "# Coach Alliance export — codebook",
        "",
        f"Program {data.program_id}, exported {data.generated_at:%Y-%m-%d %H:%M} UTC "
        f"({'interim' if data.interim else 'final'}).",
        "",
        "- Identifiers are keyed hashes: the same key gives the same ids in every export of this "
        "program; without the key they cannot be traced back to people.",
        f"- Pseudonym key: {key.describe()}.",
        "- No names, Telegram ids or free-text comments are included.",
        "- Empty cell = no value (not asked, not answered, or not yet due).",
        "- `dyads.csv` has only dyads with every analysis value and feeds "
        "`alliance analyze --dyads dyads.csv --sessions sessions.csv` unchanged; "
        "`dyads_all.csv` has every dyad.",
        "- Alliance score = mean of the check-in's scored items (goal, task, bond, overall); the "
        "coach's prediction item is not part of it.",
        "- Ratings are developmental feedback about a relationship, not a measure of any coach's "
        "performance.",
    ]
    for name, rows in codebook.groupby("file", sort=False):
        lines += ["", f"## {name}", "", "| column | type | scale | meaning |", "|---|---|---|---|"]
        lines += [f"| `{r.column}` | {r.type} | {r.scale} | {r.meaning} |"
                  for r in rows.itertuples()]
    return "\n".join(lines) + "\n"
