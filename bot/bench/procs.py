"""The processes under test: the emulator, `alliance run`, the bare bot; their CPU time and RSS.

Each runs as a separate process so that the CPU and memory measured are that bot's alone.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import aiohttp

TOKEN = "7000000009:BENCH-TOKEN"
_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Process:
    """A child process and the numbers the kernel keeps about it."""

    popen: subprocess.Popen[bytes]
    name: str

    @property
    def pid(self) -> int:
        return self.popen.pid

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICKS  # utime + stime

    def peak_rss_mb(self) -> float:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def alive(self) -> bool:
        return self.popen.poll() is None

    def stop(self) -> None:
        if self.alive():
            self.popen.terminate()
            try:
                self.popen.wait(10)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(5)


@contextmanager
def started(name: str, args: list[str], env: dict[str, str], log: Path) -> Iterator[Process]:
    with log.open("ab") as out:
        popen = subprocess.Popen(
            args, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    process = Process(popen, name)
    try:
        yield process
    finally:
        process.stop()


def emulator_args(port: int) -> list[str]:
    return [sys.executable, "-m", "bot.emulator", "--port", str(port)]


def alliance_run_args() -> list[str]:
    return [sys.executable, "-c", "from bot.cli import app; app(['run'])"]


def bare_args(concurrency: int) -> list[str]:
    return [sys.executable, "-m", "bot.bench.bare", "--concurrency", str(concurrency)]


def bot_env(
    api_base: str, database_url: str, *, throughput_limits: bool, dispatch_interval: float = 30
) -> dict[str, str]:
    """`alliance run`'s settings; a delivery pass every second only where the run needs one."""
    return {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_BOT_USERNAME": "alliance_bench_bot",
        "TELEGRAM_API_BASE_URL": api_base,
        "TELEGRAM_WEBHOOK_URL": "",
        "DATABASE_URL": database_url,
        "ALLIANCE_DISPATCH_INTERVAL_SECONDS": str(dispatch_interval),
        "ALLIANCE_THROUGHPUT_LIMITS": "true" if throughput_limits else "false",
        "LOG_LEVEL": "WARNING",
    }


async def wait_until_serving(url: str, process: Process, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    async with aiohttp.ClientSession() as http:
        while time.monotonic() < deadline:
            if not process.alive():
                raise RuntimeError(f"{process.name} exited with {process.popen.returncode}")
            try:
                async with http.get(url) as response:
                    if response.status < 500:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
    raise TimeoutError(f"{process.name} did not start in {timeout} s")
