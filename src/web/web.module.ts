import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { VerificationModule } from '../verification/verification.module';
import { PartnersModule } from '../partners/partners.module';
import { ReviewsModule } from '../reviews/reviews.module';
import { SearchModule } from '../search/search.module';
import { TherapistsModule } from '../therapists/therapists.module';
import { AssetStore } from './assets/asset-store';
import { BadgePaths } from './badges/badge-paths';
import { BadgeService } from './badges/badge.service';
import { CrawlService } from './crawl/crawl.service';
import { DirectoryTerms } from './directory-terms';
import { EmbedAccessService } from './embeds/embed-access.service';
import { PageRateLimit } from './page-rate-limit';
import { AccountPages } from './pages/account.page';
import { ProfilePage } from './pages/profile.page';
import { SearchPage } from './pages/search.page';
import { VerifyPage } from './pages/verify.page';
import { SiteInfo } from './site';
import { WebRepository } from './web.repository';
import { WebRoutes } from './web-routes';

/**
 * The directory's face: public pages (and the account pages mailed links open), the search and badge embeds, the badge
 * image, robots.txt and sitemaps.
 */
@Module({
  imports: [SearchModule, TherapistsModule, ReviewsModule, VerificationModule, PartnersModule, AccountsModule],
  providers: [
    WebRepository,
    DirectoryTerms,
    AssetStore,
    SiteInfo,
    SearchPage,
    ProfilePage,
    VerifyPage,
    AccountPages,
    PageRateLimit,
    CrawlService,
    BadgeService,
    BadgePaths,
    EmbedAccessService,
    WebRoutes,
  ],
})
export class WebModule {}
