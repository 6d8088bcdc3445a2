"""client.video_translation against the in-process fake, sync and async."""

from __future__ import annotations

import pytest

from akool_mock.mock_server.inprocess import FakeAkool
from akool_mock.sdk import APIError, JobFailedError, JobStatus, ValidationError, WaitTimeoutError
from akool_mock.sdk.types.video_translation import Language, TranslationBatch, TranslationJob
from tests.sdk.support import VIDEO, Client, resolve

pytestmark = pytest.mark.anyio


async def test_list_languages(client: Client) -> None:
    languages = await resolve(client.video_translation.list_languages())
    assert all(isinstance(item, Language) for item in languages)
    assert (languages[0].lang_code, languages[0].lang_name) == ("af-ZA", "Afrikaans (South Africa)")
    assert {"es", "fr", "de"} <= {item.lang_code for item in languages}


async def test_one_job_per_language_each_waitable(client: Client) -> None:
    batch = await resolve(
        client.video_translation.create(
            url=VIDEO,
            language=["es", "fr"],
            source_language="DEFAULT",
            speaker_num=0,
            remove_bgm=True,
            caption_type=2,
            caption_url="https://example.com/captions.srt",
            studio_voice={"style": "calm", "no_translate_words": ["Akool"], "fixed_words": {"hi": "hola"}},
            dynamic_duration=False,
            voices_map={"es": {"voice_id": ""}},
            webhook_url="",
        )
    )
    assert isinstance(batch, TranslationBatch)
    assert [job.language for job in batch.jobs] == ["es", "fr"]
    assert batch.data == batch.jobs[0]
    assert batch.errors == ()
    assert all(isinstance(job, TranslationJob) for job in batch.jobs)
    assert {(job.status, job.progress, job.operation) for job in batch.jobs} == {
        (JobStatus.QUEUED, 0, "video_translation.create")
    }
    for job in batch.jobs:
        result = await resolve(client.wait(job, interval=1))
        assert (result.id, result.status, result.language, result.progress) == (
            job.id,
            JobStatus.COMPLETED,
            job.language,
            100,
        )


async def test_create_and_wait_returns_every_language_in_order(client: Client) -> None:
    results = await resolve(client.video_translation.create_and_wait(url=VIDEO, language="de,ja", interval=1))
    assert [(result.language, result.status) for result in results] == [
        ("de", JobStatus.COMPLETED),
        ("ja", JobStatus.COMPLETED),
    ]


async def test_a_language_refused_alone(client: Client) -> None:
    await resolve(client.video_translation.create(url=VIDEO, language="es", lipsync=True))
    batch = await resolve(client.video_translation.create(url=VIDEO, language=["es", "fr"], lipsync=True))
    assert [job.language for job in batch.jobs] == ["fr"]
    assert batch.data.language == "fr"
    assert [(error.code, type(error)) for error in batch.errors] == [(1202, APIError)]
    assert [item.code for item in batch.all_results] == [1202, 1000]
    with pytest.raises(APIError) as caught:
        await resolve(client.video_translation.create_and_wait(url=VIDEO, language="es,de", lipsync=True))
    assert caught.value.code == 1202


async def test_every_language_refused_raises(client: Client) -> None:
    await resolve(client.video_translation.create(url=VIDEO, language="es", lipsync=True))
    with pytest.raises(APIError) as caught:
        await resolve(client.video_translation.create(url=VIDEO, language="es", lipsync=True))
    assert caught.value.code == 1202


async def test_a_failed_job_raises_job_failed_with_the_reason(client: Client, akool: FakeAkool) -> None:
    batch = await resolve(client.video_translation.create(url=VIDEO, language="es"))
    akool.jobs.fail(batch.data.id, "Video should contain audio")
    with pytest.raises(JobFailedError) as caught:
        await resolve(client.wait(batch.data))
    assert caught.value.reason == "Video should contain audio"  # error_reason


async def test_the_timeout_bounds_the_whole_wait(client: Client) -> None:
    with pytest.raises(WaitTimeoutError):
        await resolve(client.video_translation.create_and_wait(url=VIDEO, language="es,fr", timeout=1))


async def test_a_bad_language_list_is_a_validation_error(client: Client) -> None:
    with pytest.raises(ValidationError) as caught:
        await resolve(client.video_translation.create(url=VIDEO, language="es;fr"))
    assert "language" in caught.value.msg
