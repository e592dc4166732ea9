"""``python -m bench``: run the scenarios against the app and the bare server, print the table.

python -m bench                       # scenarios 1-5, gevent, app and bare
python -m bench --scenario 1 2 --quick
python -m bench --scenario 2 --mode threading
"""

import argparse
import json
import os
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
    ("CPU s (%) while posting", ("cpu_s", "cpu_percent"), "{:.1f}"),
    ("peak RSS MB", "peak_rss_mb", "{:.1f}"),
    ("idle KB/participant", "idle_kb_per_participant", "{:.1f}"),
    ("idle KB/p. after heartbeat", "heartbeat_kb_per_participant", "{:.1f}"),
    ("KB/participant after posting", "posted_kb_per_participant", "{:.1f}"),
)


def _cell(summary: dict, keys, fmt: str) -> str:
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


def _verdict(scenario, app: dict, bare: dict | None) -> list[str]:
    lines = []
    missing = app["deliveries_expected"] - app["deliveries_received"]
    everyone = app["joined"] == scenario.participants
    lines.append(
        f"  app deliveries missing: {missing}, joined {app['joined']}/{scenario.participants}"
        f"  ({'PASS' if missing == 0 and everyone else 'FAIL'})"
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
                lines.append(f"  ratio app/bare {key}: {ratio:.2f}{verdict}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--scenario", type=int, nargs="+", default=[1, 2, 3, 4, 5], choices=[1, 2, 3, 4, 5]
    )
    parser.add_argument(
        "--mode",
        default="gevent",
        choices=("gevent", "threading"),
        help="async mode of both servers (default gevent)",
    )
    parser.add_argument("--servers", nargs="+", default=["app", "bare"], choices=("app", "bare"))
    parser.add_argument("--processes", type=int, default=4, help="load client processes")
    parser.add_argument("--quick", action="store_true", help="a small smoke run")
    parser.add_argument("--json", help="also write every summary to this file")
    args = parser.parse_args(argv)

    load1 = os.getloadavg()[0]
    print(
        f"pajapohja bench: mode {args.mode}, {os.cpu_count()} CPUs, load average "
        f"{load1:.2f} at start, {args.processes} client processes"
        f"{', QUICK' if args.quick else ''}"
    )
    summaries = []
    for number in args.scenario:
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
        for kind in args.servers:
            started = time.monotonic()
            results[kind] = run(scenario, kind, args.mode, args.processes)
            results[kind]["seconds"] = time.monotonic() - started
            _print_summary(results[kind])
            summaries.append(results[kind])
        if "app" in results:
            for line in _verdict(scenario, results["app"], results.get("bare")):
                print(line)
        sys.stdout.flush()
    print(f"\nload average at end {os.getloadavg()[0]:.2f}")
    if args.json:
        with open(args.json, "w") as out:
            json.dump(summaries, out, indent=2, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main())
