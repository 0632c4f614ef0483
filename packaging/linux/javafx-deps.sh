#!/usr/bin/env bash
# Prints the Debian packages that own the shared libraries the Linux x86-64 natives inside the shaded jar
# (JavaFX's, jffi's, zstd-jni's) link against: objdump -p NEEDED, resolved with ldconfig, owned per dpkg -S.
# The .deb's Depends must include them (pom.xml, jpackage.deb.depends); .ci/run checks that it does.
#   packaging/linux/javafx-deps.sh [target/taskscope.jar]
set -euo pipefail
jar=${1:-target/taskscope.jar}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The jar's Linux x86-64 natives: JavaFX's at the top level, jffi's and zstd-jni's in per-platform folders.
unzip -q -o "$jar" '*.so' -x 'aix/*' 'freebsd/*' 'jni/*' 'linux/*' -d "$tmp" 2>/dev/null || true
unzip -q -o "$jar" 'jni/x86_64-Linux/*.so' 'linux/amd64/*.so' -d "$tmp" 2>/dev/null || true
sos=$(find "$tmp" -name '*.so' | sort)
[ -n "$sos" ] || { echo "javafx-deps.sh: no natives found in $jar" >&2; exit 1; }

# shellcheck disable=SC2086
needed=$(objdump -p $sos | awk '/NEEDED/ {print $2}' | sort -u)
for lib in $needed; do
  # (awk reads to the end: an early exit would SIGPIPE ldconfig and fail the pipeline)
  path=$(ldconfig -p | awk -v l="$lib" '$1 == l && /x86-64/ && !found {print $NF; found = 1}')
  if [ -z "$path" ]; then
    echo "javafx-deps.sh: $lib is not installed here: cannot tell its package" >&2
    exit 1
  fi
  # dpkg knows a file by the path it shipped it under: try the ldconfig path, then its /usr-merged twin.
  pkg=$(dpkg -S "$path" 2>/dev/null || dpkg -S "$(readlink -f "$path")" 2>/dev/null \
        || dpkg -S "${path#/usr}" 2>/dev/null || dpkg -S "/usr$path" 2>/dev/null || true)
  pkg=${pkg%%:*}
  [ -n "$pkg" ] || { echo "javafx-deps.sh: no package owns $path ($lib)" >&2; exit 1; }
  printf '%s\t%s\n' "$pkg" "$lib"
done | sort -u
