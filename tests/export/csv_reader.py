#!/usr/bin/env python3
"""Parses a CSV file with Python's csv module (an RFC 4180 reader independent of the writer) and
prints its records as JSON, with whether the file starts with a UTF-8 byte-order mark and whether
every record ends in CRLF. Usage: csv_reader.py FILE.csv"""
import csv
import io
import json
import sys

raw = open(sys.argv[1], 'rb').read()
bom = raw.startswith(b'\xef\xbb\xbf')
text = raw.decode('utf-8-sig')
records = list(csv.reader(io.StringIO(text, newline='')))
json.dump({'bom': bom, 'crlf': text.endswith('\r\n') or text == '', 'records': records}, sys.stdout, ensure_ascii=False)
