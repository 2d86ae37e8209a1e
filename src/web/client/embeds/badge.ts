interface BadgeData {
  therapistId: string;
  displayName: string;
  verified: boolean;
  verifiedBy: { slug: string; name: string; checkedOn: string | null }[];
  profilePath: string;
}

const SCRIPT_ORIGIN = new URL(import.meta.url).origin;
const CSS = `
:host { display: inline-block; font: var(--nmt-font, 14px/1.35 system-ui, sans-serif); }
a { display: inline-flex; align-items: center; gap: .55em; padding: .45em .85em .45em .55em; border-radius: var(--nmt-radius, 999px);
  text-decoration: none; border: 1px solid var(--nmt-border, #b9c4cc); background: var(--nmt-background, #fff); color: var(--nmt-text, #1d2a33); }
a:focus-visible { outline: 3px solid var(--nmt-focus, #1d2a33); outline-offset: 2px; }
.icon { display: inline-grid; place-items: center; width: 1.6em; height: 1.6em; border-radius: 50%; color: #fff;
  background: var(--nmt-muted-icon, #4f565d); font-weight: 700; }
:host([data-state="verified"]) .icon { background: var(--nmt-verified, #0f6e3f); }
strong { display: block; }
small { color: var(--nmt-muted, #4a5863); }
`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, part: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.setAttribute('part', part);
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

const listOf = (names: string[]) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

/**
 * <nmt-verified-badge therapist-id="…">: whether the therapist holds a certification verified today, against whose
 * records, linking to the profile. Reads the directory's public badge data, revalidated on every page load.
 */
export class NmtVerifiedBadge extends HTMLElement {
  static observedAttributes = ['therapist-id', 'base-url'];
  private readonly root = this.attachShadow({ mode: 'open' });

  constructor() {
    super();
    if ('adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      this.root.adoptedStyleSheets = [sheet];
    } else {
      this.root.append(el('style', 'style', CSS));
    }
  }

  connectedCallback(): void {
    void this.load();
  }

  attributeChangedCallback(): void {
    if (this.isConnected) {
      void this.load();
    }
  }

  private get origin(): string {
    const base = this.getAttribute('base-url');
    return base ? new URL(base).origin : SCRIPT_ORIGIN;
  }

  private async load(): Promise<void> {
    const id = this.getAttribute('therapist-id') ?? '';
    try {
      const response = await fetch(`${this.origin}/badges/${encodeURIComponent(id)}.json`, {
        cache: 'no-cache',
        credentials: 'omit',
      });
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      this.show((await response.json()) as BadgeData);
    } catch {
      this.setAttribute('data-state', 'error');
      this.draw(`${this.origin}/`, '?', 'Verification unavailable', 'NMT Directory');
    }
  }

  private show(data: BadgeData): void {
    this.setAttribute('data-state', data.verified ? 'verified' : 'not-verified');
    const names = listOf(data.verifiedBy.map((v) => v.name));
    this.draw(
      `${this.origin}${data.profilePath}`,
      data.verified ? '✓' : '–',
      data.verified ? `Verified: ${data.displayName}` : `Not verified today: ${data.displayName}`,
      data.verified ? `Checked against ${names}’s records · NMT Directory` : 'NMT Directory',
    );
  }

  private draw(href: string, icon: string, title: string, detail: string): void {
    const link = el('a', 'badge');
    link.href = href;
    const glyph = el('span', 'icon', icon);
    glyph.className = 'icon';
    glyph.setAttribute('aria-hidden', 'true');
    const text = el('span', 'text');
    text.append(el('strong', 'title', title), el('small', 'detail', detail));
    link.append(glyph, text);
    this.root.replaceChildren(link);
  }
}

if (!customElements.get('nmt-verified-badge')) {
  customElements.define('nmt-verified-badge', NmtVerifiedBadge);
}
