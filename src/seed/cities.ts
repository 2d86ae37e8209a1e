/** Real US cities the demo directory clusters around, with relative weights (roughly metro population). */
export const SEED_CITIES: { city: string; areaCode: string; region: string; weight: number }[] = [
  { city: 'New York', areaCode: '212', region: 'NY', weight: 18 },
  { city: 'Los Angeles', areaCode: '213', region: 'CA', weight: 13 },
  { city: 'Chicago', areaCode: '312', region: 'IL', weight: 9 },
  { city: 'Houston', areaCode: '713', region: 'TX', weight: 7 },
  { city: 'Phoenix', areaCode: '602', region: 'AZ', weight: 5 },
  { city: 'Philadelphia', areaCode: '215', region: 'PA', weight: 6 },
  { city: 'San Antonio', areaCode: '210', region: 'TX', weight: 3 },
  { city: 'San Diego', areaCode: '619', region: 'CA', weight: 3 },
  { city: 'Dallas', areaCode: '214', region: 'TX', weight: 7 },
  { city: 'Austin', areaCode: '512', region: 'TX', weight: 3 },
  { city: 'Seattle', areaCode: '206', region: 'WA', weight: 4 },
  { city: 'Denver', areaCode: '303', region: 'CO', weight: 3 },
  { city: 'Boston', areaCode: '617', region: 'MA', weight: 5 },
  { city: 'Miami', areaCode: '305', region: 'FL', weight: 6 },
  { city: 'Atlanta', areaCode: '404', region: 'GA', weight: 6 },
  { city: 'Portland', areaCode: '503', region: 'OR', weight: 2 },
  { city: 'Minneapolis', areaCode: '612', region: 'MN', weight: 3 },
  { city: 'Nashville', areaCode: '615', region: 'TN', weight: 2 },
];

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
