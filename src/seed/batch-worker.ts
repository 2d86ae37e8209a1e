import { parentPort } from 'node:worker_threads';
import { emptyBatch } from './batch';
import { SeedContext } from './seed-context';
import { addTherapist } from './therapist-rows';

export interface BatchRequest {
  ctx: SeedContext;
  from: number;
  to: number;
}

export type BatchTexts = Record<string, string>;

/** Builds the COPY text of therapists [from, to) for every table. */
export function buildBatch({ ctx, from, to }: BatchRequest): BatchTexts {
  const batch = emptyBatch();
  for (let i = from; i < to; i++) {
    addTherapist(batch, ctx, i);
  }
  return Object.fromEntries(Object.entries(batch).map(([table, rows]) => [table, rows.join('')]));
}

parentPort?.on('message', (request: BatchRequest) => parentPort!.postMessage(buildBatch(request)));
