# Bytes of a generated C# file by what they hold, for BENCHMARKS.md's emitted-size breakdown:
# "table NAME" for each static readonly array (s_w1 = new int[] { ... }; digits folded to N, so
# the layers' tables add up: s_wN), "method NAME" for each method (digits after an underscore
# folded, so a layer's chunks add up while SIMD widths stay apart: T1_N, V512_N_N), and
# "other declarations" for the rest (fields, properties, comments).
# Usage: LC_ALL=C awk -f emitted-size.awk FILE.g.cs | sort -k3 -g -r   (LC_ALL=C: bytes, not characters)
/static readonly [^=]*\[\] s_[A-Za-z0-9_]+ = new/ {
  match($0, /s_[A-Za-z0-9_]+ = new/)
  kind = "table " substr($0, RSTART, RLENGTH - 6)
  gsub(/[0-9]+/, "N", kind)
  in_table = 1
}
!in_table && !in_method && /^ *(public|private|internal) static [^=(]* [A-Za-z_][A-Za-z0-9_]*\(/ && !/=>/ && !/;$/ {
  match($0, /[A-Za-z_][A-Za-z0-9_]*\(/)
  kind = "method " substr($0, RSTART, RLENGTH - 1)
  gsub(/_[0-9]+/, "_N", kind)
  in_method = 1
  depth = 0
  opened = 0
}
{
  bytes[kind == "" ? "other declarations" : kind] += length($0) + 1
  if (in_table && $0 ~ /^ *};/) {
    kind = ""
    in_table = 0
  } else if (in_method) {
    line = $0
    open_braces = gsub(/{/, "", line)
    close_braces = gsub(/}/, "", line)
    depth += open_braces - close_braces
    if (open_braces > 0) opened = 1
    if (opened && depth <= 0) {
      kind = ""
      in_method = 0
    }
  }
}
END {
  for (k in bytes) printf "  %-28s %12d bytes\n", k, bytes[k]
}
