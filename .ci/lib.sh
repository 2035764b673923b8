# Shared by the .ci/extra-*.sh checks: print a dotnet-test-style summary line (which .ci/run
# sums into its closing "N passed, N failed") and exit with the check's status.
# Usage: report STATUS "what was checked"
report() {
  if [ "$1" -eq 0 ]; then
    echo "Passed!  - Failed:     0, Passed:     1, Skipped:     0, Total:     1 - $2"
  else
    echo "Failed!  - Failed:     1, Passed:     0, Skipped:     0, Total:     1 - $2"
  fi
  exit "$1"
}
