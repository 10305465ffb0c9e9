/**
 * Dashboard → Tasks in chromium, as a member would use it: create a task with the form (a missing
 * title is refused next to the field), assign it, start and complete it, archive it and find it
 * under the Archived tab, reopen and delete it (after a confirmation dialog). A task sent through
 * the API shows up too. Each change fires the same webhook events as the API (checked in the outbox).
 */
import { waitForEventHorizon } from '@platform/kit';
import { checkPage, launchChromium } from '@platform/kit/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, readTrainArEvents, startHarness, type TenantFixture, type TrainArHarness, uniqueEmail } from '../testing/index';
import { hashPassword } from '../users/passwords';

let h: TrainArHarness;
let browser: Browser;
let tenant: TenantFixture;
let member: { id: string; email: string };

beforeAll(async () => {
  h = await startHarness();
  browser = await launchChromium();
  tenant = await h.createTenant('Tasks Browser Ltd');
  const invited = await h.invite(tenant.tenantId, 'member', uniqueEmail('tess'));
  member = { id: invited.id, email: invited.email };
  await h.services.deps.db.updateTable('users').set({ password_hash: await hashPassword(PASSWORD), full_name: 'Tess Tasker' }).where('id', '=', member.id).execute();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

describe('Tasks page in a browser', () => {
  it('creates, assigns, moves through statuses, archives, reopens and deletes a task', async () => {
    const context = await browser.newContext({ baseURL: h.url });
    const page = await context.newPage();
    try {
      await page.goto('/signin');
      await page.getByLabel('Email').fill(member.email);
      await page.getByLabel('Password').fill(PASSWORD);
      await Promise.all([page.waitForURL('**/dashboard'), page.getByRole('button', { name: 'Sign in' }).click()]);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tasks' }).click();
      await page.waitForURL('**/dashboard/tasks');
      expect(await page.getByText('No tasks yet').count()).toBe(1);

      // A blank title is refused next to the field (the API's own validation).
      await page.getByLabel('Title').fill('   ');
      await page.getByRole('button', { name: 'Create task' }).click();
      await expect.poll(() => page.locator('#f-title-error').textContent()).toContain('enter a title');

      await page.getByLabel('Title').fill('Calibrate scanner');
      await page.getByLabel('Description').fill('Bay 3, before the shift');
      await page.getByLabel('Priority').selectOption('urgent');
      await page.getByLabel('Due date').fill('2026-12-24');
      await page.getByRole('button', { name: 'Create task' }).click();
      await page.waitForURL('**/dashboard/tasks?notice=task-created');
      const row = page.locator('tr', { hasText: 'Calibrate scanner' });
      expect(await row.textContent()).toContain('Urgent');
      expect(await row.getAttribute('data-status')).toBe('open');
      const taskId = (await row.getAttribute('data-task-id')) as string;
      expect(await h.services.tasks.get(tenant.tenantId, taskId)).toMatchObject({ source: 'manual', priority: 'urgent', description: 'Bay 3, before the shift', due_date: '2026-12-24T00:00:00.000Z' });

      await row.getByLabel('Assignee of Calibrate scanner').selectOption({ label: 'Tess Tasker' });
      await row.getByRole('button', { name: 'Assign' }).click();
      await page.waitForURL('**/dashboard/tasks?notice=task-assigned');
      expect((await h.services.tasks.get(tenant.tenantId, taskId)).assigned_to).toEqual({ user_id: member.id, name: 'Tess Tasker' });

      for (const [action, status] of [
        ['Start', 'in_progress'],
        ['Complete', 'completed'],
        ['Archive', 'archived'],
      ] as const) {
        await page.locator(`tr[data-task-id="${taskId}"]`).getByRole('button', { name: action }).click();
        await page.waitForURL('**/dashboard/tasks?notice=task-updated');
        if (status === 'archived') break;
        expect(await page.locator(`tr[data-task-id="${taskId}"]`).getAttribute('data-status')).toBe(status);
      }
      // Archived tasks leave the All tab and live under Archived.
      expect(await page.locator(`tr[data-task-id="${taskId}"]`).count()).toBe(0);
      await page.getByRole('navigation', { name: 'Task status' }).getByRole('link', { name: 'Archived' }).click();
      await page.waitForURL('**/dashboard/tasks?tab=archived');
      expect(await page.getByRole('link', { name: 'Archived' }).getAttribute('aria-current')).toBe('page');
      const archived = page.locator(`tr[data-task-id="${taskId}"]`);
      expect(await archived.textContent()).toContain('Archived');
      expect((await h.services.tasks.get(tenant.tenantId, taskId)).completed_at).not.toBeNull();

      await archived.getByRole('button', { name: 'Reopen' }).click();
      await page.waitForURL('**/dashboard/tasks?tab=archived&notice=task-updated');
      expect(await h.services.tasks.get(tenant.tenantId, taskId)).toMatchObject({ status: 'open', completed_at: null });

      await waitForEventHorizon(h.database.db);
      const events = (await readTrainArEvents<{ task_id: string; new_status?: string }>(h.database.db, { scope: tenant.tenantId })).events.filter((e) => e.payload.task_id === taskId);
      expect(events.map((e) => (e.type === 'task.status_changed' ? e.payload.new_status : e.type))).toEqual(['task.created', 'in_progress', 'completed', 'task.completed', 'archived', 'open']);

      // A task created through the API appears; the page passes the design checks with rows in it.
      const key = (await h.createKey(tenant.tenantId, ['write:tasks'])).key;
      await h.call('POST', '/v1/api-tenant-tasks', { key, body: { title: 'From the API', external_id: 'JOB-1' } });
      expect(await checkPage(page, '/dashboard/tasks', 'trainar-tasks-member')).toEqual([]);
      expect(await page.locator('tr', { hasText: 'From the API' }).textContent()).toContain('API');

      await page.locator(`tr[data-task-id="${taskId}"]`).getByRole('button', { name: 'Delete' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
      await page.waitForURL('**/dashboard/tasks?notice=task-deleted');
      expect(await page.locator(`tr[data-task-id="${taskId}"]`).count()).toBe(0);
      await expect(h.services.tasks.get(tenant.tenantId, taskId)).rejects.toMatchObject({ status: 404 });
    } finally {
      await context.close();
    }
  }, 180_000);
});
