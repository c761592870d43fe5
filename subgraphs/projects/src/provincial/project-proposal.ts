import { createHash } from 'node:crypto';
import { AppError, badInput, type Caller, checkCreditCode, checkDivision, ErrorCode, isUuid } from '@hs/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { PROVINCIAL_PROJECT_EDIT_LABELS } from '@hs/labels';
import { GeoPoint } from '../common/geo-point.js';
import { Enterprise } from '../enterprises/enterprise.entity.js';
import { ProjectUnit } from '../projects/project-unit.entity.js';
import { Project } from '../projects/project.entity.js';
import {
  ProjectChangeKind,
  ProjectStatus,
  ProjectType,
  UNIT_ROLE_LABELS,
  UnitRole,
} from '../projects/project.enums.js';
import { normaliseCode, PROJECT_CODE_FIELDS, type ProjectDraft } from '../projects/project.rules.js';
import {
  applyDraft,
  asConflict,
  checkCodesFree,
  checkDistrictInScope,
  createUnits,
  lockVisibleProject,
  publishChange,
  validateDraft,
  type WriteDeps,
} from '../projects/project.service.js';
import { withScope } from '../projects/project.scope.js';
import type { ExchangeService } from '@hs/kit';
import { APPROVAL_SYSTEM, type ApprovalProject } from './connectors.js';
import { lookupApprovalProject } from './exchange.js';
import type { ProvincialConflict, ProvincialProjectEdits, ProvincialProjectProposal } from './provincial.types.js';

/** 参建类型 of the provincial dictionary → the platform's roles (others, e.g. 专业分包, are not kept here). */
const ROLE_OF: Record<string, UnitRole> = {
  '8': UnitRole.BUILDER,
  '9': UnitRole.GENERAL_CONTRACTOR,
  '7': UnitRole.SUPERVISOR,
  '10': UnitRole.SURVEYOR,
  '11': UnitRole.DESIGNER,
};

/** 项目状态: 1 筹备, 2 立项 → 未开工; 3 在建; 4 完工 → 竣工; 5 停工. */
const STATUS_OF: Record<string, ProjectStatus> = {
  '1': ProjectStatus.PLANNED,
  '2': ProjectStatus.PLANNED,
  '3': ProjectStatus.UNDER_CONSTRUCTION,
  '4': ProjectStatus.COMPLETED,
  '5': ProjectStatus.SUSPENDED,
};

/** 项目类别 (1 房建, 2 市政, 99 其他) with 工程用途 → the platform's project types. */
export function projectTypeOf(category: string, purpose: string | null | undefined): ProjectType {
  if (category === '1') return purpose === '工业建筑' ? ProjectType.INDUSTRIAL : ProjectType.HOUSING;
  if (category === '2') return purpose === '道路' || purpose === '桥梁' ? ProjectType.TRANSPORT : ProjectType.MUNICIPAL;
  return purpose === '水利' ? ProjectType.WATER : ProjectType.OTHER;
}

const code = (value: string | null | undefined) => (value ? normaliseCode(value) || null : null);

/** The province's answer in the platform's terms, before anything is compared with what is stored. */
function mapProject(answer: ApprovalProject) {
  const status = STATUS_OF[answer.status] ?? ProjectStatus.PLANNED;
  const units = answer.units
    .filter((u) => ROLE_OF[u.role])
    .map((u) => ({
      role: ROLE_OF[u.role],
      name: u.name.trim(),
      creditCode: normaliseCode(u.creditCode),
      projectLeader: u.projectLeader?.trim() || null,
    }));
  return {
    projectCode: code(answer.codes.hubeiCode),
    permitCode: code(answer.codes.permitNo),
    investmentCode: code(answer.codes.investmentCode),
    provincialCode: code(answer.codes.provincialNo),
    name: answer.name.trim(),
    type: projectTypeOf(answer.category, answer.purpose),
    districtCode: answer.districtCode,
    address: answer.address.trim(),
    location: answer.location ? new GeoPoint(answer.location.lng, answer.location.lat) : null,
    status,
    startDate: answer.startDate ?? null,
    plannedEndDate: answer.plannedEndDate ?? null,
    // The province has no 实际竣工日期 for a 完工 project: its planned end stands in.
    completedDate: status === ProjectStatus.COMPLETED ? (answer.completedDate ?? answer.plannedEndDate ?? null) : null,
    area: answer.area ?? null,
    totalInvestment: answer.totalInvestment ?? null,
    units,
  };
}
type MappedProject = ReturnType<typeof mapProject>;

/** Required fields: an edit may change them, not empty them. */
const REQUIRED_EDITS = (['name', 'type', 'status', 'districtCode', 'address', 'location'] as const).map(
  (field) => [field, PROVINCIAL_PROJECT_EDIT_LABELS[field]] as const,
);

/**
 * The province's project with the user's edits laid over it: a field the user gave wins (the
 * checks of the project form apply to it on save), one left out stays the province's.
 */
function withEdits(mapped: MappedProject, edits: ProvincialProjectEdits | null | undefined): MappedProject {
  if (!edits) return mapped;
  const result = { ...mapped };
  for (const [field, label] of REQUIRED_EDITS) if (edits[field] === null) throw badInput(`${label}不能为空`, field);
  if (edits.name != null) result.name = edits.name.trim();
  if (edits.type != null) result.type = edits.type;
  if (edits.status != null) result.status = edits.status;
  if (edits.districtCode != null) result.districtCode = edits.districtCode.trim();
  if (edits.address != null) result.address = edits.address.trim();
  if (edits.location != null) result.location = new GeoPoint(edits.location.lng, edits.location.lat);
  if (edits.startDate !== undefined) result.startDate = edits.startDate || null;
  if (edits.plannedEndDate !== undefined) result.plannedEndDate = edits.plannedEndDate || null;
  if (edits.completedDate !== undefined) result.completedDate = edits.completedDate || null;
  if (edits.area !== undefined) result.area = edits.area;
  return result;
}

/** Stable over identical answers, so apply can tell that what is saved is what the user saw. */
const digestOf = (answer: ApprovalProject) =>
  createHash('sha256')
    .update(JSON.stringify(mapProject(answer)))
    .digest('hex')
    .slice(0, 32);

const conflict = (
  field: string,
  label: string,
  stored: string | null,
  proposed: string | null,
  blocking = false,
): ProvincialConflict => ({ field, label, stored, proposed, blocking });

/**
 * The proposal: the province's project, each unit matched to a stored enterprise by credit code
 * (or marked new), and every difference from what is stored. Reads only.
 */
async function propose(
  em: EntityManager,
  caller: Caller,
  answer: ApprovalProject,
  edits?: ProvincialProjectEdits | null,
): Promise<ProvincialProjectProposal & { mapped: MappedProject }> {
  const mapped = withEdits(mapProject(answer), edits);
  const conflicts: ProvincialConflict[] = [];
  const codes = PROJECT_CODE_FIELDS.filter(({ field }) => mapped[field]);
  const holders = codes.length
    ? await em.find(Project, { $or: codes.map(({ field }) => ({ [field]: mapped[field] })) })
    : [];
  const visible = holders.length
    ? new Set(
        (
          await em.find(Project, withScope(em, caller, { id: { $in: holders.map((p) => p.id) } }), { fields: ['id'] })
        ).map((p) => p.id),
      )
    : new Set<string>();
  let existing: Project | null = null;
  if (holders.length > 1) {
    conflicts.push(
      conflict(
        'codes',
        '省平台的各编码分属本平台的不同项目，请先核对后手工处理',
        holders.map((p) => (visible.has(p.id) ? p.name : '（无权查看的项目）')).join('、'),
        mapped.name,
        true,
      ),
    );
  } else if (holders.length === 1) {
    const holder = holders[0];
    if (!visible.has(holder.id)) {
      conflicts.push(conflict('codes', '该编码已登记为您无权查看的项目，不能保存', null, mapped.name, true));
    } else {
      existing = holder;
      if (holder.name !== mapped.name) conflicts.push(conflict('name', '项目名称不一致', holder.name, mapped.name));
      if (holder.address !== mapped.address)
        conflicts.push(conflict('address', '工程地址不一致', holder.address, mapped.address));
      if (holder.district.code !== mapped.districtCode)
        conflicts.push(conflict('districtCode', '所在区县不一致', holder.district.code, mapped.districtCode));
      for (const { field, label } of PROJECT_CODE_FIELDS) {
        if (holder[field] && mapped[field] && holder[field] !== mapped[field])
          conflicts.push(conflict(field, `${label}不一致`, holder[field], mapped[field]));
      }
    }
  }

  const creditCodes = [...new Set(mapped.units.map((u) => u.creditCode))];
  const enterprises = creditCodes.length ? await em.find(Enterprise, { creditCode: { $in: creditCodes } }) : [];
  const byCode = new Map(enterprises.map((e) => [e.creditCode, e]));
  const units = mapped.units.map((u, i) => {
    const enterprise = byCode.get(u.creditCode) ?? null;
    if (!checkCreditCode(u.creditCode).ok)
      conflicts.push(
        conflict(
          `units.${i}.creditCode`,
          `${UNIT_ROLE_LABELS[u.role]}的统一社会信用代码无效`,
          null,
          u.creditCode,
          true,
        ),
      );
    else if (enterprise && enterprise.name !== u.name)
      conflicts.push(
        conflict(`units.${i}.name`, `${UNIT_ROLE_LABELS[u.role]}名称与企业库不一致`, enterprise.name, u.name),
      );
    return { ...u, enterprise, isNew: !enterprise };
  });

  if (existing) {
    const stored = await em.find(ProjectUnit, { project: existing.id }, { populate: ['enterprise'] });
    const key = (role: UnitRole, creditCode: string) => `${role}:${creditCode}`;
    const storedKeys = new Set(stored.map((u) => key(u.role, u.enterprise.creditCode)));
    const proposedKeys = new Set(units.map((u) => key(u.role, u.creditCode)));
    if (storedKeys.size !== proposedKeys.size || [...storedKeys].some((k) => !proposedKeys.has(k))) {
      const describe = (list: { role: UnitRole; name: string }[]) =>
        list.map((u) => `${UNIT_ROLE_LABELS[u.role]}：${u.name}`).join('；') || null;
      conflicts.push(
        conflict(
          'units',
          '参建单位不一致：保存后以省平台的参建单位替换',
          describe(stored.map((u) => ({ role: u.role, name: u.enterprise.name }))),
          describe(units),
        ),
      );
    }
  }

  return {
    source: APPROVAL_SYSTEM,
    fetchedAt: new Date(),
    digest: digestOf(answer),
    ...mapped,
    units,
    existingProject: existing,
    conflicts,
    mapped,
  };
}

function checkedCode(raw: string): string {
  const value = normaliseCode(raw ?? '');
  if (!value) throw badInput('请输入项目代码、湖北省工建码或施工许可证编号', 'code');
  if (!/^[0-9A-Z-]{4,40}$/.test(value))
    throw badInput('编码格式无效：项目代码为24位（如 2025-420202-47-01-123456），施工许可证编号为18位数字', 'code');
  return value;
}

/** 3.1.1 lookup: asks the province, compares, stores nothing. */
export async function lookupProvincialProject(
  em: EntityManager,
  exchange: ExchangeService,
  caller: Caller,
  rawCode: string,
): Promise<ProvincialProjectProposal> {
  const answer = await lookupApprovalProject(exchange, checkedCode(rawCode));
  const { mapped: _mapped, ...proposal } = await propose(em, caller, answer);
  return proposal;
}

/**
 * Saves the province's project as the user confirmed it, in one transaction: enterprises created
 * (new) or renamed (confirmed conflicts), the project created or updated, its units replaced.
 * The user's edits in the form win over the province's values (and are what is compared with the
 * stored project). Refused when the province's data changed since the lookup (digest), on a
 * blocking conflict, and on any conflict without `confirmConflicts`; then nothing is stored.
 */
export async function applyProvincialProject(
  em: EntityManager,
  exchange: ExchangeService,
  caller: Caller,
  rawCode: string,
  digest: string,
  confirmConflicts: boolean,
  deps: WriteDeps,
  edits?: ProvincialProjectEdits | null,
): Promise<Project> {
  const answer = await lookupApprovalProject(exchange, checkedCode(rawCode));
  if (digestOf(answer) !== digest)
    throw new AppError(ErrorCode.CONFLICT, '省平台的项目数据已更新，请重新获取并核对后再保存', { field: 'digest' });
  let created = false;
  const project = await em
    .transactional(async (tx) => {
      const proposal = await propose(tx, caller, answer, edits);
      const blocking = proposal.conflicts.filter((c) => c.blocking);
      if (blocking.length)
        throw new AppError(ErrorCode.CONFLICT, blocking.map((c) => c.label).join('；'), {
          details: { conflicts: blocking },
        });
      if (proposal.conflicts.length && !confirmConflicts)
        throw new AppError(ErrorCode.CONFLICT, '省平台数据与本平台已登记的数据不一致，请核对并确认后再保存', {
          details: { conflicts: proposal.conflicts },
        });
      const { mapped } = proposal;
      if (!mapped.location && !proposal.existingProject)
        throw badInput('省平台未提供项目位置，请在表单中手工登记该项目', 'location');

      const enterprises = new Map<string, Enterprise>();
      for (const unit of proposal.units) {
        let enterprise = unit.enterprise;
        if (!enterprise) {
          const division = checkDivision(unit.creditCode.slice(2, 8));
          enterprise = tx.create(Enterprise, {
            creditCode: unit.creditCode,
            name: unit.name,
            districtCode: division.ok ? division.value : mapped.districtCode,
          });
        } else if (enterprise.name !== unit.name) {
          enterprise.name = unit.name;
          enterprise.updatedAt = new Date();
        }
        enterprises.set(enterprise.id, enterprise);
        unit.enterprise = enterprise;
      }

      const current = proposal.existingProject
        ? await lockVisibleProject(tx, caller, proposal.existingProject.id)
        : null;
      const draft: ProjectDraft = {
        projectCode: mapped.projectCode ?? current?.projectCode ?? null,
        permitCode: mapped.permitCode ?? current?.permitCode ?? null,
        investmentCode: mapped.investmentCode ?? current?.investmentCode ?? null,
        provincialCode: mapped.provincialCode ?? current?.provincialCode ?? null,
        name: mapped.name,
        districtCode: mapped.districtCode,
        address: mapped.address,
        location: mapped.location ?? (current ? { lng: current.location.lng, lat: current.location.lat } : null),
        siteBoundary: current?.siteBoundary ?? null,
        status: mapped.status,
        startDate: mapped.startDate,
        plannedEndDate: mapped.plannedEndDate,
        completedDate: mapped.completedDate,
        contractAmount: current?.contractAmount ?? null,
        area: mapped.area ?? current?.area ?? null,
      };
      const { district, siteBoundary } = await validateDraft(tx, draft);
      checkDistrictInScope(caller, district.code);
      await checkCodesFree(tx, draft, current?.id);
      let target = current;
      if (!target) {
        created = true;
        target = tx.create(Project, {
          name: mapped.name,
          type: mapped.type,
          district,
          address: mapped.address,
          location: new GeoPoint(draft.location!.lng, draft.location!.lat),
          createdById: isUuid(caller.userId) ? caller.userId : null,
        });
      } else {
        target.type = mapped.type;
        target.updatedAt = new Date();
        await tx.nativeDelete(ProjectUnit, { project: target.id });
      }
      applyDraft(target, draft, district, siteBoundary);
      createUnits(
        tx,
        target,
        proposal.units.map((u) => ({ enterpriseId: u.enterprise!.id, role: u.role, projectLeader: u.projectLeader })),
        enterprises,
      );
      return target;
    })
    .catch(asConflict);
  await publishChange(deps, created ? ProjectChangeKind.CREATED : ProjectChangeKind.UPDATED, project);
  return project;
}
