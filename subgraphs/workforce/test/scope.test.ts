import { type Caller, openSubgraphOrm, stableId } from '@hs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workforce } from '../src/index.js';
import { personScopeIdsSql, personScopeSql } from '../src/common/scope.js';
import { createTestDatabase, testCaller } from '../../../packages/kit/test/support.js';

/**
 * The people a caller sees, as a row condition (lists, by id; assignments looked up as a set or
 * per row) and as a set of ids (counts): every form must name the same people for every kind of
 * scope, or a list's total would disagree with its pages.
 */
type Db = Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let orm: Awaited<ReturnType<typeof openSubgraphOrm>>;
const sql = (q: string, p: unknown[] = []): Promise<any[]> => orm.em.getConnection().execute(q, p);

const id = (name: string) => stableId('person', `scope-${name}`);
const ENTERPRISE = stableId('enterprise', 'scope-e');
const REGISTRAR = stableId('user', 'scope-registrar');
const WORKER = stableId('user', 'scope-worker');
const OTHER_WORKER = stableId('user', 'scope-worker-2');

/** person → [district, enterprise, exited, registered by] of each assignment; and the person's own columns. */
const PEOPLE: Record<string, { jobs: [string, string | null, boolean, string | null][]; user?: string; by?: string }> =
  {
    dayeOpen: { jobs: [['420281', null, false, null]] },
    dayeExited: { jobs: [['420281', null, true, null]] },
    dayeTwice: {
      jobs: [
        ['420281', null, false, null],
        ['420281', null, true, null],
      ],
    },
    elsewhere: { jobs: [['420202', null, false, null]] },
    employedByEnterprise: { jobs: [['420202', ENTERPRISE, false, null]] },
    registeredNoJob: { jobs: [], by: REGISTRAR },
    assignedByRegistrar: { jobs: [['420202', null, false, REGISTRAR]] },
    workerNoJob: { jobs: [], user: WORKER },
    workerWithJob: { jobs: [['420202', null, false, null]], user: OTHER_WORKER },
  };

const CALLERS: Record<string, { caller: Caller | null; sees: string[] }> = {
  大冶: {
    caller: testCaller({ userId: stableId('user', 'scope-daye'), scope: { kind: 'DEPT', districtCodes: ['420281'] } }),
    sees: ['dayeOpen', 'dayeExited', 'dayeTwice'],
  },
  enterprise: {
    caller: testCaller({ userId: stableId('user', 'scope-ent'), scope: { kind: 'DEPT', enterpriseIds: [ENTERPRISE] } }),
    sees: ['employedByEnterprise'],
  },
  'district and enterprise': {
    caller: testCaller({ scope: { kind: 'DEPT', districtCodes: ['420281'], enterpriseIds: [ENTERPRISE] } }),
    sees: ['dayeOpen', 'dayeExited', 'dayeTwice', 'employedByEnterprise'],
  },
  registrar: {
    caller: testCaller({ userId: REGISTRAR, scope: { kind: 'SELF' } }),
    sees: ['registeredNoJob', 'assignedByRegistrar'],
  },
  'worker without an assignment': {
    caller: testCaller({ userId: WORKER, scope: { kind: 'SELF' } }),
    sees: ['workerNoJob'],
  },
  'worker with one': { caller: testCaller({ userId: OTHER_WORKER, scope: { kind: 'SELF' } }), sees: ['workerWithJob'] },
  'malformed scope values': {
    caller: testCaller({
      userId: 'not-a-uuid',
      scope: { kind: 'DEPT', districtCodes: ['42028'], enterpriseIds: ['x'] },
    }),
    sees: [],
  },
  nobody: { caller: null, sees: [] },
};

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await openSubgraphOrm(workforce, db.ownerUrl);
  let n = 0;
  for (const [name, person] of Object.entries(PEOPLE)) {
    n++;
    await sql(
      `insert into workforce.person (id, name, id_card_cipher, id_card_index, id_card_sm3, sex, ethnicity, birth_date, trade,
         user_id, created_by_id, created_at, updated_at)
       values (?, ?, 'c', ?, 's', 'MALE', '汉族', '1980-01-01', '木工', ?, ?, now(), now())`,
      [id(name), name, `index-${n}`, person.user ?? null, person.by ?? null],
    );
    for (const [k, [district, enterprise, exited, by]] of person.jobs.entries())
      await sql(
        `insert into workforce.employment (id, person_id, project_id, district_code, enterprise_id, post, entry_date,
           exit_date, created_by_id, created_at, updated_at)
         values (?, ?, ?, ?, ?, '木工', '2026-01-01', ?, ?, now(), now())`,
        [
          stableId('employment', `scope-${name}-${k}`),
          id(name),
          stableId('project', `scope-${name}-${k}`),
          district,
          enterprise,
          exited ? '2026-06-01' : null,
          by,
        ],
      );
  }
}, 60_000);

afterAll(async () => {
  await orm?.close();
  await db?.drop();
});

describe('a caller sees the same people as a row condition and as a set of ids', () => {
  it('as the city (everyone): no id set, every row', async () => {
    expect(personScopeIdsSql(testCaller())).toBeNull();
    expect(personScopeSql(testCaller()).sql).toBe('true');
  });

  for (const [label, { caller, sees }] of Object.entries(CALLERS)) {
    it(label, async () => {
      const expected = sees.map(id).sort();
      for (const lookup of ['set', 'row'] as const) {
        const scope = personScopeSql(caller, 'p', lookup);
        const rows = await sql(`select p.id from workforce.person p where ${scope.sql} order by 1`, scope.params);
        expect(rows.map((r) => r.id)).toEqual(expected);
      }
      const ids = personScopeIdsSql(caller)!;
      const bySet = await sql(`select id from (${ids.sql}) visible order by 1`, ids.params);
      expect(bySet.map((r) => r.id)).toEqual(expected);
    });
  }
});
