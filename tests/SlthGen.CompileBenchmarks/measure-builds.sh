#!/usr/bin/env bash
# Whole-build wall times of the two ticket projects with and without SlthGen (BENCHMARKS.md,
# "Compile time"); BenchmarkDotNet cannot time an MSBuild build, so this script does.
#
# Usage: tests/SlthGen.CompileBenchmarks/measure-builds.sh [digits|large|all]
#        RUNS=N overrides the measured runs per variant (default 5 for digits, 3 for large).
#
# Projects: Samples/Digits.Ticket (net8.0 + netstandard2.0, so two compilations and two generator
# runs per build) and tests/SlthGen.LargeTicket (net10.0). Three variants of each, injected by
# build/BuildVariant.targets (no project file is edited):
#   generator     the project as it is;
#   pregenerated  the same project without the generator: its project reference (hence the
#                 analyzer) removed, and the files it generated (saved from a build made with
#                 EmitCompilerGeneratedFiles) compiled as ordinary sources: the same code;
#   bare          no generator and no generated code: the network class keeps its attributes
#                 but loses its members (they call generated code).
# Each measured build is `dotnet build -c Release --no-restore` of the project after touching its
# sources, so its compilation always runs while its dependencies (runtime library, generator) are
# up to date, as when a developer edits the project and builds. Policy on build servers: none.
# Every build starts its own MSBuild and csc processes (-nodeReuse:false,
# UseSharedCompilation=false), nothing is shut down, and the machine's shared servers (another
# engineer may be using them) are left alone. So each build pays csc's start-up and the
# generator's JIT, as a CI build does. After one untimed warm-up build per variant, the runs
# alternate between the variants (the order rotates each round), and the medians are reported.
# A run during which a dependency was rebuilt is marked with '!'.
# Then the generator's own time as csc reports it (-p:ReportAnalyzer=true -v:d, the line
# "SlthGen.Generator.TicketGenerator") over as many more builds, with the analyzers' total time
# for each variant. First of all, the size of what the generator emits.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
which=${1:-all}
targets=$root/tests/SlthGen.CompileBenchmarks/build/BuildVariant.targets
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
variants=(generator pregenerated bare)
build_args=(-c Release --no-restore -nodeReuse:false -p:UseSharedCompilation=false -p:CustomAfterMicrosoftCommonTargets="$targets")

# Modification times of the dependencies' compiled assemblies: a change means a measured build rebuilt one.
dependency_stamp() {
  stat -c '%Y' Runtime/obj/Release/*/SlthGen.Runtime.dll Generator/obj/Release/netstandard2.0/SlthGen.Generator.dll 2>/dev/null | tr '\n' ' '
}

# The "Total analyzer execution time" of each compilation in the last build's detailed log.
analyzer_totals() {
  grep -E 'Total analyzer execution time: ' "$work/build.log" | sed -E 's/.*time: ([0-9.]+) seconds.*/\1/' | paste -sd' '
}

median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "nan" } else if (NR % 2) { print v[(NR + 1) / 2] } else { print (v[NR / 2] + v[NR / 2 + 1]) / 2 } }'
}

# build PROJECT_DIR VARIANT VARIANT_DIR NETWORK_SOURCE [extra args...]: one build; fails the script on a build error.
build() {
  local dir=$1 variant=$2 variant_dir=$3 source=$4
  shift 4
  # Touch every file any variant compiles, so that the project's compilation runs.
  touch "$dir/$source"
  find "$variant_dir" -type f -exec touch {} +
  if ! dotnet build "$dir" "${build_args[@]}" -p:SlthGenBuildVariant="$variant" -p:SlthGenVariantDirectory="$variant_dir/$variant/" -p:SlthGenNetworkSource="$source" "$@" >"$work/build.log" 2>&1; then
    tail -n 40 "$work/build.log" >&2
    echo "build of $dir ($variant) failed" >&2
    exit 1
  fi
}

# measure NAME PROJECT_DIR NETWORK_SOURCE RUNS
measure() {
  local name=$1 dir=$2 source=$3 runs=$4
  local variant_dir=$work/$name
  mkdir -p "$variant_dir/pregenerated" "$variant_dir/bare"
  echo "## $name: $dir ($runs runs per variant; load average at start: $(cut -d' ' -f1-3 /proc/loadavg))"
  dotnet restore "$dir" >/dev/null

  # The generator's output, saved for the pregenerated variant, and its size.
  build "$dir" generator "$variant_dir" "$source" -p:EmitCompilerGeneratedFiles=true
  local tfm_dir
  for tfm_dir in "$dir"/obj/Release/*/generated/SlthGen.Generator; do
    local tfm
    tfm=$(basename "$(dirname "$(dirname "$tfm_dir")")")
    mkdir -p "$variant_dir/pregenerated/$tfm"
    find "$tfm_dir" -name '*.g.cs' -exec cp {} "$variant_dir/pregenerated/$tfm/" \;
    local files bytes lines
    files=$(find "$variant_dir/pregenerated/$tfm" -name '*.g.cs' | wc -l)
    bytes=$(cat "$variant_dir/pregenerated/$tfm"/*.g.cs | wc -c)
    lines=$(cat "$variant_dir/pregenerated/$tfm"/*.g.cs | wc -l)
    echo "emitted ($tfm): $files file(s), $bytes bytes, $lines lines"
    # Bytes per data table and per method (emitted-size.awk beside this script).
    cat "$variant_dir/pregenerated/$tfm"/*.g.cs | LC_ALL=C awk -f "$root/tests/SlthGen.CompileBenchmarks/emitted-size.awk" | sort -k3 -g -r
  done
  # The bare declaration: everything up to the class header, then an empty body.
  awk '/partial class/ { print; print "{"; print "}"; exit } { print }' "$dir/$source" >"$variant_dir/bare/$source"

  local variant
  for variant in "${variants[@]}"; do
    build "$dir" "$variant" "$variant_dir" "$source"
  done

  local round i
  for ((round = 0; round < runs; round++)); do
    for ((i = 0; i < ${#variants[@]}; i++)); do
      variant=${variants[$(((round + i) % ${#variants[@]}))]}
      local before after start end seconds mark=""
      before=$(dependency_stamp)
      start=$(date +%s%N)
      build "$dir" "$variant" "$variant_dir" "$source"
      end=$(date +%s%N)
      after=$(dependency_stamp)
      [ "$before" = "$after" ] || mark="!"
      seconds=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.2f", ns / 1e9 }')
      echo "$seconds" >>"$work/$name.$variant"
      echo "$seconds$mark" >>"$work/$name.$variant.shown"
    done
  done

  echo
  echo "| variant | runs (s) | median (s) |"
  echo "| --- | --- | ---: |"
  for variant in "${variants[@]}"; do
    echo "| $variant | $(paste -sd' ' "$work/$name.$variant.shown") | $(median <"$work/$name.$variant") |"
  done
  local with pre bare
  with=$(median <"$work/$name.generator")
  pre=$(median <"$work/$name.pregenerated")
  bare=$(median <"$work/$name.bare")
  awk -v w="$with" -v p="$pre" -v b="$bare" 'BEGIN {
    printf "generator vs pregenerated: +%.2f s (%.2fx); generator vs bare: +%.2f s (%.2fx)\n", w - p, w / p, w - b, w / b }'

  # The generator's time as csc reports it, one value per compilation (per target framework), and
  # the analyzers' total (the SDK's code-style and .NET analyzers; EnforceCodeStyleInBuild is on):
  # generator builds as many as the runs above, one build of each other variant.
  echo
  for ((round = 0; round < runs; round++)); do
    build "$dir" generator "$variant_dir" "$source" -p:ReportAnalyzer=true -v:d
    grep -E '^ *[0-9.<]+ +[0-9<]+ +SlthGen\.Generator\.TicketGenerator$' "$work/build.log" | awk '{ print $1 }' | paste -sd' ' >>"$work/$name.report"
    echo "generator: $(analyzer_totals)" >>"$work/$name.analyzers"
  done
  for variant in pregenerated bare; do
    build "$dir" "$variant" "$variant_dir" "$source" -p:ReportAnalyzer=true -v:d
    echo "$variant: $(analyzer_totals)" >>"$work/$name.analyzers"
  done
  echo "generator time reported by csc (s, one value per compilation, one line per build):"
  sed 's/^/  /' "$work/$name.report"
  echo "median of all: $(tr ' ' '\n' <"$work/$name.report" | median) s; median per build (sum over compilations): $(awk '{ s = 0; for (i = 1; i <= NF; i++) s += $i; print s }' "$work/$name.report" | median) s"
  echo "total analyzer execution time reported by csc (s, one value per compilation):"
  sed 's/^/  /' "$work/$name.analyzers"
  echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
}

case "$which" in
  digits | large | all) ;;
  *)
    echo "usage: $0 [digits|large|all]" >&2
    exit 2
    ;;
esac
if [ "$which" != large ]; then
  measure digits Samples/Digits.Ticket DigitsTicket.cs "${RUNS:-5}"
fi
if [ "$which" != digits ]; then
  measure large tests/SlthGen.LargeTicket LargeTicket.cs "${RUNS:-3}"
fi
