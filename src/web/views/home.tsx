import { Terms } from '../directory-terms';
import { FormState } from './form-parts';
import { SearchForm } from './search-form';

export function Home({ form, terms }: { form: FormState; terms: Terms }) {
  return (
    <>
      <section class="hero">
        <h1>Find a neuromuscular therapist you can trust</h1>
        <p class="hero__lede">
          Search neuromuscular massage therapists by where you are and what hurts. When we say a therapist is{' '}
          <strong>verified</strong>, we have checked their certification against the issuing association’s own records,
          and it is still valid today.
        </p>
      </section>
      <div class="home-search">
        <SearchForm state={form} terms={terms} heading="Search the directory" suggest />
      </div>
      <section class="explain" aria-labelledby="how-heading">
        <h2 id="how-heading">How verification works</h2>
        <ol class="steps">
          <li>
            <h3>The therapist lists a credential</h3>
            <p>Their certification number and the association that issued it.</p>
          </li>
          <li>
            <h3>We check the association’s records</h3>
            <p>The number, the name and the expiry date must match the association’s own roster.</p>
          </li>
          <li>
            <h3>It stays true today</h3>
            <p>
              When the association revokes a certification or it expires, the “verified” mark comes off at once. Each
              profile shows when it was last checked, and you can <a href="/verify">check a credential yourself</a>.
            </p>
          </li>
        </ol>
      </section>
      <section class="explain explain--two" aria-label="For partners and therapists">
        <div>
          <h2>For clinics and health sites</h2>
          <p>
            Add this search to your own site with one line of code and a partner key. Results link to the full profiles
            here.
          </p>
        </div>
        <div>
          <h2>For therapists</h2>
          <p>
            Show a live “verified” badge on your website or in your e-mail signature. It always says what the
            association’s records say today.
          </p>
        </div>
      </section>
    </>
  );
}

export function SearchRefused({ form, terms }: { form: FormState; terms: Terms }) {
  return (
    <>
      <h1>Find a neuromuscular therapist</h1>
      <p>We could not run this search. Please check what is marked below.</p>
      <div class="home-search">
        <SearchForm state={form} terms={terms} heading="Your search" />
      </div>
    </>
  );
}
