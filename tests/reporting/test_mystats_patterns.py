"""A coach's own accuracy and mood patterns for /mystats: categories from their own dyads only."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from alliance.coaches.patterns import MIN_SESSIONS, coach_patterns, describe
from alliance.core.models import Membership, Role
from alliance.reporting.analysis.dataset import load_program_data

from .builders import build_program


def rows(values: list[tuple[float, float]], dyads: int = 2) -> list[tuple[int, float, float]]:
    return [(i % dyads, x, y) for i, (x, y) in enumerate(values)]


def test_nothing_is_said_before_six_sessions() -> None:
    few = rows([(9, 3)] * (MIN_SESSIONS - 1))
    patterns = describe(few, few)
    assert (patterns.bias, patterns.tracking, patterns.mood) == (None, None, None)
    assert patterns.prediction_sessions == MIN_SESSIONS - 1


def test_guesses_above_the_ratings_read_higher_and_below_lower() -> None:
    assert describe(rows([(9, 3), (8, 4), (9, 2), (8, 3), (9, 4), (8, 2)]), []).bias == "higher"
    assert describe(rows([(3, 9), (4, 8), (2, 9), (3, 8), (4, 9), (2, 8)]), []).bias == "lower"


def test_guesses_that_scatter_around_the_ratings_read_close() -> None:
    mixed = rows([(8, 7), (6, 7), (7.5, 7), (6.5, 7), (8, 7.5), (7, 7.5)])
    assert describe(mixed, []).bias == "close"


def test_tracking_follows_the_ups_and_downs_within_each_dyad_not_the_level() -> None:
    # dyad 0 sits around 3, dyad 1 around 8: guesses that move with each session track closely
    moving = [(0, 3, 3), (0, 5, 5), (0, 4, 4), (1, 7, 8), (1, 9, 9), (1, 8, 7.5)]
    assert describe(moving, []).tracking == "closely"
    against = [(0, 5, 3), (0, 3, 5), (0, 4, 4), (1, 9, 7), (1, 7, 9), (1, 8, 8)]
    assert describe(against, []).tracking == "hardly"
    flat = [(0, 5, 4), (0, 3, 4), (0, 4, 4), (1, 9, 8), (1, 7, 8), (1, 8, 8)]
    assert describe(flat, []).tracking == "steady"


def test_mood_reads_higher_only_when_the_within_dyad_slope_is_clear() -> None:
    better_days = [(d, m, 5 + 0.5 * m + 0.01 * i) for i, (d, m) in
                   enumerate([(0, 4), (0, 6), (0, 8), (1, 3), (1, 5), (1, 7), (1, 9)])]
    assert describe([], better_days).mood == "higher"
    noise = [(0, 4, 7), (0, 6, 6), (0, 8, 7), (1, 3, 6), (1, 5, 7), (1, 7, 6), (1, 9, 7)]
    assert describe([], noise).mood == "none"


@pytest.mark.parametrize("coach_index", [0, 1])
async def test_patterns_come_from_the_coachs_own_dyads(in_transaction, coach_index: int) -> None:
    async def read(session):  # type: ignore[no-untyped-def]
        program_id = await build_program(session)
        coaches = list(await session.scalars(
            select(Membership.person_id).where(Membership.role == Role.COACH)
            .order_by(Membership.person_id)))
        data = await load_program_data(session, program_id)
        patterns = await coach_patterns(session=session, coach_id=coaches[coach_index])
        return data, patterns

    data, patterns = await in_transaction(read)
    label = f"C{coach_index + 1:02d}"
    own = data.sessions[data.sessions["coach_id"] == label]
    guessed = own.dropna(subset=["coach_prediction", "coachee_alliance"])
    moods = own.dropna(subset=["coach_mood", "coachee_alliance"])
    assert patterns.prediction_sessions == len(guessed) >= MIN_SESSIONS
    assert patterns.mood_sessions == len(moods)
    assert patterns.bias in ("higher", "lower", "close")
    assert patterns.tracking in ("closely", "partly", "hardly", "steady")
