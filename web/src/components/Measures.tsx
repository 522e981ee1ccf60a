import { t, tx } from '../i18n';
import { fmtMinor } from '../money';
import type { Scenario } from '../types';

/** Every measure of an SRA with its scenario, type, MOSS/RSM category, cost, owner and status. */
export function MeasuresTable({ scenarios }: { scenarios: Scenario[] }) {
  const rows = scenarios.flatMap((s) => s.measures.map((m) => ({ s, m })));
  if (!rows.length) return <p class="empty">{t('msr.none')}</p>;
  const totals = new Map<string, number>();
  for (const { m } of rows) totals.set(m.currency || 'USD', (totals.get(m.currency || 'USD') ?? 0) + (m.cost_minor || 0));
  return (
    <div class="table-wrap">
      <table class="table" data-testid="measures">
        <thead>
          <tr>
            <th scope="col">{t('msr.description')}</th>
            <th scope="col">{t('msr.scenario')}</th>
            <th scope="col">{t('msr.type')}</th>
            <th scope="col">{t('msr.category')}</th>
            <th scope="col" class="num">{t('msr.cost')}</th>
            <th scope="col">{t('msr.owner')}</th>
            <th scope="col">{t('msr.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ s, m }) => (
            <tr key={m.id ?? s.id + m.description}>
              <th scope="row">{m.description}</th>
              <td>{s.title}</td>
              <td>{tx('mtype', m.type).replace(/ \(.*\)$/, '')}</td>
              <td>{m.moss_category ? tx('moss', m.moss_category) : '—'}</td>
              <td class="num">{fmtMinor(m.cost_minor, m.currency || 'USD')}</td>
              <td>{m.owner || '—'}</td>
              <td><span class={'chip ms-' + m.status}>{tx('mstatus', m.status)}</span></td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={4}>{t('msr.total')}</th>
            <td class="num">{[...totals].map(([c, v]) => fmtMinor(v, c)).join(' + ')}</td>
            <td colSpan={2} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
