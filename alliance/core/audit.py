"""The append-only audit log: what happened, by whom — never answer values or free text."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from alliance.core.models import AuditEvent


def record(
    session: AsyncSession,
    action: str,
    *,
    actor_id: int | None = None,
    program_id: int | None = None,
    subject: str | None = None,
    **details: Any,
) -> None:
    """Add an audit event to the caller's transaction, so it lands or rolls back with the change."""
    session.add(
        AuditEvent(
            action=action,
            actor_id=actor_id,
            program_id=program_id,
            subject=subject,
            details=details,
        )
    )
