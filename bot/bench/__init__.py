"""`alliance bench`: the project's bot against a bare python-telegram-bot bot, in one run.

Both bots run as their own processes on the same loopback emulator and answer each check-in tap
with the same two Bot API calls (answerCallbackQuery + editMessageText); the load generator
drives the users through the emulator's control API. Comparing with the bare bot measured in
the same run cancels most of a shared machine's noise.
"""
