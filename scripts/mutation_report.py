"""MUTATION.md from the results of `scripts/mutation.py` (mutants/results.json) and the verdicts on its
survivors (scripts/mutation_verdicts.py): mutants generated, run, killed, survived, timed out, the score over
the non-equivalent mutants, and each survivor's file:line, diff, and why it is equivalent or what kills it.

    python scripts/mutation_report.py             # writes MUTATION.md at the root
    python scripts/mutation_report.py --check     # exits 1 if a survivor has no verdict

Needs the mutants/ folder of the run (the diffs are read from it, with mutmut's own reader).
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import io
import json
import os
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from mutation_verdicts import VERDICTS as JUDGED  # noqa: E402

# The changed line each verdict was judged on: mutmut numbers a function's mutants in order, so once the
# function's source changes a name can stand for another mutant, and its old verdict must not be reused.
JUDGED_LINES: dict[str, str] = json.loads(
    (ROOT / "scripts" / "mutation_judged_lines.json").read_text("utf-8")
)

RESULTS = ROOT / "mutants" / "results.json"
HANDLERS = "akool_mock/mock_server/handlers/"
KILLED, SURVIVED, TIMEOUT, NO_TESTS, OTHER = "killed", "survived", "timeout", "no tests", "other"
# mutmut 3's exit codes (mutmut.__main__.status_by_exit_code): a failing test (1) or pytest's internal error
# (3) kills; a CPU-time or wall-clock limit is a timeout; 33 is "no test of the suite calls the function".
STATUS_BY_CODE = {1: KILLED, 3: KILLED, 0: SURVIVED, 33: NO_TESTS, 5: NO_TESTS}
STATUS_BY_CODE.update(dict.fromkeys((36, 24, -24, 152, 255, -9), TIMEOUT))


@dataclass
class Mutant:
    name: str
    source: str  # akool_mock/mock_server/...
    status: str
    seconds: float | None
    line: int = 0
    diff: str = ""

    @property
    def where(self) -> str:
        return f"{self.source.removeprefix('akool_mock/')}:{self.line}"


def status_of(code: int | None) -> str:
    return STATUS_BY_CODE.get(code, OTHER) if code is not None else OTHER


def diff_of(name: str, source: str) -> str:
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    with contextlib.redirect_stdout(io.StringIO()):
        return str(get_diff_for_mutant(name, path=source))


def line_of(name: str, source: str, diff: str) -> int:
    """The line of the original file the mutant changes: the first removed line of the diff, found inside the
    mutated function."""
    from mutmut.utils.format_utils import orig_function_and_class_names_from_key

    function, cls = orig_function_and_class_names_from_key(name)
    text = (ROOT / source).read_text("utf-8")
    lines = text.splitlines()
    start, end = 1, len(lines)
    module = ast.parse(text)
    scope = module.body
    for node in module.body:
        if isinstance(node, ast.ClassDef) and node.name == cls:
            scope = node.body
    for item in scope:
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name == function:
            start, end = item.lineno, item.end_lineno or item.lineno
    removed = [
        line[1:].strip() for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")
    ]
    for wanted in removed:
        for number in range(start, end + 1):
            if lines[number - 1].strip() == wanted:
                return number
    return start


def changed_line(diff: str) -> str:
    """The mutant's line as the diff shows it (the first added line, stripped)."""
    added = [
        line[1:].strip() for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")
    ]
    return added[0] if added else ""


def current_verdicts(mutants: list[Mutant]) -> dict[str, tuple[str, str]]:
    """The verdicts that still describe their mutant: judged on the line the mutant changes today."""
    return {
        m.name: JUDGED[m.name]
        for m in mutants
        if m.name in JUDGED and JUDGED_LINES.get(m.name) == changed_line(m.diff)
    }


def load() -> tuple[dict[str, Any], list[Mutant]]:
    results = json.loads(RESULTS.read_text("utf-8"))
    chosen = results.get("sample", {}).get("chosen") or sorted(results["mutants"])
    mutants = []
    for name in chosen:
        entry = results["mutants"].get(name)
        if entry is None:
            continue
        mutant = Mutant(name, entry["source"], status_of(entry["exit_code"]), entry.get("seconds"))
        if mutant.status in (SURVIVED, NO_TESTS, OTHER):
            mutant.diff = diff_of(name, mutant.source)
            mutant.line = line_of(name, mutant.source, mutant.diff)
        mutants.append(mutant)
    return results, mutants


def hunk(diff: str) -> str:
    """The diff without its file header, and only the changed lines with one line of context."""
    body = [line for line in diff.splitlines() if not line.startswith(("---", "+++", "@@"))]
    keep = set()
    for i, line in enumerate(body):
        if line.startswith(("-", "+")):
            keep.update({i - 1, i, i + 1})
    return "\n".join(body[i] for i in sorted(keep) if 0 <= i < len(body))


def render(results: dict[str, Any], mutants: list[Mutant], verdicts: dict[str, tuple[str, str]]) -> str:
    counts = Counter(m.status for m in mutants)
    unkilled = [m for m in mutants if m.status in (SURVIVED, NO_TESTS, OTHER)]
    equivalent = [m for m in unkilled if verdicts.get(m.name, ("", ""))[0] == "equivalent"]
    artefacts = [m for m in unkilled if verdicts.get(m.name, ("", ""))[0] == "artefact"]
    gaps = [m for m in unkilled if m not in equivalent and m not in artefacts]
    detected = counts[KILLED] + counts[TIMEOUT]
    scored = len(mutants) - len(equivalent) - len(artefacts)
    score = 100.0 * detected / scored if scored else 0.0
    in_handlers = [m for m in mutants if m.source.startswith(HANDLERS)]
    handlers_detected = sum(1 for m in in_handlers if m.status in (KILLED, TIMEOUT))
    handlers_scored = sum(1 for m in in_handlers if m not in equivalent and m not in artefacts)
    handlers_score = 100.0 * handlers_detected / handlers_scored if handlers_scored else 0.0
    run = results["runs"][-1] if results["runs"] else {}
    first = results["runs"][0] if results["runs"] else {}
    loads = "; ".join(
        f"{r.get('load_at_start')} at the start and {r.get('load_at_end')} at the end of run {n}"
        for n, r in enumerate(results["runs"], 1)
    )
    seconds = sum(r["seconds"] for r in results["runs"])
    profiles = [str(r.get("profile", "ci")) for r in results["runs"]] or ["ci"]
    profile = (
        f"`{profiles[0]}` profile"
        if len(set(profiles)) == 1
        else "profile " + ", ".join(f"`{name}` in run {n}" for n, name in enumerate(profiles, 1))
    )
    by_file: dict[str, Counter[str]] = {}
    for m in mutants:
        by_file.setdefault(m.source.removeprefix("akool_mock/"), Counter())[m.status] += 1
    out = [
        "# Mutation score of the contract suite",
        "",
        "Generated by `scripts/mutation_report.py` from a run of `tox -e mutation` (`scripts/mutation.py`;",
        'how it works: ARCHITECTURE.md, "Mutation testing"). mutmut 3 mutates the fake\'s handlers,',
        "pipeline, state, jobs and webhooks; each mutant runs the contract suite's tests that call the",
        f"mutated function (in-process target, {profile}, `-x`). A mutant is",
        "killed when a test fails.",
        "",
        f"- date: {first.get('date', '?')}; command: `tox -e mutation -- --sample {run.get('sample')} "
        f"--seed {run.get('seed')}` (or `python scripts/mutation.py --sample {run.get('sample')} "
        f"--seed {run.get('seed')}` in a venv with `mutmut>=3.8,<3.9`)",
        f"- duration: {seconds / 60:.0f} min over {len(results['runs'])} invocation(s), "
        f"{run.get('max_children')} mutants at once on {run.get('cpus')} cores shared with other work; load "
        f"average (1, 5, 15 min): {loads}",
        f"- suite and fake at commit {run.get('commit', '?')}"
        + (f" ({run['note']})" if run.get("note") else ""),
        f"- mutants generated: {run.get('population')}; run: {len(mutants)} of a sample of "
        f"{run.get('sample')} drawn with seed {run.get('seed')} from the sorted names",
        f"- killed: {counts[KILLED]}; timed out: {counts[TIMEOUT]} (counted as detected); survived: "
        f"{counts[SURVIVED]}; called by no test of the suite: {counts[NO_TESTS]}; other: {counts[OTHER]}",
        f"- equivalent (no client can observe them): {len(equivalent)}; gaps of the suite: {len(gaps)}; "
        f"reported surviving but killed when run by hand (left out): {len(artefacts)}",
        f"- **score: {detected}/{scored} = {score:.1f} %** of the non-equivalent mutants detected",
        f"- **handlers (issue 17's target, >= 90 %): {handlers_detected}/{handlers_scored} = "
        f"{handlers_score:.1f} %** of the non-equivalent mutants of `mock_server/handlers/` detected",
        "",
        "| file | killed | timed out | survived | no test | equivalent |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for source, c in sorted(by_file.items()):
        eq = sum(1 for m in equivalent if m.source.removeprefix("akool_mock/") == source)
        out.append(f"| {source} | {c[KILLED]} | {c[TIMEOUT]} | {c[SURVIVED]} | {c[NO_TESTS]} | {eq} |")
    kinds = Counter(
        verdicts.get(m.name, ("", "not judged yet"))[1].split(": ")[0].split(". ")[0] for m in gaps
    )
    out += ["", "## Gaps of the suite", "", "The recurring ones (each mutant is listed below):", ""]
    out += [f"- {n} x {text}" for text, n in kinds.most_common() if n > 1]
    out += [f"- {sum(1 for n in kinds.values() if n == 1)} single gaps", ""]
    if not gaps:
        out.append("None: every surviving mutant of the sample is equivalent.")
    for m in gaps:
        verdict = verdicts.get(m.name, ("", "not judged yet"))
        out += [f"### `{m.where}` ({m.status})", "", f"`{m.name}`", "", verdict[1]]
        out += ["", "```diff", hunk(m.diff), "```", ""]
    out += judged_section("Equivalent mutants", equivalent, verdicts)
    out += judged_section("Reported surviving, killed when run by hand", artefacts, verdicts)
    return "\n".join(out).rstrip() + "\n"


def judged_section(title: str, mutants: list[Mutant], verdicts: dict[str, tuple[str, str]]) -> list[str]:
    """A section listing each mutant with its verdict and its diff."""
    out = ["", f"## {title}", ""]
    if not mutants:
        out.append("None.")
    for m in mutants:
        out += [f"### `{m.where}`", "", f"`{m.name}`", "", verdicts[m.name][1]]
        out += ["", "```diff", hunk(m.diff), "```", ""]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", default=str(ROOT / "MUTATION.md"))
    parser.add_argument("--check", action="store_true", help="fail if a survivor has no verdict")
    args = parser.parse_args(argv)
    os.chdir(ROOT)  # mutmut reads its config and mutants/ from here
    results, mutants = load()
    verdicts = current_verdicts(mutants)
    unjudged = [m for m in mutants if m.status in (SURVIVED, NO_TESTS, OTHER) and m.name not in verdicts]
    Path(args.out).write_text(render(results, mutants, verdicts), "utf-8")
    print(
        f"mutation report: {args.out} ({len(mutants)} mutants, {len(unjudged)} survivors without a verdict)"
    )
    for m in unjudged:
        stale = " (its verdict was judged on another line: stale)" if m.name in JUDGED else ""
        print(f"  no verdict{stale}: {m.name} at {m.where}, changed line: {changed_line(m.diff)}")
    return 1 if args.check and unjudged else 0


if __name__ == "__main__":
    sys.exit(main())
