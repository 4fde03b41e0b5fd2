#!/usr/bin/env bash
# Unpacks the Debian packages of bench/async_apps.txt into DEST (default:
# build-bench/bench-work/async-apps), the benchmark's corpus of real async applications.
#
#   bench/fetch_async_apps.sh [DEST]
#
# `apt-get download` verifies every .deb against the signed archive (no install, no root
# needed); `dpkg-deb -x` unpacks it. A pinned version the mirror no longer carries (a security
# update replaced it) falls back to the current candidate, and DEST/PACKAGES.txt records what
# was used. Idempotent: an existing DEST with PACKAGES.txt is kept.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dest="${1:-$here/../build-bench/bench-work/async-apps}"
if [ -f "$dest/PACKAGES.txt" ]; then
  echo "$dest: already unpacked"
  exit 0
fi
debs=$(mktemp -d)
trap 'rm -rf "$debs"' EXIT
rm -rf "$dest.partial"
mkdir -p "$dest.partial"
used=()
while read -r spec; do
  case "$spec" in ''|'#'*) continue ;; esac
  pkg=${spec%%=*}
  if (cd "$debs" && apt-get download -q "$spec" >/dev/null 2>&1); then
    used+=("$spec")
  elif (cd "$debs" && apt-get download -q "$pkg" >/dev/null 2>&1); then
    deb=$(ls "$debs"/"${pkg}"_*.deb | head -n 1)
    version=$(dpkg-deb -f "$deb" Version)
    echo "warning: $spec is no longer in the archive; using $pkg=$version" >&2
    used+=("$pkg=$version")
  else
    echo "error: cannot download $pkg (is apt configured?)" >&2
    exit 1
  fi
done < "$here/async_apps.txt"
for deb in "$debs"/*.deb; do
  pkg=$(dpkg-deb -f "$deb" Package)
  mkdir -p "$dest.partial/$pkg"
  dpkg-deb -x "$deb" "$dest.partial/$pkg"
done
# Only the Python sources matter; drop everything else to keep the corpus lean.
find "$dest.partial" -type f ! -name '*.py' -delete
find "$dest.partial" -type l -delete
find "$dest.partial" -type d -empty -delete
printf '%s\n' "${used[@]}" > "$dest.partial/PACKAGES.txt"
rm -rf "$dest"
mv "$dest.partial" "$dest"
echo "$dest: $(find "$dest" -name '*.py' | wc -l) Python files from ${#used[@]} packages"
