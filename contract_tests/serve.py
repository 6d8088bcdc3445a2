"""`akool-mock serve` as a child process on a free port, for the `akool_server` fixture and CI scripts."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

READY_TIMEOUT_S = 30.0
REQUIRE_INSTALLED = "AKOOL_MOCK_REQUIRE_INSTALLED"


def require_installed(environ: dict[str, str] | None = None) -> None:
    """With AKOOL_MOCK_REQUIRE_INSTALLED=1 (CI), refuse to run from a source checkout: CI tests the wheel.

    A checkout imports akool_mock through its links (akool_mock/<part> -> ../<part>); an install does not.
    """
    environ = dict(os.environ) if environ is None else environ
    import akool_mock.mock_server as part

    location = Path(part.__file__).resolve().parent
    linked = Path(part.__file__).parent != location
    if environ.get(REQUIRE_INSTALLED) == "1" and linked:
        raise SystemExit(f"akool_mock is imported from a source checkout ({location}), not an install")
    print(f"akool_mock from {location}", file=sys.stderr)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def served(*args: str, seed: int = 0) -> Iterator[str]:
    """Serve the fake on 127.0.0.1 (manual clock unless `args` say otherwise); yields its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "akool_mock", "serve", "--port", str(port), "--seed", str(seed)]
    if "--clock" not in args:
        command += ["--clock", "manual"]
    # The server logs a line per request to stderr: a file, since a pipe nobody reads would fill and block it.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen([*command, *args], stdout=subprocess.DEVNULL, stderr=log)
        base_url = f"http://127.0.0.1:{port}"

        def output() -> str:
            log.seek(0)
            return log.read().decode(errors="replace")

        try:
            wait_ready(base_url, process, output)
            yield base_url
        finally:
            stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate, then kill if it does not stop within 10 s; always reaped."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_ready(base_url: str, process: subprocess.Popen[bytes], output: Callable[[], str]) -> None:
    """Until the control API answers; a process that exits first is reported with `output()`."""
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"akool-mock serve exited with {process.returncode}: {output()}")
        try:
            httpx.get(f"{base_url}/_mock/clock", timeout=1.0)
            return
        except httpx.HTTPError:
            time.sleep(0.05)
    raise RuntimeError("akool-mock serve did not become ready")
