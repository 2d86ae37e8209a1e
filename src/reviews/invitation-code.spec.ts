import { authorName, bodyFingerprintSource } from './author-name';
import { hashInvitationCode, newInvitationCode, normaliseInvitationCode } from './invitation-code';

describe(newInvitationCode.name, () => {
  it('should produce 160-bit codes in eight groups of four Crockford characters', () => {
    const sut = newInvitationCode();
    expect(sut).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(new Set(Array.from({ length: 1000 }, newInvitationCode)).size).toBe(1000);
  });

  it('should hash a code the same however it is typed', () => {
    const code = newInvitationCode();
    const typed = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    expect(normaliseInvitationCode(typed)).toBe(code.replace(/-/g, ''));
    expect(hashInvitationCode(typed)).toBe(hashInvitationCode(code));
    expect(hashInvitationCode(code)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe(authorName.name, () => {
  it('should show the first name and the last initial only', () => {
    expect(authorName('Casey Jane Morgan')).toBe('Casey M.');
    expect(authorName('  ana   ólafsdóttir ')).toBe('ana Ó.');
    expect(authorName('Prince')).toBe('Prince');
  });
});

describe(bodyFingerprintSource.name, () => {
  it('should ignore case, accents, punctuation and spacing', () => {
    expect(bodyFingerprintSource('Great   MASSAGE!!! Très bien.')).toBe(
      bodyFingerprintSource('great massage tres bien'),
    );
  });
});
