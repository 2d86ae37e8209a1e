import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { JWK } from 'jose';
import { Public } from '../auth/decorators';
import { CredentialKeys } from './credential-keys.service';
import { VC_JWT } from './credentials.controller';
import { CredentialsService } from './credentials.service';

/** What a verifier fetches, outside /api/v1: the public keys and the status lists (see docs/credentials.md). */
@ApiExcludeController()
@Public()
@Controller()
export class WellKnownController {
  constructor(
    private readonly keys: CredentialKeys,
    private readonly credentials: CredentialsService,
  ) {}

  @Get('.well-known/jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  jwks(): { keys: JWK[] } {
    return this.keys.jwks();
  }

  @Get('credentials/status/:list')
  async statusList(@Param('list') list: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    if (!/^\d{1,9}$/.test(list)) {
      throw new NotFoundException(`There is no status list ${list}.`);
    }
    const { jwt, maxAge } = await this.credentials.statusList(Number(list));
    void reply.header('Content-Type', VC_JWT).header('Cache-Control', `public, max-age=${maxAge}`);
    return jwt;
  }
}
