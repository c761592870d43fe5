import { type Caller, chinaDateTime } from '@hs/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Building } from '../buildings/building.entity.js';
import { sortFloors } from '../buildings/building.service.js';
import { Floor } from '../buildings/floor.entity.js';
import { CatalogueVersion } from '../catalogue/catalogue.entity.js';
import type { FireRuntime } from '../context.js';
import { findInspection } from '../inspections/inspection.service.js';
import { SitePhoto } from '../onsite/photo.entity.js';
import { ExtraLocation } from '../results/extra-location.entity.js';
import { InspectionResult } from '../results/result.entity.js';
import { PlanStatus, SamplingPlan } from '../sampling/plan.entity.js';
import { FIRE_LIFT_ITEM } from '../sampling/layout.js';
import { describePlan, type PlanLocationView, REASON_LABELS } from '../sampling/plan-view.js';
import { describeRule, noRandomDrawNote, hasRandomDraw } from '../sampling/rule-text.js';
import { layoutLocations } from '../sampling/sampling-rule.js';
import { Signature, SignatureStage } from '../signatures/signature.entity.js';
import { beijingTime, inspectionFacts, resultReader, type ResultFacts } from './export.data.js';

/**
 * One inspection's whole record (1.3.9) as a model both renderers share (record-word.ts,
 * record-sheets.ts): basic information, buildings and floors, the plan with the rule it followed
 * and its signatures in box order, the results per check line, extra locations, photos, the five
 * result boxes in box order (unsigned ones too), and the void plans last.
 */
export interface RecordSignature {
  signerName: string;
  agree: boolean;
  opinion: string;
  signedAt: string;
  contentHash: string;
  image: Buffer | null;
}

export interface RecordBox {
  slot: number;
  label: string;
  signature: RecordSignature | null;
}

export interface RecordPlanItem {
  no: number;
  name: string;
  applicable: boolean;
  /** 「必查：1#楼 地下1层、1层；随机抽取：…」 */
  locations: string;
  count: number;
  always: string;
}

export interface RecordPlan {
  heading: string;
  contentHash: string;
  facts: [string, string][];
  rule: string[];
  redrawNote: string | null;
  items: RecordPlanItem[];
  boxes: RecordBox[];
  confirmationText: string;
}

export interface RecordLine {
  subItem: string;
  line: string;
  importance: string;
  everywhere: boolean;
  required: number;
  recorded: number;
  failures: { location: string; note: string }[];
}

export interface RecordItemResults {
  no: number;
  name: string;
  applicable: boolean;
  locations: string;
  locationCount: number;
  lines: RecordLine[];
}

export interface RecordBuilding {
  name: string;
  storeys: string;
  category: string;
  rating: string;
  structure: string;
  height: string;
  area: string;
  useNature: string;
  fireLift: string;
  items: string;
  remarks: string;
  floors: {
    name: string;
    kind: string;
    useNature: string;
    area: string;
    items: string;
    remarks: string;
    /** Anything entered for this floor itself (not inherited). */
    own: boolean;
  }[];
}

export interface RecordPhoto {
  item: string;
  location: string;
  capturedAt: string;
  position: string;
  sha256: string;
  width: number;
  height: number;
  image: Buffer | null;
}

export interface InspectionRecord {
  projectName: string;
  /** In every page's header. */
  title: string;
  exported: string;
  info: [string, string][];
  buildings: RecordBuilding[];
  /** The confirmed (or pending) plan, or null before any was drawn. */
  plan: RecordPlan | null;
  voidPlans: RecordPlan[];
  resultItems: RecordItemResults[];
  results: ResultFacts[];
  extras: { item: string; label: string; note: string; createdAt: string }[];
  photos: RecordPhoto[];
  resultBoxes: RecordBox[];
  resultConfirmationText: string;
}

export const RECORD_HEADING = '消防验收现场评定抽查记录';

const FLOOR_KINDS: Record<string, string> = { BASEMENT: '地下室', ABOVE: '地上', ROOF: '屋面' };
const PLAN_STATUS: Record<PlanStatus, string> = {
  [PlanStatus.PENDING]: '待签名确认',
  [PlanStatus.CONFIRMED]: '已确认',
  [PlanStatus.VOID]: '已作废',
};

const num = (v: number | null) => (v == null ? '' : String(v));

/** 「1#楼：地下1层、1层、18层、屋面；2#楼：1层」: locations grouped by building, in plan order. */
export function locationsText(locations: PlanLocationView[]): string {
  const groups: { building: string; parts: string[] }[] = [];
  for (const l of locations) {
    const building = l.buildingName || l.label;
    const part = l.floorName ?? '';
    const last = groups.at(-1);
    if (last && last.building === building) {
      if (part) last.parts.push(part);
    } else groups.push({ building, parts: part ? [part] : [] });
  }
  return groups.map((g) => (g.parts.length ? `${g.building}：${g.parts.join('、')}` : g.building)).join('；');
}

async function signatureOf(
  s: Signature | undefined,
  runtime: FireRuntime,
  images: boolean,
): Promise<RecordSignature | null> {
  if (!s) return null;
  return {
    signerName: s.signerName,
    agree: s.agree,
    opinion: s.opinion ?? '',
    signedAt: beijingTime(s.signedAt),
    contentHash: s.contentHash,
    image: images && s.image ? await runtime.files.get(s.image.sha256) : null,
  };
}

/** 「第 1–6、8–15 项」: item numbers as the plan's table lists them, runs collapsed. */
export function itemNumbers(codes: string[] | null, inherit: string): string {
  if (codes === null) return inherit;
  const numbers = [...new Set(codes.map(Number))].filter(Number.isInteger).sort((a, b) => a - b);
  if (numbers.length === 0) return '无';
  const runs: string[] = [];
  for (let i = 0; i < numbers.length; i++) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j] + 1) j++;
    runs.push(
      j > i + 1 ? `${numbers[i]}–${numbers[j]}` : j === i + 1 ? `${numbers[i]}、${numbers[j]}` : `${numbers[i]}`,
    );
    i = j;
  }
  return `第 ${runs.join('、')} 项`;
}

/** 有 / 无 as answered, or as the building's own item list says; 未填写 otherwise. */
function fireLiftText(b: Building): string {
  const has = b.hasFireLift ?? (b.items ? b.items.includes(FIRE_LIFT_ITEM) : null);
  return has == null ? '未填写' : has ? '有' : '无';
}

/**
 * Reads one inspection's record in the caller's scope (NOT_FOUND outside it). `images`: the
 * signature and photo bytes (Word shows them; the workbook lists their hashes).
 */
export async function readRecord(
  em: EntityManager,
  caller: Caller | null,
  id: string,
  runtime: FireRuntime,
  images: boolean,
): Promise<InspectionRecord> {
  const i = await findInspection(em, caller, id);
  const [buildings, plans, signatures, extras, results, photos] = await Promise.all([
    em.find(Building, { inspection: i.id }, { orderBy: { position: 'asc', name: 'asc' } }),
    em.find(SamplingPlan, { inspection: i.id }, { orderBy: { seq: 'asc' } }),
    em.find(Signature, { inspection: i.id }, { orderBy: { slot: 'asc' }, populate: ['image'] }),
    em.find(ExtraLocation, { inspection: i.id }, { orderBy: { createdAt: 'asc' } }),
    em.find(InspectionResult, { inspection: i.id }, { orderBy: { lineCode: 'asc', locationLabel: 'asc' } }),
    em.find(SitePhoto, { inspection: i.id }, { orderBy: { capturedAt: 'asc' } }),
  ]);
  const floors = buildings.length ? await em.find(Floor, { building: { $in: buildings.map((b) => b.id) } }) : [];
  const versions = new Map(
    (plans.length
      ? await em.find(CatalogueVersion, { id: { $in: [...new Set(plans.map((p) => p.catalogueVersion.id))] } })
      : []
    ).map((v) => [v.id, v]),
  );
  const current =
    plans.find((p) => p.status === PlanStatus.CONFIRMED) ?? plans.find((p) => p.status === PlanStatus.PENDING) ?? null;
  const catalogueNames = new Map(
    [...versions.values()].at(-1)?.content.items.map((it) => [it.code, it.name] as [string, string]) ?? [],
  );

  const facts = inspectionFacts(i, caller, runtime.fieldKey);
  const info: [string, string][] = [
    ['建筑工程项目名称', facts.projectName],
    ['所在区县', facts.district],
    ['工程地址', facts.address],
    ['项目类别', facts.category],
    ...facts.units,
    ['项目负责人', facts.leaderName],
    ['联系电话', facts.leaderPhone],
    ['身份证号', facts.leaderIdCard],
    ['装饰装修', facts.decoration],
    ['检查日期', facts.inspectionDate],
    ['改变用途', facts.changeOfUse],
    ['抽查进度', facts.status],
    ['登记时间', beijingTime(i.createdAt)],
    ...(i.sealedAt ? ([['封存时间', beijingTime(i.sealedAt)]] as [string, string][]) : []),
  ];

  const recordBuildings: RecordBuilding[] = buildings.map((b) => {
    const own = sortFloors(floors.filter((f) => f.building.id === b.id));
    const above = own.filter((f) => f.kind === 'ABOVE').length;
    const below = own.filter((f) => f.kind === 'BASEMENT').length;
    const roof = own.some((f) => f.kind === 'ROOF');
    return {
      name: b.name,
      storeys: [above ? `地上 ${above} 层` : '', below ? `地下 ${below} 层` : '', roof ? '屋面' : '无屋面']
        .filter(Boolean)
        .join('，'),
      category: b.category ?? '',
      rating: b.fireResistanceRating ?? '',
      structure: b.structure ?? '',
      height: num(b.height),
      area: num(b.area),
      useNature: b.useNature ?? '',
      fireLift: fireLiftText(b),
      items: itemNumbers(b.items, '按抽查规则默认'),
      remarks: b.remarks ?? '',
      floors: own.map((f) => ({
        name: f.name,
        kind: FLOOR_KINDS[f.kind] ?? f.kind,
        useNature: f.useNature ?? '',
        area: num(f.area),
        items: itemNumbers(f.items, '同楼栋'),
        remarks: f.remarks ?? '',
        own: !!(f.useNature || f.area != null || f.items !== null || f.remarks),
      })),
    };
  });

  const boxesOf = async (plan: SamplingPlan, stage: SignatureStage, images: boolean): Promise<RecordBox[]> => {
    const own = signatures.filter((s) => s.plan.id === plan.id && s.stage === stage);
    const signers = stage === SignatureStage.PLAN ? plan.ruleConfig.planSigners : plan.ruleConfig.resultSigners;
    return Promise.all(
      signers.map(async (signer, n) => ({
        slot: n + 1,
        label: signer.label,
        signature: await signatureOf(
          own.find((s) => (stage === SignatureStage.PLAN ? s.slot === n + 1 : s.party === signer.party)),
          runtime,
          images,
        ),
      })),
    );
  };

  const planModel = async (p: SamplingPlan): Promise<RecordPlan> => {
    const version = versions.get(p.catalogueVersion.id)!;
    const items = describePlan(
      p.draw,
      p.layout,
      version.content,
      extras.filter((e) => e.plan.id === p.id),
    );
    return {
      heading: `第 ${p.seq} 次随机生成的抽查方案（${PLAN_STATUS[p.status]}）`,
      contentHash: p.contentHash,
      facts: [
        ['方案', `第 ${p.seq} 次随机生成（${PLAN_STATUS[p.status]}）`],
        ['生成时间', beijingTime(p.createdAt)],
        ['抽查库版本', `第 ${version.version} 版`],
        ['抽查规则版本', `第 ${p.ruleVersion} 版（${p.ruleConfig.name}）`],
        ['随机种子', p.seed],
        ['方案 SM3 摘要', p.contentHash],
        ['HMAC-SM3 校验码', p.mac ?? '（无）'],
        ...(p.voidReason ? ([['作废原因', p.voidReason]] as [string, string][]) : []),
      ],
      rule: describeRule(p.ruleConfig, version.content),
      redrawNote: hasRandomDraw(p.draw) ? null : noRandomDrawNote(p.ruleConfig),
      items: items.map((it) => {
        const byReason = new Map<string, PlanLocationView[]>();
        for (const l of it.locations) byReason.set(l.reason, [...(byReason.get(l.reason) ?? []), l]);
        return {
          no: it.no,
          name: it.name,
          applicable: it.applicable || it.locations.length > 0,
          count: it.locations.length,
          locations:
            it.applicable || it.locations.length
              ? [...byReason.entries()]
                  .map(
                    ([reason, locs]) =>
                      `${REASON_LABELS[reason as keyof typeof REASON_LABELS]}：${locationsText(locs)}`,
                  )
                  .join('\n')
              : '不涉及',
          always: it.always.map((t) => `${t.label}：${t.locations.length} 处全部检查`).join('\n'),
        };
      }),
      boxes: await boxesOf(p, SignatureStage.PLAN, images),
      confirmationText: p.ruleConfig.planConfirmationText,
    };
  };

  const resultFacts = await resultReader(em)(results);
  // Results are recorded against a confirmed plan only; before that the section says so.
  const confirmed = current?.status === PlanStatus.CONFIRMED ? current : null;
  let resultItems: RecordItemResults[] = [];
  if (confirmed) {
    const version = versions.get(confirmed.catalogueVersion.id)!;
    const byPair = new Map(results.map((r, n) => [`${r.lineCode}@${r.locationKey}`, resultFacts[n]]));
    resultItems = describePlan(
      confirmed.draw,
      confirmed.layout,
      version.content,
      extras.filter((e) => e.plan.id === confirmed.id),
    ).map((it) => ({
      no: it.no,
      name: it.name,
      applicable: it.applicable || it.locations.length > 0,
      locations: locationsText(it.locations),
      locationCount: it.locations.length,
      lines: it.checks.map((c) => {
        const recorded = c.locations.map((l) => byPair.get(`${c.lineCode}@${l.key}`)).filter((r) => r !== undefined);
        return {
          subItem: c.subItemName,
          line: `${c.lineCode} ${c.content}`,
          importance: c.importance,
          everywhere: c.everywhere,
          required: c.locations.length,
          recorded: recorded.length,
          failures: recorded.filter((r) => !r.pass).map((r) => ({ location: r.location, note: r.note })),
        };
      }),
    }));
  }

  const labels = new Map(current ? [...layoutLocations(current.layout)].map(([k, v]) => [k, v.label]) : []);
  for (const e of extras) labels.set(e.locationKey, e.label);
  const ordered = [...plans.filter((p) => p.status === PlanStatus.VOID)].reverse();
  const now = runtime.now();
  return {
    projectName: i.projectName,
    title: `${RECORD_HEADING}：${i.projectName}`,
    exported: `导出时间：${chinaDateTime(now)}${caller ? `；导出人：${caller.displayName || caller.username}` : ''}；进度：${facts.status}`,
    info,
    buildings: recordBuildings,
    plan: current ? await planModel(current) : null,
    voidPlans: await Promise.all(ordered.map(planModel)),
    resultItems,
    results: resultFacts,
    extras: extras.map((e) => ({
      item: `${e.itemCode} ${catalogueNames.get(e.itemCode) ?? ''}`.trim(),
      label: e.label,
      note: e.note ?? '',
      createdAt: beijingTime(e.createdAt),
    })),
    photos: await Promise.all(
      photos.map(async (p) => ({
        item: p.itemCode ? `${p.itemCode} ${catalogueNames.get(p.itemCode) ?? ''}`.trim() : '（未指定）',
        location: (p.locationKey && labels.get(p.locationKey)) || '（未指定）',
        capturedAt: beijingTime(p.capturedAt),
        position:
          `${p.latitude.toFixed(5)}, ${p.longitude.toFixed(5)} ±${Math.round(p.accuracy)} 米` +
          (p.distanceMeters != null ? `，距工地 ${Math.round(p.distanceMeters)} 米` : ''),
        sha256: p.file.sha256,
        width: p.width,
        height: p.height,
        image: images ? await runtime.files.get(p.file.sha256) : null,
      })),
    ),
    resultBoxes: confirmed ? await boxesOf(confirmed, SignatureStage.RESULT, images) : [],
    resultConfirmationText: confirmed?.ruleConfig.resultConfirmationText ?? '',
  };
}
