"""The worker pool (``app.workers``): every worker process, the one that replaces a stuck worker
included, runs the pool's ``warm`` before its first job, so no job waits for word lists to
load (the theme suggestions' pool warms with ``app.suggest.preload``)."""

import os
import time

import pytest

from app.workers import Builders, WorkerTimedOut

_warmed_at: float | None = None


def warm() -> None:
    global _warmed_at
    _warmed_at = time.monotonic()


def who_am_i() -> tuple[int, bool]:
    return os.getpid(), _warmed_at is not None


def hang() -> None:
    time.sleep(60)


@pytest.fixture
def pool():
    builders = Builders("process", 1, cooperative=False, warm=warm)
    yield builders
    while builders._idle is not None and not builders._idle.empty():
        builders._idle.get().close(stop=True)


def test_each_worker_is_warm_before_its_first_job_the_replacement_included(pool):
    pool.start()
    first, warm_then = pool.run(who_am_i, timeout=30)
    assert warm_then and first != os.getpid()
    with pytest.raises(WorkerTimedOut):
        pool.run(hang, timeout=0.5)
    second, warm_again = pool.run(who_am_i, timeout=30)
    assert second != first, "the stuck worker was replaced by a new process"
    assert warm_again, "the new worker ran warm before its first job"


def test_a_pool_without_warm_runs_jobs_as_before():
    pool = Builders("process", 1, cooperative=False)
    try:
        pid, warmed = pool.run(who_am_i, timeout=30)
        assert pid != os.getpid() and not warmed
    finally:
        pool._idle.get().close()


def test_an_inline_pool_has_nothing_to_start():
    pool = Builders("inline", 1, warm=warm)
    pool.start()
    assert pool._idle is None
    assert pool.run(who_am_i)[0] == os.getpid()
