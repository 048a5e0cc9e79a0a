"""Pushes queued updates to the bot's webhook, one at a time, as Telegram does.

An update leaves the queue only after the bot answered 2xx; failures are retried with
back-off and reported through `getWebhookInfo.last_error_*`, like the real server.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import aiohttp

from .state import EmulatorState, now

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class WebhookDeliverer:
    """Background task that drains the update queue into the configured webhook URL."""

    def __init__(self, state: EmulatorState, timeout: float = 10.0) -> None:
        self.state = state
        self.timeout = timeout
        self._task: asyncio.Task[None] | None = None
        self._session: aiohttp.ClientSession | None = None

    def start(self) -> None:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout))
        self._task = asyncio.create_task(self._run(), name="emulator-webhook")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _run(self) -> None:
        backoff = 0.1
        while True:
            webhook = self.state.webhook
            if not webhook.url:
                await self.state.webhook_event.wait()
                continue
            changed = self.state.webhook_event
            batch = await self.state.updates.wait(0, 1, 0.5)
            if not batch or changed.is_set() or not self.state.webhook.url:
                continue
            update = batch[0]
            if await self._post(webhook.url, webhook.secret_token, update):
                self.state.updates.confirm(update["update_id"] + 1)
                self.state.stats.webhook_deliveries += 1
                backoff = 0.1
            else:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(changed.wait(), backoff)
                backoff = min(backoff * 2, 5.0)

    async def _post(self, url: str, secret: str | None, update: dict[str, object]) -> bool:
        assert self._session is not None
        headers = {SECRET_HEADER: secret} if secret else {}
        try:
            async with self._session.post(url, json=update, headers=headers) as response:
                if 200 <= response.status < 300:
                    return True
                error = f"Wrong response from the webhook: {response.status} {response.reason}"
        except (aiohttp.ClientError, TimeoutError) as err:
            error = f"Connection failed: {err.__class__.__name__}"
        log.debug("webhook delivery failed: %s", error)
        self.state.webhook.last_error_date = now()
        self.state.webhook.last_error_message = error
        return False
