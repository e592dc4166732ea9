"""``python -m bench``: run the scenarios against the app and the bare server, print the table.

python -m bench                       # scenarios 1-6, gevent, app and bare (6: app, scale-out)
python -m bench --scenario 1 2 --quick
python -m bench --scenario 2 --mode threading
python -m bench --scenario 6          # two processes on PostgreSQL + Redis behind nginx
python -m bench --scenario 7          # a big export next to a live room (note.add acks)
python -m bench --scenario 8          # theme suggestions next to a live room (note.add acks)
"""

import argparse
import json
import os
import signal
import sys
import time

from .scenarios import SCENARIOS, run

COLUMNS = (
    ("joined", "joined", "{:.0f}"),
    ("all joined in s", "joined_all_in_s", "{:.2f}"),
    ("idle after joins in s", "settled_s", "{:.1f}"),
    ("server CPU s for the joins", "join_cpu_s", "{:.1f}"),
    ("connect p50/p95/max s", ("connect_p50_s", "connect_p95_s", "connect_max_s"), "{:.3f}"),
    ("deliveries exp/recv", ("deliveries_expected", "deliveries_received"), "{:.0f}"),
    (
        "latency p50/p95/p99/max ms",
        ("latency_p50_ms", "latency_p95_ms", "latency_p99_ms", "latency_max_ms"),
        "{:.0f}",
    ),
    ("first delivery p50/p99 ms", ("first_p50_ms", "first_p99_ms"), "{:.0f}"),
    ("note.add ack p50/p99 ms", ("ack_p50_ms", "ack_p99_ms"), "{:.0f}"),
    ("CPU s (%) while posting", ("cpu_s", "cpu_percent"), "{:.1f}"),
    ("participants per process", "per_process", "{:.0f}"),
    ("peak RSS MB", "peak_rss_mb", "{:.1f}"),
    ("idle KB/participant", "idle_kb_per_participant", "{:.1f}"),
    ("idle KB/p. after heartbeat", "heartbeat_kb_per_participant", "{:.1f}"),
    ("KB/participant after posting", "posted_kb_per_participant", "{:.1f}"),
)


def _cell(summary: dict, keys, fmt: str) -> str:
    if keys == "per_process":
        split = summary.get("per_process")
        return "-" if split is None else "/".join(str(n) for n in split)
    keys = (keys,) if isinstance(keys, str) else keys
    values = ["-" if summary.get(k) is None else fmt.format(summary[k]) for k in keys]
    if keys == ("cpu_s", "cpu_percent"):
        return f"{values[0]} ({values[1]}%)"
    return "/".join(values)


def _print_summary(summary: dict) -> None:
    print(f"  {summary['server']}:")
    for label, keys, fmt in COLUMNS:
        print(f"    {label:<28} {_cell(summary, keys, fmt)}")
    if summary["seed_s"] is not None:
        print(f"    {'seeded notes in s':<28} {summary['seed_s']:.1f}")
    if summary["disconnects"] or summary["failure_count"]:
        print(
            f"    disconnects {summary['disconnects']}, failures {summary['failure_count']}: "
            f"{summary['failures']}"
        )
        if summary["log_tail"]:
            print("    server log tail:\n      " + summary["log_tail"].replace("\n", "\n      "))


def _verdict(scenario, results: dict) -> list[str]:
    """PASS/FAIL of the scenario's subject ("app", or "scale-out" in scenario 6) against its
    targets, and its ratios to the baseline server measured in the same run."""
    lines = []
    for kind, summary in results.items():
        if kind == "bare":
            continue
        missing = summary["deliveries_expected"] - summary["deliveries_received"]
        everyone = summary["joined"] == scenario.participants
        lines.append(
            f"  {kind} deliveries missing: {missing}, joined {summary['joined']}/"
            f"{scenario.participants}  ({'PASS' if missing == 0 and everyone else 'FAIL'})"
        )
    app, bare = results.get(scenario.subject), results.get(scenario.baseline)
    if app is None:
        return lines
    split = app.get("per_process")
    if split is not None:
        lines.append(
            f"  {scenario.subject} participants per process: {'/'.join(map(str, split))}"
            f"  ({'PASS' if len(split) > 1 and min(split) > 0 else 'FAIL'}: every process has some)"
        )
    if scenario.join_window is not None:
        ok = (
            app["joined"] == scenario.participants
            and app["joined_all_in_s"] <= scenario.join_window
        )
        lines.append(
            f"  app: {app['joined']}/{scenario.participants} joined in "
            f"{app['joined_all_in_s']:.2f} s (window {scenario.join_window:.0f} s)  "
            f"({'PASS' if ok else 'FAIL'})"
        )
    if bare is not None:
        for key in ("latency_p99_ms", "connect_p95_s"):
            if app.get(key) and bare.get(key):
                ratio = app[key] / bare[key]
                target = scenario.ratio_target if key == "latency_p99_ms" else None
                verdict = (
                    ""
                    if target is None
                    else (f"  target <= {target}  ({'PASS' if ratio <= target else 'FAIL'})")
                )
                lines.append(
                    f"  ratio {scenario.subject}/{scenario.baseline} {key}: {ratio:.2f}{verdict}"
                )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--scenario",
        type=int,
        nargs="+",
        default=[1, 2, 3, 4, 5, 6],
        choices=[1, 2, 3, 4, 5, 6, 7, 8],
    )
    parser.add_argument(
        "--mode",
        default="gevent",
        choices=("gevent", "threading"),
        help="async mode of both servers (default gevent)",
    )
    parser.add_argument(
        "--servers",
        nargs="+",
        choices=("app", "bare", "scale-out"),
        help="servers to run each scenario against (default: app and bare; scenario 6: app "
        "and scale-out, i.e. two processes on PostgreSQL and Redis behind nginx)",
    )
    parser.add_argument("--processes", type=int, default=4, help="load client processes")
    parser.add_argument("--quick", action="store_true", help="a small smoke run")
    parser.add_argument("--json", help="also write every summary to this file")
    args = parser.parse_args(argv)
    # `timeout` and service managers send SIGTERM: unwind, so that every server, nginx, Redis
    # and the scale-out database are stopped and dropped by their `finally` blocks.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))

    load1 = os.getloadavg()[0]
    print(
        f"pajapohja bench: mode {args.mode}, {os.cpu_count()} CPUs, load average "
        f"{load1:.2f} at start, {args.processes} client processes"
        f"{', QUICK' if args.quick else ''}"
    )
    summaries = []
    for number in args.scenario:
        if number == 7:
            from . import stall

            print(f"\nScenario 7: {stall.TITLE}")
            figures = stall.run(args.mode, args.processes)
            stall.report(figures)
            summaries.append({"scenario": 7, **figures})
            continue
        if number == 8:
            from . import suggest

            print(f"\nScenario 8: {suggest.TITLE}")
            for figures in suggest.run(args.processes):
                suggest.report(figures)
                summaries.append({"scenario": 8, **figures})
            sys.stdout.flush()
            continue
        if number == 5:
            from .browser import run_board

            print(
                "\nScenario 5: a board with 2,000 notes in Chromium"
                f"{' (quick: 400 notes)' if args.quick else ''}"
            )
            figures = run_board(args.mode, 400 if args.quick else 2000)
            for label, value in figures.items():
                print(f"    {label:<40} {value}")
            summaries.append({"scenario": 5, **figures})
            continue
        scenario = SCENARIOS[number].quick() if args.quick else SCENARIOS[number]
        print(
            f"\nScenario {number}: {scenario.title}"
            f"{f' (quick: {scenario.participants} participants)' if args.quick else ''}"
        )
        results = {}
        for kind in args.servers or scenario.servers:
            if kind == "scale-out" and args.mode != "gevent":
                print("  scale-out: skipped, `pajapohja serve` runs gevent only")
                continue
            started = time.monotonic()
            try:
                results[kind] = run(scenario, kind, args.mode, args.processes)
            except Exception as error:  # noqa: BLE001 - a full run goes on to the next one
                print(f"  {kind}: could not be measured: {type(error).__name__}: {error}  (FAIL)")
                continue
            results[kind]["seconds"] = time.monotonic() - started
            _print_summary(results[kind])
            summaries.append(results[kind])
        for line in _verdict(scenario, results):
            print(line)
        sys.stdout.flush()
    print(f"\nload average at end {os.getloadavg()[0]:.2f}")
    if args.json:
        with open(args.json, "w") as out:
            json.dump(summaries, out, indent=2, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main())
