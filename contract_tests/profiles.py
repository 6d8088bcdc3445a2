"""Hypothesis profiles of the contract suite, and how many examples each kind of test gets under them.

- `dev` (default): random, more examples; a failure prints the seed and the blob to reproduce it.
- `ci` (CI=true, or HYPOTHESIS_PROFILE=ci): derandomized (the same cases every run), no example database,
  sized so the whole suite stays under two minutes on 2 cores. `--akool-seed N` picks another fixed set:
  hypothesis ignores a seed while it derandomizes, so with a seed the profile seeds every test with N instead.
- `quick` (HYPOTHESIS_PROFILE=quick): `ci` without shrinking: the first failing case is reported as found.
  For checking that a target is broken, fast (the harness's own tests use it).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from hypothesis import HealthCheck, Phase, settings

PROFILES = ("dev", "ci", "quick")
# examples per generated test, per profile: positive (per operation), negative (per operation), auth
# (per operation), machine runs (per job kind or resource) and steps per run.
BUDGETS: Mapping[str, Mapping[str, int]] = {
    "dev": {"positive": 25, "negative": 25, "auth": 3, "machine": 10, "steps": 20},
    "ci": {"positive": 12, "negative": 12, "auth": 1, "machine": 8, "steps": 20},
}
BUDGETS = {**BUDGETS, "quick": BUDGETS["ci"]}
NO_SHRINK = (Phase.explicit, Phase.reuse, Phase.generate, Phase.target)
SUPPRESSED = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much]


def active(environ: Mapping[str, str]) -> str:
    """The profile this run uses: $HYPOTHESIS_PROFILE when it is ours, else `ci` under CI, else `dev`."""
    chosen = environ.get("HYPOTHESIS_PROFILE")
    if chosen in PROFILES:
        return str(chosen)
    return "ci" if environ.get("CI") else "dev"


def load(environ: Mapping[str, str] | None = None, seed: int | None = None) -> str:
    """Register the profiles and load the active one; returns its name.

    `seed` (from --akool-seed, which the plugin also hands to hypothesis as its seed) turns derandomizing
    off in `ci` and `quick`, so that the seed, not the test's name, fixes the cases: seed N is one fixed set.
    """
    settings.register_profile("dev", deadline=None, print_blob=True, suppress_health_check=SUPPRESSED)
    settings.register_profile(
        "ci",
        deadline=None,
        derandomize=seed is None,
        database=None,
        print_blob=True,
        suppress_health_check=SUPPRESSED,
    )
    settings.register_profile("quick", settings.get_profile("ci"), phases=NO_SHRINK)
    name = active(os.environ if environ is None else environ)
    settings.load_profile(name)
    return name


def budget(kind: str, environ: Mapping[str, str] | None = None) -> int:
    return BUDGETS[active(os.environ if environ is None else environ)][kind]
