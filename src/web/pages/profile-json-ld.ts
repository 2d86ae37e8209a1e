import { TherapistPublicDto } from '../../therapists/dto/therapist-view.dto';
import { Terms } from '../directory-terms';

/**
 * schema.org data for a profile: the therapist (a Person) with the credentials verified today as `hasCredential`,
 * each `recognizedBy` the issuing association; and the practice (a HealthAndBeautyBusiness) where they work.
 * Credentials not verified today are left out: the page's data claims nothing the records do not support.
 */
export function profileJsonLd(t: TherapistPublicDto, url: string, terms: Terms): object {
  const person = `${url}#therapist`;
  const practice = `${url}#practice`;
  const verified = t.certifications.filter((c) => c.status === 'verified');
  return {
    '@context': 'https://schema.org',
    '@graph': [
      {
        '@type': 'Person',
        '@id': person,
        name: t.displayName,
        url,
        jobTitle: 'Neuromuscular massage therapist',
        description: t.bio || undefined,
        knowsLanguage: t.languages,
        worksFor: { '@id': practice },
        hasCredential: verified.map((c) => {
          const association = terms.association.get(c.associationSlug);
          return {
            '@type': 'EducationalOccupationalCredential',
            name: c.credentialType,
            credentialCategory: 'certification',
            identifier: c.credentialNumber,
            validUntil: c.expiresOn ?? undefined,
            recognizedBy: {
              '@type': 'Organization',
              name: association?.name ?? c.associationSlug,
              url: association?.website ?? undefined,
            },
          };
        }),
      },
      {
        '@type': 'HealthAndBeautyBusiness',
        '@id': practice,
        name: t.practice.name ?? t.displayName,
        url,
        employee: { '@id': person },
        address: {
          '@type': 'PostalAddress',
          streetAddress: t.practice.addressLine ?? undefined,
          addressLocality: t.practice.city,
          addressRegion: t.practice.region,
          postalCode: t.practice.postalCode,
          addressCountry: t.practice.country,
        },
        geo: { '@type': 'GeoCoordinates', latitude: t.location.lat, longitude: t.location.lng },
        telephone: t.contact?.phone ?? undefined,
        aggregateRating:
          t.rating.count > 0 && t.rating.average !== null
            ? { '@type': 'AggregateRating', ratingValue: t.rating.average, reviewCount: t.rating.count, bestRating: 5 }
            : undefined,
      },
    ],
  };
}
