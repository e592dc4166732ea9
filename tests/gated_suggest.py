"""``python -m tests.gated_suggest serve --port N``: ``pajapohja serve`` as it runs (gevent,
suggestions in a worker process), with the real suggestion engine behind a gate that the test
holds, so that a test can act while a suggestion is being computed, without timing anything.

The gate is a directory (``PAJAPOHJA_TEST_SUGGEST_GATE``): the engine, in the worker process,
writes ``started`` and waits until ``release`` exists, then computes as usual. ``fail`` makes
it raise; ``hang`` makes it wait for ever (until the server's time-out stops the worker)."""

import os
import sys
import time
from pathlib import Path

GATE_ENV = "PAJAPOHJA_TEST_SUGGEST_GATE"
WAIT_AT_MOST = 60.0  # s: a test that forgot to release does not leave a worker behind for ever


def suggest(notes, themes, language):
    gate = Path(os.environ[GATE_ENV])
    (gate / "started").write_text(str(len(notes)))
    deadline = time.monotonic() + WAIT_AT_MOST
    while not (gate / "release").exists() or (gate / "hang").exists():
        if time.monotonic() > deadline:
            break
        time.sleep(0.02)
    (gate / "started").unlink()
    if (gate / "fail").exists():
        raise RuntimeError("the engine failed (tests/gated_suggest.py)")
    from app.suggest import suggest as real_suggest

    return real_suggest(notes, themes, language)


def main() -> None:
    import app

    made = app.create_app

    def create_app(overrides=None):
        application = made(overrides)
        from app.facilitation import suggestions

        suggestions.suggest = suggest  # pickled by name: the worker imports this module
        return application

    app.create_app = create_app
    from app.cli import main as pajapohja

    pajapohja(sys.argv[1:])


if __name__ == "__main__":
    main()
