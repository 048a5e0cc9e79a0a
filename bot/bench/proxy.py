"""nginx in front of several `alliance run` processes in webhook mode: one URL, one bot.

This is the production setup of the README (there nginx also terminates TLS, which Telegram
requires). Each POST from Telegram goes to the next process in turn; a process that does not
answer is skipped for a while and the POST is tried on another, so Telegram sees one endpoint.
The access log names the process that took each update (`upstream=`), so a test can see that
all of them took part.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

NGINX_CANDIDATES = ("nginx", "/usr/sbin/nginx")


def nginx_binary() -> str | None:
    """The nginx executable, or None where it is not installed."""
    for candidate in NGINX_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def nginx_config(listen_port: int, backend_ports: list[int], folder: Path) -> str:
    """A complete nginx.conf: plain HTTP on loopback (TLS is the production addition)."""
    servers = "\n".join(
        f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;" for port in backend_ports
    )
    return f"""
worker_processes 1;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    log_format upstreams '$request_method $status upstream=$upstream_addr';
    access_log {folder}/access.log upstreams;
    client_max_body_size 1m;
    upstream alliance_bots {{
{servers}
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{listen_port};
        location / {{
            proxy_pass http://alliance_bots;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_next_upstream error timeout http_502 http_503;
            proxy_connect_timeout 2s;
            proxy_read_timeout 10s;
        }}
    }}
}}
"""


@dataclass
class Proxy:
    process: subprocess.Popen[bytes]
    folder: Path

    def upstreams(self) -> list[str]:
        """The process (host:port) that answered each request so far, in order."""
        log = self.folder / "access.log"
        if not log.exists():
            return []
        return [
            line.rsplit("upstream=", 1)[1].strip()
            for line in log.read_text().splitlines()
            if "upstream=" in line
        ]


@contextmanager
def nginx_proxy(listen_port: int, backend_ports: list[int], folder: Path) -> Iterator[Proxy]:
    """Run nginx in the foreground with its own config and files under `folder`."""
    binary = nginx_binary()
    if binary is None:
        raise RuntimeError("nginx is not installed (Debian: apt-get install nginx-light)")
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "nginx.conf"
    config.write_text(nginx_config(listen_port, backend_ports, folder))
    with (folder / "nginx.out").open("ab") as out:
        process = subprocess.Popen(
            [binary, "-p", str(folder), "-c", str(config)],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
    try:
        _wait_for_pid(folder / "nginx.pid", process)
        yield Proxy(process, folder)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def _wait_for_pid(pid_file: Path, process: subprocess.Popen[bytes], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not pid_file.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"nginx did not start; see {pid_file.parent / 'error.log'}")
        time.sleep(0.05)
