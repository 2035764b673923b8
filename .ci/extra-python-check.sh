#!/usr/bin/env bash
# Cross-language check: export the Xor sample's tickets (Theorem 1 and Theorem 2, in the dense
# layout slthgen-ticket/1 and the CSR layout slthgen-ticket/2) to .npz and verify each with NumPy
# and an independent Python implementation of the PRNG (tools/check_ticket.py): ticket == target
# on every input, and every kept weight re-derived from the seed.
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
dotnet run --project Samples/Xor -c Release -- --export "$out/xor.npz" --export-shallow "$out/xor-shallow.npz" >/dev/null \
  && dotnet run --project Samples/Xor -c Release --no-build -- --sparse --export "$out/xor-csr.npz" --export-shallow "$out/xor-shallow-csr.npz" >/dev/null \
  && "$py" tools/check_ticket.py "$out/xor.npz" \
  && "$py" tools/check_ticket.py "$out/xor-shallow.npz" \
  && "$py" tools/check_ticket.py "$out/xor-csr.npz" \
  && "$py" tools/check_ticket.py "$out/xor-shallow-csr.npz"
report $? "numpy cross-check of the Xor tickets (Theorems 1 and 2, dense and CSR layouts)"
