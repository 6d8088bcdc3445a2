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
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    invariant,
    multiple,
    precondition,
    rule,
)

from akool_mock.contract_tests import checks
from akool_mock.contract_tests.exchange import Exchange
from akool_mock.contract_tests.stateful import Harness
from akool_mock.contract_tests.strategies import realistic, valid_requests
from akool_mock.contract_tests.world import FACE, World, build_world
from akool_mock.schemas import load_catalog
from akool_mock.sdk.errors import AkoolError, NotFoundError
from akool_mock.sdk.types.knowledge import KnowledgeDoc

LIVE_CLOSED = 1010  # error-code page: "This content cannot be operated" (NOTES.md #live_faceswap-server)
UNKNOWN_ID = "6881cd86618fa41c89557b0c"  # the Delete Voice example's refused id
UPLOAD_URL = "https://videos.example.com/clips/avatar.mp4"
KNOWLEDGE_EXISTS = 1233  # knowledge-base.mdx Error Codes: "Knowledge already exists"
# error-code page: "Resource already exist" (avatar_id is unique: talking-avatar.mdx, Upload Talking Avatar)
ALREADY_EXISTS = 1222
# knowledge-base.mdx Create / Update examples: their documents and web pages.
KNOWLEDGE_DOCS: tuple[KnowledgeDoc, ...] = (
    {"name": "user_manual.pdf", "url": "https://example.com/user_manual.pdf", "size": 1024000},
    {"name": "updated_manual.pdf", "url": "https://example.com/updated_manual.pdf", "size": 2048000},
)
KNOWLEDGE_URLS = ("https://example.com/help", "https://example.com/faq", "https://example.com/updated-help")


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

    @rule(data=st.data())
    def delete_unknown(self, data: st.DataObject) -> None:
        """Deleting an id that is not (or no longer) a voice of the caller's, or an Akool voice's `_id` (one
        of `voices.list` type 2: voiceLab.mdx List Voices "2-Akool Voices"), deletes nothing and names it in
        `noPermissionVoices` under `_id` with a message naming it (voiceLab.mdx Delete Voice: `{_id,
        msg: "VoiceId:<id> resource not found"}`; an Akool voice has no permission: schemas/NOTES.md
        #voices-delete-behaviour)."""
        akool = self.typed("voices.list", lambda: self.h.conn.client.voices.list(type=2, size=1))
        stock = [voice.id for voice in akool.data.result]
        ref = data.draw(st.sampled_from([*sorted(self.gone), UNKNOWN_ID, *stock]), label="id")
        exchange = self.h.call("voices.delete", body={"_ids": [ref]})
        checks.succeeded(exchange)
        refused = [item for item in exchange.data.get("noPermissionVoices") or [] if item.get("_id") == ref]
        if (
            ref in (exchange.data.get("successIds") or [])
            or not refused
            or ref not in str(refused[0].get("msg"))
        ):
            raise checks.CheckFailure(
                exchange,
                f"deleting {ref}, which is no voice of the caller's, must list it with a message naming it",
            )

    @invariant()
    def listed(self) -> None:
        exchange = self.typed("voices.list", lambda: self.h.conn.client.voices.list(type=1, size=100))
        self.expect_listed(exchange, {v.id for v in exchange.data.result})


class KnowledgeBases(ResourceMachine):
    """create -> get / update / rename / list -> delete. A base keeps the docs and urls it was made with
    (knowledge-base.mdx Create: `docs`, `urls`), and names are unique: renaming a base to another's name is
    refused with 1233 "Knowledge already exists" and keeps its name (knowledge-base.mdx Error Codes; "names
    must be unique within a team for the same user")."""

    bases = Bundle("bases")

    @rule(
        target=bases,
        name=realistic("name"),
        prompt=realistic("prompt"),
        docs=st.lists(st.sampled_from(KNOWLEDGE_DOCS), max_size=2),
        urls=st.lists(st.sampled_from(KNOWLEDGE_URLS), max_size=2),
    )
    def create(self, name: str, prompt: str, docs: list[KnowledgeDoc], urls: list[str]) -> Any:
        exchange = self.typed(
            "knowledge.create",
            lambda: self.h.conn.client.knowledge.create(name=name, prompt=prompt, docs=docs, urls=urls),
        )
        if exchange.code == KNOWLEDGE_EXISTS:  # a name already used: the docs' answer, nothing was made
            return multiple()
        checks.succeeded(exchange)
        self.live[exchange.data.id] = {"name": name, "prompt": prompt, "docs": docs, "urls": urls}
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
        self.live[base]["prompt"] = prompt
        self.get(base)

    @precondition(lambda self: len(self.live) >= 2)
    @rule(data=st.data())
    def rename_to_taken(self, data: st.DataObject) -> None:
        base, other = data.draw(st.permutations(sorted(self.live)), label="bases")[:2]
        taken = self.live[other]["name"]
        exchange = self.typed(
            "knowledge.update", lambda: self.h.conn.client.knowledge.update(id=base, name=taken)
        )
        checks.answers(KNOWLEDGE_EXISTS)(exchange)
        self.get(base)

    @rule(base=bases)
    def get(self, base: str) -> None:
        exchange = self.typed("knowledge.get", lambda: self.h.conn.client.knowledge.get(id=base))
        if base in self.gone:
            self._expect_gone(exchange, base)
            return
        got = exchange.data
        shown = {
            "name": got.name,
            "prompt": got.prompt,
            "docs": [{"name": d.name, "url": d.url, "size": d.size} for d in got.docs],
            "urls": list(got.urls),
        }
        for field, wanted in self.live[base].items():
            if shown[field] != wanted:
                raise checks.CheckFailure(
                    exchange, f"knowledge base {base} shows {field} {shown[field]!r}, not {wanted!r}"
                )

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
    """create -> get / list -> close (a closed session stays listed, with status 3, for good); uploaded
    streaming avatars are listed and make sessions once ready."""

    sessions = Bundle("sessions")

    def __init__(self) -> None:
        super().__init__()
        self.closed_at: dict[str, Any] = {}
        self.uploads: dict[str, tuple[str, int]] = {}  # avatar_id -> (its upload job, type)

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
        """Closing again answers the first close's `closed_at` (schemas/NOTES.md #streaming-close-answer:
        the page's `data.closed_at`), and the unused credit is refunded once: reading a closed session
        again never changes the balance (openapi/live-avatar.yaml CreateSessionRequest.duration)."""
        exchange = self.h.call("streaming.close_session", body={"id": session})
        checks.succeeded(exchange)
        closed_at = (exchange.data or {}).get("closed_at")
        first = self.closed_at.setdefault(session, closed_at)
        if closed_at != first:
            raise checks.CheckFailure(
                exchange, f"session {session} closed at {first}, closing again says {closed_at}"
            )
        self.live[session] = 3
        self.get(session)
        credit = self.h.credit()
        self.get(session)
        if self.h.credit() != credit:
            raise checks.CheckFailure(
                self.h.call("faceswap.get_quota", query={}),
                f"reading the closed session {session} again moved the balance from {credit}: refunded twice",
            )

    @rule(avatar_type=st.sampled_from([1, 2]))
    def upload(self, avatar_type: int) -> None:
        """An uploaded avatar of type 2 (streaming) is in the streaming avatar list, in its status; one of
        type 1 (talking avatar) is not (openapi/live-avatar.yaml Avatar.from "3 for user created";
        schemas/NOTES.md #streaming-avatar-catalog: the caller's type-2 uploads are listed)."""
        avatar_id = f"contractUpload{len(self.uploads)}"
        body = {"url": UPLOAD_URL, "avatar_id": avatar_id, "name": avatar_id, "type": avatar_type}
        exchange = self.h.call("avatars.create", body=body)
        checks.succeeded(exchange)
        data = exchange.item
        self.uploads[avatar_id] = (str(data["_id"]), avatar_type)
        self.shows_available(exchange, data)
        again = self.h.call("avatars.create", body=body)
        if again.code != ALREADY_EXISTS or "avatar_id" not in again.msg:
            raise checks.CheckFailure(
                again,
                f"a second upload of avatar_id {avatar_id} must answer {ALREADY_EXISTS} naming avatar_id",
            )
        listed = self.h.call("streaming.list_avatars", query={"page": 1, "size": 100})
        shown = {str(item.get("avatar_id")) for item in listed.data["result"] if isinstance(item, dict)}
        if (avatar_id in shown) != (avatar_type == 2):
            where = "is missing from" if avatar_type == 2 else "is shown in"
            raise checks.CheckFailure(
                listed, f"the uploaded avatar {avatar_id} of type {avatar_type} {where} the list"
            )

    @precondition(lambda self: any(kind == 2 for _, kind in self.uploads.values()))
    @rule(data=st.data(), ready=st.booleans())
    def session_with_upload(self, data: st.DataObject, ready: bool) -> None:
        """A session may use the caller's own streaming avatar once it is ready (status 3), and is refused
        with 1003 naming avatar_id before (openapi/live-avatar.yaml CreateSessionRequest.avatar_id)."""
        mine = sorted(avatar for avatar, (_, kind) in self.uploads.items() if kind == 2)
        avatar_id = data.draw(st.sampled_from(mine), label="avatar")
        upload_job = self.uploads[avatar_id][0]
        if ready and self.h.target.job(upload_job)["status"] not in (3, 4):
            self.h.target.complete(upload_job)
        status = self.h.target.job(upload_job)["status"]
        detail = self.h.call("avatars.get", query={"id": upload_job})
        checks.succeeded(detail)
        self.shows_available(detail, detail.item)
        body = {"avatar_id": avatar_id, "duration": 600, "stream_type": "agora"}
        exchange = self.h.call("streaming.create_session", body=body)
        if status == 3:
            checks.succeeded(exchange)
            self.live[str(exchange.data["_id"])] = int(exchange.data["status"])
        else:
            checks.names_the_field("avatar_id")(exchange)

    def shows_available(self, exchange: Exchange, avatar: dict[str, Any]) -> None:
        """A streaming avatar's `available` (where shown) says whether it is usable now: processed, status 3
        (openapi/live-avatar.yaml AvatarDetail.available)."""
        if (
            avatar.get("type") == 2
            and "available" in avatar
            and avatar["available"] != (avatar["status"] == 3)
        ):
            raise checks.CheckFailure(
                exchange,
                f"avatar {avatar.get('avatar_id')} at status {avatar['status']} shows available "
                f"{avatar['available']}",
            )

    @rule(seconds=st.integers(1, 600))
    def advance(self, seconds: int) -> None:
        self.h.target.advance(seconds)

    @invariant()
    def listed(self) -> None:
        exchange = self.h.call("streaming.list_sessions", query={"size": 100})
        self.expect_listed(exchange, {str(item["_id"]) for item in exchange.data["result"]})


class LiveFaceSwapSessions(ResourceMachine):
    """create -> update / poll -> close (current/ai-tools-suite/live-faceswap.mdx): an open session takes
    updates (1000); a closed one refuses them with 1010 naming its `_id` and stays closed (status 3 in
    `faceswap.list_results`); closing twice succeeds (schemas/NOTES.md #live_faceswap-server); a session's
    status never goes back (#audit-live-faceswap-status)."""

    sessions = Bundle("live_sessions")

    def __init__(self) -> None:
        super().__init__()
        self.closed: set[str] = set()

    @rule(target=sessions)
    def create(self) -> str:
        exchange = self.h.call("live_faceswap.create_session", body={"sourceImage": [FACE]})
        checks.succeeded(exchange)
        session = str(exchange.data["_id"])
        self.live[session] = int(exchange.data["faceswap_status"])
        return session

    @rule(session=sessions)
    def update(self, session: str) -> None:
        exchange = self.h.call("live_faceswap.update_session", body={"_id": session, "sourceImage": [FACE]})
        if session in self.closed:
            checks.answers(LIVE_CLOSED)(exchange)
            if session not in exchange.msg and "_id" not in exchange.msg:
                raise checks.CheckFailure(exchange, f"the 1010 message names neither _id nor {session}")
        else:
            checks.succeeded(exchange)
        self.poll(session)

    @rule(session=sessions)
    def close(self, session: str) -> None:
        checks.succeeded(self.h.call("live_faceswap.close_session", body={"_id": session}))
        self.closed.add(session)
        self.poll(session)

    @rule(seconds=st.integers(1, 60))
    def advance(self, seconds: int) -> None:
        self.h.target.advance(seconds)

    @rule(session=sessions)
    def poll(self, session: str) -> None:
        # The list's example items are face swap results; a live session's item shows its status, as the
        # live face swap page does (schemas/NOTES.md #audit-live-faceswap-status), not a result's fields.
        op = load_catalog().operation("faceswap.list_results")
        exchange = self.h.checked(self.h.conn.send(op, {"query": {"_ids": session}}), examples=False)
        checks.succeeded(exchange)
        items = [item for item in exchange.data["result"] if str(item.get("_id")) == session]
        if not items:
            raise checks.CheckFailure(
                exchange, f"the live face swap session {session} is missing from its poll"
            )
        status = int(items[0]["faceswap_status"])
        if status < self.live[session] or (session in self.closed and status != 3):
            raise checks.CheckFailure(
                exchange, f"session {session} went from {self.live[session]} to {status}"
            )
        self.live[session] = status


RESOURCES: dict[str, type[ResourceMachine]] = {
    "voices": VoiceClones,
    "knowledge": KnowledgeBases,
    "streaming_sessions": StreamingSessions,
    "live_faceswap_sessions": LiveFaceSwapSessions,
}


def resource_machine(name: str, harness: Harness) -> type[ResourceMachine]:
    base = RESOURCES[name]
    return type(base.__name__ + "Bound", (base,), {"h": harness})
