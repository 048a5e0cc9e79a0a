"""The smallest group a program lead may see figures for (design principle 1).

Kept apart from the analysis so the bot can apply it without loading the statistics stack.
"""

MIN_DYADS_SHOWN = 5
SUPPRESSED = f"suppressed: fewer than {MIN_DYADS_SHOWN} dyads"
