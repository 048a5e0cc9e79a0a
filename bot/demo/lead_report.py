"""The lead's `/report` in the demo: the summary message, and the files saved in the folder,
fetched the way a Telegram client would (getFile)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import httpx

from bot.emulator import EmulatorServer
from bot.simulation import SimulatedUser


async def lead_report(
    lead: SimulatedUser, server: EmulatorServer, token: str, folder: Path, timeout: float = 120
) -> tuple[str, list[Path]]:
    """Ask for the report; the longest text the bot sent with it, and the saved documents."""
    await lead.send("/report")
    documents: list[dict[str, Any]] = []
    summary = ""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not documents:
        await asyncio.sleep(0.2)
        messages = [m for m in await lead.messages() if m["message_id"] > lead.mark]
        documents = [d for m in messages for d in m.get("documents") or []]
        texts = [m.get("text") or "" for m in messages if not m.get("documents")]
        summary = max(texts, key=len, default="")
    return summary, await download(server, token, documents, folder)


async def download(
    server: EmulatorServer, token: str, documents: list[dict[str, Any]], folder: Path
) -> list[Path]:
    """Save each document under its file name in `folder`; the paths, in order."""
    saved = []
    async with httpx.AsyncClient() as http:
        for document in documents:
            info = (
                await http.get(
                    f"{server.api_base_url}{token}/getFile",
                    params={"file_id": document["file_id"]},
                )
            ).json()
            path = info["result"]["file_path"]
            content = (await http.get(f"{server.file_base_url}{token}/{path}")).content
            target = folder / document["file_name"]
            target.write_bytes(content)
            saved.append(target)
    return saved
