#!/usr/bin/env python3
"""Where each service's CPU went over its life, by kind of thread: the JIT compilers (C1, C2), the
Vert.x event loops (the work), the collector and VM threads, and the rest. Read from
/proc/<pid>/task/*/stat for the pids in deploy/local/run/pids (bench.sh prints it at the end of a run).

Usage: threads.py [pids directory, default deploy/local/run/pids]
"""
import os
import sys

KINDS = ["C2", "C1", "event loops", "GC + VM", "other"]


def kind(name):
    if name.startswith("C2 Compiler"):
        return "C2"
    if name.startswith("C1 Compiler"):
        return "C1"
    if name.startswith("vert.x-eventloo"):
        return "event loops"
    if name.startswith(("VM Thread", "GC Thread", "G1 ")):
        return "GC + VM"
    return "other"


def seconds(pid):
    ticks = os.sysconf("SC_CLK_TCK")
    spent = dict.fromkeys(KINDS, 0.0)
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/stat") as stat:
                line = stat.read()
        except OSError:
            continue  # the thread ended meanwhile
        name = line[line.index("(") + 1:line.rindex(")")]
        fields = line[line.rindex(")") + 2:].split()
        spent[kind(name)] += (int(fields[11]) + int(fields[12])) / ticks  # utime + stime
    return spent


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "deploy/local/run/pids"
    print("| service | CPU s | " + " | ".join(KINDS) + " | JIT share |")
    print("|---" * (len(KINDS) + 3) + "|")
    for service in sorted(os.listdir(folder)):
        with open(os.path.join(folder, service)) as f:
            pid = f.read().strip()
        if not os.path.isdir(f"/proc/{pid}"):
            continue
        spent = seconds(pid)
        total = sum(spent.values())
        jit = spent["C1"] + spent["C2"]
        print(f"| {service} | {total:.1f} | " + " | ".join(f"{spent[k]:.1f}" for k in KINDS)
              + f" | {100 * jit / total if total else 0:.0f} % |")


if __name__ == "__main__":
    main()
