#!/usr/bin/env python3
"""Where the database time goes: samples pg_stat_activity (every 50 ms for <seconds>) and counts the
statements active in the liora_bench_* databases, by database and statement (its first 90 chars).
A statement seen in n samples was running about n × 50 ms in all.

Usage: dbtime.py <seconds> [database prefix, default liora_bench]
"""
import collections
import subprocess
import sys
import time

QUERY = ("select datname || ' | ' || wait_event_type || ':' || coalesce(wait_event, '-') || ' | ' || "
         "regexp_replace(left(query, 90), '\\s+', ' ', 'g') from pg_stat_activity "
         "where state = 'active' and datname like '{prefix}%' and pid <> pg_backend_pid()")


def main():
    seconds, prefix = float(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "liora_bench"
    psql = subprocess.Popen(["psql", "-h", "127.0.0.1", "-U", "postgres", "-At", "-d", "postgres"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
    counts, samples, busy = collections.Counter(), 0, 0
    deadline = time.time() + seconds
    while time.time() < deadline:
        psql.stdin.write(QUERY.replace("{prefix}", prefix).replace("wait_event_type", "coalesce(wait_event_type, 'CPU')")
                         + ";\nselect '--end--';\n")
        rows = []
        for line in psql.stdout:
            line = line.rstrip("\n")
            if line == "--end--":
                break
            rows.append(line)
        samples += 1
        busy += len(rows)
        counts.update(rows)
        time.sleep(0.05)
    psql.stdin.close()
    print(f"{samples} samples; on average {busy / samples:.2f} statements active")
    for row, n in counts.most_common(25):
        print(f"{100 * n / samples:6.1f}%  {row}")


if __name__ == "__main__":
    main()
