import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { TableName, TABLES } from './batch';
import { BatchTexts } from './batch-worker';

/** Streams one batch's rows into their tables with COPY, in the caller's transaction. */
export async function copyBatch(client: Client, batch: BatchTexts): Promise<void> {
  for (const table of Object.keys(TABLES) as TableName[]) {
    const text = batch[table];
    if (text) {
      const stream = client.query(copyFrom(`COPY ${table} (${TABLES[table].join(', ')}) FROM STDIN`));
      await pipeline(Readable.from([text]), stream);
    }
  }
}
