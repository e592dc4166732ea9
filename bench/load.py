"""Load clients: python-socketio AsyncClients spread over several processes, speaking the real
protocol (``join``, ``note.add``, ``event``).

Every poster puts its send time (``time.time()``) into the note text; every other client in the
room subtracts it from its own receive time. All processes share the machine's clock, so the
difference is the fan-out latency send → that client.
"""

import asyncio
import multiprocessing
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field

JOIN_TIMEOUT = 60
ACK_TIMEOUT = 30
QUIET_SECONDS = 5  # after the last post, stop listening once nothing arrived for this long
DRAIN_CAP_SECONDS = 40  # ... or this long after the last post at the latest


@dataclass
class ClientSpec:
    room: int
    join_code: str
    step_id: int
    prompt_id: str
    poster_rank: int | None = None  # 0.. among the room's posters; None: listens only
    join_offset: float = 0.0  # seconds after the join start
    poster_phase: float = 0.0  # share of the interval after which this poster posts
    headers: dict = field(default_factory=dict)  # of the connection (a route cookie)


@dataclass
class Load:
    url: str
    clients: list[ClientSpec]
    posts: int = 0  # per poster
    interval: float = 1.0
    connect_concurrency: int = 50


@dataclass
class WorkerResult:
    connect_seconds: list[float] = field(default_factory=list)
    join_failures: list[str] = field(default_factory=list)
    last_join_at: float = 0.0
    latencies: list[float] = field(default_factory=list)
    received: Counter = field(default_factory=Counter)  # op_id -> deliveries to others
    first_delivery: dict = field(default_factory=dict)  # op_id -> its earliest latency here
    joined_rooms: Counter = field(default_factory=Counter)  # room -> clients joined
    acked: dict = field(default_factory=dict)  # op_id -> room
    ack_seconds: list[float] = field(default_factory=list)  # note.add sent -> acknowledged
    ack_sent: list[float] = field(default_factory=list)  # ... and when it was sent (time.time)
    post_failures: list[str] = field(default_factory=list)
    disconnects: int = 0
    last_receive: float = 0.0  # time.monotonic() of the latest delivery


class _Client:
    def __init__(self, spec: ClientSpec, result: WorkerResult):
        import socketio

        self.spec = spec
        self.result = result
        self.own_ops: set[str] = set()
        self.sio = socketio.AsyncClient(reconnection=False)
        self.sio.on("event", self._on_event)
        self.sio.on("disconnect", self._on_disconnect)
        self.joined = False

    def _on_event(self, event):
        if event.get("type") != "note.added":
            return
        note = event["data"]["note"]
        if note["op_id"] in self.own_ops or not note["text"].startswith("bench|"):
            return
        latency = time.time() - float(note["text"].split("|")[1])
        self.result.latencies.append(latency)
        first = self.result.first_delivery.get(note["op_id"])
        if first is None or latency < first:
            self.result.first_delivery[note["op_id"]] = latency
        self.result.received[note["op_id"]] += 1
        self.result.last_receive = time.monotonic()

    def _on_disconnect(self, *_args):
        if self.joined:
            self.result.disconnects += 1

    async def join(self, url: str, start: float, gate: asyncio.Semaphore):
        await asyncio.sleep(max(0.0, start + self.spec.join_offset - time.time()))
        async with gate:
            began = time.time()
            try:
                await self.sio.connect(
                    url,
                    headers=dict(self.spec.headers),  # a copy: engine.io takes the cookie out
                    transports=["websocket"],
                    wait_timeout=JOIN_TIMEOUT,
                )
                ack = await self.sio.call(
                    "join",
                    {"join_code": self.spec.join_code, "name": "Bench"},
                    timeout=JOIN_TIMEOUT,
                )
            except Exception as error:  # noqa: BLE001 - every failure is a counted result
                self.result.join_failures.append(f"{type(error).__name__}: {error}")
                await self.sio.disconnect()  # out of the room: counts neither way
                return
        if not ack.get("ok"):
            self.result.join_failures.append(str(ack.get("error")))
            await self.sio.disconnect()
            return
        self.joined = True
        self.result.joined_rooms[self.spec.room] += 1
        done = time.time()
        self.result.connect_seconds.append(done - began)
        self.result.last_join_at = max(self.result.last_join_at, done)

    async def post(self, load: Load, go: float):
        if self.spec.poster_rank is None or not self.joined:
            return
        for number in range(load.posts):
            at = go + (number + self.spec.poster_phase) * load.interval
            await asyncio.sleep(max(0.0, at - time.time()))
            op_id = str(uuid.uuid4())
            self.own_ops.add(op_id)
            payload = {
                "op_id": op_id,
                "step_id": self.spec.step_id,
                "prompt_id": self.spec.prompt_id,
                "text": f"bench|{time.time():.6f}|",
            }
            sent = time.time()
            try:
                ack = await self.sio.call("note.add", payload, timeout=ACK_TIMEOUT)
            except Exception as error:  # noqa: BLE001
                self.result.post_failures.append(f"{type(error).__name__}: {error}")
                continue
            self.result.ack_seconds.append(time.time() - sent)
            self.result.ack_sent.append(sent)
            if ack.get("ok"):
                self.result.acked[op_id] = self.spec.room
            else:
                self.result.post_failures.append(str(ack.get("error")))


async def _run(load: Load, conn) -> None:
    loop = asyncio.get_running_loop()
    result = WorkerResult(last_receive=time.monotonic())
    clients = [_Client(spec, result) for spec in load.clients]
    conn.send("loaded")
    join_start = await loop.run_in_executor(None, conn.recv)
    gate = asyncio.Semaphore(load.connect_concurrency)
    await asyncio.gather(*(client.join(load.url, join_start, gate) for client in clients))
    conn.send(("joined", len(result.join_failures)))
    go = await loop.run_in_executor(None, conn.recv)
    await asyncio.gather(*(client.post(load, go) for client in clients))
    last_post = go + load.posts * load.interval
    cap = time.monotonic() + max(0.0, last_post - time.time()) + DRAIN_CAP_SECONDS
    while time.monotonic() < cap:
        if time.time() > last_post and time.monotonic() - result.last_receive > QUIET_SECONDS:
            break
        await asyncio.sleep(0.25)
    conn.send(("result", result))
    await asyncio.gather(*(c.sio.disconnect() for c in clients), return_exceptions=True)


def _worker(load: Load, conn) -> None:
    asyncio.run(_run(load, conn))


class LoadRun:
    """Clients split over ``processes`` worker processes, driven in lock-step phases."""

    def __init__(self, load: Load, processes: int):
        processes = max(1, min(processes, len(load.clients)))
        context = multiprocessing.get_context("spawn")
        self.pipes, self.workers = [], []
        for part in range(processes):
            share = Load(**{**load.__dict__, "clients": load.clients[part::processes]})
            parent, child = context.Pipe()
            worker = context.Process(target=_worker, args=(share, child), daemon=True)
            worker.start()
            self.pipes.append(parent)
            self.workers.append(worker)
        for pipe in self.pipes:
            self._expect(pipe, "loaded", 120)

    def _expect(self, pipe, what, timeout):
        if not pipe.poll(timeout):
            raise RuntimeError(f"a load worker did not report {what!r} within {timeout} s")
        message = pipe.recv()
        tag = message if isinstance(message, str) else message[0]
        if tag != what:
            raise RuntimeError(f"load worker said {message!r}, expected {what!r}")
        return message

    def join(self, delay: float = 0.3) -> float:
        """Start connecting and joining; returns the join start time once all are done."""
        start = time.time() + delay
        for pipe in self.pipes:
            pipe.send(start)
        for pipe in self.pipes:
            self._expect(pipe, "joined", 600)
        return start

    def post(self, delay: float = 0.5) -> tuple[float, list[WorkerResult]]:
        go = time.time() + delay
        for pipe in self.pipes:
            pipe.send(go)
        results = [self._expect(pipe, "result", 900)[1] for pipe in self.pipes]
        for worker in self.workers:
            worker.join(timeout=60)
            if worker.is_alive():
                worker.kill()
        return go, results

    def abort(self) -> None:
        for worker in self.workers:
            if worker.is_alive():
                worker.kill()
