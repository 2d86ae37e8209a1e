import { build, BuildOptions, Metafile } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { CLIENT_SOURCES, PROJECT_ROOT, WEB_DIST } from '../web-paths';

/** Logical name ("site.css") → file under `assets/` with its content hash ("site-5LKQ3XKA.css"). */
export type AssetManifest = Record<string, string>;

const COMMON: BuildOptions = {
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15.4'],
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
};

/**
 * Bundles the browser code at build time: the pages' script and stylesheet under content-hashed names (served with
 * immutable caching), and the two embeds under their fixed names (the URLs partners and therapists paste).
 */
export async function buildWebAssets(outDir = WEB_DIST): Promise<AssetManifest> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const pages = await build({
    ...COMMON,
    entryPoints: { site: join(CLIENT_SOURCES, 'site.css'), page: join(CLIENT_SOURCES, 'page.ts') },
    entryNames: '[name]-[hash]',
    outdir: join(outDir, 'assets'),
  });
  await build({
    ...COMMON,
    entryPoints: {
      search: join(CLIENT_SOURCES, 'embeds', 'search.ts'),
      badge: join(CLIENT_SOURCES, 'embeds', 'badge.ts'),
    },
    entryNames: '[name]',
    outdir: join(outDir, 'embed'),
  });
  const manifest = manifestOf(pages.metafile!);
  manifest['icon.svg'] = await copyHashed(join(CLIENT_SOURCES, 'icon.svg'), join(outDir, 'assets'));
  await writeFile(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}

async function copyHashed(source: string, dir: string): Promise<string> {
  const body = await readFile(source);
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 8).toUpperCase();
  const name = basename(source).replace(/(\.\w+)$/, `-${hash}$1`);
  await writeFile(join(dir, name), body);
  return name;
}

function manifestOf(metafile: Metafile): AssetManifest {
  const manifest: AssetManifest = {};
  for (const [output, meta] of Object.entries(metafile.outputs)) {
    if (!meta.entryPoint) {
      continue;
    }
    const hashed = basename(output);
    const logical = hashed.replace(/-[A-Z0-9]{8}(\.\w+)$/, '$1');
    manifest[logical] = hashed;
  }
  return manifest;
}

export const describeOutput = (dir = WEB_DIST) => relative(PROJECT_ROOT, dir);
