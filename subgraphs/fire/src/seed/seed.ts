import { createHash } from 'node:crypto';
import { type BaseConfig, type Caller, chinaDate, computeIdCardCheckChar, type SeedOptions, stableId } from '@hs/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { addBuilding } from '../buildings/building.service.js';
import type { FireBuildingInput } from '../buildings/building.inputs.js';
import { dataDirOf, FileStore } from '@hs/kit';
import { Inspection } from '../inspections/inspection.entity.js';
import { InspectionCategory } from '../inspections/inspection.enums.js';
import { createInspection } from '../inspections/inspection.service.js';
import { planState, recordResults, type ResultEntry } from '../results/result.service.js';
import { Verdict } from '../results/result.entity.js';
import { PlanStatus, SamplingPlan } from '../sampling/plan.entity.js';
import { createPlan } from '../sampling/plan.service.js';
import { signPlan, signResults, type SignRuntime } from '../signatures/signature.service.js';
import { DEMO_INSPECTION_PROJECTS, type DemoProject } from './demo-projects.js';
import { signatureDataUrl } from './signature-png.js';

/** Who registered the demo inspections: identity seeds `admin` with this id. */
export const SEED_ADMIN_ID = stableId('user', 'admin');

/** What the seed may be given besides SeedOptions (the launcher passes its config once integrated). */
export type FireSeedOptions = SeedOptions & { config?: Partial<BaseConfig> & { DATA_DIR?: string } };

type Stage = 'SEALED' | 'SIGNING' | 'RECORDED' | 'RECORDING' | 'PLAN_CONFIRMED' | 'PLAN_PENDING' | 'DRAFT';

/**
 * 13 inspections, oldest first: months before today, stage. The last one has no linked project. The
 * PLAN_PENDING one is dated today in 大冶 with its plan drawn: dy_inspector's inspection to work on
 * site from the phone (README's demo accounts give its site position).
 */
const PLAN: { monthsAgo: number; stage: Stage }[] = [
  { monthsAgo: 11, stage: 'SEALED' },
  { monthsAgo: 10, stage: 'SEALED' },
  { monthsAgo: 9, stage: 'SEALED' },
  { monthsAgo: 8, stage: 'SEALED' },
  { monthsAgo: 6, stage: 'SEALED' },
  { monthsAgo: 5, stage: 'SEALED' },
  { monthsAgo: 3, stage: 'SEALED' },
  { monthsAgo: 2, stage: 'SIGNING' },
  { monthsAgo: 2, stage: 'RECORDED' },
  { monthsAgo: 1, stage: 'RECORDING' },
  { monthsAgo: 1, stage: 'PLAN_CONFIRMED' },
  { monthsAgo: 0, stage: 'PLAN_PENDING' },
  { monthsAgo: 0, stage: 'DRAFT' },
];

const h = (text: string) => createHash('sha256').update(text).digest('hex');
/** A number in [0, 1) from a text, for deterministic choices. */
const unit = (text: string) => parseInt(h(text).slice(0, 8), 16) / 2 ** 32;

function dayMonthsAgo(today: string, monthsAgo: number, day: number): string {
  const [y, m] = today.split('-').map(Number);
  const total = y * 12 + (m - 1) - monthsAgo;
  const date = `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return date > today ? today : date;
}

function buildingsFor(p: DemoProject, n: number): FireBuildingInput[] {
  if (p.type === 'INDUSTRIAL') {
    return [
      {
        name: '1#厂房',
        aboveGroundFloors: 3,
        category: '丙类厂房',
        fireResistanceRating: '二级',
        structure: '钢结构',
        height: 18.6,
        useNature: '生产',
        items: null,
      },
      {
        name: '2#厂房',
        aboveGroundFloors: 2,
        category: '甲类厂房',
        fireResistanceRating: '二级',
        structure: '钢结构',
        height: 12.3,
        useNature: '涂装车间',
        items: ['01', '02', '03', '04', '05', '06', '07', '08', '10', '11', '12', '13', '14', '15'],
      },
      {
        name: '综合楼',
        aboveGroundFloors: 5,
        belowGroundFloors: 1,
        category: '多层公共建筑',
        fireResistanceRating: '二级',
        structure: '框架',
        height: 21.9,
        useNature: '办公',
        items: null,
      },
    ];
  }
  if (p.type === 'OTHER') {
    return [
      {
        name: '文化中心',
        aboveGroundFloors: 4,
        belowGroundFloors: 1,
        category: '多层公共建筑',
        fireResistanceRating: '一级',
        structure: '框架',
        height: 23.5,
        useNature: '文化展览',
        items: [
          ...Array.from({ length: 15 }, (_, i) => String(i + 1).padStart(2, '0')).filter((c) => c !== '07'),
          '18',
        ],
      },
    ];
  }
  if (/幼儿园|小学|中学/.test(p.name)) {
    return [
      {
        name: '教学楼',
        aboveGroundFloors: 4 + (n % 2),
        category: '多层公共建筑',
        fireResistanceRating: '二级',
        structure: '框架',
        height: 18.3,
        useNature: '教学',
        items: null,
      },
      {
        name: '综合楼',
        aboveGroundFloors: 3,
        belowGroundFloors: 1,
        category: '多层公共建筑',
        fireResistanceRating: '二级',
        structure: '框架',
        height: 14.1,
        useNature: '食堂、风雨操场',
        items: null,
      },
    ];
  }
  const floors = 11 + (n % 3) * 7;
  return [
    {
      name: '1#楼',
      aboveGroundFloors: floors,
      belowGroundFloors: 1,
      category: floors > 18 ? '一类高层住宅' : '二类高层住宅',
      fireResistanceRating: '一级',
      structure: '剪力墙',
      height: floors * 2.95,
      useNature: '住宅',
      items: [...Array.from({ length: 15 }, (_, i) => String(i + 1).padStart(2, '0')).filter((c) => c !== '07'), '09'],
    },
    {
      name: '2#楼',
      aboveGroundFloors: floors - 2,
      belowGroundFloors: 1,
      category: '二类高层住宅',
      fireResistanceRating: '一级',
      structure: '剪力墙',
      height: (floors - 2) * 2.95,
      useNature: '住宅',
      items: [...Array.from({ length: 15 }, (_, i) => String(i + 1).padStart(2, '0')).filter((c) => c !== '07'), '09'],
    },
    {
      name: '地下车库',
      aboveGroundFloors: 0,
      belowGroundFloors: 1,
      hasRoof: false,
      category: '地下汽车库',
      fireResistanceRating: '一级',
      structure: '框架',
      useNature: '停车',
      items: null,
    },
  ];
}

/**
 * Demo data (1.3, 4.2): 13 inspections over 12 of the projects subgraph's demo projects (linked by
 * stableId('project', code)) and one entered by hand, spread over the last 12 months at every stage
 * — sealed (with a few 不合格), signing, recorded, recording, plan confirmed, plan pending (after one
 * plan was voided by a disagreeing signer) and draft — so the lists, exports and analytics have data.
 *
 * It goes through the same services as the API (validation, plans with seeds, signatures with
 * hashes, the triggers), with fixed seeds (so the draws are reproducible) and dates relative to the
 * day it runs (so “近3月” has data whenever the demo is started). Personal data is encrypted and plans
 * get their HMAC-SM3 only when FIELD_ENCRYPTION_KEY is available to the seed (options.config or the
 * environment); without it the demo leaves 手机号/身份证号 empty and plans without MAC.
 */
/**
 * Where the linked demo projects are, as the admin form copies it from the chosen project. Read from
 * the projects seed's table because the demo runs on one database; only this demo seed does so,
 * never the service code (which gets the site position through the form).
 */
async function demoSitePositions(em: EntityManager): Promise<Map<string, { lat: number; lng: number }>> {
  const ids = DEMO_INSPECTION_PROJECTS.map((p) => stableId('project', p.projectCode));
  try {
    const rows: { id: string; lat: number; lng: number }[] = await em
      .getConnection()
      .execute(
        `select id, location_lat as lat, location_lng as lng from "projects"."project" where id in (${ids.map(() => '?').join(', ')})`,
        ids,
      );
    return new Map(rows.map((r) => [r.id, { lat: r.lat, lng: r.lng }]));
  } catch {
    return new Map();
  }
}

export async function seedFire(em: EntityManager, options: FireSeedOptions): Promise<void> {
  const fieldKey = options.config?.FIELD_ENCRYPTION_KEY ?? process.env.FIELD_ENCRYPTION_KEY ?? null;
  if (!fieldKey)
    options.logger.warn(
      'fire seed: FIELD_ENCRYPTION_KEY not available; demo leaders have no phone/ID and plans no MAC',
    );
  if ((await em.count(Inspection, {})) > 0) return;
  const admin: Caller = {
    userId: SEED_ADMIN_ID,
    username: 'admin',
    displayName: '系统管理员',
    departmentId: null,
    roles: ['admin'],
    permissions: ['*'],
    sessionId: 'seed',
    scope: { kind: 'ALL', departmentIds: [], districtCodes: [], enterpriseIds: [] },
  };
  const today = chinaDate();
  const files = new FileStore(dataDirOf(options.config));
  const sites = await demoSitePositions(em);

  for (const [n, spec] of PLAN.entries()) {
    const project = DEMO_INSPECTION_PROJECTS[n] as DemoProject | undefined;
    const date = spec.stage === 'PLAN_PENDING' ? today : dayMonthsAgo(today, spec.monthsAgo, 3 + ((n * 7) % 24));
    // Each step happens “on” the inspection day from 09:00, a minute apart; today's end before now.
    const base = Math.min(new Date(`${date}T09:00:00+08:00`).getTime(), Date.now() - 3 * 3_600_000) + n * 60_000;
    let step = 0;
    const now = () => new Date(base + 60_000 * step++);
    const runtime: SignRuntime = { fieldKey, files, now };
    const fork = em.fork();
    const idSeed = 20261124 + n * 7919;
    const leaderId = fieldKey ? idCardFor(project?.districtCode ?? '420281', idSeed) : null;
    const inspection = await createInspection(
      fork,
      admin,
      {
        projectId: project ? stableId('project', project.projectCode) : null,
        projectName: project?.name ?? '大冶市还地桥镇农贸市场消防改造工程',
        districtCode: project?.districtCode ?? '420281',
        builderUnit: project?.builder ?? '大冶市城市建设投资开发有限公司',
        designUnit: project?.designer ?? '湖北黄石建筑设计研究院有限公司',
        generalContractorUnit: project?.generalContractor ?? '大冶市楚天建筑工程有限公司',
        fireContractorUnit: n % 2 ? '黄石市消防工程安装有限公司' : '湖北铭安消防技术服务有限公司',
        supervisorUnit: project?.supervisor ?? '黄石市团城山建设监理有限公司',
        fireTestingUnit: n % 3 ? '黄石市建设工程质量检测中心有限公司' : '湖北铭安消防技术服务有限公司',
        leaderName: project?.leader ?? '刘德胜',
        leaderPhone: fieldKey ? `139${String(71400000 + n * 137).padStart(8, '0')}` : null,
        leaderIdCard: leaderId,
        address: project?.address ?? '大冶市还地桥镇还地桥大道56号',
        siteLatitude: project ? (sites.get(stableId('project', project.projectCode))?.lat ?? null) : null,
        siteLongitude: project ? (sites.get(stableId('project', project.projectCode))?.lng ?? null) : null,
        category: project
          ? n % 5 === 3
            ? InspectionCategory.EXTENSION
            : InspectionCategory.NEW
          : InspectionCategory.RENOVATION,
        decoration: n % 4 === 0,
        decorationDescription: n % 4 === 0 ? '公共区域精装修' : null,
        inspectionDate: date,
        changeOfUse: !project,
        useNature: project ? null : '农贸市场',
        originalUse: project ? null : '仓库',
      },
      { fieldKey: fieldKey ?? '', now },
    );
    for (const building of buildingsFor(project ?? DEMO_INSPECTION_PROJECTS[0], n)) {
      await addBuilding(
        fork,
        admin,
        inspection.id,
        project ? building : { ...building, name: '市场主楼', aboveGroundFloors: 2, belowGroundFloors: 0 },
        now,
      );
    }
    if (spec.stage === 'DRAFT') continue;

    let plan = await createPlan(fork, admin, inspection.id, { fieldKey, now }, h(`demo-plan:${n}:1`));
    if (spec.stage === 'PLAN_PENDING') {
      // The project leader disagreed with the first draw: it is void (kept), a second one is pending.
      await signPlan(
        fork,
        admin,
        plan.id,
        {
          slot: 1,
          signerName: project?.leader ?? '刘德胜',
          agree: false,
          opinion: '抽查楼层与现场楼层编号不一致，请重新生成',
        },
        runtime,
      );
      continue;
    }
    const signers = [project?.leader ?? '刘德胜', '陈志刚', '周晓燕'];
    for (const [i, name] of signers.entries()) {
      await signPlan(
        fork,
        admin,
        plan.id,
        { slot: i + 1, signerName: name, agree: true, imageDataUrl: signatureDataUrl(n * 10 + i) },
        runtime,
      );
    }
    if (spec.stage === 'PLAN_CONFIRMED') continue;

    plan = await fork.findOneOrFail(SamplingPlan, { inspection: inspection.id, status: PlanStatus.CONFIRMED });
    const state = await planState(fork, plan);
    const entries: ResultEntry[] = [];
    for (const check of state.checks) {
      for (const loc of check.locations) {
        const fail = unit(`demo-result:${n}:${check.lineCode}:${loc}`) < (n % 3 === 0 ? 0.04 : 0.015);
        entries.push({
          lineCode: check.lineCode,
          locationKey: loc,
          verdict: fail ? Verdict.FAIL : Verdict.PASS,
          note: fail ? '现场与设计文件不符，需整改' : null,
        });
      }
    }
    const recorded = spec.stage === 'RECORDING' ? entries.slice(0, Math.floor(entries.length / 2)) : entries;
    for (let i = 0; i < recorded.length; i += 1000)
      await recordResults(fork, admin, inspection.id, recorded.slice(i, i + 1000), now);
    if (spec.stage === 'RECORDING' || spec.stage === 'RECORDED') continue;

    const parties = plan.ruleConfig.resultSigners;
    const count = spec.stage === 'SIGNING' ? 3 : parties.length;
    for (let i = 0; i < count; i++) {
      await signResults(
        fork,
        admin,
        inspection.id,
        {
          party: parties[i].party,
          signerName: `${['赵', '钱', '孙', '李', '周'][i]}${['伟', '芳', '强', '敏', '军'][(n + i) % 5]}`,
          imageDataUrl: signatureDataUrl(500 + n * 10 + i),
        },
        runtime,
      );
    }
  }
}

/** A valid 身份证号 (GB 11643 check character) for demo data. */
function idCardFor(districtCode: string, seed: number): string {
  const year = 1968 + (seed % 25);
  const month = 1 + (seed % 12);
  const day = 1 + (seed % 28);
  const first17 = `${districtCode}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(seed % 1000).padStart(3, '0')}`;
  return first17 + computeIdCardCheckChar(first17);
}
