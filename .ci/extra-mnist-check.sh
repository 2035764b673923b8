#!/usr/bin/env bash
# The MNIST sample end to end: retrain 784-500-10 (checked equal to the committed mnist-4bit.npz),
# ticket == target on all 10,000 images, Verify(), throughput, and the ticket exported in the
# CSR layout (slthgen-ticket/2) and checked by NumPy and the Python PRNG (tools/check_ticket.py).
# The sample exits non-zero if any of its checks fails.
set -uo pipefail
cd "$(dirname "$0")/.."

py=/usr/bin/python3
if ! "$py" -c 'import numpy' 2>/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-numpy) >/dev/null 2>&1
fi

# shellcheck source=lib.sh
source .ci/lib.sh
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet run --project Samples/Mnist -c Release -- --export "$out/mnist.npz" \
  && "$py" tools/check_ticket.py "$out/mnist.npz"
report $? "MNIST sample and numpy cross-check of its ticket (CSR layout)"
