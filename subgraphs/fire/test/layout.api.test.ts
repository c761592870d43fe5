import { openSubgraphOrm } from '@hs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fire } from '../src/index.js';
import { fireLiftReason } from '../src/sampling/layout.js';
import {
  addBuilding,
  createInspection,
  drawPlan,
  firstError,
  pngDataUrl,
  SIGN_PLAN,
  startFire,
  type TestFire,
} from './helpers.js';

/**
 * Issue #11, the fire layouts: an underground-only building has no 屋面; a building that may need a
 * 消防电梯 is asked rather than marked 不涉及; a plan with nothing random says that a redraw is the
 * same; the rule's reading (the remaining floors pooled over the project) is on the plan; a void
 * plan's reason keeps the box and the signer apart.
 */
let t: TestFire;

beforeAll(async () => {
  t = await startFire();
});
afterAll(async () => {
  await t?.close();
});

const BUILDING = `id name hasFireLift fireLiftQuestion floors { name kind }`;
const ADD = `mutation($id: ID!, $input: FireBuildingInput!) { addFireBuilding(inspectionId: $id, input: $input) { ${BUILDING} } }`;
const UPDATE = `mutation($id: ID!, $input: FireBuildingInput!) { updateFireBuilding(id: $id, input: $input) { ${BUILDING} } }`;
const DRAW = `mutation($id: ID!) { drawFirePlan(inspectionId: $id) { id hasRandomDraw redrawNote ruleDescription items { code applicable randomDraw } } }`;

describe('屋面', () => {
  it('a building with only basements has none unless asked; one with floors above ground has one', async () => {
    const id = await createInspection(t);
    const garage = (await t.ok(ADD, { id, input: { name: '地下车库', aboveGroundFloors: 0, belowGroundFloors: 2 } }))
      .addFireBuilding;
    expect(garage.floors.map((f: any) => f.name)).toEqual(['地下2层', '地下1层']);
    const tower = (await t.ok(ADD, { id, input: { name: '1#楼', aboveGroundFloors: 2 } })).addFireBuilding;
    expect(tower.floors.map((f: any) => f.name)).toEqual(['1层', '2层', '屋面']);
    // Changed to basements only later: the roof goes with the floors above ground.
    const now = (
      await t.ok(UPDATE, { id: tower.id, input: { name: '1#楼', aboveGroundFloors: 0, belowGroundFloors: 1 } })
    ).updateFireBuilding;
    expect(now.floors.map((f: any) => f.name)).toEqual(['地下1层']);
    const plan = (await t.ok(DRAW, { id })).drawFirePlan;
    const roofs = await t.sql(
      `select count(*)::int n from fire.floor f join fire.building b on b.id = f.building_id where b.inspection_id = ? and f.kind = 'ROOF'`,
      [id],
    );
    expect(roofs[0].n).toBe(0);
    expect(plan.id).toBeTruthy();
  });
});

describe('消防电梯', () => {
  it('is a question for a building that may need one (GB 50016 7.3.1), at the boundaries', () => {
    const floors = (above: number, below = 0) => [
      ...Array.from({ length: below }, () => ({ kind: 'BASEMENT' as const })),
      ...Array.from({ length: above }, () => ({ kind: 'ABOVE' as const })),
    ];
    const reason = (height: number | null, above: number, below = 0) =>
      fireLiftReason({ height, floors: floors(above, below) as never });
    expect(reason(24, 10)).toBeNull(); // the height says it is not high-rise: no question
    expect(reason(24.5, 6)).toBe('建筑高度 24.5 米');
    expect(reason(null, 6)).toBeNull();
    expect(reason(null, 7)).toBe('地上 7 层，未填写建筑高度');
    expect(reason(null, 10)).toBe('地上 10 层，未填写建筑高度');
    expect(reason(18, 5, 2)).toBeNull();
    expect(reason(18, 5, 3)).toBe('地下 3 层');
  });

  it('a 10-storey building is not 不涉及 without being asked: no plan until someone says', async () => {
    const id = await createInspection(t);
    const b = (await t.ok(ADD, { id, input: { name: '1#楼', aboveGroundFloors: 10, belowGroundFloors: 1 } }))
      .addFireBuilding;
    expect(b).toMatchObject({
      hasFireLift: null,
      fireLiftQuestion: '地上 10 层，未填写建筑高度，可能需要设置消防电梯：请填写是否设有消防电梯',
    });
    const refused = await t.gql(DRAW, { id });
    expect(firstError(refused)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'buildings' });
    expect(firstError(refused)?.message).toBe(
      '以下楼栋可能需要设置消防电梯，请先在“楼栋楼层”中填写是否设有消防电梯，再生成抽查方案：1#楼（地上 10 层，未填写建筑高度）',
    );
    expect((await t.sql(`select count(*)::int n from fire.sampling_plan where inspection_id = ?`, [id]))[0].n).toBe(0);

    const yes = (
      await t.ok(UPDATE, {
        id: b.id,
        input: { name: '1#楼', aboveGroundFloors: 10, belowGroundFloors: 1, hasFireLift: true },
      })
    ).updateFireBuilding;
    expect(yes).toMatchObject({ hasFireLift: true, fireLiftQuestion: null });
    const withLift = (await t.ok(DRAW, { id })).drawFirePlan;
    expect(withLift.items.find((i: any) => i.code === '09').applicable).toBe(true);

    // 无 is an answer too: then, and only then, 不涉及.
    await t.ok(UPDATE, {
      id: b.id,
      input: { name: '1#楼', aboveGroundFloors: 10, belowGroundFloors: 1, hasFireLift: false },
    });
    const without = (await t.ok(DRAW, { id })).drawFirePlan;
    expect(without.items.find((i: any) => i.code === '09').applicable).toBe(false);
  });

  it('a building with its own item list, or low enough, is not asked; a contradiction is refused', async () => {
    const id = await createInspection(t);
    const listed = (
      await t.ok(ADD, { id, input: { name: '1#楼', aboveGroundFloors: 12, items: ['01', '02', '08', '09'] } })
    ).addFireBuilding;
    expect(listed.fireLiftQuestion).toBeNull();
    const low = (await t.ok(ADD, { id, input: { name: '2#楼', aboveGroundFloors: 10, height: 23.9 } })).addFireBuilding;
    expect(low.fireLiftQuestion).toBeNull();
    const contradiction = await t.gql(ADD, {
      id,
      input: { name: '3#楼', aboveGroundFloors: 3, items: ['08', '09'], hasFireLift: false },
    });
    expect(firstError(contradiction)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'hasFireLift' });
    expect(firstError(contradiction)?.message).toBe('已填写未设消防电梯，适用检查项目中不应选择“09 消防电梯”');
    const plan = (await t.ok(DRAW, { id })).drawFirePlan;
    expect(plan.items.find((i: any) => i.code === '09').applicable).toBe(true); // 1#楼 lists it
  });
});

describe('what a plan says about its rule and its randomness', () => {
  it('the rule in words, with the remaining floors pooled over the project', async () => {
    const id = await createInspection(t);
    await addBuilding(t, id, { name: '1#楼', aboveGroundFloors: 6, belowGroundFloors: 1 });
    await addBuilding(t, id, { name: '2#楼', aboveGroundFloors: 6 });
    const plan = (await t.ok(DRAW, { id })).drawFirePlan;
    expect(plan.ruleDescription).toEqual([
      '防火间距、消防车登高操作场地、消防车道、安全出口的形式和数量：凡涉及的部位全部检查。',
      '其余各项：每栋楼的地下室、首层、顶层、屋面为必查部位，全部检查。',
      '各项必查部位以外的其余楼层（或楼栋）在全项目范围内合并计算，不按楼栋分别计算：不超过 2 处时全部检查，超过 2 处时从全项目中随机抽取 2 处（不是每栋楼各抽 2 处）。',
      '建筑类别与耐火等级、总平面布局、建筑外墙、屋面保温和外墙装饰按楼栋抽查，没有必查楼层：楼栋不超过 2 栋时全部检查，超过时随机抽取 2 栋。',
      '没有适用部位的项目为“不涉及”。',
    ]);
    // Pooled: two buildings with 4 remaining floors each draw 2 in all, not 2 each.
    const full = await t.ok(`query($id: ID!) { firePlan(id: $id) { items { code locations { reason } } } }`, {
      id: plan.id,
    });
    const item8 = full.firePlan.items.find((i: any) => i.code === '08');
    expect(item8.locations.filter((l: any) => l.reason === 'RANDOM')).toHaveLength(2);
    expect(plan).toMatchObject({ hasRandomDraw: true, redrawNote: null });
  });

  it('a layout that leaves nothing to draw says a redraw gives the same plan', async () => {
    const id = await createInspection(t);
    await addBuilding(t, id, { name: '门卫室', aboveGroundFloors: 2 });
    const plan = (await t.ok(DRAW, { id })).drawFirePlan;
    expect(plan.items.every((i: any) => !i.randomDraw)).toBe(true);
    expect(plan.hasRandomDraw).toBe(false);
    expect(plan.redrawNote).toBe(
      '本方案没有随机抽取的部位：各项必查部位以外的其余部位都不超过 2 处，已全部列入检查。重新生成的方案抽查部位与本方案相同（抽查库或抽查规则更新后除外）；如楼栋楼层信息有误，请先修改楼栋楼层。',
    );
  });
});

describe('a void plan’s reason', () => {
  it('names the box and, apart, the signer: 「监察科室成员（李科员）不同意：…」; the migration rewrites the old form', async () => {
    const id = await createInspection(t);
    await addBuilding(t, id, { name: '1#楼', aboveGroundFloors: 5 });
    const plan = await drawPlan(t, id);
    await t.ok(SIGN_PLAN, {
      planId: plan.id,
      input: { slot: 1, signerName: '王建华', agree: true, imageDataUrl: pngDataUrl(1) },
    });
    const res = await t.ok(SIGN_PLAN, {
      planId: plan.id,
      input: { slot: 2, signerName: '李科员', agree: false, opinion: '3层已改为设备层' },
    });
    expect(res.signFirePlan.plan.voidReason).toBe('监察科室成员（李科员）不同意：3层已改为设备层');

    // What an older version stored, put back as it would be in an old database; the migration fixes it.
    const orm = await openSubgraphOrm(fire, t.dbaUrl);
    try {
      const sql = (q: string, p: unknown[] = []) => orm.em.getConnection().execute(q, p);
      const otherReasons = () =>
        sql(`select id, void_reason from fire.sampling_plan where id <> ? and status = 'VOID' order by id`, [plan.id]);
      const others = await otherReasons();
      expect(others.length).toBeGreaterThan(0); // voided by layout changes above
      await orm.getMigrator().down({ to: 'Migration20261202210300VoidReasons' });
      expect((await sql(`select void_reason from fire.sampling_plan where id = ?`, [plan.id]))[0].void_reason).toBe(
        '监察科室成员李科员不同意：3层已改为设备层',
      );
      await orm.getMigrator().up();
      expect((await sql(`select void_reason from fire.sampling_plan where id = ?`, [plan.id]))[0].void_reason).toBe(
        '监察科室成员（李科员）不同意：3层已改为设备层',
      );
      // A reason that was no disagreement (a layout change) is left as it was.
      expect(await otherReasons()).toEqual(others);
    } finally {
      await orm.close();
    }
  });
});
