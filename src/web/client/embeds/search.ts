import { html, LitElement, nothing, PropertyValues } from 'lit';
import { searchStyles } from './search-styles';

interface Item {
  id: string;
  displayName: string;
  distanceKm: number;
  city: string;
  region: string;
  verified: boolean;
}

interface Problem {
  title?: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

interface Access {
  allowed: boolean;
  status: number;
  title: string;
  detail: string;
}

/** Element attribute → search API parameter. */
const PARAMETERS: Record<string, string> = {
  postalCode: 'postalCode',
  near: 'near',
  city: 'city',
  region: 'region',
  condition: 'condition',
  specialty: 'specialty',
  radiusKm: 'radiusKm',
  limit: 'limit',
  verifiedOnly: 'verifiedOnly',
  sessionLength: 'sessionLength',
  language: 'language',
};
const SCRIPT_ORIGIN = new URL(import.meta.url).origin;

/**
 * <nmt-therapist-search>: the directory's search on a partner's page. Attributes in, `nmt-results` and `nmt-error`
 * events out; results link to the directory's profile pages. Talks only to the directory, sets no cookies.
 */
export class NmtTherapistSearch extends LitElement {
  static properties = {
    apiKey: { attribute: 'api-key' },
    postalCode: { attribute: 'postal-code' },
    near: {},
    city: {},
    region: {},
    condition: {},
    specialty: {},
    radiusKm: { attribute: 'radius-km' },
    limit: {},
    verifiedOnly: { attribute: 'verified-only' },
    sessionLength: { attribute: 'session-length' },
    language: {},
    hideForm: { attribute: 'hide-form', type: Boolean },
    baseUrl: { attribute: 'base-url' },
    items: { state: true },
    total: { state: true },
    message: { state: true },
    failed: { state: true },
    nextCursor: { state: true },
  };

  declare apiKey: string | null;
  declare postalCode: string | null;
  declare near: string | null;
  declare city: string | null;
  declare region: string | null;
  declare condition: string | null;
  declare specialty: string | null;
  declare radiusKm: string | null;
  declare limit: string | null;
  declare verifiedOnly: string | null;
  declare sessionLength: string | null;
  declare language: string | null;
  declare hideForm: boolean;
  declare baseUrl: string | null;
  declare items: Item[];
  declare total: number;
  declare message: string;
  declare failed: boolean;
  declare nextCursor: string | null;
  private controller: AbortController | null = null;

  constructor() {
    super();
    this.items = [];
    this.total = 0;
    this.message = '';
    this.failed = false;
    this.nextCursor = null;
    this.hideForm = false;
  }

  static styles = searchStyles;

  private get origin(): string {
    return this.baseUrl ? new URL(this.baseUrl).origin : SCRIPT_ORIGIN;
  }

  protected updated(changed: PropertyValues): void {
    if (Object.keys(PARAMETERS).some((p) => changed.has(p)) || changed.has('apiKey') || changed.has('baseUrl')) {
      void this.load();
    }
  }

  private hasPlace(): boolean {
    return Boolean(this.postalCode || this.near || (this.city && this.region));
  }

  private searchUrl(cursor?: string): URL {
    const url = new URL('/api/v1/search/therapists', this.origin);
    for (const [property, parameter] of Object.entries(PARAMETERS)) {
      const value = (this as unknown as Record<string, string | null>)[property];
      if (value !== null && value !== undefined) {
        url.searchParams.set(parameter, property === 'verifiedOnly' && value === '' ? 'true' : value);
      }
    }
    if (cursor) {
      url.searchParams.set('cursor', cursor);
    }
    return url;
  }

  private async load(cursor?: string): Promise<void> {
    this.controller?.abort();
    if (!this.hasPlace()) {
      this.items = [];
      this.failed = false;
      this.message = 'Enter a ZIP code to find therapists near you.';
      return;
    }
    const controller = (this.controller = new AbortController());
    this.failed = false;
    this.message = 'Searching…';
    let response: Response;
    try {
      response = await fetch(this.searchUrl(cursor), {
        headers: this.apiKey ? { 'X-Api-Key': this.apiKey } : {},
        credentials: 'omit',
        signal: controller.signal,
      });
    } catch {
      if (!controller.signal.aborted) {
        await this.diagnose();
      }
      return;
    }
    const body = (await response.json().catch(() => ({}))) as Problem & {
      items?: Item[];
      total?: number;
      nextCursor?: string | null;
    };
    if (controller.signal.aborted) {
      return;
    }
    if (!response.ok) {
      const words = body.errors?.map((e) => e.message).join('; ');
      this.fail(response.status, body.title ?? 'Error', body.detail ?? words ?? 'The search could not be run.');
      return;
    }
    const items = body.items ?? [];
    this.items = cursor ? [...this.items, ...items] : items;
    this.total = body.total ?? items.length;
    this.nextCursor = body.nextCursor ?? null;
    this.message = this.total
      ? `${this.total}${this.nextCursor && this.total >= 100 ? '+' : ''} therapist${this.total === 1 ? '' : 's'} found.`
      : 'No therapists found here yet. Try a wider distance.';
    this.dispatchEvent(
      new CustomEvent('nmt-results', {
        bubbles: true,
        composed: true,
        detail: { total: this.total, items: items.map(({ id, displayName }) => ({ id, displayName })) },
      }),
    );
  }

  /** A refused cross-origin answer cannot be read: ask the directory why, at the address open to every origin. */
  private async diagnose(): Promise<void> {
    try {
      const response = await fetch(new URL('/embed/v1/access', this.origin), {
        method: 'POST',
        body: this.apiKey ?? '',
        headers: { 'Content-Type': 'text/plain' },
        credentials: 'omit',
      });
      const access = (await response.json()) as Access;
      if (!access.allowed) {
        this.fail(access.status, access.title, access.detail);
        return;
      }
    } catch {
      // The directory is unreachable: said below.
    }
    this.fail(0, 'Network error', 'The directory could not be reached. Please try again in a moment.');
  }

  private fail(status: number, title: string, detail: string): void {
    this.items = [];
    this.nextCursor = null;
    this.failed = true;
    this.message = detail;
    this.dispatchEvent(new CustomEvent('nmt-error', { bubbles: true, composed: true, detail: { status, title } }));
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const postalCode = ((data.get('postalCode') as string | null) ?? '').trim();
    const condition = ((data.get('condition') as string | null) ?? '').trim();
    if (postalCode) {
      this.near = this.city = this.region = null;
    }
    this.postalCode = postalCode || null;
    this.condition = condition || null;
  }

  protected render() {
    return html`<div part="container" class="box">
      ${
        this.hideForm
          ? nothing
          : html`<form
              part="form"
              role="search"
              aria-label="Find a therapist"
              @submit=${(event: SubmitEvent) => this.submit(event)}
            >
              <label part="label"
                >ZIP code
                <input part="input" name="postalCode" autocomplete="postal-code" .value=${this.postalCode ?? ''}
              /></label>
              <label part="label"
                >Condition
                <input part="input" name="condition" placeholder="e.g. back pain" .value=${this.condition ?? ''}
              /></label>
              <button part="button" type="submit">Search</button>
            </form>`
      }
      <p part="status" class="status ${this.failed ? 'error' : ''}" role=${this.failed ? 'alert' : 'status'}>
        ${this.message}
      </p>
      <ul part="results">
        ${this.items.map(
          (item) =>
            html`<li part="result">
              <a part="link" href=${`${this.origin}/therapists/${encodeURIComponent(item.id)}`}>${item.displayName}</a>
              <span part="meta" class="meta">${item.distanceKm.toFixed(1)} km away · ${item.city}, ${item.region}</span>
              <span part="verified" class="meta ${item.verified ? 'verified' : ''}"
                >${item.verified ? '✓ Verified today against association records' : 'Not verified'}</span
              >
            </li>`,
        )}
      </ul>
      ${
        this.nextCursor
          ? html`<button part="button more" type="button" @click=${() => this.load(this.nextCursor!)}>
              More results
            </button>`
          : nothing
      }
      <p part="footer" class="footer">
        From the <a href=${`${this.origin}/`}>NMT Directory</a>: “verified” means checked against the association’s own
        records, today.
      </p>
    </div>`;
  }
}

if (!customElements.get('nmt-therapist-search')) {
  customElements.define('nmt-therapist-search', NmtTherapistSearch);
}
