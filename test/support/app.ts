import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { Env, EnvInput, validateEnv } from '../../src/config/env';
import { databaseUrl, RUN_PREFIX, withAdmin } from './databases';
import { OpenApiContract } from './openapi-contract';

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  db: DataSource;
  env: Env;
  close(): Promise<void>;
}

let counter = 0;

async function cloneTemplate(adminUrl: string, template: string, name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
      return;
    } catch (error) {
      // Two workers cloning the template at the same moment: PostgreSQL refuses the second; try again.
      if ((error as { code?: string }).code !== '55006' || attempt > 20) {
        throw error;
      }
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
}

/**
 * Boots the real AppModule against a fresh database built by the migrations. Rate limits are off unless asked for;
 * mail (without SMTP_URL) is kept in a folder of this app's own.
 */
export async function createTestApp(overrides: EnvInput = {}): Promise<TestApp> {
  const adminUrl = process.env.TEST_ADMIN_URL!;
  const template = process.env.TEST_TEMPLATE_DB!;
  const name = `${RUN_PREFIX}${process.env.TEST_RUN_ID}_${process.pid}_${counter++}`;
  await cloneTemplate(adminUrl, template, name);
  const env = validateEnv({
    DATABASE_URL: databaseUrl(adminUrl, name),
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-signing',
    RATE_LIMITS: 'off',
    LOG_LEVEL: 'silent',
    DB_POOL_SIZE: '5',
    MAIL_DIR: join(tmpdir(), `${name}-mail`),
    ...overrides,
  });
  const app = await createApp(env).catch(async (error: unknown) => {
    await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    throw error;
  });
  const fastify = app.getHttpAdapter().getInstance();
  OpenApiContract.watch(fastify);
  await fastify.ready();
  return {
    app,
    http: request(app.getHttpServer()),
    db: app.get(DataSource),
    env,
    close: async () => {
      await app.close();
      await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      await rm(env.MAIL_DIR, { recursive: true, force: true });
    },
  };
}
