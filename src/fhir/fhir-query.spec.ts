import { FhirError } from './fhir-error';
import { parseSearch } from './fhir-query';

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return { status: (error as FhirError).getStatus(), outcome: (error as FhirError).getResponse() };
  }
  throw new Error('expected a refusal');
};

describe(parseSearch.name, () => {
  it('should read a near search with paging and a revinclude', () => {
    const sut = parseSearch('Location', {
      near: '40.7128|-74.0060|10|km',
      _count: '5',
      _revinclude: 'PractitionerRole:location',
      _cursor: 'abc',
    });
    expect(sut).toMatchObject({
      near: { lat: 40.7128, lng: -74.006, km: 10 },
      count: 5,
      total: 'estimate',
      revinclude: ['PractitionerRole:location'],
      cursor: 'abc',
    });
    expect(sut.query).toEqual([
      ['near', '40.7128|-74.0060|10|km'],
      ['_count', '5'],
      ['_revinclude', 'PractitionerRole:location'],
    ]);
  });

  it('should keep only UUIDs of well-formed ids, so that other ids match nothing', () => {
    const id = '3F1C2A9E-0000-4000-8000-000000000000';
    expect(parseSearch('PractitionerRole', { practitioner: `Practitioner/${id},other-id` }).practitioner).toEqual([
      id.toLowerCase(),
    ]);
    expect(parseSearch('Practitioner', { _id: 'abc' }).ids).toEqual([]);
  });

  it('should read tokens with and without a system', () => {
    expect(
      parseSearch('PractitionerRole', { specialty: 'http://hl7.org/fhir/sid/icd-10-cm|M79.7,sciatica' }).specialty,
    ).toEqual([
      { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'M79.7' },
      { system: undefined, code: 'sciatica' },
    ]);
  });

  it.each([
    ['Practitioner', { near: '1|2' }, 'near'],
    ['Location', { near: '1|2|3|km|5' }, 'near'],
    ['Location', { near: ' |2' }, 'near'],
    ['Practitioner', { _count: '101' }, '_count'],
    ['Practitioner', { 'name:text': 'x' }, 'name:text'],
    ['Practitioner', { name: 'a', 'name:exact': 'a', _count: 'x' }, 'name:exact'],
    ['Organization', { _include: 'Organization:partof' }, '_include'],
  ] as const)('should refuse %s %j naming %s', (type, query, expression) => {
    const { status, outcome } = refusal(() => parseSearch(type, query));
    expect(status).toBe(400);
    expect(outcome).toMatchObject({ issue: [{ expression: [expression] }] });
  });
});
