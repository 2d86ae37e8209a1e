import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyInstance, FastifyRequest } from 'fastify';
import { ProblemException } from '../common/problem';
import { ROSTER_BYTE_LIMIT } from './roster-source';

const IMPORT_ROUTE = /\/records\/import$/;

/**
 * text/csv is accepted on the roster import route only, and left unread here: the handler streams it through the CSV
 * parser after authentication, so a 50 MB roster is never buffered. Everywhere else text/csv stays a 415.
 */
@Injectable()
export class CsvBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addContentTypeParser('text/csv', (request: FastifyRequest, _payload, done) => {
      if (!IMPORT_ROUTE.test(request.routeOptions.url ?? '')) {
        return done(
          new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'text/csv is only accepted by roster imports.'),
          undefined,
        );
      }
      if (Number(request.headers['content-length'] ?? 0) > ROSTER_BYTE_LIMIT) {
        return done(new ProblemException(HttpStatus.PAYLOAD_TOO_LARGE, 'A roster may be at most 50 MB.'), undefined);
      }
      done(null, undefined);
    });
  }
}
