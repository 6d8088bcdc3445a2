"""Verdicts on the mutants that survived a run of `scripts/mutation.py`, read by `scripts/mutation_report.py`.

mutant name -> ("equivalent", why no client can observe it) or ("gap", the test of the suite that would
kill it). A name is mutmut's: module, function (class and method as `xǁClassǁmethod`) and mutant number;
names are stable while the mutated function's source does not change.
"""

from __future__ import annotations

VERDICTS: dict[str, tuple[str, str]] = {}
