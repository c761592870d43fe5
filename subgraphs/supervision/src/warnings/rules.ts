/**
 * The 分级预警 rules of 3.4.1 as data, and their evaluation as pure functions (README.md in this
 * folder explains the decisions). Nothing here reads a clock, a database or the network: the
 * warning center hands in the rule set, the readings and `now`.
 */

/** Warning levels, most severe first (安全风险分级管控: 重大 红, 较大 橙, 一般 黄, 低 蓝). */
export const LEVELS = ['红', '橙', '黄', '蓝'] as const;
export type WarningLevel = (typeof LEVELS)[number];

/** Larger is more severe: 红 4 … 蓝 1. */
export function severity(level: WarningLevel): number {
  return LEVELS.length - LEVELS.indexOf(level);
}

export interface IndicatorInfo {
  label: string;
  unit: string;
}

/** Measured indicators: each reading carries a number in the unit given here. */
export const INDICATORS = {
  pm25: { label: 'PM2.5', unit: 'µg/m³' },
  pm10: { label: 'PM10', unit: 'µg/m³' },
  tsp: { label: 'TSP', unit: 'µg/m³' },
  noiseLeq: { label: '噪声等效声级', unit: 'dB(A)' },
  noiseLmax: { label: '噪声最大声级', unit: 'dB(A)' },
  craneLoadMoment: { label: '塔吊力矩', unit: '%' },
  craneWindSpeed: { label: '塔吊风速', unit: 'm/s' },
  craneTilt: { label: '塔吊倾斜度', unit: '‰' },
  hoistLoad: { label: '升降机载重', unit: '%' },
  pitDisplacement: { label: '深基坑累计位移', unit: 'mm' },
  pitDisplacementRate: { label: '深基坑位移速率', unit: 'mm/d' },
  formworkSettlement: { label: '高支模沉降', unit: 'mm' },
  formworkTilt: { label: '高支模倾斜度', unit: '‰' },
  formworkAxialForce: { label: '高支模立杆轴力', unit: '%' },
} as const satisfies Record<string, IndicatorInfo>;
export type Indicator = keyof typeof INDICATORS;

/** Events: something happened at a moment (an alarm of a device, a detection of the video AI). */
export const EVENT_KINDS = {
  craneCollision: { label: '塔吊多机防碰撞报警' },
  craneForbiddenLift: { label: '塔吊禁吊区报警' },
  craneForbiddenEntry: { label: '塔吊禁入区报警' },
  craneUnlicensedOperation: { label: '塔吊未打卡操作' },
  aiNoHelmet: { label: '未佩戴安全帽' },
  aiNoVest: { label: '未穿反光衣' },
  aiStranger: { label: '陌生人进场' },
  aiPedestrianVehicle: { label: '人车未分流' },
  aiFireSmoke: { label: '火警/烟雾' },
  aiZoneIntrusion: { label: '区域闯入' },
  aiBareSoil: { label: '黄土裸露' },
  aiUncoveredTransport: { label: '运输车辆未密闭' },
  aiVehicleNotWashed: { label: '车辆未冲洗' },
  aiEdgeGuardMissing: { label: '临边围挡缺失' },
} as const satisfies Record<string, { label: string }>;
export type EventKind = keyof typeof EVENT_KINDS;

export function isIndicator(name: string): name is Indicator {
  return Object.hasOwn(INDICATORS, name);
}
export function isEventKind(name: string): name is EventKind {
  return Object.hasOwn(EVENT_KINDS, name);
}

export interface Reading {
  siteId: string;
  indicator: Indicator;
  at: Date;
  value: number;
}

export interface SiteEvent {
  siteId: string;
  kind: EventKind;
  at: Date;
}

export type Comparison = '>' | '>=';
/** 昼间 06:00–22:00 and 夜间 22:00–06:00, Beijing time (GB 12523-2011). */
export type Band = 'day' | 'night';
/** Arithmetic for concentrations, energy (10·lg of the mean of 10^(L/10)) for sound levels. */
export type MeanMethod = 'arithmetic' | 'energy';

export interface MeanSpec {
  windowMinutes: number;
  /** Share of the window (0–1] that readings must cover for the mean to count at all. */
  minCoverage: number;
  method: MeanMethod;
}

export type Aggregation =
  /** The latest reading. */
  | { kind: 'instant' }
  /** The mean over the trailing window ending at the moment of evaluation. */
  | ({ kind: 'mean' } & MeanSpec)
  /**
   * Samples exceeding the threshold, counted per Beijing calendar day; the rule opens when the
   * count passes `allowedPerDay`. A sample is a reading or, with `sample`, the mean of a fixed
   * clock window (e.g. each quarter hour from Beijing midnight).
   */
  | { kind: 'dailyCount'; allowedPerDay: number; sample?: MeanSpec }
  /** Events of the rule's kind within the trailing window; the threshold applies to the count. */
  | { kind: 'eventCount'; windowMinutes: number };

export interface WarningRule {
  id: string;
  /** An indicator for readings, an event kind for `eventCount`. */
  indicator: Indicator | EventKind;
  level: WarningLevel;
  aggregation: Aggregation;
  comparison: Comparison;
  threshold: number;
  /** Only in force during this part of the Beijing day. */
  band?: Band;
}

/** What a level asks of the department responsible for it; minutes count from when the warning reached the level. */
export interface LevelHandling {
  department: string;
  signMinutes: number;
  disposeMinutes: number;
  closeMinutes: number;
}

export interface RuleSet {
  /** Each reading stands for this many minutes when a window's coverage is measured (the platform's minute data: 1). */
  readingMinutes: number;
  rules: WarningRule[];
  handling: Record<WarningLevel, LevelHandling>;
  /** Told when a 红 warning misses a deadline: there is no level above 红. */
  beyondRed: string;
}

export interface RuleMatch {
  ruleId: string;
  level: WarningLevel;
  since: Date;
}

/** A warning open at the moment of evaluation: the most severe matching rule. */
export interface OpenWarning {
  siteId: string;
  indicator: Indicator | EventKind;
  ruleId: string;
  level: WarningLevel;
  comparison: Comparison;
  threshold: number;
  /** The aggregated value (reading, mean, count of exceedances or of events) that opened the current run. */
  triggerValue: number;
  /** The latest aggregated value that kept it open. */
  value: number;
  /** Since when the winning rule has held without a break. */
  since: Date;
  /** Since when any rule of this indicator has held (a 黄 that became 橙 keeps its beginning here). */
  firstSince: Date;
  /** The last moment the data decided the state; earlier than `now` when a gap holds it open. */
  determinedAt: Date;
  /** Every matching rule, most severe first. */
  matched: RuleMatch[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const BEIJING_OFFSET = 8 * HOUR; // China has kept UTC+8 without daylight saving since 1991.
const DAY_BAND_START = 6 * HOUR;
const DAY_BAND_END = 22 * HOUR;

/** The instant of Beijing midnight starting the Beijing calendar day of `t` (epoch ms). */
export function beijingDayStart(t: number): number {
  return Math.floor((t + BEIJING_OFFSET) / DAY) * DAY - BEIJING_OFFSET;
}

export function bandOf(t: number): Band {
  const ofDay = t - beijingDayStart(t);
  return ofDay >= DAY_BAND_START && ofDay < DAY_BAND_END ? 'day' : 'night';
}

/** Start of the uninterrupted stretch of `band` containing `t`, or null when `t` lies outside it. */
function bandStretchStart(t: number, band: Band): number | null {
  if (bandOf(t) !== band) return null;
  const dayStart = beijingDayStart(t);
  if (band === 'day') return dayStart + DAY_BAND_START;
  return t - dayStart >= DAY_BAND_END ? dayStart + DAY_BAND_END : dayStart - DAY + DAY_BAND_END;
}

function exceeds(value: number, comparison: Comparison, threshold: number): boolean {
  return comparison === '>' ? value > threshold : value >= threshold;
}

/** First index whose time is >= x. */
function lowerBound(times: readonly number[], x: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose time is > x. */
function upperBound(times: readonly number[], x: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Readings (or events, value 1) of one series, with prefix sums so that a window's mean costs two look-ups. */
class Series {
  readonly times: number[];
  readonly values: number[];
  private readonly sum: number[] = [0];
  private readonly energy: number[] = [0];
  /** newSlot[i]: readings 0..i-1 that are the first of their coverage slot. */
  private readonly newSlot: number[] = [0];

  constructor(
    samples: readonly { at: Date; value: number }[],
    private readonly slotMs: number,
  ) {
    this.times = samples.map((s) => s.at.getTime());
    this.values = samples.map((s) => s.value);
    for (let i = 0; i < samples.length; i++) {
      const first = i === 0 || Math.floor(this.times[i]! / slotMs) !== Math.floor(this.times[i - 1]! / slotMs);
      this.sum.push(this.sum[i]! + this.values[i]!);
      this.energy.push(this.energy[i]! + 10 ** (this.values[i]! / 10));
      this.newSlot.push(this.newSlot[i]! + (first ? 1 : 0));
    }
  }

  /** Mean over readings with from < t <= to, or null when they cover less than `minCoverage` of `windowMs`. */
  mean(from: number, to: number, windowMs: number, spec: MeanSpec): number | null {
    const a = upperBound(this.times, from);
    const b = upperBound(this.times, to);
    if (b <= a) return null;
    const slots = 1 + this.newSlot[b]! - this.newSlot[a + 1]!;
    if ((slots * this.slotMs) / windowMs < spec.minCoverage) return null;
    const n = b - a;
    if (spec.method === 'arithmetic') return (this.sum[b]! - this.sum[a]!) / n;
    return 10 * Math.log10((this.energy[b]! - this.energy[a]!) / n);
  }

  count(from: number, to: number): number {
    return upperBound(this.times, to) - upperBound(this.times, from);
  }
}

type PointState = { determined: false } | { determined: true; open: boolean; value: number };

interface Run {
  since: number;
  triggerValue: number;
  value: number;
  determinedAt: number;
}

/** The moments at which a rule's state can change: it is evaluated there and held in between. */
function changePoints(rule: WarningRule, series: Series, exceedances: readonly number[], now: number): number[] {
  const first = series.times[0]!;
  const points = new Set<number>([now]);
  for (const t of series.times) if (t <= now) points.add(t);
  const aggregation = rule.aggregation;
  const windowMs =
    aggregation.kind === 'mean' || aggregation.kind === 'eventCount' ? aggregation.windowMinutes * MINUTE : 0;
  if (windowMs > 0) for (const t of series.times) if (t + windowMs <= now) points.add(t + windowMs);
  if (aggregation.kind === 'dailyCount') {
    for (const t of exceedances) points.add(t);
    for (let day = beijingDayStart(first); day <= now; day += DAY) if (day >= first) points.add(day);
  }
  if (rule.band) {
    for (let day = beijingDayStart(first); day <= now; day += DAY) {
      for (const edge of [day + DAY_BAND_START, day + DAY_BAND_END]) if (edge > first && edge <= now) points.add(edge);
    }
  }
  return [...points].filter((p) => p >= first).sort((x, y) => x - y);
}

/**
 * For a dailyCount rule, when each exceeding sample completed, in time order: an exceeding reading's
 * time, or the end of an exceeding clock window (windows without enough data do not count).
 */
function exceedanceTimes(rule: WarningRule, series: Series, now: number): number[] {
  const aggregation = rule.aggregation;
  if (aggregation.kind !== 'dailyCount') return [];
  const sample = aggregation.sample;
  if (!sample) return series.times.filter((_, i) => exceeds(series.values[i]!, rule.comparison, rule.threshold));
  const step = sample.windowMinutes * MINUTE;
  const ends: number[] = [];
  for (let end = beijingDayStart(series.times[0]!) + step; end <= now; end += step) {
    const mean = series.mean(end - step - 1, end - 1, step, sample);
    if (mean !== null && exceeds(mean, rule.comparison, rule.threshold)) ends.push(end);
  }
  return ends;
}

function stateAt(rule: WarningRule, series: Series, exceedances: readonly number[], p: number): PointState {
  let lowest = Number.NEGATIVE_INFINITY;
  if (rule.band) {
    const start = bandStretchStart(p, rule.band);
    if (start === null) return { determined: true, open: false, value: Number.NaN };
    lowest = start;
  }
  const aggregation = rule.aggregation;
  switch (aggregation.kind) {
    case 'instant': {
      const i = upperBound(series.times, p) - 1;
      if (i < 0 || series.times[i]! < lowest) return { determined: false };
      const value = series.values[i]!;
      return { determined: true, open: exceeds(value, rule.comparison, rule.threshold), value };
    }
    case 'mean': {
      const windowMs = aggregation.windowMinutes * MINUTE;
      // Readings at or after the stretch's start only: a night window does not borrow day readings.
      const value = series.mean(Math.max(p - windowMs, lowest - 1), p, windowMs, aggregation);
      if (value === null) return { determined: false };
      return { determined: true, open: exceeds(value, rule.comparison, rule.threshold), value };
    }
    case 'eventCount': {
      const value = series.count(Math.max(p - aggregation.windowMinutes * MINUTE, lowest - 1), p);
      return { determined: true, open: exceeds(value, rule.comparison, rule.threshold), value };
    }
    case 'dailyCount': {
      // A window ending at midnight completes the day it began in: at midnight itself the count is still
      // the finished day's, any later moment counts the new one. A reading at midnight is the new day's.
      const value = aggregation.sample
        ? upperBound(exceedances, p) - upperBound(exceedances, beijingDayStart(p - 1))
        : upperBound(exceedances, p) - lowerBound(exceedances, beijingDayStart(p));
      return { determined: true, open: value > aggregation.allowedPerDay, value };
    }
  }
}

/** The rule's run open at `now`, if any. A point without enough data keeps the state before it. */
function openRun(rule: WarningRule, series: Series, now: number): Run | null {
  let run: Run | null = null;
  const exceedances = exceedanceTimes(rule, series, now);
  for (const p of changePoints(rule, series, exceedances, now)) {
    const state = stateAt(rule, series, exceedances, p);
    if (!state.determined) continue;
    if (!state.open) run = null;
    else if (run) Object.assign(run, { value: state.value, determinedAt: p });
    else run = { since: p, triggerValue: state.value, value: state.value, determinedAt: p };
  }
  return run;
}

function checkSeries(items: readonly { siteId: string; at: Date }[], siteId: string, name: string, field: string) {
  for (let i = 0; i < items.length; i++) {
    const item = items[i]! as { siteId: string; at: Date } & Record<string, unknown>;
    if (item.siteId !== siteId || item[field] !== name) {
      throw new RangeError(`第 ${i + 1} 条数据不属于工地 ${siteId} 的 ${name}`);
    }
    if (Number.isNaN(item.at.getTime())) throw new RangeError(`第 ${i + 1} 条数据的时间无效`);
    if (i > 0 && item.at.getTime() < items[i - 1]!.at.getTime()) {
      throw new RangeError(`数据须按时间先后排列（第 ${i + 1} 条早于前一条）`);
    }
  }
}

function evaluate(
  ruleSet: RuleSet,
  siteId: string,
  indicator: Indicator | EventKind,
  samples: readonly { at: Date; value: number }[],
  now: Date,
): OpenWarning | null {
  const nowMs = now.getTime();
  const slotMs = ruleSet.readingMinutes * MINUTE;
  const upToNow = samples.slice(
    0,
    upperBound(
      samples.map((s) => s.at.getTime()),
      nowMs,
    ),
  );
  if (upToNow.length === 0) return null;
  const series = new Series(upToNow, slotMs);
  const open: { rule: WarningRule; run: Run }[] = [];
  for (const rule of ruleSet.rules) {
    if (rule.indicator !== indicator) continue;
    const run = openRun(rule, series, nowMs);
    if (run) open.push({ rule, run });
  }
  if (open.length === 0) return null;
  // Most severe first; among equals the one open longest, then the rule set's order.
  open.sort((x, y) => severity(y.rule.level) - severity(x.rule.level) || x.run.since - y.run.since);
  const { rule, run } = open[0]!;
  return {
    siteId,
    indicator,
    ruleId: rule.id,
    level: rule.level,
    comparison: rule.comparison,
    threshold: rule.threshold,
    triggerValue: run.triggerValue,
    value: run.value,
    since: new Date(run.since),
    firstSince: new Date(Math.min(...open.map((o) => o.run.since))),
    determinedAt: new Date(run.determinedAt),
    matched: open.map((o) => ({ ruleId: o.rule.id, level: o.rule.level, since: new Date(o.run.since) })),
  };
}

/**
 * The warning open at `now` for one site and indicator, from its readings in time order (readings
 * after `now` are ignored), or null. Only rules of `indicator` take part; the most severe wins.
 */
export function evaluateReadings(
  ruleSet: RuleSet,
  siteId: string,
  indicator: Indicator,
  readings: readonly Reading[],
  now: Date,
): OpenWarning | null {
  checkSeries(readings, siteId, indicator, 'indicator');
  return evaluate(ruleSet, siteId, indicator, readings, now);
}

/** As evaluateReadings, for the events of one site and kind. */
export function evaluateEvents(
  ruleSet: RuleSet,
  siteId: string,
  kind: EventKind,
  events: readonly SiteEvent[],
  now: Date,
): OpenWarning | null {
  checkSeries(events, siteId, kind, 'kind');
  return evaluate(
    ruleSet,
    siteId,
    kind,
    events.map((e) => ({ at: e.at, value: 1 })),
    now,
  );
}

export type HandlingStep = '签收' | '处置' | '办结';

/** When each handling step was recorded, if it was. */
export interface HandlingState {
  signedAt?: Date;
  disposedAt?: Date;
  closedAt?: Date;
}

/** The warning as the warning center keeps it. */
export interface WarningRecord {
  level: WarningLevel;
  /** When it reached `level` (opened there, rose there by the readings, or was escalated there). */
  levelSince: Date;
  /** Set once a 红 warning's missed deadline has been reported to `beyondRed`. */
  beyondRedNotifiedAt?: Date;
}

export type Escalation =
  | { kind: 'none'; next: { step: HandlingStep; deadline: Date } | null }
  /** Raise the warning to `to` as of `at` (the missed deadline): the caller sets level and levelSince and calls again. */
  | { kind: 'raise'; from: WarningLevel; to: WarningLevel; step: HandlingStep; at: Date; department: string }
  /** A 红 warning missed a deadline: tell the department above (once). */
  | { kind: 'notify'; level: '红'; step: HandlingStep; at: Date; department: string };

/**
 * Whether a warning escalates at `now`. Deadlines of the level count from `levelSince`; a step done
 * after its deadline still missed it. The first missed step escalates one level (蓝→黄→橙→红), as of
 * the deadline, so a caller that fell behind catches up by calling again with the new level.
 */
export function escalation(
  warning: WarningRecord,
  state: HandlingState,
  now: Date,
  { handling, beyondRed }: Pick<RuleSet, 'handling' | 'beyondRed'>,
): Escalation {
  if (state.closedAt && state.closedAt.getTime() <= now.getTime()) return { kind: 'none', next: null };
  const level = handling[warning.level];
  const since = warning.levelSince.getTime();
  const steps: [HandlingStep, number, Date | undefined][] = [
    ['签收', level.signMinutes, state.signedAt],
    ['处置', level.disposeMinutes, state.disposedAt],
    ['办结', level.closeMinutes, state.closedAt],
  ];
  for (const [step, minutes, doneAt] of steps) {
    const deadline = since + minutes * MINUTE;
    const done = doneAt !== undefined && doneAt.getTime() <= now.getTime();
    if (done && doneAt.getTime() <= deadline) continue;
    if (now.getTime() <= deadline) return { kind: 'none', next: { step, deadline: new Date(deadline) } };
    const at = new Date(deadline);
    const index = LEVELS.indexOf(warning.level);
    if (index > 0) {
      const to = LEVELS[index - 1]!;
      return { kind: 'raise', from: warning.level, to, step, at, department: handling[to].department };
    }
    if (warning.beyondRedNotifiedAt) return { kind: 'none', next: null };
    return { kind: 'notify', level: '红', step, at, department: beyondRed };
  }
  return { kind: 'none', next: null };
}
