// World country outlines (Natural Earth 1:110m via world-atlas), shipped with the UI so the map
// works offline. Loaded only when the map is opened.
import { feature } from 'topojson-client';
import type { FeatureCollection, Geometry } from 'geojson';
import topo from 'world-atlas/countries-110m.json';

const world = feature(topo as any, (topo as any).objects.countries) as unknown as FeatureCollection<Geometry, { name: string }>;
export default world;
