import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface Service {
  image?: string;
  build?: string;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string>;
  volumes?: string[];
}

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(__dirname, '..', 'docker-compose.yml'), 'utf8')) as {
    services: Record<string, Service>;
    volumes: Record<string, unknown>;
  };

  it('should run PostgreSQL 16 on a named volume with a healthcheck', () => {
    const db = compose.services.db;
    expect(db.image).toBe('postgres:16');
    expect(db.healthcheck?.test.join(' ')).toMatch(/pg_isready/);
    const volume = db.volumes?.[0].split(':')[0];
    expect(Object.keys(compose.volumes)).toContain(volume);
  });

  it('should build the app from the Dockerfile, wait for a healthy database and check readiness', () => {
    const api = compose.services.api;
    expect(api.build).toBe('.');
    expect(api.depends_on?.db.condition).toBe('service_healthy');
    expect(api.healthcheck?.test.join(' ')).toMatch(/\/health\/ready/);
    expect(api.environment?.DATABASE_URL).toMatch(/^postgres:\/\/.*@db:5432\//);
  });

  it('should share rate limits and partner key changes between API instances through a healthy Redis', () => {
    const { redis, api } = compose.services;
    expect(redis.image).toMatch(/^redis:/);
    expect(redis.healthcheck?.test.join(' ')).toMatch(/redis-cli ping/);
    expect(api.depends_on?.redis.condition).toBe('service_healthy');
    expect(api.environment?.REDIS_URL).toBe('redis://redis:6379');
  });

  it('should build in stages', () => {
    const dockerfile = readFileSync(join(__dirname, '..', 'Dockerfile'), 'utf8');
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
  });
});
