import { Injectable } from '@nestjs/common';
import { Env } from '../config/env';
import { AssetStore } from './assets/asset-store';
import { Site } from './views/layout';

/** The site's public origin (PUBLIC_URL, for canonical links and sitemaps) and its asset URLs. */
@Injectable()
export class SiteInfo implements Site {
  readonly origin: string;
  readonly css: string;
  readonly js: string;
  readonly icon: string;

  constructor(env: Env, assets: AssetStore) {
    this.origin = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
    this.css = assets.url('site.css');
    this.js = assets.url('page.js');
    this.icon = assets.url('icon.svg');
  }
}
