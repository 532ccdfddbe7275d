/**
 * Reads report.html's chart back into data units, for tests: the frame written on the <svg> as
 * data attributes, and the points of a named series mapped from pixels to (week, value).
 */

/** The chart of `page` in data units. */
export function chartReader(page: string) {
  const svg = /<svg[^>]*>/.exec(page)?.[0];
  if (svg === undefined) throw new RangeError('the page has no <svg> chart');
  const attr = (name: string) => Number(new RegExp(`${name}="([^"]+)"`).exec(svg)?.[1]);
  const [x0, x1, y0, y1, left, top, w, h] = ['data-x0', 'data-x1', 'data-y0', 'data-y1', 'data-left', 'data-top', 'data-plot-width', 'data-plot-height'].map(attr);
  const toData = (px: number, py: number): [number, number] => [x0 + ((px - left) / w) * (x1 - x0), y0 + ((top + h - py) / h) * (y1 - y0)];
  /** Points of the `<tag data-series="series" points="...">` element, in (week, value). */
  const points = (tag: string, series: string) => {
    const list = new RegExp(`<${tag} data-series="${series}" points="([^"]+)"`).exec(page)?.[1];
    if (list === undefined) throw new RangeError(`no ${tag} for series ${series}`);
    return list.split(' ').map((p) => toData(...(p.split(',').map(Number) as [number, number])));
  };
  /** Centres of the reported-NAV circles, in (week, value). */
  const navs = () => [...page.matchAll(/data-series="nav" data-week="\d+" cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => toData(Number(m[1]), Number(m[2])));
  // Points are written to 0.01 px: one such step in value units bounds the rounding error.
  return { points, navs, toData, valueTolerance: (0.01 / h) * (y1 - y0), y1 };
}
