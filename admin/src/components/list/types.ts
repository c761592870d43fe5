import type { DocumentNode } from 'graphql';
import type { MaybeRefOrGetter } from 'vue';

/** What the page declares (ADR 0013): its filters, columns, batch actions, export, import and delete. */

export interface Option {
  label: string;
  value: string | boolean;
}

/**
 * One filter. `key` is the list's GraphQL filter field, and also its name in the URL query, so a
 * link such as /fire/inspections?status=PLAN_SIGNING opens the list filtered. A date range names
 * both of its filter fields in `keys` and shows one picker.
 */
export type ListFilter = TextFilter | SelectFilter | CheckboxFilter | DateFilter | DateRangeFilter | CustomFilter;

interface FilterBase {
  label: string;
  /** Shown only after 「更多条件」. */
  advanced?: boolean;
  /** data-test of the input (default `filter-<key>`). */
  dataTest?: string;
  width?: string;
  placeholder?: string;
}

export interface TextFilter extends FilterBase {
  kind: 'text';
  key: string;
  maxlength?: number;
  /** A value from the URL that does not match is ignored. */
  pattern?: RegExp;
}

export interface SelectFilter extends FilterBase {
  kind: 'select';
  key: string;
  options: MaybeRefOrGetter<readonly Option[]>;
  /**
   * The values a URL may carry (enum values). Without it, any value of `pattern` passes (options
   * loaded from the server may not have arrived when the URL is read).
   */
  values?: readonly (string | boolean)[];
  pattern?: RegExp;
  filterable?: boolean;
  allowCreate?: boolean;
}

/** A Boolean filter where unchecked means "no filter" (e.g. 只看关键岗位). */
export interface CheckboxFilter extends FilterBase {
  kind: 'checkbox';
  key: string;
  text: string;
}

/** One day (YYYY-MM-DD), e.g. 合同截止不晚于. */
export interface DateFilter extends FilterBase {
  kind: 'date';
  key: string;
}

export interface DateRangeFilter extends FilterBase {
  kind: 'daterange' | 'datetimerange';
  key: string;
  /** The filter fields of the range's two ends, e.g. ['dateFrom', 'dateTo']. */
  keys: readonly [string, string];
  /** A range that is always set (e.g. 考勤日期, at most 31 days): no clear button, defaults on reset. */
  required?: boolean;
  defaults?: () => [string, string];
}

/** Filled by the page's slot `filter-<key>` (a project picker, an enterprise picker …). */
export interface CustomFilter extends FilterBase {
  kind: 'custom';
  key: string;
  pattern?: RegExp;
  /** Kept out of the form row (e.g. the users list's department tree beside the table). */
  hiddenInForm?: boolean;
}

export type FilterValue = string | boolean | null;
export type FilterForm = Record<string, FilterValue>;

export interface ListColumn<Row> {
  key: string;
  label: string;
  /** Cell text when the page gives no slot `cell-<key>`; default: `row[key]`. */
  value?: (row: Row) => string | number | null | undefined;
  width?: number | string;
  minWidth?: number | string;
  align?: 'left' | 'center' | 'right';
  /** The `<Name>SortField` enum value that sorts by this column on the server. */
  sortField?: string;
  /** show-overflow-tooltip */
  overflow?: boolean;
  /** Hidden until someone shows it in 列设置. */
  hidden?: boolean;
  className?: string;
}

export interface Sort {
  field: string;
  direction: 'ASC' | 'DESC';
}

/** A mutation or query by its document and the field that answers. */
export interface Operation {
  document: DocumentNode;
  field: string;
}

export interface ListExport extends Operation {
  /** Button text: 导出, 导出结果 … (the selection's button says 导出选中 / 导出选中结果). */
  label: string;
  permission?: string | readonly string[];
  dataTest?: string;
  /** Fixed arguments of this export (e.g. the fire exports' format: DOCX). */
  variables?: Record<string, unknown>;
  /** Offered for the selection too (导出选中…); default true. */
  selection?: boolean;
}

export interface ListImport {
  /** The dialog title, e.g. 导入用户. */
  title: string;
  run: Operation;
  template: Operation;
  permission?: string | readonly string[];
  /** One line under the steps: what an import does (creates, updates …). */
  hint?: string;
  /** Arguments the import takes besides the file (the users' initial password). */
  fields?: ImportField[];
}

export interface ImportField {
  /** The mutation's argument. */
  key: string;
  label: string;
  password?: boolean;
  placeholder?: string;
  /** Needed for 导入 (a dry run checks without it). */
  requiredToImport?: boolean;
  /** A problem in the value, or null. */
  check?: (value: string) => string | null;
}

export interface ListDelete<Row> extends Operation {
  /** 用户, 企业 …, and its measure word (个, 家). */
  noun: string;
  measure?: string;
  nameOf: (row: Row) => string;
  permission?: string | readonly string[];
  /** A row that may not be deleted gets no button and cannot be selected for it. */
  allowed?: (row: Row) => boolean;
}

/** A batch action on the selected rows, run after a confirmation naming how many. */
export interface BatchAction<Row> {
  key: string;
  label: string;
  type?: 'primary' | 'success' | 'warning' | 'danger' | 'info';
  permission?: string | readonly string[];
  confirm: (count: number) => { title: string; message: string; button: string };
  /** Returns the success message. Errors are shown with the server's message. */
  run: (ids: string[], rows: Row[]) => Promise<string>;
}

export interface ImportReport {
  dryRun: boolean;
  applied: boolean;
  total: number;
  valid: number;
  created: number;
  updated: number;
  problems: { row: number; column: string | null; message: string }[];
}

export interface DownloadLink {
  url: string;
  fileName: string;
  expiresAt: string;
  rowCount: number;
}
