/**
 * The scaling figure for the bench report (issue E 5d): modeled cost (engine steps) of one reclaim
 * pass against M x S (memcgs x shrinkers), log-log, one series per design, drawn as inline SVG from
 * the measured points (extrapolated points drawn hollow). Pure: data in, markup out.
 */
import type { ScalingPoint } from './bench-schema.js';

const COLORS = ['#c0392b', '#2874a6', '#1e8449', '#b9770e', '#7d3c98', '#555'];

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** [min, max] of a non-empty array, in one pass (no spread into Math.min/max: any length works). */
function extent(xs: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of xs) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return [lo, hi];
}

export function scalingSvg(points: readonly ScalingPoint[], width = 640, height = 360): string {
  const pts = points.filter((p) => p.steps > 0 && p.memcgs * p.shrinkers > 0);
  if (pts.length === 0) return '<svg id="scaling-plot" width="10" height="10"></svg>';
  const series = [...new Set(pts.map((p) => `${p.variant}${p.nokmem ? ' (nokmem)' : ''}`))];
  const lx = pts.map((p) => Math.log10(p.memcgs * p.shrinkers));
  const ly = pts.map((p) => Math.log10(p.steps));
  const [xLo, xHi] = extent(lx);
  const [yLo, yHi] = extent(ly);
  const [x0, x1] = [Math.floor(xLo), Math.ceil(xHi)];
  const [y0, y1] = [Math.floor(yLo), Math.ceil(yHi)];
  const L = 60, R = 170, T = 16, B = 40;
  const sx = (v: number): number => L + ((v - x0) / Math.max(1, x1 - x0)) * (width - L - R);
  const sy = (v: number): number => height - B - ((v - y0) / Math.max(1, y1 - y0)) * (height - T - B);
  const out: string[] = [`<svg id="scaling-plot" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`];
  for (let d = x0; d <= x1; d++) out.push(`<line x1="${sx(d)}" x2="${sx(d)}" y1="${T}" y2="${height - B}" stroke="#eee"/><text x="${sx(d)}" y="${height - B + 14}" text-anchor="middle">1e${d}</text>`);
  for (let d = y0; d <= y1; d++) out.push(`<line x1="${L}" x2="${width - R}" y1="${sy(d)}" y2="${sy(d)}" stroke="#eee"/><text x="${L - 6}" y="${sy(d) + 4}" text-anchor="end">1e${d}</text>`);
  out.push(`<text x="${(L + width - R) / 2}" y="${height - 6}" text-anchor="middle">memcgs x shrinkers (M x S)</text>`);
  out.push(`<text transform="translate(14 ${(T + height - B) / 2}) rotate(-90)" text-anchor="middle">steps per reclaim pass</text>`);
  series.forEach((name, i) => {
    const c = COLORS[i % COLORS.length];
    const mine = pts.map((p, j) => ({ p, x: sx(lx[j]), y: sy(ly[j]) })).filter((q) => `${q.p.variant}${q.p.nokmem ? ' (nokmem)' : ''}` === name).sort((a, b) => a.x - b.x);
    out.push(`<g class="series" data-series="${esc(name)}">`);
    out.push(`<polyline fill="none" stroke="${c}" stroke-width="1.5" points="${mine.map((q) => `${q.x.toFixed(1)},${q.y.toFixed(1)}`).join(' ')}"/>`);
    for (const q of mine) {
      const fill = q.p.source === 'measured' ? c : 'white';
      out.push(`<circle cx="${q.x.toFixed(1)}" cy="${q.y.toFixed(1)}" r="3" fill="${fill}" stroke="${c}"><title>${esc(name)}: M=${q.p.memcgs} S=${q.p.shrinkers} T=${q.p.pairs}: ${q.p.steps} steps, ${q.p.doShrinkSlab} do_shrink_slab (${q.p.source})</title></circle>`);
    }
    out.push(`<text x="${width - R + 10}" y="${T + 14 * i + 8}" fill="${c}">${esc(name)}</text></g>`);
  });
  out.push(`<text x="${width - R + 10}" y="${T + 14 * series.length + 14}" fill="#555">hollow: extrapolated</text>`);
  out.push('</svg>');
  return out.join('\n');
}
