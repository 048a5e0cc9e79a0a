"""The python-telegram-bot types the bot names everywhere, spelled once.

We use PTB's default context and never narrow the Application's six type parameters, so every
module says `AnyApplication` and `Context` instead of repeating the generic spelling.
"""

from __future__ import annotations

from typing import Any, TypeAlias

from telegram.ext import Application, ContextTypes

AnyApplication: TypeAlias = Application[Any, Any, Any, Any, Any, Any]
Context: TypeAlias = ContextTypes.DEFAULT_TYPE
