import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Client } from 'pg';
import { BENCH_DATABASE, databaseUrlFor } from '../bench-dataset';
import { BenchQuery, benchQueries } from '../bench-queries';
import { lighthouse, Scores } from './lighthouse';
import { jsonPath, load, pagePath, Throughput } from './page-load';
import { startWebApp, WEB_BENCH_ORIGIN } from './web-app';

const DEMO_DATABASE = 'nmt_web_bench';
const CONNECTIONS = 16;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const TARGETS = { lighthouse: 95, searchKb: 15, badgeKb: 5, demoPagesPerSecond: 1000, pagesOverJson: 0.5 };

const log = (line: string) => console.log(`[bench:web] ${line}`);
const load1 = () => loadavg()[0].toFixed(2);
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The demo database of this bench: created when missing; the app seeds it on its first start (SEED_DEMO). */
async function demoDatabase(server: string): Promise<string> {
  await withClient(server, async (c) => {
    const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [DEMO_DATABASE]);
    if (!rowCount) {
      await c.query(`CREATE DATABASE ${DEMO_DATABASE}`);
    }
  });
  return databaseUrlFor(server, DEMO_DATABASE);
}

/** The 1M dataset is shared and only read here: used when it exists and is seeded, never created or changed. */
async function millionDataset(server: string): Promise<string | null> {
  const url = databaseUrlFor(server, BENCH_DATABASE);
  try {
    const n = await withClient(url, async (c) => {
      const { rows } = await c.query<{ n: string }>('SELECT count(*) AS n FROM therapist_search');
      return Number(rows[0].n);
    });
    return n >= 900_000 ? url : null;
  } catch {
    return null;
  }
}

function embedSizes(): Record<string, number> {
  const dir = join(__dirname, '..', '..', 'web', 'embed');
  return Object.fromEntries(
    readdirSync(dir).map((f) => [f, gzipSync(readFileSync(join(dir, f)), { level: 9 }).length / 1024]),
  );
}

/** A query with results (for the Lighthouse results page) and the first result's profile. */
async function samplePages(queries: BenchQuery[]): Promise<{ results: string; profile: string }> {
  for (const q of queries) {
    const body = (await (await fetch(`${WEB_BENCH_ORIGIN}${jsonPath(q)}`)).json()) as { items: { id: string }[] };
    if (body.items.length >= 5) {
      return { results: pagePath(q), profile: `/therapists/${body.items[0].id}` };
    }
  }
  throw new Error('no query of the demo data has five results');
}

async function throughput(queries: BenchQuery[]): Promise<{ json: Throughput; pages: Throughput; load: string }> {
  log('warming up both paths (3 s each)...');
  await load(jsonPath, queries.slice().reverse(), CONNECTIONS, 3);
  await load(pagePath, queries.slice().reverse(), CONNECTIONS, 3);
  log(`JSON search, ${CONNECTIONS} connections, ${SECONDS} s...`);
  const json = await load(jsonPath, queries, CONNECTIONS, SECONDS);
  log(`results pages, ${CONNECTIONS} connections, ${SECONDS} s...`);
  const pages = await load(pagePath, queries, CONNECTIONS, SECONDS);
  return { json, pages, load: load1() };
}

const row = (name: string, t: Throughput) =>
  `| ${name.padEnd(30)} | ${t.perSecond.toFixed(0).padStart(7)} | ${t.p50.toFixed(1).padStart(6)} | ${t.p99.toFixed(1).padStart(6)} | ${String(t.errors).padStart(6)} |`;

async function main(): Promise<void> {
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const lines: string[] = [];
  const sizes = embedSizes();
  const searchKb = sizes['search.js'];
  const badgeKb = sizes['badge.js'];
  lines.push(
    `Embeds, gzip -9: search.js ${searchKb.toFixed(1)} KB (≤ ${TARGETS.searchKb}: ${verdict(searchKb <= TARGETS.searchKb)}), ` +
      `badge.js ${badgeKb.toFixed(1)} KB (≤ ${TARGETS.badgeKb}: ${verdict(badgeKb <= TARGETS.badgeKb)})`,
  );

  const demoUrl = await demoDatabase(server);
  log(`demo data in ${DEMO_DATABASE}; starting the app...`);
  let app = await startWebApp(demoUrl, { SEED_DEMO: 'true' });
  let demo: { json: Throughput; pages: Throughput; load: string };
  try {
    const queries = await benchQueries(demoUrl, 2000);
    const sample = await samplePages(queries);
    lines.push('', '| Lighthouse (mobile, simulated) | performance | accessibility | best practices | SEO | load |');
    lines.push('|---|---|---|---|---|---|');
    let lowest = 100;
    for (const [name, path] of [
      ['home', '/'],
      ['results', sample.results],
      ['profile', sample.profile],
    ]) {
      log(`Lighthouse: ${name} (${path})...`);
      const s: Scores = await lighthouse(`${WEB_BENCH_ORIGIN}${path}`);
      lowest = Math.min(lowest, ...Object.values(s));
      lines.push(
        `| ${name} | ${s.performance} | ${s.accessibility} | ${s['best-practices']} | ${s.seo} | ${load1()} |`,
      );
    }
    lines.push(
      `Lighthouse ≥ ${TARGETS.lighthouse} in all four for all three pages: ${verdict(lowest >= TARGETS.lighthouse)}`,
    );
    demo = await throughput(queries);
  } finally {
    await app.stop();
  }
  lines.push(
    '',
    `| demo data (${CONNECTIONS} connections, ${SECONDS} s) | req/s | p50 ms | p99 ms | errors |`,
    '|---|---|---|---|---|',
  );
  lines.push(row('JSON search', demo.json), row('results pages', demo.pages));
  lines.push(
    `Results pages ≥ ${TARGETS.demoPagesPerSecond}/s on demo data: ${verdict(demo.pages.perSecond >= TARGETS.demoPagesPerSecond)} (load average ${demo.load})`,
  );

  const million = await millionDataset(server);
  if (!million) {
    lines.push('', `1M dataset: skipped (${BENCH_DATABASE} is missing or not fully seeded; npm run bench seeds it)`);
  } else {
    log(`1M dataset (${BENCH_DATABASE}); starting the app...`);
    app = await startWebApp(million);
    try {
      const big = await throughput(await benchQueries(million, 5000));
      const ratio = big.pages.perSecond / big.json.perSecond;
      lines.push(
        '',
        `| 1M dataset (${CONNECTIONS} connections, ${SECONDS} s) | req/s | p50 ms | p99 ms | errors |`,
        '|---|---|---|---|---|',
      );
      lines.push(row('JSON search', big.json), row('results pages', big.pages));
      lines.push(
        `Pages within 2× of JSON (ratio ${ratio.toFixed(2)} ≥ ${TARGETS.pagesOverJson}): ${verdict(ratio >= TARGETS.pagesOverJson)} (load average ${big.load})`,
      );
    } finally {
      await app.stop();
    }
  }
  console.log(`\n${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
