"""The callback-data protocol: what our buttons carry and the patterns that route a press.

Data are short and structured (`a:<prompt>:<item>:<value>` …), well under Telegram's 64 bytes;
the views in `bot.views` write them and these patterns read them back. A handler still
re-checks everything, because data can be forged.
"""

from __future__ import annotations

import re

from bot.types import Context

# Row ids in callback data have at most 9 digits, so a forged id always fits the database's
# 32-bit integers (a longer one matches no pattern and gets the stale-button reply).
ANSWER = re.compile(r"^a:(\d{1,9}):(\d{1,3}):(-?\d{1,4})$")
COMMENT = re.compile(r"^cm:(\d{1,9}):(add|skip|share|keep)$")
OUTCOME = re.compile(r"^so:(\d{1,9}):(held|cancelled|moved)$")
CONFIRM = re.compile(r"^sc:(\d{1,9}):(y|n)$")
LOG_FOR = re.compile(r"^ss:(\d{1,9})$")
LOG_ANOTHER = re.compile(r"^sl:(\d{1,9}):(\d{1,9})$")
LOG_NOT_ANOTHER = re.compile(r"^sx$")  # also the Cancel of "a session that just ended?"
LOG_CONFIRMED = re.compile(r"^sy:(\d{1,9})$")
LOG_UNDO = re.compile(r"^su:(\d{1,9})$")
PICK_DYAD = re.compile(r"^pc:(\d{1,9})$")
PICK_DAY = re.compile(r"^pd:(\d{1,9}):(\d{8})$")
PICK_TIME = re.compile(r"^ph:(\d{1,9}):(\d{8}):(\d{4})$")
PICK_DURATION = re.compile(r"^pm:(\d{1,9}):(\d{8}):(\d{4}):(\d{1,3})$")
PICK_CANCEL = re.compile(r"^px$")
NUDGE = re.compile(r"^n:(\d{1,9}):(will_ask|talked|not_now)$")


def pressed(context: Context) -> tuple[str, ...]:
    """The groups of the pattern that routed this button press to its handler."""
    assert context.matches, "registered with a pattern, so there is a match"
    return context.matches[0].groups()
