import type { SqlMigration } from '@platform/kit';

export const knowledgeMigrations: SqlMigration[] = [
  {
    name: 'tar-0500-knowledge',
    up: `create table knowledge_collections (
      id uuid primary key,
      tenant_id uuid not null references tenants (id) on delete cascade,
      name text not null,
      description text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (tenant_id, name)
    );
    create table knowledge_folders (
      id uuid primary key,
      tenant_id uuid not null references tenants (id) on delete cascade,
      parent_id uuid references knowledge_folders (id) on delete cascade,
      name text not null,
      created_at timestamptz not null
    );
    create index knowledge_folders_tenant on knowledge_folders (tenant_id, name);
    create table knowledge_items (
      id uuid primary key,
      tenant_id uuid not null references tenants (id) on delete cascade,
      name text not null,
      description text,
      collection_id uuid references knowledge_collections (id) on delete set null,
      folder_id uuid references knowledge_folders (id) on delete set null,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index knowledge_items_tenant on knowledge_items (tenant_id, created_at desc, id);
    create table knowledge_files (
      id uuid primary key,
      tenant_id uuid not null references tenants (id) on delete cascade,
      knowledge_id uuid not null references knowledge_items (id) on delete cascade,
      filename text not null,
      mime_type text not null,
      size_bytes integer not null,
      content bytea not null,
      status text not null check (status in ('pending', 'queued', 'processing', 'embedding', 'ready', 'failed')),
      error text,
      chunk_count integer not null default 0,
      metadata jsonb not null default '{}',
      created_at timestamptz not null,
      processed_at timestamptz
    );
    create index knowledge_files_item on knowledge_files (knowledge_id, created_at);
    create table knowledge_chunks (
      id uuid primary key,
      tenant_id uuid not null references tenants (id) on delete cascade,
      file_id uuid not null references knowledge_files (id) on delete cascade,
      knowledge_id uuid not null references knowledge_items (id) on delete cascade,
      ordinal integer not null,
      text text not null,
      tsv tsvector generated always as (to_tsvector('english', text)) stored,
      embedding real[],
      -- Set once the chunk has a vector (in embedding, or embedding_vec with pgvector): null = still to embed.
      embedding_model text,
      unique (file_id, ordinal)
    );
    create index knowledge_chunks_tsv on knowledge_chunks using gin (tsv);
    create index knowledge_chunks_tenant on knowledge_chunks (tenant_id, knowledge_id);
    create index knowledge_chunks_unembedded on knowledge_chunks (file_id) where embedding_model is null;
    create table knowledge_index_versions (
      tenant_id uuid primary key references tenants (id) on delete cascade,
      version bigint not null
    );`,
  },
  {
    // pgvector where the server has it (always on the embedded database, which bundles it);
    // elsewhere vectors go in the real[] column above, searched by the in-process index.
    name: 'tar-0501-knowledge-pgvector',
    up: `do $$ begin
      if exists (select 1 from pg_available_extensions where name = 'vector') then
        create extension if not exists vector;
        alter table knowledge_chunks add column embedding_vec vector;
      end if;
    end $$;`,
  },
  {
    // The in-process index loads every vector of a tenant: packed float4s load an order of magnitude
    // faster than real[] text. Big-endian, float4send's order, so existing vectors convert in SQL.
    // Storage: the full-text side reads every matching row's tsv, so it stays in the row, uncompressed
    // while it fits (main); vectors, read only when loading or by pgvector, go out of line first.
    name: 'tar-0502-knowledge-packed-vectors',
    up: `alter table knowledge_chunks add column embedding_f32 bytea;
    update knowledge_chunks c
      set embedding_f32 = (select string_agg(float4send(u.x), ''::bytea order by u.n) from unnest(c.embedding) with ordinality as u(x, n))
      where c.embedding is not null;
    alter table knowledge_chunks drop column embedding;
    alter table knowledge_chunks alter column tsv set storage main, alter column embedding_f32 set storage external;
    do $$ begin
      if exists (select 1 from information_schema.columns where table_name = 'knowledge_chunks' and column_name = 'embedding_vec' and table_schema = current_schema()) then
        alter table knowledge_chunks alter column embedding_vec set storage external;
      end if;
    end $$;`,
  },
];
