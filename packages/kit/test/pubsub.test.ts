import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { terminateOtherBackends } from '../src/db.js';
import { EVENTS_MAY_BE_MISSED, PgPubSub } from '../src/pubsub.js';
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
      // The marker for the reconnect comes first (see the test below): skip it here.
      const heard = (async () => {
        let value: unknown;
        do value = (await iterator.next()).value;
        while (value === EVENTS_MAY_BE_MISSED);
        got = value;
      })();
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

  it('tells every open iterator, once LISTEN is back, that events may have been missed, then delivers again', async () => {
    const first = subscriber.subscribe('missed.topic')[Symbol.asyncIterator]();
    const second = subscriber.subscribe('missed.other')[Symbol.asyncIterator]();
    await subscriber.ready('missed.topic');
    await subscriber.ready('missed.other');
    await publisher.publish('missed.topic', { n: 0 });
    expect(await take(first, 1)).toEqual([{ n: 0 }]);

    for (let round = 1; round <= 2; round++) {
      expect(await terminateOtherBackends(db.url)).toBeGreaterThan(0);
      // Nothing is published meanwhile: the marker comes from the reconnect alone, on each topic.
      expect(await take(first, 1)).toEqual([EVENTS_MAY_BE_MISSED]);
      expect(await take(second, 1)).toEqual([EVENTS_MAY_BE_MISSED]);
      // The marker means LISTEN is in place again: what is published now arrives, and the stream goes on.
      await publisher.publish('missed.topic', { round });
      await publisher.publish('missed.other', { round });
      expect(await take(first, 1)).toEqual([{ round }]);
      expect(await take(second, 1)).toEqual([{ round }]);
    }
    await first.return?.();
    await second.return?.();
  });
});
