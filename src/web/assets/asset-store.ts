import { Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { AssetManifest } from '../build/build-assets';
import { WEB_DIST } from '../web-paths';
import { CROSS_ORIGIN, etagMatches, etagOf } from '../web-reply';

interface StoredFile {
  body: Buffer;
  gzip: Buffer;
  br: Buffer;
  etag: string;
  type: string;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};
/** Hashed names never change content; the embeds' fixed URLs are revalidated after a few minutes. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
export const EMBED_CACHE = 'public, max-age=300';

/** The bundles `npm run build` wrote, held in memory and compressed once at start-up. */
@Injectable()
export class AssetStore {
  private readonly assets = new Map<string, StoredFile>();
  private readonly embeds = new Map<string, StoredFile>();
  readonly manifest: AssetManifest;

  constructor() {
    const manifestFile = join(WEB_DIST, 'manifest.json');
    if (!existsSync(manifestFile)) {
      throw new Error(`The web assets are missing (${manifestFile}): run "npm run build" first.`);
    }
    this.manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as AssetManifest;
    load(join(WEB_DIST, 'assets'), this.assets);
    load(join(WEB_DIST, 'embed'), this.embeds);
  }

  /** The URL of a page asset by its logical name ("site.css"). */
  url(name: string): string {
    return `/assets/${this.manifest[name]}`;
  }

  /** The size in bytes of an embed as sent gzip-compressed. */
  embedGzipSize(name: string): number | undefined {
    return this.embeds.get(name)?.gzip.length;
  }

  sendAsset(request: FastifyRequest, reply: FastifyReply, name: string): FastifyReply | undefined {
    const file = this.assets.get(name);
    return file && send(request, reply, file, { 'Cache-Control': IMMUTABLE });
  }

  sendEmbed(request: FastifyRequest, reply: FastifyReply, name: string): FastifyReply | undefined {
    const file = this.embeds.get(name);
    return file && send(request, reply, file, { 'Cache-Control': EMBED_CACHE, ...CROSS_ORIGIN });
  }
}

function load(dir: string, into: Map<string, StoredFile>): void {
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (!type) {
      continue;
    }
    const body = readFileSync(join(dir, name));
    into.set(name, {
      body,
      gzip: gzipSync(body, { level: 9 }),
      br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
      etag: etagOf(body),
      type,
    });
  }
}

function send(
  request: FastifyRequest,
  reply: FastifyReply,
  file: StoredFile,
  headers: Record<string, string>,
): FastifyReply {
  void reply.headers({ ...headers, 'Content-Type': file.type, ETag: file.etag, Vary: 'Accept-Encoding' });
  if (etagMatches(request.headers['if-none-match'], file.etag)) {
    return reply.code(304).send();
  }
  const accepted = String(request.headers['accept-encoding'] ?? '');
  if (/\bbr\b/.test(accepted)) {
    return reply.header('Content-Encoding', 'br').send(file.br);
  }
  if (/\bgzip\b/.test(accepted)) {
    return reply.header('Content-Encoding', 'gzip').send(file.gzip);
  }
  return reply.send(file.body);
}
