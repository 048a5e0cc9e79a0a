"""What every exported column means, and the wording of every item the program asked.

A researcher opening the files should need nothing else: each column's type, scale and
meaning, the instruments' ids and versions, and each item's text as the coach or the coachee
saw it. The Markdown escapes table characters so the codebook renders as valid tables.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from alliance.core import models as m
from alliance.reporting.analysis.answer_scores import Stored, instrument_for

__all__ = ["CODEBOOK", "instrument_items", "markdown_cell", "markdown_table"]

_TIME = "date-time (UTC, ISO 8601)"
_LOCAL = "date-time (ISO 8601 with offset)"
_ID_D = ("string", "d- + 10 hex digits",
         "Pseudonymous dyad id (keyed hash of the program and dyad).")
_ID_C = ("string", "c- + 10 hex digits", "Pseudonymous coach id, to group dyads by coach in "
         "multilevel models. Never a ranking of coaches.")
_SESSION = ("integer", "1, 2, …", "Session number within the dyad.")
_SIDE = ("string", "coach | coachee", "Who answered.")
_ITEM = ("string", "item id", "Questionnaire item; its wording is in items.csv (and below).")
_KIND = ("string", "checkin | baseline_se | final_se | end_alliance | mood | five_attributes",
         "Which questionnaire the answer belongs to.")
_PROMPT = ("integer", "id", "The prompt (one questionnaire sent to one person) in prompts.csv.")
_UNFINISHED = ("boolean", "true | false", "Part of a questionnaire left unfinished: some items "
               "answered, but fewer than asked or never closed as answered.")
_BOOL = "true | false"
_PAIR_ONLY = ("Only this pair-level result is kept (optional similarity module); the "
              "roster's per-person gender, age and background are not stored or exported.")
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
    **{f"same_{trait}": ("boolean", f"{_BOOL} or empty", f"Coach and coachee gave the same "
                         f"{trait} in the roster (compared at import, ignoring case); empty "
                         f"where either side's {trait} was blank or the dyad was not imported "
                         f"from a roster. {_PAIR_ONLY}")
       for trait in ("gender", "background")},
    "age_gap": ("number", "years, ≥ 0, or empty", "Absolute difference between the coach's and "
                "the coachee's age in the roster; empty where either age was blank or not a "
                f"number. {_PAIR_ONLY}"),
}
_PAIRED = {
    "dyad_id": _ID_D,
    "coach_id": _ID_C,
    "session": _SESSION,
    "coach_alliance": ("number", "{alliance}", "Coach's alliance score at this session."),
    "coachee_alliance": ("number", "{alliance}", "Coachee's alliance score at this session."),
    "coach_prediction": ("number", "{alliance}", "Coach's answer to \"how do you think your "
                         "coachee rated today?\"; not part of the alliance score."),
    "coach_mood": ("number", "0–10", "Coach's mood before the session (optional mood module); "
                   "empty where the coach gave none or the module is off."),
    "d": ("number", "difference", "coach_alliance − coachee_alliance at this session."),
    "held_on": ("date", "YYYY-MM-DD (UTC)", "Day the session was held."),
}
CODEBOOK: dict[str, dict[str, tuple[str, str, str]]] = {
    "dyads.csv": _DYAD_COLUMNS,
    "dyads_all.csv": _DYAD_COLUMNS,
    "sessions.csv": {
        **{k: v for k, v in _PAIRED.items() if k != "held_on"},
        "held_at": ("datetime", _TIME, "When the session was held (or was scheduled to end)."),
        "held_at_local": ("datetime", _LOCAL, "The same moment in the program's time zone (the "
                          "two sides of a session may live by different zones)."),
        "coach_answered": ("boolean", _BOOL, "The coach answered this session's check-in."),
        "coachee_answered": ("boolean", _BOOL, "The coachee answered this session's check-in."),
        "paired": ("boolean", _BOOL, "Both answered: the session enters D and the models."),
    },
    "sessions_paired.csv": _PAIRED,
    "checkins.csv": {
        "prompt_id": _PROMPT,
        "dyad_id": _ID_D,
        "session": _SESSION,
        "side": _SIDE,
        "item": _ITEM,
        "value": ("number", "{alliance}", "The answer (scale of the item)."),
        "answered_at": ("datetime", _TIME, "When the answer was given."),
        "unfinished": _UNFINISHED,
    },
    "questionnaires.csv": {
        "prompt_id": _PROMPT,
        "questionnaire": _KIND,
        "dyad_id": _ID_D,
        "session": ("integer", "1, 2, … or empty", "Session (mood only)."),
        "side": _SIDE,
        "item": _ITEM,
        "value": ("number", "scale of the item", "The answer."),
        "answered_at": ("datetime", _TIME, "When the answer was given."),
        "unfinished": _UNFINISHED,
    },
    "prompts.csv": {
        "prompt_id": _PROMPT,
        "questionnaire": _KIND,
        "instrument_id": ("string", "instrument id", "Instrument asked (see items.csv)."),
        "instrument_version": ("integer", "1, 2, …", "Version of that instrument's file at "
                               "export time."),
        "side": _SIDE,
        "state": ("string", "pending | sent | answered | expired | cancelled", "Outcome."),
        "dyad_id": ("string", "d- + 10 hex digits, or empty", "Dyad the prompt concerns."),
        "session": ("integer", "1, 2, … or empty", "Session, for session prompts."),
        **{f"{name}{suffix}": (kind, scale, f"{meaning}{extra}")
           for name, meaning in (("due_at", "When the prompt was due"),
                                 ("sent_at", "When it was delivered (empty: never)"),
                                 ("reminded_at", "When a reminder went out (empty: none)"),
                                 ("answered_at", "When it was answered (empty: not answered)"),
                                 ("expired_at", "When it closed unanswered (empty: did not)"))
           for suffix, kind, scale, extra in (("", "datetime", _TIME, "."),
                                              ("_local", "datetime", _LOCAL,
                                               ", on the recipient's clock (their own time "
                                               "zone, else the program's)."))},
        "expires_at": ("datetime", _TIME, "When it stops (or stopped) accepting answers."),
        "minutes_to_answer": ("number", "minutes", "answered_at − sent_at (latency)."),
        "items_answered": ("integer", "count", "Items answered."),
        "items_expected": ("integer", "count", "Items this side is asked by the instrument."),
        "unfinished": _UNFINISHED,
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
        "d_next1": ("number", "difference", "D at the dyad's next session both answered "
                    "(empty: none yet)."),
        "d_next2": ("number", "difference", "D at the paired session after that."),
        "coachee_next1": ("number", "{alliance}", "Coachee's alliance score at the next "
                          "paired session."),
        "coachee_next2": ("number", "{alliance}", "Coachee's alliance score at the paired "
                          "session after that."),
    },
    "decisions.csv": {
        "dyad_id": _ID_D,
        "session": _SESSION,
        "fired": ("boolean", _BOOL, "Whether a nudge was sent."),
        "rule": ("string", "rule name or empty", "Rule that fired, or was only logged."),
        "d": ("number", "difference", "D at this session."),
        "decided_at": ("datetime", _TIME, "When the decision was made."),
        "held_by_cooldown": ("boolean", _BOOL, "A rule fired but the per-dyad cooldown held "
                             "the nudge back."),
    },
    "items.csv": {
        "instrument_id": ("string", "instrument id", "Instrument the item belongs to."),
        "instrument_version": ("integer", "1, 2, …", "Version of the instrument file."),
        "item": ("string", "item id", "Item id as used in the answer files."),
        "dimension": ("string", "dimension", "What the item measures (goal, task, bond, …)."),
        "side": _SIDE,
        "scored": ("boolean", _BOOL, "Whether the item enters the score (the coach's prediction "
                   "does not)."),
        "scale_min": ("integer", "number", "Lowest answer."),
        "scale_max": ("integer", "number", "Highest answer."),
        "text_en": ("string", "text", "The item as the person saw it, in English."),
        "text_fr": ("string", "text", "The item as the person saw it, in French."),
    },
}


def instrument_items(used: Iterable[tuple[str | None, str]], stored: Stored) -> pd.DataFrame:
    """One row per item and side of every instrument the program's prompts used, in the
    wording of the program's stored copy (what people were asked, even if the file changed)."""
    rows = []
    seen: set[str] = set()
    for instrument_id, kind in used:
        instrument = instrument_for(instrument_id, m.PromptKind(kind), stored)
        if instrument is None or instrument.id in seen:
            continue
        seen.add(instrument.id)
        for item in instrument.items:
            for side in item.sides:
                text = item.text.get(side) or item.text.get("any")
                rows.append({
                    "instrument_id": instrument.id, "instrument_version": instrument.version,
                    "item": item.id, "dimension": item.dimension, "side": side,
                    "scored": "true" if instrument.counts(item) else "false",
                    "scale_min": item.scale.min, "scale_max": item.scale.max,
                    "text_en": text.en if text else "", "text_fr": text.fr if text else "",
                })
    return pd.DataFrame(rows, columns=list(CODEBOOK["items.csv"]))


def markdown_cell(value: object) -> str:
    """A table cell that cannot break the table: pipes escaped, line breaks flattened."""
    return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def markdown_table(header: list[str], rows: Iterable[Iterable[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(markdown_cell(v) for v in row) + " |" for row in rows]
    return lines
