import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyInstance } from 'fastify';
import { operationOutcome } from './fhir-error';
import { FHIR_JSON } from './fhir-urls';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The FHIR API is read-only: any other method under /fhir is a 405 OperationOutcome, answered in an onRequest hook,
 * before a body is parsed (a malformed body would otherwise be refused as problem+json by the body parser).
 */
@Injectable()
export class FhirReadOnly implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const instance = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    instance?.addHook('onRequest', (request, reply, done) => {
      const path = request.url.split('?')[0];
      if (READS.has(request.method) || (path !== '/fhir' && !path.startsWith('/fhir/'))) {
        return done();
      }
      void reply
        .code(405)
        .header('Allow', 'GET, HEAD')
        .header('Content-Type', FHIR_JSON)
        .send(
          operationOutcome('not-supported', 'This FHIR server is read-only: only GET (read and search) is served.'),
        );
    });
  }
}
