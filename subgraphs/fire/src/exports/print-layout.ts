import { displayWidth } from '@hs/kit';

/**
 * Column widths for printed tables (Word and the record's Excel sheets), pure. Each column wants
 * the width of its header and of its typical cell (the 90th percentile, so one long remark does
 * not take the page), within its own bounds; when the wanted widths do not fit the page, the
 * columns that can wrap give up width in proportion to what they have above their minimum.
 * Widths are in "characters" where a CJK character counts 2 (displayWidth).
 */
export interface PrintColumn {
  header: string;
  /** Never narrower (a 序号, a date); default 4. */
  min?: number;
  /** Never wider; longer text wraps. */
  max?: number;
  /** Codes, numbers and dates: as wide as their longest value, never wrapped. */
  keep?: boolean;
}

/** The widest line of a cell; `measure` weighs one line (default: CJK 2, everything else 1). */
const lineWidth = (text: string, measure: (line: string) => number = displayWidth) =>
  Math.max(0, ...text.split('\n').map(measure));

function percentile90(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))];
}

export function fitWidths(
  columns: PrintColumn[],
  rows: string[][],
  available: number,
  measure: (line: string) => number = displayWidth,
): number[] {
  const wanted = columns.map((column, i) => {
    const cells = rows.map((row) => lineWidth(row[i] ?? '', measure));
    const content = column.keep ? Math.max(0, ...cells) : percentile90(cells);
    const header = column.keep ? lineWidth(column.header, measure) : Math.min(lineWidth(column.header, measure), 8);
    const width = Math.max(column.min ?? 4, header, content) + 1;
    return Math.min(column.max ?? Infinity, width);
  });
  const floors = columns.map((column, i) =>
    column.keep ? wanted[i] : Math.min(wanted[i], Math.max(column.min ?? 4, 6)),
  );
  const total = wanted.reduce((a, b) => a + b, 0);
  if (!Number.isFinite(available)) return wanted;
  if (total <= available) {
    // Room to spare goes to the columns that wrap, so their text takes fewer lines.
    const spare = available - total;
    const wrapping = columns.map((c, i) => (c.keep ? 0 : wanted[i]));
    const share = wrapping.reduce((a, b) => a + b, 0);
    return share === 0 ? wanted : wanted.map((w, i) => w + (spare * wrapping[i]) / share);
  }
  const give = wanted.map((w, i) => w - floors[i]);
  const giveTotal = give.reduce((a, b) => a + b, 0);
  if (giveTotal <= 0) return floors;
  const ratio = Math.min(1, (total - available) / giveTotal);
  return wanted.map((w, i) => w - give[i] * ratio);
}
