"""/mystats: a coach's own aggregate trends, never a coachee's answers."""

from __future__ import annotations

from sqlalchemy import select
from telegram import Update
from telegram.ext import CommandHandler, filters

from alliance.coaches.patterns import MIN_SESSIONS, CoachPatterns, coach_patterns
from alliance.coaches.stats import coach_stats
from alliance.core.models import Membership, Role
from alliance.reporting.analysis.formatting import num
from bot.transactional import transactional
from bot.turn import Turn
from bot.types import AnyApplication, Context


@transactional
async def show_my_stats(update: Update, context: Context, turn: Turn) -> None:
    person = turn.person
    is_coach = person is not None and await turn.db.scalar(
        select(Membership.id)
        .where(Membership.person_id == person.id, Membership.role == Role.COACH)
        .limit(1)
    )
    if person is None or not is_coach:
        turn.say("mystats.only_coaches")
        return
    stats = await coach_stats(session=turn.db, coach_id=person.id)
    lines = [
        turn.t("mystats.title"),
        "",
        turn.t(
            "mystats.counts",
            coachees=stats.coachees,
            sessions=stats.sessions_held,
            answered=stats.checkins_answered,
            sent=stats.checkins_sent,
        ),
        "",
    ]
    if stats.own_alliance_by_month:
        lines.append(turn.t("mystats.own_trend"))
        lines.extend(
            turn.tn("mystats.own_month", count, month=month, mean=num(mean, 1, turn.lang))
            for month, mean, count in stats.own_alliance_by_month
        )
    else:
        lines.append(turn.t("mystats.no_ratings"))
    outcomes = stats.nudges_by_outcome
    lines += [
        "",
        turn.t(
            "mystats.nudges",
            total=stats.nudges_received,
            talked=outcomes.get("talked", 0),
            will_ask=outcomes.get("will_ask", 0),
            not_now=outcomes.get("not_now", 0),
            pending=outcomes.get("pending", 0),
        ),
        "",
        *_pattern_lines(turn, await coach_patterns(session=turn.db, coach_id=person.id)),
        turn.t("mystats.note"),
    ]
    turn.outbox.reply("\n".join(lines))


def _pattern_lines(turn: Turn, patterns: CoachPatterns) -> list[str]:
    """The coach's own accuracy and mood patterns in words, or how many sessions are still due."""
    n, mood_n = patterns.prediction_sessions, patterns.mood_sessions
    if patterns.bias is None or patterns.tracking is None:
        lines = [turn.t("mystats.reading_wait", min=MIN_SESSIONS, n=n)]
    else:
        lines = [turn.t("mystats.reading", n=n), turn.t(f"mystats.bias.{patterns.bias}"),
                 turn.t(f"mystats.tracking.{patterns.tracking}")]
    if patterns.mood is not None:
        lines.append(turn.t(f"mystats.mood.{patterns.mood}", n=mood_n))
    elif mood_n:
        lines.append(turn.t("mystats.mood_wait", min=MIN_SESSIONS, n=mood_n))
    return [*lines, turn.t("mystats.patterns_note"), ""]


def register(application: AnyApplication) -> None:
    application.add_handler(
        CommandHandler("mystats", show_my_stats, filters=filters.ChatType.PRIVATE)
    )
