#!/usr/bin/env python3
"""Reads a PNG with zlib alone (independent of Cairo, which wrote it): checks the signature and
each chunk's CRC, inflates the IDAT stream, undoes the row filters (0-4) and prints as JSON the
size, the colour type, and the colour (#rrggbb) at each pixel "x,y" given after the file name."""
import json
import struct
import sys
import zlib


def main():
    data = open(sys.argv[1], 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        raise SystemExit('not a PNG')
    pos, idat, ihdr, chunks = 8, b'', None, []
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        crc = struct.unpack('>I', data[pos + 8 + length:pos + 12 + length])[0]
        if zlib.crc32(kind + body) & 0xffffffff != crc:
            raise SystemExit('bad CRC in ' + kind.decode())
        chunks.append(kind.decode())
        if kind == b'IHDR':
            ihdr = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT':
            idat += body
        pos += 12 + length
    width, height, depth, ctype, _, _, interlace = ihdr
    if depth != 8 or ctype not in (2, 6) or interlace != 0:
        raise SystemExit('unsupported PNG: depth %d colour type %d interlace %d' % (depth, ctype, interlace))
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev, at = [], bytearray(stride), 0
    for _ in range(height):
        f = raw[at]
        line = bytearray(raw[at + 1:at + 1 + stride])
        at += 1 + stride
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 255
            elif f != 0:
                raise SystemExit('bad filter %d' % f)
        rows.append(line)
        prev = line
    colours = {}
    for arg in filter(None, sys.argv[2:]):
        x, y = (int(v) for v in arg.split(','))
        px = rows[y][x * bpp:x * bpp + 3]
        colours[arg] = '#%02x%02x%02x' % tuple(px)
    distinct = len({bytes(r[i:i + 3]) for r in rows[::7] for i in range(0, stride, bpp * 7)})
    print(json.dumps({'width': width, 'height': height, 'colour_type': ctype, 'chunks': chunks,
                      'colours': colours, 'distinct_sampled': distinct}))


main()
