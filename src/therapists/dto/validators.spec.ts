import { canonicalLanguageTag } from './validators';

describe(canonicalLanguageTag.name, () => {
  it.each([
    ['en', 'en'],
    ['EN-us', 'en-US'],
    ['zh-hant-tw', 'zh-Hant-TW'],
    ['es-419', 'es-419'],
    ['sgn-US', 'ase'],
    [' fr-CA ', 'fr-CA'],
  ])('should canonicalise %p to %p', (input, expected) => {
    expect(canonicalLanguageTag(input)).toBe(expected);
  });

  it.each([['english'], ['en_US'], ['xx'], ['qaa'], [''], ['123'], ['x-private'], ['i-klingon'], [42], [null]])(
    'should refuse %p',
    (input) => {
      expect(canonicalLanguageTag(input)).toBeNull();
    },
  );
});
