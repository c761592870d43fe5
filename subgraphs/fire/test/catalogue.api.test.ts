import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE_V1 } from '../src/catalogue/catalogue-data.js';
import { catalogueDigest } from '../src/catalogue/catalogue.model.js';
import { DEFAULT_RULE_CONFIG } from '../src/sampling/rule-config.js';
import { FirePermission } from '../src/permissions.js';
import { addBuilding, caller, createInspection, drawPlan, firstError, startFire, type TestFire } from './helpers.js';

/** 1.3.2: the catalogue of the 18 items, versioned and edited by an administrator; plans keep their version. The rule is data too. */
let t: TestFire;

beforeAll(async () => {
  t = await startFire();
});
afterAll(async () => {
  await t?.close();
});

const CATALOGUE = `query($v: Int) { fireCatalogue(version: $v) { id version status digest items { code no name subItems { code name lines { code content importance } } } } }`;

/** 1.3.2's list, in its order (⑰ 消防水炮系统, ⑱ 气体灭火系统). */
const REQUIRED = [
  '建筑类别与耐火等级',
  '总平面布局',
  '平面布置',
  '建筑外墙、屋面保温和外墙装饰',
  '建筑内部装修防火',
  '防火分隔',
  '防爆',
  '安全疏散',
  '消防电梯',
  '消火栓系统',
  '自动喷水灭火系统',
  '火灾自动报警系统',
  '防烟排烟系统及通风、空调系统防火',
  '消防电气',
  '建筑灭火器',
  '泡沫灭火系统',
  '消防水炮系统',
  '气体灭火系统',
];

describe('catalogue v1', () => {
  it('holds the 18 items with their sub-items and classed check lines', async () => {
    const { fireCatalogue } = await t.ok(CATALOGUE);
    expect(fireCatalogue).toMatchObject({ version: 1, status: 'PUBLISHED', digest: catalogueDigest(CATALOGUE_V1) });
    expect(fireCatalogue.items.map((i: any) => [i.no, i.name])).toEqual(REQUIRED.map((name, i) => [i + 1, name]));
    const item = (no: number) => fireCatalogue.items[no - 1];
    expect(item(2).subItems.map((s: any) => s.name)).toEqual([
      '防火间距',
      '消防车道',
      '消防车登高面',
      '消防车登高操作场地',
    ]);
    expect(item(8).subItems.map((s: any) => s.name)).toEqual([
      '安全出口',
      '疏散门',
      '疏散走道',
      '避难层(间)',
      '应急照明和疏散指示标志',
    ]);
    expect(item(18).subItems.at(-1).name).toBe('系统功能');
    const lines = fireCatalogue.items.flatMap((i: any) => i.subItems.flatMap((s: any) => s.lines));
    expect(lines.length).toBeGreaterThan(100);
    expect(new Set(lines.map((l: any) => l.importance))).toEqual(new Set(['A', 'B', 'C']));
    expect(item(8).subItems[0].lines[0]).toEqual({
      code: '08.01.01',
      content: '安全出口的形式和数量',
      importance: 'A',
    });
  });

  it('is readable with any fire permission, editable only with fire:catalogue:edit', async () => {
    const viewer = caller({ permissions: [FirePermission.INSPECTION_VIEW] });
    expect((await t.gql(`{ fireCatalogue { version } }`, {}, viewer)).data.fireCatalogue.version).toBe(1);
    expect(firstError(await t.gql(`mutation { createFireCatalogueDraft { id } }`, {}, viewer))?.extensions?.code).toBe(
      'FORBIDDEN',
    );
  });
});

describe('a new version by an administrator', () => {
  let oldPlan: any;
  let inspectionId: string;
  let draftId: string;

  beforeAll(async () => {
    inspectionId = await createInspection(t);
    await addBuilding(t, inspectionId, { name: '1#楼', aboveGroundFloors: 6, belowGroundFloors: 1 });
    oldPlan = await drawPlan(t, inspectionId);
  });

  it('starts as a draft copied from the published version; one draft at a time', async () => {
    const data = await t.ok(
      `mutation { createFireCatalogueDraft(note: "补充疏散检查内容") { id version status note digest } }`,
    );
    expect(data.createFireCatalogueDraft).toMatchObject({
      version: 2,
      status: 'DRAFT',
      note: '补充疏散检查内容',
      digest: null,
    });
    draftId = data.createFireCatalogueDraft.id;
    const again = await t.gql(`mutation { createFireCatalogueDraft { id } }`);
    expect(firstError(again)?.extensions?.code).toBe('CONFLICT');
    expect(firstError(again)?.message).toBe('已有草稿版本（第 2 版），请先发布或继续编辑该草稿');
  });

  const UPDATE = `mutation($v: ID!, $code: String!, $input: FireCatalogueItemInput!) {
    updateFireCatalogueItem(versionId: $v, itemCode: $code, input: $input) { items { code subItems { code name lines { code content importance } } } } }`;

  const item08Input = () => {
    const item = CATALOGUE_V1.items[7];
    return {
      name: item.name,
      subItems: item.subItems.map((s, i) => ({
        code: s.code,
        name: s.name,
        lines: [
          ...s.lines.map((l) => ({
            code: l.code,
            content: l.content,
            importance: l.code === '08.03.02' ? 'B' : l.importance,
          })),
          ...(i === 0 ? [{ content: '安全出口的疏散指示与门禁联动', importance: 'B' }] : []),
        ],
      })),
    };
  };

  it('changes an item: an importance class, and a new line that gets the next code', async () => {
    const data = await t.ok(UPDATE, { v: draftId, code: '08', input: item08Input() });
    const sub = data.updateFireCatalogueItem.items[7].subItems;
    expect(sub[0].lines.at(-1)).toEqual({ code: '08.01.05', content: '安全出口的疏散指示与门禁联动', importance: 'B' });
    expect(sub[2].lines[1]).toMatchObject({ code: '08.03.02', importance: 'B' });
  });

  it('refuses an unknown item, a code from elsewhere, a bad class; the draft is unchanged', async () => {
    const before = (await t.sql(`select content from fire.catalogue_version where id = ?`, [draftId]))[0].content;
    const unknown = await t.gql(UPDATE, { v: draftId, code: '19', input: item08Input() });
    expect(firstError(unknown)?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(firstError(unknown)?.message).toBe('未知的检查项目编码：19（抽查库中为 01–18）');
    const foreign = item08Input();
    foreign.subItems[0].lines[0].code = '02.01.01';
    expect(firstError(await t.gql(UPDATE, { v: draftId, code: '08', input: foreign }))?.message).toBe(
      '检查内容编码“02.01.01”不属于该子项',
    );
    const empty = item08Input();
    empty.subItems[1].lines = [];
    expect(firstError(await t.gql(UPDATE, { v: draftId, code: '08', input: empty }))?.message).toBe(
      '子项“疏散门”至少需要一条检查内容',
    );
    const badClass = await t.gql(UPDATE, {
      v: draftId,
      code: '08',
      input: { ...item08Input(), subItems: [{ name: 'x', lines: [{ content: 'y', importance: 'D' }] }] },
    });
    expect(firstError(badClass)?.extensions?.code).toBe('BAD_USER_INPUT'); // refused by the schema (enum)
    expect((await t.sql(`select content from fire.catalogue_version where id = ?`, [draftId]))[0].content).toEqual(
      before,
    );
  });

  it('publishes: v1 is archived unchanged, the old plan keeps v1 and still verifies, new plans take v2', async () => {
    const data = await t.ok(
      `mutation($v: ID!) { publishFireCatalogueVersion(versionId: $v) { version status digest publishedAt } }`,
      { v: draftId },
    );
    expect(data.publishFireCatalogueVersion).toMatchObject({ version: 2, status: 'PUBLISHED' });
    expect(data.publishFireCatalogueVersion.digest).toMatch(/^[0-9a-f]{64}$/);
    const versions = await t.ok(`{ fireCatalogueVersions { version status digest } }`);
    expect(versions.fireCatalogueVersions).toEqual([
      { version: 2, status: 'PUBLISHED', digest: data.publishFireCatalogueVersion.digest },
      { version: 1, status: 'ARCHIVED', digest: catalogueDigest(CATALOGUE_V1) },
    ]);
    const old = await t.ok(
      `query($id: ID!) { firePlan(id: $id) { catalogueVersion items { code checks { lineCode importance } } } verifyPlan(planId: $id) { valid } }`,
      { id: oldPlan.id },
    );
    expect(old.firePlan.catalogueVersion).toBe(1);
    const lines08 = old.firePlan.items.find((i: any) => i.code === '08').checks.map((c: any) => c.lineCode);
    expect(lines08).not.toContain('08.01.05');
    expect(old.verifyPlan.valid).toBe(true);
    // Editing a published version is refused.
    const edit = await t.gql(UPDATE, { v: draftId, code: '08', input: item08Input() });
    expect(firstError(edit)?.message).toBe('已发布的抽查库版本不可修改，请新建草稿版本');

    // A new plan (after the first is voided by a disagreement) is drawn from v2.
    const signed = await t.ok(
      `mutation($p: ID!) { signFirePlan(planId: $p, input: { slot: 1, signerName: "王建华", agree: false, opinion: "需按新版抽查库重新生成" }) { redrawnPlan { catalogueVersion items { code checks { lineCode } } } } }`,
      { p: oldPlan.id },
    );
    const redrawn = signed.signFirePlan.redrawnPlan;
    expect(redrawn.catalogueVersion).toBe(2);
    expect(redrawn.items.find((i: any) => i.code === '08').checks.map((c: any) => c.lineCode)).toContain('08.01.05');
  });
});

describe('the sampling rule is configuration', () => {
  it('refuses a config naming codes the catalogue does not have', async () => {
    const config = {
      ...DEFAULT_RULE_CONFIG,
      alwaysCheckAll: [...DEFAULT_RULE_CONFIG.alwaysCheckAll, { code: '02.09', label: '不存在' }],
    };
    const res = await t.gql(`mutation($c: JSON!) { saveFireSamplingRule(config: $c) { version } }`, { c: config });
    expect(firstError(res)?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(firstError(res)?.message).toBe('抽查库中没有编码为“02.09”的项目、子项或检查内容');
    expect(
      firstError(
        await t.gql(`mutation($c: JSON!) { saveFireSamplingRule(config: $c) { version } }`, {
          c: { ...DEFAULT_RULE_CONFIG, remainder: { checkAllUpTo: 2, drawCount: 0 } },
        }),
      )?.extensions?.field,
    ).toBe('config.remainder.drawCount');
  });

  it('a new version (draw 3 of the rest, different signers) changes new plans, and only them', async () => {
    const config = {
      ...DEFAULT_RULE_CONFIG,
      name: '加严抽查规则',
      remainder: { checkAllUpTo: 3, drawCount: 3 },
      resultSigners: [...DEFAULT_RULE_CONFIG.resultSigners, { party: 'FIRE_TESTING', label: '消防检测机构' }],
    };
    const before = (await t.sql(`select id from fire.sampling_plan order by created_at limit 1`))[0].id;
    const saved = await t.ok(
      `mutation($c: JSON!) { saveFireSamplingRule(config: $c, note: "试行") { version active } }`,
      { c: config },
    );
    expect(saved.saveFireSamplingRule).toEqual({ version: 2, active: true });
    expect((await t.ok(`{ fireSamplingRule { version config } }`)).fireSamplingRule).toEqual({ version: 2, config });
    const id = await createInspection(t);
    await addBuilding(t, id, { name: '1#楼', aboveGroundFloors: 12, hasFireLift: false });
    const plan = await drawPlan(t, id);
    const item = plan.items.find((i: any) => i.code === '08');
    expect(item.randomDraw).toBe(true);
    expect(item.locations.filter((l: any) => l.reason === 'RANDOM')).toHaveLength(3);
    const rule = await t.ok(
      `query($id: ID!, $old: ID!) { now: firePlan(id: $id) { ruleConfig } old: firePlan(id: $old) { ruleConfig } }`,
      { id: plan.id, old: before },
    );
    expect(rule.now.ruleConfig.name).toBe('加严抽查规则');
    expect(rule.old.ruleConfig).toEqual(DEFAULT_RULE_CONFIG);
  });
});
