#!/usr/bin/python3
# bench.py: what a stub create+destroy cycle costs through GObject
# introspection, beside a floor of the same number of bare GI object
# constructions and calls.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Runs against whatever Cellos typelib GI_TYPELIB_PATH and LD_LIBRARY_PATH
# lead to; "make bench" points them at the build tree. Per cycle:
#   sync   backend.create() and backend.destroy(): two calls, two objects
#   async  create_async/finish and destroy_async/finish, each completing on
#          the next main context iteration: four calls, two objects
#   floor-sync   two GObject.Object() constructions and two trivial method
#                calls: what any two-call, two-object cycle costs in Python
#   floor-async  the same with four calls, and two main context iterations
#                (with nothing to dispatch), as the async cycle makes
# Times are the thread's CPU time (shared machines preempt), per cycle, the
# median over interleaved rounds.

import argparse
import json
import statistics
import sys
import time

import gi

try:
    gi.require_version("Cellos", "1.0")
    from gi.repository import Cellos
except (ValueError, ImportError) as e:
    print(f"bench.py: skipped: the Cellos typelib is not available ({e}); "
          "set GI_TYPELIB_PATH and LD_LIBRARY_PATH to a build with introspection",
          file=sys.stderr)
    sys.exit(77)

from gi.repository import GLib, GObject  # noqa: E402


def make_cycles():
    backend = Cellos.StubBackend.new()
    document = Cellos.ExecutionCellDocument.new("cell-0123456789a")
    context = GLib.MainContext.default()

    def sync_cycle():
        handle = backend.create(document, None)
        backend.destroy(handle, None)

    def async_cycle():
        results = []

        def done(source, result):
            results.append(result)

        backend.create_async(document, None, done)
        while not results:
            context.iteration(True)
        handle = backend.create_finish(results.pop())
        backend.destroy_async(handle, None, done)
        while not results:
            context.iteration(True)
        backend.destroy_finish(results.pop())

    def floor_sync_cycle():
        first = GObject.Object()
        first.is_floating()
        second = GObject.Object()
        second.is_floating()

    def floor_async_cycle():
        first = GObject.Object()
        first.is_floating()
        first.is_floating()
        context.iteration(False)
        second = GObject.Object()
        second.is_floating()
        second.is_floating()
        context.iteration(False)

    return {"floor-sync": floor_sync_cycle, "sync": sync_cycle,
            "floor-async": floor_async_cycle, "async": async_cycle}


def time_cycles(cycle, n):
    start = time.thread_time_ns()
    for _ in range(n):
        cycle()
    return (time.thread_time_ns() - start) / n


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--round-ms", type=float, default=20.0,
                        help="milliseconds per variant per round")
    args = parser.parse_args()

    cycles = make_cycles()
    per_round = {}
    for name, cycle in cycles.items():
        time_cycles(cycle, 200)
        estimate = time_cycles(cycle, 200)
        per_round[name] = max(10, int(args.round_ms * 1e6 / max(estimate, 1.0)))

    samples = {name: [] for name in cycles}
    for _ in range(args.rounds):
        for name, cycle in cycles.items():
            samples[name].append(time_cycles(cycle, per_round[name]))

    us = {name: statistics.median(values) / 1000 for name, values in samples.items()}
    ratios = {
        name: statistics.median(s / f for s, f in zip(samples[name], samples["floor-" + name]))
        for name in ("sync", "async")
    }

    if args.json:
        print(json.dumps({"rounds": args.rounds, "clock": "thread-cpu",
                          "us_per_cycle": us,
                          "ratios_to_floor": ratios}))
    else:
        print(f"GI (Python {sys.version.split()[0]}, PyGObject {gi.__version__}): "
              f"median us per cycle, thread CPU time, {args.rounds} interleaved rounds")
        print(f"  floor: 2 GObject.Object(), 2 calls               {us['floor-sync']:8.2f}")
        print(f"  stub, sync API                                   {us['sync']:8.2f}   "
              f"({ratios['sync']:.2f} x floor)")
        print(f"  floor: 2 GObject.Object(), 4 calls, 2 iterations {us['floor-async']:8.2f}")
        print(f"  stub, async API                                  {us['async']:8.2f}   "
              f"({ratios['async']:.2f} x floor)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
