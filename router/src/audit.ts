import type { ApolloServerPlugin } from '@apollo/server';
import {
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
import { CALLER_HEADER, signCaller, type Caller, type Logger } from '@hs/kit';
import type { RouterContext } from './auth.js';
import { MAX_TOKENS } from './limits.js';

/**
 * Audit of every mutation (等级保护: who, what, when, from where, result). The router reports
 * each mutation to identity's audit intake, which keeps the append-only, hash-chained log.
 */

export type AuditResult = 'SUCCESS' | 'FAILURE';

/** The JSON body POSTed to `${identityBaseUrl}/internal/audit`. */
export interface AuditRecord {
  operationName: string | null;
  /** Root mutation fields, in document order, without aliases. */
  fields: string[];
  /** The request's variables with sensitive values replaced by '[redacted]'. */
  variables: Record<string, unknown>;
  result: AuditResult;
  /** Distinct `extensions.code` of the errors in the response (empty on success). */
  errorCodes: string[];
  ip: string | null;
  userAgent: string | null;
  /** ISO 8601 time the router answered. */
  at: string;
}

export interface AuditWriter {
  /** Sends the record, signed as `caller`/`ip`. Never throws: a failed write is logged as an error. */
  write(record: AuditRecord, caller: Caller | null): Promise<void>;
}

/** Secrets and personal numbers never reach the audit log in clear (六.4: nothing leaks to the unauthorised). */
export const SENSITIVE_KEY = /password|token|secret|idCard|身份证|phone|mobile|手机/i;
export const REDACTED = '[redacted]';
export const AUDIT_TIMEOUT_MS = 5_000;

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

export function buildAuditRecord(input: {
  operation: OperationDefinitionNode;
  document: DocumentNode;
  variables?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[] | null;
  ip: string | null;
  userAgent: string | null;
  at?: Date;
}): AuditRecord {
  const errors = input.errors ?? [];
  const errorCodes = [...new Set(errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))];
  return {
    operationName: input.operation.name?.value ?? null,
    fields: rootFieldNames(input.operation, input.document),
    variables: redactOperationVariables(input.document, input.variables ?? {}),
    result: errors.length === 0 ? 'SUCCESS' : 'FAILURE',
    errorCodes,
    ip: input.ip,
    userAgent: input.userAgent,
    at: (input.at ?? new Date()).toISOString(),
  };
}

/** POSTs records to `url` (identity's /internal/audit); with no url every record is logged as lost. */
export function createAuditWriter(options: {
  url: string | null;
  signingKey: string;
  logger: Logger;
  timeoutMs?: number;
}): AuditWriter {
  const { url, signingKey, logger } = options;
  const timeoutMs = options.timeoutMs ?? AUDIT_TIMEOUT_MS;
  return {
    async write(record, caller) {
      if (!url) {
        logger.error(
          { audit: record, userId: caller?.userId ?? null },
          'audit record not written: no identity subgraph in the supergraph',
        );
        return;
      }
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [CALLER_HEADER]: signCaller(signingKey, caller, record.ip) },
          body: JSON.stringify(record),
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (!response.ok) {
          const text = await response.text().catch(() => '');
          logger.error(
            { audit: record, userId: caller?.userId ?? null, status: response.status, body: text.slice(0, 500) },
            'audit record refused by identity',
          );
        } else {
          await response.body?.cancel().catch(() => {});
        }
      } catch (err) {
        logger.error(
          { audit: record, userId: caller?.userId ?? null, err },
          'audit record not written: identity unreachable',
        );
      }
    },
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

/**
 * Apollo Server plugin: after every mutation, successful or not (including ones refused by
 * validation or limits), write the audit record before the response goes out.
 */
export function auditPlugin(writer: AuditWriter): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(rc) {
          if (!rc.document) return; // did not parse: not an operation
          const operation =
            rc.operation?.operation === OperationTypeNode.MUTATION
              ? rc.operation
              : selectedMutation(rc.document, rc.request.operationName);
          if (!operation) return;
          const body = rc.response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
          const record = buildAuditRecord({
            operation,
            document: rc.document,
            variables: rc.request.variables,
            errors,
            ip: rc.contextValue.ip,
            userAgent: rc.contextValue.userAgent,
          });
          await writer.write(record, rc.contextValue.caller);
        },
      };
    },
  };
}

/**
 * Audit of a mutation the router refused before Apollo Server saw it (bad token): parses the
 * request body just enough to know whether it was a mutation.
 */
export async function auditRefusedRequest(
  writer: AuditWriter,
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
  await writer.write(record, null);
}
