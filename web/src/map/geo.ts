import type { Geometry, Position } from 'geojson';

// Plate carrée: x = longitude, y = -latitude, in degrees. Simple, and true enough at the scale of
// an SRM area near the equator; the view box does the zooming.

function ringPath(ring: Position[], digits: number): string {
  let s = '';
  let px = NaN, py = NaN;
  for (let i = 0; i < ring.length; i++) {
    const x = +ring[i][0].toFixed(digits);
    const y = +(-ring[i][1]).toFixed(digits);
    if (x === px && y === py) continue;
    s += (s ? 'L' : 'M') + x + ',' + y;
    px = x;
    py = y;
  }
  return s + 'Z';
}

export function pathOf(g: Geometry | null | undefined, digits = 3): string {
  if (!g) return '';
  if (g.type === 'Polygon') return g.coordinates.map((r) => ringPath(r, digits)).join('');
  if (g.type === 'MultiPolygon') return g.coordinates.map((p) => p.map((r) => ringPath(r, digits)).join('')).join('');
  return '';
}

export interface BBox { x0: number; y0: number; x1: number; y1: number }

export function bboxOf(gs: (Geometry | null | undefined)[]): BBox | null {
  let b: BBox | null = null;
  const visit = (p: Position) => {
    const x = p[0], y = -p[1];
    if (!b) b = { x0: x, y0: y, x1: x, y1: y };
    else {
      b.x0 = Math.min(b.x0, x); b.x1 = Math.max(b.x1, x);
      b.y0 = Math.min(b.y0, y); b.y1 = Math.max(b.y1, y);
    }
  };
  for (const g of gs) {
    if (!g) continue;
    if (g.type === 'Polygon') g.coordinates.forEach((r) => r.forEach(visit));
    else if (g.type === 'MultiPolygon') g.coordinates.forEach((p) => p.forEach((r) => r.forEach(visit)));
  }
  return b;
}

/** Area-weighted centroid of the largest ring: where the label goes. */
export function labelPoint(g: Geometry | null | undefined): [number, number] | null {
  if (!g) return null;
  const rings = g.type === 'Polygon' ? [g.coordinates[0]] : g.type === 'MultiPolygon' ? g.coordinates.map((p) => p[0]) : [];
  let best: [number, number] | null = null;
  let bestA = -1;
  for (const r of rings) {
    let a = 0, cx = 0, cy = 0;
    for (let i = 0; i < r.length - 1; i++) {
      const x0 = r[i][0], y0 = -r[i][1], x1 = r[i + 1][0], y1 = -r[i + 1][1];
      const f = x0 * y1 - x1 * y0;
      a += f;
      cx += (x0 + x1) * f;
      cy += (y0 + y1) * f;
    }
    if (Math.abs(a) > bestA && a !== 0) {
      bestA = Math.abs(a);
      best = [cx / (3 * a), cy / (3 * a)];
    }
  }
  return best;
}
