import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Caller, signCaller } from '@hs/kit';
import { type Client, createClient } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RESULT_SIGNED_TOPIC } from '../src/signatures/signature.service.js';
import {
  addBuilding,
  admin,
  allEntries,
  createInspection,
  dayeInspector,
  drawPlan,
  firstError,
  PLAN_FIELDS,
  pngBytes,
  pngDataUrl,
  preparedInspection,
  RECORD,
  RESULT_PARTIES,
  SIGN_PLAN,
  SIGN_RESULTS,
  signPlanAll,
  startFire,
  type TestFire,
} from './helpers.js';

/**
 * 1.3.6 and 1.3.7 over HTTP against a real PostgreSQL: the plan's three ordered signatures (a
 * disagreement voids the plan and draws a new one), results only where the plan says, the five
 * result signatures, and the seal that neither the API nor SQL through the app's own connection can break.
 */
let t: TestFire;
const clients: Client[] = [];

beforeAll(async () => {
  t = await startFire();
});
afterAll(async () => {
  for (const c of clients) await c.dispose();
  await t?.close();
});

const count = async (table: string, where = 'true') =>
  Number((await t.sql(`select count(*)::int as n from fire.${table} where ${where}`))[0].n);

async function filesOnDisk(): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (e.isDirectory()) await walk(join(dir, e.name));
      else out.push(e.name);
    }
  };
  await walk(join(t.dataDir, 'files'));
  return out.sort();
}

const INSPECTION = `query($id: ID!) { fireInspection(id: $id) { id status resultsLockedAt sealedAt
  plans { id seq status voidReason signatures { slot party signerName agree opinion } }
  currentPlan { ${PLAN_FIELDS} }
  progress { itemCode applicable required recorded complete }
  resultSignatureBoxes { slot party label signature { signerName imageSha256 contentHash } } } }`;

describe('plan signatures (1.3.6)', () => {
  let inspectionId: string;
  let plan: any;

  beforeAll(async () => {
    inspectionId = await createInspection(t);
    await addBuilding(t, inspectionId, {
      name: '1#楼',
      aboveGroundFloors: 9,
      belowGroundFloors: 2,
      hasFireLift: false,
    });
    await addBuilding(t, inspectionId, { name: '2#楼', aboveGroundFloors: 7, hasFireLift: false });
    plan = await drawPlan(t, inspectionId);
  });

  it('shows three boxes in order with the default confirmation text', () => {
    expect(plan.status).toBe('PENDING');
    expect(plan.signatureBoxes.map((b: any) => [b.slot, b.party, b.label, b.signature])).toEqual([
      [1, 'PROJECT_LEADER', '项目负责人', null],
      [2, 'SECTION_MEMBER_1', '监察科室成员', null],
      [3, 'SECTION_MEMBER_2', '监察科室成员', null],
    ]);
    for (const box of plan.signatureBoxes)
      expect(box.confirmationText).toBe('上述抽查部位与数量，由系统随机生成，我已见证，确认无误');
    expect(plan.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(plan.mac).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses signing out of order, and stores nothing', async () => {
    const before = await filesOnDisk();
    const res = await t.gql(SIGN_PLAN, {
      planId: plan.id,
      input: { slot: 2, signerName: '李监察', agree: true, imageDataUrl: pngDataUrl(2) },
    });
    expect(firstError(res)?.extensions?.code).toBe('CONFLICT');
    expect(firstError(res)?.message).toBe('请按顺序签名：应先由第 1 个签名框（项目负责人）签名');
    expect(await count('signature')).toBe(0);
    expect(await filesOnDisk()).toEqual(before);
  });

  it('refuses a signature image that is not a PNG by its content, and stores nothing', async () => {
    const jpeg = Buffer.from([
      0xff,
      0xd8,
      0xff,
      0xe0,
      0x00,
      0x10,
      0x4a,
      0x46,
      0x49,
      0x46,
      0x00,
      0x01,
      ...Array(40).fill(0),
    ]);
    for (const imageDataUrl of [
      `data:image/png;base64,${jpeg.toString('base64')}`, // declared PNG, is a JPEG
      `data:image/jpeg;base64,${jpeg.toString('base64')}`,
      `data:text/plain;base64,${Buffer.from('hello').toString('base64')}`,
      'not a data url',
      `data:image/png;base64,${Buffer.concat([pngBytes(0), Buffer.alloc(600 * 1024)]).toString('base64')}`, // too large
    ]) {
      const res = await t.gql(SIGN_PLAN, {
        planId: plan.id,
        input: { slot: 1, signerName: '王建华', agree: true, imageDataUrl },
      });
      expect(firstError(res)?.extensions?.code, imageDataUrl.slice(0, 30)).toBe('BAD_USER_INPUT');
      expect(firstError(res)?.extensions?.field).toBe('imageDataUrl');
      expect(firstError(res)?.message).toMatch(/签名图片/);
    }
    const res = await t.gql(SIGN_PLAN, { planId: plan.id, input: { slot: 1, signerName: '王建华', agree: true } });
    expect(firstError(res)?.message).toBe('请先签名：签名图片不能为空');
    expect(await count('signature')).toBe(0);
    expect(await count('stored_file')).toBe(0);
    expect(await filesOnDisk()).toEqual([]);
  });

  it('a signer who disagrees voids the plan, which stays in the history, and a new plan is drawn at once', async () => {
    const first = await t.ok(SIGN_PLAN, {
      planId: plan.id,
      input: { slot: 1, signerName: '王建华', agree: true, imageDataUrl: pngDataUrl(1) },
    });
    expect(first.signFirePlan.signature).toMatchObject({
      slot: 1,
      party: 'PROJECT_LEADER',
      agree: true,
      opinion: '上述抽查部位与数量，由系统随机生成，我已见证，确认无误',
      contentHash: plan.contentHash,
    });
    expect(first.signFirePlan.signature.imageSha256).toBe(createHash('sha256').update(pngBytes(1)).digest('hex'));
    // A disagreement needs a reason.
    const noReason = await t.gql(SIGN_PLAN, {
      planId: plan.id,
      input: { slot: 2, signerName: '李监察', agree: false },
    });
    expect(firstError(noReason)?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(firstError(noReason)?.message).toBe('不同意的意见不能为空');

    const res = await t.ok(SIGN_PLAN, {
      planId: plan.id,
      input: { slot: 2, signerName: '李监察', agree: false, opinion: '2#楼抽查楼层与现场不符' },
    });
    const outcome = res.signFirePlan;
    expect(outcome.signature).toMatchObject({
      slot: 2,
      agree: false,
      opinion: '2#楼抽查楼层与现场不符',
      imageSha256: null,
    });
    expect(outcome.plan).toMatchObject({
      id: plan.id,
      status: 'VOID',
      voidReason: '监察科室成员（李监察）不同意：2#楼抽查楼层与现场不符',
    });
    const redrawn = outcome.redrawnPlan;
    expect(redrawn).toMatchObject({ seq: 2, status: 'PENDING' });
    expect(redrawn.seed).not.toBe(plan.seed);
    expect(redrawn.signatureBoxes.every((b: any) => b.signature === null)).toBe(true);

    // Signing the void plan is refused.
    const late = await t.gql(SIGN_PLAN, {
      planId: plan.id,
      input: { slot: 3, signerName: '赵监察', agree: true, imageDataUrl: pngDataUrl(3) },
    });
    expect(firstError(late)?.extensions?.code).toBe('CONFLICT');
    expect(firstError(late)?.message).toBe('该抽查方案已作废，请在重新生成的方案上签名');

    const view = (await t.ok(INSPECTION, { id: inspectionId })).fireInspection;
    expect(view.status).toBe('PLAN_PENDING');
    expect(view.plans.map((p: any) => [p.seq, p.status])).toEqual([
      [1, 'VOID'],
      [2, 'PENDING'],
    ]);
    expect(view.plans[0].signatures.map((s: any) => [s.slot, s.agree])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(view.currentPlan.id).toBe(redrawn.id);
    // The void plan still verifies: it was drawn honestly, only rejected.
    const verify = await t.ok(`query($id: ID!) { verifyPlan(planId: $id) { valid } }`, { id: plan.id });
    expect(verify.verifyPlan.valid).toBe(true);
    plan = redrawn;
  });

  it('three signatures in order confirm the plan; a fourth is refused', async () => {
    await signPlanAll(t, plan.id);
    const view = (await t.ok(INSPECTION, { id: inspectionId })).fireInspection;
    expect(view.status).toBe('PLAN_CONFIRMED');
    expect(view.currentPlan.status).toBe('CONFIRMED');
    expect(view.currentPlan.signatureBoxes.map((b: any) => b.signature.signerName)).toEqual([
      '王建华',
      '李监察',
      '赵监察',
    ]);
    const fourth = await t.gql(SIGN_PLAN, {
      planId: plan.id,
      input: { slot: 3, signerName: '钱监察', agree: true, imageDataUrl: pngDataUrl(4) },
    });
    expect(firstError(fourth)?.extensions?.code).toBe('CONFLICT');
    expect(firstError(fourth)?.message).toBe('该抽查方案已由三方签名确认');
    // A confirmed plan cannot be drawn again, and the layout is fixed.
    expect(
      firstError(await t.gql(`mutation($id: ID!) { drawFirePlan(inspectionId: $id) { id } }`, { id: inspectionId }))
        ?.message,
    ).toBe('抽查方案已确认，不能重新生成');
    const layout = await t.gql(
      `mutation($id: ID!) { addFireBuilding(inspectionId: $id, input: { name: "3#楼", aboveGroundFloors: 2 }) { id } }`,
      { id: inspectionId },
    );
    expect(firstError(layout)?.extensions?.code).toBe('CONFLICT');
  });

  it('the plan cannot be rewritten in the database; if someone bypasses the triggers, verifyPlan finds out', async () => {
    const ok = await t.ok(
      `query($id: ID!) { verifyPlan(planId: $id) { valid contentHash recomputedHash checks { name outcome } } }`,
      { id: plan.id },
    );
    expect(ok.verifyPlan.valid).toBe(true);
    expect(ok.verifyPlan.checks.map((c: any) => c.name)).toEqual([
      'SEED',
      'REPLAY',
      'CONTENT_HASH',
      'MAC',
      'CATALOGUE',
      'SIGNATURES',
    ]);

    // Through the application's own connection: refused by the trigger.
    await expect(t.sql(`update fire.sampling_plan set seed = repeat('0', 64) where id = ?`, [plan.id])).rejects.toThrow(
      /PLAN_IMMUTABLE/,
    );

    // A superuser who switches triggers off for the session (replica mode) and hand-picks a floor:
    const item = plan.items.find((i: any) => i.randomDraw);
    const [row] = await t.sql(`select draw from fire.sampling_plan where id = ?`, [plan.id]);
    const draw = row.draw;
    const d = draw.items.find((x: any) => x.code === item.code);
    const other = d.remainder.find((k: string) => !d.drawn.includes(k));
    d.drawn = [other, d.drawn[1]];
    d.sampled = d.candidates.filter((k: string) => d.mandatory.includes(k) || d.drawn.includes(k));
    const client = new pg.Client({ connectionString: t.dbaUrl });
    await client.connect();
    try {
      await client.query('begin');
      await client.query(`set local session_replication_role = replica`);
      await client.query(`update fire.sampling_plan set draw = $1 where id = $2`, [JSON.stringify(draw), plan.id]);
      await client.query('commit');
    } finally {
      await client.end();
    }
    const bad = await t.ok(
      `query($id: ID!) { verifyPlan(planId: $id) { valid contentHash recomputedHash checks { name outcome message } } }`,
      { id: plan.id },
    );
    expect(bad.verifyPlan.valid).toBe(false);
    const outcomes = Object.fromEntries(bad.verifyPlan.checks.map((c: any) => [c.name, c.outcome]));
    expect(outcomes).toMatchObject({ SEED: 'PASS', REPLAY: 'FAIL', CONTENT_HASH: 'FAIL', CATALOGUE: 'PASS' });
    expect(bad.verifyPlan.recomputedHash).not.toBe(bad.verifyPlan.contentHash);
    expect(bad.verifyPlan.checks.find((c: any) => c.name === 'REPLAY').message).toMatch(/篡改/);
  });
});

describe('results and the five signatures (1.3.7)', () => {
  let inspectionId: string;
  let plan: any;
  let events: any[];

  beforeAll(async () => {
    ({ id: inspectionId, plan } = await preparedInspection(t, {
      building: { name: '综合楼', aboveGroundFloors: 8, belowGroundFloors: 1, hasFireLift: false },
    }));
    plan = (await t.ok(`query($id: ID!) { firePlan(id: $id) { ${PLAN_FIELDS} } }`, { id: plan.id })).firePlan;
    events = subscribe(admin);
    await warmUp(events, inspectionId);
  });

  it('refuses a result for a location the plan did not draw, or an unknown check line, and stores nothing', async () => {
    const item = plan.items.find((i: any) => i.randomDraw);
    const check = item.checks.find((c: any) => !c.everywhere);
    const [{ draw }] = await t.sql(`select draw from fire.sampling_plan where id = ?`, [plan.id]);
    const notDrawn = draw.items
      .find((d: any) => d.code === item.code)
      .remainder.find((k: string) => !check.locations.some((l: any) => l.key === k));
    const good = { lineCode: check.lineCode, locationKey: check.locations[0].key, verdict: 'PASS' };
    const res = await t.gql(RECORD, {
      id: inspectionId,
      results: [good, { lineCode: check.lineCode, locationKey: notDrawn, verdict: 'FAIL' }],
    });
    expect(firstError(res)?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(firstError(res)?.extensions?.field).toBe('results[1].locationKey');
    expect(firstError(res)?.message).toMatch(
      /^部位“综合楼 \d+层”不在抽查方案中（检查内容 \d\d\.\d\d\.\d\d），不能记录结果/,
    );
    const unknown = await t.gql(RECORD, { id: inspectionId, results: [{ ...good, lineCode: '99.01.01' }] });
    expect(firstError(unknown)?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(firstError(unknown)?.message).toBe('未知的检查内容编码：99.01.01（抽查库第 1 版中没有）');
    expect(await count('inspection_result')).toBe(0); // the good entry of the refused batch is not stored either
  });

  it('an extra location added on site is then part of the item (and only of that item)', async () => {
    const item = plan.items.find((i: any) => i.randomDraw);
    const [{ draw }] = await t.sql(`select draw from fire.sampling_plan where id = ?`, [plan.id]);
    const floorId = draw.items
      .find((d: any) => d.code === item.code)
      .remainder.find((k: string) => !item.locations.some((l: any) => l.key === k));
    const extra = (
      await t.ok(
        `mutation($id: ID!, $input: FireExtraLocationInput!) { addFireExtraLocation(inspectionId: $id, input: $input) { locationKey label note } }`,
        {
          id: inspectionId,
          input: { itemCode: item.code, floorId, note: '现场发现该层吊顶有改动' },
        },
      )
    ).addFireExtraLocation;
    expect(extra.locationKey).toBe(floorId);
    const check = item.checks.find((c: any) => !c.everywhere);
    const res = await t.ok(RECORD, {
      id: inspectionId,
      results: [{ lineCode: check.lineCode, locationKey: floorId, verdict: 'PASS', note: '吊顶材料为 A 级' }],
    });
    expect(res.recordFireResults.results).toHaveLength(1);
    const unknownItem = await t.gql(
      `mutation($id: ID!) { addFireExtraLocation(inspectionId: $id, input: { itemCode: "19", label: "门卫室" }) { id } }`,
      { id: inspectionId },
    );
    expect(firstError(unknownItem)?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(firstError(unknownItem)?.message).toBe('未知的检查项目编码：19（抽查库中为 01–18）');
    plan = (await t.ok(`query($id: ID!) { firePlan(id: $id) { ${PLAN_FIELDS} } }`, { id: plan.id })).firePlan;
  });

  it('refuses result signatures until all 18 items are recorded', async () => {
    const res = await t.gql(SIGN_RESULTS, {
      id: inspectionId,
      input: { party: 'BUILDER', signerName: '赵伟', imageDataUrl: pngDataUrl(20) },
    });
    expect(firstError(res)?.extensions?.code).toBe('CONFLICT');
    expect(firstError(res)?.message).toMatch(/^十八项抽查内容尚未全部记录，不能签名确认（已完成 \d+\/18 项）$/);
  });

  it('records every check, with a few 不合格; the inspection becomes RECORDED and shows five boxes together', async () => {
    const entries = allEntries(
      plan,
      (line, loc) => line === '08.02.01' && loc === plan.items.find((i: any) => i.code === '08').locations[0].key,
    );
    const res = await t.ok(RECORD, { id: inspectionId, results: entries });
    expect(res.recordFireResults.inspection.status).toBe('RECORDED');
    expect(res.recordFireResults.progress.every((p: any) => p.complete)).toBe(true);
    expect(res.recordFireResults.progress.filter((p: any) => !p.applicable).map((p: any) => p.itemCode)).toEqual([
      '07',
      '09',
      '16',
      '17',
      '18',
    ]);
    const view = (await t.ok(INSPECTION, { id: inspectionId })).fireInspection;
    expect(view.resultSignatureBoxes.map((b: any) => [b.slot, b.party, b.label, b.signature])).toEqual([
      [1, 'BUILDER', '建设单位', null],
      [2, 'DESIGNER', '设计单位', null],
      [3, 'GENERAL_CONTRACTOR', '施工总包单位', null],
      [4, 'SUPERVISOR', '监理单位', null],
      [5, 'FIRE_CONTRACTOR', '消防施工单位', null],
    ]);
    // Still changeable before anyone signs.
    const fix = await t.ok(RECORD, {
      id: inspectionId,
      results: [{ ...entries[0], verdict: 'PASS', note: '复查合格' }],
    });
    expect(fix.recordFireResults.results[0].verdict).toBe('PASS');
  });

  it('refuses a party outside the configured set and a party signing twice', async () => {
    const other = await t.gql(SIGN_RESULTS, {
      id: inspectionId,
      input: { party: 'SURVEYOR', signerName: '钱芳', imageDataUrl: pngDataUrl(21) },
    });
    expect(firstError(other)?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(firstError(other)?.message).toMatch(/^签名方“SURVEYOR”不在结果签名方中/);
    await t.ok(SIGN_RESULTS, {
      id: inspectionId,
      input: { party: 'SUPERVISOR', signerName: '李敏', imageDataUrl: pngDataUrl(22) },
    });
    const twice = await t.gql(SIGN_RESULTS, {
      id: inspectionId,
      input: { party: 'SUPERVISOR', signerName: '李敏', imageDataUrl: pngDataUrl(23) },
    });
    expect(firstError(twice)?.extensions?.code).toBe('CONFLICT');
    expect(firstError(twice)?.message).toBe('监理单位已签名');
  });

  it('from the first result signature on, results cannot be changed (RESULTS_SEALED)', async () => {
    const view = (await t.ok(INSPECTION, { id: inspectionId })).fireInspection;
    expect(view.status).toBe('SIGNING');
    expect(view.resultsLockedAt).not.toBeNull();
    const check = plan.items.find((i: any) => i.code === '10').checks[0];
    const res = await t.gql(RECORD, {
      id: inspectionId,
      results: [{ lineCode: check.lineCode, locationKey: check.locations[0].key, verdict: 'FAIL' }],
    });
    expect(firstError(res)?.extensions?.code).toBe('RESULTS_SEALED');
    expect(firstError(res)?.message).toBe('抽查结果已由各方签名确认，任何人不可再更改');
  });

  it('five signatures seal the inspection; each signature holds the SM3 of the same results; the dashboard hears of it', async () => {
    for (const [i, party] of RESULT_PARTIES.entries()) {
      if (party === 'SUPERVISOR') continue;
      const res = await t.ok(SIGN_RESULTS, {
        id: inspectionId,
        input: { party, signerName: `签名人${i}`, imageDataUrl: pngDataUrl(30 + i) },
      });
      expect(res.signFireResults.sealed).toBe(party === 'FIRE_CONTRACTOR');
    }
    const view = (await t.ok(INSPECTION, { id: inspectionId })).fireInspection;
    expect(view.status).toBe('SEALED');
    expect(view.sealedAt).not.toBeNull();
    const hashes = new Set(view.resultSignatureBoxes.map((b: any) => b.signature.contentHash));
    expect(hashes.size).toBe(1);
    // The hash is of the canonical results: recompute it from the rows.
    const { resultsContentHash } = await import('../src/results/results.model.js');
    const rows = await t.sql(
      `select line_code, location_key, verdict, note from fire.inspection_result where inspection_id = ?`,
      [inspectionId],
    );
    const extras = await t.sql(
      `select item_code, location_key, label, note from fire.plan_extra_location where inspection_id = ?`,
      [inspectionId],
    );
    expect(
      resultsContentHash(
        inspectionId,
        plan.id,
        plan.contentHash,
        rows.map((r: any) => ({
          lineCode: r.line_code,
          locationKey: r.location_key,
          verdict: r.verdict,
          note: r.note,
        })),
        extras.map((e: any) => ({ itemCode: e.item_code, locationKey: e.location_key, label: e.label, note: e.note })),
      ),
    ).toBe([...hashes][0]);
    // Event: published after commit, delivered to the subscriber in scope.
    await waitFor(() => events.length > 0);
    expect(events[0]).toMatchObject({
      inspection: { id: inspectionId, status: 'SEALED', districtName: '大冶市' },
      failed: 1,
    });
  });

  it('a sixth signature is refused', async () => {
    for (const party of ['BUILDER', 'SURVEYOR']) {
      const res = await t.gql(SIGN_RESULTS, {
        id: inspectionId,
        input: { party, signerName: '孙强', imageDataUrl: pngDataUrl(40) },
      });
      expect(firstError(res)?.extensions?.code).toBe('RESULTS_SEALED');
      expect(firstError(res)?.message).toBe('各方签名已全部完成，抽查结果已封存，不能再签名');
    }
    expect(await count('signature', `stage = 'RESULT' and inspection_id = '${inspectionId}'`)).toBe(5);
  });

  it('after the seal nobody changes results through the API: record, extra location, basic information, layout', async () => {
    const check = plan.items.find((i: any) => i.code === '08').checks[0];
    const attempts = [
      await t.gql(RECORD, {
        id: inspectionId,
        results: [{ lineCode: check.lineCode, locationKey: check.locations[0].key, verdict: 'PASS' }],
      }),
      await t.gql(
        `mutation($id: ID!) { addFireExtraLocation(inspectionId: $id, input: { itemCode: "08", label: "屋顶机房" }) { id } }`,
        { id: inspectionId },
      ),
      await t.gql(`mutation($id: ID!) { updateFireInspection(id: $id, input: { leaderName: "改名" }) { id } }`, {
        id: inspectionId,
      }),
    ];
    for (const res of attempts) {
      expect(firstError(res)?.extensions?.code).toBe('RESULTS_SEALED');
      expect(firstError(res)?.message).toMatch(/签名确认/);
    }
    // Not even a caller with every permission.
    const superUser: Caller = { ...admin, permissions: ['*'] };
    expect(
      firstError(
        await t.gql(
          RECORD,
          {
            id: inspectionId,
            results: [{ lineCode: check.lineCode, locationKey: check.locations[0].key, verdict: 'FAIL' }],
          },
          superUser,
        ),
      )?.extensions?.code,
    ).toBe('RESULTS_SEALED');
  });

  it('…nor through SQL on the application’s own database connection: UPDATE, DELETE, INSERT are refused by triggers or privileges', async () => {
    const before = await t.sql(`select id, verdict from fire.inspection_result where inspection_id = ? order by id`, [
      inspectionId,
    ]);
    await expect(
      t.sql(`update fire.inspection_result set verdict = 'PASS' where inspection_id = ?`, [inspectionId]),
    ).rejects.toThrow(/RESULTS_SEALED/);
    await expect(t.sql(`delete from fire.inspection_result where inspection_id = ?`, [inspectionId])).rejects.toThrow(
      /RESULTS_SEALED/,
    );
    await expect(
      t.sql(
        `insert into fire.inspection_result (id, inspection_id, plan_id, item_code, sub_item_code, line_code, importance, location_key, location_label, extra, verdict, recorded_at, updated_at)
         select gen_random_uuid(), inspection_id, plan_id, item_code, sub_item_code, line_code, importance, gen_random_uuid(), 'x', true, 'PASS', now(), now()
           from fire.inspection_result where inspection_id = ? limit 1`,
        [inspectionId],
      ),
    ).rejects.toThrow(/RESULTS_SEALED/);
    await expect(
      t.sql(`update fire.inspection set sealed_at = null, results_locked_at = null where id = ?`, [inspectionId]),
    ).rejects.toThrow(/RESULTS_SEALED/);
    await expect(t.sql(`delete from fire.inspection where id = ?`, [inspectionId])).rejects.toThrow(/RESULTS_SEALED/);
    // Signatures are append-only: the service's role holds no UPDATE (issue #10); the trigger stops the rest.
    await expect(
      t.sql(`update fire.signature set signer_name = '别人' where inspection_id = ?`, [inspectionId]),
    ).rejects.toThrow(/permission denied/);
    const dba = new pg.Client({ connectionString: t.dbaUrl });
    await dba.connect();
    await expect(
      dba.query(`update fire.signature set signer_name = '别人' where inspection_id = $1`, [inspectionId]),
    ).rejects.toThrow(/SIGNATURE_IMMUTABLE/);
    await dba.end();
    await expect(
      t.sql(
        `update fire.floor set name = '改' where building_id in (select id from fire.building where inspection_id = ?)`,
        [inspectionId],
      ),
    ).rejects.toThrow(/RESULTS_SEALED/);
    expect(
      await t.sql(`select id, verdict from fire.inspection_result where inspection_id = ? order by id`, [inspectionId]),
    ).toEqual(before);
  });

  it('a district inspector neither sees nor signs another district’s inspection', async () => {
    const other = await createInspection(t, { districtCode: '420202', projectName: '黄石港区测试项目' });
    const res = await t.gql(
      `mutation($id: ID!) { drawFirePlan(inspectionId: $id) { id } }`,
      { id: other },
      dayeInspector,
    );
    expect(firstError(res)?.extensions?.code).toBe('NOT_FOUND');
  });
});

// --- subscription over graphql-ws, signed the way the router signs it ---------------------------

function subscribe(as: Caller) {
  const sign = () => signCaller(t.config.ROUTER_SIGNING_KEY, as, '127.0.0.1');
  const client = createClient({
    url: t.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: () => ({ 'x-hs-caller': sign() }),
    retryAttempts: 0,
  });
  clients.push(client);
  const events: any[] = [];
  client.subscribe(
    {
      query: `subscription { fireInspectionSealed { failed at inspection { id status districtName } } }`,
      extensions: { 'x-hs-caller': sign() },
    },
    {
      next: (v: any) => events.push(v.data?.fireInspectionSealed ?? v),
      error: (e) => events.push({ error: e }),
      complete: () => {},
    },
  );
  return events;
}

/** Publishes probe events (failed: -1) until the subscriber receives one: the subscription is live from then on. */
async function warmUp(events: any[], inspectionId: string) {
  for (let i = 0; i < 40; i++) {
    await t.server.pubSub.publish(RESULT_SIGNED_TOPIC, {
      inspectionId,
      districtCode: '420281',
      sealedAt: new Date().toISOString(),
      failed: -1,
    });
    const until = Date.now() + 250;
    while (Date.now() < until && events.length === 0) await new Promise((r) => setTimeout(r, 10));
    if (events.length) {
      await new Promise((r) => setTimeout(r, 100));
      expect(
        events.every((e) => e.failed === -1),
        JSON.stringify(events),
      ).toBe(true);
      events.length = 0;
      return;
    }
  }
  throw new Error('subscription never became live');
}

async function waitFor(cond: () => boolean | Promise<boolean>, ms = 5000) {
  const until = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}
