import { stableId } from '@hs/kit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FireInspectionSortField } from '../src/inspections/inspection.sort.js';
import { createInspection, dayeInspector, firstError, startFire, type TestFire } from './helpers.js';

/**
 * ADR 0013 on the 抽查项目 list: one-column server sort on indexed columns with the id as tie-break,
 * and the references fire holds to other subgraphs' records published for their deletes.
 */
let t: TestFire;
const PROJECT_A = stableId('project', 'list-test-a');
const PROJECT_B = stableId('project', 'list-test-b');

beforeAll(async () => {
  t = await startFire();
  const rows: [string, string, string | null, string, string | null][] = [
    ['磁湖明珠商业综合体', '420202', '2026-03-01', '欧阳娜娜', PROJECT_A],
    ['大冶市人民医院门诊楼', '420281', '2026-05-20', '张伟', PROJECT_A],
    ['阳新县第一中学宿舍楼', '420222', null, '李强', PROJECT_B],
    ['铁山区体育馆', '420205', '2026-05-20', '王芳', null],
    // Equal names and dates: the id decides, so pages never overlap.
    ['同名项目', '420281', '2026-01-15', '赵六', null],
    ['同名项目', '420281', '2026-01-15', '赵六', null],
  ];
  for (const [projectName, districtCode, inspectionDate, leaderName, projectId] of rows) {
    await createInspection(t, { projectName, districtCode, inspectionDate, leaderName, projectId });
  }
});
afterAll(async () => {
  await t?.close();
});

const LIST = `query($s: FireInspectionSort, $p: PageInput) {
  fireInspections(sort: $s, page: $p) { total items { id projectName districtCode inspectionDate leaderName createdAt } } }`;

async function listed(sort: { field: string; direction?: string } | null, pageSize = 100, as = undefined as any) {
  const all: any[] = [];
  for (let page = 1; ; page++) {
    const data = (await t.ok(LIST, { s: sort, p: { page, pageSize } }, as)).fireInspections;
    all.push(...data.items);
    if (page * pageSize >= data.total) return all;
  }
}

const COLUMNS: Record<FireInspectionSortField, string> = {
  PROJECT_NAME: 'projectName',
  DISTRICT_CODE: 'districtCode',
  INSPECTION_DATE: 'inspectionDate',
  LEADER_NAME: 'leaderName',
  CREATED_AT: 'createdAt',
};

/** PostgreSQL's order for the column (as the index keeps it), then the id. */
async function expected(column: string, direction: 'asc' | 'desc'): Promise<string[]> {
  const rows = await t.sql(`select id from fire.inspection order by ${column} ${direction}, id asc`);
  return rows.map((r: any) => r.id);
}

describe('fireInspections(sort)', () => {
  it('sorts by each offered column both ways, ties broken by id, the same across pages', async () => {
    for (const field of Object.values(FireInspectionSortField)) {
      const column = COLUMNS[field].replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      for (const direction of ['ASC', 'DESC'] as const) {
        const ids = (await listed({ field, direction })).map((i) => i.id);
        expect(ids, `${field} ${direction}`).toEqual(await expected(column, direction === 'ASC' ? 'asc' : 'desc'));
        // Two rows per page walks the same order: no row twice, none skipped.
        expect(
          (await listed({ field, direction }, 2)).map((i) => i.id),
          `${field} ${direction} paged`,
        ).toEqual(ids);
      }
    }
    const twins = (await listed({ field: 'PROJECT_NAME' }))
      .filter((i) => i.projectName === '同名项目')
      .map((i) => i.id);
    expect(twins).toEqual([...twins].sort());
  });

  it('defaults to the newest inspection date first; the sort still keeps to the data scope', async () => {
    const dates = (await listed(null)).map((i) => i.inspectionDate);
    expect(dates.slice(0, 2)).toEqual(['2026-05-20', '2026-05-20']);
    expect(dates.at(-1)).toBeNull(); // no date: last
    const daye = await listed({ field: 'PROJECT_NAME', direction: 'DESC' }, 100, dayeInspector);
    expect(daye.every((i) => i.districtCode === '420281')).toBe(true);
    const inDaye = await t.sql(
      `select id from fire.inspection where district_code = '420281' order by project_name desc, id asc`,
    );
    expect(daye.map((i) => i.id)).toEqual(inDaye.map((r: any) => r.id));
  });

  it('offers only indexed columns: each sort field has a b-tree index that leads with its column', async () => {
    const indexes = await t.sql(
      `select indexdef from pg_indexes where schemaname = 'fire' and tablename = 'inspection'`,
    );
    for (const [field, property] of Object.entries(COLUMNS)) {
      const column = property.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      expect(
        indexes.some((i: any) => new RegExp(`USING btree \\(${column}[,)]`).test(i.indexdef)),
        `${field} (${column})`,
      ).toBe(true);
    }
    const status = await t.gql(`{ fireInspections(sort: { field: STATUS }) { total } }`);
    expect(firstError(status)?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('fire.reference_metrics_v (ADR 0013)', () => {
  it('counts, per project, the inspections linked to it; the projects service may read it, workforce may not', async () => {
    const read = async (role: string) => {
      const client = new pg.Client({ connectionString: t.serviceUrl(role) });
      await client.connect();
      try {
        return (
          await client.query(
            `select entity, entity_id, label, refs from fire.reference_metrics_v where entity = 'project' order by refs desc, entity_id`,
          )
        ).rows;
      } finally {
        await client.end();
      }
    };
    expect(await read('projects')).toEqual([
      { entity: 'project', entity_id: PROJECT_A, label: '个消防验收抽查项目', refs: '2' },
      { entity: 'project', entity_id: PROJECT_B, label: '个消防验收抽查项目', refs: '1' },
    ]);
    await expect(read('workforce')).rejects.toThrow(/permission denied/);
  });
});
