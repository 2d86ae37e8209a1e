import { LoggerService } from '@nestjs/common';
import { FastifyBaseLogger, FastifyReply, FastifyRequest, LogController } from 'fastify';
import { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import pino, { DestinationStream, Logger } from 'pino';
import { wasShed } from './load-shedding';
import { Env } from '../config/env';

const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Echoes a well-formed incoming X-Request-Id, otherwise makes one (fastify's genReqId). */
export function requestId(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && VALID_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * The one logger of the service: JSON lines (pino) through Fastify's own request logging, with the request id on
 * every request's lines. Bodies are never logged; headers that carry secrets are removed.
 *
 * Fastify's logger rather than a per-request middleware with an async context: the context made every promise in
 * the process pay for async hooks, about a sixth of the CPU time of a search.
 */
export function createLogger(env: Env, destination?: DestinationStream): Logger {
  return pino(
    {
      level: env.LOG_LEVEL,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'],
        remove: true,
      },
      serializers: {
        req: (request: FastifyRequest) => ({
          id: request.id,
          method: request.method,
          url: request.url,
          headers: { ...request.headers },
          remoteAddress: request.ip,
        }),
        res: (reply: FastifyReply) => ({ statusCode: reply.statusCode }),
        err: pino.stdSerializers.err,
      },
    },
    destination,
  );
}

/** One line per request, when it completes: 5xx and failed responses at error level, the rest at info. */
export class RequestLogs extends LogController {
  incomingRequest(): void {}

  requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const failed = Boolean(error) || (reply.statusCode >= 500 && !wasShed(request));
    const line = { req: request, res: reply, err: error ?? undefined, responseTime: reply.elapsedTime };
    if (failed) {
      reply.log.error(line, 'request errored');
    } else {
      reply.log.info(line, 'request completed');
    }
  }
}

type Context = string | undefined;

/** Nest's own start-up chatter (every module, controller and route mapped): useful when debugging, noise otherwise. */
const FRAMEWORK_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

/** Nest's own log calls (start-up, services) as lines of the same logger, with their context. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: FastifyBaseLogger) {}

  log(message: unknown, context?: Context): void {
    if (context && FRAMEWORK_CONTEXTS.has(context)) {
      this.logger.debug({ context }, String(message));
      return;
    }
    this.logger.info({ context }, String(message));
  }

  warn(message: unknown, context?: Context): void {
    this.logger.warn({ context }, String(message));
  }

  debug(message: unknown, context?: Context): void {
    this.logger.debug({ context }, String(message));
  }

  verbose(message: unknown, context?: Context): void {
    this.logger.trace({ context }, String(message));
  }

  fatal(message: unknown, context?: Context): void {
    this.logger.fatal({ context }, String(message));
  }

  /** Nest passes (message, stack, context), or (message, context) when there is no stack. */
  error(message: unknown, ...rest: Context[]): void {
    const context = rest.length > 1 ? rest[1] : rest[0];
    const stack = rest.length > 1 ? rest[0] : undefined;
    this.logger.error({ context, stack }, String(message));
  }
}
