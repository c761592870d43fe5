import { type FieldIssue, sm3 } from '@hs/kit';
import { canonicalJson } from '../common/canonical-json.js';

/**
 * The 抽查库 as plain data (1.3.2): items → sub-items → check lines with an importance class.
 * One version is one immutable tree once published (stored as jsonb on `catalogue_version`);
 * plans name the version they were drawn from, so nothing here is ever edited in place.
 */
export type Importance = 'A' | 'B' | 'C';
export const IMPORTANCES: readonly Importance[] = ['A', 'B', 'C'];
export const IMPORTANCE_LABELS: Record<Importance, string> = { A: 'A类（关键）', B: 'B类（主要）', C: 'C类（一般）' };

export interface CatalogueLineData {
  code: string;
  content: string;
  importance: Importance;
}

export interface CatalogueSubItemData {
  code: string;
  name: string;
  lines: CatalogueLineData[];
}

export interface CatalogueItemData {
  code: string;
  /** 1–18, the requirement's numbering (①–⑱). */
  no: number;
  name: string;
  subItems: CatalogueSubItemData[];
}

export interface CatalogueContent {
  items: CatalogueItemData[];
}

/** The number of 现场评定 items 1.3.2 names. */
export const ITEM_COUNT = 18;

const ITEM_CODE = /^\d{2}$/;
const SUB_CODE = /^\d{2}\.\d{2}$/;
const LINE_CODE = /^\d{2}\.\d{2}\.\d{2}$/;

/** SM3 of the canonical JSON: what a plan records, so a later change to a version shows up. */
export const catalogueDigest = (content: CatalogueContent): string => sm3(canonicalJson(content));

/**
 * Structural rules for a catalogue version: exactly the 18 items numbered 1–18 with codes
 * `NN`; each sub-item `NN.SS` under its item, each line `NN.SS.LL` under its sub-item; codes
 * unique; names and contents non-empty and bounded; importance A/B/C; at least one line per
 * sub-item and one sub-item per item.
 */
export function checkCatalogue(content: CatalogueContent): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const items = Array.isArray(content?.items) ? content.items : [];
  if (items.length !== ITEM_COUNT) issues.push({ field: 'items', message: `抽查库必须包含${ITEM_COUNT}个检查项目` });
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const at = `items[${i}]`;
    if (!ITEM_CODE.test(item.code ?? ''))
      issues.push({ field: `${at}.code`, message: `检查项目编码“${item.code}”无效` });
    if (item.no !== i + 1 || Number(item.code) !== item.no) {
      issues.push({ field: `${at}.no`, message: `检查项目应按 1–${ITEM_COUNT} 顺序编号（第${i + 1}项）` });
    }
    textIssue(issues, `${at}.name`, '检查项目名称', item.name, 100);
    if (!item.subItems?.length)
      issues.push({ field: `${at}.subItems`, message: `检查项目“${item.name}”至少需要一个子项` });
    (item.subItems ?? []).forEach((sub, s) => {
      const sat = `${at}.subItems[${s}]`;
      if (!SUB_CODE.test(sub.code ?? '') || !sub.code.startsWith(`${item.code}.`)) {
        issues.push({ field: `${sat}.code`, message: `子项编码“${sub.code}”无效，应为 ${item.code}.NN` });
      }
      if (seen.has(sub.code)) issues.push({ field: `${sat}.code`, message: `编码“${sub.code}”重复` });
      seen.add(sub.code);
      textIssue(issues, `${sat}.name`, '子项名称', sub.name, 100);
      if (!sub.lines?.length) issues.push({ field: `${sat}.lines`, message: `子项“${sub.name}”至少需要一条检查内容` });
      (sub.lines ?? []).forEach((line, l) => {
        const lat = `${sat}.lines[${l}]`;
        if (!LINE_CODE.test(line.code ?? '') || !line.code.startsWith(`${sub.code}.`)) {
          issues.push({ field: `${lat}.code`, message: `检查内容编码“${line.code}”无效，应为 ${sub.code}.NN` });
        }
        if (seen.has(line.code)) issues.push({ field: `${lat}.code`, message: `编码“${line.code}”重复` });
        seen.add(line.code);
        textIssue(issues, `${lat}.content`, '检查内容', line.content, 500);
        if (!IMPORTANCES.includes(line.importance)) {
          issues.push({ field: `${lat}.importance`, message: '重要程度只能是 A、B 或 C' });
        }
      });
    });
  });
  return issues;
}

function textIssue(issues: FieldIssue[], field: string, label: string, value: unknown, max: number) {
  if (typeof value !== 'string' || value.trim() === '') issues.push({ field, message: `${label}不能为空` });
  else if (Array.from(value).length > max) issues.push({ field, message: `${label}不能超过${max}个字` });
}

/** Lookup tables over one version. */
export interface CatalogueIndex {
  items: Map<string, CatalogueItemData>;
  subItems: Map<string, { item: CatalogueItemData; subItem: CatalogueSubItemData }>;
  lines: Map<string, { item: CatalogueItemData; subItem: CatalogueSubItemData; line: CatalogueLineData }>;
}

export function indexCatalogue(content: CatalogueContent): CatalogueIndex {
  const index: CatalogueIndex = { items: new Map(), subItems: new Map(), lines: new Map() };
  for (const item of content.items) {
    index.items.set(item.code, item);
    for (const subItem of item.subItems) {
      index.subItems.set(subItem.code, { item, subItem });
      for (const line of subItem.lines) index.lines.set(line.code, { item, subItem, line });
    }
  }
  return index;
}

/** The item a sub-item or line code belongs to (`08.01.01` → `08`). */
export const itemCodeOf = (code: string): string => code.slice(0, 2);
