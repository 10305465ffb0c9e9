/**
 * @module A minimal cookie-keeping form client for dashboard tests over HTTP (the browser test
 * drives chromium; these cover the many edge cases cheaply). It posts forms the way a browser
 * does: urlencoded, with the page's CSRF token and this site's Origin.
 */
export interface WebPage {
  status: number;
  text: string;
  location: string | null;
  headers: Headers;
}

export class WebClient {
  private readonly cookies = new Map<string, string>();
  private csrf = '';

  constructor(private readonly baseUrl: string) {}

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0/i.test(a) || (/^\s*expires=/i.test(a) && new Date(a.split('=')[1]).getTime() < Date.now()));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  hasCookie(name: string): boolean {
    return this.cookies.has(name);
  }

  async get(path: string): Promise<WebPage> {
    const res = await fetch(new URL(path, this.baseUrl), { headers: { Cookie: this.cookieHeader() }, redirect: 'manual' });
    this.remember(res);
    const text = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text);
    if (token) this.csrf = token[1];
    return { status: res.status, text, location: res.headers.get('location'), headers: res.headers };
  }

  /** Posts a form (fields may repeat, like ticked checkboxes). `csrf: false` leaves the token out. */
  async post(path: string, fields: Record<string, string | string[]>, options: { csrf?: boolean; origin?: string } = {}): Promise<WebPage> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    if (options.csrf !== false) body.set('_csrf', this.csrf);
    const res = await fetch(new URL(path, this.baseUrl), {
      method: 'POST',
      body,
      headers: { Cookie: this.cookieHeader(), 'Content-Type': 'application/x-www-form-urlencoded', Origin: options.origin ?? new URL(this.baseUrl).origin },
      redirect: 'manual',
    });
    this.remember(res);
    const text = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text);
    if (token) this.csrf = token[1];
    return { status: res.status, text, location: res.headers.get('location'), headers: res.headers };
  }

  /** GET a page first (for its CSRF token), then post. */
  async submit(pagePath: string, action: string, fields: Record<string, string | string[]>): Promise<WebPage> {
    await this.get(pagePath);
    return this.post(action, fields);
  }
}
