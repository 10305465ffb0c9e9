/**
 * The five Tasks tools over hosted MCP (/mcp), with both SDK generations: an agent creates,
 * lists, completes, reads and deletes a task and gets the REST bodies as structuredContent; the
 * same scopes as REST apply (a read-only key sees only the read tools and is refused the writes);
 * bad input and a foreign task come back as tool errors naming the field.
 */
import { CLIENT_GENERATIONS, connectMcpHttp, toolError } from '@platform/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type TenantFixture, type TrainArHarness } from '../testing/index';

let h: TrainArHarness;
let t: TenantFixture;

beforeAll(async () => {
  h = await startHarness();
  t = await h.createTenant('MCP Tasks Tenant');
});
afterAll(() => h?.close());

for (const generation of CLIENT_GENERATIONS) {
  const connect = async (scopes: string[]) => connectMcpHttp(generation, `${h.url}/mcp`, { Authorization: `Bearer ${(await h.createKey(t.tenantId, scopes)).key}` });

  describe(`Tasks tools over hosted MCP, ${generation} client`, () => {
    it('creates, lists, completes, gets and deletes a task', async () => {
      const client = await connect(['write:tasks']);
      try {
        const created = await client.callTool('create_task', { title: `Agent task ${generation}`, priority: 'high', assigned_to: t.adminId, external_id: `MCP-${generation}` });
        expect(created.isError).toBeFalsy();
        const task = created.structuredContent as { id: string };
        expect(task).toMatchObject({ status: 'open', source: 'api', priority: 'high', assigned_to: { user_id: t.adminId } });
        const summary = (created.content as Array<{ text: string }>)[0].text;
        // The title is the caller's text: the summary marks it as untrusted data.
        expect(summary).toMatch(new RegExp(`^Created task ".*Agent task ${generation}.*" \\(${task.id}\\): open, high`));

        const listed = await client.callTool('list_tasks', { external_id: `MCP-${generation}` });
        expect(listed.structuredContent).toMatchObject({ total: 1, tasks: [{ id: task.id }] });

        const done = await client.callTool('update_task', { task_id: task.id, status: 'completed' });
        expect(done.structuredContent).toMatchObject({ id: task.id, status: 'completed', completed_at: expect.any(String) });

        const rest = await h.call('GET', '/v1/api-tenant-tasks', { key: (await h.createKey(t.tenantId, ['read:tasks'])).key, query: { task_id: task.id } });
        expect((await client.callTool('get_task', { task_id: task.id })).structuredContent).toEqual(rest.body);

        expect((await client.callTool('delete_task', { task_id: task.id })).structuredContent).toEqual({ id: task.id, deleted: true });
        expect(toolError(await client.callTool('get_task', { task_id: task.id }))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
      } finally {
        await client.close();
      }
    });

    it('applies the REST scopes: read:tasks lists the read tools only and is refused create_task', async () => {
      const client = await connect(['read:tasks']);
      try {
        expect((await client.listTools()).tools.map((tool) => tool.name).sort()).toEqual(['get_task', 'list_tasks']);
        const denied = toolError(await client.callTool('create_task', { title: 'Nope' }));
        expect(denied).toMatchObject({ status: 403, code: 'INSUFFICIENT_PERMISSIONS', details: { requiredScopes: ['write:tasks'] } });
        expect(denied.text).toContain('write:tasks');
      } finally {
        await client.close();
      }
    });

    it('reports a bad assignee, a bad priority and a foreign task as tool errors naming the field', async () => {
      const client = await connect(['write:tasks']);
      const other = await h.createTenant(`Other ${generation}`);
      try {
        const assignee = toolError(await client.callTool('create_task', { title: 'X', assigned_to: other.adminId }));
        expect(assignee).toMatchObject({ status: 400, code: 'BAD_REQUEST', details: { field: 'assigned_to' } });
        const priority = toolError(await client.callTool('create_task', { title: 'X', priority: 'asap' }));
        expect(priority).toMatchObject({ status: 400, details: { field: 'priority' } });
        const foreign = await h.services.tasks.create(other.tenantId, { kind: 'operator' }, { title: 'Not yours', source: 'manual' });
        expect(toolError(await client.callTool('update_task', { task_id: foreign.id, status: 'cancelled' }))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
        expect(await h.services.tasks.get(other.tenantId, foreign.id)).toMatchObject({ status: 'open' });
      } finally {
        await client.close();
      }
    });
  });
}
