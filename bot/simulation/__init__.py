"""Acting as Telegram users through the emulator's control API: for tests, the demo, benchmarks."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from bot.emulator import EmulatorClient

Message = dict[str, Any]
Matcher = str | Callable[[Message], bool]


class SimulatedUser:
    """One Telegram user in a private chat with the bot."""

    def __init__(self, client: EmulatorClient, user_id: int, name: str, lang: str) -> None:
        self.client, self.id, self.name, self.lang = client, user_id, name, lang
        self.mark = 0  # last bot message id already looked at

    async def messages(self) -> list[Message]:
        return await self.client.messages(self.id)

    async def _remember_latest(self) -> None:
        messages = await self.client.messages(self.id, after=self.mark)
        if messages:
            self.mark = max(self.mark, messages[-1]["message_id"])

    async def send(self, text: str) -> None:
        await self._remember_latest()
        await self.client.send(self.id, text)

    async def press(self, label: str, message: Message | None = None) -> dict[str, Any]:
        """Tap the button labelled `label` on `message`, or on the newest message that has it."""
        if message is None:
            message = await self.message_with_button(label)
        await self._remember_latest()
        return await self.client.press(self.id, message["message_id"], button_text=label)

    async def press_data(self, message_id: int, data: str) -> dict[str, Any]:
        await self._remember_latest()
        return await self.client.press(self.id, message_id, data=data)

    async def message_with_button(self, label: str, timeout: float = 10) -> Message:
        def has_button(message: Message) -> bool:
            return any(b["text"] == label for row in message.get("buttons") or [] for b in row)

        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            for message in reversed(await self.messages()):
                if not message["deleted"] and has_button(message):
                    return message
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(f"{self.name}: no message with button {label!r}")
            await asyncio.sleep(0.05)

    async def expect(self, match: Matcher, timeout: float = 10) -> Message:
        """The first bot message since this user's last action that matches."""
        message = await self.client.wait_for_message(
            self.id, match, timeout=timeout, after_message_id=self.mark
        )
        return message

    async def expect_edit(self, message_id: int, match: Matcher, timeout: float = 10) -> Message:
        """Wait until message `message_id` (edited in place) matches."""
        matcher = match if callable(match) else (lambda m: match in (m.get("text") or ""))
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            for message in await self.messages():
                if message["message_id"] == message_id and matcher(message):
                    return message
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(f"{self.name}: message {message_id} never matched")
            await asyncio.sleep(0.05)

    async def all_text(self) -> str:
        """Everything the bot ever showed this user: texts, buttons, file names."""
        parts: list[str] = []
        for message in await self.messages():
            parts.append(message.get("text") or "")
            parts.extend(b["text"] for row in message.get("buttons") or [] for b in row)
            parts.extend(d.get("file_name") or "" for d in message.get("documents") or [])
        return "\n".join(parts)
