// Names for the ids records point at (issue 18, plain language): a person reads "Kalari area SRA",
// never "sra_1430e434…". Records that carry only an id (a leg's SRA, an acceptance's SRA, a price
// list's country) are named here from one request per distinct id, cached for the session, so a
// list of a hundred legs over three SRAs asks three times, not a hundred.
import { useEffect, useState } from 'preact/hooks';
import { get } from './api';
import { fmtDate, t } from './i18n';

type Kind = 'sra' | 'egs' | 'country';
const names = new Map<string, string>(); // kind + ':' + id -> name
const pending = new Map<string, Promise<void>>();
const listeners = new Set<() => void>();

function notify() {
  for (const l of listeners) l();
}

async function fetchName(kind: Kind, id: string): Promise<string> {
  if (kind === 'sra') {
    // The SRA's measures are named from the same answer (a budget line names one by its id).
    const sra = await get<{ title: string; scenarios?: { measures?: { id: string; description: string }[] }[] }>('/sras/' + encodeURIComponent(id));
    for (const sc of sra.scenarios ?? []) for (const m of sc.measures ?? []) names.set('measure:' + m.id, m.description);
    return sra.title;
  }
  if (kind === 'egs') {
    // An EGS decision has no title: it is named by its area and its window.
    const d = await get<{ area_name?: string; from: string; to: string }>('/egs-decisions/' + encodeURIComponent(id));
    return t('plain.egs_name', { area: d.area_name ?? '', from: fmtDate(d.from), to: fmtDate(d.to) });
  }
  // Countries come as one list: every country is named by the first request.
  const list = await get<{ items: { id: string; name: string }[] }>('/countries');
  for (const c of list.items) names.set('country:' + c.id, c.name);
  return names.get('country:' + id) ?? '';
}

function load(kind: Kind, id: string) {
  const key = kind + ':' + id;
  if (names.has(key) || pending.has(key)) return;
  const key0 = kind === 'country' ? 'country:*' : key;
  if (kind === 'country' && pending.has(key0)) return;
  const p = fetchName(kind, id)
    .then((n) => { names.set(key, n); })
    // Not readable by this person (another organization's SRA) or gone: the fallback stays.
    .catch(() => { names.set(key, ''); })
    .finally(() => { pending.delete(key0); notify(); });
  pending.set(key0, p);
}

/** The name of a record by its id, or a neutral phrase in the user's language while it loads or
 * when the reader may not see the record: never the bare id. */
export function nameOf(kind: Kind, id: string | null | undefined): string {
  if (!id) return '';
  const n = names.get(kind + ':' + id);
  if (n) return kind === 'country' ? n : '“' + n + '”';
  load(kind, id);
  return t(('plain.unnamed_' + kind) as 'plain.unnamed_sra');
}

/** A measure of an SRA by its description (read with the SRA), or a neutral word meanwhile. */
export function measureName(sraId: string, measureId: string): string {
  const n = names.get('measure:' + measureId);
  if (n) return n;
  load('sra', sraId);
  return t('dif.a_measure');
}

/** Re-renders the calling component when a name it asked for arrives. */
export function useNames(): typeof nameOf {
  const [, setTick] = useState(0);
  useEffect(() => {
    const l = () => setTick((n) => n + 1);
    listeners.add(l);
    return () => { listeners.delete(l); };
  }, []);
  return nameOf;
}
