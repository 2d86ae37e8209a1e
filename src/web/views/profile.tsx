import { ReviewDto } from '../../reviews/dto/review.dto';
import { TherapistPublicDto } from '../../therapists/dto/therapist-view.dto';
import { Terms } from '../directory-terms';
import { count, rating } from './format';
import { Certification, Contact, Facts, Paragraphs, Review } from './profile-parts';

export interface ProfileView {
  therapist: TherapistPublicDto;
  reviews: ReviewDto[];
  moreReviewsHref: string | null;
}

export function Profile({ view, terms }: { view: ProfileView; terms: Terms }) {
  const t = view.therapist;
  return (
    <div class="profile">
      <header class="profile__head">
        <h1>{t.displayName}</h1>
        <p class="profile__where">
          {t.practice.name ? `${t.practice.name} · ` : ''}
          {t.practice.city}, {t.practice.region}
        </p>
        <p class={`mark ${t.verified ? 'mark--verified' : 'mark--none'} mark--large`}>
          {t.verified ? '✓ Verified today' : 'Not verified today'}
        </p>
        <p class="profile__rating">{rating(t.rating.average, t.rating.count)}</p>
      </header>
      <div class="profile__body">
        <aside class="profile__aside">
          <section class="card" aria-labelledby="verification-heading">
            <h2 id="verification-heading">Verification</h2>
            {t.certifications.length === 0 ? (
              <p>This therapist has not listed a certification yet.</p>
            ) : (
              <ul class="plain-list">
                {t.certifications.map((c) => (
                  <Certification cert={c} terms={terms} />
                ))}
              </ul>
            )}
            <p class="card__note">
              “Verified” means checked against the association’s own records and still valid today.{' '}
              {count(t.certifications.length, 'credential', 'credentials')} listed.
            </p>
          </section>
          <Facts t={t} terms={terms} />
          <Contact t={t} />
        </aside>
        <div class="profile__main">
          <section aria-labelledby="about-heading">
            <h2 id="about-heading">About</h2>
            {t.bio ? <Paragraphs text={t.bio} /> : <p>This therapist has not written about their practice yet.</p>}
            {t.conditions.length > 0 && (
              <>
                <h3>Helps with</h3>
                <ul class="tags">
                  {t.conditions.map((c) => (
                    <li>{c.name}</li>
                  ))}
                </ul>
              </>
            )}
          </section>
          <section aria-labelledby="reviews-heading" class="reviews">
            <h2 id="reviews-heading">Reviews</h2>
            <p>
              {t.rating.count > 0 ? `${rating(t.rating.average, t.rating.count)}.` : 'No reviews yet.'} A “verified
              client” review was written with a one-time invitation the therapist gave after a session.
            </p>
            {view.reviews.map((r) => (
              <Review review={r} therapistName={t.displayName} />
            ))}
            {view.moreReviewsHref && (
              <p>
                <a href={view.moreReviewsHref}>Older reviews</a>
              </p>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
