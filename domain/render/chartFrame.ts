/**
 * The one frame of every inline SVG chart (the portal's fund chart, the fit report's value
 * chart): a plot box inside the view box and the data domain it shows, x0..x1 across and
 * y0..y1 up. Charts write the frame on their <svg> as data attributes, so that a reader (a
 * test, a script) can map any drawn point back to data units with `readChartFrame`.
 */
import { html, type SafeHtml } from './html.js';

export interface ChartFrame {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly top: number;
  readonly plotWidth: number;
  readonly plotHeight: number;
  /** Domain across (weeks, or days since 1970-01-01). */
  readonly x0: number;
  readonly x1: number;
  /** Domain up (an amount). */
  readonly y0: number;
  readonly y1: number;
}

/** Pixel x of a data x. */
export const xOf = (f: ChartFrame, x: number): number => f.left + ((x - f.x0) / (f.x1 - f.x0)) * f.plotWidth;

/** Pixel y of a data y. */
export const yOf = (f: ChartFrame, y: number): number => f.top + f.plotHeight - ((y - f.y0) / (f.y1 - f.y0)) * f.plotHeight;

/** Pixel coordinates are written to 0.01 px. */
export const px = (n: number): string => n.toFixed(2);

const ATTRIBUTES = ['x0', 'x1', 'y0', 'y1', 'left', 'top', 'plotWidth', 'plotHeight'] as const;
const attributeName = (key: string) => `data-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** The frame's data attributes, for the <svg> element. */
export function frameAttributes(f: ChartFrame): SafeHtml {
  return html`data-x0="${f.x0}" data-x1="${f.x1}" data-y0="${f.y0}" data-y1="${f.y1}" data-left="${f.left}" data-top="${f.top}" data-plot-width="${f.plotWidth}" data-plot-height="${f.plotHeight}"`;
}

/** A chart's frame read back from its <svg> start tag, with the pixel-to-data mapping and the rounding of 0.01 px in data units. */
export function readChartFrame(svgTag: string) {
  const value = (key: (typeof ATTRIBUTES)[number]) => {
    const text = new RegExp(`${attributeName(key)}="([^"]+)"`).exec(svgTag)?.[1];
    if (text === undefined || !Number.isFinite(Number(text))) throw new RangeError(`the chart has no ${attributeName(key)} attribute`);
    return Number(text);
  };
  const [x0, x1, y0, y1, left, top, plotWidth, plotHeight] = ATTRIBUTES.map(value);
  return {
    x0,
    x1,
    y0,
    y1,
    /** Data (x, y) of a pixel point. */
    toData: (pxX: number, pxY: number): [number, number] => [x0 + ((pxX - left) / plotWidth) * (x1 - x0), y0 + ((top + plotHeight - pxY) / plotHeight) * (y1 - y0)],
    xTolerance: (0.01 / plotWidth) * (x1 - x0),
    yTolerance: (0.01 / plotHeight) * (y1 - y0),
  };
}
