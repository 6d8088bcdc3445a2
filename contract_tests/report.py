"""What a run covered, per target: operations exercised, negative rules, lifecycle transitions, drift,
and the rules checked per operation.

The `Recorder` is told about every exchange and transition by the suite; at the end of the run the plugin
prints `table()` (with `--akool-rules`, also `rules_table()`) and, with `--akool-report FILE`, writes
`as_json()`. The rules come from the suite itself: the plugin tells the recorder which test runs
(`begin`/`end`), and every exchange sent during it counts as that test's rule checked on that operation.
This module imports nothing heavy: the plugin loads it in every pytest run.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SUCCESS = 1000


@dataclass
class Coverage:
    """One target's record."""

    exercised: Counter[str] = field(default_factory=Counter)  # op id -> conforming 1000 answers
    sent: Counter[str] = field(default_factory=Counter)  # op id -> requests sent
    negative: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # (rule, op, field)
    auth: Counter[tuple[int, str]] = field(default_factory=Counter)  # (code, op)
    transitions: dict[str, Counter[str]] = field(default_factory=dict)  # job op -> "1→2" -> count
    drift: list[dict[str, Any]] = field(default_factory=list)
    rules: dict[str, Counter[str]] = field(default_factory=dict)  # op id -> rule -> exchanges
    broken: set[tuple[str, str]] = field(default_factory=set)  # (op id, rule) of a failed test


@dataclass(frozen=True)
class Rule:
    """A test of the suite, as a rule: `key` names it (module::function), `text` says what it checks."""

    key: str
    text: str


class Recorder:
    """Collects coverage for every target of the run (usually one)."""

    def __init__(self, total_operations: int | None = None) -> None:
        self._total = total_operations
        self.targets: dict[str, Coverage] = {}
        self.meta: dict[str, Any] = {}
        self.rule_texts: dict[str, str] = {}  # rule key -> what it checks, in the order first run
        self._rule: str | None = None  # the rule of the test running now
        self._touched: set[tuple[str, str]] = set()  # (target, op id) sent to by the test running now

    @property
    def total(self) -> int:
        """Every operation of the contract (read when a report is made: the plugin loads in every run)."""
        if self._total is None:
            from akool_mock.schemas import load_catalog

            self._total = len(load_catalog())
        return self._total

    def of(self, target: str) -> Coverage:
        return self.targets.setdefault(target, Coverage())

    @property
    def empty(self) -> bool:
        return not any(c.sent or c.transitions for c in self.targets.values())

    def exchange(self, target: str, op_id: str, code: int | None, conforms: bool) -> None:
        coverage = self.of(target)
        coverage.sent[op_id] += 1
        if code == SUCCESS and conforms:
            coverage.exercised[op_id] += 1
        self.checked(target, op_id)

    def checked(self, target: str, op_id: str) -> None:
        """The running test checked its rule on `op_id` without an exchange of it (a path beside it)."""
        if self._rule is not None:
            self.of(target).rules.setdefault(op_id, Counter())[self._rule] += 1
            self._touched.add((target, op_id))

    def begin(self, rule: Rule) -> None:
        """A test starts: the exchanges until `end` check `rule` on their operations."""
        self.rule_texts.setdefault(rule.key, rule.text)
        self._rule, self._touched = rule.key, set()

    def end(self, failed: bool) -> None:
        """The test ended; if it failed, its rule is broken on every operation it sent to."""
        if failed and self._rule is not None:
            for target, op_id in self._touched:
                self.of(target).broken.add((op_id, self._rule))
        self._rule, self._touched = None, set()

    def negative(self, target: str, rule: str, op_id: str, field_path: str) -> None:
        self.of(target).negative[(rule, op_id, field_path)] += 1

    def auth(self, target: str, code: int, op_id: str) -> None:
        self.of(target).auth[(code, op_id)] += 1

    def transition(self, target: str, op_id: str, before: int | None, after: int) -> None:
        label = f"{'new' if before is None else before}→{after}"
        self.of(target).transitions.setdefault(op_id, Counter())[label] += 1

    def drift(self, target: str, op_id: str, problems: list[str]) -> None:
        self.of(target).drift.append({"operation": op_id, "problems": problems})

    # ----- output -----------------------------------------------------------------------------------
    def summary(self, target: str) -> dict[str, Any]:
        c = self.of(target)
        rules = Counter(rule for rule, _op, _field in c.negative)
        return {
            "operations_exercised": len(c.exercised),
            "operations_total": self.total,
            "operations": {op: {"sent": c.sent[op], "succeeded": c.exercised[op]} for op in sorted(c.sent)},
            "not_exercised": sorted(set(c.sent) - set(c.exercised)),
            "negative_rules": dict(sorted(rules.items())),
            "negative_cases": len(c.negative),
            "negative_fields": sorted({f"{op} {f}" for _r, op, f in c.negative}),
            "auth": {
                str(code): len({op for cd, op in c.auth if cd == code})
                for code in sorted({k for k, _ in c.auth})
            },
            "lifecycles": {op: dict(sorted(t.items())) for op, t in sorted(c.transitions.items())},
            "drift": c.drift,
            "rules": {
                op: {rule: "failed" if (op, rule) in c.broken else "held" for rule in sorted(rules)}
                for op, rules in sorted(c.rules.items())
            },
        }

    def as_json(self) -> dict[str, Any]:
        return {
            "meta": self.meta,
            "rules": dict(self.rule_texts),
            "targets": {name: self.summary(name) for name in self.targets},
        }

    def write(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.as_json(), indent=2, ensure_ascii=False) + "\n", "utf-8")

    def table(self) -> str:
        lines = []
        for name in self.targets:
            s = self.summary(name)
            rules = ", ".join(f"{rule} {n}" for rule, n in s["negative_rules"].items()) or "none"
            auth = ", ".join(f"{code} on {n} ops" for code, n in s["auth"].items()) or "none"
            lines += [
                f"akool contract suite, target {name}",
                f"  operations exercised  {s['operations_exercised']}/{s['operations_total']}"
                + (f"  (not: {', '.join(s['not_exercised'])})" if s["not_exercised"] else ""),
                f"  negative rules        {s['negative_cases']} cases: {rules}",
                f"  auth                  {auth}",
                f"  lifecycles            {len(s['lifecycles'])} job kinds",
            ]
            width = max((len(op) for op in s["lifecycles"]), default=0)
            for op, transitions in s["lifecycles"].items():
                lines.append(f"    {op:<{width}}  {' '.join(sorted(transitions))}")
            lines.append(f"  drift findings        {len(s['drift'])}")
            lines += [f"    {d['operation']}: {'; '.join(d['problems'])[:200]}" for d in s["drift"]]
        return "\n".join(lines)

    def rules_table(self) -> str:
        """Per target, the rules (tests of the suite) that ran, numbered, then each operation with the
        numbers of the rules checked on it; `!` marks a rule that failed there. What a green run means."""
        used = {rule for c in self.targets.values() for rules in c.rules.values() for rule in rules}
        numbers = {key: n for n, key in enumerate((k for k in self.rule_texts if k in used), 1)}
        lines = []
        for name, c in self.targets.items():
            if not c.rules:
                continue
            lines.append(f"akool rules checked per operation, target {name} (! = failed)")
            mine = {numbers[r] for rules in c.rules.values() for r in rules}
            for key, n in numbers.items():
                if n in mine:
                    lines.append(f"  {n:>2}  {key}: {self.rule_texts[key]}")
            width = max(len(op) for op in c.rules)
            for op, rules in sorted(c.rules.items()):
                marks = [
                    f"{numbers[r]}{'!' if (op, r) in c.broken else ''}"
                    for r in sorted(rules, key=lambda r: numbers[r])
                ]
                lines.append(f"  {op:<{width}}  {' '.join(marks)}")
        return "\n".join(lines)
