import { Body, Controller, Get, Header, HttpCode, HttpException, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import Handlebars from 'handlebars';
import { Public } from '../auth/decorators';
import { isCommonPassword } from '../auth/password-policy';
import { Idempotent } from '../common/idempotency.interceptor';
import { RateLimit } from '../common/rate-limit';
import { PAGE } from './account-pages.templates';
import { EmailVerificationService } from './email-verification.service';
import { PasswordResetService } from './password-reset.service';
import { AcceptsBody } from '../common/route-policy';

interface PageModel {
  title: string;
  message?: string;
  error?: boolean;
  form?: { action: string; token: string; submit: string; password?: boolean; passwordError?: string };
}

const render = Handlebars.compile<PageModel>(PAGE, { strict: false });
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * The pages the links in mail open (outside /api/v1). Opening a link changes nothing (mail scanners open links too);
 * the button posts the form, which does what the API's confirm routes do.
 */
@ApiExcludeController()
@Idempotent()
@Public()
@Controller('account')
export class AccountPagesController {
  constructor(
    private readonly verifications: EmailVerificationService,
    private readonly resets: PasswordResetService,
  ) {}

  @Get('confirm-email')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  confirmEmailForm(@Query('token') token: unknown): string {
    return render({
      title: 'Confirm your e-mail address',
      form: { action: '/account/confirm-email', token: text(token), submit: 'Confirm my e-mail address' },
    });
  }

  @Post('confirm-email')
  @AcceptsBody(['application/x-www-form-urlencoded'])
  @HttpCode(200)
  @RateLimit('auth')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async confirmEmail(@Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const token = text((body as Record<string, unknown> | undefined)?.token);
    try {
      await this.verifications.confirm(token);
    } catch (error) {
      return this.refused(reply, error, 'Confirm your e-mail address');
    }
    return render({ title: 'E-mail address confirmed', message: 'Thank you: your e-mail address is confirmed.' });
  }

  @Get('reset-password')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  resetForm(@Query('token') token: unknown): string {
    return render({ title: 'Choose a new password', form: this.resetFormModel(text(token)) });
  }

  @Post('reset-password')
  @AcceptsBody(['application/x-www-form-urlencoded'])
  @HttpCode(200)
  @RateLimit('auth')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async reset(@Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const fields = (body ?? {}) as Record<string, unknown>;
    const token = text(fields.token);
    const password = text(fields.password);
    const problem = passwordProblem(password);
    if (problem) {
      void reply.status(400);
      return render({
        title: 'Choose a new password',
        form: { ...this.resetFormModel(token), passwordError: problem },
      });
    }
    try {
      await this.resets.confirm(token, password);
    } catch (error) {
      return this.refused(reply, error, 'Choose a new password');
    }
    return render({
      title: 'Password changed',
      message: 'Your new password works now; every session of your account has ended. Sign in again.',
    });
  }

  private resetFormModel(token: string): NonNullable<PageModel['form']> {
    return { action: '/account/reset-password', token, submit: 'Set my new password', password: true };
  }

  private refused(reply: FastifyReply, error: unknown, title: string): string {
    if (!(error instanceof HttpException) || error.getStatus() >= 500) {
      throw error;
    }
    void reply.status(error.getStatus());
    return render({ title, message: error.message, error: true });
  }
}

/** The API's password rules (8–128 characters, not a common password), said in words for the form. */
function passwordProblem(password: string): string | null {
  if (password.length < 8 || password.length > 128) {
    return 'The password must be 8 to 128 characters long.';
  }
  return isCommonPassword(password) ? 'This password is too common; choose a less predictable one.' : null;
}
