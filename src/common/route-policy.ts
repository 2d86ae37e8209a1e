import { applyDecorators, HttpStatus } from '@nestjs/common';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import { ApiSecurity } from '@nestjs/swagger';
import { FastifyInstance, FastifyRequest } from 'fastify';
import { parse as parseForm } from 'node:querystring';
import { ProblemException } from './problem';

/**
 * What a route allows beyond the defaults (JSON bodies up to 1 MB, no partner keys), declared on its handler and read
 * by the request hooks: there is no list of URLs to keep in step with the routes.
 */
export interface RoutePolicy {
  /** Partner sites may call it with X-Api-Key (the public reads API.md lists for partners). */
  partnerAccess?: boolean;
  /** Body media types accepted besides JSON. */
  bodyTypes?: BodyType[];
  /** The body size limit in bytes, instead of DEFAULT_BODY_LIMIT. */
  bodyLimit?: number;
}
export type BodyType = 'text/csv' | 'application/x-www-form-urlencoded';

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
  }
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Merges into the handler's Fastify route config, so that several policy decorators can sit on one handler. */
export function Policy(policy: RoutePolicy): MethodDecorator {
  return (_target, _key, descriptor) => {
    const handler = descriptor.value as object;
    const config = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) ?? {}) as { policy?: RoutePolicy };
    Reflect.defineMetadata(
      FASTIFY_ROUTE_CONFIG_METADATA,
      { ...config, policy: { ...config.policy, ...policy } },
      handler,
    );
    return descriptor;
  };
}

/** A public read partners may call with their key. */
export const PartnerAccess = () => applyDecorators(Policy({ partnerAccess: true }), ApiSecurity('partner'));

/** Also accepts these body types (and, when given, bodies up to `limit` bytes). */
export const AcceptsBody = (types: BodyType[], limit?: number) => Policy({ bodyTypes: types, bodyLimit: limit });

export function policyOf(request: FastifyRequest): RoutePolicy {
  return request.routeOptions.config?.policy ?? {};
}

/** The app's GET routes with their partner access, for preflights, which the router matches to no route of its own. */
export class RouteTable {
  private readonly exact = new Map<string, boolean>();
  private readonly parametric: { pattern: RegExp; partner: boolean; rank: number }[] = [];

  add(url: string, partner: boolean): void {
    if (url.includes(':') || url.includes('*')) {
      const pattern = url
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replace(/:[^/]+/g, '[^/]+')
        .replace(/\*/g, '.*');
      this.parametric.push({ pattern: new RegExp(`^${pattern}$`), partner, rank: rankOf(url) });
      this.parametric.sort((a, b) => b.rank - a.rank);
    } else {
      this.exact.set(url, partner);
    }
  }

  /** As the router would: a static route first, else the parametric ones. */
  partnerAccess(path: string): boolean {
    return this.exact.get(path) ?? this.parametric.find((r) => r.pattern.test(path))?.partner ?? false;
  }
}

/** Like the router: a catch-all loses to a parameter, and more literal text wins. */
const rankOf = (url: string) => (url.includes('*') ? -1e6 : 0) + url.replace(/:[^/]+/g, '').length;

const tables = new WeakMap<FastifyInstance, RouteTable>();

export function routeTableOf(fastify: FastifyInstance): RouteTable {
  let table = tables.get(fastify);
  if (!table) {
    table = new RouteTable();
    tables.set(fastify, table);
  }
  return table;
}

const unsupported = (type: string) =>
  new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, `This route does not accept ${type} bodies.`);

/**
 * Applies the policies as routes are registered (body limits, the route table) and registers the parsers of the
 * body types some routes accept, which refuse them everywhere else with a 415.
 */
export function applyRoutePolicies(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    const policy = route.config?.policy ?? {};
    route.bodyLimit = policy.bodyLimit ?? route.bodyLimit;
    const methods = [route.method].flat();
    if (methods.includes('GET')) {
      routeTableOf(fastify).add(route.url, Boolean(policy.partnerAccess));
    }
  });
  // CSV is left unread here: the handler streams it after authentication, so a big file is never buffered.
  fastify.addContentTypeParser('text/csv', (request, _payload, done) => {
    const { bodyTypes, bodyLimit = DEFAULT_BODY_LIMIT } = policyOf(request);
    if (!bodyTypes?.includes('text/csv')) {
      return done(unsupported('text/csv'), undefined);
    }
    if (Number(request.headers['content-length'] ?? 0) > bodyLimit) {
      return done(
        new ProblemException(HttpStatus.PAYLOAD_TOO_LARGE, `The body may be at most ${bodyLimit / 1024 / 1024} MB.`),
        undefined,
      );
    }
    done(null, undefined);
  });
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (request, body, done) => {
    if (!policyOf(request).bodyTypes?.includes('application/x-www-form-urlencoded')) {
      return done(unsupported('form'), undefined);
    }
    done(null, { ...parseForm(body as string) });
  });
}
