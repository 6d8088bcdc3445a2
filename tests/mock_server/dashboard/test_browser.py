"""The dashboard in a real browser: Debian's headless Chromium driven by Playwright.

Jobs are created through the API; the page must show them move, its buttons must act through the control API,
and what the page shows must be what the API says. Screenshots go to out/screenshots/ (CI artefacts).
Playwright's own browser download is never used: they launch Debian's chromium (scripts/install_browser.sh).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from akool_mock.mock_server.settings import DEFAULT_API_KEY
from tests.support.servers import Receiver, Served, receiver, serve

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (scripts/install_browser.sh installs it)"
)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip(
        "no chromium executable: install Debian's chromium (scripts/install_browser.sh)",
        allow_module_level=True,
    )

TOKEN = "dashboard-test-token"
SHOTS = Path(__file__).resolve().parents[3] / "out" / "screenshots"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CREATE = "/api/open/v3/faceswap/highquality/specifyimage"
FACE = {"path": "https://example.com/face.png", "opts": "10,10:20,20:30,30:40,40"}
JOB = {"sourceImage": [FACE], "targetImage": [FACE], "face_enhance": 0, "modifyImage": "https://e.com/m.png"}
WAIT_MS = 15_000


class Api:
    def __init__(self, base_url: str) -> None:
        self.http = httpx.Client(base_url=base_url, timeout=10, headers={"x-akool-mock-token": TOKEN})

    def create(self, hook: str) -> str:
        answer = self.http.post(
            CREATE, json={**JOB, "webhookUrl": hook}, headers={"x-api-key": DEFAULT_API_KEY}
        )
        job_id: str = answer.json()["data"]["_id"]
        return job_id

    def job(self, job_id: str) -> dict[str, Any]:
        data: dict[str, Any] = self.http.get(f"/_mock/jobs/{job_id}").json()
        return data

    def control(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        return self.http.request(method, f"/_mock/{path}", json=body).json()


@pytest.fixture(scope="module")
def fake() -> Iterator[tuple[Served, Receiver]]:
    with receiver() as hook, serve("--clock", "manual", "--seed", "3", "--control-token", TOKEN) as served:
        yield served, hook


@pytest.fixture(scope="module")
def api(fake: tuple[Served, Receiver]) -> Iterator[Api]:
    client = Api(fake[0].base_url)
    yield client
    client.http.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=CHROMIUM,
            headless=True,
            args=FLAGS,
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(WAIT_MS)
        yield context
        context.close()


def status_of(page: Any, job_id: str) -> Any:
    return page.locator(f'tr[data-job="{job_id}"] .badge')


def test_without_the_token_the_dashboard_is_refused(
    fake: tuple[Served, Receiver], browser: Any, api: Api
) -> None:
    served, _ = fake
    page = browser.new_page()
    answer = page.request.get(f"{served.base_url}/_mock/ui", headers={"cookie": ""})
    assert answer.status == 401
    page.close()


def test_jobs_move_on_the_page_and_buttons_act_through_the_api(
    fake: tuple[Served, Receiver], browser: Any, api: Api
) -> None:
    served, hook = fake
    api.control("POST", "reset")
    first, second, third = (api.create(hook.url) for _ in range(3))
    page = browser.new_page()
    page.goto(f"{served.base_url}/_mock/ui?token={TOKEN}")
    assert "token=" not in page.url  # the token went into a cookie, out of the address bar
    for job_id in (first, second, third):
        sync_api.expect(status_of(page, job_id)).to_have_attribute("data-status", "1")
    page.screenshot(path=str(SHOTS / "dashboard-queued.png"), full_page=True)

    # Time moves through the API: the page follows without a reload.
    api.control("POST", "clock/advance", {"seconds": 6})
    sync_api.expect(status_of(page, first)).to_have_attribute("data-status", "2")

    page.locator(f"#complete-{first}").click()
    sync_api.expect(status_of(page, first)).to_have_attribute("data-status", "3")
    assert api.job(first)["status"] == 3

    page.locator(f"#fail-{second}").click()
    sync_api.expect(status_of(page, second)).to_have_attribute("data-status", "4")
    assert api.job(second)["status"] == 4

    # By keyboard: focus the button and press Enter.
    page.locator(f"#complete-{third}").focus()
    page.keyboard.press("Enter")
    sync_api.expect(status_of(page, third)).to_have_attribute("data-status", "3")
    assert api.job(third)["status"] == 3
    page.screenshot(path=str(SHOTS / "dashboard-jobs.png"), full_page=True)
    page.close()


def test_a_jobs_timeline_shows_webhooks_and_redelivers(
    fake: tuple[Served, Receiver], browser: Any, api: Api
) -> None:
    served, hook = fake
    job_id = api.create(hook.url)
    api.control("POST", f"jobs/{job_id}/complete")
    deliveries = api.control("GET", f"webhooks?job={job_id}")["deliveries"]
    page = browser.new_page()
    page.goto(f"{served.base_url}/_mock/ui?token={TOKEN}")
    page.locator(f'tr[data-job="{job_id}"] a').click()
    detail = page.locator("#job-detail")
    sync_api.expect(detail).to_contain_text(job_id)
    for delivery in deliveries:
        block = page.locator(f'[data-delivery="{delivery["id"]}"]')
        sync_api.expect(block.locator(".state")).to_have_text("delivered")
    last = deliveries[-1]["id"]
    page.locator(f"#payload-{last} summary").click()
    sync_api.expect(page.locator(f"#payload-{last} pre")).to_contain_text(f'"_id": "{job_id}"')
    page.locator(f"#raw-{last} summary").click()
    sync_api.expect(page.locator(f"#raw-{last} pre")).to_contain_text('"dataEncrypt"')
    page.screenshot(path=str(SHOTS / "dashboard-timeline.png"), full_page=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SHOTS / "dashboard-readme.png"))  # the viewport: the README's picture
    before = len(hook.bodies)

    page.locator(f"#redeliver-{last}").click()
    sync_api.expect(page.locator(".delivery")).to_have_count(len(deliveries) + 1)
    assert api.control("GET", f"webhooks?job={job_id}")["count"] == len(deliveries) + 1
    assert len(hook.wait_for(before + 1)) == before + 1
    # The payload stayed open through the live refreshes.
    sync_api.expect(page.locator(f"#payload-{last}")).to_have_attribute("open", "")
    page.close()


def test_a_failed_delivery_shows_its_retry_and_then_succeeds(browser: Any) -> None:
    with (
        receiver(respond=lambda n: 500 if n == 1 else 200) as hook,
        serve("--clock", "manual", "--control-token", TOKEN) as served,
    ):
        api = Api(served.base_url)
        try:
            job_id = api.create(hook.url)
            api.control("POST", f"jobs/{job_id}/advance")  # 1 → 2: one delivery, refused with HTTP 500
            hook.wait_for(1)
            page = browser.new_page()
            page.goto(f"{served.base_url}/_mock/ui?token={TOKEN}&job={job_id}")
            block = page.locator(".delivery").first
            sync_api.expect(block.locator(".attempts")).to_contain_text("HTTP 500")
            sync_api.expect(block).to_contain_text("Next retry at")
            page.screenshot(path=str(SHOTS / "dashboard-retry.png"), full_page=True)
            page.fill("input[name=seconds]", "5")  # the first retry is due 5 s later on the fake's clock
            page.get_by_role("button", name="Advance").click()
            sync_api.expect(block.locator(".state")).to_have_text("delivered")
            sync_api.expect(block.locator(".attempts li")).to_have_count(2)
            [delivery] = api.control("GET", f"webhooks?job={job_id}")["deliveries"]
            assert [a["http_status"] for a in delivery["attempts"]] == [500, 200]
            page.close()
        finally:
            api.http.close()


def test_filters_clock_and_reset(fake: tuple[Served, Receiver], browser: Any, api: Api) -> None:
    served, hook = fake
    api.control("POST", "reset")
    done, failed = api.create(hook.url), api.create(hook.url)
    api.control("POST", f"jobs/{done}/complete")
    api.control("POST", f"jobs/{failed}/fail", {"reason": "no face found"})
    page = browser.new_page()
    page.goto(f"{served.base_url}/_mock/ui?token={TOKEN}")
    page.select_option("select[name=status]", "4")
    page.get_by_role("button", name="Filter").click()
    sync_api.expect(page.locator("#jobs-table tbody tr")).to_have_count(1)
    sync_api.expect(page.locator(f'tr[data-job="{failed}"]')).to_be_visible()

    before = api.control("GET", "clock")["now_ms"]
    page.fill("input[name=seconds]", "3600")
    page.get_by_role("button", name="Advance").click()
    sync_api.expect(page.locator("#flash")).to_contain_text("done")
    assert api.control("GET", "clock")["now_ms"] == before + 3_600_000
    sync_api.expect(page.locator("#clock-now")).to_have_attribute("data-now", str(before + 3_600_000))

    page.on("dialog", lambda dialog: dialog.accept())
    page.locator("#reset").click()
    sync_api.expect(page.locator("#jobs-table")).to_have_count(0)
    assert api.control("GET", "jobs")["count"] == 0
    page.close()


def test_readable_in_a_narrow_window(fake: tuple[Served, Receiver], browser: Any, api: Api) -> None:
    served, hook = fake
    api.create(hook.url)
    page = browser.new_page()
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{served.base_url}/_mock/ui?token={TOKEN}")
    sync_api.expect(page.locator("#jobs-table")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px at 360px wide"
    page.screenshot(path=str(SHOTS / "dashboard-narrow.png"), full_page=True)
    # The skip link is the first stop for a keyboard user.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.close()
