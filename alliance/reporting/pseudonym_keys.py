"""The key `alliance export` hashes identifiers with: the operator's, or one kept per database.

A constant default would make pseudonyms the same in every installation, so anyone could
recompute them. Without `ALLIANCE_PSEUDONYM_KEY` the first export draws 256 random bits and
stores them in `pseudonym_keys`; later exports of this database reuse them, so ids stay stable.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.core.config import Settings
from alliance.core.models import PseudonymKey

__all__ = ["ExportKey", "KeySource", "export_key"]

_KEY_ROW = 1


class KeySource(StrEnum):
    SETTING = "ALLIANCE_PSEUDONYM_KEY"
    DATABASE = "database"


@dataclass(frozen=True)
class ExportKey:
    """The HMAC key and where it came from (the codebook says which)."""

    secret: bytes
    source: KeySource
    created_at: datetime | None = None

    def __repr__(self) -> str:  # never print the key itself
        return f"ExportKey(source={self.source.value})"

    def describe(self) -> str:
        if self.source is KeySource.SETTING:
            return ("set by the operator in ALLIANCE_PSEUDONYM_KEY; the same key gives the same "
                    "ids in every export, also from another database")
        made = f" on {self.created_at:%Y-%m-%d}" if self.created_at else ""
        return (f"drawn at random for this database{made} and kept in it (table pseudonym_keys), "
                "because ALLIANCE_PSEUDONYM_KEY is not set; exports of this database share ids, "
                "other installations get different ones")


async def export_key(session: AsyncSession, settings: Settings) -> ExportKey:
    """The operator's key if set, else this database's own, created on first use."""
    if settings.alliance_pseudonym_key is not None:
        return ExportKey(settings.alliance_pseudonym_key.get_secret_value().encode(),
                         KeySource.SETTING)
    row = await session.get(PseudonymKey, _KEY_ROW)
    if row is None:
        try:
            async with session.begin_nested():
                session.add(PseudonymKey(id=_KEY_ROW, key_hex=secrets.token_hex(32)))
        except IntegrityError:  # another export created it at the same moment: use theirs
            pass
        row = await session.scalar(select(PseudonymKey).where(PseudonymKey.id == _KEY_ROW))
        assert row is not None
    return ExportKey(bytes.fromhex(row.key_hex), KeySource.DATABASE, row.created_at)
