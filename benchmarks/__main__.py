"""`python -m benchmarks`: run every benchmark, print BENCHMARKS.md-ready tables, write the figures as JSON.

python -m benchmarks                      # everything (about 5 minutes on 2 cores)
python -m benchmarks --quick              # shorter loads and 10k/100k jobs only (about 2 minutes)
python -m benchmarks --only http,scale    # sections: see SECTIONS below (http, scale, pytest, ...)
python -m benchmarks --json out/bench.json --no-prism
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks import (
    hostile,
    hotpaths,
    http_load,
    inprocess,
    kinds,
    loadgen,
    per_test,
    prism,
    proxy,
    pytest_startup,
    scale,
    startup,
    webhooks,
)
from benchmarks.common import REPO, machine

SECTIONS = (
    "hotpaths",
    "http",
    "startup",
    "pytest",
    "inprocess",
    "pertest",
    "scale",
    "kinds",
    "webhooks",
    "hostile",
    "proxy",
)
DEFAULT_JSON = REPO / "out" / "benchmarks.json"
TITLES = {
    "hotpaths": "Hot paths: each optimization, before and after",
    "http": "HTTP: akool-mock serve vs bare Starlette vs Prism",
    "startup": "Start-up: process start to first 200",
    "pytest": "pytest start-up: what installing akool-mock adds to every pytest run",
    "inprocess": "In-process: SDK round trips through FakeAkool",
    "pertest": "Per test: a fresh FakeAkool against a respx route",
    "scale": "Scale: jobs created through the engine",
    "kinds": "Scale of every job kind: memory per state, and creates and polls as an account grows",
    "webhooks": "Webhooks: encrypted, signed deliveries to a local receiver",
    "hostile": "Hostile bodies: the worst requests while a second client polls",
    "proxy": "Proxy: akool-mock proxy in front of a served fake vs the fake direct",
}


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated: {', '.join(SECTIONS)}")
    parser.add_argument("--quick", action="store_true", help="shorter loads, fewer jobs (a smoke run)")
    parser.add_argument("--seconds", type=float, default=None, help="seconds per HTTP measurement (4)")
    parser.add_argument("--connections", type=int, default=16, help="HTTP connections (16)")
    parser.add_argument("--rounds", type=int, default=None, help="HTTP rounds per server, best kept (3)")
    parser.add_argument("--no-prism", action="store_true", help="skip Prism even when node is installed")
    parser.add_argument(
        "--json", default=str(DEFAULT_JSON), help=f"where to write the figures ({DEFAULT_JSON})"
    )
    args = parser.parse_args(argv)
    unknown = set(args.only.split(",")) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections {sorted(unknown)}; known: {', '.join(SECTIONS)}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    only = [s for s in SECTIONS if s in args.only.split(",")]
    seconds = args.seconds or (2.0 if args.quick else 4.0)
    rounds = args.rounds or (1 if args.quick else 3)
    with_prism = not args.no_prism
    info = machine()
    info.tools = {"load generator": loadgen.tool_name()}
    if with_prism:
        executable, description = prism.ensure()
        info.tools["prism"] = description if executable else f"skipped: {description}"
    command = "python -m benchmarks " + " ".join(
        shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:])
    )
    runners: dict[str, Callable[[], Any]] = {
        "hotpaths": hotpaths.run,
        "http": lambda: http_load.run(
            seconds=seconds, connections=args.connections, rounds=rounds, warmup_s=1.0, with_prism=with_prism
        ),
        "startup": lambda: startup.run(repeats=2 if args.quick else 3, with_prism=with_prism),
        "pytest": lambda: pytest_startup.run(repeats=10 if args.quick else 30),
        "inprocess": lambda: inprocess.run(seconds=1.0 if args.quick else 2.0, rounds=rounds + 1),
        "pertest": lambda: per_test.run(batches=4 if args.quick else 10),
        "scale": lambda: scale.run(sizes=scale.SIZES[:2] if args.quick else scale.SIZES),
        "kinds": lambda: kinds.run(
            jobs=4400 if args.quick else 22_000,
            grow=2000 if args.quick else 20_000,
            per_kind=2000 if args.quick else 10_000,
        ),
        "webhooks": lambda: webhooks.run(jobs=1000 if args.quick else 2000),
        "hostile": lambda: hostile.run(rounds=1 if args.quick else 2),
        "proxy": lambda: proxy.run(
            seconds=seconds, connections=args.connections, rounds=rounds, warmup_s=1.0
        ),
    }
    renderers: dict[str, Callable[[Any], str]] = {
        "hotpaths": hotpaths.render,
        "http": http_load.render,
        "startup": startup.render,
        "pytest": pytest_startup.render,
        "inprocess": inprocess.render,
        "pertest": per_test.render,
        "scale": scale.render,
        "kinds": kinds.render,
        "webhooks": webhooks.render,
        "hostile": hostile.render,
        "proxy": proxy.render,
    }
    figures: dict[str, Any] = {"machine": info.as_dict(), "command": command.strip()}
    out = [
        f"Run {info.date} on {info.cpu}, {info.cores} cores, {info.memory_gib} GiB, {info.host}, "
        f"Python {info.python}; load average at start {', '.join(f'{x:.2f}' for x in info.load_at_start)}.",
        f"Command: `{command.strip()}`. Tools: "
        + ", ".join(f"{name}: {value}" for name, value in info.tools.items())
        + ".",
    ]
    print("\n\n".join(out), flush=True)
    began = time.perf_counter()
    for section in only:
        started = time.perf_counter()
        result = runners[section]()
        took = time.perf_counter() - started
        figures[section] = {**result.as_dict(), "took_s": round(took, 1)}
        text = f"### {TITLES[section]}\n\n{renderers[section](result)}\n\n_({took:.0f} s)_"
        out.append(text)
        print(f"\n{text}", flush=True)
    figures["took_s"] = round(time.perf_counter() - began, 1)
    path = Path(args.json)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"\nAll sections took {figures['took_s']:.0f} s; figures written to {path}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
