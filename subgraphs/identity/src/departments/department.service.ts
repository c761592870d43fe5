import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, forbidden, isHuangshiDivision, notFound, type Caller } from '@hs/kit';
import { EnableStatus } from '../common/status.js';
import { assertId, assertText, conflict, isUuid } from '../common/validate.js';
import { descendantsAndSelf, scopeCoversDepartment } from '../roles/data-scope.js';
import { Department, DepartmentKind } from './department.entity.js';
import type { CreateDepartmentInput, UpdateDepartmentInput } from './department.inputs.js';

const SORT_MIN = -1_000_000;
const SORT_MAX = 1_000_000;

function assertDistrictCode(value: string, field = 'districtCode'): string {
  const code = value.normalize('NFKC').trim();
  if (!isHuangshiDivision(code))
    throw badInput(`行政区划代码“${code}”无效：应为黄石市（420200）或其下辖区县的代码`, field);
  return code;
}

function assertSortOrder(value: number): number {
  if (!Number.isInteger(value) || value < SORT_MIN || value > SORT_MAX) throw badInput('排序号必须是整数', 'sortOrder');
  return value;
}

/** 部门管理: the tree, scope-filtered, and its edits (no cycles, sibling names unique). */
export class DepartmentService {
  constructor(private readonly em: EntityManager) {}

  /** The visible part of the tree as roots: every department in scope whose parent is not. */
  async roots(caller: Caller): Promise<Department[]> {
    const all = await this.em.find(Department, {}, { orderBy: { sortOrder: 'asc', name: 'asc' } });
    const visible = all.filter((d) => scopeCoversDepartment(caller.scope, d.id));
    const ids = new Set(visible.map((d) => d.id));
    return visible.filter((d) => !d.parent || !ids.has(d.parent.id));
  }

  async get(caller: Caller, id: string): Promise<Department> {
    const departmentId = assertId(id, 'id', '部门');
    const department = await this.em.findOne(Department, departmentId);
    if (!department || !scopeCoversDepartment(caller.scope, department.id)) throw notFound('部门');
    return department;
  }

  private async parent(caller: Caller, id: unknown): Promise<Department> {
    const parentId = assertId(id, 'parentId', '上级部门');
    const parent = await this.em.findOne(Department, parentId);
    if (!parent) throw badInput('上级部门不存在', 'parentId');
    if (!scopeCoversDepartment(caller.scope, parent.id))
      throw forbidden(`上级部门“${parent.name}”不在您的数据权限范围内`);
    return parent;
  }

  private async assertSiblingName(parentId: string | null, name: string, exceptId: string | null) {
    const sibling = await this.em.findOne(Department, { parent: parentId, name });
    if (sibling && sibling.id !== exceptId) throw conflict(`同一上级下已有名为“${name}”的部门`, 'name');
  }

  private enterpriseOf(kind: DepartmentKind, value: string | null | undefined): string | null {
    if (value == null || value.trim() === '') return null;
    if (kind !== DepartmentKind.ENTERPRISE) throw badInput('只有企业类型的部门可以关联企业', 'enterpriseId');
    if (!isUuid(value.trim())) throw badInput('企业 ID 格式无效', 'enterpriseId');
    return value.trim().toLowerCase();
  }

  async create(caller: Caller, input: CreateDepartmentInput): Promise<Department> {
    const name = assertText(input.name, 'name', '部门名称', 100);
    if (!Object.values(DepartmentKind).includes(input.kind)) throw badInput('部门类型无效', 'kind');
    // Only a city-wide administrator founds a new root; everyone else adds below what they administer.
    const parent = input.parentId != null ? await this.parent(caller, input.parentId) : null;
    if (!parent && caller.scope.kind !== 'ALL') throw forbidden('只有拥有全部数据权限的管理员才能新增顶级组织');
    const districtCode = input.districtCode?.trim() ? assertDistrictCode(input.districtCode) : null;
    const enterpriseId = this.enterpriseOf(input.kind, input.enterpriseId);
    const sortOrder = input.sortOrder != null ? assertSortOrder(input.sortOrder) : 0;
    await this.assertSiblingName(parent?.id ?? null, name, null);

    return this.em.transactional(async (tem) => {
      const now = new Date();
      const department = tem.create(Department, {
        name,
        kind: input.kind,
        parent: parent ? tem.getReference(Department, parent.id) : null,
        districtCode,
        enterpriseId,
        sortOrder,
        status: EnableStatus.ACTIVE,
        createdAt: now,
        updatedAt: now,
      });
      tem.persist(department);
      return department;
    });
  }

  async update(caller: Caller, id: string, input: UpdateDepartmentInput): Promise<Department> {
    const department = await this.get(caller, id);
    const name = input.name != null ? assertText(input.name, 'name', '部门名称', 100) : department.name;
    let parentId: string | null | undefined;
    if (input.parentId != null) {
      const parent = await this.parent(caller, input.parentId);
      const all = await this.em.find(Department, {});
      const tree = all.map((d) => ({
        id: d.id,
        parentId: d.parent?.id ?? null,
        districtCode: null,
        enterpriseId: null,
      }));
      if (descendantsAndSelf(tree, department.id).includes(parent.id))
        throw badInput('上级部门不能是本部门或其下级部门', 'parentId');
      parentId = parent.id;
    }
    const districtCode =
      input.districtCode == null
        ? undefined
        : input.districtCode.trim() === ''
          ? null
          : assertDistrictCode(input.districtCode);
    const enterpriseId =
      input.enterpriseId == null ? undefined : this.enterpriseOf(department.kind, input.enterpriseId);
    const sortOrder = input.sortOrder != null ? assertSortOrder(input.sortOrder) : undefined;
    if (input.status != null && !Object.values(EnableStatus).includes(input.status))
      throw badInput('状态无效', 'status');
    if (input.name != null || parentId !== undefined) {
      await this.assertSiblingName(
        parentId !== undefined ? parentId : (department.parent?.id ?? null),
        name,
        department.id,
      );
    }

    return this.em.transactional(async (tem) => {
      const row = await tem.findOneOrFail(Department, department.id);
      row.name = name;
      if (parentId !== undefined) row.parent = parentId ? tem.getReference(Department, parentId) : null;
      if (districtCode !== undefined) row.districtCode = districtCode;
      if (enterpriseId !== undefined) row.enterpriseId = enterpriseId;
      if (sortOrder !== undefined) row.sortOrder = sortOrder;
      if (input.status != null) row.status = input.status;
      return row;
    });
  }
}
