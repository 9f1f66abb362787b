#!/usr/bin/env bash
# The queue model against SimPy on the same M/M/c queue (DESIGN section 11):
# bench_queue's arrivals per second beside bench/simpy_mmc.py's, and their
# ratio. Usage: bench/queue_vs_simpy.sh [BUILD_DIR] (default: build).
# Needs Debian's python3-simpy (SimPy 2.3): sudo apt-get install python3-simpy
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
ours=$("$build/bin/bench_queue" --benchmark_filter='BM_QueueMmc/28' --benchmark_repetitions=3 \
  --benchmark_report_aggregates_only=true --benchmark_format=json |
  /usr/bin/python3 -c 'import json,sys; r=[b for b in json.load(sys.stdin)["benchmarks"] if b.get("aggregate_name")=="median"][0]; print(r["items_per_second"])')
simpy_line=$(/usr/bin/python3 bench/simpy_mmc.py 28)
theirs=$(echo "$simpy_line" | sed -E 's/.*: ([0-9]+) arrivals\/s.*/\1/')
echo "journeysim: $(printf '%.0f' "$ours") arrivals/s (every KPI and queue figure collected, one thread)"
echo "$simpy_line"
/usr/bin/python3 -c "print(f'ratio: {$ours / $theirs:.1f}x SimPy')"
