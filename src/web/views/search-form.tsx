import { render } from 'preact-render-to-string';
import { Terms } from '../directory-terms';
import { ErrorSummary, Field, FormState, Option, Select } from './form-parts';
import { RenderedOnce } from './rendered-once';

/** The visible label of each form field, by the API parameter it carries. */
export const SEARCH_FIELD_LABELS: Record<string, string> = {
  postalCode: 'ZIP code',
  city: 'City',
  region: 'State',
  condition: 'What do you need help with?',
  radiusKm: 'Distance',
  specialty: 'Technique',
  sessionLength: 'Session length',
  language: 'Language spoken',
  acceptingNewClients: 'Only therapists taking new clients',
  verifiedOnly: 'Show',
  sort: 'Sort by',
};
/** Parameters the form carries as they came when it has no field for them (set by a link or the location button). */
const CARRIED = ['near', 'country', 'q', 'minRating', 'limit'];
const FIELDS = new Set([...Object.keys(SEARCH_FIELD_LABELS), 'near']);

const RADII: Option[] = [5, 10, 25, 50, 100, 250].map((km) => ({
  value: String(km),
  label: `${km} km (${Math.round(km * 0.621371)} mi)`,
}));
const SESSIONS: Option[] = [
  { value: '', label: 'Any length' },
  ...[30, 45, 60, 75, 90, 120].map((m) => ({ value: String(m), label: `${m} minutes` })),
];
const LANGUAGES: Option[] = [
  { value: '', label: 'Any language' },
  ...['en', 'es', 'zh', 'vi', 'ko', 'tl', 'fr', 'de', 'pt', 'ru', 'ar', 'hi', 'it', 'ja', 'pl'].map((code) => ({
    value: code,
    label: new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code,
  })),
];
const SHOW: Option[] = [
  { value: 'true', label: 'Verified therapists only' },
  { value: 'false', label: 'All therapists, verified or not' },
];
const SORTS: Option[] = [
  { value: 'distance', label: 'Nearest first' },
  { value: 'rating', label: 'Best rated first' },
  { value: 'relevance', label: 'Best match' },
];
const MORE = ['radiusKm', 'specialty', 'sessionLength', 'language', 'acceptingNewClients', 'verifiedOnly', 'sort'];

/**
 * `suggest`: the condition suggestions written into the page (the home page, where most searches start). Elsewhere the
 * list stays empty in the page and the page script fills it from the public condition list on first use: 6–7 KB less
 * on every results page, and the search itself tolerates typos without any list.
 */
export function SearchForm({
  state,
  terms,
  heading,
  suggest = false,
}: {
  state: FormState;
  terms: Terms;
  heading: string;
  suggest?: boolean;
}) {
  const v = state.values;
  const moreOpen =
    MORE.some((f) => v[f] !== undefined && v[f] !== '') || state.errors.some((e) => MORE.includes(e.field));
  const placeErrors = state.errors.filter((e) => e.field === 'near');
  return (
    <form role="search" method="get" action="/search" class="search-form" aria-labelledby="search-heading">
      <h2 id="search-heading" class="search-form__title">
        {heading}
      </h2>
      <ErrorSummary errors={state.errors} fields={FIELDS} anchors={{ near: 'postalCode' }} />
      <fieldset class="place" aria-describedby={placeErrors.length ? 'near-error' : 'place-hint'}>
        <legend>Where?</legend>
        <p class="field__hint" id="place-hint">
          Your ZIP code, or a city and state.
        </p>
        {placeErrors.length > 0 && (
          <p class="field__error" id="near-error">
            <span class="visually-hidden">Error: </span>
            {placeErrors.map((e) => e.message).join('; ')}
          </p>
        )}
        <div class="place__row">
          <TextField name="postalCode" state={state} autocomplete="postal-code" inputmode="numeric" size="short" />
          <span class="place__or" aria-hidden="true">
            or
          </span>
          <TextField name="city" state={state} autocomplete="address-level2" />
          <TextField name="region" state={state} autocomplete="address-level1" size="short" />
        </div>
        <button type="button" class="link-button" data-use-location hidden>
          Use my location
        </button>
        <input type="hidden" id="near" name="near" value={v.near} disabled={v.near === undefined} />
      </fieldset>
      <Field
        name="condition"
        label={SEARCH_FIELD_LABELS.condition}
        hint="A condition or symptom, in your own words: “back pain”, “migraine”, “fibromyalgia”."
        state={state}
      >
        {(describedBy, invalid) => (
          <>
            <input
              id="condition"
              name="condition"
              type="text"
              list="condition-terms"
              value={v.condition}
              autocomplete="off"
              aria-describedby={describedBy}
              aria-invalid={invalid ? 'true' : undefined}
            />
            <datalist id="condition-terms" data-source={suggest ? undefined : '/api/v1/conditions'}>
              {suggest && conditionTerms(terms).map((term) => <option value={term} />)}
            </datalist>
          </>
        )}
      </Field>
      <details
        class="more"
        open={moreOpen}
        dangerouslySetInnerHTML={{
          __html: MORE_FILTERS.get(terms, moreKey(state), () => render(<MoreFilters state={state} terms={terms} />)),
        }}
      />
      {CARRIED.filter((p) => p !== 'near' && v[p] !== undefined).map((p) => (
        <input type="hidden" name={p} value={v[p]} />
      ))}
      <button type="submit" class="button">
        Search
      </button>
    </form>
  );
}

const MORE_FILTERS = new RenderedOnce<Terms>();

/** All the filters' markup depends on: their values and their messages. */
const moreKey = (state: FormState) =>
  JSON.stringify([MORE.map((f) => state.values[f] ?? null), state.errors.filter((e) => MORE.includes(e.field))]);

/** The inside of the "More filters" disclosure: the same for most searches, so rendered once per set of values. */
function MoreFilters({ state, terms }: { state: FormState; terms: Terms }) {
  const v = state.values;
  return (
    <>
      <summary>More filters</summary>
      <div class="more__grid">
        <SelectField name="radiusKm" options={RADII} state={state} fallback="25" />
        <SelectField
          name="specialty"
          options={[
            { value: '', label: 'Any technique' },
            ...terms.specialties.map((s) => ({ value: s.slug, label: s.name })),
          ]}
          state={state}
        />
        <SelectField name="sessionLength" options={SESSIONS} state={state} />
        <SelectField name="language" options={LANGUAGES} state={state} />
        <SelectField name="verifiedOnly" options={SHOW} state={state} fallback="true" />
        <SelectField name="sort" options={SORTS} state={state} fallback="distance" />
        <div class="field field--check">
          <input
            id="acceptingNewClients"
            name="acceptingNewClients"
            type="checkbox"
            value="true"
            checked={v.acceptingNewClients === 'true'}
          />
          <label for="acceptingNewClients">{SEARCH_FIELD_LABELS.acceptingNewClients}</label>
        </div>
      </div>
    </>
  );
}

const conditionTerms = (terms: Terms) => [...new Set(terms.conditions.flatMap((c) => [c.name, ...c.synonyms]))];

function TextField({
  name,
  state,
  autocomplete,
  inputmode,
  size,
}: {
  name: string;
  state: FormState;
  autocomplete: string;
  inputmode?: 'numeric';
  size?: 'short';
}) {
  return (
    <Field
      name={name}
      label={SEARCH_FIELD_LABELS[name]}
      state={state}
      class={size === 'short' ? 'field--short' : undefined}
    >
      {(describedBy, invalid) => (
        <input
          id={name}
          name={name}
          type="text"
          value={state.values[name]}
          autocomplete={autocomplete}
          inputMode={inputmode}
          aria-describedby={describedBy}
          aria-invalid={invalid ? 'true' : undefined}
        />
      )}
    </Field>
  );
}

function SelectField({
  name,
  options,
  state,
  fallback,
}: {
  name: string;
  options: Option[];
  state: FormState;
  fallback?: string;
}) {
  return (
    <Field name={name} label={SEARCH_FIELD_LABELS[name]} state={state}>
      {(describedBy, invalid) => (
        <Select
          name={name}
          options={options}
          value={state.values[name] ?? fallback}
          describedBy={describedBy}
          invalid={invalid}
        />
      )}
    </Field>
  );
}
