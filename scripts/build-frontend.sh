#!/usr/bin/env bash
# Builds the Leptos frontend to WASM and lays out frontend/dist for embedding:
# index.html plus content-addressed files under assets/ (cached for a year by
# the server, while index.html is revalidated).
#
# Route-level code splitting: every page is a lazy route (frontend/src/routes.rs),
# and wasm-split-cli cuts the linked module at those split points into a main
# module (router, navigation, session, client) plus one module per page and
# chunks that pages share, fetched by the router when a page is first opened.
# The split modules import each other by relative URL (and the link module
# imports the main one back), so they cannot be named by their own hashes;
# they live together in assets/app-<hash of them all>/ instead.
#
# Two more entry points, the candidates' pages alone, are what candidates'
# links are served (a candidate needs nothing else of the application): the
# live room (frontend/src/bin/room.rs, assets/room-<hash>/, room.html) and the
# assigned mock (src/bin/mock.rs, assets/mock-<hash>/, mock.html).
#
# Prints the bundle's size as served (gzip and brotli) for the whole
# application and for each page's first load (scripts/bundle-report.py), and
# under CI=true fails above the budgets that hold today's figures.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
say() { printf '\033[1mbuild-frontend:\033[0m %s\n' "$*" >&2; }
# Installs what the build needs (apt) as root, through sudo where there is one.
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

scripts/setup-wasm.sh
# The CodeMirror answer editor, a JS module the rooms import on demand.
if ! command -v npm >/dev/null; then
    say "installing Node.js and npm (apt), for the code editor's bundle"
    as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
scripts/build-editor.sh
mode=$(cat target/wasm-toolchain)
export PATH="$HOME/.cargo/bin:$PATH"
build=(build -p mockroom-frontend --target wasm32-unknown-unknown --profile wasm-release --target-dir target/wasm)
# std is compiled from source in both modes (-Zbuild-std, hence RUSTC_BOOTSTRAP)
# so that it gets the same flags as our code:
#  - no panic machinery, panic-location strings or Debug formatting code in the
#    bundle (Display, which every user-facing message uses, is unaffected);
#  - reference types off: wasm-opt releases before 117 (Debian's is 108) write
#    the externref table with the pre-standard `anyref` encoding, which current
#    browsers reject at start-up;
#  - --emit-relocs: wasm-split-cli needs the relocations to find what each
#    split point's code reaches.
flags="--cfg erase_components -Zlocation-detail=none -Zfmt-debug=none -Ctarget-feature=-reference-types -Zunstable-options -Cpanic=immediate-abort -Clink-args=--emit-relocs"
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
# The candidates' pages on their own (src/bin/room.rs, src/bin/mock.rs).
candidate_entries=(room mock)

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
app="$stage/app"
mkdir -p "$stage/split" "$app"
say "splitting at the lazy routes"
# Writes split/mockroom.wasm (the main module, for wasm-bindgen), the pages'
# and shared chunks' modules and the link module __wasm_split.js, which
# imports initSync from ./mockroom.js.
wasm-split-cli --target web --out-name mockroom "$wasm" "$stage/split" 2>&1 | tee "$stage/split.log"
# It keeps the read-only data in the main module when its layout would not
# fit (see SPLIT_DATA_SLACK in frontend/src/main.rs): every page's first
# load would carry all of it.
if grep -q "Overlong segment" "$stage/split.log"; then
    say "wasm-split-cli left a data segment in the main module; raise SPLIT_DATA_SLACK"; exit 1
fi
# --keep-lld-exports: the split modules reach the main module's functions,
# table and memory through exports the linker made.
wasm-bindgen --target web --no-typescript --keep-lld-exports --no-demangle \
    --out-dir "$app" --out-name mockroom "$stage/split/mockroom.wasm"
rm "$stage/split/mockroom.wasm"
mv "$stage/split"/* "$app/"
# Exports of stream classes no page uses (see scripts/wasm-trim.py).
unused=(--unused-export intounderlying --unused-export __wbg_intounderlying)
python3 scripts/wasm-trim.py "$app/mockroom_bg.wasm" "${unused[@]}"
# The candidates' pages, for their links: one module each, nothing to split.
# The linker's relocations (--emit-relocs, for the split above) and names are
# dropped; wasm-opt cannot optimise a module that still has them.
say "the candidates' pages: ${candidate_entries[*]}"
glues=("$app/mockroom.js")
modules=("$app"/*.wasm)
for entry in "${candidate_entries[@]}"; do
    mkdir -p "$stage/$entry"
    wasm-bindgen --target web --no-typescript --out-dir "$stage/$entry" --out-name "$entry" \
        "target/wasm/wasm32-unknown-unknown/wasm-release/$entry.wasm"
    python3 scripts/wasm-trim.py "$stage/$entry/${entry}_bg.wasm" --custom-sections "${unused[@]}"
    glues+=("$stage/$entry/$entry.js")
    modules+=("$stage/$entry/${entry}_bg.wasm")
done
# wasm-bindgen's JS glue and the split link module, minified by the esbuild
# that bundles the code editor (a third less over the wire; the glue's
# duplicate-key warnings are wasm-bindgen's, and harmless: the last key wins
# either way). scripts/bundle-report.py reads which modules each area needs
# from the link module as wasm-split-cli wrote it, kept aside for it.
cp "$app/__wasm_split.js" "$stage/link-module.js"
glues+=("$app/__wasm_split.js")
for glue in "${glues[@]}"; do
    frontend/editor/node_modules/.bin/esbuild "$glue" --minify --format=esm --target=es2020 \
        --log-level=error --outfile="$glue.min"
    mv "$glue.min" "$glue"
done
for module in "${modules[@]}"; do
    if command -v wasm-opt >/dev/null; then
        if wasm-opt --print-features "$module" 2>/dev/null | grep -q reference-types; then
            echo "$module uses reference types; see the note on RUSTFLAGS above" >&2; exit 1
        fi
        # The producers and target-features sections are read by no browser;
        # with some 80 split modules they were 7 KiB of the whole application.
        # Stripped before -Oz, not after: a pass after -Oz drops the stack IR
        # it optimised and the code grows by half a percent.
        wasm-opt --strip-producers --strip-target-features -Oz --enable-bulk-memory \
            --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
            --enable-multivalue -o "$module.opt" "$module"
        mv "$module.opt" "$module"
    fi
done
command -v wasm-opt >/dev/null || say "WARNING: wasm-opt missing, bundle not optimised"

hash() { sha256sum "$1" | cut -c1-16; }
dir_hash() { (cd "$1" && find . -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-16); }
dist=frontend/dist
rm -rf "$dist"
mkdir -p "$dist/assets"
app_dir="app-$(dir_hash "$app")"
cp -r "$app" "$dist/assets/$app_dir"
editor_dir="editor-$(dir_hash frontend/editor/dist)"
cp -r frontend/editor/dist "$dist/assets/$editor_dir"
# The candidates' pages take the shared stylesheet; the application's adds
# its pages' rules.
# Minified by the same esbuild (a fifth less over the wire: 7.0 -> 5.5 KiB
# gzip for the application's).
cat frontend/style.css > "$stage/candidate.src.css"
cat frontend/style.css frontend/style-app.css > "$stage/app.src.css"
for sheet in candidate app; do
    frontend/editor/node_modules/.bin/esbuild "$stage/$sheet.src.css" --minify --log-level=warning \
        --outfile="$stage/$sheet.css"
done
candidate_css="style-$(hash "$stage/candidate.css").css"
app_css="style-$(hash "$stage/app.css").css"
cp "$stage/candidate.css" "$dist/assets/$candidate_css"
cp "$stage/app.css" "$dist/assets/$app_css"
# Each entry point's page: index.html (the application), room.html and
# mock.html (the candidates'), from one template, each with a boot module of
# its own (the CSP allows no inline script).
page() { # page <html file> <module directory> <module name> <stylesheet>
    local dir=$2 name=$3 css=$4 boot
    printf "import init from './%s/%s.js';\ninit({ module_or_path: '/assets/%s/%s_bg.wasm' });\n" \
        "$dir" "$name" "$dir" "$name" > "$stage/boot.js"
    boot="boot-$(hash "$stage/boot.js").js"
    cp "$stage/boot.js" "$dist/assets/$boot"
    sed -e "s|{{css}}|/assets/$css|g" -e "s|{{js}}|/assets/$dir/$name.js|g" \
        -e "s|{{wasm}}|/assets/$dir/${name}_bg.wasm|g" -e "s|{{boot}}|/assets/$boot|g" \
        -e "s|{{editor}}|/assets/$editor_dir/editor.js|g" \
        frontend/index.html > "$dist/$1"
}
page index.html "$app_dir" mockroom "$app_css"
entry_dirs=()
for entry in "${candidate_entries[@]}"; do
    dir="$entry-$(dir_hash "$stage/$entry")"
    cp -r "$stage/$entry" "$dist/assets/$dir"
    page "$entry.html" "$dir" "$entry" "$candidate_css"
    entry_dirs+=("$entry=$dir")
done

# Precompressed copies next to each asset and HTML page, served to browsers that accept
# them (server/src/assets.rs), made once here: brotli -q 11, and gzip by
# zopfli, whose exhaustive search writes ordinary gzip streams about 5 %
# smaller than gzip -9 (measured on the split application: 595 -> 567 KB)
# for a few seconds more of build.
for tool in brotli zopfli; do
    command -v "$tool" >/dev/null && continue
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null 2>&1 \
        || { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null; } \
        || say "WARNING: $tool could not be installed; see the fallback below"
done
command -v brotli >/dev/null || say "WARNING: no brotli: assets are precompressed with gzip only"
command -v zopfli >/dev/null || say "WARNING: no zopfli: gzip copies made by gzip -9 (about 5 % larger)"
compress() { # compress <file>: writes <file>.gz and <file>.br beside it
    if command -v zopfli >/dev/null; then zopfli "$1" || return; else gzip -9 -n -k "$1" || return; fi
    if command -v brotli >/dev/null; then brotli -q 11 -k "$1" || return; fi
}
export -f compress
# The report names the tool that made the gzip copies.
if command -v zopfli >/dev/null; then export GZIP_TOOL=zopfli; else export GZIP_TOOL="gzip -9"; fi
# Two at a time: the build machines have two cores.
find "$dist" -type f -print0 | xargs -0 -n 1 -P 2 bash -c 'compress "$0"'
python3 scripts/bundle-report.py "$dist" "$app_dir" "$stage/link-module.js" "${entry_dirs[@]}"
