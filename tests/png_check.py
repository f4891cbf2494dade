#!/usr/bin/env python3
"""What a screenshot shows, read with the standard library alone (a PNG is
zlib-compressed filtered scanlines): usage: png_check.py PNG [RRGGBB...]
Prints the share of pixels that differ from the background (the commonest
colour), and for each colour given the share of pixels within a small
distance of it; exits 1 when the page is blank (under 1% differs) or a
colour given is missing (under 0.05%)."""
import struct
import sys
import zlib


def pixels(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG")
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
            if depth != 8 or ctype not in (2, 6):
                raise SystemExit(f"{path}: colour type {ctype}, depth {depth} not read here")
            bpp = 4 if ctype == 6 else 3
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride = zlib.decompress(idat), width * bpp
    prev, out = bytearray(stride), []
    for y in range(height):
        line = raw[y * (stride + 1):(y + 1) * (stride + 1)]
        f, cur = line[0], bytearray(line[1:])
        for i in range(stride):
            a = cur[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                cur[i] = (cur[i] + a) & 255
            elif f == 2:
                cur[i] = (cur[i] + b) & 255
            elif f == 3:
                cur[i] = (cur[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                cur[i] = (cur[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        out.extend(tuple(cur[i:i + 3]) for i in range(0, stride, bpp))
        prev = cur
    return out


def main(path, colours):
    px = pixels(path)
    counts = {}
    for p in px:
        counts[p] = counts.get(p, 0) + 1
    background = max(counts, key=counts.get)
    differ = 1 - counts[background] / len(px)
    print(f"{path}: {len(px)} pixels, {differ:.1%} differ from the background "
          f"#{bytes(background).hex()}, {len(counts)} colours")
    ok = differ >= 0.01
    for hexc in colours:
        want = bytes.fromhex(hexc)
        near = sum(n for p, n in counts.items() if all(abs(p[k] - want[k]) <= 24 for k in range(3)))
        share = near / len(px)
        print(f"  #{hexc}: {share:.2%}")
        ok &= share >= 0.0005
    return 0 if ok else 1


sys.exit(main(sys.argv[1], sys.argv[2:]))
