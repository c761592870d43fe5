import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  badInput,
  batchIds,
  type Caller,
  type Dependent,
  forbidden,
  isHuangshiDivision,
  mergeDependents,
  notFound,
  pgArray,
  refuseWhenReferenced,
} from '@hs/kit';
import { EnableStatus } from '../common/status.js';
import { assertId, assertText, conflict, isUuid } from '../common/validate.js';
import { descendantsAndSelf, scopeCoversDepartment } from '../roles/data-scope.js';
import { Department, DepartmentKind } from './department.entity.js';
import type { CreateDepartmentInput, DepartmentFilter, UpdateDepartmentInput } from './department.inputs.js';

/** One line of the tree as a flat list: the department, how deep it sits below the visible roots, its parent. */
export interface DepartmentTreeRow {
  department: Department;
  depth: number;
  parent: Department | null;
}

const bySortOrderThenName = (a: Department, b: Department) =>
  a.sortOrder - b.sortOrder || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Counts per id from `select <id>, count(*) as refs … group by <id>` as one kind of dependent. */
function dependentsOf(rows: { id: string; refs: string | number }[], label: string): Map<string, Dependent[]> {
  return new Map(rows.map((r) => [r.id, [{ label, count: Number(r.refs) }]]));
}

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

  /**
   * The tree the page shows, flattened in display order (depth first, siblings by 排序 then name):
   * the caller's visible part, and with a filter only the departments that match and their upper
   * departments, as the page filters the tree; with `ids`, only those departments.
   */
  async tree(
    caller: Caller,
    filter: DepartmentFilter | null | undefined,
    ids?: readonly string[] | null,
  ): Promise<DepartmentTreeRow[]> {
    const selected = ids ? new Set(batchIds(ids)) : null;
    const keyword = filter?.keyword?.normalize('NFC').trim().toLowerCase() ?? '';
    const status = filter?.status ?? null;
    const all = await this.em.find(Department, {});
    const visible = all.filter((d) => scopeCoversDepartment(caller.scope, d.id)).sort(bySortOrderThenName);
    const byId = new Map(visible.map((d) => [d.id, d]));
    const children = new Map<string, Department[]>();
    const roots: Department[] = [];
    for (const d of visible) {
      const parent = d.parent ? byId.get(d.parent.id) : undefined;
      if (!parent) roots.push(d);
      else children.set(parent.id, [...(children.get(parent.id) ?? []), d]);
    }
    const matches = (d: Department) =>
      (!keyword || d.name.toLowerCase().includes(keyword)) && (!status || d.status === status);
    const rows: DepartmentTreeRow[] = [];
    // Returns whether the subtree holds a match, so an upper department is listed before what it leads to.
    const walk = (d: Department, depth: number, parent: Department | null): boolean => {
      const at = rows.length;
      rows.push({ department: d, depth, parent });
      let kept = matches(d);
      for (const child of children.get(d.id) ?? []) if (walk(child, depth + 1, d)) kept = true;
      if (!kept) rows.splice(at, 1);
      return kept;
    };
    for (const root of roots) walk(root, 0, null);
    return selected ? rows.filter((r) => selected.has(r.department.id)) : rows;
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

  /**
   * 删除部门: all or nothing, within the caller's scope (a top-level organisation by a city-wide
   * administrator only). Refused while the department has users, lower departments that are not being
   * deleted with it, or roles whose custom data scope names it (deleting it would silently narrow what
   * their holders see). Other subgraphs keep no references to departments. Checked under a lock on
   * the departments, so a user or department added meanwhile either waits and then fails, or is counted.
   */
  async deleteMany(caller: Caller, ids: readonly string[]): Promise<number> {
    const unique = batchIds(ids);
    const idArray = pgArray(unique);
    return this.em.transactional(async (tem) => {
      const departments = await tem.find(Department, { id: { $in: unique } }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (departments.length < unique.length || departments.some((d) => !scopeCoversDepartment(caller.scope, d.id))) {
        throw notFound('部门');
      }
      const root = departments.find((d) => !d.parent);
      if (root && caller.scope.kind !== 'ALL') {
        throw forbidden(`只有拥有全部数据权限的管理员才能删除顶级组织“${root.name}”`);
      }
      const [children, users, roles] = await Promise.all([
        tem.execute<{ id: string; refs: string }[]>(
          `select parent_id as id, count(*) as refs from "identity"."department"
             where parent_id = any(?::uuid[]) and not (id = any(?::uuid[])) group by parent_id`,
          [idArray, idArray],
        ),
        tem.execute<{ id: string; refs: string }[]>(
          `select department_id as id, count(*) as refs from "identity"."user_account"
             where department_id = any(?::uuid[]) group by department_id`,
          [idArray],
        ),
        tem.execute<{ id: string; refs: string }[]>(
          `select department_id as id, count(*) as refs from "identity"."role_department"
             where department_id = any(?::uuid[]) group by department_id`,
          [idArray],
        ),
      ]);
      refuseWhenReferenced(
        '部门',
        new Map(departments.map((d) => [d.id, d.name])),
        mergeDependents(
          dependentsOf(children, '个下级部门'),
          dependentsOf(users, '名用户'),
          dependentsOf(roles, '个角色（自定义数据权限）'),
        ),
      );
      // Lower departments first: the parent link refuses to lose its target while a child is left.
      const inBatch = new Map(departments.map((d) => [d.id, d]));
      const depthOf = (d: Department): number => {
        const parent = d.parent ? inBatch.get(d.parent.id) : undefined;
        return parent ? depthOf(parent) + 1 : 0;
      };
      const levels = new Map<number, string[]>();
      for (const d of departments) levels.set(depthOf(d), [...(levels.get(depthOf(d)) ?? []), d.id]);
      let deleted = 0;
      for (const depth of [...levels.keys()].sort((a, b) => b - a)) {
        deleted += await tem.nativeDelete(Department, { id: { $in: levels.get(depth)! } });
      }
      return deleted;
    });
  }
}
