/**
 * The small parts of an XLSX workbook (SpreadsheetML, ECMA-376 part 1): the sheet list and
 * date system (xl/workbook.xml), where each sheet's part is (its relationships), the shared
 * strings and which cell styles are dates (xl/styles.xml). Parsed with saxes, one chunk at a
 * time, as inflateEntry.ts hands them over.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';

/** A SAX parser fed text chunks; `done` ends it and throws on malformed XML. */
export interface ChunkParser {
  write(text: string): void;
  done(): void;
}

/** Local name of a (possibly prefixed) tag or attribute: `x:sheet` -> `sheet`. */
export const local = (name: string): string => name.slice(name.indexOf(':') + 1);

/** A parser calling `open` for every start tag, `text` for character data, `close` for end tags. */
export function saxParser(handlers: { open?: (tag: SaxesTagPlain) => void; text?: (text: string) => void; close?: (name: string) => void }): ChunkParser {
  const parser = new SaxesParser();
  let failure: Error | undefined;
  parser.on('error', (error) => {
    failure ??= error;
  });
  if (handlers.open !== undefined) parser.on('opentag', handlers.open);
  if (handlers.text !== undefined) parser.on('text', handlers.text);
  if (handlers.close !== undefined) {
    const close = handlers.close;
    parser.on('closetag', (tag) => close(tag.name));
  }
  return {
    write(text) {
      if (failure !== undefined) throw failure;
      parser.write(text);
    },
    done() {
      parser.close();
      if (failure !== undefined) throw failure;
    },
  };
}

export interface WorkbookSheets {
  /** Sheet names in workbook order with their relationship ids. */
  readonly sheets: readonly { readonly name: string; readonly relId: string }[];
  readonly date1904: boolean;
}

export function workbookParser(): ChunkParser & { result(): WorkbookSheets } {
  const sheets: { name: string; relId: string }[] = [];
  let date1904 = false;
  const parser = saxParser({
    open(tag) {
      const name = local(tag.name);
      if (name === 'sheet') {
        const relId = tag.attributes['r:id'] ?? Object.entries(tag.attributes).find(([key]) => key.endsWith(':id'))?.[1];
        if (tag.attributes.name !== undefined && relId !== undefined) sheets.push({ name: tag.attributes.name, relId });
      } else if (name === 'workbookPr') {
        const value = tag.attributes.date1904;
        date1904 = value === '1' || value === 'true';
      }
    },
  });
  return { ...parser, result: () => ({ sheets, date1904 }) };
}

/** Relationship id -> target part name, resolved against `baseFolder` (e.g. `xl/`). */
export function relationshipsParser(baseFolder: string): ChunkParser & { result(): ReadonlyMap<string, string> } {
  const targets = new Map<string, string>();
  const parser = saxParser({
    open(tag) {
      if (local(tag.name) !== 'Relationship') return;
      const { Id: id, Target: target } = tag.attributes;
      if (id === undefined || target === undefined) return;
      targets.set(id, resolvePart(baseFolder, target));
    },
  });
  return { ...parser, result: () => targets };
}

/** A relationship target as a part name: absolute (`/xl/worksheets/sheet1.xml`) or relative to the folder. */
export function resolvePart(baseFolder: string, target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : `${baseFolder}${target}`;
  const parts: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '..') parts.pop();
    else if (segment !== '.' && segment !== '') parts.push(segment);
  }
  return parts.join('/');
}

/** The shared strings table: each `si`'s text (rich-text runs joined, phonetic runs left out). */
export function sharedStringsParser(): ChunkParser & { result(): readonly string[] } {
  const strings: string[] = [];
  let current = '';
  let inText = false;
  let phonetic = 0;
  const parser = saxParser({
    open(tag) {
      const name = local(tag.name);
      if (name === 'si') current = '';
      else if (name === 't') inText = phonetic === 0;
      else if (name === 'rPh') phonetic++;
    },
    text(text) {
      if (inText) current += text;
    },
    close(tagName) {
      const name = local(tagName);
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') strings.push(current);
    },
  });
  return { ...parser, result: () => strings };
}

/** Built-in number formats that show a date or time (ECMA-376 18.8.30). */
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** True when a format code shows a date: d, m, y, h or s outside quotes, escapes and [colour] brackets. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?!h\]|hh\]|m\]|mm\]|s\]|ss\])[^\]]*\]/gi, '')
    .split(';')[0];
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** For each cell style index (a cell's `s`), whether its number format is a date. */
export function stylesParser(): ChunkParser & { result(): readonly boolean[] } {
  const custom = new Map<number, string>();
  const styles: boolean[] = [];
  let inCellXfs = false;
  const parser = saxParser({
    open(tag) {
      const name = local(tag.name);
      if (name === 'numFmt') custom.set(Number(tag.attributes.numFmtId), tag.attributes.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(tag.attributes.numFmtId ?? 0);
        const code = custom.get(id);
        styles.push(code === undefined ? BUILT_IN_DATES.has(id) : isDateFormat(code));
      }
    },
    close(tagName) {
      if (local(tagName) === 'cellXfs') inCellXfs = false;
    },
  });
  return { ...parser, result: () => styles };
}
