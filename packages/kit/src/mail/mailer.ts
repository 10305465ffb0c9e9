/**
 * @module Mail: one interface, two adapters. SMTP (nodemailer) when configured; otherwise a sandbox
 * outbox stored in the database and shown on a dev page, so every emailed link works locally.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { sql } from 'kysely';
import type { Clock } from '../clock';
import type { AnyDb, Executor } from '../db/database';
import type { SqlMigration } from '../db/migrations';
import { newId } from '../secrets/tokens';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  /** `smtp` or `sandbox`: shown to users so nobody mistakes the sandbox for delivery. */
  readonly kind: 'smtp' | 'sandbox';
  send(message: MailMessage): Promise<{ id: string }>;
}

export const mailMigrations: SqlMigration[] = [
  {
    name: 'kit-0100-sandbox-mail',
    up: `create table sandbox_mail (
      id text primary key,
      recipient text not null,
      subject text not null,
      body_text text not null,
      body_html text,
      created_at timestamptz not null
    );
    create index sandbox_mail_recipient on sandbox_mail (recipient, created_at desc);`,
  },
];

export interface SmtpOptions {
  url: string;
  from: string;
}

export class SmtpMailer implements Mailer {
  readonly kind = 'smtp' as const;
  private readonly transport: Transporter;
  constructor(private readonly options: SmtpOptions) {
    this.transport = nodemailer.createTransport(options.url);
  }
  async send(message: MailMessage): Promise<{ id: string }> {
    const info = await this.transport.sendMail({ from: this.options.from, to: message.to, subject: message.subject, text: message.text, html: message.html });
    return { id: info.messageId };
  }
  close(): void {
    this.transport.close();
  }
}

export interface SandboxMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  createdAt: string;
}

export class SandboxMailer implements Mailer {
  readonly kind = 'sandbox' as const;
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
  ) {}
  async send(message: MailMessage): Promise<{ id: string }> {
    const id = newId('mail', this.clock.now());
    await this.db
      .insertInto('sandbox_mail')
      .values({ id, recipient: message.to.toLowerCase(), subject: message.subject, body_text: message.text, body_html: message.html ?? null, created_at: this.clock.now() })
      .execute();
    return { id };
  }
}

/** Newest first; optionally only one recipient's mail. */
export async function listSandboxMail(db: AnyDb, options: { to?: string; limit?: number } = {}): Promise<SandboxMail[]> {
  let q = db.selectFrom('sandbox_mail').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit ?? 50);
  if (options.to) q = q.where('recipient', '=', options.to.toLowerCase());
  const rows = await q.execute();
  return rows.map((r) => ({ id: r.id, to: r.recipient, subject: r.subject, text: r.body_text, html: r.body_html, createdAt: new Date(r.created_at).toISOString() }));
}

export async function countSandboxMail(db: AnyDb): Promise<number> {
  const row = await sql<{ n: number }>`select count(*)::int as n from sandbox_mail`.execute(db);
  return row.rows[0].n;
}

/** SMTP when `smtpUrl` is set, else the sandbox outbox. */
export function createMailer(options: { smtpUrl?: string; from: string; db: AnyDb; clock: Clock }): Mailer {
  return options.smtpUrl ? new SmtpMailer({ url: options.smtpUrl, from: options.from }) : new SandboxMailer(options.db, options.clock);
}
