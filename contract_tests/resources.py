"""State machines of the stateful resources: voice clones, knowledge bases, streaming sessions.

Each run starts from a reset target and keeps a model of what it made. Invariants: a deleted resource is
gone from its list and its detail; the list holds exactly the live resources; a clone's status never goes
back; a closed session stays closed. The SDK's typed methods are used where the SDK has them
(`client.voices.*`, `client.knowledge.*`), `client.call` elsewhere; every answer is still read off the wire
and checked against its response schema.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, invariant, multiple, rule

from akool_mock.contract_tests import checks
from akool_mock.contract_tests.exchange import Exchange
from akool_mock.contract_tests.stateful import Harness
from akool_mock.contract_tests.strategies import realistic, valid_requests
from akool_mock.contract_tests.world import World, build_world
from akool_mock.schemas import load_catalog
from akool_mock.sdk.errors import AkoolError, NotFoundError


class ResourceMachine(RuleBasedStateMachine):
    h: ClassVar[Harness]

    def __init__(self) -> None:
        super().__init__()
        self.h.target.reset()
        self.world: World = build_world(self.h.conn, self.h.target, only=())
        self.live: dict[str, Any] = {}
        self.gone: set[str] = set()

    def typed(self, op_id: str, call: Callable[[], Any]) -> Exchange:
        """Run a typed SDK method of `op_id`, and check its answer off the wire like any other."""
        conn = self.h.conn
        conn.tap.request = conn.tap.response = None
        data: Any = None
        error: AkoolError | None = None
        try:
            data = call()
        except AkoolError as exc:
            error = exc
        response = conn.tap.response
        body = response.json() if response is not None else None
        op = load_catalog().operation(op_id)
        status = response.status_code if response is not None else None
        return self.h.checked(Exchange(op, {}, status, body, data, error, conn.curl()))

    def expect_listed(self, exchange: Exchange, listed: set[str]) -> None:
        if listed != set(self.live):
            raise checks.CheckFailure(
                exchange, f"the list shows {sorted(listed)}, the live resources are {sorted(self.live)}"
            )


class VoiceClones(ResourceMachine):
    """clone -> get / list -> delete."""

    voices = Bundle("voices")

    @rule(target=voices, name=realistic("name"), audio=realistic("source_voice_file"))
    def clone(self, name: str, audio: str) -> str:
        exchange = self.typed(
            "voices.clone", lambda: self.h.conn.client.voices.clone(source_voice_file=audio, name=name)
        )
        checks.succeeded(exchange)
        self.live[exchange.data.id] = int(exchange.data.status)
        return str(exchange.data.id)

    @rule(voice=voices)
    def get(self, voice: str) -> None:
        exchange = self.typed("voices.get", lambda: self.h.conn.client.voices.get(id=voice))
        if voice in self.gone:
            if not isinstance(exchange.error, NotFoundError):
                raise checks.CheckFailure(exchange, f"voice {voice} was deleted but its detail still answers")
            return
        status = int(exchange.data.status)
        if status < self.live[voice]:
            raise checks.CheckFailure(
                exchange, f"voice {voice} went back from {self.live[voice]} to {status}"
            )
        self.live[voice] = status

    @rule(seconds=st.integers(1, 60))
    def advance(self, seconds: int) -> None:
        self.h.target.advance(seconds)

    @rule(voice=consumes(voices))
    def delete(self, voice: str) -> None:
        exchange = self.typed("voices.delete", lambda: self.h.conn.client.voices.delete(ids=[voice]))
        checks.succeeded(exchange)
        self.live.pop(voice, None)
        self.gone.add(voice)
        self.get(voice)

    @invariant()
    def listed(self) -> None:
        exchange = self.typed("voices.list", lambda: self.h.conn.client.voices.list(type=1, size=100))
        self.expect_listed(exchange, {v.id for v in exchange.data.result})


class KnowledgeBases(ResourceMachine):
    """create -> get / update / list -> delete."""

    bases = Bundle("bases")

    @rule(target=bases, name=realistic("name"), prompt=realistic("prompt"))
    def create(self, name: str, prompt: str) -> Any:
        exchange = self.typed(
            "knowledge.create", lambda: self.h.conn.client.knowledge.create(name=name, prompt=prompt)
        )
        if exchange.code == 1233:  # a name already used: the docs' answer, nothing was made
            return multiple()
        checks.succeeded(exchange)
        self.live[exchange.data.id] = exchange.data.prompt
        return str(exchange.data.id)

    @rule(base=bases, prompt=realistic("prompt"))
    def update(self, base: str, prompt: str) -> None:
        exchange = self.typed(
            "knowledge.update", lambda: self.h.conn.client.knowledge.update(id=base, prompt=prompt)
        )
        if base in self.gone:
            self._expect_gone(exchange, base)
            return
        checks.succeeded(exchange)
        self.live[base] = prompt
        self.get(base)

    @rule(base=bases)
    def get(self, base: str) -> None:
        exchange = self.typed("knowledge.get", lambda: self.h.conn.client.knowledge.get(id=base))
        if base in self.gone:
            self._expect_gone(exchange, base)
        elif exchange.data.prompt != self.live[base]:
            raise checks.CheckFailure(exchange, f"knowledge base {base} shows an old prompt")

    @rule(base=consumes(bases))
    def delete(self, base: str) -> None:
        exchange = self.typed("knowledge.delete", lambda: self.h.conn.client.knowledge.delete(id=base))
        checks.succeeded(exchange)
        self.live.pop(base, None)
        self.gone.add(base)
        self.get(base)

    def _expect_gone(self, exchange: Exchange, base: str) -> None:
        if not isinstance(exchange.error, NotFoundError):
            raise checks.CheckFailure(exchange, f"knowledge base {base} was deleted but still answers")

    @invariant()
    def listed(self) -> None:
        exchange = self.typed("knowledge.list", lambda: self.h.conn.client.knowledge.list(size=100))
        self.expect_listed(exchange, {base.id for base in exchange.data})


class StreamingSessions(ResourceMachine):
    """create -> get / list -> close (a closed session stays listed, with status 3, for good)."""

    sessions = Bundle("sessions")

    @rule(target=sessions, data=st.data())
    def create(self, data: st.DataObject) -> Any:
        op = load_catalog().operation("streaming.create_session")
        refs = {k: v for k, v in self.world.refs_for(op).items() if k != "knowledge_id"}
        exchange = self.h.send(op, data.draw(valid_requests(op, refs)))
        checks.business_code_expected(exchange)
        if exchange.code != checks.SUCCESS:
            return multiple()
        self.live[str(exchange.data["_id"])] = int(exchange.data["status"])
        return str(exchange.data["_id"])

    @rule(session=sessions)
    def get(self, session: str) -> None:
        exchange = self.h.call("streaming.get_session", query={"id": session})
        checks.succeeded(exchange)
        status = int(exchange.data["status"])
        if status < self.live[session] or (self.live[session] == 3 and status != 3):
            raise checks.CheckFailure(
                exchange, f"session {session} went from {self.live[session]} to {status}"
            )
        self.live[session] = status

    @rule(session=sessions)
    def close(self, session: str) -> None:
        checks.succeeded(self.h.call("streaming.close_session", body={"id": session}))
        self.live[session] = 3
        self.get(session)

    @rule(seconds=st.integers(1, 600))
    def advance(self, seconds: int) -> None:
        self.h.target.advance(seconds)

    @invariant()
    def listed(self) -> None:
        exchange = self.h.call("streaming.list_sessions", query={"size": 100})
        self.expect_listed(exchange, {str(item["_id"]) for item in exchange.data["result"]})


RESOURCES: dict[str, type[ResourceMachine]] = {
    "voices": VoiceClones,
    "knowledge": KnowledgeBases,
    "streaming_sessions": StreamingSessions,
}


def resource_machine(name: str, harness: Harness) -> type[ResourceMachine]:
    base = RESOURCES[name]
    return type(base.__name__ + "Bound", (base,), {"h": harness})
