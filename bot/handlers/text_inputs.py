"""Who takes the free text a conversation waits for, by the name `await_text` armed it with.

One table instead of registration by decoration, so a reader sees every typed input the bot
accepts and which handler gets it; `fallbacks` hands a plain message to the one awaited.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.conversation import TextInputHandler
from bot.handlers import checkins, invite_link, lead, lead_settings, roster_edits, zones

TEXT_INPUTS: Mapping[str, TextInputHandler] = {
    checkins.COMMENT_INPUT: checkins.comment_written,
    zones.TYPED: zones.zone_typed,
    "lead.program_name": lead.program_name_given,
    "lead.program_timezone": lead.timezone_typed,
    "lead.program_dates": lead.dates_typed,
    "lead.invitee_name": invite_link.invitee_name_given,
    "lead.rename": roster_edits.new_name_given,
    "lead.setting_value": lead_settings.value_typed,
}
