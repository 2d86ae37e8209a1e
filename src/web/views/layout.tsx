import { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';

/** What every page needs from the site: its public origin and the hashed URLs of the stylesheet and script. */
export interface Site {
  origin: string;
  css: string;
  js: string;
  icon: string;
}

export interface PageMeta {
  title: string;
  description: string;
  /** Path of the canonical URL (no query unless the page is defined by it). */
  path: string;
  noindex?: boolean;
  jsonLd?: unknown;
}

/**
 * JSON inside <script>: `<` is escaped so that no text (a name like "</script>") can close the element, and the two
 * line separators JavaScript once treated as newlines are escaped too.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function Header({ icon }: { icon: string }) {
  return (
    <header class="site-header">
      <div class="wrap site-header__inner">
        <a class="brand" href="/">
          <img src={icon} alt="" class="brand__mark" width={28} height={28} />
          <span>NMT Directory</span>
        </a>
        <nav aria-label="Main">
          <ul class="nav">
            <li>
              <a href="/">Find a therapist</a>
            </li>
            <li>
              <a href="/verify">Check a credential</a>
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}

function Footer() {
  return (
    <footer class="site-footer">
      <div class="wrap">
        <p>
          <strong>What “verified” means here:</strong> we checked the therapist’s certification against the issuing
          association’s own records, and it is still valid today. If the association revokes it or it expires, the mark
          comes off at once.
        </p>
        <ul class="site-footer__links">
          <li>
            <a href="/verify">Check a credential yourself</a>
          </li>
          <li>
            <a href="/docs">API for developers</a>
          </li>
          <li>
            <a href="/sitemap.xml">Sitemap</a>
          </li>
        </ul>
      </div>
    </footer>
  );
}

export function renderPage(site: Site, meta: PageMeta, body: ComponentChildren): string {
  const page = (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{meta.title}</title>
        <meta name="description" content={meta.description} />
        <link rel="canonical" href={site.origin + meta.path} />
        {meta.noindex && <meta name="robots" content="noindex" />}
        <meta name="theme-color" content="#0f5c4d" />
        <link rel="icon" href={site.icon} type="image/svg+xml" />
        <link rel="stylesheet" href={site.css} />
        <script type="module" src={site.js} />
        {meta.jsonLd !== undefined && (
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptJson(meta.jsonLd) }} />
        )}
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to main content
        </a>
        <Header icon={site.icon} />
        <main id="main" class="wrap" tabIndex={-1}>
          {body}
        </main>
        <Footer />
      </body>
    </html>
  );
  return `<!doctype html>${render(page)}`;
}
