import type { FilterQuery } from '@mikro-orm/core';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  badInput,
  batchIds,
  notFound,
  orderByOf,
  pageWindow,
  type Page,
  type PageInput,
  type Sort,
  type TextKind,
} from '@hs/kit';
import { EnableStatus } from '../common/status.js';
import { assertId, assertText, conflict, likeEscape } from '../common/validate.js';
import { BUILT_IN_DICTIONARIES } from './dict-data.js';
import { DictItem, DictType } from './dict.entity.js';
import {
  type CreateDictItemInput,
  type CreateDictTypeInput,
  type DictTypeFilter,
  DictTypeSortField,
  type UpdateDictItemInput,
  type UpdateDictTypeInput,
} from './dict.inputs.js';

export const DICT_CODE = /^[a-z][a-z0-9_]{1,63}$/;
export const TAG_TYPES = ['primary', 'success', 'info', 'warning', 'danger'] as const;
const SORT_LIMIT = 1_000_000;
const MAX_TYPE_CODES = 50;

function assertCode(value: unknown): string {
  const code = typeof value === 'string' ? value.trim() : '';
  if (!DICT_CODE.test(code)) throw badInput('字典编码须以小写字母开头，由 2–64 位小写字母、数字或下划线组成', 'code');
  return code;
}

function assertSort(value: number): number {
  if (!Number.isInteger(value) || Math.abs(value) > SORT_LIMIT) throw badInput('排序号必须是整数', 'sortOrder');
  return value;
}

function optionalText(
  value: string | null | undefined,
  field: string,
  label: string,
  max: number,
  kind: TextKind = 'line',
): string | null {
  if (value == null || value.trim() === '') return null;
  return assertText(value, field, label, max, kind);
}

function assertTagType(value: string | null | undefined): string | null {
  if (value == null || value.trim() === '') return null;
  const tag = value.trim();
  if (!(TAG_TYPES as readonly string[]).includes(tag))
    throw badInput(`标签样式只能是 ${TAG_TYPES.join(' / ')} 或留空`, 'tagType');
  return tag;
}

function assertStatus(value: EnableStatus | null | undefined): EnableStatus | undefined {
  if (value == null) return undefined;
  if (!Object.values(EnableStatus).includes(value)) throw badInput('状态无效', 'status');
  return value;
}

/** Each sortable column has an index (Migration20261202000400IdentityListIndexes); by default the 排序 column. */
export const dictTypeOrder = (sort: Sort<DictTypeSortField> | null | undefined) =>
  orderByOf(
    sort,
    {
      [DictTypeSortField.SORT_ORDER]: (d) => ({ sortOrder: d }),
      [DictTypeSortField.NAME]: (d) => ({ name: d }),
      [DictTypeSortField.CODE]: (d) => ({ code: d }),
      [DictTypeSortField.STATUS]: (d) => ({ status: d }),
      [DictTypeSortField.CREATED_AT]: (d) => ({ createdAt: d }),
    },
    [{ sortOrder: 'asc' }, { code: 'asc' }],
  );

/** The dictionary types the list shows for `filter` (and, for a batch, only `ids`). */
export function dictTypeWhere(
  filter: DictTypeFilter | null | undefined,
  ids?: readonly string[] | null,
): FilterQuery<DictType> {
  const and: FilterQuery<DictType>[] = [];
  const keyword = filter?.keyword?.normalize('NFC').trim();
  if (keyword) {
    const like = `%${likeEscape(keyword)}%`;
    and.push({ $or: [{ code: { $ilike: like } }, { name: { $ilike: like } }] });
  }
  if (filter?.status) and.push({ status: filter.status });
  if (ids) and.push({ id: { $in: batchIds(ids) } });
  return and.length ? { $and: and } : {};
}

/** 字典管理: types and their items; built-in codes and values are protected. */
export class DictService {
  constructor(private readonly em: EntityManager) {}

  async listTypes(
    filter: DictTypeFilter | null,
    page: PageInput | null,
    sort?: Sort<DictTypeSortField> | null,
  ): Promise<Page<DictType>> {
    const window = pageWindow(page);
    const [items, total] = await this.em.findAndCount(DictType, dictTypeWhere(filter), {
      orderBy: dictTypeOrder(sort) as never,
      limit: window.limit,
      offset: window.offset,
    });
    return { items, total, page: window.page, pageSize: window.pageSize };
  }

  async getType(id: string): Promise<DictType> {
    const type = await this.em.findOne(DictType, assertId(id, 'id', '字典类型'));
    if (!type) throw notFound('字典类型');
    return type;
  }

  /** Items of the named types (types that do not exist give nothing), in type then item order. */
  async itemsOf(typeCodes: string[]): Promise<DictItem[]> {
    if (typeCodes.length > MAX_TYPE_CODES) throw badInput(`一次最多查询 ${MAX_TYPE_CODES} 个字典`, 'typeCodes');
    const codes = [...new Set(typeCodes.map((c) => c.trim()).filter((c) => DICT_CODE.test(c)))];
    if (codes.length === 0) return [];
    return this.em.find(
      DictItem,
      { type: { code: { $in: codes } } },
      { populate: ['type'], orderBy: { type: { code: 'asc' }, sortOrder: 'asc', value: 'asc' } },
    );
  }

  async itemsOfType(typeId: string): Promise<DictItem[]> {
    return this.em.find(DictItem, { type: typeId }, { orderBy: { sortOrder: 'asc', value: 'asc' } });
  }

  async createType(input: CreateDictTypeInput): Promise<DictType> {
    const code = assertCode(input.code);
    await this.assertCodeFree(code, null);
    const type = this.em.create(DictType, {
      code,
      name: assertText(input.name, 'name', '字典名称', 64),
      description: optionalText(input.description, 'description', '说明', 255, 'multiline'),
      builtIn: false,
      sortOrder: assertSort(input.sortOrder ?? 0),
      status: assertStatus(input.status) ?? EnableStatus.ACTIVE,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    await this.flushUnique(() => conflict(`字典编码“${code}”已存在`, 'code'));
    return type;
  }

  async updateType(id: string, input: UpdateDictTypeInput): Promise<DictType> {
    const type = await this.getType(id);
    if (input.code != null && input.code.trim() !== type.code) {
      if (type.builtIn) throw badInput('系统内置字典的编码不能修改', 'code');
      const code = assertCode(input.code);
      await this.assertCodeFree(code, type.id);
      type.code = code;
    }
    if (input.name != null) type.name = assertText(input.name, 'name', '字典名称', 64);
    if (input.description !== undefined)
      type.description = optionalText(input.description, 'description', '说明', 255, 'multiline');
    if (input.sortOrder != null) type.sortOrder = assertSort(input.sortOrder);
    const status = assertStatus(input.status);
    if (status) type.status = status;
    await this.flushUnique(() => conflict(`字典编码“${type.code}”已存在`, 'code'));
    return type;
  }

  async deleteType(id: string): Promise<boolean> {
    const type = await this.getType(id);
    if (type.builtIn) throw badInput('系统内置字典不能删除，可以停用', 'id');
    await this.em.nativeDelete(DictItem, { type: type.id });
    await this.em.nativeDelete(DictType, { id: type.id });
    return true;
  }

  async createItem(input: CreateDictItemInput): Promise<DictItem> {
    const type = await this.em.findOne(DictType, assertId(input.typeId, 'typeId', '字典类型'));
    if (!type) throw badInput('字典类型不存在', 'typeId');
    const value = assertText(input.value, 'value', '字典值', 64);
    await this.assertValueFree(type.id, value, null);
    const item = this.em.create(DictItem, {
      type,
      label: assertText(input.label, 'label', '显示名称', 64),
      value,
      tagType: assertTagType(input.tagType),
      sortOrder: assertSort(input.sortOrder ?? 0),
      status: assertStatus(input.status) ?? EnableStatus.ACTIVE,
      builtIn: false,
      remark: optionalText(input.remark, 'remark', '备注', 255),
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    await this.flushUnique(() => conflict(`该字典中已有值“${value}”`, 'value'));
    return item;
  }

  async updateItem(id: string, input: UpdateDictItemInput): Promise<DictItem> {
    const item = await this.getItem(id);
    if (input.value != null) {
      const value = assertText(input.value, 'value', '字典值', 64);
      if (value !== item.value) {
        if (item.builtIn) throw badInput('系统内置字典项的值不能修改（程序按值识别），可以修改显示名称', 'value');
        await this.assertValueFree(item.type.id, value, item.id);
        item.value = value;
      }
    }
    if (input.label != null) item.label = assertText(input.label, 'label', '显示名称', 64);
    if (input.tagType !== undefined) item.tagType = assertTagType(input.tagType);
    if (input.sortOrder != null) item.sortOrder = assertSort(input.sortOrder);
    const status = assertStatus(input.status);
    if (status) item.status = status;
    if (input.remark !== undefined) item.remark = optionalText(input.remark, 'remark', '备注', 255);
    await this.flushUnique(() => conflict(`该字典中已有值“${item.value}”`, 'value'));
    return item;
  }

  async deleteItem(id: string): Promise<boolean> {
    const item = await this.getItem(id);
    if (item.builtIn) throw badInput('系统内置字典项不能删除，可以停用', 'id');
    await this.em.nativeDelete(DictItem, { id: item.id });
    return true;
  }

  private async getItem(id: string): Promise<DictItem> {
    const item = await this.em.findOne(DictItem, assertId(id, 'id', '字典数据项'), { populate: ['type'] });
    if (!item) throw notFound('字典数据项');
    return item;
  }

  private async assertCodeFree(code: string, exceptId: string | null) {
    const other = await this.em.findOne(DictType, { code });
    if (other && other.id !== exceptId) throw conflict(`字典编码“${code}”已存在`, 'code');
  }

  private async assertValueFree(typeId: string, value: string, exceptId: string | null) {
    const other = await this.em.findOne(DictItem, { type: typeId, value });
    if (other && other.id !== exceptId) throw conflict(`该字典中已有值“${value}”`, 'value');
  }

  /** Flush; a race past the pre-checks hits the unique index and becomes the same CONFLICT. */
  private async flushUnique(onConflict: () => Error): Promise<void> {
    try {
      await this.em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw onConflict();
      throw error;
    }
  }
}

/** Seed safety net: adds built-in types and items that are missing (never changes existing rows). */
export async function ensureBuiltInDictionaries(em: EntityManager): Promise<void> {
  const now = new Date();
  for (const [typeIndex, dict] of BUILT_IN_DICTIONARIES.entries()) {
    let type = await em.findOne(DictType, { code: dict.code });
    if (!type) {
      type = em.create(DictType, {
        code: dict.code,
        name: dict.name,
        description: dict.description,
        builtIn: true,
        sortOrder: typeIndex + 1,
        status: EnableStatus.ACTIVE,
        createdAt: now,
        updatedAt: now,
      });
    }
    const existing = new Set((await em.find(DictItem, { type })).map((i) => i.value));
    dict.items.forEach((item, index) => {
      if (existing.has(item.value)) return;
      em.create(DictItem, {
        type: type!,
        label: item.label,
        value: item.value,
        tagType: item.tagType ?? null,
        sortOrder: index + 1,
        status: EnableStatus.ACTIVE,
        builtIn: true,
        remark: null,
        createdAt: now,
        updatedAt: now,
      });
    });
  }
  await em.flush();
}
