import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { BatchRequest, BatchTexts, buildBatch } from './batch-worker';

/**
 * Produces batches one step ahead: while PostgreSQL ingests batch k, a worker thread builds batch k+1, so that
 * generation (CPU in Node) and loading (CPU in PostgreSQL) overlap. Without a compiled worker (e.g. under ts-jest),
 * batches are built inline.
 */
export class BatchSource {
  private readonly worker?: Worker;
  private pending?: Promise<BatchTexts>;

  constructor() {
    if (__filename.endsWith('.js')) {
      this.worker = new Worker(join(__dirname, 'batch-worker.js'));
    }
  }

  /** Starts building the next batch (at most one in flight). */
  prefetch(request: BatchRequest): void {
    this.pending = this.build(request);
  }

  take(): Promise<BatchTexts> {
    const pending = this.pending!;
    this.pending = undefined;
    return pending;
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }

  private build(request: BatchRequest): Promise<BatchTexts> {
    const worker = this.worker;
    if (!worker) {
      return Promise.resolve(buildBatch(request));
    }
    const built = new Promise<BatchTexts>((resolve, reject) => {
      const onError = (error: Error) => {
        worker.off('message', onMessage);
        reject(error);
      };
      const onMessage = (texts: BatchTexts) => {
        worker.off('error', onError);
        resolve(texts);
      };
      worker.once('message', onMessage);
      worker.once('error', onError);
      worker.postMessage(request);
    });
    // Awaited later by take(); until then a failure must not count as unhandled.
    built.catch(() => undefined);
    return built;
  }
}
