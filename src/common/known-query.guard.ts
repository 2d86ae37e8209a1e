import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ProblemException } from './problem';

/**
 * Unknown query parameters are refused on every route, the same way: routes that read the query validate it
 * (class-validator DTO or JSON schema, both refusing unknown names); this refuses any query on the routes that read
 * none. It runs after the authentication and role guards, so a caller without access learns nothing from it.
 */
@Injectable()
export class KnownQueryGuard implements CanActivate {
  private readonly readsQuery = new WeakMap<object, boolean>();

  canActivate(context: ExecutionContext): boolean {
    const handler = context.getHandler();
    let reads = this.readsQuery.get(handler);
    if (reads === undefined) {
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler.name) ?? {}) as object;
      reads = Object.keys(args).some((key) => key.startsWith(`${RouteParamtypes.QUERY}:`));
      this.readsQuery.set(handler, reads);
    }
    const query = context.switchToHttp().getRequest<{ query?: Record<string, unknown> }>().query ?? {};
    const unknown = reads ? [] : Object.keys(query);
    if (unknown.length) {
      throw new ProblemException(
        400,
        `Unknown query parameter(s): ${unknown.join(', ')}.`,
        unknown.map((field) => ({ field, message: `${field} is not a known parameter` })),
      );
    }
    return true;
  }
}
