"""Start-up: from starting the process to its first HTTP 200 for a poll (akool-mock, Prism, bare Starlette).

Each server is started `repeats` times in turn; the median is reported. The clock starts just before the
process is spawned and stops at the first 200 (polled every 10 ms), so it includes the interpreter's start,
imports, loading the contract, and binding the port.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import prism
from benchmarks.common import (
    POLL_PATH,
    akool_command,
    fmt,
    free_port,
    median,
    poll_request,
    ratio,
    running,
    table,
    write_config,
)
from benchmarks.http_load import export_openapi

UNKNOWN_ID = "000000000000000000000000"


@dataclass(slots=True)
class StartupReport:
    repeats: int
    seconds: dict[str, list[float]] = field(default_factory=dict)
    prism: str = ""

    def median(self, name: str) -> float | None:
        values = self.seconds.get(name)
        return median(values) if values else None

    def as_dict(self) -> dict[str, Any]:
        akool, peer = self.median("akool-mock"), self.median("Prism")
        return {
            "repeats": self.repeats,
            "prism": self.prism,
            "seconds": {name: [round(v, 3) for v in values] for name, values in self.seconds.items()},
            "median_s": {name: round(median(values), 3) for name, values in self.seconds.items()},
            "prism_over_akool": ratio(peer, akool) if akool and peer else None,
        }


def run(*, repeats: int, with_prism: bool) -> StartupReport:
    report = StartupReport(repeats)
    ready = poll_request(UNKNOWN_ID)
    with tempfile.TemporaryDirectory(prefix="akool-bench-") as tmp:
        folder = Path(tmp)
        config = write_config(folder)
        answers = folder / "answers.json"
        answers.write_text(json.dumps({f"GET {POLL_PATH}": '{"code":1000,"msg":"OK","data":{"result":[]}}'}))
        executable = None
        if with_prism:
            executable, report.prism = prism.ensure()
        else:
            report.prism = "skipped (--no-prism)"
        document = folder / "akool-openapi.json"
        commands: dict[str, tuple[Callable[[int], list[str]], Path | None]] = {
            "akool-mock": (lambda port: akool_command(port, config), None),
            "bare Starlette": (
                lambda port: [
                    sys.executable,
                    "-m",
                    "benchmarks.bare",
                    "--port",
                    str(port),
                    "--responses",
                    str(answers),
                ],
                None,
            ),
        }
        if executable is not None:
            export_openapi(document)
            prism_cli = executable
            commands["Prism"] = (lambda port: prism.command(prism_cli, document, port), folder)
        for _ in range(repeats):
            for name, (command, cwd) in commands.items():
                port = free_port()
                with running(name, command(port), port, ready, cwd=cwd) as server:
                    report.seconds.setdefault(name, []).append(server.started_s)
    return report


def render(report: StartupReport) -> str:
    akool = report.median("akool-mock")
    rows = [
        [
            name,
            fmt(median(values) * 1000),
            ", ".join(fmt(v * 1000) for v in values),
            fmt(ratio(median(values), akool) if akool else None, 2),
        ]
        for name, values in report.seconds.items()
    ]
    note = f"Median of {report.repeats} starts each, interleaved. Prism: {report.prism or 'n/a'}."
    return "\n".join(
        [
            table(["server", "start to first 200 (ms, median)", "each start (ms)", "÷ akool-mock"], rows),
            "",
            note,
        ]
    )
