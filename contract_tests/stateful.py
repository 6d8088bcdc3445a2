"""Hypothesis state machines: one per job kind (built from the catalog) and one per stateful resource.

Job kinds: `job_machine(op, harness)` makes a `RuleBasedStateMachine` for any job-creating operation from
its catalog entry (poll operation, status field, result fields, media): create, poll, advance the clock,
force completion or failure, cancel, delete, list. Invariants, checked as the machine goes:

- a status never goes back, and a terminal status (3, 4) is final; a job on the clock's lifecycle is
  finished once the clock has moved a day;
- the first poll shows what the create sent, under the names the docs' example poll shows
  (`contract_tests.shapes.unechoed`);
- the result URL serves the right media type exactly from completion on (before, it serves nothing);
- each poll shows what the job kind's own page shows (`contract_tests.outcomes`), and a result URL the
  create answered is the one every poll shows; a button used on an image is listed by that image;
- credits are charged once, at creation, and a failed job gives them back (schemas/NOTES.md
  #audit-credits-on-failure): polls, time and completion never change the quota again;
- a deleted job is gone from its poll; a poll of several ids answers exactly the live ones;
- another account never sees the jobs (each poll is repeated with a second account's key);
- every webhook delivery verifies and decrypts, names a job by the id its create and polls gave, and tells
  at most one outcome, the one that was polled (at teardown; deliveries may arrive in any order).

Resources (voices, knowledge bases, streaming sessions) are in `contract_tests.resources`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    precondition,
    rule,
)

from akool_mock.contract_tests import checks, outcomes
from akool_mock.contract_tests.exchange import Connection, Exchange
from akool_mock.contract_tests.report import Recorder
from akool_mock.contract_tests.shapes import unechoed
from akool_mock.contract_tests.strategies import valid_requests
from akool_mock.contract_tests.targets import NotControllable, Target
from akool_mock.contract_tests.world import World, build_world
from akool_mock.schemas import JobSpec, Operation, PollSpec, load_catalog
from akool_mock.sdk import AkoolClient
from akool_mock.sdk.webhooks import verify_and_decrypt

TERMINAL = (3, 4)
CLOCK_PAST_EVERY_DURATION = 86_400  # seconds
# "Generated resources are valid for 7 days" (faceswap, live-faceswap and other pages): a result URL may
# stop serving once the clock has moved that far past the job's completion.
RESULT_LIFETIME = 7 * 86_400  # seconds
FAILED = 4
MEDIA = {"image": "image/", "video": "video/", "audio": "audio/"}
# Poll operation -> (the operation that deletes its jobs, the field) and the one that cancels them.
DELETES = {
    "faceswap.list_results": ("faceswap.delete_results", "_ids"),
    "image2video.get_results": ("image2video.delete", "_ids"),
}
CANCELS = {"faceswap.list_results": ("faceswap.cancel_job", "job_ids")}
# Job kinds whose requests name a finished job of another kind (the world creates one first).
NEEDS = {
    "images.create_by_button": ("images.create_by_prompt",),
    "image2video.update_audio": ("image2video.create",),
    "headswap.create_task": ("headswap.submit_analysis",),
}


@dataclass
class Harness:
    """What a machine works with: the target, an SDK connection, the run's recorder."""

    target: Target
    conn: Connection
    recorder: Recorder

    def send(self, op: Operation, request: dict[str, Any], client: AkoolClient | None = None) -> Exchange:
        return self.checked(self.conn.send(op, request, client))

    def checked(self, exchange: Exchange, examples: bool = True) -> Exchange:
        """Record `exchange`, and check it conforms (a non-conforming answer is recorded as drift) and, on
        success, carries the fields of the docs' example answer (unless `examples` is False: an answer the
        operation's examples do not describe)."""
        violations = exchange.op.response_errors(exchange.body) if exchange.body is not None else []
        name, op_id = self.target.name, exchange.op.id
        self.recorder.exchange(name, op_id, exchange.code, exchange.body is not None and not violations)
        if violations:
            self.recorder.drift(name, op_id, [str(v) for v in violations[:5]])
        checks.conforms_to_schema(exchange)
        if examples:
            checks.carries_example_fields(exchange)
        return exchange

    def call(self, op_id: str, **request: Any) -> Exchange:
        return self.send(load_catalog().operation(op_id), request)

    def credit(self) -> float:
        return float(self.call("faceswap.get_quota", query={}).data["credit"])


@dataclass
class JobModel:
    status: int | None = None
    cost: float = 0.0  # charged at creation; refunded if the job fails
    deleted: bool = False
    media_checked: set[int] = field(default_factory=set)
    webhook: bool = False  # created with the target's webhook URL: its outcome must be delivered
    born: float = 0.0  # the seconds the machine had moved the clock when the job was created
    sent: dict[str, Any] = field(default_factory=dict)  # the create's body
    promised: dict[str, str] = field(default_factory=dict)  # result URLs the create answered


class JobMachine(RuleBasedStateMachine):
    """The lifecycle of the jobs of one job-creating operation (`op`)."""

    op: ClassVar[Operation]
    h: ClassVar[Harness]
    jobs = Bundle("jobs")

    def __init__(self) -> None:
        super().__init__()
        self.h.target.reset()
        self.world: World = build_world(self.h.conn, self.h.target, only=NEEDS.get(self.op.id, ()))
        self.model: dict[str, JobModel] = {}
        self.moved = 0.0  # seconds this machine has moved the target's clock
        self.poller = load_catalog().operation(self.spec.poll_operation)
        self.expected_credit = self.h.credit()
        self.stranger = self._stranger()

    def _stranger(self) -> AkoolClient | None:
        try:
            credentials = self.h.target.stranger()
        except NotControllable:
            return None
        return self.h.conn.new_client(max_retries=0, **credentials.client_options())

    @property
    def spec(self) -> JobSpec:
        assert self.op.job is not None
        return self.op.job

    @property
    def poll_spec(self) -> PollSpec:
        assert self.poller.poll is not None
        return self.poller.poll

    def fail(self, exchange: Exchange, problem: str) -> None:
        raise checks.CheckFailure(exchange, problem)

    # ----- rules --------------------------------------------------------------------------------------
    @initialize(target=jobs, data=st.data())
    def first(self, data: st.DataObject) -> Any:
        return self.create(data)

    @rule(target=jobs, data=st.data())
    def create(self, data: st.DataObject) -> Any:
        request = data.draw(valid_requests(self.op, self.world.refs_for(self.op)), label="request")
        exchange = self.h.send(self.op, request)
        checks.business_code_expected(exchange)
        if exchange.code != checks.SUCCESS:
            return multiple()
        ids = job_ids(self.op, exchange.body)
        url = self.h.target.webhook_url
        body = request.get("body") or {}
        hooked = bool(url) and any(body.get(key) == url for key in ("webhookUrl", "webhookurl"))
        answered = exchange.data if isinstance(exchange.data, dict) and len(ids) == 1 else {}
        # A result URL the create already answers (face swap v3 and reage) is the one every poll shows.
        promised = {
            name: str(answered[name])
            for name in self.spec.result_fields
            if str(answered.get(name)).startswith("http")
        }
        for job_id in ids:
            cost = float(self.h.target.job(job_id)["cost"] or 0)
            self.model[job_id] = JobModel(
                cost=cost, webhook=hooked, born=self.moved, sent=body, promised=promised
            )
            self.poll(job_id)
            self.echoes(job_id, body)
        return multiple(*ids)

    def echoes(self, job: str, body: dict[str, Any]) -> None:
        """What the create sent shows in the poll under the same name (a name the docs' poll example has)."""
        exchange, item = self.read(job)
        wrong = unechoed(self.op, self.poller, body, item or {})
        if wrong:
            self.fail(exchange, f"job {job} shows other values than its create sent: {'; '.join(wrong)}")

    @rule(job=jobs)
    def poll(self, job: str) -> None:
        exchange, item = self.read(job)
        model = self.model[job]
        if model.deleted:
            if item is not None:
                self.fail(exchange, f"job {job} was deleted but its poll still shows it")
            return
        if item is None:
            self.fail(exchange, f"job {job} is missing from its poll")
        self.seen(exchange, job, item)
        self.unseen_by_stranger(job)

    def unseen_by_stranger(self, job: str) -> None:
        if self.stranger is None:
            return
        exchange, item = self.read(job, client=self.stranger)
        if item is not None:
            self.fail(exchange, f"job {job} of one account is shown to another account's poll")

    def seen(self, exchange: Exchange, job: str, item: dict[str, Any]) -> None:
        """`job` shown as `item`: its status may only go forward, and its result must match it."""
        model = self.model[job]
        status = int(item[self.poll_spec.status_field])
        self.check_status(exchange, job, model.status, status)
        if status != model.status:
            self.h.recorder.transition(self.h.target.name, self.op.id, model.status, status)
        model.status = status
        wrong = outcomes.problems(self.op.id, item, status)
        wrong += [
            f"{name} is {item.get(name)!r}, its create answered {url!r}"
            for name, url in model.promised.items()
            if item.get(name) != url
        ]
        if wrong:
            self.fail(exchange, f"job {job} at status {status}: {'; '.join(wrong)}")
        self.check_media(exchange, job, item, status)

    @rule(seconds=st.sampled_from([1, 3, 10, 30, 120, 600]))
    def advance(self, seconds: int) -> None:
        self.move_clock(seconds)

    def move_clock(self, seconds: float) -> None:
        self.h.target.advance(seconds)
        self.moved += seconds

    @rule(job=jobs, outcome=st.sampled_from(["complete", "fail"]))
    def force(self, job: str, outcome: str) -> None:
        if self.model[job].deleted or self.h.target.job(job)["status"] in TERMINAL:
            return
        if outcome == "complete":
            self.h.target.complete(job)
        else:
            self.h.target.fail(job, "no face found in the source image")
        self.poll(job)

    @rule(job=jobs)
    def clock_finishes(self, job: str) -> None:
        """A job that follows the target's clock (policy `time`) is finished once the clock has moved past
        its planned durations (a day: every default is minutes; ARCHITECTURE.md, the `time` lifecycle):
        time alone moves jobs, not only forced outcomes."""
        if self.model[job].deleted or self.h.target.job(job)["policy"] != "time":
            return
        self.move_clock(CLOCK_PAST_EVERY_DURATION)
        exchange, item = self.read(job)
        if item is None:
            self.fail(exchange, f"job {job} is missing from its poll")
        self.seen(exchange, job, item)
        if self.model[job].status not in TERMINAL:
            self.fail(
                exchange, f"job {job} still shows status {self.model[job].status} after the clock moved a day"
            )

    @precondition(lambda self: self.op.id == "images.create_by_button")
    @rule(job=jobs)
    def source_shows_buttons(self, job: str) -> None:
        """The image a button was used on lists the button in `used_buttons`, and, once a U (upscale) job made
        from it completes, that job's image in `upscaled_urls` (image-generate page's info answer; NOTES.md
        #images-button-source)."""
        self.force(job, "complete")
        sent, status = self.model[job].sent, self.model[job].status
        made = self.read(job)[1] or {}
        exchange, source = self.read(str(sent.get("_id")))
        if source is None:
            self.fail(exchange, f"the image {sent.get('_id')} button job {job} was made from is not shown")
        button = str(sent.get("button"))
        if button not in source.get("used_buttons", []):
            self.fail(exchange, f"button {button} was used on this image (job {job}), used_buttons lacks it")
        upscaled = source.get("upscaled_urls", [])
        if status == 3 and button.startswith("U") and made.get("image") not in upscaled:
            self.fail(exchange, f"the upscale {made.get('image')!r} of job {job} is not in upscaled_urls")

    @precondition(lambda self: self.poller.id in CANCELS)
    @rule(job=jobs)
    def cancel(self, job: str) -> None:
        if self.model[job].deleted:
            return
        self.poll(job)
        before = self.model[job].status
        op_id, name = CANCELS[self.poller.id]
        checks.succeeded(self.h.call(op_id, body={name: job}))
        self.poll(job)
        after = self.model[job].status
        if before not in TERMINAL and after != 4:
            self.fail(self.read(job)[0], f"job {job} was canceled with status {before} but shows {after}")

    @precondition(lambda self: self.poller.id in DELETES)
    @rule(job=jobs)
    def delete(self, job: str) -> None:
        op_id, name = DELETES[self.poller.id]
        exchange = self.h.call(op_id, body={name: job})
        checks.succeeded(exchange)
        # image2video deletes only finished videos and lists the ids it deleted (delbyids page)
        deleted = (exchange.data or {}).get("successIds", [job])
        self.model[job].deleted = self.model[job].deleted or job in deleted
        self.poll(job)

    @precondition(lambda self: self.poller.poll is not None and self.poller.poll.many and self.model)
    @rule()
    def list_jobs(self) -> None:
        exchange, items = self.read(",".join(self.model), many=True)
        shown = {str(item["_id"]) for item in items}
        live = {job for job, model in self.model.items() if not model.deleted}
        for item in items:
            if str(item["_id"]) in live:
                self.seen(exchange, str(item["_id"]), item)
        if shown != live:
            self.fail(
                exchange, f"the poll of every job answered {sorted(shown)}, the live ones are {sorted(live)}"
            )

    @invariant()
    def charged_once(self) -> None:
        credit = self.h.credit()
        kept = [m.cost for job, m in self.model.items() if self.h.target.job(job)["status"] != FAILED]
        expected = self.expected_credit - sum(kept)
        if abs(credit - expected) > 1e-6:
            exchange = self.h.call("faceswap.get_quota", query={})
            self.fail(exchange, f"credit is {credit}, expected {expected} after {self.op.id} jobs")

    def teardown(self) -> None:
        try:
            deliveries = self.h.target.webhooks()
        except NotControllable:
            return
        check_webhooks(self, deliveries)

    # ----- reading and checking -------------------------------------------------------------------------
    def read(self, ids: str, many: bool = False, client: AkoolClient | None = None) -> tuple[Exchange, Any]:
        """Poll `ids` (as `client`, else the target's account); the job object (None when not shown), or
        for several ids the list of objects."""
        spec = self.poll_spec
        location, _, name = spec.id_in.partition(".")
        exchange = self.h.send(self.poller, {location: {name: ids}}, client)
        found: Any = exchange.data if exchange.code == checks.SUCCESS else None
        for part in spec.items_path.split(".")[1:]:
            found = found.get(part) if isinstance(found, dict) else None
        if many:
            return exchange, found or []
        if isinstance(found, list):
            found = next((item for item in found if str(item.get("_id")) == ids), None)
        return exchange, found

    def check_status(self, exchange: Exchange, job: str, before: int | None, after: int) -> None:
        if before is not None and after < before:
            self.fail(exchange, f"job {job} went back from status {before} to {after}")
        if before in TERMINAL and after != before:
            self.fail(exchange, f"job {job} left the terminal status {before} for {after}")

    def check_media(self, exchange: Exchange, job: str, item: dict[str, Any], status: int) -> None:
        prefix = MEDIA.get(self.spec.media)
        model = self.model[job]
        if prefix is None or status in model.media_checked or status == 4:
            return
        if status == 3 and self.moved - model.born >= RESULT_LIFETIME:
            return  # it may have completed more than the result lifetime ago: its URL may have expired
        model.media_checked.add(status)
        urls = [str(item.get(f) or "") for f in self.spec.result_fields]
        urls = [url for url in urls if url.startswith("http")]
        if status == 3 and not urls:
            self.fail(exchange, f"job {job} completed without a result URL in {self.spec.result_fields}")
        for url in urls[:1]:
            served, media_type = self.h.target.fetch(url)
            if status == 3 and (served != 200 or not media_type.startswith(prefix)):
                self.fail(exchange, f"the result {url} answered HTTP {served} {media_type!r}, not {prefix}*")
            if status != 3 and served == 200:
                self.fail(
                    exchange, f"job {job} has status {status} but its result {url} already serves media"
                )


def check_webhooks(machine: JobMachine, deliveries: list[dict[str, Any]]) -> None:
    """Every delivery verifies and decrypts, names a known job, and tells the outcome the polls showed; a
    job created with the target's webhook URL and polled as finished has had its outcome delivered."""
    creds = machine.h.target.credentials
    seen: dict[str, list[int]] = {}
    for body in deliveries:
        event = verify_and_decrypt(
            body, client_id=creds.client_id or "", client_secret=creds.secret or "", tolerance=None
        )
        seen.setdefault(event.id, []).append(int(event.status))
    strangers = sorted(set(seen) - set(machine.model) - machine.world.created)
    if strangers:
        raise AssertionError(
            f"{machine.op.id}: webhooks name jobs {strangers}, an id no create or poll answer gave "
            f"(the jobs are {sorted(machine.model)})"
        )
    for job, statuses in seen.items():
        model = machine.model.get(job)
        if model is None or model.deleted:
            continue
        # Deliveries may arrive in any order (nothing in the docs orders them; each status is sent on its
        # own), so what is checked is what they say: one outcome at most, and the one the polls showed.
        outcomes = sorted({status for status in statuses if status in TERMINAL})
        if len(outcomes) > 1:
            raise AssertionError(f"{machine.op.id}: webhooks of job {job} told two outcomes: {statuses}")
        if model.status in TERMINAL and outcomes and outcomes[0] != model.status:
            raise AssertionError(
                f"{machine.op.id}: job {job} was polled as {model.status}, its webhook said {outcomes[0]}"
            )
    for job, model in machine.model.items():
        if model.webhook and not model.deleted and model.status in TERMINAL and job not in seen:
            raise AssertionError(
                f"{machine.op.id}: job {job} was created with webhookUrl {machine.h.target.webhook_url} and "
                f"polled as {model.status}, but no webhook was delivered for it"
            )


def job_ids(op: Operation, body: Any) -> list[str]:
    """The job ids in a create's answer, where the catalog says they are (`data._id`,
    `data.successList[*]._id`); read from the wire, whatever the SDK makes of the envelope."""
    found: list[Any] = [body]
    for part in (op.job.id_path if op.job else "data._id").split("."):
        many = part.endswith("[*]")
        key = part.removesuffix("[*]")
        found = [item.get(key) for item in found if isinstance(item, dict)]
        if not many:  # a one-item array where the page documents one (avatars.create type 1)
            found = [item for value in found for item in (value if isinstance(value, list) else [value])]
        if many:
            found = [item for value in found if isinstance(value, list) for item in value]
    return [str(item) for item in found if item]


def job_machine(op: Operation, harness: Harness) -> type[JobMachine]:
    """The state machine of `op`'s jobs, bound to `harness`."""
    name = "".join(part.title() for part in op.id.replace(".", "_").split("_")) + "Lifecycle"
    return type(name, (JobMachine,), {"op": op, "h": harness})


def job_operations() -> list[Operation]:
    # A deprecated operation has no lifecycle on a target that follows Akool's 2026 docs: it is refused.
    return [
        op for op in load_catalog().operations if op.kind == "job_create" and not op.raw.get("deprecated")
    ]
