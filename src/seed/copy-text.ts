export type Cell = string | number | boolean | null | undefined | readonly (string | number)[];

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One value in PostgreSQL's COPY text format (arrays as literals of simple, unquoted elements). */
function cell(value: Cell): string {
  if (value === null || value === undefined) {
    return '\\N';
  }
  if (Array.isArray(value)) {
    return `{${value.join(',')}}`;
  }
  return typeof value === 'string' ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : String(value);
}

export function line(values: Cell[]): string {
  return values.map(cell).join('\t') + '\n';
}
