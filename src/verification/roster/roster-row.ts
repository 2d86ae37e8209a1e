import { createHash } from 'node:crypto';
import { LEGAL_NAME_MAX, normaliseCredentialNumber } from '../check/name-normalise';

export const REQUIRED_COLUMNS = [
  'credentialNumber',
  'firstName',
  'lastName',
  'credentialType',
  'status',
  'issuedOn',
] as const;
export const OPTIONAL_COLUMNS = ['middleName', 'expiresOn', 'city', 'region'] as const;
export const ROSTER_COLUMNS: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];
export const RECORD_STATUSES = ['active', 'expired', 'suspended', 'revoked'];

export interface RosterRow {
  line: number;
  credentialNumber: string;
  norm: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  credentialType: string;
  status: string;
  issuedOn: string;
  expiresOn: string | null;
  city: string | null;
  region: string | null;
  contentHash: string;
}

export interface RejectedRow {
  line: number;
  reason: string;
}

const MAX_LENGTH: Record<string, number> = { credentialNumber: 64 };
const TEXT_MAX = LEGAL_NAME_MAX;

/** Text that came from a roster is never echoed raw: a leading = + - @ would run as a formula in a spreadsheet. */
export function safeText(value: string, max = 40): string {
  const short = value.length > max ? `${value.slice(0, max)}…` : value;
  return /^[=+\-@\t\r]/.test(short) ? `'${short}` : short;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isRealDate(value: string): boolean {
  if (value.length !== 10 || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return false;
  }
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  return year >= 1900 && days !== undefined && day >= 1 && day <= days;
}

const NEEDS_CLEANING = /^\s|\s$|\s\s|[\t\n\r\v\f\u00a0\u2000-\u200a\u2028\u2029\u3000]/;

class RowError extends Error {}

function text(raw: Record<string, unknown>, column: string, required: boolean): string | null {
  const value = raw[column];
  if (value === undefined || value === null || value === '') {
    if (required) {
      throw new RowError(`${column} is required`);
    }
    return null;
  }
  if (typeof value !== 'string') {
    throw new RowError(`${column} must be text`);
  }
  const cleaned = NEEDS_CLEANING.test(value) ? value.replace(/\s+/g, ' ').trim() : value;
  if (/\p{Cc}/u.test(cleaned)) {
    throw new RowError(`${column} contains control characters`);
  }
  if (cleaned.length > (MAX_LENGTH[column] ?? TEXT_MAX)) {
    throw new RowError(`${column} is longer than ${MAX_LENGTH[column] ?? TEXT_MAX} characters`);
  }
  if (!cleaned && required) {
    throw new RowError(`${column} is required`);
  }
  return cleaned || null;
}

function date(raw: Record<string, unknown>, column: string, required: boolean): string | null {
  const value = text(raw, column, required);
  if (value !== null && !isRealDate(value)) {
    throw new RowError(`${column} is not a real calendar date in the form YYYY-MM-DD`);
  }
  return value;
}

function parseRow(raw: Record<string, unknown>, line: number): RosterRow {
  const credentialNumber = text(raw, 'credentialNumber', true)!;
  const norm = normaliseCredentialNumber(credentialNumber);
  if (!norm) {
    throw new RowError('credentialNumber has no letters or digits');
  }
  const status = text(raw, 'status', true)!.toLowerCase();
  if (!RECORD_STATUSES.includes(status)) {
    throw new RowError(`status must be one of ${RECORD_STATUSES.join(', ')}`);
  }
  const issuedOn = date(raw, 'issuedOn', true)!;
  const expiresOn = date(raw, 'expiresOn', false);
  if (expiresOn !== null && expiresOn < issuedOn) {
    throw new RowError('expiresOn is before issuedOn');
  }
  const fields = {
    credentialNumber,
    firstName: text(raw, 'firstName', true)!,
    middleName: text(raw, 'middleName', false),
    lastName: text(raw, 'lastName', true)!,
    credentialType: text(raw, 'credentialType', true)!,
    status,
    issuedOn,
    expiresOn,
    city: text(raw, 'city', false),
    region: text(raw, 'region', false),
  };
  const contentHash = createHash('sha1')
    .update(JSON.stringify(Object.values(fields)))
    .digest('base64');
  return { line, norm, contentHash, ...fields };
}

/** Validates one roster entry (a CSV record or a JSON array element); reasons never echo the submitted values. */
export function validateRosterRow(raw: Record<string, unknown>, line: number): RosterRow | RejectedRow {
  const unknown = Object.keys(raw).filter((key) => !ROSTER_COLUMNS.includes(key));
  if (unknown.length) {
    return { line, reason: `unknown field(s): ${unknown.map((k) => safeText(k)).join(', ')}` };
  }
  try {
    return parseRow(raw, line);
  } catch (error) {
    if (error instanceof RowError) {
      return { line, reason: error.message };
    }
    throw error;
  }
}

export const isRejected = (row: RosterRow | RejectedRow): row is RejectedRow => 'reason' in row;
