#!/usr/bin/env bash
# Provisions what building the WASM frontend needs, idempotently and quickly
# when everything is already there:
#   1. a Rust toolchain that targets wasm32-unknown-unknown:
#      rustup's target if it can be added, else Debian's rustc-web (which builds
#      std from source with -Zbuild-std), installed with apt-get;
#   2. wasm-bindgen-cli at exactly the version in Cargo.lock;
#   3. wasm-opt (Debian's binaryen) for release builds;
#   4. wasm-split-cli at the version of the wasm_split_helpers runtime in
#      Cargo.lock (the two agree on how split points are marked).
# Environment: MOCKROOM_WASM_TOOLCHAIN=debian skips rustup.
# Writes the chosen toolchain ("rustup" or "debian") to target/wasm-toolchain.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mkdir -p target
say() { printf '\033[1msetup-wasm:\033[0m %s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        say "need root for: $*"; return 1; fi
}

apt_updated=""
apt_install() {
    local missing=()
    for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null || { say "apt-get not found; install ${missing[*]} by hand"; return 1; }
    say "installing ${missing[*]} (apt)"
    if [ -z "$apt_updated" ]; then as_root apt-get update -qq >&2; apt_updated=1; fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
}

# 1. The toolchain.
# MOCKROOM_WASM_TOOLCHAIN=debian forces the fallback (to test it where rustup works).
mode=""
if [ "${MOCKROOM_WASM_TOOLCHAIN:-}" != debian ] && command -v rustup >/dev/null; then
    # The build compiles std from source, so rust-src is needed beside the target.
    if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown \
        && rustup component list --installed 2>/dev/null | grep -q '^rust-src'; then
        mode=rustup
    elif timeout 180 rustup target add wasm32-unknown-unknown >&2 2>/dev/null \
        && timeout 180 rustup component add rust-src >&2 2>/dev/null; then
        mode=rustup
    else
        say "rustup cannot add wasm32-unknown-unknown here; falling back to Debian's rustc-web"
    fi
fi
if [ -z "$mode" ]; then
    apt_install rustc-web cargo-web rust-web-src rust-web-llvm lld-22
    mode=debian
fi
echo "$mode" > target/wasm-toolchain

# 2. wasm-bindgen-cli, pinned to the library version the frontend links.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock 2>/dev/null || true)
if [ -z "$want" ]; then
    cargo generate-lockfile >&2
    want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
fi
export PATH="$HOME/.cargo/bin:$PATH"
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
    say "installing wasm-bindgen-cli $want (found: ${have:-none}); this takes a few minutes once"
    # --locked first; if a pinned dependency is unavailable from the registry, resolve afresh.
    cargo install wasm-bindgen-cli --version "$want" --locked >&2 \
        || cargo install wasm-bindgen-cli --version "$want" >&2
fi

# 3. wasm-opt.
if ! command -v wasm-opt >/dev/null; then
    apt_install binaryen || say "WARNING: no wasm-opt: the bundle will not be size-optimised"
fi
# 4. wasm-split-cli (crate wasm_split_cli_support), for route-level code splitting.
want_split=$(awk '/^name = "wasm_split_helpers"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
if ! grep -q "^\"wasm_split_cli_support $want_split " "$HOME/.cargo/.crates.toml" 2>/dev/null \
    || ! command -v wasm-split-cli >/dev/null; then
    say "installing wasm-split-cli $want_split; this takes a minute or two once"
    cargo install wasm_split_cli_support --version "$want_split" --features build-binary --locked >&2 \
        || cargo install wasm_split_cli_support --version "$want_split" --features build-binary >&2
fi
say "ready: toolchain=$mode, wasm-bindgen $want, wasm-split-cli $want_split, wasm-opt $(command -v wasm-opt >/dev/null && wasm-opt --version | awk '{print $3}' || echo missing)"
