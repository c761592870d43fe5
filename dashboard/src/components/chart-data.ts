import type { EChartsCoreOption } from 'echarts/core';

/** A data item of a series as echarts takes it: a number, a `{ value }` object, or [x, y]; null / '-' for none. */
type DataItem = number | string | null | undefined | { value?: unknown } | unknown[];

function valueOf(item: DataItem): number | null {
  if (Array.isArray(item)) return valueOf(item[item.length - 1] as DataItem);
  if (item !== null && typeof item === 'object') return valueOf(item.value as DataItem);
  const n = typeof item === 'number' ? item : typeof item === 'string' && item.trim() !== '' ? Number(item) : NaN;
  return Number.isFinite(n) ? n : null;
}

/**
 * Whether an option has anything to draw: some series value other than 0 or none. A chart of zeros
 * only is bare axes (or an invisible ring) on the screen; the panel says 无数据 instead.
 */
export function hasData(option: EChartsCoreOption): boolean {
  const raw = option.series;
  const series = (Array.isArray(raw) ? raw : raw ? [raw] : []) as { data?: DataItem[] }[];
  return series.some((s) => (s.data ?? []).some((item) => (valueOf(item) ?? 0) !== 0));
}
