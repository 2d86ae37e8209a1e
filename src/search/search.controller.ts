import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiHeader,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { RouteSchema } from '@nestjs/platform-fastify';
import { FastifyReply } from 'fastify';
import { Public } from '../auth/decorators';
import { RateLimit } from '../common/rate-limit';
import { ApiSearchQuery, SEARCH_QUERY_SCHEMA, SearchQuery } from './dto/search-query.schema';
import { SearchResultDto } from './dto/search-result.dto';
import { TOTAL_CAP } from './search-sql';
import { SearchService } from './search.service';
import { PartnerAccess } from '../common/route-policy';

const DESCRIPTION = `Therapists within \`radiusKm\` of a point, from \`near=lat,lng\`, \`postalCode\` (+\`country\`, default US)
or \`city\`+\`region\` (exactly one form). Only published profiles; by default only therapists holding a certification
verified and unexpired today (UTC). \`condition\` takes a slug or free text ("back pain", "fibromyalga"), resolved
through condition names and synonyms with typo tolerance; the slug used is echoed in \`query.condition\`.
Unresolvable places, condition texts and unknown specialties are 422 naming the parameter. \`q\` matches display name
and bio by trigram word similarity (≥ 0.5). Sorts: \`distance\` (nearest first), \`rating\` (average, then number of
reviews; unrated last), \`relevance\` (match of \`q\`, then distance; without \`q\` the same as distance); ties by id.
Paging is keyset: \`nextCursor\` continues exactly where the page ended and is bound to this search (another search's
cursor is 400). \`total\` is exact up to ${TOTAL_CAP} matches; beyond, it is ${TOTAL_CAP} with \`totalCapped: true\` (counting every
match of a dense city would cost more than the page itself). Distances are great-circle (earthdistance sphere); the
radius and the order are exact to within a millimetre. Responses carry an ETag and \`Cache-Control: public, max-age\`; a matching
If-None-Match gets 304.`;

@ApiTags('search')
@Controller('search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Public()
  @PartnerAccess()
  @RateLimit('lookup')
  @Get('therapists')
  @RouteSchema({ querystring: SEARCH_QUERY_SCHEMA })
  @ApiOperation({ summary: 'Find therapists near a place', description: DESCRIPTION })
  @ApiSearchQuery()
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'An ETag from an earlier response' })
  @ApiOkResponse({ type: SearchResultDto })
  @ApiNotModifiedResponse({ description: 'Unchanged since the ETag given in If-None-Match' })
  @ApiBadRequestResponse({
    description: 'Missing point, unknown or repeated parameter, value out of range, bad cursor',
  })
  @ApiUnprocessableEntityResponse({ description: 'The place, condition text or specialty cannot be resolved' })
  async therapists(
    @Query() query: SearchQuery,
    @Headers('if-none-match') etag: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | undefined> {
    return this.search.cache.send(reply, etag, await this.search.search(query));
  }
}
