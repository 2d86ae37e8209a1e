import { createHash, hash } from 'node:crypto';
import { FastifyReply } from 'fastify';
import { SharedState } from '../cluster/shared-state';

/**
 * A search's answer, as text for the results page and as bytes with their ETag for the API; each form is made when
 * first asked for, once (a page needs no ETag of the JSON, the API no text).
 */
export class CachedSearch {
  constructor(
    private text: string | undefined,
    private bytes: Buffer | undefined,
    private tag: string | undefined,
    readonly expiresAt: number,
  ) {}

  get json(): string {
    return (this.text ??= this.bytes!.toString('utf8'));
  }

  /** The JSON body, encoded once: hashed for the ETag and written as is. */
  get body(): Buffer {
    return (this.bytes ??= Buffer.from(this.text!));
  }

  get etag(): string {
    return (this.tag ??= `"${hash('sha1', this.body, 'base64url')}"`);
  }
}

/**
 * Serialised responses for identical queries within max-age: in Redis when instances share it (so that they all answer
 * one query with one ETag), otherwise in a small LRU of this process (Map keeps insertion order).
 */
export class SearchResponseCache {
  private readonly entries = new Map<string, CachedSearch>();

  constructor(
    private readonly maxAgeSeconds: number,
    private readonly maxEntries: number,
    private readonly state: SharedState,
  ) {}

  get enabled(): boolean {
    return this.maxAgeSeconds > 0 && this.maxEntries > 0;
  }

  get(key: string): Promise<CachedSearch | undefined> {
    return this.state.run(
      async (redis) => {
        const stored = await redis.getBuffer(sharedKey(key));
        return stored ? decode(stored, this.maxAgeSeconds) : undefined;
      },
      () => this.getLocal(key),
    );
  }

  async set(key: string, entry: CachedSearch): Promise<void> {
    if (!this.enabled) {
      return;
    }
    await this.state.run(
      async (redis) => {
        await redis.set(sharedKey(key), encode(entry), 'PX', this.maxAgeSeconds * 1000);
      },
      () => this.setLocal(key, entry),
    );
  }

  private getLocal(key: string): CachedSearch | undefined {
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

  private setLocal(key: string, entry: CachedSearch): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }

  entry(json: string): CachedSearch {
    return new CachedSearch(json, undefined, undefined, Date.now() + this.maxAgeSeconds * 1000);
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

function sharedKey(key: string): string {
  return `search:${createHash('sha1').update(key).digest('base64url')}`;
}

/** The ETag, a newline, the body. */
function encode(entry: CachedSearch): Buffer {
  return Buffer.concat([Buffer.from(`${entry.etag}\n`), entry.body]);
}

function decode(stored: Buffer, maxAgeSeconds: number): CachedSearch {
  const newline = stored.indexOf(10);
  const etag = stored.subarray(0, newline).toString();
  return new CachedSearch(undefined, stored.subarray(newline + 1), etag, Date.now() + maxAgeSeconds * 1000);
}

function matches(header: string, etag: string): boolean {
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === etag || t === '*');
}
