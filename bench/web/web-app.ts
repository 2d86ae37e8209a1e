import { AppHandle, startApp } from '../bench-http';

export const WEB_BENCH_PORT = Number(process.env.WEB_BENCH_PORT ?? 3108);
export const WEB_BENCH_ORIGIN = `http://127.0.0.1:${WEB_BENCH_PORT}`;

/** The built app as the search bench starts it, on the pages' origin; `extra` adds settings (demo data). */
export function startWebApp(databaseUrl: string, extra: Record<string, string> = {}): Promise<AppHandle> {
  // Seeding the demo on the first start takes a while.
  return startApp(databaseUrl, WEB_BENCH_PORT, { PUBLIC_URL: WEB_BENCH_ORIGIN, ...extra }, 300);
}
