/**
 * Reads report.html's chart back into data units, for tests: the frame written on the <svg> as
 * data attributes (domain/render/chartFrame.ts), and the points of a named series mapped from
 * pixels to (week, value).
 */
import { readChartFrame } from '../../../domain/render/chartFrame.js';

/** The chart of `page` in data units. */
export function chartReader(page: string) {
  const svg = /<svg[^>]*>/.exec(page)?.[0];
  if (svg === undefined) throw new RangeError('the page has no <svg> chart');
  const { toData, yTolerance, y1 } = readChartFrame(svg);
  /** Points of the `<tag data-series="series" points="...">` element, in (week, value). */
  const points = (tag: string, series: string) => {
    const list = new RegExp(`<${tag} data-series="${series}" points="([^"]+)"`).exec(page)?.[1];
    if (list === undefined) throw new RangeError(`no ${tag} for series ${series}`);
    return list.split(' ').map((p) => toData(...(p.split(',').map(Number) as [number, number])));
  };
  /** Centres of the reported-NAV circles, in (week, value). */
  const navs = () => [...page.matchAll(/data-series="nav" data-week="\d+" cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => toData(Number(m[1]), Number(m[2])));
  // Points are written to 0.01 px: one such step in value units bounds the rounding error.
  return { points, navs, toData, valueTolerance: yTolerance, y1 };
}
