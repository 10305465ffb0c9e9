/**
 * @module Dashboard → Skills & Knowledge → Knowledge: upload documents (files or pasted text, into a
 * collection and folder), watch their processing status, manage collections and folders, re-process
 * or delete, and try a search the way the glasses' AI runs it.
 */
import { type AppEnv, actionForm, badge, button, choiceField, csrfField, dataTable, type EnumBadges, emptyState, field, html, redirectTo, requestLocale, selectField, statusBadge, textareaField } from '@platform/kit';
import type { KnowledgeFileInput, KnowledgeItem, KnowledgeStatus } from '@trainar/api';
import type { Context, Hono } from 'hono';
import { readForm, type SessionUser, signedIn, withFormErrors } from '../platform/session';
import { formatDate, formField, page, skillsTabs } from '../platform/view';
import type { PageDeps } from '../platform/web-ui';
import type { KnowledgeServices } from './context';

const STATUS_BADGES: EnumBadges<KnowledgeStatus> = {
  pending: { label: 'Pending', tone: 'neutral' },
  queued: { label: 'Queued', tone: 'info' },
  processing: { label: 'Processing', tone: 'info' },
  embedding: { label: 'Embedding', tone: 'info' },
  ready: { label: 'Ready', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
};

const NOTICES: Record<string, string> = {
  uploaded: 'Uploaded: processing has started; refresh to follow the status.',
  processing: 'Queued for re-processing.',
  deleted: 'Document deleted with its chunks.',
  'collection-created': 'Collection created.',
  'collection-deleted': 'Collection deleted: its documents are now uncategorised.',
  'folder-created': 'Folder created.',
  moved: 'Document moved.',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const idOrUndefined = (v: string) => (UUID.test(v) ? v : undefined);

interface RenderOptions {
  error?: string;
  status?: number;
}

async function render(c: Context, deps: PageDeps<KnowledgeServices>, me: SessionUser, options: RenderOptions = {}) {
  const k = deps.services.knowledge;
  const filter = idOrUndefined(c.req.query('collection') ?? '');
  const query = (c.req.query('q') ?? '').trim().slice(0, 1000);
  const [{ collections }, items, folders] = await Promise.all([
    k.collections.list(me.tenantId, { limit: 1000, offset: 0 }),
    k.list(me.tenantId, { collection_id: filter, limit: 200, offset: 0 }),
    k.collections.folders(me.tenantId),
  ]);
  const hits = query ? await k.search(me.tenantId, { query, collection_id: filter, limit: 5 }) : [];
  const collectionName = new Map(collections.map((col) => [col.id, col.name]));
  const folderName = new Map(folders.map((f) => [f.id, f.name]));
  const collectionOptions = [{ value: '', label: 'Uncategorised' }, ...collections.map((col) => ({ value: col.id, label: col.name }))];
  const locale = requestLocale(c);
  const columns = [
    { label: 'Name', cell: (i: KnowledgeItem) => html`<strong>${i.name}</strong>${i.description ? html`<br /><small>${i.description}</small>` : ''}` },
    { label: 'Collection', cell: (i: KnowledgeItem) => (i.collection_id ? (collectionName.get(i.collection_id) ?? '') : 'Uncategorised') },
    { label: 'Folder', cell: (i: KnowledgeItem) => (i.folder_id ? (folderName.get(i.folder_id) ?? '') : 'No folder') },
    { label: 'Status', cell: (i: KnowledgeItem) => html`${statusBadge(STATUS_BADGES, i.status)} <small>${i.file_count} file(s) · ${i.chunk_count} chunks</small>` },
    { label: 'Updated', cell: (i: KnowledgeItem) => formatDate(i.updated_at, me.timezone, locale) },
    {
      label: 'Actions',
      cell: (i: KnowledgeItem) =>
        html`<form method="post" action="/dashboard/knowledge/${i.id}/move" class="inline">${csrfField(c)}
            ${selectField({ name: 'collection_id', label: `Move ${i.name} to`, id: `move-${i.id}`, options: collectionOptions, value: i.collection_id ?? '' })}
            ${button('Move', { variant: 'secondary' })}</form>
          ${actionForm(c, { action: `/dashboard/knowledge/${i.id}/process`, label: 'Re-process', variant: 'secondary' })}
          ${actionForm(c, { action: `/dashboard/knowledge/${i.id}/delete`, label: 'Delete', variant: 'danger', confirm: `Delete "${i.name}" with its files and search index? This cannot be undone.` })}`,
    },
  ];
  return page(c, {
    title: 'Knowledge',
    user: me,
    notice: NOTICES[c.req.query('notice') ?? ''] ?? null,
    error: options.error,
    status: options.status ?? 200,
    body: html`${skillsTabs('knowledge')}<h1>Knowledge</h1>
      <p>Documents your team's AR glasses can answer from. Each upload is split into chunks and indexed; the AI's <code>search_knowledge</code> finds the best passages by meaning and by keywords.</p>
      <article aria-label="Search knowledge">
        <h2>Search</h2>
        <form method="get" action="/dashboard/knowledge" role="search">
          ${field({ name: 'q', label: 'Ask a question', type: 'search', value: query, hint: 'E.g. “how do I isolate the conveyor before clearing a jam”.' })}
          ${filter ? html`<input type="hidden" name="collection" value="${filter}" />` : ''}
          ${button('Search')}
        </form>
        ${
          query
            ? hits.length
              ? html`<ol class="search-results">${hits.map((hit) => html`<li><strong>${hit.document_name}</strong> <small>${hit.filename} · score ${hit.score.toFixed(3)}</small><p>${hit.text}</p></li>`)}</ol>`
              : emptyState('No matches', 'Nothing in the ready documents matches; upload the document that answers it.')
            : ''
        }
      </article>
      <h2>Collections</h2>
      <p>
        <a href="/dashboard/knowledge"${filter ? '' : html` aria-current="page"`}>All documents</a>
        ${collections.map((col) => html` · <a href="/dashboard/knowledge?collection=${col.id}"${filter === col.id ? html` aria-current="page"` : ''}>${col.name}</a> <small>(${col.item_count})</small>`)}
      </p>
      ${
        filter && collectionName.has(filter)
          ? actionForm(c, {
              action: `/dashboard/knowledge/collections/${filter}/delete`,
              label: `Delete collection ${collectionName.get(filter)}`,
              variant: 'danger',
              confirm: 'Delete this collection? Its documents are kept, uncategorised.',
            })
          : ''
      }
      <h2>Documents</h2>
      ${dataTable({ columns, rows: items.knowledge, rowAttrs: (i) => ({ 'data-knowledge-id': i.id }), empty: emptyState('No documents yet', 'Upload a manual, procedure or safety sheet below.') })}
      <article>
        <h2>Upload</h2>
        <form method="post" action="/dashboard/knowledge/upload" enctype="multipart/form-data">
          ${csrfField(c)}
          ${field({ name: 'name', label: 'Name', required: true, hint: 'Shown with every search result.', attrs: { maxlength: 200 } })}
          ${textareaField({ name: 'description', label: 'Description (optional)', rows: 2, hint: 'What the document covers: the AI sees it.' })}
          ${selectField({ name: 'collection_id', label: 'Collection', options: collectionOptions, value: filter ?? '' })}
          ${selectField({ name: 'folder_id', label: 'Folder', options: [{ value: '', label: 'No folder' }, ...folders.map((f) => ({ value: f.id, label: f.name }))] })}
          ${field({ name: 'files', label: 'Files', type: 'file', hint: `txt, md, csv, html, pdf or docx; up to ${Math.round(k.options.maxFileBytes / 1024 / 1024)} MB each.`, attrs: { multiple: true, accept: '.txt,.md,.csv,.html,.htm,.pdf,.docx' } })}
          ${textareaField({ name: 'content', label: 'Or paste text', rows: 5 })}
          ${choiceField({ name: 'auto_process', value: '1', checked: true, label: 'Process now' })}
          ${button('Upload', { pending: 'Uploading…' })}
        </form>
      </article>
      <article>
        <h2>New collection</h2>
        <form method="post" action="/dashboard/knowledge/collections">
          ${csrfField(c)}
          ${field({ name: 'name', label: 'Collection name', required: true, id: 'collection-name', attrs: { maxlength: 200 } })}
          ${field({ name: 'description', label: 'Collection description (optional)', id: 'collection-description' })}
          ${button('Create collection', { variant: 'secondary' })}
        </form>
        <h2>New folder</h2>
        <form method="post" action="/dashboard/knowledge/folders">
          ${csrfField(c)}
          ${field({ name: 'name', label: 'Folder name', required: true, id: 'folder-name', attrs: { maxlength: 200 } })}
          ${button('Create folder', { variant: 'secondary' })}
        </form>
        ${folders.length ? html`<p>Folders: ${folders.map((f) => badge(f.name))}</p>` : ''}
      </article>`,
  });
}

/** Files from the multipart form as upload inputs (base64, the same path the API takes). */
async function formFiles(form: Record<string, unknown>): Promise<KnowledgeFileInput[]> {
  const raw = form.files;
  const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((f): f is File => f instanceof File && f.size > 0);
  return Promise.all(list.map(async (f) => ({ filename: f.name, mime_type: f.type || undefined, file_base64: Buffer.from(await f.arrayBuffer()).toString('base64') })));
}

export function mountKnowledgePage(app: Hono<AppEnv>, deps: PageDeps<KnowledgeServices>): void {
  const k = deps.services.knowledge;
  const post = (path: string, run: (c: Context, me: SessionUser, form: Record<string, unknown>) => Promise<Response>) =>
    app.post(
      path,
      signedIn(deps, (c, me) =>
        withFormErrors(
          c,
          me,
          async () => run(c, me, await readForm(c)),
          (error, status) => render(c, deps, me, { error, status }),
        ),
      ),
    );

  app.get(
    '/dashboard/knowledge',
    signedIn(deps, (c, me) => render(c, deps, me)),
  );

  post('/dashboard/knowledge/upload', async (c, me, form) => {
    const name = formField(form, 'name').trim();
    if (!name) return render(c, deps, me, { error: 'Give the document a name.', status: 400 });
    const files = await formFiles(form);
    const content = formField(form, 'content');
    if (!files.length && !content.trim()) return render(c, deps, me, { error: 'Choose a file or paste some text.', status: 400 });
    const autoProcess = formField(form, 'auto_process') === '1';
    const [first, ...rest] = content.trim() ? [{ filename: `${name.replace(/[^\w .-]+/g, '_')}.md`, content }, ...files] : files;
    const item = await k.upload(me.tenantId, {
      name: name.slice(0, 200),
      description: formField(form, 'description').trim().slice(0, 2000) || undefined,
      collection_id: idOrUndefined(formField(form, 'collection_id')),
      folder_id: idOrUndefined(formField(form, 'folder_id')),
      ...first,
      auto_process: autoProcess,
    });
    if (rest.length) await k.addFiles(me.tenantId, item.id, rest, autoProcess, 'files.');
    return redirectTo(c, '/dashboard/knowledge?notice=uploaded');
  });

  post('/dashboard/knowledge/collections', async (c, me, form) => {
    const name = formField(form, 'name').trim();
    if (!name) return render(c, deps, me, { error: 'Give the collection a name.', status: 400 });
    await k.collections.create(me.tenantId, { name: name.slice(0, 200), description: formField(form, 'description').trim().slice(0, 2000) || undefined });
    return redirectTo(c, '/dashboard/knowledge?notice=collection-created');
  });

  post('/dashboard/knowledge/folders', async (c, me, form) => {
    await k.collections.createFolder(me.tenantId, { name: formField(form, 'name') });
    return redirectTo(c, '/dashboard/knowledge?notice=folder-created');
  });

  post('/dashboard/knowledge/collections/:id/delete', async (c, me) => {
    const id = idOrUndefined(c.req.param('id') ?? '');
    if (!id) return render(c, deps, me, { error: 'No such collection.', status: 404 });
    await k.collections.delete(me.tenantId, id);
    return redirectTo(c, '/dashboard/knowledge?notice=collection-deleted');
  });

  for (const [action, notice] of [
    ['process', 'processing'],
    ['delete', 'deleted'],
    ['move', 'moved'],
  ] as const) {
    post(`/dashboard/knowledge/:id/${action}`, async (c, me, form) => {
      const id = idOrUndefined(c.req.param('id') ?? '');
      if (!id) return render(c, deps, me, { error: 'No such document.', status: 404 });
      if (action === 'process') await k.process(me.tenantId, id);
      else if (action === 'delete') await k.delete(me.tenantId, id);
      else await k.collections.assign(me.tenantId, id, idOrUndefined(formField(form, 'collection_id')) ?? null);
      return redirectTo(c, `/dashboard/knowledge?notice=${notice}`);
    });
  }
}
