import { orderByOf, type Sort, SortOf } from '@hs/kit';

/**
 * The columns the 抽查项目 list sorts by (ADR 0013): each has a b-tree index behind it
 * (Migration20261202210000ListIndexes, or the district/date indexes of the first migration). 进度 and 类别 are
 * filters, not sorts: their stored codes do not sort in the order people read them.
 */
export enum FireInspectionSortField {
  PROJECT_NAME = 'PROJECT_NAME',
  DISTRICT_CODE = 'DISTRICT_CODE',
  INSPECTION_DATE = 'INSPECTION_DATE',
  LEADER_NAME = 'LEADER_NAME',
  CREATED_AT = 'CREATED_AT',
}

export const FireInspectionSort = SortOf('FireInspection', FireInspectionSortField, {
  PROJECT_NAME: '建筑工程项目名称',
  DISTRICT_CODE: '所在区县（按行政区划代码）',
  INSPECTION_DATE: '检查日期',
  LEADER_NAME: '项目负责人',
  CREATED_AT: '登记时间',
});

export type FireInspectionSortInput = Sort<FireInspectionSortField>;

/** Newest inspection first when nobody chose a column; `id` breaks ties so pages never overlap. */
export function inspectionOrder(sort: FireInspectionSortInput | null | undefined): Record<string, unknown>[] {
  return orderByOf(
    sort,
    {
      PROJECT_NAME: (d) => ({ projectName: d }),
      DISTRICT_CODE: (d) => ({ districtCode: d }),
      INSPECTION_DATE: (d) => ({ inspectionDate: d }),
      LEADER_NAME: (d) => ({ leaderName: d }),
      CREATED_AT: (d) => ({ createdAt: d }),
    },
    [{ inspectionDate: 'desc nulls last' }, { createdAt: 'desc' }],
  );
}
