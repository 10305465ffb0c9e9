/**
 * @module Turns an upload (inline text, base64 bytes or a public URL) into checked bytes: exactly one
 * source, a supported format, and at most the size limit, each refused with an error naming the field,
 * the limit and what to do instead.
 */
import { assertOutboundUrl, badRequest, ApiError, type UrlAllowance, systemResolver, UnsafeUrlError } from '@platform/kit';
import type { KnowledgeFileInput } from '@trainar/api';
import { resolveMimeType, SUPPORTED_EXTENSIONS } from './extraction';

export interface UploadLimits {
  maxFileBytes: number;
  /** Which receivers a `url` upload may reach (public only, unless dev mode allows more). */
  urlAllowance: UrlAllowance;
}

export interface CheckedFile {
  filename: string;
  mimeType: string;
  bytes: Uint8Array;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB`;

function tooLarge(field: string, size: number, limits: UploadLimits): ApiError {
  return new ApiError({
    kind: 'payload_too_large',
    message: `${field} is ${mb(size)}; the limit is ${mb(limits.maxFileBytes)} per file (TRAINAR_KNOWLEDGE_MAX_FILE_MB). Split the document or upload a smaller export.`,
    details: { field, size_bytes: size, limit_bytes: limits.maxFileBytes },
  });
}

/** `prefix` names the input path in errors, e.g. `files.2.` for a bulk upload. */
export async function checkUpload(input: KnowledgeFileInput, limits: UploadLimits, prefix = ''): Promise<CheckedFile> {
  const sources = (['content', 'file_base64', 'url'] as const).filter((k) => input[k] !== undefined);
  if (sources.length !== 1) {
    throw badRequest(`Give exactly one of content, file_base64 or url (got ${sources.length ? sources.join(' and ') : 'none'}).`, { field: `${prefix}${sources[1] ?? 'content'}` });
  }
  const mimeType = resolveMimeType(input.filename, input.mime_type);
  if (!mimeType) {
    throw badRequest(`${input.filename}: unsupported format${input.mime_type ? ` ${input.mime_type}` : ''}; upload one of ${SUPPORTED_EXTENSIONS.join(', ')}.`, {
      field: `${prefix}${input.mime_type ? 'mime_type' : 'filename'}`,
    });
  }
  let bytes: Uint8Array;
  if (input.content !== undefined) {
    bytes = new TextEncoder().encode(input.content);
    if (bytes.length > limits.maxFileBytes) throw tooLarge(`${prefix}content`, bytes.length, limits);
  } else if (input.file_base64 !== undefined) {
    const b64 = input.file_base64.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(b64)) throw badRequest('file_base64 is not valid base64.', { field: `${prefix}file_base64` });
    if (Math.floor((b64.length * 3) / 4) > limits.maxFileBytes + 2) throw tooLarge(`${prefix}file_base64`, Math.floor((b64.length * 3) / 4), limits);
    bytes = new Uint8Array(Buffer.from(b64, 'base64'));
  } else {
    bytes = await download(input.url as string, limits, `${prefix}url`);
  }
  if (bytes.length === 0) throw badRequest(`${input.filename} is empty.`, { field: `${prefix}${sources[0]}` });
  return { filename: input.filename, mimeType, bytes };
}

async function download(raw: string, limits: UploadLimits, field: string): Promise<Uint8Array> {
  let url: URL;
  try {
    url = await assertOutboundUrl(raw, { allow: limits.urlAllowance, resolve: systemResolver });
  } catch (err) {
    if (err instanceof UnsafeUrlError) throw badRequest(err.message, { field });
    throw err;
  }
  let res: Response;
  try {
    res = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(30_000) });
  } catch (err) {
    throw badRequest(`Could not download ${url.origin}${url.pathname} (${(err as Error).message}); check the URL is public and does not redirect, or upload the file as file_base64.`, { field });
  }
  if (!res.ok || !res.body) throw badRequest(`Downloading ${url.origin}${url.pathname} answered HTTP ${res.status}; upload the file as file_base64 instead.`, { field });
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > limits.maxFileBytes) throw tooLarge(field, declared, limits);
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const part of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += part.length;
    if (size > limits.maxFileBytes) throw tooLarge(field, size, limits);
    parts.push(part);
  }
  return new Uint8Array(Buffer.concat(parts));
}
