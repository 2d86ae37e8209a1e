import { Injectable, NotFoundException } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { VerifyQueryDto } from '../../verification/dto/certification.dto';
import { VerifyService } from '../../verification/lookup/verify.service';
import { FieldError, ProblemException, toProblem } from '../../common/problem';
import { validationPipe } from '../../common/validation';
import { DirectoryTerms } from '../directory-terms';
import { SiteInfo } from '../site';
import { renderPage } from '../views/layout';
import { Verify, VerifyView } from '../views/verify';
import { formValues, inFormWords, withoutEmpty } from './field-messages';
import { RenderedPage } from './search.page';

const LABELS = { association: 'Association', credentialNumber: 'Credential number' };

function missingWords(e: FieldError): string | undefined {
  if (!e.message.endsWith('is required')) {
    return undefined;
  }
  return e.field === 'association'
    ? 'Choose the association that issued the credential.'
    : 'Enter the credential number.';
}

/** `/verify`: the form alone, or the API's lookup with the API's validation (the same DTO and pipe) and statuses. */
@Injectable()
export class VerifyPage {
  constructor(
    private readonly verify: VerifyService,
    private readonly terms: DirectoryTerms,
    private readonly site: SiteInfo,
  ) {}

  async render(request: FastifyRequest): Promise<RenderedPage> {
    const raw = withoutEmpty(request.query as Record<string, unknown>);
    const values = formValues(raw);
    const view: VerifyView = { form: { values, errors: [] }, record: null, notFound: false };
    let status = 200;
    if (Object.keys(request.query as object).length > 0) {
      try {
        const query = (await validationPipe.transform(raw, {
          type: 'query',
          metatype: VerifyQueryDto,
        })) as VerifyQueryDto;
        view.record = await this.verify.lookup(query);
      } catch (error) {
        if (error instanceof NotFoundException) {
          view.notFound = true;
          status = 404;
        } else if (error instanceof ProblemException) {
          const problem = toProblem(error).body;
          view.form.errors = inFormWords(problem.errors ?? [], LABELS, missingWords);
          status = problem.status;
        } else {
          throw error;
        }
      }
    }
    const title = view.form.errors.length ? 'Error: check a credential' : 'Check a credential';
    const html = renderPage(
      this.site,
      {
        title: `${title} – NMT Directory`,
        description:
          'Look up a massage therapy certification number in the issuing association’s own records, as they are today.',
        path: '/verify',
        noindex: status !== 200 || view.record !== null,
      },
      <Verify view={view} terms={await this.terms.get(view.record ? [view.record.association] : [])} />,
    );
    return { status, html };
  }
}
