#!/usr/bin/env bash
# Package smoke test: pack SlthGen, then build and run a fresh consumer against the .nupkg
# through a local feed (not a project reference). Catches missing DLLs and wrong package paths.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=lib.sh
source "$root/.ci/lib.sh"

dotnet pack "$root/Runtime/SlthGen.Runtime.csproj" -c Release -o "$work/feed" -v quiet || report 1 "package smoke test"
version=$(ls "$work/feed" | sed -n 's/^SlthGen\.\(.*\)\.nupkg$/\1/p' | head -n 1)
[ -n "$version" ] || report 1 "package smoke test"

mkdir -p "$work/consumer"
cat > "$work/consumer/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$work/feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML
cat > "$work/consumer/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="SlthGen" Version="$version" />
  </ItemGroup>
</Project>
XML
cat > "$work/consumer/Program.cs" <<'CS'
using System;
using SlthGen;

var result = Smoke.Verify();
Console.WriteLine(Smoke.Ticket);
Console.WriteLine(result);
Span<int> output = stackalloc int[1];
Smoke.Evaluate(new[] { 16, 0 }, output);
return result.Passed && output[0] == 16 ? 0 : 1;

[TicketNetwork(Seed = 1)]
[Precision(TargetBits = 4, InitBits = 8, TicketBits = 2, ActivationBits = 4)]
[Layer(2, 2, new[] { 16, -16, -16, 16 }, Biases = new[] { 0, 0 })]
[Layer(2, 1, new[] { 16, 16 })]
static partial class Smoke
{
}
CS
# A private packages folder: the freshly packed SlthGen is extracted, never a stale cached copy.
(cd "$work/consumer" && dotnet restore --packages "$work/packages" -v quiet && dotnet run --no-restore -c Release) || report 1 "package smoke test"
report 0 "package smoke test"
