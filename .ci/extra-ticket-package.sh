#!/usr/bin/env bash
# "Ship pruned inference as a NuGet package": pack SlthGen and the DigitsTicket library into a
# local feed, then restore and run Samples/Digits.Consumer against the packages (no project
# references), with a private packages folder so nothing stale is used.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=lib.sh
source "$root/.ci/lib.sh"

dotnet pack "$root/Runtime/SlthGen.Runtime.csproj" -c Release -o "$work/feed" -v quiet || report 1 "ticket package sample"
dotnet pack "$root/Samples/Digits.Ticket/SlthGen.Samples.DigitsTicket.csproj" -c Release -o "$work/feed" -v quiet || report 1 "ticket package sample"
cp -r "$root/Samples/Digits.Consumer" "$work/consumer"
rm -rf "$work/consumer/bin" "$work/consumer/obj"
sed -i "s|../../artifacts/feed|$work/feed|" "$work/consumer/nuget.config"
(cd "$work/consumer" && dotnet restore --packages "$work/packages" -v quiet && dotnet run --no-restore -c Release -- "$root/Samples/Digits/digits-test.npz") || report 1 "ticket package sample"
report 0 "ticket package sample"
