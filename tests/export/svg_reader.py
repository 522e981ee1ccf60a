#!/usr/bin/env python3
"""Reads an SVG with Python's XML parser (independent of the writer) and prints as JSON its
viewBox, title, texts, and for each <path>, <rect> and <circle>: class, data-* attributes, fill
and the bounding box of its coordinates (a path's from its M/L commands)."""
import json
import re
import sys
import xml.etree.ElementTree as E

NS = '{http://www.w3.org/2000/svg}'


def main():
    root = E.parse(sys.argv[1]).getroot()
    out = {'viewBox': [float(v) for v in root.get('viewBox').split()],
           'title': root.findtext(NS + 'title'), 'texts': [], 'shapes': []}
    for el in root.iter():
        tag = el.tag.replace(NS, '')
        if tag == 'text':
            out['texts'].append(''.join(el.itertext()))
        if tag not in ('path', 'rect', 'circle'):
            continue
        shape = {'tag': tag, 'class': el.get('class'), 'fill': el.get('fill'),
                 'data': {k[5:]: v for k, v in el.attrib.items() if k.startswith('data-')}}
        if tag == 'path':
            nums = [float(v) for v in re.findall(r'-?\d+(?:\.\d+)?', el.get('d'))]
            xs, ys = nums[0::2], nums[1::2]
            shape['rings'] = el.get('d').count('M')
        elif tag == 'rect':
            if el.get('x') is None:
                continue
            x, y, w, h = (float(el.get(k)) for k in ('x', 'y', 'width', 'height'))
            xs, ys = [x, x + w], [y, y + h]
        else:
            cx, cy, r = (float(el.get(k)) for k in ('cx', 'cy', 'r'))
            xs, ys = [cx - r, cx + r], [cy - r, cy + r]
        shape['box'] = [min(xs), min(ys), max(xs), max(ys)]
        out['shapes'].append(shape)
    print(json.dumps(out, ensure_ascii=False))


main()
