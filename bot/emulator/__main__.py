"""`python -m bot.emulator [--host H] [--port P]`: run the emulator until interrupted."""

from __future__ import annotations

import argparse

from .server import run_forever


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Loopback Telegram Bot API emulator")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    args = parser.parse_args(argv)
    run_forever(args.host, args.port)


if __name__ == "__main__":
    main()
