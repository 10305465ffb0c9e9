/**
 * @module Structure-aware chunking: the text is split into blocks at headings and blank lines; blocks
 * are packed into chunks of up to `maxChars`; each chunk starts with the heading it sits under (so a
 * chunk keeps its context) and repeats the tail of the previous chunk (`overlapChars`, cut at a
 * sentence or word boundary), so an answer that straddles a boundary is still found whole.
 */
export interface ChunkOptions {
  maxChars: number;
  overlapChars: number;
}

export const defaultChunkOptions: ChunkOptions = { maxChars: 1200, overlapChars: 200 };

const HEADING = /^(#{1,6}\s+.+|[A-Z][A-Z0-9 ,&/()-]{3,80}:?)$/;

interface Block {
  heading: string | null;
  text: string;
}

export function chunkText(raw: string, options: ChunkOptions = defaultChunkOptions): string[] {
  const blocks = toBlocks(raw.replace(/\r\n?/g, '\n'), options.maxChars);
  const chunks: string[] = [];
  let current: string[] = [];
  let heading: string | null = null;
  let size = 0;
  /** Whether `current` holds more than the overlap carried from the previous chunk. */
  let fresh = false;
  const flush = (carry: boolean) => {
    if (fresh) {
      const body = current.join('\n\n');
      chunks.push(heading ? `${heading}\n${body}` : body);
    }
    const tail = carry && fresh ? overlapTail(current.join('\n\n'), options.overlapChars) : '';
    current = tail ? [tail] : [];
    size = tail.length;
    fresh = false;
  };
  for (const block of blocks) {
    if (block.heading !== heading) {
      flush(false);
      heading = block.heading;
    } else if (size + block.text.length > options.maxChars && fresh) flush(true);
    current.push(block.text);
    size += block.text.length + 2;
    fresh = true;
  }
  flush(false);
  return chunks.map((c) => c.trim()).filter(Boolean);
}

/** Paragraph blocks under their nearest heading; a paragraph longer than maxChars is split at sentences. */
function toBlocks(text: string, maxChars: number): Block[] {
  const blocks: Block[] = [];
  let heading: string | null = null;
  for (const para of text.split(/\n\s*\n/)) {
    const lines = para.split('\n').map((l) => l.trimEnd());
    const rest: string[] = [];
    for (const line of lines) {
      if (HEADING.test(line.trim()) && line.trim().length <= 100) {
        if (rest.length) blocks.push(...splitLong({ heading, text: rest.join('\n').trim() }, maxChars));
        rest.length = 0;
        heading = line.trim().replace(/^#+\s*/, '');
      } else if (line.trim()) rest.push(line);
    }
    if (rest.length) blocks.push(...splitLong({ heading, text: rest.join('\n').trim() }, maxChars));
  }
  return blocks;
}

function splitLong(block: Block, maxChars: number): Block[] {
  if (block.text.length <= maxChars) return [block];
  const sentences = block.text.match(/[^.!?\n]+[.!?]*\s*|\n/g) ?? [block.text];
  const out: Block[] = [];
  let buf = '';
  for (const s of sentences) {
    if (buf.length + s.length > maxChars && buf) {
      out.push({ heading: block.heading, text: buf.trim() });
      buf = '';
    }
    // A single "sentence" longer than the limit (a table row dump) is cut hard.
    for (let i = 0; i < s.length; i += maxChars) buf += s.slice(i, i + maxChars);
  }
  if (buf.trim()) out.push({ heading: block.heading, text: buf.trim() });
  return out;
}

function overlapTail(text: string, overlap: number): string {
  if (overlap <= 0 || text.length <= overlap) return '';
  const tail = text.slice(-overlap);
  const sentence = tail.search(/[.!?]\s+\S/);
  if (sentence >= 0) return tail.slice(sentence + 1).trim();
  const space = tail.indexOf(' ');
  return space >= 0 ? tail.slice(space + 1).trim() : tail;
}
