/**
 * The shape of one read-model table as the projection writer needs it: which columns
 * exist, their PostgreSQL types (for bulk writes through jsonb_to_recordset) and the key.
 * The DDL itself lives in the migrations; a test checks the two agree.
 */
export interface ReadModelTable {
  /** Logical name; the physical table is `<schema>.<name>_v<version>`. */
  readonly name: string;
  /** Primary-key columns, tenant_id first. */
  readonly key: readonly string[];
  /** Every column with its PostgreSQL type, `tenant_id` and `last_seq` included. */
  readonly columns: Readonly<Record<string, string>>;
}

/** Physical, quoted name of a read-model table of one projection version in a schema. */
export function physicalTableName(schema: string, table: ReadModelTable, version: number): string {
  return `"${schema}"."${table.name}_v${version}"`;
}
