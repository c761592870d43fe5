import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import type { Caller } from '../caller.js';
import { decryptField, encryptField, hmacSm3 } from '../crypto.js';

/** How long a download link works: long enough to click, short enough that a leaked one is dead. */
export const DOWNLOAD_LINK_TTL_SECONDS = 5 * 60;

@Directive('@shareable')
@ObjectType('DownloadLink', { description: '导出文件的签名下载地址（有效期 5 分钟，浏览器直接打开即可下载）' })
export class DownloadLink {
  @Field(() => String, { description: '相对地址，经统一网关 /files/<子系统>/download 下载' })
  url!: string;

  @Field(() => String, { description: '文件名' })
  fileName!: string;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => Int, { description: '文件中的记录条数（导出模板时为 0）' })
  rowCount!: number;
}

/**
 * What a download link stands for: which of the subgraph's downloads (`kind`), its arguments
 * (filter, sort, selected ids …), the caller whose permissions and data scope were checked when the
 * link was issued, and the file name. The link carries it encrypted and authenticated (SM4 + HMAC-SM3
 * under a key derived from FIELD_ENCRYPTION_KEY and bound to the subgraph), so it needs no table,
 * reveals nothing of the caller's scope, and cannot be altered or used at another subgraph.
 */
export interface DownloadRequest {
  kind: string;
  args: Record<string, unknown>;
  caller: Caller | null;
  fileName: string;
}

interface Sealed extends DownloadRequest {
  subgraph: string;
  exp: number;
}

const linkKey = (fieldKeyHex: string, subgraph: string) =>
  hmacSm3(fieldKeyHex, `hs download link key v1:${subgraph}`).slice(0, 32);

export function issueDownloadLink(
  fieldKeyHex: string,
  subgraph: string,
  request: DownloadRequest,
  rowCount: number,
  now: Date,
): DownloadLink {
  const exp = Math.floor(now.getTime() / 1000) + DOWNLOAD_LINK_TTL_SECONDS;
  const sealed: Sealed = { ...request, subgraph, exp };
  // Deflated first: a caller's permission list compresses to a fraction, keeping the URL short.
  const packed = deflateRawSync(Buffer.from(JSON.stringify(sealed))).toString('base64');
  const token = Buffer.from(encryptField(packed, linkKey(fieldKeyHex, subgraph))).toString('base64url');
  return {
    url: `/files/${subgraph}/download?t=${token}`,
    fileName: request.fileName,
    expiresAt: new Date(exp * 1000),
    rowCount,
  };
}

export type OpenedDownload = { ok: true; request: DownloadRequest } | { ok: false; reason: 'expired' | 'invalid' };

export function openDownloadLink(fieldKeyHex: string, subgraph: string, token: unknown, now: Date): OpenedDownload {
  if (typeof token !== 'string' || token.length === 0 || token.length > 16_000) return { ok: false, reason: 'invalid' };
  let sealed: Sealed;
  try {
    const packed = decryptField(Buffer.from(token, 'base64url').toString('utf8'), linkKey(fieldKeyHex, subgraph));
    sealed = JSON.parse(inflateRawSync(Buffer.from(packed, 'base64')).toString('utf8')) as Sealed;
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (sealed.subgraph !== subgraph || typeof sealed.kind !== 'string') return { ok: false, reason: 'invalid' };
  if (!Number.isSafeInteger(sealed.exp) || sealed.exp * 1000 < now.getTime()) return { ok: false, reason: 'expired' };
  const { kind, args, caller, fileName } = sealed;
  return { ok: true, request: { kind, args: args ?? {}, caller: caller ?? null, fileName } };
}
