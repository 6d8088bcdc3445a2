"""Fuzz `akool-mock serve` with Schemathesis, driven by the exported OpenAPI document.

    python scripts/fuzz.py [--max-examples N] [--seed S] [--workers W] [--min-cases C]

1. `akool-mock openapi` writes the contract to a temporary file;
2. `akool-mock serve` starts on a free port (manual clock, the given seed, an account with a 32-character key
   and enough credits that thousands of job creates are not cut short by 1006 answers);
3. `schemathesis run` tests every operation against it with every check (`--checks all`), the API key header,
   `--max-examples N` per operation in the fuzzing phase (the examples, coverage and stateful phases add their
   own cases), `--seed S`, and `--url` so that all operations go to the local fake: with a base URL
   Schemathesis ignores the operations' own `servers` (openapi.akool.com and sg3.akool.com);
4. the server is stopped and a summary is printed: cases run, failures, errors, time. The exit status is 0
   only when Schemathesis found nothing, the server logged no internal error, and at least `--min-cases` cases
   ran.

Three built-in checks assume a REST design that Akool does not have. Each is excluded and replaced by a check
of the same property in Akool's terms, defined below; this file is also the Schemathesis hooks module of the
run (the generated config points `hooks` at it), which is how those checks are registered:

- `negative_data_rejection` wants HTTP 4xx for invalid input. Akool answers business errors as HTTP 200 with
  `code != 1000` (ARCHITECTURE.md, "Decisions": "Business errors are HTTP 200 with `code != 1000`, as the real
  API does"); the fake answers an invalid request with 1003 and HTTP 200 by design.
  `akool_negative_data_rejection` runs the built-in check and lets its failure stand only when the answer is a
  success (`code` 1000, or `error_code` 0 / `success: true` on the bare detect APIs).
- `ignored_auth` wants HTTP 401/403 without (or with wrong) credentials. Akool answers 1102 (missing) and
  1101 (invalid) with HTTP 200 (README, "Default credentials"; test_auth_errors in
  tests/mock_server/test_pipeline.py). `akool_ignored_auth` sends each authenticated operation's request
  once without credentials, once with a wrong `x-api-key` and once with a wrong bearer token, and wants those
  codes.
- `unsupported_method` wants HTTP 405 for a method the path does not declare. The fake routes by method and
  path (ARCHITECTURE.md, "Decisions": "routing is by method and path") and answers a (method, path) it does
  not serve with HTTP 404 and code 1008 in the envelope, as test_wrong_method_on_a_known_path_is_404 in
  tests/mock_server/test_pipeline.py pins. `akool_unsupported_method` runs the built-in check and accepts that
  404 envelope instead of a 405.

Every other check stays on, among them `not_a_server_error`, `status_code_conformance`,
`content_type_conformance` and `response_schema_conformance`.

Requests carry only the x-api-key (`--generation-with-security-parameters false`): a generated Authorization
header would win over it (README: "when both headers are sent, Authorization wins") and end most cases at
1101 before any handler runs; `akool_ignored_auth` covers the credentials instead. No example database is kept
(`--generation-database none`), so the seed alone repeats a run, for the same Schemathesis and Hypothesis.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple, cast

import httpx
import schemathesis
from schemathesis.checks import negative_data_rejection, unsupported_method
from schemathesis.core.failures import AcceptedNegativeData
from schemathesis.openapi.checks import UnsupportedMethodResponse

from akool_mock.contract_tests.serve import free_port, require_installed, stop, wait_ready

DEFAULT_MAX_EXAMPLES = 40  # x 59 operations in the fuzzing phase alone is 2,360 cases
DEFAULT_MIN_CASES = 2000
# Stateful scenarios at least, whatever --max-examples says. A scenario starts from a random root, and a
# link is only taken once its source answered with an id, so coverage grows slowly with the count
# (2026-12-02, seed 0: 100 scenarios covered 12 of 72 links in ~30 s, 300 covered 22 in ~60-110 s).
STATEFUL_EXAMPLES = 300
DEFAULT_WORKERS = 2
API_KEY = "akool-mock-fuzz-key-000000000000"  # 32 bytes: it is also the webhook AES key
CLIENT_ID = "AKmockFuzzClient00000001"
CREDITS = 1_000_000_000
PROBE_TIMEOUT_S = 10.0
SUCCESS = 1000
MISSING_CREDENTIALS = 1102
INVALID_CREDENTIALS = 1101
UNKNOWN_ROUTE = 1008
LINKS_LINE = re.compile(r"API Links:\s+(\d+) covered / (\d+) selected / (\d+) total")
# Checks whose REST assumptions Akool does not share; each has an Akool-terms replacement below (see the
# module docstring for the decision each one contradicts).
EXCLUDED_CHECKS = ("negative_data_rejection", "ignored_auth", "unsupported_method")
SCHEMATHESIS_CONFIG = """\
# Written by scripts/fuzz.py.
# The checks of this file (akool_*) are registered by loading it as the hooks module.
hooks = {hooks}
# The stateful phase chains calls along the document's links (mock_server/links.py). A link only carries an id
# when its source succeeded, so its scenarios use valid data; each scenario walks up to 8 links.
[phases.stateful]
max-steps = 8
[phases.stateful.generation]
mode = "positive"
max-examples = {stateful_examples}
# Link inference from Location headers and same-origin URLs in response bodies is off: the fake sends no
# Location header and its only URLs are media results, so there is nothing to learn, and Schemathesis 4.32
# crashes scanning a body that echoes a URL urlsplit() refuses ("http://[..."; Akool's Url schema only
# requires ^https?://). Links are still inferred from the schemas (dependency analysis).
[phases.stateful.inference]
algorithms = ["dependency-analysis"]
"""


# --- Akool-terms replacements of the excluded checks (run inside Schemathesis: this is its hooks module) ---


def _json(content: bytes) -> Any:
    try:
        return json.loads(content)
    except ValueError:
        return None


def _business_code(body: Any) -> int | None:
    """`code` of Akool's envelope, or `error_code` of the bare detect APIs (`success` maps to 1000/other)."""
    if not isinstance(body, dict):
        return None
    for key in ("code", "error_code"):
        value = body.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            return SUCCESS if key == "error_code" and value == 0 else value
    if isinstance(body.get("success"), bool):
        return SUCCESS if body["success"] else None
    return None


def _is_business_error(response: schemathesis.Response) -> bool:
    if response.status_code != 200:
        return False
    body = _json(response.content)
    code = _business_code(body)
    if code is not None:
        return code != SUCCESS
    return isinstance(body, dict) and body.get("success") is False


@schemathesis.check
def akool_negative_data_rejection(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case[Any]
) -> bool | None:
    """Invalid input must not succeed: a business error (HTTP 200, code != 1000) is Akool's rejection."""
    try:
        outcome: bool | None = negative_data_rejection(ctx, response, case)
    except AcceptedNegativeData:
        if _is_business_error(response):
            return None
        raise
    return outcome


@schemathesis.check
def akool_unsupported_method(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case[Any]
) -> bool | None:
    """A method the path does not declare answers HTTP 404 with code 1008 in the envelope (not a 405)."""
    try:
        outcome: bool | None = unsupported_method(ctx, response, case)
    except UnsupportedMethodResponse:
        body = _json(response.content)
        if response.status_code == 404 and isinstance(body, dict) and body.get("code") == UNKNOWN_ROUTE:
            return None
        raise
    return outcome


_AUTH_CODES = (MISSING_CREDENTIALS, INVALID_CREDENTIALS, 1200)  # 1200: banned
_AUTH_PROBED: set[str] = set()
_AUTH_LOCK = threading.Lock()
_AUTH_PROBES: tuple[tuple[dict[str, str], int, str], ...] = (
    ({}, MISSING_CREDENTIALS, "without credentials"),
    ({"x-api-key": "x" * 32}, INVALID_CREDENTIALS, "with a wrong x-api-key"),
    ({"authorization": "Bearer not-a-token"}, INVALID_CREDENTIALS, "with a wrong bearer token"),
)


def _refused(status: int, body: Any, expected: int) -> bool:
    """HTTP 200 with the expected code (analyze_frames has no code to carry: `{success: false, error}`)."""
    if status != 200 or not isinstance(body, dict):
        return False
    if "code" in body or "error_code" in body:
        return _business_code(body) == expected
    return body.get("success") is False and bool(body.get("error"))


@schemathesis.check
def akool_ignored_auth(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case[Any]
) -> bool | None:
    """Once per authenticated operation: a request that got past auth, sent again without or with wrong
    credentials, answers 1102 (missing) or 1101 (invalid) in the operation's own error shape. Auth runs right
    after routing (ARCHITECTURE.md, "How a request flows"), so whatever else the request gets wrong, the
    credentials alone decide the answer."""
    operation = case.operation
    if operation.definition.raw.get("security") == []:  # getToken, the one operation without auth
        return None
    if response.status_code != 200 or _business_code(_json(response.content)) in _AUTH_CODES:
        return None  # not routed (a generated path parameter), or not past auth
    with _AUTH_LOCK:
        if operation.label in _AUTH_PROBED:
            return None
        _AUTH_PROBED.add(operation.label)
    sent = response.request
    headers = {k: str(v) for k, v in sent.headers.items() if k.lower() not in ("x-api-key", "authorization")}
    body = sent.body.encode() if isinstance(sent.body, str) else sent.body
    with httpx.Client(timeout=PROBE_TIMEOUT_S) as client:
        for extra, expected, how in _AUTH_PROBES:
            answer = client.request(
                str(sent.method),
                str(sent.url),
                headers={**headers, **extra},
                content=cast(bytes | None, body),
            )
            if not _refused(answer.status_code, _json(answer.content), expected):
                raise AssertionError(
                    f"Sent {how}, the request should answer HTTP 200 with code {expected}; it answered "
                    f"HTTP {answer.status_code}: {answer.text[:300]}"
                )
    return None


# --- The run ---


class Options(NamedTuple):  # not a dataclass: Schemathesis execs this file without registering the module
    max_examples: int
    seed: int
    workers: int
    min_cases: int


def parse_args(argv: list[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(
        description="Fuzz akool-mock serve with Schemathesis, driven by the exported OpenAPI document."
    )
    parser.add_argument(
        "--max-examples",
        type=int,
        default=DEFAULT_MAX_EXAMPLES,
        help=f"cases per operation in the fuzzing phase (default {DEFAULT_MAX_EXAMPLES})",
    )
    parser.add_argument("--seed", type=int, default=0, help="Schemathesis and server seed (default 0)")
    parser.add_argument(
        "--workers", type=int, default=DEFAULT_WORKERS, help=f"concurrent workers (default {DEFAULT_WORKERS})"
    )
    parser.add_argument(
        "--min-cases",
        type=int,
        default=DEFAULT_MIN_CASES,
        help=f"fail if fewer cases ran (default {DEFAULT_MIN_CASES}; 0 for quick runs)",
    )
    args = parser.parse_args(argv)
    return Options(args.max_examples, args.seed, args.workers, args.min_cases)


def export_openapi(path: Path) -> None:
    command = [sys.executable, "-m", "akool_mock", "openapi", "-o", str(path)]
    subprocess.run(command, check=True, capture_output=True)


@contextmanager
def serve(workdir: Path, seed: int, log: Path) -> Iterator[str]:
    """`akool-mock serve` on a free port; its output goes to `log`; stopped (and reaped) on exit."""
    config = workdir / "fake.json"
    account = {"client_id": CLIENT_ID, "api_key": API_KEY, "credits": CREDITS}
    config.write_text(json.dumps({"accounts": [account]}), encoding="utf-8")
    port = free_port()
    command = [sys.executable, "-m", "akool_mock", "serve", "--port", str(port)]
    command += ["--clock", "manual", "--seed", str(seed), "--config", str(config)]
    base_url = f"http://127.0.0.1:{port}"
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        try:
            wait_ready(base_url, process, log.read_text)
            yield base_url
        finally:
            stop(process)


def schemathesis_command(
    spec: Path, config: Path, report: Path, base_url: str, options: Options
) -> list[str]:
    return [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(config),
        "run",
        str(spec),
        "--url",
        base_url,  # every operation, whichever host its `servers` names, goes to the local fake
        "--header",
        f"x-api-key: {API_KEY}",
        "--checks",
        "all",
        "--exclude-checks",
        ",".join(EXCLUDED_CHECKS),
        "--max-examples",
        str(options.max_examples),
        "--seed",
        str(options.seed),
        # Only the x-api-key authenticates (see the module docstring); akool_ignored_auth covers auth.
        "--generation-with-security-parameters",
        "false",
        "--generation-database",  # no examples remembered from earlier runs: a seed alone repeats a run
        "none",
        "--workers",
        str(options.workers),
        "--report",
        "json",
        "--report-json-path",
        str(report),
        "--no-color",
    ]


def internal_errors(base_url: str) -> int:
    stats = httpx.get(f"{base_url}/_mock/stats", timeout=5.0).json()
    return int(stats.get("internal_errors", 0))


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    require_installed()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="akool-fuzz-") as tmp:
        workdir = Path(tmp)
        spec, report, log = workdir / "akool.json", workdir / "report.json", workdir / "serve.log"
        config = workdir / "schemathesis.toml"
        hooks = json.dumps(str(Path(__file__).resolve()))
        stateful_examples = max(STATEFUL_EXAMPLES, options.max_examples)
        config.write_text(SCHEMATHESIS_CONFIG.format(hooks=hooks, stateful_examples=stateful_examples))
        export_openapi(spec)
        print(
            f"fuzz: seed {options.seed}, {options.max_examples} examples per operation, {options.workers} "
            f"worker(s)",
            flush=True,
        )
        with serve(workdir, options.seed, log) as base_url:
            command = schemathesis_command(spec, config, report, base_url, options)
            print("fuzz: " + " ".join(command[1:]).replace(API_KEY, "[key]"), flush=True)
            # cwd: Schemathesis keeps crash files under ./.schemathesis. UTF-8: its report prints emoji,
            # which a C locale (tox passes few variables) cannot encode.
            env = {**os.environ, "PYTHONUTF8": "1"}
            returncode, output = run_teed(command, workdir, env)
            crashed = internal_errors(base_url)
        server_log = log.read_text(encoding="utf-8", errors="replace")
        results = json.loads(report.read_text(encoding="utf-8")) if report.exists() else {}
    elapsed = time.monotonic() - started
    return summarize(
        options,
        returncode,
        results,
        crashed=crashed,
        server_log=server_log,
        elapsed=elapsed,
        links=links_covered(output),
    )


def links_text(links: tuple[int, int, int] | None) -> str:
    if links is None:
        return "not reported (the stateful phase did not run)"
    return f"{links[0]} covered / {links[1]} selected / {links[2]} total (stateful phase)"


def run_teed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    """Run `command`, printing its output as it comes and keeping it (the links line is read from it)."""
    kept: list[str] = []
    with subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, encoding="utf-8"
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            print(line, end="", flush=True)
            kept.append(line)
    return process.returncode, "".join(kept)


def links_covered(output: str) -> tuple[int, int, int] | None:
    """(covered, selected, total) from Schemathesis' "API Links: N covered / M selected / T total" line."""
    found = LINKS_LINE.findall(output)
    if not found:
        return None
    covered, selected, total = found[-1]
    return int(covered), int(selected), int(total)


def summarize(
    options: Options,
    returncode: int,
    results: dict[str, Any],
    *,
    crashed: int,
    server_log: str,
    elapsed: float,
    links: tuple[int, int, int] | None = None,
) -> int:
    cases = results.get("test_cases", {})
    generated = int(cases.get("generated", 0))
    failures = results.get("failures", [])
    errors = results.get("errors", [])
    print("\n==== akool-mock fuzz summary ====")
    print(f"seed:       {options.seed} (repeat with --seed {options.seed})")
    print(f"operations: {results.get('operations', {}).get('tested', '?')} tested")
    print(f"cases:      {generated} run, {cases.get('with_failures', '?')} with failures")
    for failure in failures:
        print(
            f"failure:    {failure.get('code')} {failure.get('title')} x{failure.get('count')}: "
            f"{', '.join(failure.get('operations', []))}"
        )
    for error in errors:
        print(f"error:      {json.dumps(error)[:300]}")
    print(f"links:      {links_text(links)}")
    print(f"server:     {crashed} internal error(s)")
    if crashed:
        print(server_log[-5000:])
    print(f"time:       {elapsed:.0f} s")
    problems = []
    if returncode != 0 or failures or errors:
        problems.append(f"schemathesis exited with {returncode}")
    if crashed:
        problems.append("the fake logged internal errors")
    if links is not None and links[2] and not links[0]:
        problems.append(f"the stateful phase covered none of the {links[2]} links")
    if generated < options.min_cases:
        problems.append(f"only {generated} cases ran (at least {options.min_cases} wanted)")
    print("result:     " + ("FAILED: " + "; ".join(problems) if problems else "passed"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
