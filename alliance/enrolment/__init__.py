"""Who is in a program: invites (issued, guessed at, resent, revoked), consent and claiming,
rosters and their edits, a person's own settings.
"""
