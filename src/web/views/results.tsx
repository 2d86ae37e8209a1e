import { Terms } from '../directory-terms';
import { FormState } from './form-parts';
import { count, distance, listOf, rating } from './format';
import { SearchForm } from './search-form';

export interface ResultItem {
  id: string;
  displayName: string;
  distanceKm: number;
  city: string;
  region: string;
  specialties: string[];
  conditions: string[];
  rating: { average: number | null; count: number };
  verified: boolean;
  credentials: { associationSlug: string; credentialType: string; status: string }[];
}

export interface ResultsView {
  items: ResultItem[];
  total: number;
  totalCapped: boolean;
  nextHref: string | null;
  firstHref: string | null;
  place: string;
  radiusKm: number;
  conditionSlug: string | null;
  verifiedOnly: boolean;
}

export function Verification({ item, terms }: { item: ResultItem; terms: Terms }) {
  if (!item.verified) {
    return <p class="mark mark--none">Not verified</p>;
  }
  const by = [
    ...new Set(
      item.credentials
        .filter((c) => c.status === 'verified')
        .map((c) => terms.association.get(c.associationSlug)?.name ?? c.associationSlug),
    ),
  ];
  return (
    <>
      <p class="mark mark--verified">
        <span aria-hidden="true">✓ </span>Verified today
      </p>
      <p class="result__checked">Checked against {listOf(by)}’s records</p>
    </>
  );
}

function Result({ item, terms }: { item: ResultItem; terms: Terms }) {
  const specialties = item.specialties.map((s) => terms.specialtyName.get(s) ?? s);
  return (
    <article class="result">
      <h2 class="result__name">
        <a href={`/therapists/${item.id}`}>{item.displayName}</a>
      </h2>
      <p class="result__where">
        {distance(item.distanceKm)} · {item.city}, {item.region}
      </p>
      <Verification item={item} terms={terms} />
      <p class="result__rating">
        {item.rating.count > 0 && <span aria-hidden="true">★ </span>}
        {rating(item.rating.average, item.rating.count)}
      </p>
      {specialties.length > 0 && <p class="result__tags">{specialties.join(' · ')}</p>}
    </article>
  );
}

function Summary({ view, terms }: { view: ResultsView; terms: Terms }) {
  const who = view.verifiedOnly ? 'verified therapists' : 'therapists';
  const total = view.totalCapped ? `More than ${view.total}` : count(view.total, '', '').trim();
  const condition = view.conditionSlug
    ? ` who treat ${terms.conditionName.get(view.conditionSlug) ?? view.conditionSlug}`
    : '';
  if (view.total === 0) {
    return (
      <p class="results__summary" role="status">
        No {who}
        {condition} within {view.radiusKm} km of {view.place} yet. Try a wider distance
        {view.verifiedOnly ? ', or include therapists who are not verified' : ''}.
      </p>
    );
  }
  return (
    <p class="results__summary" role="status">
      {total} {view.total === 1 && !view.totalCapped ? who.replace(/s$/, '') : who}
      {condition} within {view.radiusKm} km of {view.place}.
    </p>
  );
}

export function Results({ view, form, terms }: { view: ResultsView; form: FormState; terms: Terms }) {
  return (
    <>
      <div class="results-head">
        <h1 id="results-heading">Therapists near {view.place}</h1>
        <Summary view={view} terms={terms} />
      </div>
      <div class="results-layout">
        <div class="results-layout__form">
          <SearchForm state={form} terms={terms} heading="Change your search" />
        </div>
        <section class="results" aria-labelledby="results-heading">
          <div class="results__list">
            {view.items.map((item) => (
              <Result item={item} terms={terms} />
            ))}
          </div>
          {(view.nextHref || view.firstHref) && (
            <nav class="pager" aria-label="More results">
              {view.firstHref && <a href={view.firstHref}>Back to the first page</a>}
              {view.nextHref && (
                <a rel="next" href={view.nextHref} class="button button--secondary">
                  Next page
                </a>
              )}
            </nav>
          )}
        </section>
      </div>
    </>
  );
}
