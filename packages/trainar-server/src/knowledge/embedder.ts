/**
 * @module Embedders turn text into vectors for semantic search. Two ship: `ConceptHashEmbedder`, the
 * offline default (no network, no weights: hashed word, character-trigram and domain-concept
 * features, see lexicon.ts), and `OpenAiEmbedder`, any server speaking the OpenAI embeddings API
 * (OpenAI, Azure-compatible gateways, Ollama, vLLM, LiteLLM), chosen by env in `embedderFromEnv`.
 */
import { stemmer } from 'stemmer';
import { CONCEPTS } from './lexicon';

export interface Embedder {
  /** Stored with each vector: search compares only vectors of the model in use. */
  readonly model: string;
  embed(texts: string[]): Promise<number[][]>;
}

const STOPWORDS = new Set(
  'a an and are as at be been but by can could do does did for from had has have how i if in into is it its me my of on or our should so than that the their them then there these they this to was we were what when where which while who why will with would you your yours'.split(
    ' ',
  ),
);

/** Lower-cased word stems, hyphens and apostrophes folded, stopwords kept (phrases need them). */
export function stems(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/['’]/g, '')
      .match(/[a-z0-9]+/g) ?? []
  ).map((w) => (/^\d/.test(w) ? w : stemmer(w)));
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const MAX_PHRASE = 4;

/** Stemmed phrase → concept names, built once from the lexicon. */
function conceptIndex(concepts: Record<string, string[]>): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const [concept, words] of Object.entries(concepts)) {
    for (const word of words) {
      const key = stems(word).join(' ');
      if (!key) continue;
      const list = index.get(key) ?? [];
      if (!list.includes(concept)) list.push(concept);
      index.set(key, list);
    }
  }
  return index;
}

export interface ConceptHashOptions {
  dimensions: number;
  /** Weight of a concept feature relative to a word feature. */
  conceptWeight: number;
  /** Total weight of a word's character trigrams (spelling variants, compounds). */
  trigramWeight: number;
}

/**
 * Feature hashing over stems, their character trigrams and lexicon concepts, L2-normalised.
 * Captures morphology ("isolating" ~ "isolation"), spelling variants and the domain synonyms in
 * the lexicon; it knows nothing outside the lexicon (see docs for its limits).
 */
export class ConceptHashEmbedder implements Embedder {
  readonly model: string;
  private readonly index: Map<string, string[]>;
  private readonly options: ConceptHashOptions;

  constructor(options: Partial<ConceptHashOptions> = {}, concepts: Record<string, string[]> = CONCEPTS) {
    this.options = { dimensions: 512, conceptWeight: 1.5, trigramWeight: 0.5, ...options };
    this.index = conceptIndex(concepts);
    this.model = `concept-hash-v1-${this.options.dimensions}`;
  }

  async embed(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.embedOne(t));
  }

  embedOne(text: string): number[] {
    const { dimensions, conceptWeight, trigramWeight } = this.options;
    const vec = new Float64Array(dimensions);
    const add = (feature: string, weight: number) => {
      const h = fnv1a(feature);
      vec[h % dimensions] += h & 0x80000000 ? -weight : weight;
    };
    const tokens = stems(text);
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      for (let n = MAX_PHRASE; n >= 1; n--) {
        if (i + n > tokens.length) continue;
        const concepts = this.index.get(n === 1 ? token : tokens.slice(i, i + n).join(' '));
        if (concepts) for (const c of concepts) add(`c:${c}`, conceptWeight);
      }
      if (STOPWORDS.has(token) || token.length < 2) continue;
      add(`w:${token}`, 1);
      const padded = `#${token}#`;
      const grams = padded.length - 2;
      for (let j = 0; j < grams; j++) add(`g:${padded.slice(j, j + 3)}`, trigramWeight / grams);
    }
    // Sublinear term frequency: a word repeated ten times is not ten times the evidence.
    let norm = 0;
    for (let d = 0; d < dimensions; d++) {
      const v = vec[d];
      vec[d] = Math.sign(v) * Math.log1p(Math.abs(v));
      norm += vec[d] * vec[d];
    }
    norm = Math.sqrt(norm) || 1;
    return Array.from(vec, (v) => v / norm);
  }
}

export interface OpenAiEmbedderOptions {
  /** Base URL up to /v1, e.g. https://api.openai.com/v1 or http://localhost:11434/v1. */
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** Sent as `dimensions` when set (text-embedding-3-* can shorten vectors). */
  dimensions?: number;
  batchSize?: number;
  timeoutMs?: number;
}

export class EmbedderError extends Error {}

/** POST {baseUrl}/embeddings with `{model, input:[…]}`; reads `data[].embedding` by `index`. */
export class OpenAiEmbedder implements Embedder {
  readonly model: string;
  constructor(private readonly options: OpenAiEmbedderOptions) {
    this.model = `openai:${options.model}${options.dimensions ? `:${options.dimensions}` : ''}`;
  }

  async embed(texts: string[]): Promise<number[][]> {
    const out: number[][] = [];
    const batch = this.options.batchSize ?? 64;
    for (let i = 0; i < texts.length; i += batch) out.push(...(await this.request(texts.slice(i, i + batch))));
    return out;
  }

  private async request(input: string[]): Promise<number[][]> {
    const url = `${this.options.baseUrl.replace(/\/+$/, '')}/embeddings`;
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (this.options.apiKey) headers.Authorization = `Bearer ${this.options.apiKey}`;
    const body = { model: this.options.model, input, ...(this.options.dimensions ? { dimensions: this.options.dimensions } : {}) };
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000) });
    } catch (err) {
      throw new EmbedderError(`Embedding server ${url} unreachable (${(err as Error).message}); check TRAINAR_EMBEDDINGS_URL.`);
    }
    if (!res.ok) {
      const detail = (await res.text().catch(() => '')).slice(0, 200);
      throw new EmbedderError(`Embedding server answered HTTP ${res.status} for model ${this.options.model}: ${detail}`);
    }
    const json = (await res.json()) as { data?: Array<{ embedding?: unknown; index?: number }> };
    const data = json.data;
    if (!Array.isArray(data) || data.length !== input.length) throw new EmbedderError(`Embedding server returned ${Array.isArray(data) ? data.length : 'no'} vectors for ${input.length} inputs.`);
    const vectors: number[][] = new Array(input.length);
    data.forEach((d, position) => {
      if (!Array.isArray(d.embedding) || !d.embedding.every((x) => typeof x === 'number')) throw new EmbedderError('Embedding server returned a malformed embedding.');
      vectors[d.index ?? position] = normalise(d.embedding as number[]);
    });
    return vectors;
  }
}

function normalise(v: number[]): number[] {
  const n = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / n);
}

/** TRAINAR_EMBEDDINGS_URL (+ _MODEL, _API_KEY, _DIMENSIONS) selects the HTTP embedder; otherwise the offline one. */
export function embedderFromEnv(env: NodeJS.ProcessEnv = process.env): Embedder {
  const url = env.TRAINAR_EMBEDDINGS_URL?.trim();
  if (!url) return new ConceptHashEmbedder();
  const dims = env.TRAINAR_EMBEDDINGS_DIMENSIONS ? Number(env.TRAINAR_EMBEDDINGS_DIMENSIONS) : undefined;
  if (dims !== undefined && !(Number.isInteger(dims) && dims > 0)) throw new Error(`TRAINAR_EMBEDDINGS_DIMENSIONS must be a positive integer (got "${env.TRAINAR_EMBEDDINGS_DIMENSIONS}")`);
  return new OpenAiEmbedder({ baseUrl: url, model: env.TRAINAR_EMBEDDINGS_MODEL?.trim() || 'text-embedding-3-small', apiKey: env.TRAINAR_EMBEDDINGS_API_KEY, dimensions: dims });
}
