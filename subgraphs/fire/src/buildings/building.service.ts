import {
  badInput,
  type Caller,
  checkText,
  cleanText,
  conflict,
  type FieldIssue,
  isUuid,
  notFound,
  throwIssues,
} from '@hs/kit';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { currentCatalogue } from '../catalogue/catalogue.service.js';
import { resultsSealed } from '../common/errors.js';
import { Inspection } from '../inspections/inspection.entity.js';
import { InspectionStatus } from '../inspections/inspection.enums.js';
import { lockInspection } from '../inspections/inspection.service.js';
import { FIRE_LIFT_ITEM } from '../sampling/layout.js';
import { SamplingPlan, PlanStatus } from '../sampling/plan.entity.js';
import { Building } from './building.entity.js';
import type { FireBuildingInput, FireFloorInput } from './building.inputs.js';
import { Floor, FloorKind } from './floor.entity.js';

export const MAX_ABOVE = 200;
export const MAX_BELOW = 20;

/** A building has a roof when it has floors above ground: an underground garage has none. */
export const roofByDefault = (above: number) => above > 0;

/** The floors a building has by its counts: basements −n…−1, above 1…n, the roof n+1. */
export function floorSpecs(
  above: number,
  below: number,
  hasRoof: boolean,
): { kind: FloorKind; level: number; name: string }[] {
  const out: { kind: FloorKind; level: number; name: string }[] = [];
  for (let l = below; l >= 1; l--) out.push({ kind: FloorKind.BASEMENT, level: -l, name: `地下${l}层` });
  for (let l = 1; l <= above; l++) out.push({ kind: FloorKind.ABOVE, level: l, name: `${l}层` });
  if (hasRoof) out.push({ kind: FloorKind.ROOF, level: above + 1, name: '屋面' });
  return out;
}

const KIND_RANK: Record<FloorKind, number> = { BASEMENT: 0, ABOVE: 1, ROOF: 2 };
export const sortFloors = (floors: Floor[]) =>
  [...floors].sort((a, b) => KIND_RANK[a.kind] - KIND_RANK[b.kind] || a.level - b.level);

function checkItems(issues: FieldIssue[], field: string, items: string[] | null | undefined, known: Set<string>) {
  if (items == null) return;
  for (const code of items) {
    if (!known.has(code)) issues.push({ field, message: `未知的检查项目编码：${code}（抽查库中为 01–18）` });
  }
}

function checkNumber(issues: FieldIssue[], field: string, label: string, v: number | null | undefined, max: number) {
  if (v == null) return;
  if (!Number.isFinite(v) || v < 0 || v > max) issues.push({ field, message: `${label}应在 0–${max} 之间` });
}

/**
 * Buildings and floors may change until a plan is confirmed: a change while a plan awaits its
 * signatures voids that plan (its layout snapshot no longer matches); after confirmation the
 * layout is fixed, and places found on site are added as extra locations instead.
 */
async function lockLayout(tx: EntityManager, caller: Caller, inspectionId: string, now: Date): Promise<Inspection> {
  const inspection = await lockInspection(tx, caller, inspectionId);
  if (inspection.sealedAt || inspection.resultsLockedAt) throw resultsSealed();
  const plans = await tx.find(SamplingPlan, { inspection: inspection.id, status: { $ne: PlanStatus.VOID } });
  if (plans.some((p) => p.status === PlanStatus.CONFIRMED)) {
    throw conflict('抽查方案已确认，楼栋楼层不可再修改；现场如需增加部位，请使用“现场新增部位”');
  }
  for (const plan of plans) {
    plan.status = PlanStatus.VOID;
    plan.voidedAt = now;
    plan.voidReason = '楼栋楼层信息已变更，原方案作废，请重新生成';
  }
  if (plans.length) inspection.status = InspectionStatus.DRAFT;
  return inspection;
}

function buildingIssues(input: FireBuildingInput, known: Set<string>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  checkText(issues, 'name', '楼栋名称', cleanText(input.name), { required: true, max: 50 });
  if (
    !Number.isInteger(input.aboveGroundFloors) ||
    input.aboveGroundFloors < 0 ||
    input.aboveGroundFloors > MAX_ABOVE
  ) {
    issues.push({ field: 'aboveGroundFloors', message: `地上层数应为 0–${MAX_ABOVE} 的整数` });
  }
  const below = input.belowGroundFloors ?? 0;
  if (!Number.isInteger(below) || below < 0 || below > MAX_BELOW) {
    issues.push({ field: 'belowGroundFloors', message: `地下层数应为 0–${MAX_BELOW} 的整数` });
  }
  if (input.aboveGroundFloors === 0 && below === 0)
    issues.push({ field: 'aboveGroundFloors', message: '地上、地下层数不能都为 0' });
  if (input.position != null && (!Number.isInteger(input.position) || input.position < 0 || input.position > 999)) {
    issues.push({ field: 'position', message: '排列顺序应为 0–999 的整数' });
  }
  checkText(issues, 'category', '建筑类别', cleanText(input.category), { required: false, max: 50 });
  checkText(issues, 'fireResistanceRating', '耐火等级', cleanText(input.fireResistanceRating), {
    required: false,
    max: 10,
  });
  checkText(issues, 'structure', '结构类型', cleanText(input.structure), { required: false, max: 50 });
  checkText(issues, 'useNature', '使用性质', cleanText(input.useNature), { required: false, max: 100 });
  checkText(issues, 'remarks', '其他说明', cleanText(input.remarks), {
    required: false,
    max: 500,
    kind: 'multiline',
  });
  checkNumber(issues, 'height', '建筑高度', input.height, 1000);
  checkNumber(issues, 'area', '建筑面积', input.area, 10_000_000);
  checkItems(issues, 'items', input.items, known);
  if (input.items && input.hasFireLift != null && input.items.includes(FIRE_LIFT_ITEM) !== input.hasFireLift) {
    issues.push({
      field: 'hasFireLift',
      message: input.hasFireLift
        ? '已填写设有消防电梯，适用检查项目中也应选择“09 消防电梯”'
        : '已填写未设消防电梯，适用检查项目中不应选择“09 消防电梯”',
    });
  }
  return issues;
}

function applyBuilding(building: Building, input: FireBuildingInput) {
  building.name = cleanText(input.name)!;
  building.category = cleanText(input.category);
  building.fireResistanceRating = cleanText(input.fireResistanceRating);
  building.structure = cleanText(input.structure);
  building.height = input.height ?? null;
  building.area = input.area ?? null;
  building.useNature = cleanText(input.useNature);
  building.items = input.items ? [...new Set(input.items)].sort() : null;
  building.hasFireLift = input.hasFireLift ?? null;
  building.remarks = cleanText(input.remarks);
}

async function knownItemCodes(em: EntityManager): Promise<Set<string>> {
  return new Set((await currentCatalogue(em)).content.items.map((i) => i.code));
}

/** Reconciles a building's floors with its counts: keeps existing floors (and their information). */
async function syncFloors(tx: EntityManager, building: Building, above: number, below: number, hasRoof: boolean) {
  const existing = await tx.find(Floor, { building: building.id });
  const wanted = floorSpecs(above, below, hasRoof);
  const key = (kind: FloorKind, level: number) => `${kind}:${kind === FloorKind.ROOF ? 'roof' : level}`;
  const byKey = new Map(existing.map((f) => [key(f.kind, f.level), f]));
  const keep = new Set<string>();
  // Removals first: the roof's level moves with the number of floors (unique building/kind/level).
  for (const spec of wanted) keep.add(key(spec.kind, spec.level));
  for (const floor of existing) if (!keep.has(key(floor.kind, floor.level))) tx.remove(floor);
  await tx.flush();
  for (const spec of wanted) {
    const floor = byKey.get(key(spec.kind, spec.level));
    if (floor) {
      if (floor.kind === FloorKind.ROOF) floor.level = spec.level;
    } else tx.create(Floor, { building, kind: spec.kind, level: spec.level, name: spec.name });
  }
}

export async function addBuilding(
  em: EntityManager,
  caller: Caller,
  inspectionId: string,
  input: FireBuildingInput,
  now: () => Date,
): Promise<Building> {
  throwIssues(buildingIssues(input, await knownItemCodes(em)));
  return em.transactional(async (tx) => {
    const inspection = await lockLayout(tx, caller, inspectionId, now());
    const count = await tx.count(Building, { inspection: inspection.id });
    if (count >= 100) throw badInput('每个项目最多 100 栋楼', 'name');
    const building = tx.create(Building, {
      inspection,
      name: cleanText(input.name)!,
      position: input.position ?? count,
      createdAt: now(),
      updatedAt: now(),
    });
    applyBuilding(building, input);
    await tx.flush();
    await syncFloors(
      tx,
      building,
      input.aboveGroundFloors,
      input.belowGroundFloors ?? 0,
      input.hasRoof ?? roofByDefault(input.aboveGroundFloors),
    );
    await tx.flush();
    return building;
  });
}

async function lockBuilding(tx: EntityManager, buildingId: string): Promise<Building> {
  if (!isUuid(buildingId)) throw notFound('楼栋');
  // Scope is checked by lockLayout (lockInspection): out of scope reads as not found there.
  const building = await tx.findOne(Building, { id: buildingId });
  if (!building) throw notFound('楼栋');
  return building;
}

export async function updateBuilding(
  em: EntityManager,
  caller: Caller,
  buildingId: string,
  input: FireBuildingInput,
  now: () => Date,
): Promise<Building> {
  throwIssues(buildingIssues(input, await knownItemCodes(em)));
  return em.transactional(async (tx) => {
    const found = await lockBuilding(tx, buildingId);
    await lockLayout(tx, caller, found.inspection.id, now());
    const building = (await tx.findOne(Building, { id: buildingId }, { lockMode: LockMode.PESSIMISTIC_WRITE }))!;
    applyBuilding(building, input);
    if (input.position != null) building.position = input.position;
    building.updatedAt = now();
    await syncFloors(
      tx,
      building,
      input.aboveGroundFloors,
      input.belowGroundFloors ?? 0,
      input.hasRoof ?? roofByDefault(input.aboveGroundFloors),
    );
    await tx.flush();
    return building;
  });
}

export async function removeBuilding(
  em: EntityManager,
  caller: Caller,
  buildingId: string,
  now: () => Date,
): Promise<boolean> {
  return em.transactional(async (tx) => {
    const building = await lockBuilding(tx, buildingId);
    await lockLayout(tx, caller, building.inspection.id, now());
    tx.remove(building);
    await tx.flush();
    return true;
  });
}

export async function updateFloor(
  em: EntityManager,
  caller: Caller,
  floorId: string,
  input: FireFloorInput,
  now: () => Date,
): Promise<Floor> {
  const issues: FieldIssue[] = [];
  if (input.name !== undefined)
    checkText(issues, 'name', '楼层名称', cleanText(input.name), { required: true, max: 20 });
  checkText(issues, 'useNature', '使用功能', cleanText(input.useNature), { required: false, max: 100 });
  checkText(issues, 'remarks', '其他说明', cleanText(input.remarks), {
    required: false,
    max: 500,
    kind: 'multiline',
  });
  checkNumber(issues, 'area', '楼层面积', input.area, 10_000_000);
  checkItems(issues, 'items', input.items, await knownItemCodes(em));
  throwIssues(issues);
  return em.transactional(async (tx) => {
    if (!isUuid(floorId)) throw notFound('楼层');
    const floor = await tx.findOne(Floor, { id: floorId }, { populate: ['building'] });
    if (!floor) throw notFound('楼层');
    await lockLayout(tx, caller, floor.building.inspection.id, now());
    if (input.name !== undefined) floor.name = cleanText(input.name)!;
    if (input.useNature !== undefined) floor.useNature = cleanText(input.useNature);
    if (input.area !== undefined) floor.area = input.area;
    if (input.items !== undefined) floor.items = input.items ? [...new Set(input.items)].sort() : null;
    if (input.remarks !== undefined) floor.remarks = cleanText(input.remarks);
    await tx.flush();
    return floor;
  });
}
