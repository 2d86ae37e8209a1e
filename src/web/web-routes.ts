import { HttpException, Injectable, Logger, NotFoundException, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AssetStore } from './assets/asset-store';
import { BadgePaths } from './badges/badge-paths';
import { CrawlService } from './crawl/crawl.service';
import { DirectoryTerms } from './directory-terms';
import { EmbedAccessService } from './embeds/embed-access.service';
import { PageRateLimit } from './page-rate-limit';
import { AccountPages } from './pages/account.page';
import { ProfilePage } from './pages/profile.page';
import { RenderedPage, SearchPage } from './pages/search.page';
import { VerifyPage } from './pages/verify.page';
import { renderHome, renderMessage } from './pages/simple-pages';
import { SiteInfo } from './site';
import { CROSS_ORIGIN, sendPage } from './web-reply';

/** Paths of the API and the machine-readable services: an unknown one there is the API's 404 problem, not a page. */
const SERVICE_ROOTS = ['/api/', '/fhir', '/docs', '/health', '/.well-known/', '/credentials/'];
const XML = 'application/xml; charset=utf-8';

/**
 * The pages, embeds and badges, registered on the HTTP server itself rather than as Nest controllers: the API's
 * global prefix can exclude a path only by its pattern, and `verify` or `therapists/:id` would take the API's own
 * routes of those names out of /api/v1 with them.
 */
@Injectable()
export class WebRoutes implements OnModuleInit {
  private readonly logger = new Logger(WebRoutes.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly assets: AssetStore,
    private readonly site: SiteInfo,
    private readonly terms: DirectoryTerms,
    private readonly search: SearchPage,
    private readonly profile: ProfilePage,
    private readonly verify: VerifyPage,
    private readonly crawl: CrawlService,
    private readonly badges: BadgePaths,
    private readonly access: EmbedAccessService,
    private readonly accounts: AccountPages,
    private readonly rateLimit: PageRateLimit,
  ) {}

  onModuleInit(): void {
    const app = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const limited = { onRequest: (req: FastifyRequest, reply: FastifyReply) => this.limit(req, reply) };
    app.get('/', limited, (req, reply) =>
      this.page(req, reply, async () => renderHome(this.site, await this.terms.get())),
    );
    app.get('/search', limited, (req, reply) => this.page(req, reply, () => this.search.render(req)));
    app.get<{ Params: { id: string }; Querystring: { reviews?: unknown } }>('/therapists/:id', limited, (req, reply) =>
      this.page(req, reply, () => this.profile.render(req)),
    );
    app.get('/verify', limited, (req, reply) => this.page(req, reply, () => this.verify.render(req)));
    const forms = { ...limited, config: { policy: { bodyTypes: ['application/x-www-form-urlencoded' as const] } } };
    app.get('/account/confirm-email', limited, (req, reply) =>
      this.page(req, reply, () => this.accounts.confirmForm(req), true),
    );
    app.post('/account/confirm-email', forms, (req, reply) =>
      this.page(req, reply, () => this.accounts.confirm(req), true),
    );
    app.get('/account/reset-password', limited, (req, reply) =>
      this.page(req, reply, () => this.accounts.resetForm(req), true),
    );
    app.post('/account/reset-password', forms, (req, reply) =>
      this.page(req, reply, () => this.accounts.reset(req), true),
    );
    app.get('/robots.txt', (_req, reply) => reply.type('text/plain; charset=utf-8').send(this.crawl.robots()));
    app.get('/sitemap.xml', limited, async (_req, reply) => reply.type(XML).send(await this.crawl.sitemap()));
    app.get<{ Params: { file: string } }>('/sitemaps/:file', limited, async (req, reply) => {
      const n = /^therapists-(\d{1,6})\.xml$/.exec(req.params.file)?.[1];
      const xml = n === undefined ? null : await this.crawl.numbered(Number(n));
      return xml === null ? this.notFound(req, reply) : reply.type(XML).send(xml);
    });
    app.get<{ Params: { file: string } }>(
      '/assets/:file',
      (req, reply) => this.assets.sendAsset(req, reply, req.params.file) ?? this.notFound(req, reply),
    );
    app.get<{ Params: { file: string } }>(
      '/embed/v1/:file',
      (req, reply) => this.assets.sendEmbed(req, reply, req.params.file) ?? this.notFound(req, reply),
    );
    app.post('/embed/v1/access', limited, async (req, reply) => {
      const key = typeof req.body === 'string' ? req.body : '';
      const answer = await this.access.check(key.slice(0, 200), req.headers.origin);
      return reply.headers({ ...CROSS_ORIGIN, 'Cache-Control': 'no-store' }).send(answer);
    });
    app.get<{ Params: { file: string } }>('/badges/:file', limited, (req, reply) => this.badges.send(req, reply));
    app.get('/*', (req, reply) =>
      SERVICE_ROOTS.some((root) => req.url.startsWith(root)) ? reply.callNotFound() : this.notFound(req, reply),
    );
  }

  /** `secret`: the page carries a token from a mail, so no cache may keep it and no referrer may leak it. */
  private async page(
    request: FastifyRequest,
    reply: FastifyReply,
    render: () => RenderedPage | string | Promise<RenderedPage | string>,
    secret = false,
  ): Promise<FastifyReply> {
    try {
      const page = await render();
      const headers: Record<string, string> = secret
        ? { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }
        : {};
      return typeof page === 'string'
        ? sendPage(request, reply, page, 200, headers)
        : sendPage(request, reply, page.html, page.status, headers);
    } catch (error) {
      if (error instanceof NotFoundException) {
        return this.notFound(request, reply);
      }
      if (error instanceof HttpException && error.getStatus() < 500) {
        const status = error.getStatus();
        return sendPage(request, reply, renderMessage(this.site, 'bad-link'), status);
      }
      request.log.error({ err: error }, 'page failed');
      return sendPage(request, reply, renderMessage(this.site, 'error'), 500);
    }
  }

  /** Over the page limit: a 429 page (or an empty 429 for what is not a page) and the handler never runs. */
  private async limit(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const wait = await this.rateLimit.retryAfter(request);
    if (wait === null) {
      return undefined;
    }
    void reply.header('Retry-After', String(wait));
    return sendPage(request, reply, renderMessage(this.site, 'too-many'), 429, { 'Cache-Control': 'no-store' });
  }

  private notFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
    return sendPage(request, reply, renderMessage(this.site, 'not-found'), 404);
  }
}
