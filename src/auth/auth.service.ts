import {
  ConflictException,
  ForbiddenException,
  HttpException,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  UnauthorizedException,
} from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { Env } from '../config/env';
import { MailQueue } from '../mail/mail-queue';
import { MailWorker } from '../mail/mail-worker';
import { publicUser, Role, User } from '../users/user.entity';
import { AuthUser } from './decorators';
import { AuthResponseDto, LoginDto, MeDto, RegisterDto } from './dto/auth.dto';
import { AccessTokenPayload } from './jwt.strategy';
import { hashPassword, verifyPassword } from './passwords';
import { RefreshToken } from './refresh-token.entity';
import { SessionsRepository } from './sessions.repository';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const INVALID_LOGIN = 'Invalid email or password.';

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly env: Env,
    private readonly jwt: JwtService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(RefreshToken) private readonly refreshTokens: Repository<RefreshToken>,
    private readonly sessions: SessionsRepository,
    private readonly mailQueue: MailQueue,
    private readonly mailWorker: MailWorker,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { BOOTSTRAP_ADMIN_EMAIL: email, BOOTSTRAP_ADMIN_PASSWORD: password } = this.env;
    if (!email || !password || (await this.users.existsBy({ email }))) {
      return;
    }
    await this.createUser({ email, password, name: 'Platform admin', role: Role.PlatformAdmin });
    this.logger.log(`Created platform admin ${email}`);
  }

  /** Creates an account; the email is unique regardless of case (citext). */
  async createUser(
    input: { email: string; password: string; name: string; role: Role; associationId?: string },
    manager?: EntityManager,
  ): Promise<User> {
    const repo = manager?.getRepository(User) ?? this.users;
    const passwordHash = await hashPassword(input.password);
    const inserted = await repo
      .createQueryBuilder()
      .insert()
      .values({ ...input, passwordHash, associationId: input.associationId ?? null, tokenVersion: 0 })
      .orIgnore()
      .returning('id')
      .execute();
    const [row] = inserted.raw as { id: string }[];
    if (!row) {
      throw new ConflictException('An account with this email already exists.');
    }
    // Read back through the entity: the raw RETURNING row has column names, not the entity's property names.
    return repo.findOneByOrFail({ id: row.id });
  }

  /** The account and its e-mail confirmation mail commit together; the mail is sent after the response. */
  async register(dto: RegisterDto): Promise<AuthResponseDto> {
    const user = await this.dataSource.transaction(async (m) => {
      const created = await this.createUser(dto, m);
      await this.mailQueue.queueWithToken(m, 'email-confirmation', created, `email-confirmation:${created.id}:0`);
      return created;
    });
    this.mailWorker.kick();
    return this.issueSession(user);
  }

  async login(dto: LoginDto, ip: string): Promise<AuthResponseDto> {
    await this.refuseIfTooManyFailures(dto.email, ip);
    const user = await this.users.findOneBy({ email: dto.email });
    if (!(await verifyPassword(user?.passwordHash, dto.password)) || !user) {
      await this.sessions.recordLoginFailure(dto.email, ip);
      throw new UnauthorizedException(INVALID_LOGIN);
    }
    if (user.disabledAt) {
      throw new ForbiddenException('This account is disabled.');
    }
    return this.issueSession(user);
  }

  private async refuseIfTooManyFailures(email: string, ip: string): Promise<void> {
    if (this.env.RATE_LIMITS === 'off') {
      return;
    }
    const window = this.env.LOGIN_FAILURE_WINDOW_SECONDS;
    const row = await this.sessions.recentLoginFailures(email, ip, window);
    if (row.failures >= this.env.LOGIN_FAILURE_LIMIT && row.oldest) {
      const retryAfter = Math.max(1, Math.ceil((row.oldest.getTime() + window * 1000 - Date.now()) / 1000));
      throw new HttpException({ message: 'Too many failed sign-ins; try again later.', retryAfter }, 429);
    }
  }

  async refresh(token: string): Promise<AuthResponseDto> {
    const tokenHash = sha256(token);
    // Claiming the token and detecting reuse happen in one statement each, so two concurrent refreshes cannot both win.
    const claimed = await this.sessions.claimRefreshToken(tokenHash);
    if (!claimed) {
      const reusedFamily = await this.sessions.revokeToken(tokenHash);
      if (reusedFamily) {
        await this.sessions.revokeFamily(reusedFamily);
        this.logger.warn(`Refresh token reuse detected; family ${reusedFamily} revoked`);
      }
      throw new UnauthorizedException('The refresh token is invalid, expired or already used.');
    }
    const user = await this.users.findOneByOrFail({ id: claimed.user_id });
    if (user.disabledAt || user.deletedAt) {
      throw new UnauthorizedException('The refresh token is invalid, expired or already used.');
    }
    return this.issueSession(user, claimed.family_id);
  }

  async logout(caller: AuthUser, refreshToken?: string): Promise<void> {
    if (refreshToken) {
      const token = await this.refreshTokens.findOneBy({ tokenHash: sha256(refreshToken), userId: caller.id });
      if (token) {
        await this.sessions.revokeFamily(token.familyId);
      }
      return;
    }
    await this.dataSource.transaction((manager) => this.sessions.endAll(manager, caller.id));
  }

  async me(caller: AuthUser): Promise<MeDto> {
    const user = await this.users.findOneByOrFail({ id: caller.id });
    const me: MeDto = { ...publicUser(user), emailVerified: user.emailVerifiedAt !== null };
    if (user.associationId) {
      me.associationSlug = await this.sessions.associationSlug(user.associationId);
    }
    return me;
  }

  private async issueSession(user: User, familyId: string = randomUUID()): Promise<AuthResponseDto> {
    const payload: AccessTokenPayload = {
      sub: user.id,
      role: user.role,
      ver: user.tokenVersion,
      typ: 'access',
      sid: familyId,
    };
    const accessToken = await this.jwt.signAsync(payload, {
      algorithm: 'HS256',
      issuer: this.env.JWT_ISSUER,
      audience: this.env.JWT_AUDIENCE,
      expiresIn: this.env.ACCESS_TOKEN_TTL_SECONDS,
    });
    const refreshToken = randomBytes(32).toString('base64url');
    await this.refreshTokens.insert({
      userId: user.id,
      familyId,
      tokenHash: sha256(refreshToken),
      expiresAt: new Date(Date.now() + this.env.REFRESH_TOKEN_TTL_SECONDS * 1000),
    });
    return { user: publicUser(user), accessToken, refreshToken };
  }
}
