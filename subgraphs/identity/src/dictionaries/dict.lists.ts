import { batchesOf, listDownload, type DownloadDefinition, type Sort } from '@hs/kit';
import { ENABLE_STATUS_LABELS } from '../common/status.js';
import type { IdentityContext } from '../context.js';
import { DictType } from './dict.entity.js';
import type { DictTypeFilter, DictTypeSortField } from './dict.inputs.js';
import { dictTypeOrder, dictTypeWhere } from './dict.service.js';

export const DICT_TYPES_EXPORT = 'dict-types';

export interface DictTypeListArgs {
  filter?: DictTypeFilter | null;
  sort?: Sort<DictTypeSortField> | null;
  ids?: string[] | null;
}

/** 字典类型 as the list shows them. */
export const dictTypesExport: DownloadDefinition<IdentityContext> = listDownload<
  IdentityContext,
  DictType,
  DictTypeListArgs
>({
  sheet: () => ({
    title: '字典类型',
    columns: [
      { header: '排序', value: (t) => t.sortOrder, numeric: true },
      { header: '字典名称', value: (t) => t.name },
      { header: '字典编码', value: (t) => t.code },
      { header: '说明', value: (t) => t.description },
      { header: '系统内置', value: (t) => t.builtIn },
      { header: '状态', value: (t) => ENABLE_STATUS_LABELS[t.status] },
      { header: '创建时间', value: (t) => t.createdAt },
    ],
  }),
  async *batches(ctx, args) {
    const where = dictTypeWhere(args.filter, args.ids);
    yield* batchesOf(ctx, (offset, limit) =>
      ctx.em.find(DictType, where, { orderBy: dictTypeOrder(args.sort) as never, offset, limit }),
    );
  },
});
