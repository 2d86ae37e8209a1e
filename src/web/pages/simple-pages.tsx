import { Terms } from '../directory-terms';
import { Home } from '../views/home';
import { renderPage, Site } from '../views/layout';
import { BadLink, NotFound, ServerError, TooManyRequests } from '../views/not-found';
import { RenderedOnce } from '../views/rendered-once';

const HOME = new RenderedOnce<Terms>();

/** The home page depends on nothing but the terms (and the site, one per app): rendered once per load of the terms. */
export function renderHome(site: Site, terms: Terms): string {
  return HOME.get(terms, '', () =>
    renderPage(
      site,
      {
        title: 'Find a verified neuromuscular massage therapist – NMT Directory',
        description:
          'Search neuromuscular massage therapists near you by condition. “Verified” means checked against the association’s own records, today.',
        path: '/',
      },
      <Home form={{ values: {}, errors: [] }} terms={terms} />,
    ),
  );
}

const MESSAGES = {
  'not-found': { title: 'Page not found', body: <NotFound /> },
  'bad-link': { title: 'This link does not work', body: <BadLink /> },
  error: { title: 'Something went wrong', body: <ServerError /> },
  'too-many': { title: 'Too many requests', body: <TooManyRequests /> },
};

export function renderMessage(site: Site, kind: keyof typeof MESSAGES): string {
  const { title, body } = MESSAGES[kind];
  return renderPage(
    site,
    {
      title: `${title} – NMT Directory`,
      description: 'NMT Directory: verified neuromuscular massage therapists.',
      path: '/',
      noindex: true,
    },
    body,
  );
}
