import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_A, gateway, idCard, INGEST, SITE_A, startWorkforce, type TestWorkforce } from './helpers.js';

/**
 * Issue #10: the kit's text rule through the workforce API — control characters and lone surrogates
 * refused with BAD_USER_INPUT naming the field (variables, inline literals, nested inputs, lists),
 * nothing stored; Chinese punctuation and full-width spaces stored and read back as typed.
 */
let t: TestWorkforce;
let personId: string;

const TYPED = '黄石「港」：一期，二期；完工！（含配套）“重点”、。\u3000东区';
const CREATE = 'mutation($i: CreateWorkforcePersonInput!) { createWorkforcePerson(input: $i) { id } }';
const person = (extra: Record<string, unknown> = {}) => ({
  name: '柯明',
  idCard: idCard('420202', '19850312', 21),
  ethnicity: '汉族',
  trade: '钢筋工',
  ...extra,
});

const count = async (table: string) => Number((await t.sql(`select count(*)::int as n from workforce.${table}`))[0].n);

beforeAll(async () => {
  t = await startWorkforce();
  const created = await t.ok(CREATE, { i: person({ address: TYPED, team: '钢筋（一）班，“突击队”' }) });
  personId = created.createWorkforcePerson.id;
});
afterAll(async () => {
  await t?.close();
});

function expectRefused(res: Awaited<ReturnType<TestWorkforce['gql']>>, field: string, code: string) {
  const error = res.errors?.[0];
  expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(error?.extensions?.field).toBe(field);
  expect(error?.message).toContain(field);
  expect(error?.message).toContain(code);
}

describe('control characters and lone surrogates are refused, nothing is stored', () => {
  it('a NUL in a name (variables)', async () => {
    const before = await count('person');
    const res = await t.gql(CREATE, { i: person({ name: '张\u0000三', idCard: idCard('420202', '19850312', 31) }) });
    expectRefused(res, 'input.name', 'U+0000');
    expect(await count('person')).toBe(before);
  });

  it('a U+0007 written inline in the document', async () => {
    const res = await t.gql(
      `mutation { updateWorkforcePerson(id: "${personId}", input: { trade: "木工\\u0007" }) { id } }`,
    );
    expectRefused(res, 'input.trade', 'U+0007');
    expect((await t.sql('select trade from workforce.person where id = $1', [personId]))[0].trade).toBe('钢筋工');
  });

  it('a lone surrogate in a nested input and in a list of device events', async () => {
    const employment = await t.gql(
      'mutation($i: WorkforceEmploymentInput!) { assignWorkforcePerson(input: $i) { id } }',
      { i: { personId, projectId: SITE_A, post: '钢筋工', entryDate: '2026-01-05', enterpriseName: '黄石\udc00建工' } },
    );
    expectRefused(employment, 'input.enterpriseName', 'U+DC00');
    expect(await count('employment')).toBe(0);
    const events = [
      { eventId: 'e-1', personId, occurredAt: new Date().toISOString(), direction: 'IN' },
      { eventId: 'e-\ud800', personId, occurredAt: new Date().toISOString(), direction: 'IN' },
    ];
    expectRefused(await t.gql(INGEST, { d: DEVICE_A, b: 'b-text', e: events }, gateway), 'events[1].eventId', 'U+D800');
    expect(await count('attendance')).toBe(0);
  });

  it('a line break in a single-line address', async () => {
    const res = await t.gql(
      'mutation($id: ID!, $i: UpdateWorkforcePersonInput!) { updateWorkforcePerson(id: $id, input: $i) { id } }',
      {
        id: personId,
        i: { address: '第一行\r\n第二行' },
      },
    );
    expectRefused(res, 'input.address', 'U+000D');
  });
});

describe('text is stored as typed', () => {
  it('reads back Chinese punctuation and full-width spaces exactly', async () => {
    const { workforcePerson } = await t.ok('query($id: ID!) { workforcePerson(id: $id) { address team } }', {
      id: personId,
    });
    expect(workforcePerson).toEqual({ address: TYPED, team: '钢筋（一）班，“突击队”' });
    expect((await t.sql('select address from workforce.person where id = $1', [personId]))[0].address).toBe(TYPED);
  });
});
