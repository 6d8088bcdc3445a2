"""pytest start-up: what installing akool-mock adds to every pytest run of a user's project.

Four fresh virtual environments in the benchmark cache ($AKOOL_BENCH_CACHE, outside the work tree), each
running `pytest` on one empty test file: pytest alone; pytest with httpx (the floor of any project that uses
httpx or Starlette: both bring anyio, whose pytest plugin loads in every run); the core install of
akool-mock with pytest; and akool-mock[pytest]. The environments are made once (pip, from the package
registry: set-up, not measurement) and akool-mock is reinstalled from this checkout's wheel each time.
The runs are interleaved, `repeats` of each, and the median kept, so load on the machine hits all alike.

Two more runs of the core environment say whose plugin costs what: with respx's plugin turned off
(`-p no:respx`) and with akool-mock's (`-p no:akool`). Every run has bytecode caching on, as a user's machine
does. (With PYTHONDONTWRITEBYTECODE set, as in many containers and on this project's machines, pytest cannot
cache its assertion rewriting of plugin modules and compiles anyio's and respx's on every run: pytest + httpx
then takes ~450 ms where pytest alone takes ~230, whoever installed them. Those runs cannot share a cache
with the others, so they are not part of this benchmark.)
"""

from __future__ import annotations

import importlib.metadata
import os
import statistics
import subprocess
import sys
import time
import venv
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.common import REPO, fmt, table
from benchmarks.prism import cache_dir

ENVS: dict[str, list[str]] = {
    "pytest alone": ["pytest"],
    "pytest + httpx": ["pytest", "httpx"],
    "akool-mock (core) + pytest": ["pytest", "akool-mock"],
    "akool-mock[pytest]": ["akool-mock[pytest]"],
}
BASELINE, FLOOR, CORE = "pytest alone", "pytest + httpx", "akool-mock (core) + pytest"
# (label, environment, extra pytest options): what is timed
RUNS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    *((name, name, ()) for name in ENVS),
    ("akool-mock (core) + pytest, respx's plugin off", CORE, ("-p", "no:respx")),
    ("akool-mock (core) + pytest, akool's plugin off", CORE, ("-p", "no:akool")),
)
TARGET_MS = 50.0
PLUGINS = (
    "import importlib.metadata as m;print(' '.join(sorted(e.name for e in m.entry_points(group='pytest11'))))"
)


@dataclass(slots=True)
class StartupReport:
    repeats: int
    millis: dict[str, list[float]] = field(default_factory=dict)
    plugins: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "repeats": self.repeats,
            "median_ms": {name: round(self.median(name), 1) for name in self.millis},
            "added_ms_core_vs_pytest": round(self.added(CORE), 1),
            "added_ms_core_vs_pytest_httpx": round(self.added(CORE, FLOOR), 1),
            "plugins": self.plugins,
        }

    def median(self, name: str) -> float:
        return statistics.median(self.millis[name])

    def added(self, name: str, baseline: str = BASELINE) -> float:
        return self.median(name) - self.median(baseline)


def _python(folder: Path) -> Path:
    return folder / ("Scripts" if sys.platform == "win32" else "bin") / "python"


def _pip(python: Path, *args: str) -> None:
    subprocess.run([str(python), "-m", "pip", "-q", "--disable-pip-version-check", *args], check=True)


def prepare(root: Path) -> dict[str, Path]:
    """The environments, made on first use; akool-mock reinstalled from a wheel of this checkout."""
    wheels = root / "wheels"
    for old in wheels.glob("akool_mock-*.whl"):
        old.unlink()
    _pip(Path(sys.executable), "wheel", "--no-deps", "-w", str(wheels), str(REPO))
    (wheel,) = wheels.glob("akool_mock-*.whl")
    pythons: dict[str, Path] = {}
    for index, (name, requirements) in enumerate(ENVS.items()):
        folder = root / f"venv-{index}"
        python = _python(folder)
        if not python.exists():
            venv.create(folder, with_pip=True)
        wanted = [
            str(wheel) + r.removeprefix("akool-mock") if r.startswith("akool-mock") else r
            for r in requirements
        ]
        _pip(python, "install", "--find-links", str(wheels), *wanted)
        if any(r.startswith("akool-mock") for r in requirements):
            _pip(python, "install", "--force-reinstall", "--no-deps", str(wheel))
        pythons[name] = python
    return pythons


def _once(python: Path, folder: Path, options: tuple[str, ...] = ()) -> float:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as on a user's machine
    started = time.perf_counter()
    subprocess.run(
        [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", *options, "test_empty.py"],
        cwd=folder,
        check=True,
        stdout=subprocess.DEVNULL,
        env=env,
    )
    return (time.perf_counter() - started) * 1000


def run(repeats: int = 30) -> StartupReport:
    root = cache_dir() / "pytest-startup"
    root.mkdir(parents=True, exist_ok=True)
    pythons = prepare(root)
    (root / "test_empty.py").write_text("def test_nothing():\n    pass\n", encoding="utf-8")
    report = StartupReport(repeats=repeats, millis={label: [] for label, *_ in RUNS})
    for name, python in pythons.items():
        report.plugins[name] = subprocess.run(  # in the cache folder: a checkout's egg-info would show too
            [str(python), "-c", PLUGINS], capture_output=True, text=True, check=True, cwd=root
        ).stdout.strip()
        _once(python, root)  # compile and cache bytecode (and pytest's rewritten plugins) before measuring
    for _ in range(repeats):
        for label, name, options in RUNS:
            report.millis[label].append(_once(pythons[name], root, options))
    return report


def _plugins(listed: str, options: tuple[str, ...]) -> str:
    """The plugins a run loads: those installed, less those its `-p no:NAME` options turn off."""
    off = {option.removeprefix("no:") for option in options if option.startswith("no:")}
    return " ".join(sorted(set(listed.split()) - off)) or "none"


def render(report: StartupReport) -> str:
    rows = []
    for label, name, options in RUNS:
        rows.append(
            [
                label,
                _plugins(report.plugins.get(name, ""), options),
                fmt(report.median(label)),
                fmt(report.added(label)) if label != BASELINE else "",
                fmt(report.added(label, FLOOR)) if label not in (BASELINE, FLOOR) else "",
            ]
        )
    added = report.added(CORE)
    verdict = "met" if added <= TARGET_MS else "**not met**"
    return "\n".join(
        [
            f"Median wall time of `pytest -q` on one empty test, {report.repeats} interleaved runs each "
            f"(akool-mock {importlib.metadata.version('akool-mock')}).",
            "",
            table(
                ["environment", "pytest plugins", "ms", "added vs pytest alone", "added vs pytest + httpx"],
                rows,
            ),
            "",
            f"Core install: +{fmt(added)} ms over pytest alone (target ≤ {TARGET_MS:.0f} ms: {verdict}); "
            f"+{fmt(report.added(CORE, FLOOR))} ms over pytest + httpx, the floor of any project with httpx "
            "or Starlette (anyio's plugin).",
        ]
    )
