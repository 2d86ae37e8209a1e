/**
 * Does POST /auth/password-reset take the same time for a known and an unknown address? Against a running server
 * started with RATE_LIMITS=off: signs up one account, warms up, then alternates its address and one that has no account
 * (each repeated, so both carry the same request history) over a single keep-alive connection and prints the median
 * of each.
 *
 *   node dist/bench/password-reset-timing.js http://127.0.0.1:3000 100
 */
import http from 'node:http';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const rounds = Number(process.argv[3] ?? 100);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

interface Answer {
  status: number;
  body: string;
  ms: number;
}

function post(path: string, body: object): Promise<Answer> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const request = http.request(
      base + path,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: text, ms: Number(process.hrtime.bigint() - started) / 1e6 }),
        );
      },
    );
    request.on('error', reject);
    request.end(data);
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main(): Promise<void> {
  const known = `timing-${Date.now()}@example.com`;
  const signUp = await post('/api/v1/auth/register', {
    email: known,
    password: 'correct horse battery staple 42',
    role: 'client',
    name: 'Timing Test',
  });
  if (signUp.status !== 201) {
    throw new Error(`sign-up answered ${signUp.status}: ${signUp.body}`);
  }
  const unknown = `nobody-${Date.now()}@example.com`;
  for (let i = 0; i < 10; i++) {
    await post('/api/v1/auth/password-reset', { email: known });
    await post('/api/v1/auth/password-reset', { email: unknown });
  }
  const times = { known: [] as number[], unknown: [] as number[] };
  const statuses = new Set<number>();
  const bodies = new Set<string>();
  for (let i = 0; i < rounds; i++) {
    for (const which of i % 2 ? (['unknown', 'known'] as const) : (['known', 'unknown'] as const)) {
      const answer = await post('/api/v1/auth/password-reset', { email: which === 'known' ? known : unknown });
      statuses.add(answer.status);
      bodies.add(answer.body);
      times[which].push(answer.ms);
    }
  }
  agent.destroy();
  const [k, u] = [median(times.known), median(times.unknown)];
  console.log(
    JSON.stringify({
      rounds,
      statuses: [...statuses],
      distinctBodies: bodies.size,
      medianKnownMs: +k.toFixed(3),
      medianUnknownMs: +u.toFixed(3),
      differenceMs: +(k - u).toFixed(3),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
