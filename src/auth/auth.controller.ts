import { Idempotent, IssuesSecrets } from '../common/idempotency.interceptor';
import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { RateLimit } from '../common/rate-limit';
import { AuthService } from './auth.service';
import { AuthUser, CurrentUser, Public, SignedIn } from './decorators';
import { AuthResponseDto, LoginDto, LogoutDto, MeDto, RefreshDto, RegisterDto } from './dto/auth.dto';

@ApiTags('auth')
@Idempotent()
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @RateLimit('auth')
  @IssuesSecrets()
  @Post('register')
  @ApiOperation({
    summary: 'Sign up as a client or therapist',
    description:
      'Answers with the new account and a session: the tokens work at once. The email is unique regardless of case.',
  })
  @ApiCreatedResponse({
    type: AuthResponseDto,
    description: 'Signed up; a mail with an e-mail confirmation link is sent',
  })
  @ApiConflictResponse({ description: 'The email is already registered (case-insensitive)' })
  register(@Body() dto: RegisterDto): Promise<AuthResponseDto> {
    return this.auth.register(dto);
  }

  @Public()
  @RateLimit('auth')
  @IssuesSecrets()
  @Post('login')
  @ApiOperation({
    summary: 'Sign in',
    description:
      'The same 401 for an unknown email and a wrong password. After LOGIN_FAILURE_LIMIT failures per account and address, 429.',
  })
  @HttpCode(200)
  @ApiOkResponse({ type: AuthResponseDto })
  @ApiUnauthorizedResponse({ description: 'Unknown email or wrong password (the same answer for both)' })
  @ApiForbiddenResponse({ description: 'The password is right but a platform admin disabled the account' })
  login(@Body() dto: LoginDto, @Ip() ip: string): Promise<AuthResponseDto> {
    return this.auth.login(dto, ip);
  }

  @Public()
  @RateLimit('auth')
  @IssuesSecrets()
  @Post('refresh')
  @ApiOperation({
    summary: 'Exchange a refresh token for a new pair',
    description: 'Each refresh token works once; presenting a spent one revokes every token of its session family.',
  })
  @HttpCode(200)
  @ApiOkResponse({ type: AuthResponseDto, description: 'A new token pair; the refresh token used is spent' })
  @ApiUnauthorizedResponse({ description: 'Invalid, expired or reused refresh token (reuse revokes its whole family)' })
  refresh(@Body() dto: RefreshDto): Promise<AuthResponseDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  @SignedIn()
  @RateLimit('auth')
  @Post('logout')
  @ApiOperation({ summary: 'End one session (with its refresh token) or every session of the caller (without)' })
  @ApiBody({ type: LogoutDto, required: false })
  @HttpCode(204)
  @ApiNoContentResponse({
    description:
      'With a refresh token: that session ends. Without: every session of the caller ends, access tokens included',
  })
  logout(@CurrentUser() user: AuthUser, @Body() dto: LogoutDto): Promise<void> {
    return this.auth.logout(user, dto.refreshToken);
  }

  @SignedIn()
  @Get('me')
  @ApiOperation({ summary: 'The signed-in account' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() user: AuthUser): Promise<MeDto> {
    return this.auth.me(user);
  }
}
