/*
 * CSV as the export writes it (RFC 4180, CRLF, UTF-8 with a byte order mark so
 * that Excel does not read local names in the Windows code page).
 */

export const CSV_BOM = '\uFEFF'

/*
 * A cell that starts like a formula would be evaluated by a spreadsheet opening
 * the file (CSV injection); the export prefixes an apostrophe, which the import
 * removes again, so the round trip keeps the text.
 */
const FORMULA_START = /^[=+\-@\t\r]/

/** One CSV line (CRLF-terminated) from cells. */
export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`
}

function csvCell(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** The inverse of the export's formula guard: "'=x" → "=x". */
export function unescapeCsvCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value
}
