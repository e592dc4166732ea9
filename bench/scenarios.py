"""The scenarios of issue 8 and how one of them is run against one server."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass

from .load import ClientSpec, Load, LoadRun
from .servers import Server


@dataclass(frozen=True)
class Scenario:
    number: int
    title: str
    rooms: int
    per_room: int
    posters: int = 0  # per room
    posts: int = 0  # per poster
    interval: float = 1.0
    seed_notes: int = 0
    join_spread: float = 0.0  # joins spread evenly over this many seconds
    join_window: float | None = None  # every join must be done within this many seconds
    ratio_target: float | None = 1.5  # app p99 / bare p99 at most
    # Also measure memory this long after the joins, with nothing posted: python-engineio keeps
    # the last packet sent to each connection (here a join snapshot) until the next one, and
    # the next one may be a heartbeat ping (every 20 s in the app, 25 s in the bare server).
    heartbeat_wait: float = 0.0
    servers: tuple = ("app", "bare")  # run in this order, each with the same load
    subject: str = "app"  # the server the verdict is about ...
    baseline: str = "bare"  # ... and the one its p99 is compared with

    @property
    def participants(self) -> int:
        return self.rooms * self.per_room

    def quick(self) -> "Scenario":
        """A small version for a smoke run: a fifth of the people, a third of the posts."""
        return Scenario(
            **{
                **self.__dict__,
                "per_room": max(4, self.per_room // 5),
                "rooms": max(1, self.rooms // 5),
                "posts": max(2, self.posts // 3),
                "seed_notes": self.seed_notes // 5,
            }
        )


SCENARIOS = {
    1: Scenario(
        1,
        "300 participants in one workshop, 10 posting a note every 0.5 s for 5 s",
        rooms=1,
        per_room=300,
        posters=10,
        posts=10,
        interval=0.5,
    ),
    2: Scenario(
        2,
        "1,000 participants in one workshop, 10 posting every 1 s for 10 s",
        rooms=1,
        per_room=1000,
        posters=10,
        posts=10,
        interval=1.0,
        ratio_target=2.0,
    ),
    3: Scenario(
        3,
        "50 workshops x 20 participants, 1 poster per workshop every 1 s for 10 s",
        rooms=50,
        per_room=20,
        posters=1,
        posts=10,
        interval=1.0,
    ),
    4: Scenario(
        4,
        "join storm: 300 participants join within 10 s a workshop holding 2,000 "
        "notes (joins started evenly over 3 s), then one note",
        rooms=1,
        per_room=300,
        seed_notes=2000,
        posters=1,  # one note after the storm: memory once everyone has a newer message
        posts=1,
        join_spread=3.0,
        join_window=10.0,
        ratio_target=None,
        heartbeat_wait=26.0,
    ),
    6: Scenario(
        6,
        "scale-out: scenario 1's load on two processes (PostgreSQL, Redis queue, nginx) "
        "against one SQLite process",
        rooms=1,
        per_room=300,
        posters=10,
        posts=10,
        interval=0.5,
        servers=("app", "scale-out"),
        subject="scale-out",
        baseline="app",
    ),
}


def percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def _clients(scenario: Scenario, workshops: list[dict], server: Server) -> list[ClientSpec]:
    specs = []
    total = scenario.participants
    posters = scenario.rooms * scenario.posters
    for room, workshop in enumerate(workshops):
        for index in range(scenario.per_room):
            specs.append(
                ClientSpec(
                    room=room,
                    join_code=workshop["join_code"],
                    step_id=workshop["step_id"],
                    prompt_id=workshop["prompt_id"],
                    poster_rank=index if index < scenario.posters else None,
                    # Posters take turns evenly within each interval, across all workshops.
                    poster_phase=(room * scenario.posters + index) / max(1, posters),
                    join_offset=scenario.join_spread * len(specs) / total,
                    # Behind nginx: alternate route cookies, so posters too are on both.
                    headers=server.headers_for(index),
                )
            )
    return specs  # LoadRun deals them out round-robin: every process gets part of every room


def run(scenario: Scenario, kind: str, async_mode: str, processes: int) -> dict:
    """Measure one scenario against a fresh server of ``kind``: "app" (one process, SQLite),
    "bare" or "scale-out" (bench/cluster.py)."""
    if kind == "scale-out":
        from .cluster import Cluster

        server = Cluster(async_mode, snapshot_notes=scenario.seed_notes).start()
    else:
        server = Server(kind, async_mode, snapshot_notes=scenario.seed_notes).start()
    try:
        workshops = [server.create_workshop(f"bench-{n}") for n in range(scenario.rooms)]
        seeded = None
        if kind != "bare" and scenario.seed_notes:
            seeded = server.seed_notes(workshops[0], scenario.seed_notes)
        specs = _clients(scenario, workshops, server)
        load = Load(url=server.url, clients=specs, posts=scenario.posts, interval=scenario.interval)
        time.sleep(1.0)
        base_rss = server.stats.rss_kb()
        clients = LoadRun(load, processes)
        try:
            join_cpu = server.stats.cpu_seconds()
            join_start = clients.join()
            settled = _settle(server)
            split = server.split(workshops)
            join_cpu = server.stats.cpu_seconds() - join_cpu
            idle_rss = server.stats.rss_kb()
            heartbeat_rss = None
            if scenario.heartbeat_wait:
                time.sleep(scenario.heartbeat_wait)
                heartbeat_rss = server.stats.rss_kb()
            cpu_before, wall_before = server.stats.cpu_seconds(), time.monotonic()
            with _sampled(server, kind, scenario.number):
                _go, results = clients.post()
            posted_rss = server.stats.rss_kb()
        finally:
            clients.abort()
        cpu = server.stats.cpu_seconds() - cpu_before
        wall = time.monotonic() - wall_before
        peak_rss = server.stats.peak_rss_kb()
        log_tail = server.log_tail()
    except Exception:
        # The server's own account, before stop() removes its data directory.
        print(f"  {kind} failed; server log tail:\n" + server.log_tail(), file=sys.stderr)
        raise
    finally:
        server.stop()
    summary = _summary(
        scenario,
        kind,
        results,
        join_start,
        base_rss,
        idle_rss,
        peak_rss,
        cpu,
        wall,
        seeded,
        log_tail,
    )
    joined = max(1, summary["joined"])
    summary["posted_kb_per_participant"] = (posted_rss - base_rss) / joined
    summary["heartbeat_kb_per_participant"] = (
        None if heartbeat_rss is None else (heartbeat_rss - base_rss) / joined
    )
    summary["settled_s"] = settled
    summary["per_process"] = split
    summary["join_cpu_s"] = join_cpu
    return summary


@contextmanager
def _sampled(server: Server, kind: str, number: int):
    """With ``BENCH_PYSPY=PREFIX``, py-spy samples the server while the notes are posted
    (``PREFIX.<scenario>.<kind>.txt``, py-spy's raw format: one stack and its count a line)."""
    prefix = os.environ.get("BENCH_PYSPY")
    if not prefix:
        yield
        return
    out = f"{prefix}.{number}.{kind}.txt"
    command = ["py-spy", "record", "--nonblocking", "-r", "200", "-f", "raw", "-o"]
    pids = server.app_pids()
    spies = [
        subprocess.Popen(
            [*command, out if len(pids) == 1 else f"{out[:-4]}.{n}.txt", "-p", str(pid)],
            stdout=subprocess.DEVNULL,
        )
        for n, pid in enumerate(pids)
    ]
    try:
        yield
    finally:
        for spy in spies:
            spy.send_signal(signal.SIGINT)
            spy.wait(timeout=30)


def _settle(server: Server, cap: float = 300.0) -> float:
    """Wait until the server is idle (under 5 % of a core for a second): what the joins set
    off (broadcasts to everyone already in) must not be counted as fan-out latency of notes.
    Returns the seconds waited."""
    started = time.monotonic()
    while time.monotonic() - started < cap:
        before = server.stats.cpu_seconds()
        time.sleep(1.0)
        if server.stats.cpu_seconds() - before < 0.05:
            break
    return time.monotonic() - started


def _summary(
    scenario, kind, results, join_start, base_rss, idle_rss, peak_rss, cpu, wall, seeded, log_tail
) -> dict:
    connect = [s for r in results for s in r.connect_seconds]
    latencies = [s for r in results for s in r.latencies]
    first: dict[str, float] = {}
    for result in results:
        for op_id, latency in result.first_delivery.items():
            first[op_id] = min(latency, first.get(op_id, latency))
    acked = {op: room for r in results for op, room in r.acked.items()}
    acks = [s for r in results for s in r.ack_seconds]
    # Everyone who joined the room, less the sender; a failed join is reported on its own.
    members = sum((r.joined_rooms for r in results), Counter())
    expected = sum(members[room] - 1 for room in acked.values())
    received = sum(count for r in results for op, count in r.received.items() if op in acked)
    joined_all_in = max((r.last_join_at for r in results), default=join_start) - join_start
    failures = [f for r in results for f in r.join_failures + r.post_failures]
    return {
        "scenario": scenario.number,
        "server": kind,
        "participants": scenario.participants,
        "joined": len(connect),
        "joined_all_in_s": joined_all_in,
        "connect_p50_s": percentile(connect, 0.5),
        "connect_p95_s": percentile(connect, 0.95),
        "connect_max_s": max(connect, default=None),
        "notes_acked": len(acked),
        "deliveries_expected": expected,
        "deliveries_received": received,
        "latency_p50_ms": _ms(percentile(latencies, 0.5)),
        "latency_p95_ms": _ms(percentile(latencies, 0.95)),
        "latency_p99_ms": _ms(percentile(latencies, 0.99)),
        "latency_max_ms": _ms(max(latencies, default=None)),
        # A note's earliest delivery to anyone: the server's handling before the fan-out.
        "first_p50_ms": _ms(percentile(list(first.values()), 0.5)),
        "first_p99_ms": _ms(percentile(list(first.values()), 0.99)),
        # The poster's own wait for its note.add acknowledgement: the handler, database and all.
        "ack_p50_ms": _ms(percentile(acks, 0.5)),
        "ack_p99_ms": _ms(percentile(acks, 0.99)),
        "cpu_s": cpu,
        "cpu_percent": 100 * cpu / wall if wall else None,
        "peak_rss_mb": peak_rss / 1024,
        "idle_rss_mb": idle_rss / 1024,
        "idle_kb_per_participant": (idle_rss - base_rss) / max(1, len(connect)),
        "seed_s": seeded,
        "disconnects": sum(r.disconnects for r in results),
        "failures": failures[:5],
        "failure_count": len(failures),
        "log_tail": log_tail if failures else "",
    }


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else seconds * 1000
