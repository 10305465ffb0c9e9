import { createTestDatabase, type TestDatabase } from '@platform/kit/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opentrainMigrations } from '../migrations';

describe('jobs schema', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(opentrainMigrations);
  });
  afterAll(async () => database?.close());

  it('creates ot_jobs with a generated search vector', async () => {
    const db = database.db;
    await sql`insert into ot_organizations (id, name, created_at) values ('org_1', 'Acme', now())`.execute(db);
    await sql`insert into ot_jobs (id, organization_id, status, title, description, fields, slug, created_at, updated_at)
      values ('job_1', 'org_1', 'OPEN', 'Bounding boxes for cars', 'Draw boxes around vehicles', '{"labelTypes":["BOUNDING_BOX"]}', 'bounding-boxes', now(), now())`.execute(db);
    const hit = await sql<{
      id: string;
    }>`select id from ot_jobs where search_vector @@ websearch_to_tsquery('english', 'vehicle boxes')`.execute(db);
    expect(hit.rows.map((r) => r.id)).toEqual(['job_1']);
  });
});
