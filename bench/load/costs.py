#!/usr/bin/env python3
"""What one load step costs per answered message: runs the generator (the command after --) and
reads, before and after it, the CPU time of every process of the stack from /proc (each service
and the sandbox by deploy/local/run/pids, PostgreSQL as all its server processes, the generator
as this child), PostgreSQL's transactions (pg_stat_database) and, when the extension is loaded,
statements (pg_stat_statements), for the databases named liora_bench_*. The answered messages are
the results row the generator appends (its 4th column); prints one COSTS line and appends it to
--costs.

Usage: costs.py --label L --results results.tsv --costs costs.tsv -- <generator command...>
"""
import argparse
import os
import resource
import subprocess
import sys

TICKS = os.sysconf("SC_CLK_TCK")
SERVICES = ["tenant-service", "conversation-service", "catalog-service", "integrations-service", "whatsapp-sandbox"]
# conversation-service's webhook replica, when up.sh runs one apart (LIORA_WEBHOOK_REPLICA=true): its CPU
# is conversation-service's, and also shown on its own
WEBHOOK_REPLICA = "conversation-webhook"
PIDS = "deploy/local/run/pids"


def cpu_seconds(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        # utime and stime of the process and of its waited-for children (fields 14-17)
        return sum(int(f) for f in fields[11:15]) / TICKS
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return 0.0


def postgres_pids():
    out = subprocess.run(["pgrep", "-x", "postgres"], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def psql(query):
    return subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-At", "-d", "postgres", "-c", query],
                          capture_output=True, text=True).stdout.strip()


def snapshot():
    cpu = {}
    for name in SERVICES + [WEBHOOK_REPLICA]:
        try:
            with open(f"{PIDS}/{name}") as f:
                cpu[name] = cpu_seconds(int(f.read().strip()))
        except (FileNotFoundError, ValueError):
            cpu[name] = 0.0
    cpu["postgres"] = sum(cpu_seconds(p) for p in postgres_pids())
    xacts = psql("select coalesce(sum(xact_commit + xact_rollback), 0) from pg_stat_database"
                 " where datname like 'liora_bench_%'")
    statements = psql("select coalesce(sum(calls), 0) from pg_stat_statements s join pg_database d on d.oid = s.dbid"
                      " where d.datname like 'liora_bench_%'")
    return cpu, int(xacts or 0), int(statements) if statements.isdigit() else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--label", required=True)
    parser.add_argument("--results", required=True)
    parser.add_argument("--costs", required=True)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    rows_before = open(args.results).read().count("\n") if os.path.exists(args.results) else 0

    before, xacts_before, statements_before = snapshot()
    generator = subprocess.run(command)
    after, xacts_after, statements_after = snapshot()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)

    rows = open(args.results).read().splitlines() if os.path.exists(args.results) else []
    answered = int(rows[-1].split("\t")[3]) if len(rows) > rows_before else 0
    if answered == 0:
        print(f"COSTS {args.label}: no answered messages recorded")
        return generator.returncode
    ms = {name: (after[name] - before[name]) * 1000 / answered for name in after}
    ms["generator"] = (children.ru_utime + children.ru_stime) * 1000 / answered
    webhook_replica = ms.pop(WEBHOOK_REPLICA)
    ms["conversation-service"] += webhook_replica
    services = sum(ms[n] for n in ["tenant-service", "conversation-service", "catalog-service", "integrations-service"])
    xacts = (xacts_after - xacts_before) / answered
    statements = ((statements_after - statements_before) / answered
                  if statements_before is not None and statements_after is not None else None)
    line = "\t".join([args.label, str(answered)] + [f"{ms[n]:.2f}" for n in SERVICES + ["postgres", "generator"]]
                     + [f"{services + ms['postgres']:.2f}", f"{xacts:.1f}",
                        "-" if statements is None else f"{statements:.1f}"])
    with open(args.costs, "a") as out:
        out.write(line + "\n")
    print(f"COSTS {args.label}: {answered} answered; CPU ms per message: "
          + ", ".join(f"{n} {ms[n]:.2f}" for n in SERVICES + ["postgres", "generator"])
          + f"; four services + PostgreSQL {services + ms['postgres']:.2f}; transactions {xacts:.1f}"
          + ("" if statements is None else f"; statements {statements:.1f}") + " per message"
          + (f" (conversation-service's webhook replica: {webhook_replica:.2f})" if webhook_replica else ""))
    return generator.returncode


if __name__ == "__main__":
    sys.exit(main())
