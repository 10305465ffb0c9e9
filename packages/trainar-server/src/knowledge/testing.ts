/** @module Test helpers for the knowledge module: wait for the pipeline, build real PDF and docx files. */
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { TrainArHarness } from '../testing/index';

/** Wakes the app's worker until every file of the item is ready or failed. */
export async function waitForKnowledge(h: TrainArHarness, tenantId: string, knowledgeId: string, timeoutMs = 20_000) {
  const worker = h.app.extra.worker as { wake(): void };
  const until = Date.now() + timeoutMs;
  for (;;) {
    const item = await h.services.knowledge.get(tenantId, knowledgeId);
    if (item.files.length && item.files.every((f) => f.status === 'ready' || f.status === 'failed')) return item;
    if (Date.now() > until) throw new Error(`knowledge ${knowledgeId} still ${item.status}: ${JSON.stringify(item.files.map((f) => f.status))}`);
    worker.wake();
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function pdfBytes(lines: string[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  for (const [i, line] of lines.entries()) page.drawText(line, { x: 50, y: 800 - i * 18, size: 11, font });
  return pdf.save();
}

export async function docxBytes(heading: string, paragraphs: string[]): Promise<Uint8Array> {
  const doc = new Document({ sections: [{ children: [new Paragraph({ text: heading, heading: HeadingLevel.HEADING_1 }), ...paragraphs.map((p) => new Paragraph(p))] }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** The seed's 14 Knowledge tools (trainar-spec section 6). */
export const KNOWLEDGE_TOOLS = [
  'list_knowledge',
  'get_knowledge',
  'upload_knowledge',
  'upload_knowledge_file',
  'bulk_upload_knowledge_files',
  'process_knowledge',
  'search_knowledge',
  'update_knowledge_file',
  'delete_knowledge',
  'list_knowledge_collections',
  'get_knowledge_collection',
  'create_knowledge_collection',
  'update_knowledge_collection',
  'delete_knowledge_collection',
];

export const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
