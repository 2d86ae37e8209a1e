import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { InjectDataSource } from '@nestjs/typeorm';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { DataSource } from 'typeorm';
import { Env } from '../config/env';
import { Role } from '../users/user.entity';
import { AuthUser } from './decorators';

const isUuid = (value: unknown) =>
  typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

export interface AccessTokenPayload {
  sub: string;
  role: Role;
  ver: number;
  typ: 'access';
  exp?: number;
  /** The sign-in (refresh-token family) this token belongs to; a revoked family ends its access tokens too. */
  sid?: string;
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    env: Env,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: env.JWT_SECRET!,
      algorithms: ['HS256'],
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  /**
   * One indexed lookup per authenticated request: it is what makes logout, password changes and
   * role changes take effect at once instead of when the token expires.
   */
  async validate(payload: AccessTokenPayload): Promise<AuthUser> {
    if (payload.typ !== 'access' || !isUuid(payload.sub) || (payload.sid !== undefined && !isUuid(payload.sid))) {
      throw new UnauthorizedException('Not an access token.');
    }
    if (typeof payload.exp !== 'number') {
      // A token that never expires is not one this service issues, however well it is signed.
      throw new UnauthorizedException('A valid access token is required.');
    }
    const sessionId = typeof payload.sid === 'string' ? payload.sid : null;
    const [user] = await this.dataSource.query<
      { role: Role; association_id: string | null; token_version: number; session_ended: boolean }[]
    >(
      `SELECT role, association_id, token_version,
         $2::uuid IS NOT NULL AND EXISTS (SELECT 1 FROM refresh_token WHERE family_id = $2::uuid AND revoked_at IS NOT NULL) AS session_ended
       FROM app_user WHERE id = $1`,
      [payload.sub, sessionId],
    );
    if (!user || user.token_version !== payload.ver || user.role !== payload.role || user.session_ended) {
      throw new UnauthorizedException('This session has ended; sign in again.');
    }
    return { id: payload.sub, role: user.role, associationId: user.association_id, sessionId: sessionId ?? undefined };
  }
}
