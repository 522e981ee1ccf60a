
UPDATE sras
SET doc = json_set(doc, '$.scenarios', json((
  SELECT json_group_array(json(
           CASE WHEN json_type(s.value, '$.measures') = 'array' THEN
             json_set(s.value, '$.measures', json((
               SELECT json_group_array(json(
                        CASE WHEN json_type(m.value, '$.cost') IN ('integer', 'real') THEN
                          json_set(json_remove(m.value, '$.cost'), '$.cost_minor',
                                   CAST(round(json_extract(m.value, '$.cost') * 100) AS INTEGER))
                        ELSE m.value END))
               FROM json_each(s.value, '$.measures') AS m)))
           ELSE s.value END))
  FROM json_each(sras.doc, '$.scenarios') AS s)))
WHERE json_type(doc, '$.scenarios') = 'array';
