import { isRejected, RosterRow, safeText, validateRosterRow } from './roster-row';

const base = {
  credentialNumber: 'NMT-1',
  firstName: 'Ana',
  lastName: 'Lee',
  credentialType: 'CNMT',
  status: 'active',
  issuedOn: '2020-01-01',
};

describe(validateRosterRow.name, () => {
  it.each([
    ['an impossible day', { issuedOn: '2025-02-30' }, 'issuedOn is not a real calendar date in the form YYYY-MM-DD'],
    [
      'a non-leap 29 February',
      { issuedOn: '2023-02-29' },
      'issuedOn is not a real calendar date in the form YYYY-MM-DD',
    ],
    ['month 13', { expiresOn: '2025-13-01' }, 'expiresOn is not a real calendar date in the form YYYY-MM-DD'],
    ['a US-style date', { issuedOn: '01/02/2020' }, 'issuedOn is not a real calendar date in the form YYYY-MM-DD'],
    ['an unknown status', { status: 'lapsed' }, 'status must be one of active, expired, suspended, revoked'],
    ['a missing last name', { lastName: '  ' }, 'lastName is required'],
    ['a number of dashes only', { credentialNumber: '- -' }, 'credentialNumber has no letters or digits'],
    ['a control character', { firstName: 'A\u0007na' }, 'firstName contains control characters'],
    ['an over-long number', { credentialNumber: 'X'.repeat(65) }, 'credentialNumber is longer than 64 characters'],
  ])('should reject %s', (_title, overrides, reason) => {
    expect(validateRosterRow({ ...base, ...overrides }, 7)).toEqual({ line: 7, reason });
  });

  it('should accept a leap day, normalise the number and collapse whitespace', () => {
    const row = validateRosterRow(
      { ...base, issuedOn: '2024-02-29', credentialNumber: 'nmt - 1', firstName: ' Ana \n Maria ' },
      2,
    );
    expect(isRejected(row)).toBe(false);
    expect(row).toMatchObject({
      norm: 'NMT1',
      firstName: 'Ana Maria',
      status: 'active',
      expiresOn: null,
      middleName: null,
    });
  });

  it('should give identical content the same hash and changed content another', () => {
    const a = validateRosterRow(base, 2) as RosterRow;
    const b = validateRosterRow({ ...base }, 9) as RosterRow;
    const c = validateRosterRow({ ...base, status: 'revoked' }, 2) as RosterRow;
    expect(a.contentHash).toBe(b.contentHash);
    expect(a.contentHash).not.toBe(c.contentHash);
  });
});

describe(safeText.name, () => {
  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@cmd', "'@cmd"],
    ['plain', 'plain'],
  ])('should neutralise %s for spreadsheets', (input, output) => {
    expect(safeText(input)).toBe(output);
  });
});
