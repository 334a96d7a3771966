#!/usr/bin/env python3
"""Trims a WebAssembly module in place before wasm-opt, for
scripts/build-frontend.sh:

  --custom-sections   drops the custom sections (names, producers, the
                      linker's relocations) but `target_features`, which the
                      build's check for reference types reads: wasm-opt cannot
                      optimise a module that still holds relocations.
  --unused-export P   drops the exports whose names start with P, so that
                      wasm-opt can remove the code only they reached. Fails if
                      another module of the same directory imports one of
                      them (a split module reaching into the main one).

Why exports: Leptos always links server_fn's browser client, which brings
wasm-streams, whose JS stream classes (IntoUnderlyingSink and the like) are
exported by every Leptos app and kept alive by those exports. Mockroom has no
server functions; nothing creates those classes."""

import glob
import os
import sys


def leb(data, i):
    value, shift = 0, 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def write_leb(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def sections(data):
    if data[:4] != b"\0asm":
        raise SystemExit("not a WebAssembly module")
    i = 8
    while i < len(data):
        size, start = leb(data, i + 1)
        yield data[i], data[i:start + size], data[start:start + size]
        i = start + size


def name_at(body, i):
    length, i = leb(body, i)
    return body[i:i + length].decode("utf-8"), i + length


def imported_names(path):
    names = set()
    for section_id, _, body in sections(open(path, "rb").read()):
        if section_id == 2:
            count, i = leb(body, 0)
            for _ in range(count):
                _, i = name_at(body, i)
                name, i = name_at(body, i)
                names.add(name)
                kind = body[i]
                i += 1
                if kind == 0:  # function: type index
                    _, i = leb(body, i)
                elif kind == 1:  # table: element type, limits
                    flags, i = leb(body, i + 1)
                    _, i = leb(body, i)
                    if flags & 1:
                        _, i = leb(body, i)
                elif kind == 2:  # memory: limits
                    flags, i = leb(body, i)
                    _, i = leb(body, i)
                    if flags & 1:
                        _, i = leb(body, i)
                else:  # global: value type, mutability
                    i += 2
    return names


def main():
    args = sys.argv[1:]
    path, strip_custom, prefixes = args[0], "--custom-sections" in args, []
    for flag, value in zip(args, args[1:]):
        if flag == "--unused-export":
            prefixes.append(value)
    data = open(path, "rb").read()
    out = bytearray(data[:8])
    dropped = []
    for section_id, whole, body in sections(data):
        if section_id == 0 and strip_custom and name_at(body, 0)[0] != "target_features":
            continue
        if section_id == 7 and prefixes:
            count, i = leb(body, 0)
            kept = []
            for _ in range(count):
                start = i
                name, i = name_at(body, i)
                i += 1  # kind
                _, i = leb(body, i)
                if name.startswith(tuple(prefixes)):
                    dropped.append(name)
                else:
                    kept.append(body[start:i])
            new_body = write_leb(len(kept)) + b"".join(kept)
            whole = bytes([7]) + write_leb(len(new_body)) + new_body
        out += whole
    if dropped:
        others = [m for m in glob.glob(os.path.join(os.path.dirname(path), "*.wasm")) if m != path]
        wanted = set().union(*(imported_names(m) for m in others)) & set(dropped)
        if wanted:
            raise SystemExit(f"{path}: exports still imported by other modules: {sorted(wanted)}")
    open(path, "wb").write(out)


if __name__ == "__main__":
    main()
