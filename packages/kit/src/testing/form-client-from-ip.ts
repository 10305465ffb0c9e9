/**
 * @module A form client whose requests leave from a chosen loopback address (127.0.0.2, …), so
 * tests can play an attacker and a victim at different client IPs against one local server.
 * Keeps cookies, sends the CSRF double-submit token and a same-site Origin, never follows redirects.
 */
import { request } from 'node:http';

export interface FormResponse {
  status: number;
  location: string | null;
  text: string;
}

export class FormClientFromIp {
  private readonly cookies = new Map<string, string>();
  constructor(
    private readonly baseUrl: string,
    private readonly localAddress: string,
  ) {}

  private send(method: string, path: string, body?: string): Promise<FormResponse> {
    const url = new URL(path, this.baseUrl);
    const headers: Record<string, string> = { Cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (body !== undefined) Object.assign(headers, { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(Buffer.byteLength(body)), Origin: url.origin });
    return new Promise((resolve, reject) => {
      const req = request(url, { method, headers, localAddress: this.localAddress }, (res) => {
        for (const line of res.headers['set-cookie'] ?? []) {
          const [pair] = line.split(';');
          const eq = pair.indexOf('=');
          this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, location: (res.headers.location as string | undefined) ?? null, text: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  get(path: string): Promise<FormResponse> {
    return this.send('GET', path);
  }

  /** Opens `pagePath` (for the CSRF cookie), then posts `fields` to `action` with the token. */
  async submit(pagePath: string, action: string, fields: Record<string, string>): Promise<FormResponse> {
    const page = await this.get(pagePath);
    const token = this.cookies.get('csrf_token') ?? /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    return this.send('POST', action, new URLSearchParams({ ...fields, _csrf: token }).toString());
  }
}
