import type { Express, Request, Response } from 'express';
import { CALLER_HEADER, type Logger, type SignedEnvelope, type SubgraphDeps } from '@hs/kit';
import { cleanUserAgent } from '@hs/kit';
import { AuditService, type AuditEntry } from './audit.service.js';

/**
 * `POST /internal/audit`: the router reports every mutation it ran (who, what, result) and identity
 * appends it to the hash-chained audit log. Only the router can call it: the `x-hs-caller` header
 * must carry the router's signature (401 otherwise); the actor is the caller inside that signed
 * envelope, never anything in the body.
 *
 * Body: { id, operationName, fields, variables, result, errorCodes, ip, userAgent, at }; `id` (the
 * router's outbox id, a UUID) makes the call idempotent: a record delivered again is stored once.
 * Answers 201 { seq } on success, 200 { seq, duplicate: true } for a repeated id, 400 { error } for
 * a malformed body.
 */
export const AUDIT_ROUTE = '/internal/audit';
const MAX_BODY_BYTES = 256 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class BodyError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

async function readJson(req: Request): Promise<unknown> {
  if (
    !String(req.header('content-type') ?? '')
      .toLowerCase()
      .startsWith('application/json')
  ) {
    throw new BodyError('content-type 必须是 application/json', 415);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyError('请求体过大', 413);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BodyError('请求体不是有效的 JSON');
  }
}

const optionalString = (value: unknown, name: string, max: number): string | null => {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new BodyError(`${name} 必须是字符串`);
  return value.slice(0, max);
};

const stringList = (value: unknown, name: string): string[] => {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    throw new BodyError(`${name} 必须是字符串数组`);
  return value as string[];
};

/** Checks the router's record and turns it into an audit entry for `envelope`'s caller. */
export function auditEntryFromBody(body: unknown, envelope: SignedEnvelope): AuditEntry {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new BodyError('请求体必须是 JSON 对象');
  const b = body as Record<string, unknown>;
  const result = optionalString(b.result, 'result', 16);
  if (!result || !/^[A-Z_]{1,16}$/.test(result)) throw new BodyError('result 必须是 SUCCESS / FAILURE 等大写代码');
  let at: Date | undefined;
  if (b.at !== undefined && b.at !== null) {
    if (typeof b.at !== 'string' && typeof b.at !== 'number') throw new BodyError('at 必须是 ISO 时间');
    at = new Date(b.at);
    if (Number.isNaN(at.getTime())) throw new BodyError('at 必须是 ISO 时间');
  }
  if (
    b.variables !== undefined &&
    b.variables !== null &&
    (typeof b.variables !== 'object' || Array.isArray(b.variables))
  ) {
    throw new BodyError('variables 必须是对象');
  }
  if (b.id !== undefined && b.id !== null && (typeof b.id !== 'string' || !UUID.test(b.id))) {
    throw new BodyError('id 必须是 UUID');
  }
  const caller = envelope.caller;
  return {
    recordId: (b.id as string | null | undefined) ?? null,
    at,
    actorId: caller?.userId ?? null,
    actorName: caller?.username ?? null,
    sessionId: caller?.sessionId ?? null,
    ip: optionalString(b.ip, 'ip', 64) ?? envelope.ip,
    userAgent: cleanUserAgent(optionalString(b.userAgent, 'userAgent', 512)),
    operationName: optionalString(b.operationName, 'operationName', 128),
    fields: stringList(b.fields, 'fields'),
    variables: b.variables ?? null,
    result,
    errorCodes: stringList(b.errorCodes, 'errorCodes'),
  };
}

export function mountAuditRoute(
  app: Express,
  verify: (header: string | undefined) => SignedEnvelope,
  deps: SubgraphDeps,
): void {
  const logger: Logger = deps.logger;
  app.post(AUDIT_ROUTE, async (req: Request, res: Response) => {
    let envelope: SignedEnvelope;
    try {
      envelope = verify(req.header(CALLER_HEADER));
    } catch {
      res.status(401).json({ error: '请求未经网关签名，拒绝访问', code: 'UNAUTHENTICATED' });
      return;
    }
    try {
      const entry = auditEntryFromBody(await readJson(req), envelope);
      const { seq, duplicate } = await new AuditService(deps.orm.em.fork() as never).append(entry);
      res.status(duplicate ? 200 : 201).json(duplicate ? { seq, duplicate } : { seq });
    } catch (error) {
      if (error instanceof BodyError) {
        res.status(error.status).json({ error: error.message, code: 'BAD_USER_INPUT' });
        return;
      }
      logger.error({ err: error }, 'audit append failed');
      res.status(500).json({ error: '审计日志写入失败', code: 'INTERNAL_SERVER_ERROR' });
    }
  });
}
