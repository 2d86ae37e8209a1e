import { EnvInput } from '../../src/config/env';
import { createTestApp, TestApp } from './app';
import { freePort } from './free-port';

export interface ListeningTestApp extends TestApp {
  /** PUBLIC_URL: where the app listens, so that the absolute links it hands out work. */
  publicUrl: string;
}

/** The app listening on an ephemeral port of 127.0.0.1, with PUBLIC_URL pointing there. */
export async function createListeningTestApp(overrides: EnvInput = {}): Promise<ListeningTestApp> {
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const t = await createTestApp({ PORT: String(port), PUBLIC_URL: publicUrl, ...overrides });
  await t.app.listen({ port, host: '127.0.0.1' });
  return { ...t, publicUrl };
}
