import { ReviewDto } from '../../reviews/dto/review.dto';
import { PublicCertificationDto, TherapistPublicDto } from '../../therapists/dto/therapist-view.dto';
import { Terms } from '../directory-terms';
import { listOf, longDate, webLink } from './format';

const RECORD_STATUS: Record<string, (association: string) => string> = {
  needs_review: (a) => `Being checked by ${a}: the records need a person to confirm them.`,
  unmatched: (a) => `Not found in ${a}’s records yet. We check again each time the association sends its records.`,
  rejected: (a) => `Not confirmed: ${a}’s records do not support this credential.`,
  expired: () => 'Expired: this credential is no longer valid.',
};

export function Certification({ cert, terms }: { cert: PublicCertificationDto; terms: Terms }) {
  const association = terms.association.get(cert.associationSlug)?.name ?? cert.associationSlug;
  const checked = cert.lastCheckedAt ?? cert.verifiedAt;
  const verified = cert.status === 'verified';
  return (
    <li class={`credential credential--${verified ? 'verified' : 'other'}`}>
      <p class="credential__title">
        {cert.credentialType} · No. {cert.credentialNumber}
      </p>
      {verified ? (
        <p class="mark mark--verified">
          <span aria-hidden="true">✓ </span>Verified against {association}’s records
          {checked ? ` on ${longDate(checked)}` : ''}
        </p>
      ) : (
        <p class="mark mark--none">{(RECORD_STATUS[cert.status] ?? (() => cert.status))(association)}</p>
      )}
      {cert.expiresOn && (
        <p class="credential__meta">
          {cert.status === 'expired' ? 'Expired' : 'Valid until'} {longDate(cert.expiresOn)}
        </p>
      )}
      <p class="credential__meta">
        <a
          href={`/verify?association=${encodeURIComponent(cert.associationSlug)}&credentialNumber=${encodeURIComponent(cert.credentialNumber)}`}
        >
          Look this number up in {association}’s records
        </a>
      </p>
    </li>
  );
}

export function Review({ review, therapistName }: { review: ReviewDto; therapistName: string }) {
  return (
    <article class="review">
      <p class="review__rating">
        <span aria-hidden="true">{'★'.repeat(review.rating) + '☆'.repeat(5 - review.rating)}</span>
        <span class="visually-hidden">Rated {review.rating} out of 5</span>
        {review.verifiedClient && <span class="pill pill--client">Verified client</span>}
      </p>
      <p class="review__by">
        {review.authorName} · {longDate(review.createdAt)}
      </p>
      <Paragraphs text={review.body} />
      {review.response && (
        <div class="review__reply">
          <p class="review__reply-by">Reply from {therapistName}</p>
          <Paragraphs text={review.response.body} />
        </div>
      )}
    </article>
  );
}

/** User text as paragraphs, split on blank lines; always text, never markup. */
export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .filter((p) => p.trim())
        .map((p) => (
          <p>{p.trim()}</p>
        ))}
    </>
  );
}

export function Contact({ t }: { t: TherapistPublicDto }) {
  const website = webLink(t.contact?.website ?? null);
  const phone = t.contact?.phone;
  const email = t.contact?.email;
  if (!t.contact || (!website && !phone && !email && !t.contact.website)) {
    return null;
  }
  return (
    <section class="card" aria-labelledby="contact-heading">
      <h2 id="contact-heading">Contact</h2>
      <ul class="plain-list">
        {phone && (
          <li>
            Phone: <a href={`tel:${phone.replace(/[^\d+]/g, '')}`}>{phone}</a>
          </li>
        )}
        {email && (
          <li>
            E-mail: <a href={`mailto:${email}`}>{email}</a>
          </li>
        )}
        {website ? (
          <li>
            Website:{' '}
            <a href={website} rel="nofollow ugc noopener" target="_blank">
              {t.contact.website}
              <span class="visually-hidden"> (opens in a new tab)</span>
            </a>
          </li>
        ) : (
          t.contact.website && <li>Website: {t.contact.website}</li>
        )}
      </ul>
    </section>
  );
}

export function Facts({ t, terms }: { t: TherapistPublicDto; terms: Terms }) {
  const languages = t.languages.map((l) => new Intl.DisplayNames(['en'], { type: 'language' }).of(l) ?? l);
  const address = [t.practice.addressLine, `${t.practice.city}, ${t.practice.region} ${t.practice.postalCode}`];
  return (
    <section class="card" aria-labelledby="practice-heading">
      <h2 id="practice-heading">{t.practice.name ?? 'Practice'}</h2>
      <dl class="facts">
        <dt>Address</dt>
        <dd>{address.filter(Boolean).join(', ')}</dd>
        <dt>New clients</dt>
        <dd>
          {t.acceptingNewClients ? 'Taking new clients' : 'Not taking new clients right now'}
          <span class="facts__note"> (as of {longDate(t.acceptingNewClientsConfirmedAt)})</span>
        </dd>
        {t.sessionLengths.length > 0 && (
          <>
            <dt>Sessions</dt>
            <dd>{listOf(t.sessionLengths.map(String))} minutes</dd>
          </>
        )}
        {languages.length > 0 && (
          <>
            <dt>Languages</dt>
            <dd>{listOf(languages)}</dd>
          </>
        )}
        {t.priceRange && (
          <>
            <dt>Price</dt>
            <dd>
              {t.priceRange.min}–{t.priceRange.max} {t.priceRange.currency} a session
            </dd>
          </>
        )}
      </dl>
      {t.specialties.length > 0 && (
        <p class="result__tags">{t.specialties.map((s) => terms.specialtyName.get(s.slug) ?? s.name).join(' · ')}</p>
      )}
    </section>
  );
}
