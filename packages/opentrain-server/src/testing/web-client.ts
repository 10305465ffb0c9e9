/**
 * @module A minimal browser for HTTP-level page tests: a cookie jar, manual redirect following,
 * and form posts that carry the CSRF token (the double-submit cookie) and a same-site Origin.
 */
export interface WebResponse {
  status: number;
  url: string;
  text: string;
  headers: Headers;
  setCookies: string[];
}

export class WebClient {
  readonly cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  private absolute(path: string): string {
    return new URL(path, this.baseUrl).toString();
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: Response): string[] {
    const set = res.headers.getSetCookie();
    for (const line of set) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return set;
  }

  async request(path: string, init: RequestInit = {}, follow = true): Promise<WebResponse> {
    let url = this.absolute(path);
    let res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), Cookie: this.cookieHeader() } });
    let setCookies = this.remember(res);
    for (let hops = 0; follow && res.status >= 300 && res.status < 400 && hops < 5; hops++) {
      url = this.absolute(res.headers.get('Location') as string);
      res = await fetch(url, { redirect: 'manual', headers: { Cookie: this.cookieHeader() } });
      setCookies = [...setCookies, ...this.remember(res)];
    }
    return { status: res.status, url, text: await res.text(), headers: res.headers, setCookies };
  }

  get(path: string, follow = true): Promise<WebResponse> {
    return this.request(path, {}, follow);
  }

  /** Posts a form; `_csrf` defaults to this browser's CSRF cookie (fetch a page with a form first). */
  post(path: string, fields: Record<string, string>, options: { follow?: boolean; origin?: string; csrf?: string | null } = {}): Promise<WebResponse> {
    const body = new URLSearchParams(fields);
    const csrf = options.csrf === undefined ? this.cookies.get('csrf_token') : options.csrf;
    if (csrf !== null && csrf !== undefined) body.set('_csrf', csrf);
    return this.request(
      path,
      { method: 'POST', body: body.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: options.origin ?? new URL(this.baseUrl).origin } },
      options.follow ?? true,
    );
  }
}
