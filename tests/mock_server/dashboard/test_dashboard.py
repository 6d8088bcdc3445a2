"""The dashboard routes: the page, its live panels, static files, the control token (header, cookie, URL)."""

from __future__ import annotations

from akool_mock.mock_server.settings import DEFAULT_CLIENT_ID, build_settings
from akool_mock.mock_server.wire import WireRequest
from tests.mock_server.conftest import Fake, make_fake

CREATE = "/api/open/v3/faceswap/highquality/specifyimage"
FACE = {"path": "https://example.com/face.png", "opts": "10,10:20,20:30,30:40,40"}
JOB = {"sourceImage": [FACE], "targetImage": [FACE], "face_enhance": 0, "modifyImage": "https://e.com/m.png"}
TOKEN = "tok-dash"


def html(
    fake: Fake, path: str, query: dict[str, str] | None = None, headers: dict[str, str] | None = None
) -> str:
    answer = fake.request("GET", path, query=query, headers=headers or {})
    assert answer.status == 200, answer.raw
    assert answer.content_type.startswith("text/html")
    return answer.raw.decode()


def test_the_page_shows_jobs_accounts_journal_and_clock(fake: Fake) -> None:
    job_id = fake.post(CREATE, JOB)["data"]["_id"]
    page = html(fake, "/_mock/ui")
    assert f'data-job="{job_id}"' in page
    assert 'data-status="1"' in page
    assert DEFAULT_CLIENT_ID in page
    assert CREATE in page  # the journal
    assert 'id="clock-now"' in page
    assert "/_mock/ui/static/dashboard.js" in page
    assert "https://" not in page.split("<main>")[0]  # nothing loaded from elsewhere


def test_filters_and_the_selected_job(fake: Fake) -> None:
    first = fake.post(CREATE, JOB)["data"]["_id"]
    second = fake.post(CREATE, JOB)["data"]["_id"]
    fake.request("POST", f"/_mock/jobs/{second}/fail", body={"reason": "<b>no face</b>"})
    page = html(fake, "/_mock/ui/panels", {"status": "4", "job": second})
    assert f'data-job="{second}"' in page
    assert f'data-job="{first}"' not in page
    assert 'id="job-detail"' in page
    assert "&lt;b&gt;no face&lt;/b&gt;" in page  # escaped, never markup
    assert "<b>no face</b>" not in page


def test_the_timeline_lists_webhooks_with_payload_and_raw_body(fake: Fake) -> None:
    job_id = fake.post(CREATE, {**JOB, "webhookUrl": "http://127.0.0.1:9/h"})["data"]["_id"]
    fake.request("POST", f"/_mock/jobs/{job_id}/complete")
    [first, second] = fake.get("/_mock/webhooks", job=job_id)["deliveries"]
    page = html(fake, "/_mock/ui", {"job": job_id})
    for delivery in (first, second):
        assert f'data-delivery="{delivery["id"]}"' in page
        assert f'id="redeliver-{delivery["id"]}"' in page
    assert "Decrypted payload" in page
    assert "Raw body (as sent)" in page


def test_the_page_allows_nothing_from_elsewhere_and_no_framing(fake: Fake) -> None:
    for path in ("/_mock/ui", "/_mock/ui/panels"):
        headers = fake.pipeline.handle(WireRequest("GET", path, {}, {}, b"", "127.0.0.1")).headers
        assert headers["content-security-policy"].startswith("default-src 'self'")
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-frame-options"] == "DENY"


def test_static_files_ship_in_the_package(fake: Fake) -> None:
    css = fake.request("GET", "/_mock/ui/static/dashboard.css")
    assert (css.status, css.content_type.split(";")[0]) == (200, "text/css")
    js = fake.request("GET", "/_mock/ui/static/dashboard.js")
    assert b"setInterval(refresh" in js.raw
    assert fake.request("GET", "/_mock/ui/static/other.js").status == 404
    assert fake.request("GET", "/_mock/ui/static/..%2fcontrol.py").status == 404


def test_mock_root_leads_to_the_dashboard(fake: Fake) -> None:
    answer = fake.request("GET", "/_mock/")
    assert (answer.status, answer.raw) == (307, b"")


def test_the_token_is_needed_and_can_come_from_url_cookie_or_header() -> None:
    fake = make_fake(build_settings(clock="manual", control_token=TOKEN))
    assert fake.request("GET", "/_mock/ui", headers={}).status == 401
    assert fake.request("GET", "/_mock/ui/panels", query={"token": TOKEN}, headers={}).status == 401
    given = fake.pipeline.handle(
        WireRequest("GET", "/_mock/ui", {"token": TOKEN, "status": "3"}, {}, b"", "127.0.0.1")
    )
    assert given.status == 303
    assert given.headers["location"] == "/_mock/ui?status=3"  # the token leaves the address bar
    cookie = given.headers["set-cookie"]
    assert cookie.startswith(f"akool_mock_token={TOKEN};")
    assert "HttpOnly" in cookie
    assert "SameSite=Strict" in cookie
    sent = {"cookie": f"other=1; akool_mock_token={TOKEN}"}
    assert fake.request("GET", "/_mock/ui/panels", headers=sent).status == 200
    assert fake.request("POST", "/_mock/reset", headers=sent).status == 200
    assert fake.request("GET", "/_mock/ui", headers={"cookie": "akool_mock_token=wrong"}).status == 401
    assert fake.request("GET", "/_mock/ui", headers={"cookie": "=;;bad\x00"}).status == 401
    assert fake.request("GET", "/_mock/ui", headers={"x-akool-mock-token": TOKEN}).status == 200
