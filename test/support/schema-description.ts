import { Client } from 'pg';

/**
 * A schema as the catalogs describe it, one sorted line per column, constraint, index, view, function, trigger and
 * table option: two databases built on the same server are the same schema when their descriptions are equal.
 */
const QUERIES: Record<string, string> = {
  column: `SELECT table_name || '.' || column_name || ' ' || udt_name || ' ' || is_nullable || ' ' ||
             coalesce(column_default, '') || ' ' || coalesce(identity_generation, '') AS line
           FROM information_schema.columns WHERE table_schema = 'public'`,
  constraint: `SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS line
               FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid <> 0`,
  index: `SELECT indexname || ' ' || indexdef AS line FROM pg_indexes WHERE schemaname = 'public'`,
  view: `SELECT viewname || ' ' || definition AS line FROM pg_views WHERE schemaname = 'public'`,
  function: `SELECT pg_get_functiondef(p.oid) AS line FROM pg_proc p
             WHERE p.pronamespace = 'public'::regnamespace
               AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`,
  trigger: `SELECT pg_get_triggerdef(oid) AS line FROM pg_trigger WHERE NOT tgisinternal`,
  option: `SELECT relname || ' ' || array_to_string(reloptions, ',') AS line FROM pg_class
           WHERE relnamespace = 'public'::regnamespace AND reloptions IS NOT NULL`,
  extension: `SELECT extname AS line FROM pg_extension`,
};

export async function describeSchema(url: string): Promise<Record<string, string[]>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const description: Record<string, string[]> = {};
    for (const [kind, sql] of Object.entries(QUERIES)) {
      const { rows } = await client.query<{ line: string }>(sql);
      description[kind] = rows.map((r) => r.line).sort();
    }
    return description;
  } finally {
    await client.end();
  }
}
