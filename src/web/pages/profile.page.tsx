import { Injectable, NotFoundException } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { ReviewsService } from '../../reviews/reviews.service';
import { TherapistsService } from '../../therapists/therapists.service';
import { DirectoryTerms } from '../directory-terms';
import { SiteInfo } from '../site';
import { renderPage } from '../views/layout';
import { Profile } from '../views/profile';
import { profileJsonLd } from './profile-json-ld';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REVIEWS_PER_PAGE = 10;

/** `/therapists/{id}`: the public profile the API serves, its published reviews, and schema.org data. */
@Injectable()
export class ProfilePage {
  constructor(
    private readonly therapists: TherapistsService,
    private readonly reviews: ReviewsService,
    private readonly terms: DirectoryTerms,
    private readonly site: SiteInfo,
  ) {}

  /** Throws NotFoundException for an unknown, unpublished or malformed id. */
  async render(
    request: FastifyRequest<{ Params: { id: string }; Querystring: { reviews?: unknown } }>,
  ): Promise<string> {
    const { id } = request.params;
    if (!UUID.test(id)) {
      throw new NotFoundException();
    }
    const cursor = typeof request.query.reviews === 'string' ? request.query.reviews : undefined;
    const therapist = await this.therapists.published(id);
    const page = await this.reviews.list(id, undefined, { limit: REVIEWS_PER_PAGE, cursor });
    const terms = await this.terms.get(therapist.certifications.map((c) => c.associationSlug));
    const path = `/therapists/${id}`;
    const where = `${therapist.practice.city}, ${therapist.practice.region}`;
    return renderPage(
      this.site,
      {
        title: `${therapist.displayName}, neuromuscular therapist in ${where} – NMT Directory`,
        description: `${therapist.displayName} in ${where}: ${therapist.verified ? 'certification verified today against the association’s records' : 'not verified today'}, specialties, reviews and contact details.`,
        path,
        noindex: cursor !== undefined,
        jsonLd: profileJsonLd(therapist, this.site.origin + path, terms),
      },
      <Profile
        view={{
          therapist,
          reviews: page.items,
          moreReviewsHref: page.nextCursor ? `${path}?reviews=${encodeURIComponent(page.nextCursor)}` : null,
        }}
        terms={terms}
      />,
    );
  }
}
