#!/usr/bin/env bash
# How fast C# compiles a few megabytes of table data in each form a generator can emit it
# (BENCHMARKS.md, "Compile time": the choice of the generated data's form).
#
# Usage: tests/SlthGen.CompileBenchmarks/data-literals.sh [BYTES]   (default 3,000,000)
#
# For each form, a one-file net8.0 library holding BYTES random bytes is built twice; the second
# build (after touching the file) is timed with GNU time, with its own csc process
# (UseSharedCompilation=false) so that %M is the compiler's peak memory. Forms:
#   bytes   static ReadOnlySpan<byte> D => new byte[] { 12, 200, ... };   (one literal per element)
#   u8      static ReadOnlySpan<byte> D => "base64..."u8;                 (C# 11 UTF-8 literal)
#   string  a verbatim string of base64 lines, decoded once by Convert.FromBase64String (what SlthGen emits)
set -euo pipefail
cd "$(dirname "$0")/../.."
bytes=${1:-3000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "| form | source bytes | build (s) | peak memory (MB) |"
echo "| --- | ---: | ---: | ---: |"
for form in bytes u8 string; do
  dir=$work/$form
  mkdir -p "$dir"
  python3 - "$form" "$bytes" "$dir/Data.cs" <<'PY'
import base64, random, sys
form, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
random.seed(1)
data = bytes(random.getrandbits(8) for _ in range(n))
with open(path, "w") as f:
    f.write("public static class Data\n{\n")
    if form == "bytes":
        f.write("    public static System.ReadOnlySpan<byte> D => new byte[]\n    {\n")
        for i in range(0, n, 32):
            f.write("        " + ", ".join(str(b) for b in data[i:i + 32]) + ",\n")
        f.write("    };\n")
    elif form == "u8":
        f.write('    public static System.ReadOnlySpan<byte> D => "' + base64.b64encode(data).decode() + '"u8;\n')
    else:
        text = base64.b64encode(data).decode()
        f.write('    public static byte[] D() => System.Convert.FromBase64String(Text);\n\n    private const string Text = @"\n')
        for i in range(0, len(text), 120):
            f.write(text[i:i + 120] + "\n")
        f.write('";\n')
    f.write("}\n")
PY
  cat >"$dir/Data.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net8.0</TargetFramework><ImportDirectoryBuildProps>false</ImportDirectoryBuildProps></PropertyGroup>
</Project>
XML
  dotnet build "$dir" -c Release >/dev/null 2>&1
  touch "$dir/Data.cs"
  /usr/bin/time -f "%e %M" -o "$work/time" dotnet build "$dir" -c Release --no-restore -nodeReuse:false -p:UseSharedCompilation=false >/dev/null 2>&1
  read -r seconds kb <"$work/time"
  echo "| $form | $(wc -c <"$dir/Data.cs") | $seconds | $((kb / 1024)) |"
done
