#!/usr/bin/env bash
# Bundles the CodeMirror answer editor (frontend/editor/src/editor.js) into one
# minified ES module, frontend/editor/dist/editor.js, which the WASM frontend
# imports on demand in interview rooms. Installs the pinned npm dependencies
# from the lockfile only when they are missing or the lockfile has changed,
# so running it again is cheap. Nothing is installed globally.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
say() { printf 'build-editor: %s\n' "$*" >&2; }

if ! command -v npm >/dev/null; then
    say "npm not found: install Node.js and npm (Debian: apt-get install nodejs npm)"
    exit 1
fi

dir=frontend/editor
stamp="$dir/node_modules/.lock-sha256"
want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
if [ ! -d "$dir/node_modules" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "installing dependencies (npm ci)"
    # npm ci removes node_modules first, so the stamp is written only after a
    # complete install.
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) >&2
    echo "$want" > "$stamp"
fi

# Code splitting: each language grammar is a chunk of its own, imported the
# first time it is picked. The files import each other by relative path, so
# the build copies the directory whole (scripts/build-frontend.sh).
rm -rf "$dir/dist"
mkdir -p "$dir/dist"
"$dir/node_modules/.bin/esbuild" "$dir/src/editor.js" \
    --bundle --splitting --format=esm --minify --target=es2020 --legal-comments=none \
    --chunk-names='chunks/[name]-[hash]' --metafile="$dir/meta.json" \
    --log-level=warning --outdir="$dir/dist"

# The packages are MIT licensed: their notices ship beside the code.
notices="$dir/dist/THIRD-PARTY-NOTICES.txt"
: > "$notices"
for license in "$dir"/node_modules/@codemirror/*/LICENSE "$dir"/node_modules/@lezer/*/LICENSE \
    "$dir"/node_modules/{style-mod,crelt,w3c-keyname,@marijn/find-cluster-break}/LICENSE*; do
    [ -f "$license" ] || continue
    pkg=${license#"$dir/node_modules/"}
    printf '%s\n\n%s\n\n' "== ${pkg%/LICENSE*}" "$(cat "$license")" >> "$notices"
done

# What a room fetches to show the editor (the entry and the chunks it
# imports statically), and each language on top, gzip -9.
node -e '
const meta = require(process.argv[1]).outputs;
const zlib = require("zlib"), fs = require("fs");
const gz = (f) => zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length;
const closure = (f, seen = new Set()) => {
  if (seen.has(f)) return seen;
  seen.add(f);
  for (const i of meta[f].imports) if (i.kind === "import-statement") closure(i.path, seen);
  return seen;
};
const entry = Object.keys(meta).find((f) => (meta[f].entryPoint || "").endsWith("src/editor.js"));
const core = closure(entry);
const kib = (n) => (n / 1024).toFixed(0);
const coreBytes = [...core].reduce((s, f) => s + gz(f), 0);
const langs = [...core].flatMap((f) => meta[f].imports).filter((i) => i.kind === "dynamic-import")
  .map((i) => [...closure(i.path)].filter((f) => !core.has(f)).reduce((s, f) => s + gz(f), 0));
const all = Object.keys(meta).reduce((s, f) => s + gz(f), 0);
console.log(`build-editor: editor ${kib(coreBytes)} KiB gzip -9 on first use, each language ` +
  `${kib(Math.min(...langs))}-${kib(Math.max(...langs))} KiB more, ${kib(all)} KiB in all`);
' "$PWD/$dir/meta.json"
