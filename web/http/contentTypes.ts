/** Content types the portal reads and sends workbooks and downloads as. */
/** Content types of a workbook sent as the raw request body. */
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_CONTENT_TYPE = 'text/csv';
/**
 * Also read as a raw body, so that the file's own problem is answered (an old .xls, a
 * password-protected workbook) instead of a bare 415: the bytes and the file name decide.
 */
export const OTHER_WORKBOOK_CONTENT_TYPES = ['application/vnd.ms-excel', 'application/octet-stream'] as const;

/** A Content-Disposition header value for a download named `filename` (RFC 6266, UTF-8 aware). */
export function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
