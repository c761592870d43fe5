import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { terminateOtherBackends } from '../src/db.js';
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

describe('PgPubSub when PostgreSQL drops its connections', () => {
  it('survives the drop of idle publishing and listening connections, publishes again and re-LISTENs', async () => {
    const iterator = subscriber.subscribe('drop.topic')[Symbol.asyncIterator]();
    await subscriber.ready('drop.topic');
    await publisher.publish('drop.topic', { n: 0 });
    expect(await take(iterator, 1)).toEqual([{ n: 0 }]);

    for (let round = 1; round <= 3; round++) {
      // Both pools now hold idle connections; before the fix the pool's 'error' event ended the process.
      expect(await terminateOtherBackends(db.url)).toBeGreaterThan(0);
      // Publish until the subscriber hears one: the listener reconnects and LISTENs again on its own.
      let n = 0;
      let got: unknown;
      const heard = iterator.next().then((r) => (got = r.value));
      while (got === undefined) {
        await publisher.publish('drop.topic', { round, n: ++n });
        await Promise.race([heard, new Promise((r) => setTimeout(r, 50))]);
      }
      expect(got).toMatchObject({ round });
      // Drain what was published while we waited, so the next round starts clean.
      for (let last = (got as { n: number }).n; last < n;) last = ((await iterator.next()).value as { n: number }).n;
    }
    await iterator.return?.();
  });
});
