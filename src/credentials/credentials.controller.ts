import { Controller, Get, Header, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators';
import { CredentialsService } from './credentials.service';

export const VC_JWT = 'application/vc+jwt';

const DESCRIPTION = `A W3C Verifiable Credential 2.0, typed as an Open Badges 3.0 OpenBadgeCredential, secured as a JWT
(\`typ: vc+jwt\`, \`alg\` EdDSA or ES256, \`kid\`): the directory states that the therapist at the subject's profile URL
holds the association's credential type, checked against the association's records (\`evidence\`). \`validUntil\` (and
\`exp\`) is the end of the credential's expiry date (UTC). Verify it offline with the public keys at
\`/.well-known/jwks.json\` and its \`credentialStatus\`, a BitstringStatusListEntry (purpose \`revocation\`) in the list
at \`/credentials/status/{list}\`, whose bit is set once the certification stops being verified. Issued only for a
certification verified today on a published profile; otherwise 404.`;

@ApiTags('credentials')
@Public()
@Controller('certifications')
export class CredentialsController {
  constructor(private readonly credentials: CredentialsService) {}

  @Get(':id/credential')
  @Header('Content-Type', VC_JWT)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'A signed verifiable credential for a certification verified today',
    description: DESCRIPTION,
  })
  @ApiProduces(VC_JWT)
  @ApiOkResponse({
    description: 'The credential as a compact JWS (header.payload.signature)',
    content: {
      [VC_JWT]: { schema: { type: 'string', pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$' } },
    },
  })
  @ApiNotFoundResponse({
    description:
      'No such certification, or not verified today (withdrawn, expired, rejected, under review, unpublished profile)',
  })
  credential(@Param('id', ParseUUIDPipe) id: string): Promise<string> {
    return this.credentials.credential(id);
  }
}
