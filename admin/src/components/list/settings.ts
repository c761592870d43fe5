/**
 * 列设置 and 密度 of one list, per person, in this browser (ADR 0013: a server round trip and an
 * audit row per column toggle would be noise). Keyed by the user's id and the list's key, so two
 * people sharing a computer keep their own.
 */
export type Density = 'large' | 'default' | 'small';

export interface ColumnSetting {
  key: string;
  visible: boolean;
}

export interface ListSettings {
  columns: ColumnSetting[];
  density: Density;
}

const DENSITIES: readonly Density[] = ['large', 'default', 'small'];

export const settingsKey = (userId: string, listKey: string) => `hs:list:${userId}:${listKey}`;

export function defaultSettings(columns: readonly { key: string; hidden?: boolean }[]): ListSettings {
  return { columns: columns.map((c) => ({ key: c.key, visible: !c.hidden })), density: 'default' };
}

/**
 * The stored settings merged with today's columns: stored order and visibility for the columns that
 * still exist; a column added since goes where the page declares it, with its default visibility.
 */
export function mergeSettings(columns: readonly { key: string; hidden?: boolean }[], stored: unknown): ListSettings {
  const defaults = defaultSettings(columns);
  if (!stored || typeof stored !== 'object') return defaults;
  const s = stored as { columns?: unknown; density?: unknown };
  const known = new Map(defaults.columns.map((c) => [c.key, c]));
  const kept: ColumnSetting[] = [];
  if (Array.isArray(s.columns)) {
    for (const c of s.columns as { key?: unknown; visible?: unknown }[]) {
      if (typeof c?.key !== 'string' || !known.has(c.key) || kept.some((k) => k.key === c.key)) continue;
      kept.push({ key: c.key, visible: c.visible !== false });
    }
  }
  const merged = [...kept];
  defaults.columns.forEach((column, index) => {
    if (merged.some((c) => c.key === column.key)) return;
    merged.splice(Math.min(index, merged.length), 0, column);
  });
  return {
    columns: merged,
    density: DENSITIES.includes(s.density as Density) ? (s.density as Density) : defaults.density,
  };
}

export function loadSettings(key: string, columns: readonly { key: string; hidden?: boolean }[]): ListSettings {
  try {
    const raw = localStorage.getItem(key);
    return mergeSettings(columns, raw ? JSON.parse(raw) : null);
  } catch {
    return defaultSettings(columns);
  }
}

export function saveSettings(key: string, settings: ListSettings): void {
  try {
    localStorage.setItem(key, JSON.stringify(settings));
  } catch {
    // A full or disabled storage only loses the preference.
  }
}
