import {
  badInput,
  type Caller,
  chinaDate,
  decryptField,
  hasPermission,
  HUANGSHI_DIVISIONS,
  maskIdCard,
  maskPhone,
} from '@hs/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Building } from '../buildings/building.entity.js';
import { sortFloors } from '../buildings/building.service.js';
import { Floor } from '../buildings/floor.entity.js';
import { CatalogueVersion } from '../catalogue/catalogue.entity.js';
import { IMPORTANCE_LABELS, indexCatalogue } from '../catalogue/catalogue.model.js';
import type { FileStore } from '@hs/kit';
import { Inspection } from '../inspections/inspection.entity.js';
import { CATEGORY_LABELS, STATUS_LABELS } from '../inspections/inspection.enums.js';
import type { FireInspectionFilter } from '../inspections/inspection.inputs.js';
import { findInspection, INSPECTION_ORDER, inspectionWhere } from '../inspections/inspection.service.js';
import { withInspectionScope } from '../inspections/inspection.scope.js';
import { FirePermission } from '../permissions.js';
import { SitePhoto } from '../onsite/photo.entity.js';
import { ExtraLocation } from '../results/extra-location.entity.js';
import { InspectionResult } from '../results/result.entity.js';
import { PlanStatus, SamplingPlan } from '../sampling/plan.entity.js';
import { describePlan, REASON_LABELS } from '../sampling/plan-view.js';
import { layoutLocations } from '../sampling/sampling-rule.js';
import { Signature, SignatureStage } from '../signatures/signature.entity.js';
import {
  buildListDocx,
  buildListXlsx,
  buildRecordDocx,
  buildRecordXlsx,
  type Cell,
  type Column,
  DOCX_MIME,
  type InspectionRecord,
  type PhotoView,
  type PlanView,
  type SignatureView,
  XLSX_MIME,
} from './builders.js';

export const MAX_EXPORT_ROWS = 5000;

export type ExportFormat = 'XLSX' | 'DOCX';

export interface ExportFile {
  filename: string;
  mimeType: string;
  base64: string;
  rowCount: number;
}

export interface ExportRuntime {
  fieldKey: string;
  files: FileStore;
  now: () => Date;
}

const DISTRICTS = new Map(HUANGSHI_DIVISIONS.map((d) => [d.code, d.name]));
const stamp = (now: Date) => chinaDate(now).replace(/-/g, '');
const time = (d: Date | null | undefined) =>
  d ? new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ') : '';

function reveal(cipher: string | null, caller: Caller | null, key: string, mask: (v: string) => string): string {
  if (!cipher) return '';
  try {
    const plain = decryptField(cipher, key);
    return hasPermission(caller, FirePermission.INSPECTION_SENSITIVE) ? plain : mask(plain);
  } catch {
    return '（无法解密）';
  }
}

async function file(
  format: ExportFormat,
  base: string,
  now: Date,
  rowCount: number,
  build: { xlsx: () => Promise<Buffer>; docx: () => Promise<Buffer> },
): Promise<ExportFile> {
  const bytes = format === 'XLSX' ? await build.xlsx() : await build.docx();
  return {
    filename: `${base}_${stamp(now)}.${format === 'XLSX' ? 'xlsx' : 'docx'}`,
    mimeType: format === 'XLSX' ? XLSX_MIME : DOCX_MIME,
    base64: bytes.toString('base64'),
    rowCount,
  };
}

function tooMany(total: number): void {
  if (total > MAX_EXPORT_ROWS) {
    throw badInput(`符合条件的记录有 ${total} 条，超过单次导出上限 ${MAX_EXPORT_ROWS} 条，请缩小查询范围`, 'filter');
  }
}

const LIST_COLUMNS: Column[] = [
  { header: '序号', key: 'no', width: 6 },
  { header: '建筑工程项目名称', key: 'projectName', width: 30 },
  { header: '区县', key: 'district', width: 10 },
  { header: '工程地址', key: 'address', width: 28 },
  { header: '项目类别', key: 'category', width: 8 },
  { header: '建设单位', key: 'builderUnit', width: 24 },
  { header: '设计单位', key: 'designUnit', width: 24 },
  { header: '施工总包单位', key: 'generalContractorUnit', width: 24 },
  { header: '消防施工单位', key: 'fireContractorUnit', width: 24 },
  { header: '监理单位', key: 'supervisorUnit', width: 24 },
  { header: '消防检测机构单位', key: 'fireTestingUnit', width: 24 },
  { header: '项目负责人', key: 'leaderName', width: 10 },
  { header: '联系电话', key: 'leaderPhone', width: 14 },
  { header: '身份证号', key: 'leaderIdCard', width: 20 },
  { header: '装饰装修', key: 'decoration', width: 14 },
  { header: '检查日期', key: 'inspectionDate', width: 12 },
  { header: '改变用途', key: 'changeOfUse', width: 18 },
  { header: '进度', key: 'status', width: 20 },
];

function listRow(i: Inspection, n: number, caller: Caller | null, key: string): Record<string, Cell> {
  return {
    no: n,
    projectName: i.projectName,
    district: DISTRICTS.get(i.districtCode) ?? i.districtCode,
    address: i.address,
    category: CATEGORY_LABELS[i.category],
    builderUnit: i.builderUnit,
    designUnit: i.designUnit,
    generalContractorUnit: i.generalContractorUnit,
    fireContractorUnit: i.fireContractorUnit,
    supervisorUnit: i.supervisorUnit,
    fireTestingUnit: i.fireTestingUnit,
    leaderName: i.leaderName,
    leaderPhone: reveal(i.leaderPhoneCipher, caller, key, maskPhone),
    leaderIdCard: reveal(i.leaderIdCardCipher, caller, key, maskIdCard),
    decoration: i.decoration ? `是${i.decorationDescription ? `（${i.decorationDescription}）` : ''}` : '否',
    inspectionDate: i.inspectionDate,
    changeOfUse: i.changeOfUse ? `是：${i.originalUse ?? ''} → ${i.useNature ?? ''}` : '否',
    status: STATUS_LABELS[i.status],
  };
}

/** 1.3.9 抽查项目库列表. */
export async function exportInspections(
  em: EntityManager,
  caller: Caller | null,
  filter: FireInspectionFilter | null | undefined,
  format: ExportFormat,
  runtime: ExportRuntime,
): Promise<ExportFile> {
  const where = withInspectionScope(caller, inspectionWhere(em, filter, runtime.fieldKey));
  tooMany(await em.count(Inspection, where));
  const items = await em.find(Inspection, where, { orderBy: INSPECTION_ORDER as never, limit: MAX_EXPORT_ROWS });
  const now = runtime.now();
  const list = {
    title: '消防验收现场评定抽查项目列表',
    sheetName: '抽查项目',
    columns: LIST_COLUMNS,
    rows: items.map((i, n) => listRow(i, n + 1, caller, runtime.fieldKey)),
    notes: [`导出时间：${time(now)}；共 ${items.length} 条`],
  };
  return file(format, '消防验收抽查项目', now, items.length, {
    xlsx: () => buildListXlsx(list),
    docx: () => buildListDocx(list),
  });
}

const RESULT_COLUMNS: Column[] = [
  { header: '序号', key: 'no', width: 6 },
  { header: '建筑工程项目名称', key: 'projectName', width: 28 },
  { header: '检查日期', key: 'inspectionDate', width: 12 },
  { header: '检查项目', key: 'item', width: 22 },
  { header: '子项', key: 'subItem', width: 18 },
  { header: '检查内容', key: 'line', width: 40 },
  { header: '重要程度', key: 'importance', width: 12 },
  { header: '抽查部位', key: 'location', width: 18 },
  { header: '结果', key: 'verdict', width: 8 },
  { header: '情况说明', key: 'note', width: 30 },
  { header: '记录时间', key: 'recordedAt', width: 20 },
];

/** Result rows with their catalogue names (each row's own plan version). */
async function resultRows(
  em: EntityManager,
  results: InspectionResult[],
  inspections: Map<string, Inspection>,
): Promise<Record<string, Cell>[]> {
  const planIds = [...new Set(results.map((r) => r.plan.id))];
  const plans = planIds.length ? await em.find(SamplingPlan, { id: { $in: planIds } }) : [];
  const versionIds = [...new Set(plans.map((p) => p.catalogueVersion.id))];
  const versions = versionIds.length ? await em.find(CatalogueVersion, { id: { $in: versionIds } }) : [];
  const indexes = new Map(versions.map((v) => [v.id, indexCatalogue(v.content)]));
  const planVersion = new Map(plans.map((p) => [p.id, p.catalogueVersion.id]));
  return results.map((r, n) => {
    const hit = indexes.get(planVersion.get(r.plan.id)!)?.lines.get(r.lineCode);
    const insp = inspections.get(r.inspection.id);
    return {
      no: n + 1,
      projectName: insp?.projectName ?? '',
      inspectionDate: insp?.inspectionDate ?? '',
      item: hit ? `${hit.item.no}. ${hit.item.name}` : r.itemCode,
      subItem: hit?.subItem.name ?? r.subItemCode,
      line: hit ? `${r.lineCode} ${hit.line.content}` : r.lineCode,
      importance: IMPORTANCE_LABELS[r.importance as 'A' | 'B' | 'C'] ?? r.importance,
      location: `${r.locationLabel}${r.extra ? '（现场新增）' : ''}`,
      verdict: r.verdict === 'PASS' ? '合格' : '不合格',
      note: r.note,
      recordedAt: time(r.updatedAt),
    };
  });
}

/** 1.3.9 抽查结果列表: the results of the inspections the filter selects. */
export async function exportResults(
  em: EntityManager,
  caller: Caller | null,
  filter: FireInspectionFilter | null | undefined,
  format: ExportFormat,
  runtime: ExportRuntime,
): Promise<ExportFile> {
  const where = withInspectionScope(caller, inspectionWhere(em, filter, runtime.fieldKey));
  const resultWhere = { inspection: where } as never;
  tooMany(await em.count(InspectionResult, resultWhere));
  const results = await em.find(InspectionResult, resultWhere, {
    orderBy: [
      { inspection: { inspectionDate: 'desc' } },
      { inspection: { id: 'asc' } },
      { lineCode: 'asc' },
      { locationLabel: 'asc' },
    ] as never,
    limit: MAX_EXPORT_ROWS,
  });
  const ids = [...new Set(results.map((r) => r.inspection.id))];
  const inspections = new Map(
    (ids.length ? await em.find(Inspection, { id: { $in: ids } }) : []).map((i) => [i.id, i]),
  );
  const now = runtime.now();
  const list = {
    title: '消防验收现场评定抽查结果列表',
    sheetName: '抽查结果',
    columns: RESULT_COLUMNS,
    rows: await resultRows(em, results, inspections),
    notes: [`导出时间：${time(now)}；共 ${results.length} 条`],
  };
  return file(format, '消防验收抽查结果', now, results.length, {
    xlsx: () => buildListXlsx(list),
    docx: () => buildListDocx(list),
  });
}

async function signatureViews(
  signatures: Signature[],
  files: FileStore,
  withImages: boolean,
): Promise<SignatureView[]> {
  return Promise.all(
    signatures.map(async (s) => ({
      box: `${s.slot}. ${s.partyLabel}`,
      signerName: s.signerName,
      agree: s.agree,
      opinion: s.opinion ?? '',
      signedAt: time(s.signedAt),
      contentHash: s.contentHash,
      image: withImages && s.image ? await files.get(s.image.sha256) : null,
    })),
  );
}

/** The on-site photos with the names of their item and location (images only for Word). */
async function photoViews(
  em: EntityManager,
  inspection: Inspection,
  plan: SamplingPlan | null,
  extras: ExtraLocation[],
  versions: Map<string, CatalogueVersion>,
  files: FileStore,
  withImages: boolean,
): Promise<PhotoView[]> {
  const photos = await em.find(SitePhoto, { inspection: inspection.id }, { orderBy: { capturedAt: 'asc' } });
  const labels = new Map(plan ? [...layoutLocations(plan.layout)].map(([k, v]) => [k, v.label]) : []);
  for (const e of extras) labels.set(e.locationKey, e.label);
  const items = new Map(
    (plan ? (versions.get(plan.catalogueVersion.id)?.content.items ?? []) : []).map((it) => [it.code, it.name]),
  );
  return Promise.all(
    photos.map(async (p) => ({
      item: p.itemCode ? `${p.itemCode} ${items.get(p.itemCode) ?? ''}`.trim() : '（未指定）',
      location: (p.locationKey && labels.get(p.locationKey)) || '（未指定）',
      capturedAt: time(p.capturedAt),
      position:
        `${p.latitude.toFixed(5)}, ${p.longitude.toFixed(5)} ±${Math.round(p.accuracy)} 米` +
        (p.distanceMeters != null ? `，距工地 ${Math.round(p.distanceMeters)} 米` : ''),
      sha256: p.file.sha256,
      width: p.width,
      height: p.height,
      image: withImages ? await files.get(p.file.sha256) : null,
    })),
  );
}

/** 1.3.9: one inspection's full record: basic information, buildings, plans (incl. void ones), results, signatures. */
export async function exportRecord(
  em: EntityManager,
  caller: Caller | null,
  id: string,
  format: ExportFormat,
  runtime: ExportRuntime,
): Promise<ExportFile> {
  const i = await findInspection(em, caller, id);
  const buildings = await em.find(Building, { inspection: i.id }, { orderBy: { position: 'asc', name: 'asc' } });
  const floors = buildings.length ? await em.find(Floor, { building: { $in: buildings.map((b) => b.id) } }) : [];
  const plans = await em.find(SamplingPlan, { inspection: i.id }, { orderBy: { seq: 'asc' } });
  const signatures = await em.find(
    Signature,
    { inspection: i.id },
    { orderBy: { signedAt: 'asc' }, populate: ['image'] },
  );
  const extras = await em.find(ExtraLocation, { inspection: i.id }, { orderBy: { createdAt: 'asc' } });
  const results = await em.find(
    InspectionResult,
    { inspection: i.id },
    { orderBy: { lineCode: 'asc', locationLabel: 'asc' } },
  );
  const versions = new Map(
    (plans.length
      ? await em.find(CatalogueVersion, { id: { $in: [...new Set(plans.map((p) => p.catalogueVersion.id))] } })
      : []
    ).map((v) => [v.id, v]),
  );
  const withImages = format === 'DOCX';
  const row = listRow(i, 1, caller, runtime.fieldKey);
  const info: [string, string][] = LIST_COLUMNS.filter((c) => c.key !== 'no').map((c) => [
    c.header,
    String(row[c.key] ?? ''),
  ]);
  if (i.projectId) info.push(['关联工程项目 id', i.projectId]);
  if (i.sealedAt) info.push(['封存时间', time(i.sealedAt)]);

  const ordered = [
    ...plans.filter((p) => p.status !== PlanStatus.VOID).reverse(),
    ...plans.filter((p) => p.status === PlanStatus.VOID),
  ];
  const planViews: PlanView[] = [];
  for (const p of ordered) {
    const version = versions.get(p.catalogueVersion.id)!;
    const items = describePlan(
      p.draw,
      p.layout,
      version.content,
      extras.filter((e) => e.plan.id === p.id),
    );
    planViews.push({
      title: `第 ${p.seq} 次随机生成的抽查方案（${p.status === PlanStatus.CONFIRMED ? '已确认' : p.status === PlanStatus.VOID ? '已作废' : '待签名确认'}）`,
      facts: [
        ['生成时间', time(p.createdAt)],
        ['抽查库版本', `第 ${version.version} 版`],
        ['抽查规则版本', `第 ${p.ruleVersion} 版（${p.ruleConfig.name}）`],
        ['随机种子', p.seed],
        ['方案 SM3 摘要', p.contentHash],
        ['HMAC-SM3 校验码', p.mac ?? '（无）'],
        ...(p.voidReason ? ([['作废原因', p.voidReason]] as [string, string][]) : []),
      ],
      itemColumns: [
        { header: '序号', key: 'no', width: 6 },
        { header: '检查项目', key: 'name', width: 26 },
        { header: '抽查部位及数量', key: 'locations', width: 60 },
        { header: '全部检查项', key: 'always', width: 40 },
      ],
      items: items.map((it) => ({
        no: it.no,
        name: it.name,
        locations:
          it.applicable || it.locations.length
            ? `${it.locations.length} 处：${it.locations.map((l) => `${l.label}（${REASON_LABELS[l.reason]}）`).join('；')}`
            : '不涉及',
        always: it.always.map((t) => `${t.label}：${t.locations.length} 处全部检查`).join('；'),
      })),
      signatures: await signatureViews(
        signatures.filter((s) => s.stage === SignatureStage.PLAN && s.plan.id === p.id),
        runtime.files,
        withImages,
      ),
    });
  }
  const resultRowsOut = await resultRows(em, results, new Map([[i.id, i]]));
  const photos = await photoViews(em, i, ordered[0] ?? null, extras, versions, runtime.files, withImages);
  const now = runtime.now();
  const record: InspectionRecord = {
    title: `消防验收现场评定抽查记录：${i.projectName}`,
    info,
    buildingColumns: [
      { header: '楼栋', key: 'building', width: 12 },
      { header: '建筑类别', key: 'category', width: 18 },
      { header: '耐火等级', key: 'rating', width: 8 },
      { header: '高度(m)', key: 'height', width: 8 },
      { header: '楼层', key: 'floor', width: 10 },
      { header: '使用功能', key: 'use', width: 18 },
      { header: '说明', key: 'remarks', width: 30 },
    ],
    buildings: buildings.flatMap((b) =>
      sortFloors(floors.filter((f) => f.building.id === b.id)).map((f) => ({
        building: b.name,
        category: b.category,
        rating: b.fireResistanceRating,
        height: b.height,
        floor: f.name,
        use: f.useNature ?? b.useNature,
        remarks: f.remarks ?? b.remarks,
      })),
    ),
    plans: planViews,
    resultColumns: RESULT_COLUMNS.filter((c) => c.key !== 'projectName' && c.key !== 'inspectionDate'),
    results: resultRowsOut,
    extraColumns: [
      { header: '检查项目', key: 'itemCode', width: 10 },
      { header: '部位', key: 'label', width: 24 },
      { header: '详细抽查情况说明', key: 'note', width: 50 },
      { header: '新增时间', key: 'createdAt', width: 20 },
    ],
    extras: extras.map((e) => ({ itemCode: e.itemCode, label: e.label, note: e.note, createdAt: time(e.createdAt) })),
    resultSignatures: await signatureViews(
      signatures.filter((s) => s.stage === SignatureStage.RESULT),
      runtime.files,
      withImages,
    ),
    photos,
    notes: [`导出时间：${time(now)}；进度：${STATUS_LABELS[i.status]}`],
  };
  return file(format, `消防验收抽查记录_${i.projectName}`, now, results.length, {
    xlsx: () => buildRecordXlsx(record),
    docx: () => buildRecordDocx(record),
  });
}
