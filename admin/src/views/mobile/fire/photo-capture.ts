/**
 * Turning a camera frame into an on-site photo (1.3.5): drawn from the live <video> onto a canvas
 * (never from a file: the page has no file input), stamped with time, place, project and location,
 * encoded as JPEG small enough for the weakest connection, and MACed with the visit's capture key
 * exactly as the server checks it (subgraphs/fire/src/onsite/capture.ts). The stamp's time is Beijing time,
 * whatever zone the phone is set to.
 */
import { formatDateTime } from '@/utils/format';

export const MAX_SIDE = 1280;
export const MAX_BYTES = 650 * 1024;

export interface Stamp {
  capturedAt: Date;
  latitude: number;
  longitude: number;
  accuracy: number;
  project: string;
  where: string;
}

export function stampLines(s: Stamp): string[] {
  return [
    `时间 ${formatDateTime(s.capturedAt)}`,
    `位置 ${s.latitude.toFixed(5)}, ${s.longitude.toFixed(5)} ±${Math.round(s.accuracy)}米`,
    `项目 ${s.project}`,
    ...(s.where ? [`部位 ${s.where}`] : []),
  ];
}

function drawStamp(ctx: CanvasRenderingContext2D, width: number, height: number, lines: string[]): void {
  const size = Math.max(14, Math.round(width / 40));
  ctx.font = `${size}px "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif`;
  const lineHeight = Math.round(size * 1.4);
  const boxHeight = lineHeight * lines.length + size;
  ctx.fillStyle = 'rgba(0, 0, 0, 0.45)';
  ctx.fillRect(0, height - boxHeight, width, boxHeight);
  ctx.fillStyle = '#fff';
  ctx.textBaseline = 'top';
  lines.forEach((line, i) =>
    ctx.fillText(line, size / 2, height - boxHeight + size / 2 + i * lineHeight, width - size),
  );
}

const toBlob = (canvas: HTMLCanvasElement, quality: number) =>
  new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('无法生成照片'))), 'image/jpeg', quality),
  );

const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');

function dataUrlOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

export interface CapturedPhoto {
  dataUrl: string;
  sha256: string;
  bytes: number;
  width: number;
  height: number;
}

/** The current video frame, scaled to MAX_SIDE, stamped, as a JPEG under MAX_BYTES. */
export async function captureFrame(video: HTMLVideoElement, stamp: Stamp): Promise<CapturedPhoto> {
  const scale = Math.min(1, MAX_SIDE / Math.max(video.videoWidth, video.videoHeight));
  const width = Math.round(video.videoWidth * scale);
  const height = Math.round(video.videoHeight * scale);
  if (!width || !height) throw new Error('相机画面尚未就绪，请稍候再拍');
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('此浏览器无法处理照片');
  ctx.drawImage(video, 0, 0, width, height);
  drawStamp(ctx, width, height, stampLines(stamp));
  let blob = await toBlob(canvas, 0.82);
  for (const quality of [0.7, 0.55, 0.4]) {
    if (blob.size <= MAX_BYTES) break;
    blob = await toBlob(canvas, quality);
  }
  if (blob.size > MAX_BYTES) throw new Error('照片过大，请重拍');
  const sha256 = hex(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
  return { dataUrl: await dataUrlOf(blob), sha256, bytes: blob.size, width, height };
}

export interface CaptureFacts {
  visitId: string;
  capturedAt: string;
  latitude: number;
  longitude: number;
  accuracy: number;
  sha256: string;
}

/** HMAC-SHA256 under the visit's capture key over the same lines the server rebuilds. */
export async function captureMac(captureKeyHex: string, f: CaptureFacts): Promise<string> {
  const keyBytes = new Uint8Array(captureKeyHex.match(/../g)!.map((h) => parseInt(h, 16)));
  const key = await crypto.subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const message = [
    'hs-fire-photo/1',
    f.visitId,
    f.capturedAt,
    String(f.latitude),
    String(f.longitude),
    String(f.accuracy),
    f.sha256,
  ].join('\n');
  return hex(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message)));
}
