import {
  EVENT_KINDS,
  INDICATORS,
  isEventKind,
  isIndicator,
  LEVELS,
  severity,
  type Aggregation,
  type Band,
  type Comparison,
  type LevelHandling,
  type MeanSpec,
  type RuleSet,
  type WarningLevel,
  type WarningRule,
} from './rules.js';

/** One problem of a rule set an administrator submitted: where (a path such as `rules[2].threshold`), a stable code, and the message shown. */
export interface RuleSetError {
  path: string;
  code: string;
  message: string;
}

export type RuleSetValidation = { ok: true; ruleSet: RuleSet } | { ok: false; errors: RuleSetError[] };

const DAY_MINUTES = 24 * 60;
/** The longest uninterrupted stretch of each band: 昼间 06–22, 夜间 22–06. */
const BAND_MINUTES: Record<Band, number> = { day: 16 * 60, night: 8 * 60 };
const BAND_LABEL: Record<Band, string> = { day: '昼间', night: '夜间' };
const AGGREGATIONS = ['instant', 'mean', 'dailyCount', 'eventCount'] as const;
const MEAN_METHODS = ['arithmetic', 'energy'] as const;
const COMPARISONS = ['>', '>='] as const;
const BANDS = ['day', 'night'] as const;

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPositiveInteger = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0;
const oneOf = <T extends string>(values: readonly T[], v: unknown): v is T => values.includes(v as T);

class Collector {
  readonly errors: RuleSetError[] = [];
  add(path: string, code: string, message: string) {
    this.errors.push({ path, code, message });
  }
}

function meanSpec(c: Collector, v: Obj, path: string, label: string): MeanSpec | null {
  let ok = true;
  if (!isPositiveInteger(v.windowMinutes)) {
    c.add(`${path}.windowMinutes`, 'WINDOW_NOT_POSITIVE', `${label}：统计时长须为正整数（分钟）`);
    ok = false;
  }
  if (typeof v.minCoverage !== 'number' || !(v.minCoverage > 0 && v.minCoverage <= 1)) {
    c.add(`${path}.minCoverage`, 'COVERAGE_OUT_OF_RANGE', `${label}：数据覆盖率须大于 0 且不超过 1`);
    ok = false;
  }
  if (!oneOf(MEAN_METHODS, v.method)) {
    c.add(`${path}.method`, 'MEAN_METHOD_UNKNOWN', `${label}：平均方式须为算术平均或能量平均`);
    ok = false;
  }
  return ok
    ? {
        windowMinutes: v.windowMinutes as number,
        minCoverage: v.minCoverage as number,
        method: v.method as MeanSpec['method'],
      }
    : null;
}

function aggregation(c: Collector, v: unknown, path: string, label: string, isEvent: boolean): Aggregation | null {
  if (!isObject(v) || !oneOf(AGGREGATIONS, v.kind)) {
    c.add(`${path}.kind`, 'AGGREGATION_UNKNOWN', `${label}：统计方式须为即时值、时段均值、每日超标次数或事件次数之一`);
    return null;
  }
  if (isEvent !== (v.kind === 'eventCount')) {
    c.add(
      `${path}.kind`,
      'AGGREGATION_MISMATCH',
      isEvent ? `${label}：事件类指标只能按事件次数统计` : `${label}：监测指标不能按事件次数统计`,
    );
    return null;
  }
  switch (v.kind) {
    case 'instant':
      return { kind: 'instant' };
    case 'mean': {
      const spec = meanSpec(c, v, path, label);
      return spec && { kind: 'mean', ...spec };
    }
    case 'eventCount':
      if (!isPositiveInteger(v.windowMinutes)) {
        c.add(`${path}.windowMinutes`, 'WINDOW_NOT_POSITIVE', `${label}：统计时长须为正整数（分钟）`);
        return null;
      }
      return { kind: 'eventCount', windowMinutes: v.windowMinutes };
    case 'dailyCount': {
      let ok = true;
      if (!Number.isInteger(v.allowedPerDay) || (v.allowedPerDay as number) < 0) {
        c.add(`${path}.allowedPerDay`, 'ALLOWED_NOT_COUNT', `${label}：每日允许超标次数须为不小于 0 的整数`);
        ok = false;
      }
      let sample: MeanSpec | undefined;
      if (v.sample !== undefined) {
        if (!isObject(v.sample)) {
          c.add(`${path}.sample`, 'SAMPLE_INVALID', `${label}：取样时段格式不正确`);
          return null;
        }
        const spec = meanSpec(c, v.sample, `${path}.sample`, label);
        if (!spec) return null;
        if (DAY_MINUTES % spec.windowMinutes !== 0) {
          c.add(
            `${path}.sample.windowMinutes`,
            'SAMPLE_NOT_DIVIDING_DAY',
            `${label}：取样时段须能整除一天（1440 分钟）`,
          );
          return null;
        }
        sample = spec;
      }
      return ok ? { kind: 'dailyCount', allowedPerDay: v.allowedPerDay as number, ...(sample && { sample }) } : null;
    }
  }
}

function rule(c: Collector, v: unknown, path: string): WarningRule | null {
  if (!isObject(v)) {
    c.add(path, 'RULE_INVALID', '规则格式不正确');
    return null;
  }
  const id = typeof v.id === 'string' ? v.id.trim() : '';
  if (!id) c.add(`${path}.id`, 'RULE_ID_MISSING', '规则编号不能为空');
  const label = `规则 ${id || path}`;
  const indicator = typeof v.indicator === 'string' ? v.indicator : '';
  const known = isIndicator(indicator) || isEventKind(indicator);
  if (!known) c.add(`${path}.indicator`, 'INDICATOR_UNKNOWN', `${label}：未知的指标“${indicator}”`);
  if (!oneOf(LEVELS, v.level)) c.add(`${path}.level`, 'LEVEL_UNKNOWN', `${label}：预警等级须为红、橙、黄、蓝之一`);
  if (!oneOf(COMPARISONS, v.comparison)) {
    c.add(`${path}.comparison`, 'COMPARISON_UNKNOWN', `${label}：比较方式须为“大于”或“大于等于”`);
  }
  const threshold = v.threshold;
  if (typeof threshold !== 'number' || !Number.isFinite(threshold)) {
    c.add(`${path}.threshold`, 'THRESHOLD_NOT_NUMBER', `${label}：阈值须为数值`);
  }
  const agg = known ? aggregation(c, v.aggregation, `${path}.aggregation`, label, isEventKind(indicator)) : null;
  if (agg?.kind === 'eventCount' && typeof threshold === 'number') {
    const least = v.comparison === '>' ? 0 : 1;
    if (!Number.isInteger(threshold) || threshold < least) {
      c.add(`${path}.threshold`, 'EVENT_THRESHOLD_NOT_COUNT', `${label}：事件次数阈值须为整数，且至少一次事件才能触发`);
    }
  }
  let band: Band | undefined;
  if (v.band !== undefined) {
    if (!oneOf(BANDS, v.band)) c.add(`${path}.band`, 'BAND_UNKNOWN', `${label}：时段须为昼间或夜间`);
    else band = v.band;
  }
  if (band && agg) {
    if (agg.kind === 'dailyCount') {
      c.add(`${path}.band`, 'BAND_WITH_DAILY_COUNT', `${label}：每日超标次数按自然日统计，不能限定昼夜时段`);
    } else if ((agg.kind === 'mean' || agg.kind === 'eventCount') && agg.windowMinutes > BAND_MINUTES[band]) {
      c.add(
        `${path}.aggregation.windowMinutes`,
        'WINDOW_EXCEEDS_BAND',
        `${label}：统计时长超过${BAND_LABEL[band]}时段（${BAND_MINUTES[band]} 分钟）`,
      );
    }
  }
  if (c.errors.some((e) => e.path.startsWith(`${path}.`) || e.path === path) || !agg) return null;
  return {
    id,
    indicator: indicator as WarningRule['indicator'],
    level: v.level as WarningLevel,
    aggregation: agg,
    comparison: v.comparison as Comparison,
    threshold: threshold as number,
    ...(band && { band }),
  };
}

/** Rules of one indicator evaluated the same way, whose levels must be ordered by their thresholds. */
function shapeKey(r: WarningRule): string {
  const { kind } = r.aggregation;
  const detail =
    r.aggregation.kind === 'dailyCount' ? { kind, sample: r.aggregation.sample ?? null } : { ...r.aggregation };
  return JSON.stringify([r.indicator, detail, r.band ?? null]);
}

/** Whether `a` opens only where `b` does, and not everywhere `b` does. */
function stricter(a: WarningRule, b: WarningRule): boolean {
  const byThreshold =
    a.threshold > b.threshold
      ? 1
      : a.threshold < b.threshold
        ? -1
        : a.comparison === b.comparison
          ? 0
          : a.comparison === '>'
            ? 1
            : -1;
  if (a.aggregation.kind !== 'dailyCount' || b.aggregation.kind !== 'dailyCount') return byThreshold > 0;
  const byAllowed = Math.sign(a.aggregation.allowedPerDay - b.aggregation.allowedPerDay);
  return byThreshold >= 0 && byAllowed >= 0 && byThreshold + byAllowed > 0;
}

const LEVEL_FIELDS = [
  ['signMinutes', '签收'],
  ['disposeMinutes', '处置'],
  ['closeMinutes', '办结'],
] as const;

function handling(c: Collector, v: unknown): Record<WarningLevel, LevelHandling> | null {
  if (!isObject(v)) {
    c.add('handling', 'HANDLING_MISSING', '缺少各预警等级的处置时限');
    return null;
  }
  const result: Partial<Record<WarningLevel, LevelHandling>> = {};
  for (const level of LEVELS) {
    const path = `handling.${level}`;
    const h = v[level];
    if (!isObject(h)) {
      c.add(path, 'HANDLING_MISSING', `缺少${level}色预警的处置时限`);
      continue;
    }
    let ok = true;
    if (typeof h.department !== 'string' || !h.department.trim()) {
      c.add(`${path}.department`, 'DEPARTMENT_MISSING', `${level}色预警的责任部门不能为空`);
      ok = false;
    }
    for (const [field, step] of LEVEL_FIELDS) {
      if (!isPositiveInteger(h[field])) {
        c.add(`${path}.${field}`, 'DEADLINE_NOT_POSITIVE', `${level}色预警的${step}时限须为正整数（分钟）`);
        ok = false;
      }
    }
    if (!ok) continue;
    const entry = h as unknown as LevelHandling;
    if (!(entry.signMinutes <= entry.disposeMinutes && entry.disposeMinutes <= entry.closeMinutes)) {
      c.add(path, 'DEADLINE_ORDER', `${level}色预警的时限须满足 签收 ≤ 处置 ≤ 办结`);
      continue;
    }
    result[level] = {
      department: entry.department.trim(),
      signMinutes: entry.signMinutes,
      disposeMinutes: entry.disposeMinutes,
      closeMinutes: entry.closeMinutes,
    };
  }
  // A more severe level may not allow more time than a milder one.
  for (let i = 0; i + 1 < LEVELS.length; i++) {
    const severe = result[LEVELS[i]!];
    const milder = result[LEVELS[i + 1]!];
    if (!severe || !milder) continue;
    for (const [field, step] of LEVEL_FIELDS) {
      if (severe[field] > milder[field]) {
        c.add(
          `handling.${LEVELS[i]}.${field}`,
          'DEADLINE_NOT_SHORTER',
          `${LEVELS[i]}色预警的${step}时限（${severe[field]} 分钟）不能长于${LEVELS[i + 1]}色预警（${milder[field]} 分钟）`,
        );
      }
    }
  }
  return LEVELS.every((l) => result[l]) ? (result as Record<WarningLevel, LevelHandling>) : null;
}

/** Checks a rule set as an administrator submitted it (parsed JSON); on success returns it typed and trimmed of unknown fields. */
export function validateRuleSet(input: unknown): RuleSetValidation {
  const c = new Collector();
  if (!isObject(input)) {
    c.add('', 'RULE_SET_INVALID', '预警规则集格式不正确');
    return { ok: false, errors: c.errors };
  }
  if (!isPositiveInteger(input.readingMinutes)) {
    c.add('readingMinutes', 'READING_MINUTES_NOT_POSITIVE', '读数间隔须为正整数（分钟）');
  }
  const rules: WarningRule[] = [];
  if (!Array.isArray(input.rules) || input.rules.length === 0) {
    c.add('rules', 'RULES_EMPTY', '预警规则不能为空');
  } else {
    const seen = new Map<string, number>();
    input.rules.forEach((raw, i) => {
      const r = rule(c, raw, `rules[${i}]`);
      if (!r) return;
      const previous = seen.get(r.id);
      if (previous !== undefined) {
        c.add(`rules[${i}].id`, 'RULE_ID_DUPLICATE', `规则编号 ${r.id} 与第 ${previous + 1} 条重复`);
        return;
      }
      seen.set(r.id, i);
      rules.push(r);
    });
    const byShape = new Map<string, { rule: WarningRule; index: number }[]>();
    for (const r of rules) {
      const index = seen.get(r.id)!;
      const group = byShape.get(shapeKey(r)) ?? [];
      for (const other of group) {
        const name = { ...INDICATORS, ...EVENT_KINDS }[r.indicator].label;
        if (other.rule.level === r.level) {
          c.add(
            `rules[${index}].level`,
            'LEVEL_DUPLICATE',
            `规则 ${r.id}：${name}按同一方式统计的${r.level}色规则已有 ${other.rule.id}，同一等级只能有一条`,
          );
          continue;
        }
        const [severe, milder] = severity(r.level) > severity(other.rule.level) ? [r, other.rule] : [other.rule, r];
        if (!stricter(severe, milder)) {
          c.add(
            `rules[${index}].threshold`,
            'LEVEL_NOT_STRICTER',
            `规则 ${r.id}：${name}的${severe.level}色规则（${severe.id}）须比${milder.level}色规则（${milder.id}）更严格`,
          );
        }
      }
      group.push({ rule: r, index });
      byShape.set(shapeKey(r), group);
    }
  }
  const levels = handling(c, input.handling);
  const beyondRed = typeof input.beyondRed === 'string' ? input.beyondRed.trim() : '';
  if (!beyondRed) c.add('beyondRed', 'BEYOND_RED_MISSING', '红色预警逾期时上报的部门不能为空');
  if (c.errors.length > 0 || !levels) return { ok: false, errors: c.errors };
  return { ok: true, ruleSet: { readingMinutes: input.readingMinutes as number, rules, handling: levels, beyondRed } };
}
