import { sm3 } from '@hs/kit';

/**
 * The audit log's hash chain: hash(n) = SM3(hash(n-1) + canonicalJson(content(n))). Changing,
 * inserting or deleting any row breaks the chain from that row on, so tampering shows even for
 * someone who can write to the table. Pure, so the router-facing writer and the verifier cannot
 * disagree on what is hashed.
 */
export const GENESIS_HASH = '0'.repeat(64);

/** What one audit row says; `at` as an ISO string with milliseconds, `seq` as a decimal string. */
export interface AuditContent {
  seq: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  sessionId: string | null;
  ip: string | null;
  userAgent: string | null;
  operationName: string | null;
  fields: string[];
  variables: unknown;
  result: string;
  errorCodes: string[];
  /** The router's outbox id; absent (not null) on rows without one, so rows written before it hash as they did. */
  recordId?: string;
}

/**
 * JSON with object keys sorted at every depth and no insignificant whitespace, so the same content
 * always hashes the same, whatever order a driver or jsonb hands the keys back in. `undefined`
 * members are dropped (as JSON.stringify does); non-finite numbers become null.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'bigint':
      return JSON.stringify(value.toString());
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined && typeof v !== 'function')
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    default:
      return 'null';
  }
}

export function auditHash(prevHash: string, content: AuditContent): string {
  return sm3(prevHash + canonicalJson(content));
}

export interface ChainRow extends AuditContent {
  prevHash: string;
  hash: string;
}

/**
 * Walks rows in seq order from `prevHash`; the seq of the first row whose link or hash is wrong, or
 * null. Chunked verification passes the last good hash of the previous chunk as `prevHash`.
 */
export function firstBrokenLink(
  rows: readonly ChainRow[],
  prevHash: string,
): { brokenAtSeq: string | null; lastHash: string } {
  let expectedPrev = prevHash;
  for (const row of rows) {
    const { prevHash: storedPrev, hash, ...content } = row;
    if (storedPrev !== expectedPrev || auditHash(storedPrev, content) !== hash)
      return { brokenAtSeq: row.seq, lastHash: expectedPrev };
    expectedPrev = hash;
  }
  return { brokenAtSeq: null, lastHash: expectedPrev };
}
