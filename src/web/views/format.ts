const LONG_DATE = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });
const NUMBER = new Intl.NumberFormat('en-US');

/** "May 3, 2026" from a date or an ISO date string (UTC: the records' dates are calendar dates). */
export function longDate(value: string | Date): string {
  const date = typeof value === 'string' && value.length === 10 ? new Date(`${value}T00:00:00Z`) : new Date(value);
  return LONG_DATE.format(date);
}

export const count = (n: number, one: string, many: string) =>
  `${n < 1000 ? String(n) : NUMBER.format(n)} ${n === 1 ? one : many}`;

export function distance(km: number): string {
  return `${km < 10 ? km.toFixed(1) : Math.round(km)} km (${(km * 0.621371).toFixed(1)} mi) away`;
}

export function rating(average: number | null, reviews: number): string {
  return average === null || reviews === 0
    ? 'No reviews yet'
    : `${average.toFixed(1)} out of 5 from ${count(reviews, 'review', 'reviews')}`;
}

/** "A, B and C" */
export function listOf(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A link users supplied is followed only when it is plainly a web address (never javascript:, data: and the like). */
export function webLink(value: string | null): string | null {
  if (!value) {
    return null;
  }
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}
