
UPDATE sras
SET doc = jsonb_set(doc::jsonb, '{scenarios}', COALESCE((
  SELECT jsonb_agg(
           CASE WHEN jsonb_typeof(s.value -> 'measures') = 'array' THEN
             jsonb_set(s.value, '{measures}', COALESCE((
               SELECT jsonb_agg(CASE WHEN jsonb_typeof(m.value -> 'cost') = 'number' THEN
                                  (m.value - 'cost') ||
                                  jsonb_build_object('cost_minor', round((m.value ->> 'cost')::numeric * 100)::bigint)
                                ELSE m.value END
                                ORDER BY m.ord)
               FROM jsonb_array_elements(s.value -> 'measures') WITH ORDINALITY AS m (value, ord)), '[]'::jsonb))
           ELSE s.value END
           ORDER BY s.ord)
  FROM jsonb_array_elements(sras.doc::jsonb -> 'scenarios') WITH ORDINALITY AS s (value, ord)), '[]'::jsonb))::text
WHERE jsonb_typeof(doc::jsonb -> 'scenarios') = 'array';
