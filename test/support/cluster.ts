import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServer, Socket } from 'node:net';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { createApp } from '../../src/app.factory';
import { Env } from '../../src/config/env';
import { TestApp } from './app';
import { OpenApiContract } from './openapi-contract';

/** The Redis the suite found (global-setup), or undefined: the tests that need one are skipped. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL;

let runs = 0;

/** A key prefix of this test's own, so that parallel runs sharing one Redis never see each other's counters. */
export function redisKeyPrefix(): string {
  return `nmt-test:${process.env.TEST_RUN_ID}:${process.pid}:${runs++}:`;
}

export interface Instance {
  app: NestFastifyApplication;
  http: TestAgent;
  close(): Promise<void>;
}

/** One more instance of `first`'s app: the same database, the same settings (Redis included). */
export async function anotherInstance(first: TestApp): Promise<Instance> {
  const app = await createApp(Object.assign(new Env(), first.env));
  const fastify = app.getHttpAdapter().getInstance();
  OpenApiContract.watch(fastify);
  await fastify.ready();
  return { app, http: request(app.getHttpServer()), close: () => app.close() };
}

/** A TCP relay in front of Redis whose cut() makes Redis go away for whoever connected through it. */
export async function redisRelay(target: string): Promise<{ url: string; cut(): Promise<void> }> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = new Socket().connect(Number(port || 6379), hostname);
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ]) {
      sockets.add(a);
      a.pipe(b);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        sockets.delete(a);
        b.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: relayPort } = server.address() as { port: number };
  const auth = new URL(target);
  auth.host = `127.0.0.1:${relayPort}`;
  return {
    url: auth.toString(),
    cut: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      sockets.forEach((s) => s.destroy());
      await closed;
    },
  };
}
