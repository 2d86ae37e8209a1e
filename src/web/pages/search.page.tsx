import { Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { FieldError, Problem, ProblemException, toProblem } from '../../common/problem';
import { SEARCH_QUERY_SCHEMA, SearchQuery } from '../../search/dto/search-query.schema';
import { SearchService } from '../../search/search.service';
import { DirectoryTerms } from '../directory-terms';
import { SiteInfo } from '../site';
import { FormState } from '../views/form-parts';
import { SearchRefused } from '../views/home';
import { renderPage } from '../views/layout';
import { ResultItem, Results, ResultsView } from '../views/results';
import { SEARCH_FIELD_LABELS } from '../views/search-form';
import { formValues, inFormWords, withoutEmpty } from './field-messages';

export interface RenderedPage {
  status: number;
  html: string;
}

interface SearchBody {
  items: ResultItem[];
  total: number;
  totalCapped: boolean;
  nextCursor: string | null;
  query: { condition: string | null; radiusKm: number; verifiedOnly: boolean };
}

const NEAR_WORDS: Record<string, string> = {
  required: 'Enter a ZIP code, or a city and its state.',
  several: 'Enter either a ZIP code or a city and state, not both.',
};

function nearWords(e: FieldError): string | undefined {
  if (e.field !== 'near' || e.message.includes('latitude')) {
    return undefined;
  }
  return e.message.startsWith('a point is required') ? NEAR_WORDS.required : NEAR_WORDS.several;
}

/** For a query the place could not be resolved for, the API's detail says which place; say it beside the field. */
function resolvedWords(problem: Problem): (e: FieldError) => string | undefined {
  return (e) => (problem.status === 422 && e.message === 'could not be resolved' ? problem.detail : undefined);
}

/**
 * `/search`: the API's query schema (compiled by Fastify's own validator, with the API's options), then the API's
 * search service: same errors, same items, same order. Only empty fields are dropped first (a form sends them all).
 */
@Injectable()
export class SearchPage {
  constructor(
    private readonly search: SearchService,
    private readonly terms: DirectoryTerms,
    private readonly site: SiteInfo,
  ) {}

  async render(request: FastifyRequest): Promise<RenderedPage> {
    const raw = withoutEmpty(request.query as Record<string, unknown>);
    const values = formValues(raw);
    const query = { ...raw } as unknown as SearchQuery;
    const validate = request.compileValidationSchema(SEARCH_QUERY_SCHEMA, 'querystring');
    let body: SearchBody;
    try {
      if (!validate(query)) {
        throw Object.assign(new Error('invalid query'), { validation: validate.errors });
      }
      body = JSON.parse((await this.search.search(query)).json) as SearchBody;
    } catch (error) {
      const { body: problem, internal } = toProblem(error);
      if (internal || !(error instanceof ProblemException || problem.status === 400)) {
        throw error;
      }
      return this.refused(values, problem);
    }
    return { status: 200, html: await this.results(values, raw, body) };
  }

  private async refused(values: Record<string, string>, problem: Problem): Promise<RenderedPage> {
    const errors = inFormWords(
      problem.errors ?? [{ field: '', message: problem.detail }],
      SEARCH_FIELD_LABELS,
      (e) => nearWords(e) ?? resolvedWords(problem)(e),
    );
    const form: FormState = { values, errors };
    const html = renderPage(
      this.site,
      {
        title: 'Error: your search – NMT Directory',
        description: 'Find a neuromuscular massage therapist verified against their association’s records today.',
        path: '/',
        noindex: true,
      },
      <SearchRefused form={form} terms={await this.terms.get()} />,
    );
    return { status: problem.status, html };
  }

  private async results(
    values: Record<string, string>,
    raw: Record<string, unknown>,
    body: SearchBody,
  ): Promise<string> {
    const terms = await this.terms.get(body.items.flatMap((i) => i.credentials.map((c) => c.associationSlug)));
    const place = values.postalCode ?? (values.city ? `${values.city}, ${values.region}` : 'your location');
    const view: ResultsView = {
      items: body.items,
      total: body.total,
      totalCapped: body.totalCapped,
      nextHref: body.nextCursor ? searchHref(raw, body.nextCursor) : null,
      firstHref: values.cursor !== undefined ? searchHref(raw) : null,
      place,
      radiusKm: body.query.radiusKm,
      conditionSlug: body.query.condition,
      verifiedOnly: body.query.verifiedOnly,
    };
    const condition = body.query.condition ? terms.conditionName.get(body.query.condition) : undefined;
    return renderPage(
      this.site,
      {
        title: `${condition ? `${condition}: ` : ''}therapists near ${place} – NMT Directory`,
        description: `Neuromuscular massage therapists within ${view.radiusKm} km of ${place}${condition ? ` who treat ${condition.toLowerCase()}` : ''}, with their verification against association records today.`,
        path: searchHref(raw),
        noindex: values.cursor !== undefined,
      },
      <Results view={view} form={{ values, errors: [] }} terms={terms} />,
    );
  }
}

/** The same search (as the visitor sent it, empty fields left out) at another page. */
function searchHref(raw: Record<string, unknown>, cursor?: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) {
    if (key !== 'cursor') {
      for (const v of Array.isArray(value) ? value : [value]) {
        params.append(key, String(v));
      }
    }
  }
  if (cursor) {
    params.append('cursor', cursor);
  }
  return `/search?${params.toString()}`;
}
