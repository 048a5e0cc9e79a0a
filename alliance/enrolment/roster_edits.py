"""A lead's corrections to the roster: a person's display name, a coachee's coach.

Re-pairing ends the old dyad and starts (or resumes) the one with the new coach. The old
dyad's sessions, check-ins and nudge decisions stay as they were, so the analysis still sees
that pair's history; what was still open between the old pair (questions not answered yet,
sessions planned ahead) is closed. The coachee's own self-efficacy questionnaires are not
about a pair: they move to the new dyad, whose coach sees the program through, so the growth
from baseline to the end is measured once, on the pair that ends the program.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.core.audit import record
from alliance.core.models import (
    CoachingSession,
    Dyad,
    Invite,
    Membership,
    Person,
    PersonState,
    Prompt,
    PromptKind,
    PromptState,
    Role,
    SessionStatus,
)
from alliance.core.typed_text import clean_line
from alliance.delivery.queue import enqueue
from alliance.delivery.queue_model import OutboundKind
from alliance.enrolment.invites import MAX_NAME_LENGTH, next_dyad_code
from alliance.programs.leads import LeadError, lead_program

OWN_QUESTIONNAIRES = (PromptKind.BASELINE_SE, PromptKind.FINAL_SE)  # the coachee's, not the pair's
OPEN_PROMPTS = (PromptState.PENDING, PromptState.SENT)
OPEN_SESSIONS = (SessionStatus.SCHEDULED, SessionStatus.AWAITING_CONFIRMATION)


@dataclass(frozen=True)
class Member:
    person: Person
    roles: tuple[Role, ...]


@dataclass(frozen=True)
class Repairing:
    coachee: Person
    old_coach: Person
    new_coach: Person
    old_dyad: Dyad
    new_dyad: Dyad
    closed_prompts: int


async def program_members(session: AsyncSession, program_id: int) -> list[Member]:
    """Everyone in the program but erased people, with their roles, by name."""
    rows = await session.execute(
        select(Person, Membership.role)
        .join(Membership, Membership.person_id == Person.id)
        .where(Membership.program_id == program_id, Person.state != PersonState.ERASED)
        .order_by(Person.display_name, Person.id)
    )
    members: dict[int, tuple[Person, list[Role]]] = {}
    for person, role in rows:
        members.setdefault(person.id, (person, []))[1].append(role)
    return [Member(person, tuple(roles)) for person, roles in members.values()]


async def member(session: AsyncSession, program_id: int, person_id: int) -> Member:
    """One member of the program, or LeadError("not_member")."""
    for found in await program_members(session, program_id):
        if found.person.id == person_id:
            return found
    raise LeadError("not_member")


def checked_name(text: str) -> str:
    """A display name as stored: one line, no control characters, 1 to 200 characters."""
    name = clean_line(text)
    if not name or len(name) > MAX_NAME_LENGTH:
        raise LeadError("bad_name")
    return name


async def rename_person(
    session: AsyncSession, *, lead_id: int, program_id: int, person_id: int, name: str
) -> Person:
    """Fix a member's display name; the audit keeps that it changed, not the names."""
    await lead_program(session, lead_id, program_id, open_only=True)
    person = (await member(session, program_id, person_id)).person
    person.display_name = checked_name(name)
    record(session, "person_renamed", actor_id=lead_id, program_id=program_id,
           subject=f"person:{person.id}")
    await session.flush()
    return person


async def current_dyad(session: AsyncSession, program_id: int, coachee_id: int) -> Dyad:
    dyad = await session.scalar(select(Dyad).where(
        Dyad.program_id == program_id, Dyad.coachee_id == coachee_id, Dyad.active.is_(True)
    ).order_by(Dyad.id.desc()).limit(1))
    if dyad is None:
        raise LeadError("not_coachee")
    return dyad


async def _close_open_work(session: AsyncSession, dyad: Dyad) -> int:
    """Questions of the old pair still open are cancelled; planned sessions too."""
    sessions = select(CoachingSession.id).where(CoachingSession.dyad_id == dyad.id)
    closed = await session.execute(
        update(Prompt)
        .where(or_(Prompt.dyad_id == dyad.id, Prompt.session_id.in_(sessions)),
               Prompt.kind.not_in(OWN_QUESTIONNAIRES), Prompt.state.in_(OPEN_PROMPTS))
        .values(state=PromptState.CANCELLED)
    )
    await session.execute(
        update(CoachingSession)
        .where(CoachingSession.dyad_id == dyad.id, CoachingSession.status.in_(OPEN_SESSIONS))
        .values(status=SessionStatus.CANCELLED)
    )
    return int(getattr(closed, "rowcount", 0) or 0)


async def _tell(session: AsyncSession, key: str, recipient: int, text: str, program_id: int,
                now: datetime, **names: int) -> None:
    await enqueue(session, kind=OutboundKind.NOTICE, key=key, recipient_id=recipient,
                  due_at=now, program_id=program_id, payload={"text": text, "names": names})


async def repair_coachee(
    session: AsyncSession, *, lead_id: int, program_id: int, coachee_id: int, coach_id: int,
    now: datetime,
) -> Repairing:
    """Move a coachee to another coach of the program; both coaches and the coachee are told."""
    await lead_program(session, lead_id, program_id, open_only=True)
    coachee = await member(session, program_id, coachee_id)
    coach = await member(session, program_id, coach_id)
    if Role.COACHEE not in coachee.roles:
        raise LeadError("not_coachee")
    if Role.COACH not in coach.roles or coach_id == coachee_id:
        raise LeadError("not_coach")
    old = await current_dyad(session, program_id, coachee_id)
    if old.coach_id == coach_id:
        raise LeadError("same_coach")
    old.active = False
    closed = await _close_open_work(session, old)
    new = await session.scalar(select(Dyad).where(
        Dyad.program_id == program_id, Dyad.coach_id == coach_id, Dyad.coachee_id == coachee_id))
    if new is None:
        new = Dyad(program_id=program_id, coach_id=coach_id, coachee_id=coachee_id,
                   code=await next_dyad_code(session, program_id), similarity={})
        session.add(new)
    new.active = True
    await session.flush()
    await session.execute(
        update(Prompt).where(Prompt.dyad_id == old.id, Prompt.kind.in_(OWN_QUESTIONNAIRES))
        .values(dyad_id=new.id))
    await session.execute(  # a coachee who has not joined yet joins the new pair
        update(Invite).where(Invite.person_id == coachee_id, Invite.program_id == program_id,
                             Invite.used_at.is_(None)).values(coach_id=coach_id))
    stamp = f"{coachee_id}:{now.isoformat()}"
    await _tell(session, f"repair:{stamp}:old", old.coach_id, "repair.notice_old_coach",
                program_id, now, coachee=coachee_id)
    await _tell(session, f"repair:{stamp}:new", coach_id, "repair.notice_new_coach",
                program_id, now, coachee=coachee_id)
    await _tell(session, f"repair:{stamp}:coachee", coachee_id, "repair.notice_coachee",
                program_id, now, coach=coach_id)
    record(session, "coachee_repaired", actor_id=lead_id, program_id=program_id,
           subject=f"person:{coachee_id}", old_dyad=old.code, new_dyad=new.code,
           old_coach=f"person:{old.coach_id}", new_coach=f"person:{coach_id}",
           closed_prompts=closed)
    old_coach = await session.get(Person, old.coach_id)
    assert old_coach is not None
    return Repairing(coachee.person, old_coach, coach.person, old, new, closed)
