#!/usr/bin/env python3
"""An .xlsx reader independent of the writer (zipfile + xml.etree from Python's standard library):
prints, as JSON, each sheet's name, cell texts (shared strings, inline strings and numbers), the
fill colour of each filled cell, the frozen pane and the autofilter range. Used by the export tests.
Usage: xlsx_reader.py FILE.xlsx"""
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
      'r': 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'}
REL = '{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id'


def col_index(ref):
    letters = re.match(r'[A-Z]+', ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def main(path):
    z = zipfile.ZipFile(path)
    shared = []
    if 'xl/sharedStrings.xml' in z.namelist():
        for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', NS):
            shared.append(''.join(t.text or '' for t in si.iter('{%s}t' % NS['m'])))
    styles = ET.fromstring(z.read('xl/styles.xml'))
    fills = []
    for f in styles.find('m:fills', NS).findall('m:fill', NS):
        fg = f.find('m:patternFill/m:fgColor', NS)
        fills.append(fg.get('rgb')[-6:].lower() if fg is not None and fg.get('rgb') else None)
    xf_fill = [int(xf.get('fillId', '0')) for xf in styles.find('m:cellXfs', NS).findall('m:xf', NS)]
    wb = ET.fromstring(z.read('xl/workbook.xml'))
    rels = ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))
    target = {r.get('Id'): r.get('Target') for r in rels}
    out = []
    for sh in wb.find('m:sheets', NS).findall('m:sheet', NS):
        xml = ET.fromstring(z.read('xl/' + target[sh.get(REL)].lstrip('/').replace('xl/', '')))
        rows, colours = [], {}
        for row in xml.find('m:sheetData', NS).findall('m:row', NS):
            r = int(row.get('r')) - 1
            while len(rows) <= r:
                rows.append([])
            for c in row.findall('m:c', NS):
                ref, t = c.get('r'), c.get('t')
                ci = col_index(ref)
                v = c.find('m:v', NS)
                if t == 's':
                    text = shared[int(v.text)]
                elif t == 'inlineStr':
                    text = ''.join(x.text or '' for x in c.iter('{%s}t' % NS['m']))
                else:
                    text = v.text if v is not None else ''
                while len(rows[r]) <= ci:
                    rows[r].append('')
                rows[r][ci] = text
                fill = fills[xf_fill[int(c.get('s', '0'))]]
                if fill:
                    colours[ref] = fill
        pane = xml.find('m:sheetViews/m:sheetView/m:pane', NS)
        af = xml.find('m:autoFilter', NS)
        out.append({'name': sh.get('name'), 'rows': rows, 'fills': colours,
                    'frozen': pane.get('topLeftCell') if pane is not None and pane.get('state') == 'frozen' else None,
                    'autofilter': af.get('ref') if af is not None else None})
    json.dump({'sheets': out}, sys.stdout, ensure_ascii=False)


if __name__ == '__main__':
    main(sys.argv[1])
