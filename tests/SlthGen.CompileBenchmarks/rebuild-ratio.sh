#!/usr/bin/env bash
# The edit-and-rebuild loop of a project that embeds the 784-500-10 ticket, against the same loop
# on Samples/Xor, in one run (BENCHMARKS.md, "Compile time": rebuild ratio and peak memory).
#
# Usage: tests/SlthGen.CompileBenchmarks/rebuild-ratio.sh   (RUNS=N, default 5)
#
# Each measured build touches one source file of the project and runs `dotnet build -c Release
# --no-restore` with its own MSBuild and csc (-nodeReuse:false, UseSharedCompilation=false), so
# the compiler's peak memory is that of a child process, which GNU time reports (%M, the largest
# process of the build). Runs alternate between the two projects; medians are reported.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${RUNS:-5}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
args=(-c Release --no-restore -nodeReuse:false -p:UseSharedCompilation=false)
declare -A project=([large]=tests/SlthGen.LargeTicket [xor]=Samples/Xor)
declare -A source=([large]=tests/SlthGen.LargeTicket/LargeTicket.cs [xor]=Samples/Xor/Program.cs)

for name in large xor; do
  dotnet build "${project[$name]}" -c Release >/dev/null
done

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((round = 0; round < runs; round++)); do
  for name in large xor; do
    touch "${source[$name]}"
    /usr/bin/time -f "%e %M" -o "$work/time" dotnet build "${project[$name]}" "${args[@]}" >"$work/log" 2>&1 || { tail -n 30 "$work/log"; exit 1; }
    read -r seconds kb <"$work/time"
    echo "$seconds" >>"$work/$name.s"
    echo "$kb" >>"$work/$name.kb"
    echo "$name: ${seconds} s, peak $((kb / 1024)) MB"
  done
done

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
large=$(median <"$work/large.s")
xor=$(median <"$work/xor.s")
peak=$(sort -g "$work/large.kb" | tail -n 1)
echo
echo "| project | median rebuild (s) | peak memory (MB) |"
echo "| --- | ---: | ---: |"
echo "| tests/SlthGen.LargeTicket (784-500-10) | $large | $((peak / 1024)) |"
echo "| Samples/Xor | $xor | $(( $(sort -g "$work/xor.kb" | tail -n 1) / 1024 )) |"
awk -v a="$large" -v b="$xor" 'BEGIN { printf "rebuild ratio LargeTicket / Xor: %.2f\n", a / b }'
