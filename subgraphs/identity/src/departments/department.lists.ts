import { findHuangshiDivision, listDownload, type DownloadDefinition } from '@hs/kit';
import { ENABLE_STATUS_LABELS } from '../common/status.js';
import type { IdentityContext } from '../context.js';
import { DEPARTMENT_KIND_LABELS } from './department.entity.js';
import type { DepartmentFilter } from './department.inputs.js';
import { type DepartmentTreeRow, DepartmentService } from './department.service.js';

export const DEPARTMENTS_EXPORT = 'departments';

export interface DepartmentListArgs {
  filter?: DepartmentFilter | null;
  ids?: string[] | null;
}

/** Two full-width spaces per level: the tree stays readable in Excel and on paper. */
const INDENT = '\u3000\u3000';
const BATCH = 500;

/**
 * 部门列表 as the tree page shows it, one department a line in tree order: the name indented by its
 * level, and its 上级部门 in a column of its own so the sheet can be filtered and sorted in Excel.
 */
export const departmentsExport: DownloadDefinition<IdentityContext> = listDownload<
  IdentityContext,
  DepartmentTreeRow,
  DepartmentListArgs
>({
  sheet: () => ({
    title: '部门列表',
    columns: [
      { header: '部门名称', value: (r) => INDENT.repeat(r.depth) + r.department.name },
      { header: '上级部门', value: (r) => r.parent?.name ?? '' },
      { header: '类型', value: (r) => DEPARTMENT_KIND_LABELS[r.department.kind] },
      {
        header: '所辖区划',
        value: (r) =>
          r.department.districtCode
            ? (findHuangshiDivision(r.department.districtCode)?.name ?? r.department.districtCode)
            : '',
      },
      { header: '排序', value: (r) => r.department.sortOrder, numeric: true },
      { header: '状态', value: (r) => ENABLE_STATUS_LABELS[r.department.status] },
      { header: '创建时间', value: (r) => r.department.createdAt },
    ],
  }),
  // The tree is read whole in one query (it must be, to place every line), then written in batches.
  async *batches(ctx, args) {
    const rows = await new DepartmentService(ctx.em).tree(ctx.caller!, args.filter, args.ids);
    for (let at = 0; at < rows.length; at += BATCH) yield rows.slice(at, at + BATCH);
  },
});
