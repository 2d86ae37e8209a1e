import { ExecutionContext, ForbiddenException, HttpException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { Role } from '../users/user.entity';
import { AuthUser, IS_PUBLIC, ROLES } from './decorators';

/** Secure by default: every route needs a valid access token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (!isPublic) {
      return (await super.canActivate(context)) as boolean;
    }
    // On public routes a token is optional: it only lets the caller see their own extras.
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>();
    if (request.headers.authorization) {
      await Promise.resolve(super.canActivate(context)).catch((error: unknown) => {
        if (!(error instanceof HttpException)) {
          throw error;
        }
      });
    }
    return true;
  }

  handleRequest<T>(error: unknown, user: T, info: unknown, context: ExecutionContext): T {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (error instanceof Error && !(error instanceof HttpException)) {
      throw error; // the user lookup failed (the database is down): not the caller's fault, never a 401
    }
    if (error || !user) {
      if (isPublic) {
        return undefined as T;
      }
      throw error instanceof UnauthorizedException ? error : new UnauthorizedException(describe(info));
    }
    return user;
  }
}

function describe(info: unknown): string {
  const name = (info as { name?: string } | undefined)?.name;
  if (name === 'TokenExpiredError') {
    return 'The access token has expired.';
  }
  return 'A valid access token is required.';
}

@Injectable()
export class RolesGuard {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles?.length) {
      return true;
    }
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (!user) {
      throw new UnauthorizedException('A valid access token is required.');
    }
    if (!roles.includes(user.role)) {
      throw new ForbiddenException('Your role does not allow this action.');
    }
    return true;
  }
}
