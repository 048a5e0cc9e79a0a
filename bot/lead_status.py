"""The words of a lead's `/status`: participation totals always; breakdowns and anything
derived from ratings (nudges) only over enough dyads, with a line saying why when withheld."""

from __future__ import annotations

from alliance.core.confidentiality import MIN_DYADS_SHOWN
from alliance.core.models import Role
from alliance.programs.participation import Participation, PromptTally
from bot.turn import Turn

__all__ = ["status_text"]


def _tally(turn: Turn, tally: PromptTally | None) -> str:
    if tally is None:
        return turn.t("lead.status_hidden", min=MIN_DYADS_SHOWN)
    rate = "–" if tally.rate is None else turn.t("lead.percent", value=round(tally.rate * 100))
    return turn.t(
        "lead.status_tally",
        asked=tally.asked,
        answered=tally.answered,
        expired=tally.expired,
        waiting=tally.waiting,
        rate=rate,
    )


def _questionnaires(turn: Turn, summary: Participation) -> list[str]:
    """The baseline's completion, and the final's once the program has closed: counts only."""
    lines = []
    if summary.baseline is not None:
        b = summary.baseline
        lines.append(turn.t("lead.status_baseline", coachees=b.coachees, answered=b.answered,
                            open=b.open, expired=b.expired))
    if summary.final is not None:
        f = summary.final
        lines.append(turn.t("lead.status_final", coachees=f.coachees, answered=f.answered,
                            open=f.open, expired=f.expired, not_asked=f.not_asked))
    return lines


def status_text(turn: Turn, summary: Participation) -> str:
    """The `/status` message: participation totals always; breakdowns and anything derived
    from ratings (nudges) only over enough dyads, with a line saying why when withheld."""
    people, by_role = summary.people, summary.checkins_by_role
    if summary.nudges_sent is None:
        nudges = turn.t("lead.status_nudges_hidden", min=MIN_DYADS_SHOWN)
    else:
        outcomes = turn.t("lead.status_hidden", min=MIN_DYADS_SHOWN)
        if summary.nudge_outcomes is not None:
            counts = {outcome.value: n for outcome, n in summary.nudge_outcomes.items()}
            outcomes = turn.t("lead.status_outcomes", **counts)
        nudges = turn.t("lead.status_nudges", sent=summary.nudges_sent, outcomes=outcomes)
    return "\n".join(
        [
            turn.t(
                "lead.status_title",
                program=summary.program.name,
                state=turn.t(f"lead.state_{summary.program.status.value}"),
            ),
            turn.t(
                "lead.status_people",
                leads=people[Role.LEAD].enrolled,
                coaches=people[Role.COACH].enrolled,
                coachees=people[Role.COACHEE].enrolled,
                invited=sum(count.invited for count in people.values()),
                dyads=summary.dyads,
            ),
            turn.t("lead.status_checkins", tally=_tally(turn, summary.checkins)),
            turn.t("lead.status_by_coachee", tally=_tally(turn, by_role[Role.COACHEE])),
            turn.t("lead.status_by_coach", tally=_tally(turn, by_role[Role.COACH])),
            nudges,
            *_questionnaires(turn, summary),
            turn.t("lead.status_unconfirmed", count=summary.unconfirmed_sessions),
            turn.t("lead.status_footer", min=MIN_DYADS_SHOWN),
        ]
    )
