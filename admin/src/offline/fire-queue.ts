import type { DocumentNode } from 'graphql';
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { reactive } from 'vue';
import { apolloClient } from '@/api/client';
import { errorCode, errorMessage } from '@/api/errors';
import { ADD_FIRE_EXTRA_LOCATION, RECORD_FIRE_RESULTS } from '@/graphql/fire';
import { UPLOAD_FIRE_PHOTO } from '@/graphql/fire-onsite';

/**
 * What an inspector records on site is written to IndexedDB first and sent from there (1.3.5: “what
 * is recorded is not lost when the network drops”). Operations leave the queue only when the server
 * has stored them; every one is idempotent on the server (results are set, not added; an extra
 * location carries the phone's own key; a photo is unique per visit and content), so resending after
 * a lost answer does no harm. A refusal (wrong input, sealed results) stays in the queue, marked,
 * with the server's message, until the inspector deletes it: nothing disappears silently.
 */

export type QueuedKind = 'result' | 'extra' | 'photo';

export interface QueuedResult {
  lineCode: string;
  locationKey: string;
  verdict: 'PASS' | 'FAIL';
  note: string | null;
}

export interface QueuedOp {
  id: string;
  /** Who recorded it: a phone shared by two inspectors sends each one's work only under their own login. */
  userId: string;
  inspectionId: string;
  kind: QueuedKind;
  /** result: one QueuedResult (merged into one recordFireResults call when sent). */
  result?: QueuedResult;
  /** extra / photo: the mutation's input. */
  input?: Record<string, unknown>;
  /** extra: the location key the new place will have (its building/floor id, or the key sent). */
  localKey?: string;
  /** For people: what this is (“3层 · 消防车道 合格”). */
  label: string;
  createdAt: number;
  state: 'pending' | 'failed';
  error: string | null;
  attempts: number;
}

export interface StoredVisit {
  userId: string;
  inspectionId: string;
  visitId: string;
  captureKey: string;
  openedAt: string;
  warning: string | null;
  distanceMeters: number | null;
  accuracy: number;
}

interface OnsiteDb extends DBSchema {
  ops: { key: string; value: QueuedOp; indexes: { byCreated: number } };
  visits: { key: [string, string]; value: StoredVisit };
}

let dbPromise: Promise<IDBPDatabase<OnsiteDb>> | null = null;
const db = () =>
  (dbPromise ??= openDB<OnsiteDb>('hs-fire-onsite', 1, {
    upgrade(database) {
      database.createObjectStore('ops', { keyPath: 'id' }).createIndex('byCreated', 'createdAt');
      database.createObjectStore('visits', { keyPath: ['userId', 'inspectionId'] });
    },
  }));

/** The signed-in inspector (set by startQueue): only their operations are shown and sent. */
let owner: string | null = null;
const mineOnly = (ops: QueuedOp[]) => ops.filter((op) => op.userId === owner);

/** Reactive view of the queue for the pages (the whole queue: it is small, a day's work at most). */
export const queue = reactive({
  ops: [] as QueuedOp[],
  sending: false,
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  lastSentAt: null as number | null,
});

async function reload(): Promise<void> {
  queue.ops = mineOnly(await (await db()).getAllFromIndex('ops', 'byCreated'));
}

type NewOp = Omit<QueuedOp, 'id' | 'userId' | 'createdAt' | 'state' | 'error' | 'attempts'>;

export const enqueue = (op: NewOp) => enqueueAll([op]);

const resultKey = (op: Pick<QueuedOp, 'inspectionId' | 'result'>) =>
  `${op.inspectionId}|${op.result?.lineCode}|${op.result?.locationKey}`;

/** Several operations in one write (未记录的设为合格: every check of an item not recorded yet). */
export async function enqueueAll(ops: NewOp[]): Promise<void> {
  if (!owner) throw new Error('未登录，无法记录');
  const userId = owner;
  const tx = (await db()).transaction('ops', 'readwrite');
  // A newer verdict for the same check at the same place replaces an unsent older one.
  const replaced = new Set(ops.filter((op) => op.kind === 'result' && op.result).map(resultKey));
  if (replaced.size > 0) {
    for (const old of await tx.store.getAll()) {
      if (old.kind === 'result' && old.userId === userId && replaced.has(resultKey(old))) await tx.store.delete(old.id);
    }
  }
  const createdAt = Date.now();
  for (const op of ops) {
    await tx.store.put({
      ...op,
      id: crypto.randomUUID(),
      userId,
      createdAt,
      state: 'pending',
      error: null,
      attempts: 0,
    });
  }
  await tx.done;
  await reload();
  void flush();
}

export async function discard(id: string): Promise<void> {
  await (await db()).delete('ops', id);
  await reload();
}

export async function retry(id: string): Promise<void> {
  const d = await db();
  const op = await d.get('ops', id);
  if (op) await d.put('ops', { ...op, state: 'pending', error: null });
  await reload();
  void flush();
}

export const saveVisit = async (visit: StoredVisit) => (await db()).put('visits', visit);
export const loadVisit = async (userId: string, inspectionId: string) =>
  (await db()).get('visits', [userId, inspectionId]);

/** The network (or the router) is away: try again later, keep the operation as it is. */
function isTransient(error: unknown): boolean {
  const code = errorCode(error);
  return (
    code === null ||
    code === 'NETWORK' ||
    code === 'UNAUTHENTICATED' ||
    code === 'RATE_LIMITED' ||
    code === 'UPSTREAM_UNAVAILABLE' ||
    /^HTTP_(5\d\d|408|429)$/.test(code)
  );
}

async function send(document: DocumentNode, variables: Record<string, unknown>): Promise<void> {
  await apolloClient.mutate({ mutation: document, variables, fetchPolicy: 'no-cache' });
}

/** Results sent in one recordFireResults call: well inside the server's 2,000 and the router's 1 MB body. */
const MAX_RESULTS_PER_SEND = 500;

/** The next step: the oldest pending operation, with the pending results of its inspection merged in. */
function nextBatch(pending: QueuedOp[]): QueuedOp[] {
  const [first] = pending;
  if (first.kind !== 'result') return [first];
  // Results up to the next other operation (an extra location must exist before results at it).
  const batch: QueuedOp[] = [];
  for (const op of pending) {
    if (op.kind !== 'result' || batch.length === MAX_RESULTS_PER_SEND) break;
    if (op.inspectionId === first.inspectionId) batch.push(op);
  }
  return batch;
}

function sendBatch([first, ...rest]: QueuedOp[]): Promise<void> {
  if (first.kind === 'result') {
    const results = [first, ...rest].map((op) => op.result);
    return send(RECORD_FIRE_RESULTS, { inspectionId: first.inspectionId, results });
  }
  const document = first.kind === 'photo' ? UPLOAD_FIRE_PHOTO : ADD_FIRE_EXTRA_LOCATION;
  return send(document, { inspectionId: first.inspectionId, input: first.input });
}

let flushing: Promise<void> | null = null;

/** Sends what is pending, oldest first, until the queue is empty or the network fails. */
export function flush(): Promise<void> {
  return (flushing ??= (async () => {
    queue.sending = true;
    try {
      const d = await db();
      for (;;) {
        const pending = mineOnly(await d.getAllFromIndex('ops', 'byCreated')).filter((op) => op.state === 'pending');
        if (!pending.length || !queue.online) break;
        const batch = nextBatch(pending);
        let outcome: { state: 'sent' } | { state: 'pending' | 'failed'; error: string | null };
        try {
          await sendBatch(batch);
          outcome = { state: 'sent' };
        } catch (error) {
          outcome = isTransient(error)
            ? { state: 'pending', error: null }
            : { state: 'failed', error: errorMessage(error) };
        }
        const tx = d.transaction('ops', 'readwrite');
        for (const op of batch) {
          if (outcome.state === 'sent') await tx.store.delete(op.id);
          else await tx.store.put({ ...op, state: outcome.state, error: outcome.error, attempts: op.attempts + 1 });
        }
        await tx.done;
        if (outcome.state === 'sent') queue.lastSentAt = Date.now();
        await reload();
        if (outcome.state === 'pending') break;
      }
    } finally {
      await reload();
      queue.sending = false;
      flushing = null;
    }
  })());
}

let started = false;

/** Starts sending the signed-in inspector's work in the background: now, when the phone is back online, every 20 s. */
export function startQueue(userId: string): void {
  if (owner !== userId) {
    owner = userId;
    void reload().then(flush);
  }
  if (started) return;
  started = true;
  window.addEventListener('online', () => {
    queue.online = true;
    void flush();
  });
  window.addEventListener('offline', () => {
    queue.online = false;
  });
  window.setInterval(() => void flush(), 20_000);
}
