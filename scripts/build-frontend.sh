#!/usr/bin/env bash
# Builds the Leptos frontend to WASM and lays out frontend/dist for embedding:
# index.html plus content-hashed files under assets/ (cached for a year by the
# server, while index.html is revalidated). Prints the gzipped bundle size.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
say() { printf '\033[1mbuild-frontend:\033[0m %s\n' "$*" >&2; }

scripts/setup-wasm.sh
mode=$(cat target/wasm-toolchain)
export PATH="$HOME/.cargo/bin:$PATH"
build=(build -p mockroom-frontend --target wasm32-unknown-unknown --profile wasm-release --target-dir target/wasm)
# std is compiled from source in both modes (-Zbuild-std, hence RUSTC_BOOTSTRAP)
# so that it gets the same flags as our code:
#  - no panic machinery, panic-location strings or Debug formatting code in the
#    bundle (Display, which every user-facing message uses, is unaffected);
#  - reference types off: wasm-opt releases before 117 (Debian's is 108) write
#    the externref table with the pre-standard `anyref` encoding, which current
#    browsers reject at start-up.
flags="--cfg erase_components -Zlocation-detail=none -Zfmt-debug=none -Ctarget-feature=-reference-types -Zunstable-options -Cpanic=immediate-abort"
say "compiling (toolchain: $mode)"
if [ "$mode" = rustup ]; then
    RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort RUSTFLAGS="$flags" cargo "${build[@]}"
else
    # Debian's rustc-web (1.96) with its std sources from rust-web-src.
    env -u RUSTC -u RUSTDOC -u RUSTUP_TOOLCHAIN -u CARGO \
        PATH="/usr/bin:$PATH" RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort RUSTFLAGS="$flags" \
        /usr/bin/cargo "${build[@]}"
fi
wasm=target/wasm/wasm32-unknown-unknown/wasm-release/mockroom-frontend.wasm

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$stage" --out-name mockroom "$wasm"
if command -v wasm-opt >/dev/null; then
    if wasm-opt --print-features "$stage/mockroom_bg.wasm" 2>/dev/null | grep -q reference-types; then
        echo "the module uses reference types; see the note on RUSTFLAGS above" >&2; exit 1
    fi
    wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
        --enable-mutable-globals --enable-multivalue -o "$stage/opt.wasm" "$stage/mockroom_bg.wasm"
    mv "$stage/opt.wasm" "$stage/mockroom_bg.wasm"
else
    say "WARNING: wasm-opt missing, bundle not optimised"
fi

hash() { sha256sum "$1" | cut -c1-16; }
dist=frontend/dist
rm -rf "$dist"
mkdir -p "$dist/assets"
js="mockroom-$(hash "$stage/mockroom.js").js"
wasm_out="mockroom-$(hash "$stage/mockroom_bg.wasm").wasm"
css="style-$(hash frontend/style.css).css"
cp "$stage/mockroom.js" "$dist/assets/$js"
cp "$stage/mockroom_bg.wasm" "$dist/assets/$wasm_out"
cp frontend/style.css "$dist/assets/$css"
if [ -d "$stage/snippets" ]; then cp -r "$stage/snippets" "$dist/assets/snippets"; fi
# A separate boot module: the CSP allows no inline script.
printf "import init from './%s';\ninit({ module_or_path: '/assets/%s' });\n" "$js" "$wasm_out" > "$stage/boot.js"
boot="boot-$(hash "$stage/boot.js").js"
cp "$stage/boot.js" "$dist/assets/$boot"
sed -e "s|{{css}}|/assets/$css|g" -e "s|{{js}}|/assets/$js|g" -e "s|{{wasm}}|/assets/$wasm_out|g" \
    -e "s|{{boot}}|/assets/$boot|g" frontend/index.html > "$dist/index.html"

# Precompressed copies next to each asset, served to browsers that accept
# them (server/src/assets.rs): brotli -q 11 and gzip -9, made once here.
if ! command -v brotli >/dev/null; then
    as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq brotli >/dev/null 2>&1 \
        || { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq brotli >/dev/null; } \
        || say "WARNING: brotli could not be installed; assets are precompressed with gzip only"
fi
total=0
total_br=0
for f in "$dist"/assets/*; do
    [ -f "$f" ] || continue
    gzip -9 -n -k "$f"
    total=$((total + $(wc -c < "$f.gz")))
    if command -v brotli >/dev/null; then
        brotli -q 11 -k "$f"
        total_br=$((total_br + $(wc -c < "$f.br")))
    fi
done
printf '%s\n' "$total" > "$dist/bundle-gzip-bytes.txt"
say "bundle (wasm + js + css), as served: gzip -9 $((total / 1024)) KiB ($total bytes), brotli $((total_br / 1024)) KiB ($total_br bytes); budget 250 KiB"
