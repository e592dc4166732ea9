"""Documents are built once per change of their workshop and kept; a change to a workshop gives
a fresh document at once (the plan too, when any of its workshops changes); downloads are
rate-limited per share link and per facilitator."""

import threading

from app.exports.cache import FileCache
from app.exports.service import ExportFile

from .test_exports_golden import Room
from .test_exports_pages import log_in, series_workshop


def builds(app) -> int:
    return app.extensions["pajapohja.exports"].builds


def test_an_unchanged_workshop_is_built_once_and_a_new_note_rebuilds_it(
    app, api, facilitator, workshop, sockets
):
    path = f"/workshops/{workshop['id']}/summary.md"
    first = api.get(path)
    before = builds(app)
    again = api.get(path)
    assert again.status_code == 200 and again.get_data() == first.get_data()
    assert builds(app) == before  # served as kept, not built again

    room = Room(sockets, facilitator[2], workshop).join("Aino")
    room.note("Aino", "need", "needed", "Esihenkilöt tarvitsevat vertaistukea")
    fresh = api.get(path)
    assert builds(app) == before + 1
    assert "Esihenkilöt tarvitsevat vertaistukea" in fresh.get_data(as_text=True)
    assert "Esihenkilöt tarvitsevat vertaistukea" not in first.get_data(as_text=True)


def test_each_file_and_each_workshop_is_kept_on_its_own(app, api, make_workshop):
    one, two = make_workshop(), make_workshop(title="Toinen työpaja")
    for created in (one, two):
        for name in ("summary.md", "notes.csv"):
            assert api.get(f"/workshops/{created['id']}/{name}").status_code == 200
    before = builds(app)
    assert "Toinen työpaja" in api.get(f"/workshops/{two['id']}/summary.md").get_data(as_text=True)
    assert "Toinen" not in api.get(f"/workshops/{one['id']}/summary.md").get_data(as_text=True)
    assert builds(app) == before


def test_the_plan_changes_when_any_of_its_workshops_changes(
    app, api, facilitator, make_workshop, sockets
):
    series_id = api.post("/series", json={"title": "Sarja"}).get_json()["id"]
    created = [
        make_workshop(series_id=series_id, index=index, title=f"Työpaja {index}")
        for index in (1, 2, 3)
    ]
    path = f"/series/{series_id}/training-plan.md"
    first = api.get(path).get_data(as_text=True)
    before = builds(app)
    assert api.get(path).get_data(as_text=True) == first and builds(app) == before

    room = Room(sockets, facilitator[2], created[0]).join("Aino")
    room.note("Aino", "need", "needed", "Ensimmäisen työpajan tarve")
    changed = api.get(path).get_data(as_text=True)
    assert builds(app) == before + 1
    assert "Ensimmäisen työpajan tarve" in changed and "Ensimmäisen" not in first


def share_path(api, series_id: int) -> str:
    url = api.post(f"/series/{series_id}/share").get_json()["url"]
    return url.removeprefix("http://localhost")


def test_a_share_link_is_limited_and_other_links_are_not(app, client, api, make_workshop):
    app.config["DOWNLOADS_PER_LINK"] = "3 per minute"
    series_id, created = series_workshop(api, make_workshop)
    other_series = api.post("/series", json={"title": "Toinen sarja"}).get_json()["id"]
    make_workshop(series_id=other_series)
    path, other = share_path(api, series_id), share_path(api, other_series)
    summary = f"{path}/w/{created['id']}/summary.docx"
    for url in (summary, f"{path}/training-plan.md", summary):
        assert client.get(url).status_code == 200
    refused = client.get(f"{path}/training-plan.docx")
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 60
    page = refused.get_data(as_text=True)
    assert "Liian monta latausta lyhyessä ajassa" in page  # the series' language, Finnish
    assert refused.headers["Cache-Control"] == "no-store"
    assert client.get(f"{other}/training-plan.md").status_code == 200
    assert client.get(path).status_code == 200  # the page itself still opens


def test_the_limit_page_speaks_the_series_language(app, client, api, make_workshop):
    app.config["DOWNLOADS_PER_LINK"] = "1 per minute"
    series_id = api.post("/series", json={"title": "Serie", "language": "sv"}).get_json()["id"]
    make_workshop(series_id=series_id, language="sv")
    path = share_path(api, series_id)
    assert client.get(f"{path}/training-plan.md").status_code == 200
    refused = client.get(f"{path}/training-plan.md")
    assert refused.status_code == 429
    assert "För många nedladdningar på kort tid" in refused.get_data(as_text=True)


def test_one_address_cannot_use_up_a_link(app, client, api, make_workshop):
    app.config["DOWNLOADS_PER_ADDRESS"] = "2 per minute"
    series_id, _created = series_workshop(api, make_workshop)
    path = share_path(api, series_id)
    for _ in range(2):
        assert client.get(f"{path}/training-plan.md").status_code == 200
    assert client.get(f"{path}/training-plan.md").status_code == 429
    elsewhere = client.get(f"{path}/training-plan.md", environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert elsewhere.status_code == 200


def test_a_facilitator_is_limited_in_the_api_and_the_console(
    app, client, api, facilitator, workshop
):
    app.config["DOWNLOADS_PER_FACILITATOR"] = "2 per minute"
    for _ in range(2):
        assert api.get(f"/workshops/{workshop['id']}/notes.csv").status_code == 200
    refused = api.get(f"/workshops/{workshop['id']}/notes.csv")
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert refused.get_json()["error"]["code"] == "too_many_requests"
    log_in(client, facilitator[1])
    console = client.get(f"/w/{workshop['id']}/download/summary.md")
    assert console.status_code == 429 and int(console.headers["Retry-After"]) > 0


def export(size: int) -> ExportFile:
    return ExportFile("f", "text/plain", b"x" * size)


def test_the_cache_forgets_the_least_recently_used_past_its_budget():
    cache = FileCache(budget=5000)
    for key in "abc":
        cache.get(key, lambda: export(500))
    cache.get("a", lambda: export(500))  # used again: b is now the oldest
    cache.get("d", lambda: export(2000))
    assert set(cache.entries) == {"a", "c", "d"}
    assert cache.size <= 5000
    cache.get("huge", lambda: export(6000))  # larger than the whole budget: not kept
    assert "huge" not in cache.entries and set(cache.entries) == {"a", "c", "d"}


def test_requests_for_a_file_being_built_wait_for_that_build():
    cache = FileCache(budget=10_000)
    started, release = threading.Event(), threading.Event()
    calls = []

    def build():
        calls.append(1)
        started.set()
        release.wait(10)
        return export(10)

    results = []
    first = threading.Thread(target=lambda: results.append(cache.get("k", build)))
    first.start()
    assert started.wait(10)
    others = [
        threading.Thread(target=lambda: results.append(cache.get("k", build))) for _ in range(3)
    ]
    for thread in others:
        thread.start()
    release.set()
    for thread in (first, *others):
        thread.join(10)
    assert len(calls) == 1 and len(results) == 4
    assert all(result is results[0] for result in results)


def test_a_failed_build_is_not_kept_and_its_waiters_hear_of_it():
    cache = FileCache(budget=10_000)

    def broken():
        raise ValueError("no")

    for _ in range(2):
        try:
            cache.get("k", broken)
        except ValueError:
            pass
        else:
            raise AssertionError("the failure was swallowed")
    assert cache.builds == 2 and not cache.entries and not cache.flights


def test_the_console_preview_is_kept_until_a_note_arrives(
    app, client, facilitator, workshop, sockets
):
    log_in(client, facilitator[1])
    assert client.get(f"/w/{workshop['id']}/summary").status_code == 200
    before = builds(app)
    assert client.get(f"/w/{workshop['id']}/summary").status_code == 200
    assert builds(app) == before
    room = Room(sockets, facilitator[2], workshop).join("Aino")
    room.note("Aino", "need", "needed", "Uusi tarve esikatseluun")
    page = client.get(f"/w/{workshop['id']}/summary").get_data(as_text=True)
    assert "Uusi tarve esikatseluun" in page and builds(app) == before + 1


def test_a_worker_process_reads_the_workshop_itself_and_sees_each_change(
    app, api, facilitator, workshop, sockets
):
    """The default under ``pajapohja serve``: the build, database read included, runs in a
    worker process (the server's loop reads nothing); it sees the note just written."""
    from app.workers import Builders

    builders = Builders("process", 1, cooperative=False)
    app.extensions["pajapohja.builders"] = builders
    try:
        room = Room(sockets, facilitator[2], workshop).join("Aino")
        room.note("Aino", "need", "needed", "Digituki kuuluu kaikille")
        path = f"/workshops/{workshop['id']}/summary.docx"
        first = api.get(path)
        assert first.status_code == 200 and first.get_data().startswith(b"PK")
        room.note("Aino", "need", "needed", "Etävastaanoton vuorovaikutus")
        text = api.get(f"/workshops/{workshop['id']}/summary.md").get_data(as_text=True)
        assert "Digituki kuuluu kaikille" in text and "Etävastaanoton vuorovaikutus" in text
        assert builders._idle.qsize() == 1  # one worker, back in its place after each build
    finally:
        while not builders._idle.empty():
            builders._idle.get().close()
