/**
 * A record-at-a-time CSV tokenizer for the fast path (fastCsv.ts): it keeps each field as
 * offsets into the text (quoted fields as their unescaped text) and allocates nothing per
 * plain field. It follows readCsv.ts's rules exactly (records end at LF, CR or CRLF;
 * a quote opens a quoted field only as the field's first character; records with nothing
 * but white space are skipped but counted), and stops at anything readCsv.ts would refuse
 * (`malformed`), so that the reference reader can report it.
 */

const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;

export class CsvCursor {
  /** Spreadsheet row number of the current record (header = 1, blank records counted). */
  record = 0;
  /** Fields in the current record. */
  count = 0;
  /** True when the text breaks a quoting rule; the cursor stops there. */
  malformed = false;
  private position = 0;
  private done = false;
  private starts = new Int32Array(32);
  private ends = new Int32Array(32);
  /** Unescaped text of quoted fields by column (undefined for plain fields). */
  private quoted: (string | undefined)[] = [];

  constructor(private readonly text: string) {}

  /** Moves to the next record with a non-blank field; false at the end or when malformed. */
  next(): boolean {
    while (!this.done && this.position < this.text.length) {
      if (!this.readRecord()) return false;
      if (this.hasContent()) return true;
    }
    return false;
  }

  /** The text of field `column` (empty when the record is shorter). */
  field(column: number): string {
    if (column >= this.count) return '';
    const quoted = this.quoted[column];
    return quoted ?? this.text.slice(this.starts[column], this.ends[column]);
  }

  /** True when field `column` is exactly `value` (compared in place, nothing allocated). */
  fieldIs(column: number, value: string): boolean {
    if (column >= this.count) return value === '';
    const quoted = this.quoted[column];
    if (quoted !== undefined) return quoted === value;
    const start = this.starts[column];
    return this.ends[column] - start === value.length && this.text.startsWith(value, start);
  }

  /** True when field `column` is empty (missing, `` or `""`). */
  isEmpty(column: number): boolean {
    return column >= this.count || (this.quoted[column] === undefined && this.starts[column] === this.ends[column]);
  }

  /** Start offset of a plain field in the text, or -1 for a quoted or missing one. */
  plainStart(column: number): number {
    return column < this.count && this.quoted[column] === undefined ? this.starts[column] : -1;
  }

  /** End offset (exclusive) of a plain field. */
  plainEnd(column: number): number {
    return this.ends[column];
  }

  /** The whole text (for in-place scanning of plain fields). */
  get source(): string {
    return this.text;
  }

  private hasContent(): boolean {
    for (let c = 0; c < this.count; c++) {
      const quoted = this.quoted[c];
      if (quoted !== undefined ? quoted.trim() !== '' : !isBlankRange(this.text, this.starts[c], this.ends[c])) return true;
    }
    return false;
  }

  private push(start: number, end: number, quoted: string | undefined): void {
    if (this.count === this.starts.length) {
      const grow = (old: Int32Array) => {
        const bigger = new Int32Array(old.length * 2);
        bigger.set(old);
        return bigger;
      };
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.quoted[this.count] = quoted;
    this.count++;
  }

  /** Reads one record (which may be blank); false when malformed. */
  private readRecord(): boolean {
    const text = this.text;
    this.record++;
    this.count = 0;
    let i = this.position;
    for (;;) {
      let quoted: string | undefined;
      const start = i;
      if (text.charCodeAt(i) === QUOTE) {
        quoted = '';
        i++;
        for (;;) {
          const close = text.indexOf('"', i);
          if (close === -1) return this.stop();
          quoted += text.slice(i, close);
          i = close + 1;
          if (text.charCodeAt(i) !== QUOTE) break;
          quoted += '"';
          i++;
        }
      } else {
        while (i < text.length) {
          const c = text.charCodeAt(i);
          if (c === COMMA || c === LF || c === CR) break;
          i++;
        }
      }
      // A quoted field holding nothing is an empty cell, as in readCsv.ts.
      if (quoted === undefined) this.push(start, i, undefined);
      else if (quoted === '') this.push(i, i, undefined);
      else this.push(i, i, quoted);
      if (i >= text.length) {
        this.done = true;
        return true;
      }
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        continue;
      }
      if (c === LF || c === CR) {
        i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
        this.position = i;
        return true;
      }
      return this.stop(); // characters after a closing quote
    }
  }

  private stop(): boolean {
    this.malformed = true;
    return false;
  }
}

/** True when text[start, end) holds only what String#trim removes (ASCII fast, else trim). */
function isBlankRange(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    if (c < 128) return false;
    return text.slice(start, end).trim() === '';
  }
  return true;
}
