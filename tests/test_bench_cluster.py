"""The plumbing of the benchmark's scale-out scenario (``python -m bench --scenario 6``, run by
hand): bench/cluster.py starts two app processes on a throwaway PostgreSQL database with Redis
behind nginx, sends the clients it is given to both processes, counts them per process, and
leaves nothing behind. The measurement itself is never run in the suite."""

import psycopg
import pytest
import socketio

from bench.cluster import POSTGRES, Cluster

pytestmark = pytest.mark.services


def _databases() -> set[str]:
    with psycopg.connect(POSTGRES, autocommit=True, connect_timeout=10) as admin:
        rows = admin.execute("SELECT datname FROM pg_database").fetchall()
    return {name for (name,) in rows}


def test_the_scale_out_bench_splits_participants_over_both_processes_and_cleans_up():
    cluster = Cluster("gevent").start()
    clients = []
    try:
        assert cluster.database in _databases()
        workshop = cluster.create_workshop("Mittauksen putkisto")
        for index in range(4):
            client = socketio.Client(reconnection=False)
            client.connect(
                cluster.url,
                headers=cluster.headers_for(index),
                transports=["websocket"],
                wait_timeout=15,
            )
            clients.append(client)
            ack = client.call(
                "join", {"join_code": workshop["join_code"], "name": "Mittari"}, timeout=20
            )
            assert ack["ok"], ack
        assert cluster.split([workshop]) == [2, 2]
    finally:
        for client in clients:
            client.disconnect()
        cluster.stop()
    started = [*cluster.apps, cluster.nginx, cluster.redis]
    assert all(process.poll() is not None for process in started)
    assert cluster.database not in _databases()
    assert not cluster.data_dir.exists()
