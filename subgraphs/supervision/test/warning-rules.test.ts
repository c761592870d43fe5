import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET } from '../src/warnings/default-rules.js';
import {
  escalation,
  evaluateEvents,
  evaluateReadings,
  type EventKind,
  type Indicator,
  type Reading,
  type RuleSet,
  type SiteEvent,
  type WarningRecord,
  type WarningRule,
} from '../src/warnings/rules.js';
import { validateRuleSet } from '../src/warnings/validate.js';

const SITE = 'site-1';
const MINUTE = 60_000;

/** A Beijing wall-clock time, e.g. bj('2026-06-01 10:00'). */
function bj(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}${text.length === 16 ? ':00' : ''}+08:00`);
}
const plus = (d: Date, minutes: number) => new Date(d.getTime() + minutes * MINUTE);

/** One reading a minute from `from` up to and including `to`. */
function minutely(indicator: Indicator, from: string, to: string, value: number | ((at: Date) => number)): Reading[] {
  const out: Reading[] = [];
  for (let t = bj(from).getTime(); t <= bj(to).getTime(); t += MINUTE) {
    const at = new Date(t);
    out.push({ siteId: SITE, indicator, at, value: typeof value === 'number' ? value : value(at) });
  }
  return out;
}
const one = (indicator: Indicator, at: string, value: number): Reading => ({
  siteId: SITE,
  indicator,
  at: bj(at),
  value,
});
const events = (kind: EventKind, ...at: string[]): SiteEvent[] => at.map((t) => ({ siteId: SITE, kind, at: bj(t) }));

const evaluate = (indicator: Indicator, readings: Reading[], now: string | Date, ruleSet: RuleSet = DEFAULT_RULE_SET) =>
  evaluateReadings(ruleSet, SITE, indicator, readings, typeof now === 'string' ? bj(now) : now);

function withRules(...rules: WarningRule[]): RuleSet {
  return { ...DEFAULT_RULE_SET, rules };
}

describe('dust: PM10 hourly mean (武汉 >150 预警, >200 停工整改)', () => {
  it('opens just above 150, not at or below it', () => {
    const at = (v: number) =>
      evaluate('pm10', minutely('pm10', '2026-06-01 10:00', '2026-06-01 10:59', v), '2026-06-01 10:59');
    expect(at(149.9)).toBeNull();
    expect(at(150)).toBeNull();
    const above = at(150.1);
    expect(above).toMatchObject({ ruleId: 'pm10-hourly-150', level: '黄', threshold: 150, comparison: '>' });
    expect(above!.value).toBeCloseTo(150.1, 6);
    // The hour counts once 45 of its minutes have data (GB 3095-2012 §8): 10:00…10:44.
    expect(above!.since).toEqual(bj('2026-06-01 10:44'));
  });

  it('a momentary spike does not open it; the same level sustained does', () => {
    const spike = [
      ...minutely('pm10', '2026-06-01 09:00', '2026-06-01 09:59', 100),
      one('pm10', '2026-06-01 10:00', 400),
      ...minutely('pm10', '2026-06-01 10:01', '2026-06-01 10:30', 100),
    ];
    expect(evaluate('pm10', spike, '2026-06-01 10:30')).toBeNull();
    // Ten minutes at 400 in an hour of 100 make a mean of exactly 150, which complies; eleven open it.
    const burst = (minutes: number) =>
      minutely('pm10', '2026-06-01 09:00', '2026-06-01 10:59', (at) =>
        at.getTime() >= bj('2026-06-01 10:00').getTime() &&
        at.getTime() < plus(bj('2026-06-01 10:00'), minutes).getTime()
          ? 400
          : 100,
      );
    expect(evaluate('pm10', burst(10), '2026-06-01 10:30')).toBeNull();
    expect(evaluate('pm10', burst(11), '2026-06-01 10:30')).toMatchObject({
      level: '黄',
      since: bj('2026-06-01 10:10'),
    });
  });

  it('rises from 黄 to 橙 as a sustained rise pushes the mean past 200, keeping when it began', () => {
    const readings = [
      ...minutely('pm10', '2026-06-01 09:00', '2026-06-01 10:29', 100),
      ...minutely('pm10', '2026-06-01 10:30', '2026-06-01 11:40', 220),
    ];
    // The mean over the last 60 minutes is 100 + 2k with k minutes at 220: above 150 from k = 26 (10:55).
    expect(evaluate('pm10', readings, '2026-06-01 10:54')).toBeNull();
    expect(evaluate('pm10', readings, '2026-06-01 10:55')).toMatchObject({
      level: '黄',
      since: bj('2026-06-01 10:55'),
    });
    // Above 200 from k = 51 (11:20).
    expect(evaluate('pm10', readings, '2026-06-01 11:19')).toMatchObject({ level: '黄' });
    const orange = evaluate('pm10', readings, '2026-06-01 11:20');
    expect(orange).toMatchObject({
      ruleId: 'pm10-hourly-200',
      level: '橙',
      since: bj('2026-06-01 11:20'),
      firstSince: bj('2026-06-01 10:55'),
    });
    expect(orange!.triggerValue).toBeCloseTo(202, 6);
    expect(orange!.matched.map((m) => m.level)).toEqual(['橙', '黄']);
  });

  it('a gap neither opens nor closes: the state before it holds until the data decides again', () => {
    const sustained = minutely('pm10', '2026-06-01 10:00', '2026-06-01 11:00', 160);
    const held = evaluate('pm10', sustained, '2026-06-01 14:00');
    // The last window with 45 minutes of data ends at 11:15 (10:16…11:00).
    expect(held).toMatchObject({ level: '黄', determinedAt: bj('2026-06-01 11:15'), value: 160 });
    const resumed = [...sustained, ...minutely('pm10', '2026-06-01 14:00', '2026-06-01 14:44', 50)];
    expect(evaluate('pm10', resumed, '2026-06-01 14:43')).toMatchObject({ level: '黄' });
    expect(evaluate('pm10', resumed, '2026-06-01 14:44')).toBeNull();

    const sparse = [
      ...minutely('pm10', '2026-06-01 09:00', '2026-06-01 09:59', 100),
      ...minutely('pm10', '2026-06-01 10:50', '2026-06-01 11:40', 300),
    ];
    // Ten minutes at 300 after a gap: the hour's mean is 300, but on ten minutes of data.
    expect(evaluate('pm10', sparse, '2026-06-01 10:59')).toBeNull();
    expect(evaluate('pm10', sparse, '2026-06-01 11:33')).toBeNull();
    expect(evaluate('pm10', sparse, '2026-06-01 11:34')).toMatchObject({ level: '橙', since: bj('2026-06-01 11:34') });
  });

  it('ignores readings after now', () => {
    const readings = minutely('pm10', '2026-06-01 10:00', '2026-06-01 12:00', 160);
    expect(evaluate('pm10', readings, '2026-06-01 10:30')).toBeNull();
  });
});

describe('dust: exceedances counted per Beijing calendar day (河北 80 µg/m³, at most 2 a day)', () => {
  it('opens on the third exceeding clock hour and resets at Beijing midnight', () => {
    const readings = minutely('pm10', '2026-06-01 20:00', '2026-06-01 22:59', 90);
    expect(evaluate('pm10', readings, '2026-06-01 22:59')).toBeNull();
    expect(evaluate('pm10', readings, '2026-06-01 23:00')).toMatchObject({
      ruleId: 'pm10-daily-80',
      level: '蓝',
      value: 3,
      since: bj('2026-06-01 23:00'),
    });
    expect(evaluate('pm10', readings, '2026-06-01 23:59')).toMatchObject({ value: 3, since: bj('2026-06-01 23:00') });
    expect(evaluate('pm10', readings, '2026-06-02 00:01')).toBeNull();
  });

  it('an hour ending at midnight still counts for the day it began in', () => {
    const readings = minutely('pm10', '2026-06-01 21:00', '2026-06-01 23:59', 90);
    expect(evaluate('pm10', readings, '2026-06-01 23:59')).toBeNull();
    expect(evaluate('pm10', readings, '2026-06-02 00:00')).toMatchObject({ value: 3, since: bj('2026-06-02 00:00') });
    expect(evaluate('pm10', readings, '2026-06-02 00:00:01')).toBeNull();
  });

  it('a new day opens a new run even when its first hour exceeds again', () => {
    const rules = withRules({
      id: 'pm10-no-exceedance',
      indicator: 'pm10',
      level: '蓝',
      aggregation: {
        kind: 'dailyCount',
        allowedPerDay: 0,
        sample: { windowMinutes: 60, minCoverage: 0.75, method: 'arithmetic' },
      },
      comparison: '>',
      threshold: 80,
    });
    const readings = minutely('pm10', '2026-06-01 23:00', '2026-06-02 00:59', 90);
    expect(evaluate('pm10', readings, '2026-06-02 00:00', rules)).toMatchObject({
      since: bj('2026-06-02 00:00'),
      value: 1,
    });
    expect(evaluate('pm10', readings, '2026-06-02 00:30', rules)).toBeNull();
    expect(evaluate('pm10', readings, '2026-06-02 01:00', rules)).toMatchObject({
      since: bj('2026-06-02 01:00'),
      value: 1,
    });
  });

  it('an hour with too little data is not an exceedance', () => {
    const readings = [
      ...minutely('pm10', '2026-06-01 20:00', '2026-06-01 21:59', 90),
      ...minutely('pm10', '2026-06-01 22:00', '2026-06-01 22:40', 90), // 41 of 60 minutes
    ];
    expect(evaluate('pm10', readings, '2026-06-01 23:30')).toBeNull();
  });

  it('counts single readings by the Beijing day, not the UTC one', () => {
    const rules = withRules({
      id: 'pm10-readings',
      indicator: 'pm10',
      level: '蓝',
      aggregation: { kind: 'dailyCount', allowedPerDay: 1 },
      comparison: '>',
      threshold: 80,
    });
    // 07:50 and 08:10 Beijing are either side of UTC midnight: one Beijing day.
    const morning = [one('pm10', '2026-06-01 07:50', 81), one('pm10', '2026-06-01 08:10', 81)];
    expect(evaluate('pm10', morning, '2026-06-01 08:10', rules)).toMatchObject({
      value: 2,
      since: bj('2026-06-01 08:10'),
    });
    const night = [
      one('pm10', '2026-06-01 23:50', 81),
      one('pm10', '2026-06-01 23:55', 81),
      one('pm10', '2026-06-02 00:00', 81),
    ];
    expect(evaluate('pm10', night, '2026-06-01 23:59', rules)).toMatchObject({ value: 2 });
    // The reading at 00:00 belongs to the new day, which has one exceedance: allowed.
    expect(evaluate('pm10', night, '2026-06-02 00:00', rules)).toBeNull();
    // At the threshold is not an exceedance.
    const at = [one('pm10', '2026-06-01 10:00', 80), one('pm10', '2026-06-01 11:00', 80)];
    expect(evaluate('pm10', at, '2026-06-01 12:00', rules)).toBeNull();
  });
});

describe('noise (GB 12523-2011: 70 by day, 55 by night, night maximum ≤ limit + 15)', () => {
  it('day: opens just above 70 over 20 minutes, not at 70', () => {
    const at = (v: number) =>
      evaluate('noiseLeq', minutely('noiseLeq', '2026-06-01 10:00', '2026-06-01 10:19', v), '2026-06-01 10:19');
    expect(at(69.9)).toBeNull();
    expect(at(70)).toBeNull();
    expect(at(70.1)).toMatchObject({ ruleId: 'noise-day-70', level: '黄' });
  });

  it('averages sound by energy, not arithmetically', () => {
    const readings = minutely('noiseLeq', '2026-06-01 10:00', '2026-06-01 10:19', (at) =>
      at.getTime() < bj('2026-06-01 10:10').getTime() ? 60 : 80,
    );
    // Arithmetic mean 70 would comply; the equivalent level is 10·lg((10^6 + 10^8)/2) ≈ 77.0.
    const warning = evaluate('noiseLeq', readings, '2026-06-01 10:19');
    expect(warning!.value).toBeCloseTo(77.03, 2);
  });

  it('night starts at 22:00: 60 dB(A) complies by day and opens once the night window has data', () => {
    const readings = minutely('noiseLeq', '2026-06-01 21:00', '2026-06-01 23:00', 60);
    expect(evaluate('noiseLeq', readings, '2026-06-01 21:59')).toBeNull();
    // The night's 20-minute window needs 15 minutes of night readings (22:00…22:14); day readings do not count.
    expect(evaluate('noiseLeq', readings, '2026-06-01 22:13')).toBeNull();
    expect(evaluate('noiseLeq', readings, '2026-06-01 22:14')).toMatchObject({
      ruleId: 'noise-night-55',
      since: bj('2026-06-01 22:14'),
    });
  });

  it('day starts at 06:00: the night warning closes though the level stays at 60', () => {
    const readings = minutely('noiseLeq', '2026-06-02 05:00', '2026-06-02 06:30', 60);
    expect(evaluate('noiseLeq', readings, '2026-06-02 05:59')).toMatchObject({ ruleId: 'noise-night-55' });
    expect(evaluate('noiseLeq', readings, '2026-06-02 06:00')).toBeNull();
  });

  it('night maximum: above 70 opens from 22:00 up to 05:59, never by day', () => {
    const lmax = (at: string, value = 80) => evaluate('noiseLmax', [one('noiseLmax', at, value)], at);
    expect(lmax('2026-06-01 21:59:59')).toBeNull();
    expect(lmax('2026-06-01 22:00')).toMatchObject({ ruleId: 'noise-night-max-70', level: '黄' });
    expect(lmax('2026-06-02 05:59:59')).toMatchObject({ ruleId: 'noise-night-max-70' });
    expect(lmax('2026-06-02 06:00')).toBeNull();
    expect(lmax('2026-06-01 23:00', 70)).toBeNull();
    expect(lmax('2026-06-01 23:00', 70.1)).toMatchObject({ level: '黄' });
    // A night warning does not outlive the night, and a day reading does not carry into it.
    expect(evaluate('noiseLmax', [one('noiseLmax', '2026-06-02 05:30', 80)], '2026-06-02 06:10')).toBeNull();
    expect(evaluate('noiseLmax', [one('noiseLmax', '2026-06-01 21:30', 80)], '2026-06-01 22:10')).toBeNull();
  });
});

describe('tower crane and hoist', () => {
  const moment = (value: number) =>
    evaluate('craneLoadMoment', [one('craneLoadMoment', '2026-06-01 10:00', value)], '2026-06-01 10:00');

  it('load moment: 75 % 蓝, 90 % 橙 (预警), 100 % 红 (报警); reaching the value opens', () => {
    expect(moment(74.9)).toBeNull();
    expect(moment(75)).toMatchObject({ level: '蓝' });
    expect(moment(89.9)).toMatchObject({ level: '蓝' });
    expect(moment(90)).toMatchObject({ level: '橙', ruleId: 'crane-moment-90' });
    expect(moment(90.1)).toMatchObject({ level: '橙' });
    expect(moment(99.9)).toMatchObject({ level: '橙' });
    expect(moment(100)).toMatchObject({ level: '红', ruleId: 'crane-moment-100' });
  });

  it('when several levels match the most severe wins and the others are listed', () => {
    const warning = moment(100.1);
    expect(warning).toMatchObject({ level: '红', value: 100.1 });
    expect(warning!.matched.map((m) => m.ruleId)).toEqual(['crane-moment-100', 'crane-moment-90', 'crane-moment-75']);
  });

  it('an instant rule closes on the next compliant reading and keeps its start while it lasts', () => {
    const readings = [
      one('craneLoadMoment', '2026-06-01 10:00', 80),
      one('craneLoadMoment', '2026-06-01 10:01', 95),
      one('craneLoadMoment', '2026-06-01 10:02', 96),
      one('craneLoadMoment', '2026-06-01 10:03', 60),
    ];
    expect(evaluate('craneLoadMoment', readings, '2026-06-01 10:02')).toMatchObject({
      level: '橙',
      since: bj('2026-06-01 10:01'),
      firstSince: bj('2026-06-01 10:00'),
      triggerValue: 95,
      value: 96,
    });
    expect(evaluate('craneLoadMoment', readings, '2026-06-01 10:03')).toBeNull();
  });

  it('wind: stop lifting from 10.8 m/s', () => {
    const wind = (v: number) =>
      evaluate('craneWindSpeed', [one('craneWindSpeed', '2026-06-01 10:00', v)], '2026-06-01 10:05');
    expect(wind(10.7)).toBeNull();
    expect(wind(10.8)).toMatchObject({ level: '橙', ruleId: 'crane-wind-10.8' });
    expect(wind(10.9)).toMatchObject({ level: '橙' });
  });

  it('hoist load: 90 % 橙, 110 % 红', () => {
    const hoist = (v: number) => evaluate('hoistLoad', [one('hoistLoad', '2026-06-01 10:00', v)], '2026-06-01 10:00');
    expect(hoist(89.9)).toBeNull();
    expect(hoist(90)).toMatchObject({ level: '橙' });
    expect(hoist(109.9)).toMatchObject({ level: '橙' });
    expect(hoist(110)).toMatchObject({ level: '红' });
  });

  it('collision alarms: one in the hour 橙, three 红; an alarm leaves the window after 60 minutes', () => {
    const at = (now: string, ...times: string[]) =>
      evaluateEvents(DEFAULT_RULE_SET, SITE, 'craneCollision', events('craneCollision', ...times), bj(now));
    expect(at('2026-06-01 10:59:59', '2026-06-01 10:00')).toMatchObject({ level: '橙', value: 1 });
    expect(at('2026-06-01 11:00', '2026-06-01 10:00')).toBeNull();
    expect(at('2026-06-01 10:40', '2026-06-01 10:00', '2026-06-01 10:20')).toMatchObject({ level: '橙', value: 2 });
    const red = at('2026-06-01 10:40', '2026-06-01 10:00', '2026-06-01 10:20', '2026-06-01 10:40');
    expect(red).toMatchObject({
      level: '红',
      value: 3,
      since: bj('2026-06-01 10:40'),
      firstSince: bj('2026-06-01 10:00'),
    });
    // At 11:00 the first alarm has left: two remain, back to 橙, whose run never broke.
    expect(at('2026-06-01 11:00', '2026-06-01 10:00', '2026-06-01 10:20', '2026-06-01 10:40')).toMatchObject({
      level: '橙',
      since: bj('2026-06-01 10:00'),
    });
  });
});

describe('deep pit and video AI', () => {
  it('pit displacement: 70 % of the 25 mm alarm value 黄, the alarm value 红', () => {
    const pit = (v: number) =>
      evaluate('pitDisplacement', [one('pitDisplacement', '2026-06-01 08:00', v)], '2026-06-01 09:00');
    expect(pit(17.4)).toBeNull();
    expect(pit(17.5)).toMatchObject({ level: '黄' });
    expect(pit(24.9)).toMatchObject({ level: '黄' });
    expect(pit(25)).toMatchObject({ level: '红' });
  });

  it('helmets: one detection 蓝, three in an hour 黄', () => {
    const helmets = (...times: string[]) =>
      evaluateEvents(DEFAULT_RULE_SET, SITE, 'aiNoHelmet', events('aiNoHelmet', ...times), bj('2026-06-01 11:00'));
    expect(helmets()).toBeNull();
    expect(helmets('2026-06-01 10:30')).toMatchObject({ level: '蓝' });
    expect(helmets('2026-06-01 10:00', '2026-06-01 10:30', '2026-06-01 10:50')).toMatchObject({
      level: '蓝',
      value: 2,
    });
    expect(helmets('2026-06-01 10:10', '2026-06-01 10:30', '2026-06-01 10:50')).toMatchObject({
      level: '黄',
      value: 3,
    });
  });
});

describe('input checks', () => {
  it('refuses readings out of time order or of another site or indicator', () => {
    const unordered = [one('pm10', '2026-06-01 10:01', 1), one('pm10', '2026-06-01 10:00', 1)];
    expect(() => evaluate('pm10', unordered, '2026-06-01 11:00')).toThrow('数据须按时间先后排列');
    expect(() => evaluate('pm10', [one('pm25', '2026-06-01 10:00', 1)], '2026-06-01 11:00')).toThrow('不属于');
    expect(() =>
      evaluate('pm10', [{ ...one('pm10', '2026-06-01 10:00', 1), siteId: 'x' }], '2026-06-01 11:00'),
    ).toThrow('不属于');
  });
});

describe('escalation when a deadline passes (蓝→黄→橙→红, then the department above)', () => {
  const opened = bj('2026-06-01 10:00');
  const blue: WarningRecord = { level: '蓝', levelSince: opened };

  it('not before the 签收 deadline, nor at it; just after it the warning rises to 黄', () => {
    // 蓝: 签收 within 4 h.
    expect(escalation(blue, {}, plus(opened, 239), DEFAULT_RULE_SET)).toEqual({
      kind: 'none',
      next: { step: '签收', deadline: plus(opened, 240) },
    });
    expect(escalation(blue, {}, plus(opened, 240), DEFAULT_RULE_SET).kind).toBe('none');
    expect(escalation(blue, {}, plus(opened, 241), DEFAULT_RULE_SET)).toEqual({
      kind: 'raise',
      from: '蓝',
      to: '黄',
      step: '签收',
      at: plus(opened, 240),
      department: '建设工程质量安全监督站',
    });
  });

  it('a step done on time moves the deadline to the next step; one done late still missed it', () => {
    const signed = { signedAt: plus(opened, 60) };
    expect(escalation(blue, signed, plus(opened, 300), DEFAULT_RULE_SET)).toEqual({
      kind: 'none',
      next: { step: '处置', deadline: plus(opened, 24 * 60) },
    });
    expect(escalation(blue, signed, plus(opened, 24 * 60 + 1), DEFAULT_RULE_SET)).toMatchObject({
      kind: 'raise',
      step: '处置',
      to: '黄',
    });
    expect(escalation(blue, { signedAt: plus(opened, 250) }, plus(opened, 260), DEFAULT_RULE_SET)).toMatchObject({
      kind: 'raise',
      step: '签收',
    });
    // A step recorded after `now` has not happened yet.
    expect(escalation(blue, { signedAt: plus(opened, 250) }, plus(opened, 241), DEFAULT_RULE_SET)).toMatchObject({
      kind: 'raise',
    });
  });

  it('catches up level by level from the missed deadlines, tells the department above 红 once, and stops when 办结', () => {
    const now = plus(opened, 10 * 24 * 60);
    let warning: WarningRecord = blue;
    const path: string[] = [];
    for (;;) {
      const step = escalation(warning, {}, now, DEFAULT_RULE_SET);
      if (step.kind === 'raise') {
        path.push(`${step.to}@${(step.at.getTime() - opened.getTime()) / MINUTE}`);
        warning = { level: step.to, levelSince: step.at };
      } else if (step.kind === 'notify') {
        path.push(`${step.department}@${(step.at.getTime() - opened.getTime()) / MINUTE}`);
        warning = { ...warning, beyondRedNotifiedAt: now };
      } else break;
    }
    // 蓝 签收 4 h → 黄 签收 1 h → 橙 30 min → 红 15 min.
    expect(path).toEqual(['黄@240', '橙@300', '红@330', '市住建局主要负责人@345']);
    expect(
      escalation({ level: '红', levelSince: opened }, { closedAt: plus(opened, 10) }, now, DEFAULT_RULE_SET),
    ).toEqual({
      kind: 'none',
      next: null,
    });
  });

  it('the deadlines of a new level count from when the warning rose to it', () => {
    const yellow: WarningRecord = { level: '黄', levelSince: plus(opened, 240) };
    expect(escalation(yellow, { signedAt: plus(opened, 245) }, plus(opened, 241 + 60), DEFAULT_RULE_SET)).toEqual({
      kind: 'none',
      next: { step: '处置', deadline: plus(opened, 240 + 8 * 60) },
    });
  });
});

describe('validating a rule set from the admin', () => {
  const json = () => JSON.parse(JSON.stringify(DEFAULT_RULE_SET));
  const errorsOf = (input: unknown) => {
    const result = validateRuleSet(input);
    if (result.ok) throw new Error('expected errors');
    for (const e of result.errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    return result.errors;
  };
  const indexOf = (id: string) => DEFAULT_RULE_SET.rules.findIndex((r) => r.id === id);

  it('accepts the default set and drops unknown fields', () => {
    const input = json();
    input.rules[0].note = 'x';
    const result = validateRuleSet(input);
    expect(result).toEqual({ ok: true, ruleSet: DEFAULT_RULE_SET });
  });

  it('a higher level must be stricter than a lower one evaluated the same way', () => {
    const input = json();
    const i = indexOf('crane-moment-100');
    input.rules[i].threshold = 85;
    expect(errorsOf(input)).toEqual([
      {
        path: `rules[${i}].threshold`,
        code: 'LEVEL_NOT_STRICTER',
        message: '规则 crane-moment-100：塔吊力矩的红色规则（crane-moment-100）须比橙色规则（crane-moment-90）更严格',
      },
    ]);
    // Equal thresholds: only "大于" over "大于等于" is stricter.
    input.rules[i].threshold = 90;
    expect(errorsOf(input).map((e) => e.code)).toEqual(['LEVEL_NOT_STRICTER']);
    input.rules[i].comparison = '>';
    expect(validateRuleSet(input).ok).toBe(true);
    // A different window is a different measure: no ordering between the PM10 hourly 黄 and a 15-minute 橙.
    const other = json();
    other.rules[indexOf('pm10-hourly-200')].aggregation.windowMinutes = 15;
    other.rules[indexOf('pm10-hourly-200')].threshold = 100;
    expect(validateRuleSet(other).ok).toBe(true);
  });

  it('one rule per level for the same measure, unique ids', () => {
    const input = json();
    input.rules.push({ ...input.rules[indexOf('crane-moment-90')], id: 'crane-moment-92', threshold: 92 });
    input.rules.push({ ...input.rules[0] });
    const errors = errorsOf(input);
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      [`rules[${input.rules.length - 1}].id`, 'RULE_ID_DUPLICATE'],
      [`rules[${input.rules.length - 2}].level`, 'LEVEL_DUPLICATE'],
    ]);
  });

  it('reports each field with its path', () => {
    const input = json();
    input.rules[0].aggregation.windowMinutes = 0;
    input.rules[1].aggregation.minCoverage = 1.5;
    input.rules[3].indicator = 'pm1';
    input.rules[4].level = '紫';
    input.rules[5].threshold = '70';
    input.rules[7].band = 'evening';
    input.rules[indexOf('ai-fire')].aggregation = { kind: 'instant' };
    input.rules[indexOf('crane-tilt-4')].aggregation = { kind: 'eventCount', windowMinutes: 60 };
    input.rules[indexOf('ai-vest')].threshold = 0;
    input.rules[indexOf('pm10-daily-80')].aggregation.sample.windowMinutes = 7;
    input.rules[indexOf('noise-night-55')].aggregation.windowMinutes = 600;
    const errors = errorsOf(input);
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['rules[0].aggregation.windowMinutes', 'WINDOW_NOT_POSITIVE'],
      ['rules[1].aggregation.minCoverage', 'COVERAGE_OUT_OF_RANGE'],
      ['rules[2].aggregation.sample.windowMinutes', 'SAMPLE_NOT_DIVIDING_DAY'],
      ['rules[3].indicator', 'INDICATOR_UNKNOWN'],
      ['rules[4].level', 'LEVEL_UNKNOWN'],
      ['rules[5].threshold', 'THRESHOLD_NOT_NUMBER'],
      ['rules[6].aggregation.windowMinutes', 'WINDOW_EXCEEDS_BAND'],
      ['rules[7].band', 'BAND_UNKNOWN'],
      [`rules[${indexOf('crane-tilt-4')}].aggregation.kind`, 'AGGREGATION_MISMATCH'],
      [`rules[${indexOf('ai-fire')}].aggregation.kind`, 'AGGREGATION_MISMATCH'],
      [`rules[${indexOf('ai-vest')}].threshold`, 'EVENT_THRESHOLD_NOT_COUNT'],
    ]);
    expect(errors.find((e) => e.code === 'INDICATOR_UNKNOWN')!.message).toBe('规则 pm25-24h-75：未知的指标“pm1”');
    expect(errors.find((e) => e.code === 'WINDOW_EXCEEDS_BAND')!.message).toBe(
      '规则 noise-night-55：统计时长超过夜间时段（480 分钟）',
    );
  });

  it('deadlines: positive, 签收 ≤ 处置 ≤ 办结, and no longer for a more severe level', () => {
    const input = json();
    input.handling.红.signMinutes = 45;
    input.handling.黄.closeMinutes = 0;
    input.handling.蓝.signMinutes = 2000;
    input.beyondRed = ' ';
    expect(errorsOf(input).map((e) => [e.path, e.code])).toEqual([
      ['handling.黄.closeMinutes', 'DEADLINE_NOT_POSITIVE'],
      ['handling.蓝', 'DEADLINE_ORDER'],
      ['handling.红.signMinutes', 'DEADLINE_NOT_SHORTER'],
      ['beyondRed', 'BEYOND_RED_MISSING'],
    ]);
  });

  it('refuses what is not a rule set', () => {
    expect(errorsOf(null).map((e) => e.code)).toEqual(['RULE_SET_INVALID']);
    expect(errorsOf({ ...json(), rules: [], readingMinutes: 0 }).map((e) => e.code)).toEqual([
      'READING_MINUTES_NOT_POSITIVE',
      'RULES_EMPTY',
    ]);
  });
});
