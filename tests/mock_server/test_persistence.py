"""`--state-file`: a restart, even after kill -9, loses nothing that had been acknowledged."""

from __future__ import annotations

import json
import signal
import sqlite3
import stat
import time
from pathlib import Path

import httpx
import pytest

from akool_mock.mock_server.crypto import decrypt
from akool_mock.mock_server.settings import DEFAULT_API_KEY, DEFAULT_CLIENT_ID, build_settings
from akool_mock.mock_server.state_format import StateFileError
from tests.mock_server.conftest import Fake, make_fake
from tests.support.servers import receiver, serve

FACE = {"path": "https://example.com/face.png", "opts": "262,175:363,175:313,215:272,279"}
JOB = {"sourceImage": [FACE], "targetImage": [FACE], "face_enhance": 0, "modifyImage": FACE["path"]}
CREATE = "/api/open/v3/faceswap/highquality/specifyimage"
POLL = "/api/open/v3/faceswap/result/listbyids"
KB = "/api/open/v4/knowledge"


def fake_on(path: Path, **overrides: object) -> Fake:
    return make_fake(build_settings({"state_file": str(path)}, clock="manual", seed=5, **overrides))


def test_everything_acknowledged_survives_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "akool.sqlite"
    first = fake_on(state)
    job = first.post(CREATE, JOB)["data"]["_id"]
    first.clock.advance(6)
    first.get(POLL, _ids=job)  # processing now
    other = first.request("POST", "/_mock/accounts", body={"credits": 7}).body
    token = first.post(
        "/api/open/v3/getToken", {"clientId": DEFAULT_CLIENT_ID, "clientSecret": DEFAULT_API_KEY}
    )
    kb = first.post(f"{KB}/create", {"name": "docs"})["data"]["_id"]
    credit = first.get("/api/open/v3/faceswap/quota/info")["data"]["credit"]

    second = fake_on(state)
    assert second.backend.now() >= first.backend.now()
    assert second.get(POLL, _ids=job)["data"]["result"][0]["faceswap_status"] == 2
    assert second.get("/api/open/v3/faceswap/quota/info")["data"]["credit"] == credit
    bearer = {"authorization": f"Bearer {token['token']}"}
    assert second.request("GET", "/api/open/v3/faceswap/quota/info", headers=bearer).body["code"] == 1000
    other_quota = second.request(
        "GET", "/api/open/v3/faceswap/quota/info", headers={"x-api-key": other["api_key"]}
    )
    assert other_quota.body["data"]["credit"] == 7
    assert second.get(f"{KB}/detail", id=kb)["data"]["name"] == "docs"
    second.clock.advance(60)
    assert second.get(POLL, _ids=job)["data"]["result"][0]["faceswap_status"] == 3  # the lifecycle resumed
    assert second.post(CREATE, JOB)["data"]["_id"] != job  # ids go on, never repeat


def test_reset_empties_the_state_file(tmp_path: Path) -> None:
    state = tmp_path / "akool.sqlite"
    first = fake_on(state)
    job = first.post(CREATE, JOB)["data"]["_id"]
    first.request("POST", "/_mock/reset")
    second = fake_on(state)
    assert second.get(POLL, _ids=job)["data"]["result"] == []


def test_kill_9_loses_nothing_and_pending_webhooks_resume(tmp_path: Path) -> None:
    state = str(tmp_path / "akool.sqlite")
    answers = iter([500] * 100)
    with receiver(lambda _n: next(answers, 200)) as hook:
        with serve("--clock", "manual", "--seed", "9", "--state-file", state) as served:
            client = httpx.Client(
                base_url=served.base_url, headers={"x-api-key": DEFAULT_API_KEY}, timeout=10
            )
            with client:
                job = client.post(CREATE, json={**JOB, "webhookUrl": hook.url}).json()["data"]["_id"]
                client.post(f"/_mock/jobs/{job}/complete")
                hook.wait_for(1)
            served.process.send_signal(signal.SIGKILL)
            served.process.wait()
        answers = iter([])  # the receiver now acknowledges everything
        with (
            serve("--clock", "manual", "--seed", "9", "--state-file", state) as served,
            httpx.Client(
                base_url=served.base_url, headers={"x-api-key": DEFAULT_API_KEY}, timeout=10
            ) as client,
        ):
            item = client.get(POLL, params={"_ids": job}).json()["data"]["result"][0]
            assert item["faceswap_status"] == 3
            log = client.get("/_mock/webhooks", params={"job": job}).json()["deliveries"]
            assert [d["payload"]["status"] for d in log] == [2, 3]
            client.post("/_mock/clock/advance", json={"seconds": 3600})
            bodies = hook.wait_for(3, timeout=10)
            assert len(bodies) >= 3  # the failed first delivery was retried after the restart


# ----- secrets at rest (NOTES.md #state-file-secrets) --------------------------------------------------
CUSTOM_KEY = "my-real-looking-key-0123456789ab"


def _on_disk(state: Path) -> bytes:
    return b"".join(p.read_bytes() for p in state.parent.iterdir() if p.name.startswith(state.name))


def test_the_state_file_is_private_and_holds_no_key_or_token_in_plain_text(tmp_path: Path) -> None:
    state = tmp_path / "akool.sqlite"
    first = fake_on(state)
    custom = first.request("POST", "/_mock/accounts", body={"api_key": CUSTOM_KEY, "credits": 3}).body
    generated = first.request("POST", "/_mock/accounts", body={}).body
    token = first.post(
        "/api/open/v3/getToken", {"clientId": DEFAULT_CLIENT_ID, "clientSecret": DEFAULT_API_KEY}
    )["token"]
    secrets = [DEFAULT_API_KEY, CUSTOM_KEY, generated["api_key"], token, token.rsplit(".", 1)[1]]
    disk = _on_disk(state)
    assert b"faceswap" in disk or b"client_id" in disk  # the bytes searched are the state itself
    assert [s for s in secrets if s.encode() in disk] == []
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["akool.sqlite", "akool.sqlite-shm", "akool.sqlite-wal", "akool.sqlite.key"]
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir()} == dict.fromkeys(files, 0o600)

    second = fake_on(state)  # the keys come back: auth, getToken and webhook encryption need them
    for account in (custom, generated):
        quota = second.request(
            "GET", "/api/open/v3/faceswap/quota/info", headers={"x-api-key": account["api_key"]}
        )
        assert quota.body["code"] == 1000
        sealed = second.backend.seal_for(account["client_id"], {"status": 3}, 1, 2)
        assert json.loads(decrypt(sealed["dataEncrypt"], account["client_id"], account["api_key"])) == {
            "status": 3
        }
    bearer = {"authorization": f"Bearer {token}"}
    assert second.request("GET", "/api/open/v3/faceswap/quota/info", headers=bearer).body["code"] == 1000


def test_a_state_file_without_its_key_file_is_refused(tmp_path: Path) -> None:
    state = tmp_path / "akool.sqlite"
    fake_on(state).request("POST", "/_mock/accounts", body={"api_key": CUSTOM_KEY})
    (tmp_path / "akool.sqlite.key").unlink()
    with pytest.raises(StateFileError, match=r"akool\.sqlite\.key is missing.*copy it along"):
        fake_on(state)


def test_an_existing_0644_state_file_is_made_private(tmp_path: Path) -> None:
    state = tmp_path / "akool.sqlite"
    fake_on(state).backend.state_file.close()
    for path in tmp_path.iterdir():
        path.chmod(0o644)
    fake_on(state)
    assert {stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir() if p.suffix != ".key"} == {0o600}


def test_a_state_file_of_akool_mock_0_1_is_upgraded_and_loses_its_plain_text(tmp_path: Path) -> None:
    state = tmp_path / "old.sqlite"
    legacy_token = "eyJhbGciOiJIUzI1NiJ9.eyJ1aWQiOjF9.legacysecretlegacysecret"
    old = sqlite3.connect(state)
    with old:
        for table in ("accounts", "tokens", "jobs", "resources", "deliveries"):
            old.execute(f"CREATE TABLE {table} (id TEXT PRIMARY KEY, data TEXT NOT NULL)")
        old.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        account = {"client_id": "AKlegacyClient000000001", "api_key": CUSTOM_KEY, "credits": 42.0}
        account |= {"charged": 1.0, "banned": False, "uid": 100002}
        old.execute("INSERT INTO accounts VALUES (?, ?)", (account["client_id"], json.dumps(account)))
        expiry = {"client_id": account["client_id"], "expires_at": 2e9}
        old.execute("INSERT INTO tokens VALUES (?, ?)", (legacy_token, json.dumps(expiry)))
        meta = {"clock": "1735689700.0", "ids": '{"process":1,"counter":7}'}
        meta["outbox"] = '{"sequence":0,"modes":{}}'
        old.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    old.close()

    upgraded = fake_on(state)
    assert (
        upgraded.request("GET", "/api/open/v3/faceswap/quota/info", headers={"x-api-key": CUSTOM_KEY}).body[
            "data"
        ]["credit"]
        == 42
    )
    bearer = {"authorization": f"Bearer {legacy_token}"}
    assert upgraded.request("GET", "/api/open/v3/faceswap/quota/info", headers=bearer).body["code"] == 1000
    disk = _on_disk(state)
    assert CUSTOM_KEY.encode() not in disk
    assert b"legacysecret" not in disk


# ----- idle is idle ---------------------------------------------------------------------------------------
IDLE_S = 3.0
IDLE_MINUTE_BUDGET = 4096  # bytes an idle minute may write (README reliability table)


def _written(pid: int) -> int:
    """Bytes the process handed to write()/pwrite() so far (page cache or disk alike)."""
    fields = dict(line.split(": ") for line in Path(f"/proc/{pid}/io").read_text().splitlines())
    return int(fields["wchar"])


def _files(state: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in state.parent.iterdir()}


@pytest.mark.skipif(not Path("/proc/self/io").exists(), reason="needs Linux /proc/PID/io to count writes")
def test_an_idle_served_fake_with_a_state_file_writes_nothing(tmp_path: Path) -> None:
    state = tmp_path / "akool.sqlite"
    with receiver() as hook, serve("--state-file", str(state)) as served:  # a real clock, ticking
        headers = {"x-api-key": DEFAULT_API_KEY}
        with httpx.Client(base_url=served.base_url, headers=headers, timeout=10) as client:
            job = client.post(CREATE, json={**JOB, "webhookUrl": hook.url}).json()["data"]["_id"]
            client.post(f"/_mock/jobs/{job}/complete")
            client.post(
                "/api/open/v3/getToken", json={"clientId": DEFAULT_CLIENT_ID, "clientSecret": DEFAULT_API_KEY}
            )
            client.post("/_mock/accounts", json={})
            hook.wait_for(2)
            deliveries = client.get("/_mock/webhooks", params={"job": job}).json()["deliveries"]
            assert [d["state"] for d in deliveries] == ["delivered", "delivered"]
        time.sleep(0.5)  # the last acknowledgement's write
        before, files = _written(served.process.pid), _files(state)
        time.sleep(IDLE_S)
        written = _written(served.process.pid) - before
        assert served.process.poll() is None
        assert written * 60 / IDLE_S < IDLE_MINUTE_BUDGET, f"{written} bytes written in {IDLE_S} s idle"
        assert _files(state) == files


def test_copies_made_as_the_readme_says_open_with_everything(tmp_path: Path) -> None:
    state = tmp_path / "live" / "akool.sqlite"
    state.parent.mkdir()
    live = fake_on(state)  # still open: the copies are taken from a running fake
    job = live.post(CREATE, JOB)["data"]["_id"]
    other = live.request("POST", "/_mock/accounts", body={"credits": 5}).body
    files_copy = tmp_path / "files" / "akool.sqlite"
    files_copy.parent.mkdir()
    for suffix in ("", "-wal", "-shm", ".key"):
        Path(f"{files_copy}{suffix}").write_bytes(Path(f"{state}{suffix}").read_bytes())
    backup_copy = tmp_path / "backup" / "copy.sqlite"
    backup_copy.parent.mkdir()
    with sqlite3.connect(backup_copy) as target:  # what `sqlite3 PATH ".backup COPY"` does
        live.backend.state_file.db.backup(target)
    target.close()
    Path(f"{backup_copy}.key").write_bytes(Path(f"{state}.key").read_bytes())
    for copy in (files_copy, backup_copy):
        restored = fake_on(copy)
        assert restored.get(POLL, _ids=job)["data"]["result"][0]["_id"] == job
        quota = restored.request(
            "GET", "/api/open/v3/faceswap/quota/info", headers={"x-api-key": other["api_key"]}
        )
        assert quota.body["data"]["credit"] == 5


def test_ticks_write_only_changes_and_a_moved_clock_is_kept(tmp_path: Path) -> None:
    state = tmp_path / "akool.sqlite"
    fake = fake_on(state)
    job = fake.post(CREATE, JOB)["data"]["_id"]
    db = fake.backend.state_file.db
    before = db.total_changes
    for _ in range(100):  # what the served fake's ticker does every 50 ms
        fake.backend.tick()
        fake.backend.persist(observed=False)
    assert db.total_changes == before
    fake.request("POST", "/_mock/clock/advance", body={"seconds": 6})  # the job moves: a change
    assert db.total_changes > before
    moved = db.total_changes
    fake.request("POST", "/_mock/clock/advance", body={"seconds": 1})  # only the clock moves
    assert db.total_changes == moved + 1
    assert fake_on(state).backend.now() == fake.backend.now()
    assert fake_on(state).get(POLL, _ids=job)["data"]["result"][0]["faceswap_status"] == 2


# ----- the job and delivery rows keep their layout (a compact record in memory: jobs.py, webhooks.py) -------
def test_rows_keep_history_and_bodies_and_load_back_the_same(tmp_path: Path) -> None:
    from akool_mock.mock_server.dispatch import send_sync

    state = tmp_path / "akool.sqlite"
    first = fake_on(state)
    first.request(
        "POST", f"/_mock/accounts/{DEFAULT_CLIENT_ID}/webhook-modes", body={"tamper_signature": True}
    )
    job = first.post(CREATE, {**JOB, "webhookUrl": "http://127.0.0.1:9/hook"})["data"]["_id"]
    first.clock.advance(2)
    first.request("POST", f"/_mock/jobs/{job}/advance")
    first.clock.advance(3)
    first.request("POST", f"/_mock/jobs/{job}/complete")
    sent: list[dict[str, object]] = []
    send_sync(first.backend, lambda _url, body, _headers: sent.append(json.loads(body)) or 200)
    shown_job = first.request("GET", f"/_mock/jobs/{job}").body
    shown_hooks = first.request("GET", "/_mock/webhooks", query={"job": job}).body["deliveries"]
    assert [h["status"] for h in shown_job["history"]] == [1, 2, 3]
    assert shown_job["completed_at"] == shown_job["history"][-1]["at"]

    with sqlite3.connect(state) as db:
        row = json.loads(db.execute("SELECT data FROM jobs WHERE id = ?", (job,)).fetchone()[0])
        bodies = [
            json.loads(data)["last_body"] for (data,) in db.execute("SELECT data FROM deliveries ORDER BY id")
        ]
    assert [at * 1000 for _, at in row["history"]] == [h["at"] for h in shown_job["history"]]
    assert row["completed_at"] * 1000 == shown_job["completed_at"]
    assert "processing_at" not in row
    assert bodies == sent  # what an akool-mock that keeps every body wrote, and reads

    second = fake_on(state)
    assert second.request("GET", f"/_mock/jobs/{job}").body == shown_job
    assert second.request("GET", "/_mock/webhooks", query={"job": job}).body["deliveries"] == shown_hooks
    kept = second.backend.outbox.for_job(None)
    assert kept
    assert all(d.last_body is None for d in kept)


def test_a_job_s_long_text_and_options_are_written_out_in_its_row(tmp_path: Path) -> None:
    """The fake keeps them packed (job_fields.py); the state file row holds them as sent, and loads back."""
    from tests.support.scenarios import CATALOG, doc_example

    tts = CATALOG.operation("voices.tts")
    body = doc_example(tts)
    assert body is not None
    assert len(body["input_text"]) > 1000
    state = tmp_path / "akool.sqlite"
    first = fake_on(state)
    job = first.post(tts.path, body)["data"]["_id"]
    shown = first.request("GET", f"/_mock/jobs/{job}").body
    with sqlite3.connect(state) as db:
        row = json.loads(db.execute("SELECT data FROM jobs WHERE id = ?", (job,)).fetchone()[0])
    assert row["fields"]["input_text"] == body["input_text"]
    assert isinstance(row["fields"]["voice_options"], dict)
    assert row["fields"] == shown["fields"]
    assert fake_on(state).request("GET", f"/_mock/jobs/{job}").body == shown
