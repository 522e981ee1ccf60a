
UPDATE sras
SET status = 'superseded',
    revision = revision + 1,
    updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
    doc = json_set(
      json_insert(doc, '$.history[#]',
                  json_object('action', 'supersede', 'from', 'published', 'to', 'superseded', 'by', 'migration 0010',
                              'role', 'system',
                              'comment', 'superseded by ' || x.in_force_id || ' (version ' || x.in_force_version ||
                                         '), now the area SRA in force',
                              'at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))),
      '$.status', 'superseded',
      '$.revision', revision + 1,
      '$.updated_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
FROM sras_superseded_0010 x
WHERE sras.id = x.id;

DROP TABLE sras_superseded_0010;
