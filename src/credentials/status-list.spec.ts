import { gunzipSync } from 'node:zlib';
import { encodeBitstring, LIST_SIZE } from './status-list';

describe(encodeBitstring.name, () => {
  it('should set the bits at the indexes given, index 0 being the most significant bit of the first byte', () => {
    const sut = encodeBitstring([0, 9, LIST_SIZE - 1]);
    expect(sut.startsWith('u')).toBe(true);
    const bits = gunzipSync(Buffer.from(sut.slice(1), 'base64url'));
    expect(bits.length).toBe(LIST_SIZE / 8);
    expect([bits[0], bits[1], bits[bits.length - 1]]).toEqual([0b10000000, 0b01000000, 0b00000001]);
    expect(bits.subarray(2, -1).every((b) => b === 0)).toBe(true);
  });
});
