#!/usr/bin/env python3
"""Where a service's CPU goes: reads a JFR recording's execution samples (jfr print --json) and
prints the hottest methods by self time and the hottest Liora/Hibernate/Vert.x frames by total time.

Usage: profile.py <recording.jfr> [top N]
Record with: jcmd <pid> JFR.start duration=20s filename=/tmp/x.jfr settings=profile
"""
import collections
import json
import subprocess
import sys


def main():
    recording, top = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 15
    out = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", recording],
                         capture_output=True, text=True, check=True).stdout
    events = json.loads(out)["recording"]["events"]
    self_time, total_time, packages = collections.Counter(), collections.Counter(), collections.Counter()
    for event in events:
        frames = event["values"]["stackTrace"]["frames"] if event["values"].get("stackTrace") else []
        names = [f"{f['method']['type']['name']}.{f['method']['name']}" for f in frames]
        if not names:
            continue
        self_time[names[0]] += 1
        package = ".".join(frames[0]["method"]["type"]["name"].split(".")[:3])
        packages[package] += 1
        for name in set(names):
            total_time[name] += 1
    samples = len(events)
    print(f"{samples} samples")
    print("-- self time by package (top frame)")
    for name, count in packages.most_common(top):
        print(f"{100 * count / samples:5.1f}%  {name}")
    print("-- self time by method")
    for name, count in self_time.most_common(top):
        print(f"{100 * count / samples:5.1f}%  {name}")
    print("-- total time, Liora frames")
    for name, count in [(n, c) for n, c in total_time.most_common() if n.startswith("io.liora")][:top]:
        print(f"{100 * count / samples:5.1f}%  {name}")


if __name__ == "__main__":
    main()
