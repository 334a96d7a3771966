#!/usr/bin/env python3
"""Removes every custom section (names, producers, the linker's relocations)
from a WebAssembly module, in place. scripts/build-frontend.sh runs it on a
module after wasm-bindgen has read its own custom section and before
wasm-opt, which cannot optimise a module that still holds relocations."""

import sys


def main():
    path = sys.argv[1]
    data = open(path, "rb").read()
    if data[:4] != b"\0asm":
        sys.exit(f"{path}: not a WebAssembly module")
    out, i = bytearray(data[:8]), 8
    while i < len(data):
        section_id = data[i]
        size, shift, j = 0, 0, i + 1
        while True:  # the section's size, unsigned LEB128
            byte = data[j]
            j += 1
            size |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                break
        if section_id != 0:
            out += data[i : j + size]
        i = j + size
    open(path, "wb").write(out)


if __name__ == "__main__":
    main()
