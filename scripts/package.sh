#!/usr/bin/env bash
# Builds loopwarden's distribution packages into dist/ (INTERFACES.md, "Distribution"):
#   loopwarden-<version>-py3-none-<platform>.whl  pip install it: `loopwarden` on PATH and
#                                                 `python -m loopwarden`; <platform> is
#                                                 manylinux_<glibc>_<cpu>, measured from the binary
#   loopwarden_<version>_<arch>.deb               CPack: /usr/bin/loopwarden, the man page, the
#                                                 rule docs in /usr/share/doc/loopwarden
#   loopwarden-<vscode-target>-<version>.vsix     the VS Code extension carrying the binary
#   SHA256SUMS
# Every package holds the same stripped, self-contained binary (only the C library is shared).
#
#   scripts/package.sh                      Release build in build-release/ (no tests), then packages
#   scripts/package.sh --build-dir build    packages the binary already built in build/ (CI):
#                                           nothing is compiled when it is up to date
#   options: --out DIR (default dist/), --no-vsix (no Node/npm needed)
#
# Idempotent; offline once the tools are there: it installs the missing Debian packages it
# needs (as scripts/setup.sh does; root or sudo) and editors/vscode's npm packages pinned in its
# package-lock.json (npm ci, the first time only).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=""
out="$root/dist"
vsix=1
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build_dir=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --no-vsix) vsix=0; shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "package.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
say() { echo "package.sh: $*"; }

# Debian's tools: python3-build/setuptools/wheel make the wheel, dpkg-dev's dpkg-shlibdeps the
# .deb's dependency line, help2man the man page, binutils reads the binary.
packages=(cmake ninja-build python3 python3-build python3-setuptools python3-wheel python3-venv
          dpkg-dev help2man binutils file)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Debian's interpreter: it has python3-build; a pyenv or venv python3 on PATH may not.
python=/usr/bin/python3

# 1. The binary: built here in Release, or the one of --build-dir (a no-op when up to date).
if [ -z "$build_dir" ]; then
  build_dir="$root/build-release"
  say "configuring a Release build in $build_dir"
  cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLW_BUILD_TESTS=OFF \
    -DLW_BUILD_BENCH=OFF >/dev/null
fi
build_dir=$(cd "$build_dir" && pwd)
[ -f "$build_dir/CMakeCache.txt" ] || { echo "package.sh: $build_dir is not a CMake build folder" >&2; exit 2; }
# help2man may have been installed after the folder was configured: configure again then.
if ! grep -q '^build lw_man:' "$build_dir/build.ninja" 2>/dev/null; then
  cmake "$build_dir" >/dev/null
fi
targets=(loopwarden)
grep -q '^build lw_man:' "$build_dir/build.ninja" 2>/dev/null && targets+=(lw_man)
say "building ${targets[*]} in $build_dir"
work="$build_dir/package"
rm -rf "$work"
mkdir -p "$work" "$out"
cmake --build "$build_dir" --target "${targets[@]}" > "$work/build.log" 2>&1 ||
  { tail -40 "$work/build.log"; exit 1; }
out=$(cd "$out" && pwd)

# 2. The staged installation (stripped), and what the binary really needs.
cmake --install "$build_dir" --prefix "$work/stage" --strip >/dev/null
binary="$work/stage/bin/loopwarden"
needed=$(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
for lib in $needed; do
  case "$lib" in
    libc.so.6|libm.so.6|ld-linux-*.so.*|libpthread.so.0|libdl.so.2|librt.so.1) ;;
    *) echo "package.sh: the binary needs $lib: only the C library may be shared (a sanitizer build? LW_STATIC_RUNTIME=OFF?)" >&2
       exit 1 ;;
  esac
done
version=$("$binary" --version | awk '{print $2}')
# The newest GLIBC_x.y symbol version the binary references: the oldest glibc it runs on
# (what auditwheel measures for its manylinux tag).
glibc=$(objdump -T "$binary" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)
[ -n "$glibc" ] || { echo "package.sh: no GLIBC_ symbol version found in $binary" >&2; exit 1; }
case "$(readelf -h "$binary" | sed -n 's/^ *Machine: *//p')" in
  *X86-64*) cpu=x86_64 deb_arch=amd64 vscode_target=linux-x64 ;;
  *AArch64*) cpu=aarch64 deb_arch=arm64 vscode_target=linux-arm64 ;;
  *) echo "package.sh: unsupported CPU: $(readelf -h "$binary" | grep Machine)" >&2; exit 1 ;;
esac
platform="manylinux_${glibc//./_}_${cpu}"
say "loopwarden $version, $(stat -c %s "$binary") bytes stripped, needs glibc $glibc: $platform"

# Reproducible archives: timestamps from the commit (when there is one).
if [ -z "${SOURCE_DATE_EPOCH:-}" ] && git -C "$root" rev-parse HEAD >/dev/null 2>&1; then
  SOURCE_DATE_EPOCH=$(git -C "$root" log -1 --format=%ct)
  export SOURCE_DATE_EPOCH
fi

# 3. The wheel: packaging/python plus the binary, built without network or isolation.
rm -f "$out"/loopwarden-*.whl "$out"/loopwarden_*.deb "$out"/loopwarden-*.vsix "$out/SHA256SUMS"
cp -r "$root/packaging/python" "$work/wheel"
mkdir -p "$work/wheel/bin"
cp "$binary" "$work/wheel/bin/loopwarden"
printf '{"version": "%s", "platform": "%s"}\n' "$version" "$platform" > "$work/wheel/wheel.json"
say "building the wheel (python3 -m build --wheel --no-isolation)"
(cd "$work/wheel" && PIP_NO_INDEX=1 "$python" -m build --wheel --no-isolation --outdir "$out" . \
  > "$work/wheel.log" 2>&1) || { cat "$work/wheel.log"; exit 1; }

# 4. The Debian package (CPack; it strips and installs the same files again).
say "building the Debian package (cpack)"
(cd "$work" && cpack --config "$build_dir/CPackConfig.cmake" -B "$work/cpack" > "$work/cpack.log" 2>&1) ||
  { cat "$work/cpack.log"; exit 1; }
cp "$work/cpack/loopwarden_${version}_${deb_arch}.deb" "$out/"

# 5. The VS Code extension for this platform, carrying the binary.
if [ "$vsix" = 1 ]; then
  say "building the VS Code extension for $vscode_target"
  "$root/scripts/editors/install-vscode-deps.sh"
  "$root/editors/vscode/build.sh" --target "$vscode_target" --binary "$binary" "$work/vsix" \
    > "$work/vsix.log" 2>&1 || { cat "$work/vsix.log"; exit 1; }
  cp "$work/vsix/loopwarden-$vscode_target-$version.vsix" "$out/"
fi

(cd "$out" && sha256sum loopwarden* > SHA256SUMS)
say "wrote $out:"
(cd "$out" && ls -l loopwarden* | awk '{printf "  %10d  %s\n", $5, $9}')
