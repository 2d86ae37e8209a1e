import { createHash } from 'node:crypto';
import { FastifyReply } from 'fastify';

export interface CachedSearch {
  /** The JSON body, encoded once: hashed for the ETag and written as is. */
  body: Buffer;
  etag: string;
  expiresAt: number;
}

/** A small LRU of serialised responses for identical queries within max-age (Map keeps insertion order). */
export class SearchResponseCache {
  private readonly entries = new Map<string, CachedSearch>();

  constructor(
    private readonly maxAgeSeconds: number,
    private readonly maxEntries: number,
  ) {}

  get enabled(): boolean {
    return this.maxAgeSeconds > 0 && this.maxEntries > 0;
  }

  get(key: string): CachedSearch | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      return undefined;
    }
    this.entries.delete(key);
    if (entry.expiresAt <= Date.now()) {
      return undefined;
    }
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: CachedSearch): void {
    if (!this.enabled) {
      return;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }

  entry(json: string): CachedSearch {
    const body = Buffer.from(json);
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    return { body, etag, expiresAt: Date.now() + this.maxAgeSeconds * 1000 };
  }

  /** Writes the caching headers; answers 304 (no body) when If-None-Match names the current ETag. */
  send(reply: FastifyReply, ifNoneMatch: string | undefined, entry: CachedSearch): Buffer | undefined {
    void reply.header('ETag', entry.etag);
    void reply.header('Cache-Control', `public, max-age=${this.maxAgeSeconds}`);
    if (ifNoneMatch && matches(ifNoneMatch, entry.etag)) {
      void reply.status(304);
      return undefined;
    }
    void reply.header('Content-Type', 'application/json; charset=utf-8');
    return entry.body;
  }
}

function matches(header: string, etag: string): boolean {
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === etag || t === '*');
}
