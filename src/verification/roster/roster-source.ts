import { HttpStatus } from '@nestjs/common';
import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { ProblemException } from '../../common/problem';
import { REQUIRED_COLUMNS, ROSTER_COLUMNS, safeText } from './roster-row';
import { TextGuard } from './text-guard';

/** One roster entry as read from the file, before validation. */
export interface SourceEntry {
  line: number;
  values?: Record<string, unknown>;
  reason?: string;
}

export const ROSTER_BYTE_LIMIT = 50 * 1024 * 1024;

function checkHeader(header: string[]): string[] {
  const columns = header.map((h) => h.trim());
  const unknown = columns.filter((c) => !ROSTER_COLUMNS.includes(c));
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  const repeated = columns.filter((c, i) => columns.indexOf(c) !== i);
  const problems = [
    unknown.length ? `unknown column(s) ${unknown.map((c) => `"${safeText(c)}"`).join(', ')}` : '',
    missing.length ? `missing required column(s) ${missing.join(', ')}` : '',
    repeated.length ? `repeated column(s) ${repeated.map((c) => safeText(c)).join(', ')}` : '',
  ].filter(Boolean);
  if (problems.length) {
    throw new ProblemException(
      HttpStatus.BAD_REQUEST,
      `The CSV header (line 1) is not a roster header: ${problems.join('; ')}. Expected columns: ${ROSTER_COLUMNS.join(', ')}.`,
    );
  }
  return columns;
}

/** The 1-based line a record starts on, from the line it ends on and the newlines inside it. */
function startLine(endLine: number, raw: string): number {
  const body = raw.replace(/^\n+/, '').replace(/\n$/, '');
  return endLine - (body.match(/\n/g)?.length ?? 0);
}

function parseFailure(error: unknown, lastEnd: number): ProblemException {
  const code = (error as { code?: string }).code;
  if (error instanceof ProblemException) {
    return error;
  }
  if (code === 'CSV_QUOTE_NOT_CLOSED') {
    return new ProblemException(
      HttpStatus.BAD_REQUEST,
      `Unbalanced quotes: the quoted field opened in the record starting at line ${lastEnd + 1} is never closed; nothing was imported.`,
    );
  }
  return new ProblemException(
    HttpStatus.BAD_REQUEST,
    `The CSV could not be read after line ${lastEnd} (${code ?? 'malformed'}); nothing was imported.`,
  );
}

/**
 * Streams a CSV roster in batches: quotes, embedded newlines, BOM and CRLF are handled by csv-parse, bad records become
 * rejections. Text is fed to the parser chunk by chunk and the records of each chunk are yielded together, which keeps
 * memory flat and avoids a promise per record.
 */
export async function* readCsvRoster(
  input: Readable,
  onBytes?: (bytes: number) => void,
  limit = ROSTER_BYTE_LIMIT,
): AsyncGenerator<SourceEntry[]> {
  const guard = new TextGuard(limit, onBytes);
  const reader = new CsvRecords();
  input.on('error', (e) => guard.destroy(e));
  try {
    for await (const text of input.pipe(guard) as AsyncIterable<string>) {
      yield reader.take(text);
    }
    yield await reader.finish();
  } catch (error) {
    input.unpipe(guard);
    input.resume();
    throw parseFailure(error, reader.parsedUpTo);
  }
  if (!reader.sawHeader) {
    throw new ProblemException(
      HttpStatus.BAD_REQUEST,
      `The CSV is empty; line 1 must be the header: ${ROSTER_COLUMNS.join(', ')}.`,
    );
  }
}

type ParsedRecord = { record: string[]; info: { lines: number }; raw: string };

/** csv-parse driven synchronously: write a chunk, collect the records it completed. */
class CsvRecords {
  parsedUpTo = 0;
  private columns?: string[];
  private error?: Error;
  private done: SourceEntry[] = [];
  private readonly parser = parse({
    bom: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    raw: true,
    record_delimiter: '\n',
    on_record: (record: string[], context: { lines: number }) => {
      this.parsedUpTo = context.lines;
      return record;
    },
  });

  constructor() {
    this.parser.on('data', (parsed: ParsedRecord) => this.accept(parsed));
    this.parser.on('error', (error: Error) => (this.error = error));
  }

  get sawHeader(): boolean {
    return this.columns !== undefined;
  }

  take(text?: string): SourceEntry[] {
    if (text !== undefined) {
      this.parser.write(text);
    }
    if (this.error) {
      throw this.error;
    }
    const batch = this.done;
    this.done = [];
    return batch;
  }

  async finish(): Promise<SourceEntry[]> {
    this.parser.end();
    await finished(this.parser).catch((error: Error) => (this.error ??= error));
    return this.take();
  }

  private accept({ record, info, raw }: ParsedRecord): void {
    if (this.error) {
      return;
    }
    const line = startLine(info.lines, raw);
    if (!this.columns) {
      try {
        this.columns = checkHeader(record);
      } catch (error) {
        this.error = error as Error;
      }
      return;
    }
    const columns = this.columns;
    if (record.length !== columns.length) {
      this.done.push({ line, reason: `has ${record.length} fields; the header has ${columns.length}` });
      return;
    }
    this.done.push({ line, values: Object.fromEntries(columns.map((c, i) => [c, record[i]])) });
  }
}

/** A JSON roster: an array of objects keyed like the CSV header; `line` is the 1-based position in the array. */
export function* readJsonRoster(body: unknown, batchSize = 1000): Generator<SourceEntry[]> {
  if (!Array.isArray(body)) {
    throw new ProblemException(HttpStatus.BAD_REQUEST, 'A JSON roster must be an array of records.', [
      { field: 'body', message: 'must be an array' },
    ]);
  }
  for (let start = 0; start < body.length; start += batchSize) {
    yield (body.slice(start, start + batchSize) as unknown[]).map((item, i) => {
      const isObject = typeof item === 'object' && item !== null && !Array.isArray(item);
      return isObject
        ? { line: start + i + 1, values: item as Record<string, unknown> }
        : { line: start + i + 1, reason: 'must be an object' };
    });
  }
}
