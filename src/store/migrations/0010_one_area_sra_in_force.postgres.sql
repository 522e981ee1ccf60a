
UPDATE sras
SET status = 'superseded',
    revision = sras.revision + 1,
    updated_at = to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    doc = (jsonb_set(
             jsonb_set(
               jsonb_set(
                 jsonb_set(sras.doc::jsonb, '{history}',
                           COALESCE(sras.doc::jsonb -> 'history', '[]'::jsonb) ||
                             jsonb_build_array(jsonb_build_object(
                               'action', 'supersede', 'from', 'published', 'to', 'superseded', 'by', 'migration 0010',
                               'role', 'system',
                               'comment', 'superseded by ' || x.in_force_id || ' (version ' || x.in_force_version ||
                                          '), now the area SRA in force',
                               'at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))),
                 '{status}', '"superseded"'::jsonb),
               '{revision}', to_jsonb(sras.revision + 1)),
             '{updated_at}', to_jsonb(to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))))::text
FROM sras_superseded_0010 x
WHERE sras.id = x.id;

DROP TABLE sras_superseded_0010;
