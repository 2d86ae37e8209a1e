import type { Location } from 'fhir/r4';
import { TherapistRow } from '../fhir.repository';
import { practiceTelecom, WithId } from './fhir-context';

export function locationName(row: TherapistRow): string {
  return row.practiceName ?? row.displayName;
}

/** The therapist's practice: the address the profile shows and its position. */
export function locationResource(row: TherapistRow): WithId<Location> {
  return {
    resourceType: 'Location',
    id: row.id,
    status: 'active',
    name: locationName(row),
    mode: 'instance',
    telecom: practiceTelecom(row),
    address: {
      use: 'work',
      type: 'physical',
      ...(row.addressLine ? { line: [row.addressLine] } : {}),
      city: row.city,
      state: row.region,
      postalCode: row.postalCode,
      country: row.country,
    },
    position: { latitude: row.lat, longitude: row.lng },
  };
}
