import { Injectable } from '@nestjs/common';
import { SiteInfo } from '../site';
import { WebRepository } from '../web.repository';

/** The sitemap protocol's limit of URLs per file; past it, /sitemap.xml becomes an index of numbered files. */
export const SITEMAP_LIMIT = 50_000;

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

@Injectable()
export class CrawlService {
  constructor(
    private readonly repository: WebRepository,
    private readonly site: SiteInfo,
  ) {}

  robots(): string {
    return [
      'User-agent: *',
      'Allow: /',
      'Disallow: /api/',
      'Disallow: /embed/',
      'Disallow: /badges/',
      '',
      `Sitemap: ${this.site.origin}/sitemap.xml`,
      '',
    ].join('\n');
  }

  /** Every published profile in one urlset, or an index of numbered sitemaps past SITEMAP_LIMIT URLs. */
  async sitemap(): Promise<string> {
    const total = await this.repository.publishedCount();
    const pages = this.pagesFor(total);
    if (pages === 1) {
      return this.urlset(0);
    }
    const entries = Array.from(
      { length: pages },
      (_, n) => `<sitemap><loc>${escapeXml(`${this.site.origin}/sitemaps/therapists-${n + 1}.xml`)}</loc></sitemap>`,
    );
    return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</sitemapindex>\n`;
  }

  /** The numbered sitemap (1-based), or null past the last one. */
  async numbered(page: number): Promise<string | null> {
    const pages = this.pagesFor(await this.repository.publishedCount());
    return page >= 1 && page <= pages && pages > 1 ? this.urlset(page - 1) : null;
  }

  private pagesFor(total: number): number {
    // The home page takes one URL of the first file.
    return Math.max(1, Math.ceil((total + 1) / SITEMAP_LIMIT));
  }

  private async urlset(index: number): Promise<string> {
    const home = index === 0 ? [`<url><loc>${escapeXml(`${this.site.origin}/`)}</loc></url>`] : [];
    const offset = index === 0 ? 0 : index * SITEMAP_LIMIT - 1;
    const rows = await this.repository.sitemapPage(offset, SITEMAP_LIMIT - home.length);
    const urls = rows.map(
      (r) =>
        `<url><loc>${escapeXml(`${this.site.origin}/therapists/${r.id}`)}</loc><lastmod>${r.lastmod}</lastmod></url>`,
    );
    return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${[...home, ...urls].join('\n')}\n</urlset>\n`;
  }
}
