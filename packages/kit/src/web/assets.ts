/**
 * @module The design system's static files, served by every app from its own origin (no CDN: pages
 * work offline and under `style-src 'self'; script-src 'self'`). Pico CSS is read from
 * node_modules at start, our component stylesheet and script from `./assets`. Each URL carries the
 * file's content hash, so browsers may cache it for a year and a new release is fetched at once.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Hono } from 'hono';
import type { AppEnv } from '../http/env';

interface Asset {
  path: string;
  body: string;
  type: string;
}

function asset(name: string, ext: 'css' | 'js', body: string): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { path: `/assets/${name}.${hash}.${ext}`, body, type: ext === 'css' ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8' };
}

const here = (file: string) => new URL(`./assets/${file}`, import.meta.url);
const require = createRequire(import.meta.url);

let loaded: { pico: Asset; ui: Asset; script: Asset } | undefined;

/** The three files, read once (lazily, so importing the kit reads nothing). */
export function designAssets() {
  loaded ??= {
    pico: asset('pico', 'css', readFileSync(require.resolve('@picocss/pico/css/pico.min.css'), 'utf8')),
    ui: asset('ui', 'css', readFileSync(here('ui.css'), 'utf8')),
    script: asset('ui', 'js', readFileSync(here('ui.js'), 'utf8')),
  };
  return loaded;
}

/**
 * The Content-Security-Policy for server-rendered pages: only same-origin styles and scripts (no
 * inline ones), `data:` images for Pico's form icons, forms posting only to this site, no framing.
 */
export const PAGE_CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Serves the design system's files under `/assets/` with immutable cache headers. */
export function mountDesignAssets(app: Hono<AppEnv>): void {
  const files = Object.values(designAssets());
  app.get('/assets/:file', (c) => {
    const file = files.find((f) => f.path === c.req.path);
    if (!file) return c.text('Not found', 404);
    return c.body(file.body, 200, {
      'Content-Type': file.type,
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    });
  });
}
