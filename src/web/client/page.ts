// Enhancements of the server-rendered pages; every page works without them.

const DEFAULTS: Record<string, string> = { radiusKm: '25', verifiedOnly: 'true', sort: 'distance' };
const PLACE_FIELDS = ['postalCode', 'city', 'region'];

function enhanceSearchForm(form: HTMLFormElement): void {
  const near = form.querySelector<HTMLInputElement>('input[name="near"]');
  const locate = form.querySelector<HTMLButtonElement>('[data-use-location]');
  if (locate && near && 'geolocation' in navigator) {
    locate.hidden = false;
    locate.addEventListener('click', () => {
      locate.textContent = 'Finding your location…';
      navigator.geolocation.getCurrentPosition(
        ({ coords }) => {
          near.value = `${coords.latitude.toFixed(4)},${coords.longitude.toFixed(4)}`;
          near.disabled = false;
          for (const name of PLACE_FIELDS) {
            const field = form.elements.namedItem(name) as HTMLInputElement | null;
            if (field) {
              field.value = '';
            }
          }
          form.requestSubmit();
        },
        () => {
          locate.textContent = 'Your location is not available: enter a ZIP code instead';
        },
        { maximumAge: 600_000, timeout: 10_000 },
      );
    });
  }
  for (const name of PLACE_FIELDS) {
    (form.elements.namedItem(name) as HTMLInputElement | null)?.addEventListener('input', () => {
      if (near) {
        near.disabled = true;
      }
    });
  }
  // Leave out empty fields and defaults, so that result addresses stay short and shareable.
  form.addEventListener('submit', () => {
    for (const element of Array.from(form.elements)) {
      const field = element as HTMLInputElement;
      if (field.name && (field.value === '' || DEFAULTS[field.name] === field.value)) {
        field.disabled = true;
      }
    }
  });
  // Coming back to the page restores the form as it was, fields enabled.
  window.addEventListener('pageshow', () => {
    for (const element of Array.from(form.elements)) {
      const field = element as HTMLInputElement;
      if (field.name && field !== near) {
        field.disabled = false;
      }
    }
  });
}

/** Condition suggestions for pages that leave them out: the public condition list, fetched on first use. */
function fillSuggestions(list: HTMLDataListElement): void {
  const input = document.querySelector<HTMLInputElement>(`input[list="${list.id}"]`);
  const source = list.dataset.source;
  input?.addEventListener(
    'focus',
    () => {
      void fetch(source!, { headers: { Accept: 'application/json' } })
        .then((r) => (r.ok ? (r.json() as Promise<{ items: { name: string; synonyms: string[] }[] }>) : { items: [] }))
        .then(({ items }) => {
          const terms = new Set(items.flatMap((c) => [c.name, ...c.synonyms]));
          list.replaceChildren(
            ...[...terms].map((term) => Object.assign(document.createElement('option'), { value: term })),
          );
        })
        .catch(() => undefined);
    },
    { once: true },
  );
}

document.querySelectorAll<HTMLFormElement>('form[role="search"]').forEach(enhanceSearchForm);
document.querySelectorAll<HTMLDataListElement>('datalist[data-source]').forEach(fillSuggestions);
document.querySelector<HTMLElement>('.error-summary')?.focus();
