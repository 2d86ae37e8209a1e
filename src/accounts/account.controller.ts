import { Body, Controller, Delete, Get, HttpCode, Ip, Patch, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, Public, SignedIn } from '../auth/decorators';
import { UserDto } from '../auth/dto/auth.dto';
import { Idempotent } from '../common/idempotency.interceptor';
import { RateLimit } from '../common/rate-limit';
import { AccountService } from './account.service';
import { DeletionService } from './deletion.service';
import {
  AcceptedDto,
  ChangePasswordDto,
  DeleteAccountDto,
  EmailVerificationConfirmDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  UpdateMeDto,
} from './dto/account.dto';
import { AccountExportDto } from './dto/export.dto';
import { EmailVerificationService } from './email-verification.service';
import { ExportService } from './export.service';
import { PasswordResetService } from './password-reset.service';

const RESET_ACCEPTED: AcceptedDto = {
  message: 'If an account uses this address, a link to reset its password is on its way.',
};
const CONFIRMATION_ACCEPTED: AcceptedDto = {
  message: 'Unless the address is already confirmed, a new confirmation link is on its way.',
};

@ApiTags('auth')
@Idempotent()
@Controller('auth')
export class AccountController {
  constructor(
    private readonly resets: PasswordResetService,
    private readonly verifications: EmailVerificationService,
    private readonly account: AccountService,
    private readonly exports: ExportService,
    private readonly deletion: DeletionService,
  ) {}

  @Public()
  @RateLimit('auth')
  @Post('password-reset')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Ask for a password-reset link by mail',
    description:
      'Always 202 with the same body, whether or not an account uses the address: the request is recorded and the ' +
      'mail worker mails a link (valid 30 minutes, single use) to an existing, active account. At most ' +
      'PASSWORD_RESET_LIMIT requests per address per PASSWORD_RESET_WINDOW_SECONDS (429 otherwise, for any address), ' +
      'and the sign-up/sign-in limit per client address.',
  })
  @ApiAcceptedResponse({ type: AcceptedDto })
  requestReset(@Body() dto: PasswordResetRequestDto, @Ip() ip: string): Promise<AcceptedDto> {
    return this.resets.request(dto.email, ip).then(() => RESET_ACCEPTED);
  }

  @Public()
  @RateLimit('auth')
  @Post('password-reset/confirm')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Set a new password with the token from a reset mail',
    description:
      'The token is the `token` query parameter of the mailed link. The new password works at once, the old one no ' +
      "longer does, every session of the account ends and the account's other reset links are spent.",
  })
  @ApiNoContentResponse({ description: 'Password changed; sign in with the new one' })
  @ApiUnprocessableEntityResponse({ description: 'The token is unknown, expired, already used or for another purpose' })
  confirmReset(@Body() dto: PasswordResetConfirmDto): Promise<void> {
    return this.resets.confirm(dto.token, dto.password);
  }

  @Public()
  @RateLimit('auth')
  @Post('email-verification/confirm')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Confirm an e-mail address with the token from a confirmation mail',
    description: 'Sign-up sends the mail; the link is valid 7 days, once, and only for the address it was sent to.',
  })
  @ApiNoContentResponse({ description: 'Confirmed: GET /auth/me says emailVerified: true' })
  @ApiUnprocessableEntityResponse({ description: 'The token is unknown, expired, already used or for another purpose' })
  confirmEmail(@Body() dto: EmailVerificationConfirmDto): Promise<void> {
    return this.verifications.confirm(dto.token);
  }

  @SignedIn()
  @RateLimit('auth')
  @Post('email-verification')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Mail a new e-mail confirmation link',
    description: 'A confirmed address gets no mail (the answer is the same).',
  })
  @ApiAcceptedResponse({ type: AcceptedDto })
  resendConfirmation(@CurrentUser() user: AuthUser): Promise<AcceptedDto> {
    return this.verifications.resend(user).then(() => CONFIRMATION_ACCEPTED);
  }

  @SignedIn()
  @Patch('me')
  @ApiOperation({ summary: 'Change your name' })
  @ApiOkResponse({ type: UserDto })
  rename(@CurrentUser() user: AuthUser, @Body() dto: UpdateMeDto): Promise<UserDto> {
    return this.account.rename(user, dto.name);
  }

  @SignedIn()
  @RateLimit('auth')
  @Post('me/password')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Change your password',
    description:
      'Every other session ends at once (refresh and access tokens); the one making the request goes on. ' +
      'Unused reset links are spent.',
  })
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiForbiddenResponse({ description: 'currentPassword is not correct' })
  changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.account.changePassword(user, dto.currentPassword, dto.newPassword);
  }

  @SignedIn()
  @Get('me/export')
  @ApiOperation({
    summary: 'Everything the service holds about you',
    description:
      'Account, therapist profile, certifications with their audit trails, reviews written, invitations, flags, ' +
      'sessions, mail and mailed links, reset requests and failed sign-ins. No secret: no password hash, no token ' +
      'or token hash.',
  })
  @ApiOkResponse({ type: AccountExportDto })
  export(@CurrentUser() user: AuthUser): Promise<AccountExportDto> {
    return this.exports.export(user);
  }

  @SignedIn()
  @RateLimit('auth')
  @Delete('me')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete your account',
    description:
      'The account can no longer sign in and its tokens stop working; a therapist profile leaves search and its page ' +
      'at once (404); reviews written stay, their author shown as "Former client"; the certification audit trail ' +
      'keeps each event but not the person (actor and reasons are replaced). The last active platform admin cannot ' +
      'delete their account (422).',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiForbiddenResponse({ description: 'The password is not correct' })
  @ApiUnprocessableEntityResponse({ description: 'The caller is the last active platform admin' })
  delete(@CurrentUser() user: AuthUser, @Body() dto: DeleteAccountDto): Promise<void> {
    return this.deletion.delete(user, dto.password);
  }
}
