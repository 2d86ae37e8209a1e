import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { createLogger, NestPinoLogger, RequestLogs, requestId } from './common/logging';
import { useJsonBodies } from './common/json-body';
import { useAcceptableValues } from './common/input-values';
import { useShutdownHooks } from './common/shutdown';
import { useLoadShedding } from './common/load-shedding';
import { setupOpenApi } from './common/openapi';
import { clientErrors, routerErrors } from './common/router-errors';
import { securityHeaders, useSecurityHeaders } from './common/security-headers';
import { applyRoutePolicies, DEFAULT_BODY_LIMIT, routeTableOf } from './common/route-policy';
import { Env } from './config/env';
import { corsOptions } from './partners/partner-cors';
import { PartnerDirectory } from './partners/partner-directory';

/** Builds the fully configured application; used by `main.ts` and by the e2e tests alike. */
export async function createApp(env: Env): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: DEFAULT_BODY_LIMIT,
    trustProxy: env.TRUST_PROXY,
    return503OnClosing: true,
    // The whole request must have arrived within REQUEST_TIMEOUT_SECONDS (a body sent slowly is cut with a 408); the
    // check runs often enough to honour it within a quarter of that time.
    requestTimeout: env.REQUEST_TIMEOUT_SECONDS * 1000,
    http: {
      headersTimeout: Math.min(60_000, env.REQUEST_TIMEOUT_SECONDS * 1000),
      connectionsCheckingInterval: Math.min(30_000, env.REQUEST_TIMEOUT_SECONDS * 250),
    },
    genReqId: requestId,
    requestIdHeader: false,
    loggerInstance: createLogger(env),
    logController: new RequestLogs(),
    // For routes validated by a JSON schema: unknown parameters are errors (not silently dropped), a value is
    // converted only when it is exactly a number or boolean, and every failing field is reported (verbose: with
    // its schema, whose description explains a failed pattern).
    frameworkErrors: routerErrors(securityHeaders(env)),
    clientErrorHandler: clientErrors,
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: true, useDefaults: true, allErrors: true, verbose: true },
    },
  });
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    void reply.header('X-Request-Id', request.id);
    done();
  });
  useSecurityHeaders(adapter.getInstance(), env);
  useLoadShedding(adapter.getInstance(), env.MAX_IN_FLIGHT_REQUESTS);
  applyRoutePolicies(adapter.getInstance());
  useJsonBodies(adapter.getInstance());
  useAcceptableValues(adapter.getInstance());
  useShutdownHooks(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(env), adapter, {
    bufferLogs: true,
    abortOnError: false,
    bodyParser: false, // JSON through useJsonBodies; other types only where a route's policy accepts them
  });
  app.useLogger(new NestPinoLogger(adapter.getInstance().log));
  app.setGlobalPrefix('api/v1', {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: 'fhir{/*path}', method: RequestMethod.ALL },
      { path: '.well-known/jwks.json', method: RequestMethod.GET },
      { path: 'credentials/status/:list', method: RequestMethod.GET },
    ],
  });
  app.enableCors(corsOptions(env, app.get(PartnerDirectory), routeTableOf(adapter.getInstance())));
  setupOpenApi(app);
  await app.init();
  return app;
}
