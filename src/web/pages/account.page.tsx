import { HttpException, Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { EmailVerificationService } from '../../accounts/email-verification.service';
import { PasswordResetService } from '../../accounts/password-reset.service';
import { isCommonPassword } from '../../auth/password-policy';
import { SiteInfo } from '../site';
import { Account, AccountView } from '../views/account';
import { renderPage } from '../views/layout';
import { RenderedPage } from './search.page';

const CONFIRM = '/account/confirm-email';
const RESET = '/account/reset-password';
const text = (value: unknown) => (typeof value === 'string' ? value : '');
const fields = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;

/** The API's password rules (8–128 characters, not a common password), said in words for the form. */
function passwordProblem(password: string): string | null {
  if (password.length < 8 || password.length > 128) {
    return 'The password must be 8 to 128 characters long.';
  }
  return isCommonPassword(password) ? 'This password is too common; choose a less predictable one.' : null;
}

/** The pages the links in mail open; the forms post here and do what the API's confirm routes do. */
@Injectable()
export class AccountPages {
  constructor(
    private readonly verifications: EmailVerificationService,
    private readonly resets: PasswordResetService,
    private readonly site: SiteInfo,
  ) {}

  confirmForm(request: FastifyRequest): RenderedPage {
    const token = text((request.query as Record<string, unknown>).token);
    return this.page({
      heading: 'Confirm your e-mail address',
      form: { action: CONFIRM, token, submit: 'Confirm my e-mail address' },
    });
  }

  async confirm(request: FastifyRequest): Promise<RenderedPage> {
    try {
      await this.verifications.confirm(text(fields(request).token));
    } catch (error) {
      return this.refused(error, 'Confirm your e-mail address');
    }
    return this.page({ heading: 'E-mail address confirmed', message: 'Thank you: your e-mail address is confirmed.' });
  }

  resetForm(request: FastifyRequest): RenderedPage {
    return this.page(this.resetView(text((request.query as Record<string, unknown>).token)));
  }

  async reset(request: FastifyRequest): Promise<RenderedPage> {
    const token = text(fields(request).token);
    const password = text(fields(request).password);
    const problem = passwordProblem(password);
    if (problem) {
      return this.page(this.resetView(token, problem), 400);
    }
    try {
      await this.resets.confirm(token, password);
    } catch (error) {
      return this.refused(error, 'Choose a new password');
    }
    return this.page({
      heading: 'Password changed',
      message: 'Your new password works now; every session of your account has ended. Sign in again.',
    });
  }

  private resetView(token: string, problem?: string): AccountView {
    const errors = problem ? [{ field: 'password', message: problem }] : [];
    return {
      heading: 'Choose a new password',
      form: { action: RESET, token, submit: 'Set my new password', password: { values: {}, errors } },
    };
  }

  private refused(error: unknown, heading: string): RenderedPage {
    if (!(error instanceof HttpException) || error.getStatus() >= 500) {
      throw error;
    }
    return this.page({ heading, message: error.message, refused: true }, error.getStatus());
  }

  private page(view: AccountView, status = 200): RenderedPage {
    const html = renderPage(
      this.site,
      { title: `${view.heading} – NMT Directory`, description: view.heading, path: '/', noindex: true },
      <Account view={view} />,
    );
    return { html, status };
  }
}
