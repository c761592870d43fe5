import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgPubSub } from '../src/pubsub.js';
import { createTestDatabase } from './support.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let publisher: PgPubSub;
let subscriber: PgPubSub;

beforeAll(async () => {
  db = await createTestDatabase();
  // Two instances stand for two processes (or replicas): events cross through PostgreSQL.
  publisher = new PgPubSub(db.url);
  subscriber = new PgPubSub(db.url);
});
afterAll(async () => {
  await publisher.close();
  await subscriber.close();
  await db.drop();
});

async function take(iterator: AsyncIterator<unknown>, n: number) {
  const out: unknown[] = [];
  while (out.length < n) out.push((await iterator.next()).value);
  return out;
}

describe('PgPubSub on LISTEN/NOTIFY', () => {
  it('delivers events published by another instance, in order, only on the subscribed topic', async () => {
    const iterator = subscriber.subscribe('projects.changed')[Symbol.asyncIterator]();
    await subscriber.ready('projects.changed');
    await publisher.publish('other.topic', { id: 'x' });
    await publisher.publish('projects.changed', { id: 'p1' });
    await publisher.publish('projects.changed', { id: 'p2' });
    expect(await take(iterator, 2)).toEqual([{ id: 'p1' }, { id: 'p2' }]);
    await iterator.return?.();
  });

  it('never delivers a NOTIFY from a rolled-back transaction', async () => {
    const iterator = subscriber.subscribe('tx.topic')[Symbol.asyncIterator]();
    await subscriber.ready('tx.topic');
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query('begin');
    await client.query(`select pg_notify('hs:tx.topic', '{"id":"rolled-back"}')`);
    await client.query('rollback');
    await client.query('begin');
    await client.query(`select pg_notify('hs:tx.topic', '{"id":"committed"}')`);
    await client.query('commit');
    await client.end();
    expect(await take(iterator, 1)).toEqual([{ id: 'committed' }]);
    await iterator.return?.();
  });

  it('refuses payloads PostgreSQL cannot carry, with a clear error', async () => {
    await expect(publisher.publish('projects.changed', { blob: 'x'.repeat(9000) })).rejects.toThrow(/too large/);
  });
});
