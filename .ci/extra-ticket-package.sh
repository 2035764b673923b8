#!/usr/bin/env bash
# "Ship pruned inference as a NuGet package": pack SlthGen and the DigitsTicket and MnistTicket
# libraries into a local feed, then restore and run Samples/Digits.Consumer and
# Samples/Mnist.Consumer against the packages (no project references), with a private packages
# folder so nothing stale is used. Run after the solution build (.ci/run), packing finds the
# ticket libraries up to date and does not run the generator again.
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
dotnet pack "$root/Samples/Mnist.Ticket/SlthGen.Samples.MnistTicket.csproj" -c Release -o "$work/feed" -v quiet || report 1 "ticket package sample"
cp -r "$root/Samples/Mnist.Consumer" "$work/mnist-consumer"
rm -rf "$work/mnist-consumer/bin" "$work/mnist-consumer/obj"
sed -i "s|../../artifacts/feed|$work/feed|" "$work/mnist-consumer/nuget.config"
(cd "$work/mnist-consumer" && dotnet restore --packages "$work/packages" -v quiet && dotnet run --no-restore -c Release -- "$root/Samples/Mnist.Training/Data/mnist.npz") || report 1 "ticket package sample"
report 0 "ticket package samples (digits and MNIST)"
