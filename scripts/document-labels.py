#!/usr/bin/env python3
# Copies the words the SRA document shares with the UI (levels, categories, roles, statuses, ...)
# from the web catalogs into src/documents/web_labels.inc, so both say the same thing.
# Run from the repository root after changing those keys: python3 scripts/document-labels.py
import re

PREFIXES = ('level.', 'lik.', 'imp.', 'cat.', 'trigger.', 'status.', 'mtype.', 'mstatus.', 'moss.', 'kind.',
            'role.', 'sit.', 'factor.', 'thr.')
KEYS = {'action.submit', 'action.review', 'action.endorse', 'action.approve', 'action.return', 'action.supersede',
        'view.area', 'view.period', 'view.trigger', 'view.status', 'view.threat', 'view.current', 'view.residual',
        'view.review_due', 'view.published_at', 'view.scenarios', 'view.measures', 'view.acceptability',
        'view.situation', 'view.threats', 'view.audit_when', 'view.audit_who', 'view.audit_role',
        'view.audit_action', 'view.factors', 'rate.likelihood', 'rate.impact'}
ENTRY = re.compile(r"^\s*'([^']+)':\s*'((?:[^'\\]|\\.)*)',?\s*$")


def esc(s):
    return s.replace('\\', '\\\\').replace('"', '\\"')


catalog = {}
for lang in ('en', 'fr', 'ar'):
    for line in open(f'web/src/i18n/{lang}.ts', encoding='utf-8'):
        m = ENTRY.match(line)
        if m and (m.group(1).startswith(PREFIXES) or m.group(1) in KEYS):
            catalog.setdefault(m.group(1), {})[lang] = m.group(2).replace("\\'", "'")
out = ['// Copied from the web catalogs (web/src/i18n/{en,fr,ar}.ts) by scripts/document-labels.py, so the',
       '// document names levels, categories, roles and statuses exactly as the UI does. Do not edit by hand.',
       '// clang-format off']
for k in sorted(catalog):
    d = catalog[k]
    if len(d) == 3:
        out.append(f'{{"{esc(k)}", {{"{esc(d["en"])}", "{esc(d["fr"])}", "{esc(d["ar"])}"}}}},')
open('src/documents/web_labels.inc', 'w', encoding='utf-8').write('\n'.join(out) + '\n')
