"""Mutation testing of the fake with the contract suite as the test (`tox -e mutation`; ARCHITECTURE.md,
"Mutation testing"): mutmut 3 mutates the fake's handlers, pipeline, state, jobs and webhooks
(`[tool.mutmut]` in pyproject.toml), and each mutant is run against the suite's tests that call the mutated
function (mutmut's per-function test selection), in-process, `quick` profile (the ci cases without
shrinking: a failure is enough to kill a mutant, and shrinking one can take minutes), `-x`.

    python scripts/mutation.py                    # a sample of 200 mutants, seed 0
    python scripts/mutation.py --sample 0         # every mutant (hours on two cores)
    python scripts/mutation.py --sample 300 --seed 1 --chunk 40

The sample is drawn with a fixed seed from the sorted names of every mutant, so a run is reproducible. Mutants
run in chunks (one `mutmut run NAME...` each); before each chunk the script waits while the file named by
$AKOOL_QUIET_FILE exists (on a shared machine, a benchmark can ask for a quiet spell that way). Results
accumulate in `mutants/results.json` (a rerun resumes: mutants with a result are not run again; `--fresh`
starts over); `scripts/mutation_report.py` turns them into MUTATION.md.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
RESULTS = MUTANTS / "results.json"
QUIET = Path(os.environ["AKOOL_QUIET_FILE"]) if os.environ.get("AKOOL_QUIET_FILE") else None


def generate() -> dict[str, str]:
    """Write every mutant under mutants/ (mutmut's own generation step); mutant name -> source path."""
    # mutmut 3.8's generation, as `mutmut run` does it before testing
    from mutmut.__main__ import create_mutants
    from mutmut.configuration import config
    from mutmut.utils.file_utils import (
        copy_also_copy_files,
        copy_src_dir,
        setup_source_paths,
        walk_all_files,
    )

    os.environ["MUTANT_UNDER_TEST"] = "mutant_generation"
    config()
    MUTANTS.mkdir(exist_ok=True)
    # mutmut copies a file only when mutants/ lacks it: refresh what is not mutated (the suite itself, the
    # schemas, the rest of the fake), so a reused mutants/ never tests with an old suite.
    for root, name in walk_all_files():
        source = Path(root) / name
        if not (name.endswith(".py") and config().should_mutate(source)):
            (MUTANTS / source).unlink(missing_ok=True)
    with contextlib.redirect_stdout(io.StringIO()):  # mutmut prints every file it copies
        copy_src_dir()
        copy_also_copy_files()
        setup_source_paths()
        create_mutants(1)
    return names()


def names() -> dict[str, str]:
    found = {}
    for meta in sorted(MUTANTS.rglob("*.py.meta")):
        source = str(meta.relative_to(MUTANTS))[: -len(".meta")]
        for name in json.loads(meta.read_text("utf-8"))["exit_code_by_key"]:
            found[name] = source
    return found


def read_exit_codes(chosen: list[str]) -> dict[str, dict[str, Any]]:
    """The exit code and duration mutmut recorded for each of `chosen` (None: not run)."""
    out: dict[str, dict[str, Any]] = {}
    for meta in MUTANTS.rglob("*.py.meta"):
        data = json.loads(meta.read_text("utf-8"))
        for name in chosen:
            if name in data["exit_code_by_key"]:
                out[name] = {
                    "exit_code": data["exit_code_by_key"][name],
                    "seconds": data.get("durations_by_key", {}).get(name),
                }
    return out


def wait_quiet() -> None:
    waited = False
    while QUIET is not None and QUIET.exists():
        if not waited:
            print(f"mutation: waiting while {QUIET} exists", flush=True)
            waited = True
        time.sleep(15)


def load_results(fresh: bool) -> dict[str, Any]:
    if RESULTS.exists() and not fresh:
        return dict(json.loads(RESULTS.read_text("utf-8")))
    return {"runs": [], "mutants": {}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sample", type=int, default=200, help="mutants to run (0: all)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the sample")
    parser.add_argument("--chunk", type=int, default=40, help="mutants per `mutmut run`")
    parser.add_argument("--max-children", type=int, default=2, help="mutants tested at once")
    parser.add_argument("--fresh", action="store_true", help="forget the results of earlier runs")
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    os.environ.setdefault("HYPOTHESIS_PROFILE", "quick")

    started, load_start = time.time(), os.getloadavg()
    every = generate()
    population = sorted(every)
    # In drawn order: the chunks run so far are themselves a random sample (a stopped run still counts).
    drawn = random.Random(args.seed).sample(
        population, args.sample if 0 < args.sample < len(population) else len(population)
    )
    chosen = sorted(drawn)
    results = load_results(args.fresh)
    todo = [name for name in drawn if name not in results["mutants"]]
    print(
        f"mutation: {len(every)} mutants, {len(chosen)} chosen (seed {args.seed}), {len(todo)} to run",
        flush=True,
    )
    head = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    )
    run: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(started)),
        "commit": head.stdout.strip(),
        "ran": 0,
        "population": len(every),
        "sample": args.sample,
        "seed": args.seed,
        "max_children": args.max_children,
        "load_at_start": [round(x, 2) for x in load_start],
        "cpus": os.cpu_count(),
        "profile": os.environ["HYPOTHESIS_PROFILE"],
    }
    results["runs"].append(run)
    results["sample"] = {"size": args.sample, "seed": args.seed, "chosen": chosen}
    for start in range(0, len(todo), args.chunk):
        chunk = todo[start : start + args.chunk]
        wait_quiet()
        print(f"mutation: chunk {start // args.chunk + 1}: {len(chunk)} mutants", flush=True)
        command = ["mutmut", "run", "--max-children", str(args.max_children), *chunk]
        done = subprocess.run(command, check=False)
        codes = read_exit_codes(chunk)
        missing = [name for name in chunk if codes.get(name, {}).get("exit_code") is None]
        if done.returncode != 0 or missing:
            print(f"mutation: `mutmut run` exited {done.returncode}; {len(missing)} mutants without a result")
            return 1
        for name in chunk:
            results["mutants"][name] = {"source": every[name], **codes[name]}
        # after each chunk: a run stopped between chunks keeps what it measured
        run.update(
            ran=run["ran"] + len(chunk),
            seconds=round(time.time() - started),
            load_at_end=[round(x, 2) for x in os.getloadavg()],
        )
        RESULTS.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n", "utf-8")
    print(f"mutation: done in {time.time() - started:.0f} s; results in {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
