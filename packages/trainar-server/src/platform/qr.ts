/** @module A payload as a QR code in an SVG data URL (rendered server-side by `qrcode`; the strict CSP allows data: images). */
import QRCode from 'qrcode';

export async function qrDataUrl(payload: string): Promise<string> {
  const svg = await QRCode.toString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
