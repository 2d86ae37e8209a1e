/**
 * The 25 largest US metropolitan areas by population (US Census Bureau, 2023 metro estimates), each placed at the
 * ZIP codes of its core city, weighted by metro population in hundreds of thousands.
 */
export const SEED_CITIES: { city: string; areaCode: string; region: string; weight: number }[] = [
  { city: 'New York', areaCode: '212', region: 'NY', weight: 195 },
  { city: 'Los Angeles', areaCode: '213', region: 'CA', weight: 128 },
  { city: 'Chicago', areaCode: '312', region: 'IL', weight: 93 },
  { city: 'Dallas', areaCode: '214', region: 'TX', weight: 81 },
  { city: 'Houston', areaCode: '713', region: 'TX', weight: 75 },
  { city: 'Atlanta', areaCode: '404', region: 'GA', weight: 63 },
  { city: 'Washington', areaCode: '202', region: 'DC', weight: 63 },
  { city: 'Philadelphia', areaCode: '215', region: 'PA', weight: 62 },
  { city: 'Miami', areaCode: '305', region: 'FL', weight: 62 },
  { city: 'Phoenix', areaCode: '602', region: 'AZ', weight: 51 },
  { city: 'Boston', areaCode: '617', region: 'MA', weight: 49 },
  { city: 'Riverside', areaCode: '951', region: 'CA', weight: 47 },
  { city: 'San Francisco', areaCode: '415', region: 'CA', weight: 46 },
  { city: 'Detroit', areaCode: '313', region: 'MI', weight: 43 },
  { city: 'Seattle', areaCode: '206', region: 'WA', weight: 40 },
  { city: 'Minneapolis', areaCode: '612', region: 'MN', weight: 37 },
  { city: 'Tampa', areaCode: '813', region: 'FL', weight: 33 },
  { city: 'San Diego', areaCode: '619', region: 'CA', weight: 33 },
  { city: 'Denver', areaCode: '303', region: 'CO', weight: 30 },
  { city: 'Baltimore', areaCode: '410', region: 'MD', weight: 28 },
  { city: 'Orlando', areaCode: '407', region: 'FL', weight: 28 },
  { city: 'Charlotte', areaCode: '704', region: 'NC', weight: 28 },
  { city: 'Saint Louis', areaCode: '314', region: 'MO', weight: 28 },
  { city: 'San Antonio', areaCode: '210', region: 'TX', weight: 27 },
  { city: 'Austin', areaCode: '512', region: 'TX', weight: 25 },
];

/**
 * What clients most often look for (the conditions API.md names, and sports injuries): most neuromuscular therapists
 * treat several of them, so each is drawn for a therapist with this probability; the rest are drawn rarely.
 */
export const COMMON_CONDITIONS = [
  'fibromyalgia',
  'low-back-pain',
  'neck-pain',
  'tension-type-headache',
  'migraine',
  'sciatica',
  'tmj-disorder',
  'plantar-fasciitis',
  'chronic-pain',
  'postural-imbalance',
  'sports-strain',
];
export const COMMON_CONDITION_CHANCE = 0.45;

/** Demo associations and the credentials they issue; upserted by slug. */
export const SEED_ASSOCIATIONS = [
  {
    slug: 'nmt-center',
    name: 'NMT Center',
    website: 'https://www.nmtcenter.com',
    credentialTypes: ['CNMT'],
    prefix: 'CNMT',
  },
  {
    slug: 'amta',
    name: 'American Massage Therapy Association',
    website: 'https://www.amtamassage.org',
    credentialTypes: ['LMT'],
    prefix: 'AMTA',
  },
  {
    slug: 'abmp',
    name: 'Associated Bodywork & Massage Professionals',
    website: 'https://www.abmp.com',
    credentialTypes: ['CMT', 'LMT'],
    prefix: 'ABMP',
  },
];
