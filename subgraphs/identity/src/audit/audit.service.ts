import type { EntityManager } from '@mikro-orm/postgresql';
import { auditHash, firstBrokenLink, GENESIS_HASH, type AuditContent, type ChainRow } from './audit-hash.js';

/** What a caller of `append` supplies; seq, prevHash and hash are the chain's business. */
export interface AuditEntry {
  at?: Date;
  actorId?: string | null;
  actorName?: string | null;
  sessionId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  operationName?: string | null;
  fields?: string[];
  variables?: unknown;
  result: string;
  errorCodes?: string[];
  /** Idempotency key (the router's outbox id): an entry with a stored recordId is not appended again. */
  recordId?: string | null;
}

export interface AuditChainReport {
  ok: boolean;
  checked: number;
  brokenAtSeq: string | null;
  headSeq: string;
}

/** Larger variables are replaced by a marker: the audit row records that they were there. */
export const MAX_VARIABLES_BYTES = 64 * 1024;
const VERIFY_BATCH = 1000;

/** PostgreSQL text and jsonb hold neither NUL nor lone surrogates: replace them, so hashing and storage agree. */
export function cleanText(value: string): string {
  return value
    .replaceAll('\u0000', '\uFFFD')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function cleanJson(value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) return value.map(cleanJson);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [cleanText(k), cleanJson(v)]),
    );
  }
  return value;
}

/** Variables as they will come back from jsonb: plain JSON, cleaned, size-capped. */
export function normaliseVariables(variables: unknown): unknown {
  if (variables === undefined || variables === null) return null;
  const json = JSON.stringify(variables);
  if (json === undefined) return null;
  if (Buffer.byteLength(json) > MAX_VARIABLES_BYTES) return { _truncated: true, bytes: Buffer.byteLength(json) };
  return cleanJson(JSON.parse(json));
}

const text = (value: string | null | undefined, max: number): string | null =>
  value === null || value === undefined || value === '' ? null : cleanText(String(value)).slice(0, max);

const texts = (values: string[] | undefined, maxItems: number, max: number): string[] =>
  (values ?? []).slice(0, maxItems).map((v) => cleanText(String(v)).slice(0, max));

interface RawAuditRow {
  seq: string;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  session_id: string | null;
  ip: string | null;
  user_agent: string | null;
  operation_name: string | null;
  fields: string[];
  variables: unknown;
  result: string;
  error_codes: string[];
  record_id: string | null;
  prev_hash: string;
  hash: string;
}

const toChainRow = (r: RawAuditRow): ChainRow => ({
  seq: String(r.seq),
  at: new Date(r.at).toISOString(),
  actorId: r.actor_id,
  actorName: r.actor_name,
  sessionId: r.session_id,
  ip: r.ip,
  userAgent: r.user_agent,
  operationName: r.operation_name,
  fields: r.fields ?? [],
  variables: r.variables ?? null,
  result: r.result,
  errorCodes: r.error_codes ?? [],
  ...(r.record_id ? { recordId: String(r.record_id) } : {}),
  prevHash: r.prev_hash,
  hash: r.hash,
});

/**
 * The append-only, hash-chained audit log. Appends are serialised by `select … for update` on the
 * one-row chain head (portable: no advisory locks), inside a transaction that takes the next seq,
 * computes the hash from the head's hash, inserts the row and moves the head.
 */
export class AuditService {
  constructor(private readonly em: EntityManager) {}

  /** Appends `entry`; one whose recordId is already stored answers with that row (`duplicate`). */
  async append(entry: AuditEntry): Promise<{ seq: string; hash: string; duplicate?: true }> {
    const at = entry.at && !Number.isNaN(entry.at.getTime()) ? entry.at : new Date();
    return this.em.fork().transactional(async (tem) => {
      const [head] = await tem.execute<{ last_hash: string }[]>(
        'select "last_hash" from "identity"."audit_chain_head" where "id" = 1 for update',
      );
      if (!head) throw new Error('audit chain head missing (migration not applied?)');
      if (entry.recordId) {
        // Under the head lock: a concurrent delivery of the same record waits and then finds it.
        const [stored] = await tem.execute<{ seq: string; hash: string }[]>(
          'select "seq", "hash" from "identity"."audit_log" where "record_id" = ?',
          [entry.recordId],
        );
        if (stored) return { seq: String(stored.seq), hash: stored.hash, duplicate: true as const };
      }
      const [{ seq }] = await tem.execute<{ seq: string }[]>(
        `select nextval(pg_get_serial_sequence('"identity"."audit_log"', 'seq')) as "seq"`,
      );
      const content: AuditContent = {
        seq: String(seq),
        at: at.toISOString(),
        actorId: entry.actorId ?? null,
        actorName: text(entry.actorName, 64),
        sessionId: entry.sessionId ?? null,
        ip: text(entry.ip, 64),
        userAgent: text(entry.userAgent, 512),
        operationName: text(entry.operationName, 128),
        fields: texts(entry.fields, 200, 200),
        variables: normaliseVariables(entry.variables),
        result: text(entry.result, 16) ?? 'UNKNOWN',
        errorCodes: texts(entry.errorCodes, 50, 64),
        ...(entry.recordId ? { recordId: entry.recordId } : {}),
      };
      const hash = auditHash(head.last_hash, content);
      await tem.execute(
        `insert into "identity"."audit_log"
           ("seq", "at", "actor_id", "actor_name", "session_id", "ip", "user_agent", "operation_name", "fields", "variables", "result", "error_codes", "record_id", "prev_hash", "hash")
         values (?, ?, ?, ?, ?, ?, ?, ?, array[?]::text[], ?::jsonb, ?, array[?]::text[], ?, ?, ?)`,
        [
          content.seq,
          at,
          content.actorId,
          content.actorName,
          content.sessionId,
          content.ip,
          content.userAgent,
          content.operationName,
          content.fields,
          content.variables === null ? null : JSON.stringify(content.variables),
          content.result,
          content.errorCodes,
          entry.recordId ?? null,
          head.last_hash,
          hash,
        ],
      );
      await tem.execute(
        'update "identity"."audit_chain_head" set "last_seq" = ?, "last_hash" = ?, "updated_at" = ? where "id" = 1',
        [content.seq, hash, new Date()],
      );
      return { seq: content.seq, hash };
    });
  }

  /**
   * Recomputes the chain from the first row up to the head as it stands when verification starts
   * (rows appended meanwhile are left for the next run). Reports the first seq whose link or hash
   * is wrong; a head that does not match the last row (rows removed at the end) counts as broken
   * at the head's seq.
   */
  async verify(): Promise<AuditChainReport> {
    const em = this.em.fork();
    const [head] = await em.execute<{ last_seq: string; last_hash: string }[]>(
      'select "last_seq", "last_hash" from "identity"."audit_chain_head" where "id" = 1',
    );
    const headSeq = String(head?.last_seq ?? '0');
    let prevHash = GENESIS_HASH;
    let lastSeq = '0';
    let checked = 0;
    for (;;) {
      const rows = await em.execute<RawAuditRow[]>(
        `select * from "identity"."audit_log" where "seq" > ? and "seq" <= ? order by "seq" limit ${VERIFY_BATCH}`,
        [lastSeq, headSeq],
      );
      if (rows.length === 0) break;
      const chain = rows.map(toChainRow);
      const { brokenAtSeq, lastHash } = firstBrokenLink(chain, prevHash);
      if (brokenAtSeq !== null) {
        checked += chain.findIndex((r) => r.seq === brokenAtSeq);
        return { ok: false, checked, brokenAtSeq, headSeq };
      }
      checked += chain.length;
      prevHash = lastHash;
      lastSeq = chain[chain.length - 1].seq;
    }
    if (!head || lastSeq !== headSeq || prevHash !== head.last_hash) {
      return { ok: false, checked, brokenAtSeq: headSeq, headSeq };
    }
    return { ok: true, checked, brokenAtSeq: null, headSeq };
  }
}
