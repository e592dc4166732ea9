"""What scenarios 7 and 8 share: a live room's ``note.add`` acknowledgements timed while a
background actor (document downloads, theme suggestions) works in every other window, split into
"with" and "without" it."""

import threading

from .load import ACK_TIMEOUT, ClientSpec, Load, LoadRun
from .scenarios import percentile

PARTICIPANTS = 30
POSTERS = 15  # each posts a note a second (the per-participant cap is 1 a second)
INTERVAL = 1.0  # s between one poster's notes
SECONDS = 60  # of posting
WINDOW = 10  # s of the background work, then as long without, and so on
MARGIN = 1.0  # s around the background work in which an acknowledgement counts neither way
RATIO_TARGET = 1.5


class Background(threading.Thread):
    """An actor working in every other window until stopped; ``spans`` are its (began, ended)
    pieces of work, ``seconds`` their lengths."""

    def __init__(self):
        super().__init__(daemon=True)
        self.stopping = threading.Event()
        self.seconds: list[float] = []
        self.spans: list[tuple[float, float]] = []
        self.failures: list[str] = []

    def beside(self, sent: float, waited: float, margin: float = 0.0) -> bool:
        """Whether a piece of work was going on within ``margin`` of this wait."""
        return any(
            sent - margin < end and sent + waited + margin > began for began, end in self.spans
        )

    def close(self) -> None:
        """The actor's own connections, after it has stopped."""

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=300)
        self.close()


def room_acks(server, room: dict, prompt_id: str, processes: int, background: Background):
    """The room's note.add acknowledgements, ``(sent, waited)`` each, into ``prompt_id`` while
    ``background`` runs; and how many were not acknowledged within the clients' time-out."""
    specs = [
        ClientSpec(
            room=0,
            join_code=room["join_code"],
            step_id=room["step_id"],
            prompt_id=prompt_id,
            poster_rank=index if index < POSTERS else None,
            poster_phase=index / POSTERS,
        )
        for index in range(PARTICIPANTS)
    ]
    load = Load(url=server.url, clients=specs, posts=int(SECONDS / INTERVAL), interval=INTERVAL)
    clients = LoadRun(load, processes)
    try:
        clients.join()
        background.start()
        _go, results = clients.post()
    finally:
        clients.abort()
        background.stop()
    failures = [f for r in results for f in r.join_failures + r.post_failures]
    timeouts = sum(1 for f in failures if f.startswith("TimeoutError"))
    if timeouts < len(failures):
        raise RuntimeError(f"{len(failures)} failures: {failures[:3]}")
    return [pair for r in results for pair in zip(r.ack_sent, r.ack_seconds, strict=True)], timeouts


def ack_figures(acks: list, lost: int, background: Background, what: str) -> dict:
    """The acknowledgements' figures with and without ``what`` (the background's work). A
    note.add never acknowledged counts as waiting the whole time-out, with the work."""
    busy = [waited for sent, waited in acks if background.beside(sent, waited)]
    busy += [ACK_TIMEOUT] * lost
    quiet = [waited for sent, waited in acks if not background.beside(sent, waited, MARGIN)]

    def ms(values, share):
        return 1000 * percentile(values, share)

    return {
        f"acks without {what}": len(quiet),
        f"ack p50/p99 ms without {what}": f"{ms(quiet, 0.5):.0f}/{ms(quiet, 0.99):.0f}",
        f"acks with {what}": f"{len(busy)} ({lost} not within {ACK_TIMEOUT} s)",
        f"ack p50/p99 ms with {what}": f"{ms(busy, 0.5):.0f}/{ms(busy, 0.99):.0f}",
        "ratio p99 with/without": ms(busy, 0.99) / ms(quiet, 0.99),
        "ratio p50 with/without": ms(busy, 0.5) / ms(quiet, 0.5),
    }


def print_figures(figures: dict, width: int) -> float:
    """Print each figure; return the p99 ratio."""
    for label, value in figures.items():
        shown = f"{value:.2f}" if isinstance(value, float) else value
        print(f"    {label:<{width}} {shown}")
    return figures["ratio p99 with/without"]
