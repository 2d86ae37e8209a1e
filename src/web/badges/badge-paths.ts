import { Injectable, NotFoundException } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { CROSS_ORIGIN, sendTagged } from '../web-reply';
import { badgeSvg } from './badge-svg';
import { BadgeService } from './badge.service';

/** Shared caches and e-mail clients may keep a badge this long; the badge script revalidates on every load. */
export const BADGE_MAX_AGE_SECONDS = 300;

/**
 * `/badges/{id}.svg` (the image) and `/badges/{id}.json` (the data the badge script shows): public, open to every
 * origin, cacheable for at most five minutes, with an ETag. 404 for an unknown or unpublished therapist.
 */
@Injectable()
export class BadgePaths {
  constructor(private readonly badges: BadgeService) {}

  async send(request: FastifyRequest<{ Params: { file: string } }>, reply: FastifyReply): Promise<FastifyReply> {
    const match = /^(.+)\.(svg|json)$/.exec(request.params.file);
    const headers = { ...CROSS_ORIGIN, 'Cache-Control': `public, max-age=${BADGE_MAX_AGE_SECONDS}` };
    try {
      if (!match) {
        throw new NotFoundException();
      }
      const view = await this.badges.view(match[1]);
      return match[2] === 'svg'
        ? sendTagged(request, reply, Buffer.from(badgeSvg(view)), { ...headers, 'Content-Type': 'image/svg+xml' })
        : sendTagged(request, reply, Buffer.from(JSON.stringify(view)), {
            ...headers,
            'Content-Type': 'application/json; charset=utf-8',
          });
    } catch (error) {
      if (!(error instanceof NotFoundException)) {
        throw error;
      }
      return reply
        .code(404)
        .headers({ ...CROSS_ORIGIN, 'Content-Type': 'application/problem+json' })
        .send({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No published therapist with this id.' });
    }
  }
}
