import { createHash, randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type pg from 'pg';
import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  getOperationAST,
  parse,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { CALLER_HEADER, ErrorCode, isConnectionLost, signCaller, type Caller, type Logger } from '@hs/kit';
import type { RouterContext } from './auth.js';
import { MAX_TOKENS } from './limits.js';

/**
 * Audit of every mutation (等级保护: who, what, when, from where, result), ADR 0004. Before a
 * mutation runs, its record is written to the router's outbox table (router.audit_outbox); the
 * answer's result completes it before the response goes out; a relay delivers the outbox to
 * identity's intake, which keeps the append-only, hash-chained log and deduplicates on the id.
 */

/** PARTIAL: some root fields answered, others failed. UNKNOWN: the mutation started but its answer was never recorded (router crash, database lost mid-request). */
export type AuditResult = 'SUCCESS' | 'FAILURE' | 'PARTIAL' | 'UNKNOWN';

/** The JSON body POSTed to `${identityBaseUrl}/internal/audit` (with the outbox row's `id`). */
export interface AuditRecord {
  operationName: string | null;
  /** Root mutation fields, in document order, without aliases. */
  fields: string[];
  /** The request's variables with sensitive values replaced by '[redacted]' and large values by their digest (fitVariables). */
  variables: Record<string, unknown>;
  result: AuditResult;
  /** Distinct `extensions.code` of the errors in the response (empty on success). */
  errorCodes: string[];
  ip: string | null;
  userAgent: string | null;
  /** ISO 8601 time the router answered. */
  at: string;
}

/** Secrets and personal numbers never reach the audit log in clear (六.4: nothing leaks to the unauthorised). */
export const SENSITIVE_KEY = /password|token|secret|idCard|身份证|phone|mobile|手机/i;
export const REDACTED = '[redacted]';
/** How long the relay waits for identity's intake per record. */
export const AUDIT_TIMEOUT_MS = 5_000;
/** A string longer than this is kept as its digest, length and first characters. */
export const MAX_AUDIT_STRING_CHARS = 2_000;
/** Variables above this (as JSON) are kept as one digest: well inside identity's 64 KB cap and 256 KB intake. */
export const MAX_AUDIT_VARIABLES_BYTES = 32 * 1024;
const HEAD_CHARS = 200;
const MAX_FIELDS = 200;

/** Images (signatures, on-site photos) are kept in the file store by their SHA-256; the log keeps their size. */
const DATA_URL_PREFIX = /^data:[\w.+-]+\/[\w.+-]+(;[\w-]+=[\w.-]+)*;base64,/;

/**
 * Deep copy of `value` with every property whose key matches SENSITIVE_KEY replaced by '[redacted]',
 * and every data URL replaced by its type and length.
 */
export function redactVariables(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactVariables);
  if (typeof value === 'string' && DATA_URL_PREFIX.test(value)) {
    return `[${value.slice(5, value.indexOf(';'))}, ${value.length} chars]`;
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = SENSITIVE_KEY.test(key) ? REDACTED : redactVariables(inner);
    }
    return out;
  }
  return value;
}

/**
 * Variables bound to a sensitive argument or input field (`login(password: $p)`): their names say
 * nothing, so they are found by where the document uses them.
 */
export function sensitiveVariableNames(document: DocumentNode): Set<string> {
  const names = new Set<string>();
  const mark = (node: { name: { value: string }; value: { kind: Kind; name?: { value: string } } }) => {
    if (node.value.kind === Kind.VARIABLE && SENSITIVE_KEY.test(node.name.value)) names.add(node.value.name!.value);
  };
  visit(document, { Argument: mark, ObjectField: mark });
  return names;
}

/** Root field names of an operation, following fragments (aliases and __typename left out). */
export function rootFieldNames(operation: OperationDefinitionNode, document: DocumentNode): string[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const names: string[] = [];
  const seenFragments = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (s.name.value !== '__typename' && !names.includes(s.name.value)) names.push(s.name.value);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        walk(s.selectionSet);
      } else if (!seenFragments.has(s.name.value)) {
        seenFragments.add(s.name.value);
        const fragment = fragments.get(s.name.value);
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return names;
}

export function redactOperationVariables(
  document: DocumentNode,
  variables: Record<string, unknown>,
): Record<string, unknown> {
  const bound = sensitiveVariableNames(document);
  const redacted = redactVariables(variables) as Record<string, unknown>;
  for (const name of bound) if (name in redacted) redacted[name] = REDACTED;
  return redacted;
}

/** What stands in for a value too large to keep: enough to prove what was sent (SHA-256 of the whole). */
export interface TruncatedValue {
  _truncated: true;
  /** UTF-16 length of the string (of the JSON text for a whole variables object). */
  length: number;
  bytes: number;
  sha256: string;
  head: string;
}

function truncated(text: string): TruncatedValue {
  return {
    _truncated: true,
    length: text.length,
    bytes: Buffer.byteLength(text),
    sha256: createHash('sha256').update(text).digest('hex'),
    head: storable(text.slice(0, HEAD_CHARS)),
  };
}

/** U+0000 and UTF-16 surrogates without their other half. */
// eslint-disable-next-line no-control-regex -- matching U+0000 is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * PostgreSQL's jsonb refuses U+0000 and lone surrogates. The subgraphs refuse them as input
 * (BAD_USER_INPUT), but the audit row of such a request must still be written, before the mutation
 * runs: they are kept as visible `\u0000`-style escapes, so the log shows what was sent.
 */
export function storable(text: string): string {
  return text.replace(UNSTORABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Variables that always fit the audit intake, never dropped: each long string becomes its digest;
 * if the whole is still too large, the whole becomes one digest of its JSON text.
 */
export function fitVariables(variables: Record<string, unknown>): Record<string, unknown> {
  const shrink = (value: unknown): unknown => {
    if (typeof value === 'string') return value.length > MAX_AUDIT_STRING_CHARS ? truncated(value) : storable(value);
    if (Array.isArray(value)) return value.map(shrink);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k), shrink(v)]));
    }
    return value;
  };
  const shrunk = shrink(variables) as Record<string, unknown>;
  if (Buffer.byteLength(JSON.stringify(shrunk)) <= MAX_AUDIT_VARIABLES_BYTES) return shrunk;
  return { _all: truncated(JSON.stringify(variables)) };
}

export function buildAuditRecord(input: {
  operation: OperationDefinitionNode;
  document: DocumentNode;
  variables?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[] | null;
  ip: string | null;
  userAgent: string | null;
  at?: Date;
  /** Set for the record written before the mutation runs. */
  result?: AuditResult;
}): AuditRecord {
  const errors = input.errors ?? [];
  const errorCodes = [...new Set(errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))];
  return {
    operationName: input.operation.name?.value ?? null,
    fields: rootFieldNames(input.operation, input.document).slice(0, MAX_FIELDS),
    variables: fitVariables(redactOperationVariables(input.document, input.variables ?? {})),
    result: input.result ?? (errors.length === 0 ? 'SUCCESS' : 'FAILURE'),
    errorCodes,
    ip: input.ip,
    userAgent: input.userAgent,
    at: (input.at ?? new Date()).toISOString(),
  };
}

/** The mutation operation a request selects, if it selects one. */
export function selectedMutation(
  document: DocumentNode,
  operationName?: string | null,
): OperationDefinitionNode | null {
  const operation = getOperationAST(document, operationName ?? undefined);
  return operation?.operation === OperationTypeNode.MUTATION ? operation : null;
}

/** The router's audit outbox (router.audit_outbox): durable before the mutation runs and before its answer goes out. */
export class AuditOutbox {
  constructor(
    private readonly pool: pg.Pool,
    /** Called after a record became deliverable (the relay's nudge). */
    private readonly onReady: () => void = () => {},
  ) {}

  /** Writes the record of a mutation about to run (result UNKNOWN); its id completes it later. */
  async open(record: AuditRecord, caller: Caller | null): Promise<string> {
    return this.insert(record, caller, 'PENDING');
  }

  /**
   * Replaces an opened record by the final one (result, error codes) and hands it to the relay.
   * Committed without waiting for the disk (about 1 ms less per mutation, measured): the opened
   * row is durable already, and a completion lost in a database crash leaves it to be sent as
   * UNKNOWN, as after a router crash.
   */
  async complete(id: string, record: AuditRecord, caller?: Caller): Promise<void> {
    await retryIfConnectionLost(async () => {
      const client = await this.pool.connect();
      // Checked out, a client has no pool listener: a connection dropped now would otherwise be an
      // unhandled 'error' event, which ends the process.
      let lost: Error | undefined;
      const onError = (err: Error) => (lost = err);
      client.on('error', onError);
      try {
        await client.query('begin');
        await client.query('set local synchronous_commit = off');
        await client.query(
          `update "router"."audit_outbox" set "record" = $2, "state" = 'READY', "next_attempt_at" = now()
             ${caller ? ', "caller" = $3' : ''} where "id" = $1`,
          caller ? [id, JSON.stringify(record), JSON.stringify(caller)] : [id, JSON.stringify(record)],
        );
        await client.query('commit');
      } catch (error) {
        await client.query('rollback').catch(() => {});
        lost ??= isConnectionLost(error) ? (error as Error) : undefined;
        throw error;
      } finally {
        client.off('error', onError);
        client.release(lost);
      }
    });
    this.onReady();
  }

  /** A record of a mutation that did not run (refused before execution): written ready to send. */
  async add(record: AuditRecord, caller: Caller | null): Promise<void> {
    await this.insert(record, caller, 'READY');
    this.onReady();
  }

  private async insert(record: AuditRecord, caller: Caller | null, state: 'PENDING' | 'READY'): Promise<string> {
    const id = randomUUID();
    await retryIfConnectionLost(() =>
      this.pool.query(
        `insert into "router"."audit_outbox" ("id", "record", "caller", "state") values ($1, $2, $3, $4)`,
        [id, JSON.stringify(record), caller === null ? null : JSON.stringify(caller), state],
      ),
    );
    return id;
  }
}

/**
 * A pooled connection the server ended (restart, failover, pg_terminate_backend) fails the one
 * statement that meets it; the pool then opens a new one. After a drop every idle connection of
 * the pool is dead, and the pool may hand out another before it has noticed: outbox writes are
 * tried again, a few times, so such a moment costs no mutation its run (seen in CI: the second
 * try met the second dead connection). The insert's id is fixed before the first try: a write
 * that did commit before its answer was lost is not written twice.
 */
const OUTBOX_WRITE_TRIES = 4;

async function retryIfConnectionLost(write: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await write();
      return;
    } catch (error) {
      // 23505: an earlier try had committed; its row is there.
      if (attempt > 1 && (error as { code?: string }).code === '23505') return;
      if (!isConnectionLost(error) || attempt === OUTBOX_WRITE_TRIES) throw error;
    }
  }
}

export interface AuditRelayOptions {
  pool: pg.Pool;
  /** identity's /internal/audit; null when the supergraph has no identity (records wait in the outbox). */
  url: string | null;
  signingKey: string;
  logger: Logger;
  timeoutMs?: number;
  /** Longest wait between two attempts at one record. Default 60 s. */
  maxBackoffMs?: number;
  /** How often the outbox is looked at without a nudge (retries, other replicas' leftovers). Default 1 s. */
  pollMs?: number;
  /** An opened record older than this is sent as UNKNOWN (its router died mid-request). Default 10 min. */
  staleMs?: number;
}

export interface AuditRelay {
  /** Drains soon (after a record was written). */
  nudge(): void;
  close(): Promise<void>;
}

interface OutboxRow {
  id: string;
  record: AuditRecord;
  caller: Caller | null;
  attempts: number;
}

const RELAY_BATCH = 50;

/**
 * Delivers the outbox to identity's intake, oldest first, with back-off per record. Rows are taken
 * `for update skip locked`, so several router replicas drain one outbox without sending a row
 * twice at once; identity deduplicates on the id should a delivery be repeated (lost answer).
 */
export function startAuditRelay(options: AuditRelayOptions): AuditRelay {
  const { pool, url, signingKey, logger } = options;
  const timeoutMs = options.timeoutMs ?? AUDIT_TIMEOUT_MS;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  const staleMs = options.staleMs ?? 10 * 60_000;
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;

  const deliver = async (row: OutboxRow): Promise<string | null> => {
    const userId = row.caller?.userId ?? null;
    try {
      const response = await fetch(url!, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [CALLER_HEADER]: signCaller(signingKey, row.caller, row.record.ip, { userAgent: row.record.userAgent }),
        },
        body: JSON.stringify({ id: row.id, ...row.record }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (response.ok) {
        await response.body?.cancel().catch(() => {});
        return null;
      }
      const text = await response.text().catch(() => '');
      logger.error(
        { audit: row.record, userId, status: response.status, body: text.slice(0, 500), attempts: row.attempts + 1 },
        'audit record refused by identity',
      );
      return `HTTP ${response.status}: ${text.slice(0, 200)}`;
    } catch (err) {
      logger.warn(
        { audit: row.record, userId, err, attempts: row.attempts + 1 },
        'audit record not delivered yet: identity unreachable',
      );
      return String((err as Error)?.message ?? err).slice(0, 200);
    }
  };

  /** One batch in one transaction; the number of rows delivered when all were (0 after a failure: wait for the next round). */
  const drainBatch = async (): Promise<number> => {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (err) {
      // The database is down or refuses connections: the records wait in the outbox.
      logger.warn({ reason: (err as Error).message }, 'audit relay: outbox unreachable');
      return 0;
    }
    // Checked out, a client has no pool listener: a connection dropped while a delivery is under
    // way would otherwise be an unhandled 'error' event, which ends the process.
    let lost: Error | null = null;
    const onError = (err: Error) => {
      lost = err;
      // The record stays in the outbox and the next round delivers it.
      logger.warn({ reason: err.message }, 'audit relay: database connection lost');
    };
    client.on('error', onError);
    try {
      await client.query('begin');
      // A delete lost in a database crash only means one more delivery, which identity deduplicates.
      await client.query('set local synchronous_commit = off');
      const { rows } = await client.query<OutboxRow>(
        `select "id", "record", "caller", "attempts" from "router"."audit_outbox"
          where "next_attempt_at" <= now()
            and ("state" = 'READY' or "created_at" < now() - $1 * interval '1 millisecond')
          order by "created_at" limit ${RELAY_BATCH} for update skip locked`,
        [staleMs],
      );
      let failed = false;
      for (const row of rows) {
        const failure = await deliver(row);
        if (failure === null) {
          await client.query('delete from "router"."audit_outbox" where "id" = $1', [row.id]);
        } else {
          const backoff = Math.min(maxBackoffMs, 500 * 2 ** Math.min(row.attempts, 20));
          await client.query(
            `update "router"."audit_outbox"
                set "attempts" = "attempts" + 1, "last_error" = $2, "next_attempt_at" = now() + $3 * interval '1 millisecond'
              where "id" = $1`,
            [row.id, failure, backoff],
          );
          // Identity is down or slow for all of them: the rest wait for the next round, one attempt at a time.
          failed = true;
          break;
        }
      }
      await client.query('commit');
      return failed ? 0 : rows.length;
    } catch (err) {
      await client.query('rollback').catch(() => {});
      // A lost connection (restart, failover, the platform stopping) keeps the records for the next
      // round: a warning. Anything else is a fault of ours.
      if (lost || isConnectionLost(err))
        logger.warn({ reason: (err as Error).message }, 'audit relay: outbox unreachable');
      else logger.error({ err }, 'audit relay: outbox unavailable');
      return 0;
    } finally {
      client.off('error', onError);
      client.release(lost ?? undefined);
    }
  };

  const run = async () => {
    try {
      do {
        again = false;
        if ((await drainBatch()) === RELAY_BATCH) again = true;
      } while (again && !closed);
    } finally {
      running = null;
    }
  };

  const nudge = () => {
    // Without identity, records wait in the outbox (warned at start) for a router that has one.
    if (closed || !url) return;
    if (running) again = true;
    else running = run();
  };
  const timer = setInterval(nudge, options.pollMs ?? 1_000);
  timer.unref();
  nudge();

  return {
    nudge,
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
    },
  };
}

/** The outbox could not be written: the mutation is refused before it runs (fail closed, ADR 0004). */
export const auditUnavailable = () =>
  new GraphQLError('审计日志暂时无法记录，本次操作未执行，请稍后重试', {
    extensions: { code: ErrorCode.AUDIT_UNAVAILABLE, http: { status: 503 } },
  });

/** SUCCESS, FAILURE, or PARTIAL when some root fields answered and others failed. */
function resultOf(errors: readonly GraphQLFormattedError[] | undefined, data: unknown): AuditResult {
  if (!errors?.length) return 'SUCCESS';
  const answered = typeof data === 'object' && data !== null && Object.values(data).some((v) => v !== null);
  return answered ? 'PARTIAL' : 'FAILURE';
}

/**
 * Apollo Server plugin. didResolveOperation (before execution): the mutation's record goes into
 * the outbox, or the mutation does not run. willSendResponse (awaited before the answer is
 * sent): the record gets its result. Mutations refused by validation never reach
 * didResolveOperation and changed nothing: their record is added in willSendResponse.
 */
export function auditPlugin(
  outbox: AuditOutbox,
  logger: Logger,
  callerOfToken: (token: string) => Promise<Caller | null> = async () => null,
): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart() {
      let openedId: string | null = null;
      return {
        async didResolveOperation(rc) {
          const operation = rc.operation;
          if (operation?.operation !== OperationTypeNode.MUTATION) return;
          const record = buildAuditRecord({
            operation,
            document: rc.document,
            variables: rc.request.variables,
            ip: rc.contextValue.ip,
            userAgent: rc.contextValue.userAgent,
            result: 'UNKNOWN',
          });
          try {
            openedId = await outbox.open(record, rc.contextValue.caller);
          } catch (err) {
            logger.error({ err, audit: record }, 'audit outbox unavailable: mutation refused');
            throw auditUnavailable();
          }
        },
        async willSendResponse(rc) {
          if (!rc.document) return; // did not parse: not an operation
          const operation =
            rc.operation?.operation === OperationTypeNode.MUTATION
              ? rc.operation
              : selectedMutation(rc.document, rc.request.operationName);
          if (!operation) return;
          const body = rc.response.body;
          const result = body.kind === 'single' ? body.singleResult : body.initialResult;
          const record = buildAuditRecord({
            operation,
            document: rc.document,
            variables: rc.request.variables,
            errors: result.errors,
            ip: rc.contextValue.ip,
            userAgent: rc.contextValue.userAgent,
            result: resultOf(result.errors, result.data),
          });
          // A login (or refresh) has no caller before it runs: its row names the user the answer's token was issued to.
          const caller = rc.contextValue.caller ?? (await issuedTo(result.data, callerOfToken));
          try {
            if (openedId) await outbox.complete(openedId, record, caller ?? undefined);
            else await outbox.add(record, caller);
          } catch (err) {
            // An opened record stays in the outbox and is sent as UNKNOWN: the row is never lost.
            logger.error(
              { err, audit: record, opened: openedId !== null },
              openedId
                ? 'audit result not recorded: the record stays UNKNOWN'
                : 'audit record not written: outbox unavailable',
            );
          }
        },
      };
    },
  };
}

/** The caller an access token in a mutation's answer (login, refreshToken) stands for, if any. */
async function issuedTo(
  data: Record<string, unknown> | null | undefined,
  callerOfToken: (token: string) => Promise<Caller | null>,
): Promise<Caller | null> {
  for (const value of Object.values(data ?? {})) {
    const token = (value as { accessToken?: unknown } | null)?.accessToken;
    if (typeof token === 'string') return callerOfToken(token).catch(() => null);
  }
  return null;
}

/**
 * Audit of a mutation the router refused before Apollo Server saw it (bad token): parses the
 * request body just enough to know whether it was a mutation.
 */
export async function auditRefusedRequest(
  outbox: AuditOutbox,
  logger: Logger,
  body: unknown,
  who: { ip: string | null; userAgent: string | null },
  errorCode: string,
): Promise<void> {
  if (typeof body !== 'object' || body === null) return;
  const { query, operationName, variables } = body as { query?: unknown; operationName?: unknown; variables?: unknown };
  if (typeof query !== 'string') return;
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: MAX_TOKENS });
  } catch {
    return;
  }
  const operation = selectedMutation(document, typeof operationName === 'string' ? operationName : null);
  if (!operation) return;
  const record = buildAuditRecord({
    operation,
    document,
    variables: typeof variables === 'object' && variables !== null ? (variables as Record<string, unknown>) : {},
    errors: [{ message: '', extensions: { code: errorCode } }],
    ip: who.ip,
    userAgent: who.userAgent,
  });
  await outbox
    .add(record, null)
    .catch((err) => logger.error({ err, audit: record }, 'audit record not written: outbox unavailable'));
}
