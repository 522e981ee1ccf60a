import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ExportButtons, ImageLinks } from '../components/ExportButtons';
import type { FeatureCollection, Geometry } from 'geojson';
import { get, getAll } from '../api';
import { fmtDate, t, tx } from '../i18n';
import { go, href } from '../router';
import { useApp } from '../state';
import { levelClass, levelIndex } from '../domain';
import type { Area, Country, Incident, SraSummary } from '../types';
import { ErrorBox, Loading, RiskBadge } from '../components/ui';
import { bboxOf, labelPoint, pathOf, type BBox } from '../map/geo';
import { publishedByArea } from './Dashboard';
import { coverageLine, useCoverage } from './Workforce';

const ASPECT = 0.62; // height / width of the map view
interface View { cx: number; cy: number; w: number }

function fit(b: BBox, pad = 0.25): View {
  const w0 = (b.x1 - b.x0) * (1 + pad * 2);
  const h0 = (b.y1 - b.y0) * (1 + pad * 2);
  return { cx: (b.x0 + b.x1) / 2, cy: (b.y0 + b.y1) / 2, w: Math.max(w0, h0 / ASPECT, 2) };
}

const WORLD: View = { cx: 0, cy: -10, w: 360 };

// Incidents of the selected area as points: at most MAX_PAGES pages of PAGE (the most recent first).
const PAGE = 250, MAX_PAGES = 2;
interface IncidentPoints { area: string; items: Incident[]; total: number }

async function loadIncidents(areaId: string): Promise<IncidentPoints> {
  const items: Incident[] = [];
  let cursor: string | null = null;
  let total = 0;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page: { items: Incident[]; next_cursor: string | null; total?: number } = await get(
      '/areas/' + encodeURIComponent(areaId) + '/incidents?limit=' + PAGE + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''),
    );
    items.push(...page.items);
    total = page.total ?? items.length;
    cursor = page.next_cursor;
    if (!cursor) break;
  }
  return { area: areaId, items, total: Math.max(total, items.length) };
}

export function MapPage() {
  const app = useApp();
  const m = app.method;
  const [areas, setAreas] = useState<Area[] | null>(null);
  const [countries, setCountries] = useState<Country[]>([]);
  const [sras, setSras] = useState<SraSummary[]>([]);
  const [world, setWorld] = useState<FeatureCollection<Geometry, { name: string }> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [view, setView] = useState<View | null>(null);
  const [incArea, setIncArea] = useState('');
  const [inc, setInc] = useState<IncidentPoints | null>(null);
  const [incError, setIncError] = useState<unknown>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const drag = useRef<{ x: number; y: number; v: View; moved: boolean } | null>(null);
  // The security workforce's coverage of each area (issue 16): aggregates, in the area's
  // tooltip, the area list and the legend; absent (null) for a reader the server answers nothing.
  const coverage = useCoverage();

  const load = () => {
    setError(null);
    Promise.all([
      get<{ items: Area[] }>('/areas?geometry=1'),
      getAll<SraSummary>('/sras?status=published'),
      get<{ items: Country[] }>('/countries'),
    ])
      .then(([a, s, c]) => {
        setAreas(a.items);
        setSras(s);
        setCountries(c.items);
      })
      .catch(setError);
  };
  useEffect(() => {
    load();
    import('../map/countries').then((mod) => setWorld(mod.default)).catch(() => setWorld(null));
  }, []);

  useEffect(() => {
    setInc(null);
    setIncError(null);
    if (!incArea) return;
    let live = true;
    loadIncidents(incArea).then((r) => live && setInc(r)).catch((e) => live && setIncError(e));
    return () => {
      live = false;
    };
  }, [incArea]);

  const pub = useMemo(() => publishedByArea(sras), [sras]);
  const mainCountry = countries[0];
  const home = useMemo(() => {
    if (!areas) return null;
    const mine = areas.filter((a) => !mainCountry || a.country_id === mainCountry.id);
    const b = bboxOf(mine.map((a) => a.geometry));
    return b ? fit(b) : WORLD;
  }, [areas, mainCountry]);
  useEffect(() => {
    if (home && !view) setView(home);
  }, [home]);

  const worldPaths = useMemo(
    () => (world ? world.features.map((f, i) => ({ key: String(f.id ?? i), name: f.properties?.name ?? '', d: pathOf(f.geometry, 2) })) : []),
    [world],
  );

  if (error) return <ErrorBox error={error} onRetry={load} />;
  if (!areas || !view) return <Loading />;

  const h = view.w * ASPECT;
  const vb = [view.cx - view.w / 2, view.cy - h / 2, view.w, h].map((x) => +x.toFixed(4)).join(' ');
  const fs = view.w / 50;
  const zoom = (f: number) => setView((v) => v && { ...v, w: Math.min(360, Math.max(0.5, v.w * f)) });
  const pan = (dx: number, dy: number) => setView((v) => v && { ...v, cx: v.cx + dx * v.w, cy: v.cy + dy * v.w * ASPECT });

  // Country colour: the highest residual risk among its areas' published SRAs.
  const countryLevel = new Map<string, string>();
  for (const s of pub.values()) {
    const lv = s.overall_residual_risk;
    if (!lv) continue;
    const prev = countryLevel.get(s.country_id);
    if (!prev || levelIndex(m, lv) > levelIndex(m, prev)) countryLevel.set(s.country_id, lv);
  }
  const byName = new Map(countries.map((c) => [c.name.toLowerCase(), c]));

  const onKey = (e: KeyboardEvent) => {
    const k = e.key;
    if (k === '+' || k === '=') zoom(1 / 1.5);
    else if (k === '-' || k === '_') zoom(1.5);
    else if (k === 'ArrowLeft') pan(-0.1, 0);
    else if (k === 'ArrowRight') pan(0.1, 0);
    else if (k === 'ArrowUp') pan(0, -0.1);
    else if (k === 'ArrowDown') pan(0, 0.1);
    else return;
    e.preventDefault();
  };
  const onDown = (e: PointerEvent) => {
    if (e.button !== 0) return;
    drag.current = { x: e.clientX, y: e.clientY, v: view, moved: false };
  };
  const onMove = (e: PointerEvent) => {
    const d = drag.current;
    const svg = svgRef.current;
    if (!d || !svg) return;
    const px = svg.getBoundingClientRect().width || 1;
    const dx = ((e.clientX - d.x) / px) * d.v.w;
    const dy = ((e.clientY - d.y) / px) * d.v.w;
    if (Math.abs(e.clientX - d.x) + Math.abs(e.clientY - d.y) > 4) {
      if (!d.moved) svg.setPointerCapture(e.pointerId);
      d.moved = true;
    }
    if (d.moved) setView({ ...d.v, cx: d.v.cx - dx, cy: d.v.cy - dy });
  };
  const onUp = () => {
    setTimeout(() => (drag.current = null), 0);
  };
  const open = (a: Area) => {
    if (drag.current?.moved) return;
    const s = pub.get(a.id);
    if (s) go('/sras/' + s.id);
  };

  const levels = m.risk_levels;
  const countryName = mainCountry?.name ?? '';
  return (
    <div class="map-page">
      <div class="page-head">
        <div>
          <h1>{t('map.title')}</h1>
          <p class="muted">{t('map.intro')}</p>
        </div>
      </div>
      <div class="map-layout">
        <div class="card map-card">
          <div class="map-tools" role="toolbar" aria-label={t('map.title')}>
            <button type="button" class="btn btn-small" onClick={() => zoom(1 / 1.5)} aria-label={t('map.zoom_in')} title={t('map.zoom_in')}>+</button>
            <button type="button" class="btn btn-small" onClick={() => zoom(1.5)} aria-label={t('map.zoom_out')} title={t('map.zoom_out')}>−</button>
            {home && <button type="button" class="btn btn-small" onClick={() => setView(home)}>{t('map.reset', { country: countryName })}</button>}
            <button type="button" class="btn btn-small" onClick={() => setView(WORLD)}>{t('map.world')}</button>
            {!world && <span class="hint">{t('map.loading_boundaries')}</span>}
          </div>
          <svg ref={svgRef} class="map" viewBox={vb} preserveAspectRatio="xMidYMid meet" role="group" tabindex={0}
            aria-label={t('map.label', { country: countryName })} aria-describedby="map-kbd"
            onKeyDown={onKey} onPointerDown={onDown} onPointerMove={onMove} onPointerUp={onUp} onPointerCancel={onUp} data-testid="map">
            <defs>
              <pattern id="no-go-hatch" patternUnits="userSpaceOnUse" width={+(fs * 0.6).toFixed(4)} height={+(fs * 0.6).toFixed(4)} patternTransform="rotate(45)">
                <rect width={+(fs * 0.2).toFixed(4)} height={+(fs * 0.6).toFixed(4)} class="no-go-stripe" />
              </pattern>
            </defs>
            <rect class="sea" x={-400} y={-200} width={800} height={400} />
            <g class="world">
              {worldPaths.map((p) => {
                const c = byName.get(p.name.toLowerCase());
                const lv = c ? countryLevel.get(c.id) : undefined;
                return <path key={p.key} d={p.d} class={'country ' + (lv ? levelClass(m, lv) : '')} data-country={p.name}><title>{p.name}</title></path>;
              })}
            </g>
            <g class="areas">
              {areas.map((a) => {
                const s = pub.get(a.id);
                const lv = s?.overall_residual_risk ?? null;
                const ng = a.egs_no_go;
                const cov = coverage?.get(a.id);
                const label = a.name + ': ' + (lv ? tx('level', lv) : t('map.not_assessed')) +
                  (ng ? ' · ' + t('map.no_go_label', { to: fmtDate(ng.to) }) : '') +
                  (cov ? ' · ' + t('map.coverage_label', { state: tx('wf.cov', cov.state), detail: coverageLine(cov) }) : '');
                return (
                  <g key={a.id} class={'area ' + levelClass(m, lv) + (ng ? ' area-no-go' : '')} data-area-id={a.id} data-level={lv ?? ''}
                    data-coverage={cov?.state}
                    data-no-go={ng ? ng.egs_decision_id : undefined}
                    role={s ? 'link' : 'img'} tabindex={s ? 0 : -1} aria-label={label}
                    onClick={() => open(a)} onKeyDown={(e) => { if (e.key === 'Enter') open(a); }}>
                    <title>{label}</title>
                    <path d={pathOf(a.geometry, 4)} />
                    {ng && <path d={pathOf(a.geometry, 4)} class="no-go-hatch" fill="url(#no-go-hatch)" />}
                  </g>
                );
              })}
            </g>
            {inc && inc.area === incArea && (
              <g class="incidents" data-testid="incident-points" aria-label={t('map.incidents_area')}>
                {inc.items.map((x) => x.lat === null || x.lon === null ? null : (
                  <circle key={x.id} class={'incident inc-' + (x.category ?? 'none')} cx={x.lon} cy={-x.lat} r={+(fs * 0.22).toFixed(4)}
                    stroke-width={+(fs * 0.05).toFixed(4)} data-incident={x.id} data-category={x.category ?? ''}>
                    <title>{[x.date, x.category ? tx('cat', x.category) : x.event_type, x.event_type, x.location].filter(Boolean).join(' · ')}</title>
                  </circle>
                ))}
              </g>
            )}
            <g class="labels" aria-hidden="true">
              {areas.map((a) => {
                const p = labelPoint(a.geometry);
                if (!p) return null;
                const lv = pub.get(a.id)?.overall_residual_risk ?? null;
                return (
                  <text key={a.id} x={p[0]} y={p[1]} font-size={fs} stroke-width={fs * 0.18} class="area-label" data-area-label={a.id} text-anchor="middle">
                    <tspan x={p[0]} dy={-fs * 0.2} class="al-name">{a.name}</tspan>
                    <tspan x={p[0]} dy={fs * 1.15} class="al-level">{lv ? tx('level', lv) : t('map.not_assessed_short')}</tspan>
                    {a.egs_no_go && <tspan x={p[0]} dy={fs * 1.15} class="al-no-go" data-no-go-label={a.id}>{t('map.no_go_short')}</tspan>}
                  </text>
                );
              })}
            </g>
          </svg>
          <p class="hint" id="map-kbd">{t('map.keyboard')}</p>
        </div>
        <aside class="map-side">
          <section class="card">
            <h2>{t('map.legend')}</h2>
            <ul class="legend" data-testid="legend">
              {levels.map((l) => (
                <li key={l} data-level={l}>
                  <span class={'swatch ' + levelClass(m, l)} aria-hidden="true" /> {tx('level', l)}
                </li>
              ))}
              <li data-level="">
                <span class="swatch lvl-none" aria-hidden="true" /> {t('map.not_assessed')}
              </li>
              {areas.some((a) => a.egs_no_go) && (
                <li data-level="no-go">
                  <span class="swatch swatch-no-go" aria-hidden="true" /> {t('map.no_go_legend')}
                </li>
              )}
            </ul>
            {coverage && (
              <>
                <h3>{t('wf.coverage')}</h3>
                <ul class="legend" data-testid="legend-coverage">
                  {['uncovered', 'stretched', 'covered'].map((st) => (
                    <li key={st} data-coverage={st}><span class={'chip cov-' + st}>{tx('wf.cov', st)}</span> {t(('map.cov_legend_' + st) as 'map.cov_legend_covered')}</li>
                  ))}
                </ul>
              </>
            )}
          </section>
          <section class="card" data-testid="map-incidents">
            <h2>{t('map.incidents')}</h2>
            <div class="field">
              <label for="inc-area">{t('map.incidents_area')}</label>
              <select id="inc-area" value={incArea} onChange={(e) => {
                const v = (e.target as HTMLSelectElement).value;
                setIncArea(v);
                const b = bboxOf([areas.find((a) => a.id === v)?.geometry]);
                if (b) setView(fit(b, 0.15));
              }}>
                <option value="">{t('map.incidents_off')}</option>
                {[...areas].sort((a, b) => a.name.localeCompare(b.name)).map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
              </select>
            </div>
            {incError ? <ErrorBox error={incError} /> : incArea && !inc ? <p class="hint" aria-live="polite">{t('map.incidents_loading')}</p> : inc && (
              <p class="hint" aria-live="polite" data-testid="incident-count" data-shown={inc.items.length} data-total={inc.total}>
                {inc.total > inc.items.length
                  ? t('map.incidents_more', { n: inc.items.length, total: inc.total })
                  : t('map.incidents_count', { n: inc.items.filter((x) => x.lat !== null && x.lon !== null).length })}
              </p>
            )}
            {incArea && <ExportButtons path={'/areas/' + encodeURIComponent(incArea) + '/incidents'} testid="incident-export" />}
            {incArea && <ImageLinks base={'/areas/' + encodeURIComponent(incArea) + '/map'} label={t('export.area_map')} testid="area-map-image" />}
          </section>
          <section class="card">
            <h2>{t('map.areas_table')}</h2>
            {mainCountry && countryLevel.get(mainCountry.id) && (
              <p class="country-level" data-testid="country-level">
                {t('map.country_level', { country: mainCountry.name, level: tx('level', countryLevel.get(mainCountry.id)) })}
              </p>
            )}
            <ul class="rowlist compact" data-testid="map-areas">
              {[...areas].sort((a, b) => a.name.localeCompare(b.name)).map((a) => {
                const s = pub.get(a.id);
                return (
                  <li key={a.id} data-area-id={a.id}>
                    {s ? <a href={href('/sras/' + s.id)}>{a.name}</a> : <span>{a.name}</span>}
                    <RiskBadge method={m} level={s?.overall_residual_risk} empty={t('map.not_assessed')} />
                    {a.egs_no_go && (
                      <span class="chip chip-no-go" data-testid="no-go-chip" title={a.egs_no_go.reason}>
                        {t('map.no_go_label', { to: fmtDate(a.egs_no_go.to) })}
                      </span>
                    )}
                    {coverage?.get(a.id) && coverage.get(a.id)!.state !== 'no_personnel' && (
                      <span class={'chip cov-' + coverage.get(a.id)!.state} data-testid="coverage-chip"
                        title={coverageLine(coverage.get(a.id)!)}>
                        {tx('wf.cov', coverage.get(a.id)!.state)}
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        </aside>
      </div>
    </div>
  );
}
