"""Roster import: a CSV of people, roles and coach assignments → one invite each, all or nothing.

Columns: `key,name,role,coach` plus optional similarity columns `gender,age,background` and an
optional `timezone` (a city or zone name; empty: the program's zone).
`key` is any label unique in the file; a coachee's `coach` is the key of a coach row in the same
file or the person id of a coach already in the program.
"""

from __future__ import annotations

import contextlib
import csv
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from alliance.core.models import Role
from alliance.core.zones import UnknownTimeZone, timezone_named
from alliance.enrolment.invites import IssuedInvite, issue_invite

REQUIRED_COLUMNS = ("key", "name", "role")
SIMILARITY_COLUMNS = ("gender", "age", "background")


class RosterError(ValueError):
    """A roster problem, naming the file and line so the lead can fix it."""


@dataclass(frozen=True)
class RosterRow:
    line: int
    key: str
    name: str
    role: Role
    coach: str | None
    traits: dict[str, str] = field(default_factory=dict)
    timezone: str | None = None


def parse_roster(path: Path) -> list[RosterRow]:
    """Read and check every row before anything is written."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise RosterError(f"{path}: cannot read ({exc.strerror})") from None
    reader = csv.DictReader(text.splitlines())
    columns = [c.strip() for c in reader.fieldnames or []]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise RosterError(f"{path}: line 1: missing column(s) {', '.join(missing)}")
    rows: list[RosterRow] = []
    keys: dict[str, RosterRow] = {}
    for line, raw in enumerate(reader, start=2):
        record = {k.strip(): (v or "").strip() for k, v in raw.items() if k}
        if not any(record.values()):
            continue
        key, name, role_text = record["key"], record["name"], record["role"].lower()
        if not key or not name:
            raise RosterError(f"{path}: line {line}: key and name are required")
        if key in keys:
            raise RosterError(f"{path}: line {line}: key {key!r} already used on line "
                              f"{keys[key].line}")
        try:
            role = Role(role_text)
        except ValueError:
            raise RosterError(
                f"{path}: line {line}: role must be lead, coach or coachee, not {role_text!r}"
            ) from None
        coach = record.get("coach") or None
        if role == Role.COACHEE and not coach:
            raise RosterError(f"{path}: line {line}: a coachee needs a coach")
        if role != Role.COACHEE and coach:
            raise RosterError(f"{path}: line {line}: only coachees name a coach")
        traits = {c: record[c] for c in SIMILARITY_COLUMNS if record.get(c)}
        try:
            zone = timezone_named(record["timezone"]) if record.get("timezone") else None
        except UnknownTimeZone as exc:
            raise RosterError(f"{path}: line {line}: {exc}") from None
        row = RosterRow(line, key, name, role, coach, traits, zone)
        keys[key] = row
        rows.append(row)
    for row in rows:
        if row.coach and not row.coach.isdigit():
            target = keys.get(row.coach)
            if target is None or target.role != Role.COACH:
                raise RosterError(
                    f"{path}: line {row.line}: coach {row.coach!r} is not a coach row's key"
                )
    if not rows:
        raise RosterError(f"{path}: no people in the file")
    return rows


def similarity(coach: RosterRow | None, coachee: RosterRow) -> dict[str, object]:
    """Coach–coachee matching fields for the optional similarity analysis.

    Only this pair-level result is stored; each person's own gender, age and background are
    dropped here, so no lead view, report or export can ever show them.
    """
    if coach is None:
        return {}
    result: dict[str, object] = {}
    for trait in ("gender", "background"):
        if trait in coach.traits and trait in coachee.traits:
            result[f"same_{trait}"] = coach.traits[trait].lower() == coachee.traits[trait].lower()
    with contextlib.suppress(KeyError, ValueError):
        result["age_gap"] = abs(float(coach.traits["age"]) - float(coachee.traits["age"]))
    return result


async def import_roster(
    session: AsyncSession,
    *,
    program_id: int,
    rows: list[RosterRow],
    ttl: timedelta,
    now: datetime | None = None,
) -> list[tuple[RosterRow, IssuedInvite]]:
    """Issue the invites: leads and coaches first so coachees can name their coach."""
    by_key = {row.key: row for row in rows}
    person_of: dict[str, int] = {}
    issued: list[tuple[RosterRow, IssuedInvite]] = []
    for row in sorted(rows, key=lambda r: r.role == Role.COACHEE):
        coach_id = None
        if row.coach:
            coach_id = int(row.coach) if row.coach.isdigit() else person_of[row.coach]
        invite = await issue_invite(
            session=session,
            program_id=program_id,
            role=row.role,
            name=row.name,
            ttl=ttl,
            coach_id=coach_id,
            similarity=similarity(by_key.get(row.coach or ""), row),
            now=now,
        )
        invite.person.timezone = row.timezone
        person_of[row.key] = invite.person.id
        issued.append((row, invite))
    return issued
