import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { TableName, TABLES } from './batch';
import { BatchTexts } from './batch-worker';

/**
 * Two groups of tables of about equal loading cost, loaded on two connections at once so that PostgreSQL can use two
 * cores. Foreign keys are not checked while loading (replica role), so the groups need no order between them.
 */
export const TABLE_GROUPS: TableName[][] = [
  ['app_user', 'therapist_profile', 'roster_record', 'certification_audit'],
  ['therapist_condition', 'therapist_specialty', 'certification', 'review'],
];

/** Streams the batch's rows of `tables` with COPY, in a transaction of its own unless the caller holds one. */
export async function copyTables(
  client: Client,
  batch: BatchTexts,
  tables: TableName[],
  ownTransaction = true,
): Promise<void> {
  if (ownTransaction) {
    await client.query('BEGIN');
  }
  for (const table of tables) {
    const text = batch[table];
    if (text) {
      const stream = client.query(copyFrom(`COPY ${table} (${TABLES[table].join(', ')}) FROM STDIN`));
      await pipeline(Readable.from([text]), stream);
    }
  }
  if (ownTransaction) {
    await client.query('COMMIT');
  }
}
