import type { MeanSpec, RuleSet, WarningRule } from './rules.js';

/**
 * The rule set a new installation starts with. Every value is data a bureau may change (README.md);
 * each comment names where the value comes from, marked as in domain-facts.md:
 * [R] a published rule, [R?] published but quoted second-hand, [P] common practice, [I] our inference;
 * "recalled" marks a standard's clause we quote from memory, not checked against its text.
 * Which colour a published limit gets is ours throughout [I]: the sources say 预警/报警/停工, not 红/橙/黄/蓝.
 */

/** GB 3095-2012 §8 (数据统计的有效性): an hourly mean needs ≥ 45 min of data, a 24-hour mean ≥ 20 h. [R?, recalled] */
const HOURLY: MeanSpec = { windowMinutes: 60, minCoverage: 45 / 60, method: 'arithmetic' };
const DAILY: MeanSpec = { windowMinutes: 24 * 60, minCoverage: 20 / 24, method: 'arithmetic' };
/**
 * GB 12523-2011 §5: 施工期间测量连续 20 min 的等效声级 (an energy mean). [R?, recalled] The 75 % coverage is
 * borrowed from the hourly rule above. [I]
 */
const NOISE_20_MIN: MeanSpec = { windowMinutes: 20, minCoverage: 0.75, method: 'energy' };

/** An event of the kind within the last hour. [I] */
const EVENT_HOUR = { kind: 'eventCount', windowMinutes: 60 } as const;

const rules: WarningRule[] = [
  // 扬尘 — 武汉 (2017): PM10 小时均值 >150 µg/m³ 预警; >200 现场核查并停工整改. [R] "At" 150 does not open.
  {
    id: 'pm10-hourly-150',
    indicator: 'pm10',
    level: '黄',
    aggregation: { kind: 'mean', ...HOURLY },
    comparison: '>',
    threshold: 150,
  },
  {
    id: 'pm10-hourly-200',
    indicator: 'pm10',
    level: '橙',
    aggregation: { kind: 'mean', ...HOURLY },
    comparison: '>',
    threshold: 200,
  },
  // 河北 DB13/2934-2019: PM10 site limit 80 µg/m³, at most 2 exceedances a day. [R] That the exceedances
  // are of clock-hour means is our reading. [I]
  {
    id: 'pm10-daily-80',
    indicator: 'pm10',
    level: '蓝',
    aggregation: { kind: 'dailyCount', allowedPerDay: 2, sample: HOURLY },
    comparison: '>',
    threshold: 80,
  },
  // GB 3095-2012 grade II 24-hour limits, PM2.5 75 and TSP 300 µg/m³. [R] They are ambient air limits;
  // applying them to a site's trailing 24 hours is ours. [I]
  {
    id: 'pm25-24h-75',
    indicator: 'pm25',
    level: '蓝',
    aggregation: { kind: 'mean', ...DAILY },
    comparison: '>',
    threshold: 75,
  },
  {
    id: 'tsp-24h-300',
    indicator: 'tsp',
    level: '蓝',
    aggregation: { kind: 'mean', ...DAILY },
    comparison: '>',
    threshold: 300,
  },

  // 噪声 — GB 12523-2011: 昼间 (06–22) 70, 夜间 55 dB(A); 夜间最大声级超过限值的幅度不得高于 15 dB(A). [R]
  // A limit is "不得超过": exactly 70 complies.
  {
    id: 'noise-day-70',
    indicator: 'noiseLeq',
    level: '黄',
    aggregation: { kind: 'mean', ...NOISE_20_MIN },
    comparison: '>',
    threshold: 70,
    band: 'day',
  },
  {
    id: 'noise-night-55',
    indicator: 'noiseLeq',
    level: '黄',
    aggregation: { kind: 'mean', ...NOISE_20_MIN },
    comparison: '>',
    threshold: 55,
    band: 'night',
  },
  {
    id: 'noise-night-max-70',
    indicator: 'noiseLmax',
    level: '黄',
    aggregation: { kind: 'instant' },
    comparison: '>',
    threshold: 55 + 15,
    band: 'night',
  },

  // 塔吊力矩 — one system's bands: 75–90 % warning [P]; JGJ 332-2014 as commonly cited: 90 % 预警,
  // 100 % 报警 and cut-off [R?]. Reaching the value opens ("达到额定值的 90 %").
  {
    id: 'crane-moment-75',
    indicator: 'craneLoadMoment',
    level: '蓝',
    aggregation: { kind: 'instant' },
    comparison: '>=',
    threshold: 75,
  },
  {
    id: 'crane-moment-90',
    indicator: 'craneLoadMoment',
    level: '橙',
    aggregation: { kind: 'instant' },
    comparison: '>=',
    threshold: 90,
  },
  {
    id: 'crane-moment-100',
    indicator: 'craneLoadMoment',
    level: '红',
    aggregation: { kind: 'instant' },
    comparison: '>=',
    threshold: 100,
  },
  // 风力六级及以上 (≥ 10.8 m/s) 停止吊装. [R?] 橙 rather than 红: the crane is stopped, not failing. [I]
  {
    id: 'crane-wind-10.8',
    indicator: 'craneWindSpeed',
    level: '橙',
    aggregation: { kind: 'instant' },
    comparison: '>=',
    threshold: 10.8,
  },
  // GB 5144 塔身轴心线对支承面的侧向垂直度偏差不大于 4/1000. [R?, recalled] Readings in ‰.
  {
    id: 'crane-tilt-4',
    indicator: 'craneTilt',
    level: '橙',
    aggregation: { kind: 'instant' },
    comparison: '>',
    threshold: 4,
  },
  // Crane alarms: 防碰撞 is the most dangerous; 禁吊区/禁入区/未打卡操作 one level lower. [I]
  {
    id: 'crane-collision-1',
    indicator: 'craneCollision',
    level: '橙',
    aggregation: EVENT_HOUR,
    comparison: '>=',
    threshold: 1,
  },
  {
    id: 'crane-collision-3',
    indicator: 'craneCollision',
    level: '红',
    aggregation: EVENT_HOUR,
    comparison: '>=',
    threshold: 3,
  },
  {
    id: 'crane-forbidden-lift',
    indicator: 'craneForbiddenLift',
    level: '黄',
    aggregation: EVENT_HOUR,
    comparison: '>=',
    threshold: 1,
  },
  {
    id: 'crane-forbidden-entry',
    indicator: 'craneForbiddenEntry',
    level: '黄',
    aggregation: EVENT_HOUR,
    comparison: '>=',
    threshold: 1,
  },
  {
    id: 'crane-unlicensed',
    indicator: 'craneUnlicensedOperation',
    level: '黄',
    aggregation: EVENT_HOUR,
    comparison: '>=',
    threshold: 1,
  },

  // 升降机 — 超载保护: 载荷达到额定载重量的 90 % 时报警, 110 % 前中止吊笼启动 (GB/T 10054). [R?, recalled]
  {
    id: 'hoist-load-90',
    indicator: 'hoistLoad',
    level: '橙',
    aggregation: { kind: 'instant' },
    comparison: '>=',
    threshold: 90,
  },
  {
    id: 'hoist-load-110',
    indicator: 'hoistLoad',
    level: '红',
    aggregation: { kind: 'instant' },
    comparison: '>=',
    threshold: 110,
  },

  // 深基坑 — GB 50497-2019 报警值 by 基坑等级 (累计值 and 变化速率) [R?]; here the strictest, 一级 基坑,
  // 围护墙顶部水平位移: 25 mm and 2 mm/d [recalled], reaching them is 报警 (红). 黄 at 70 % of the alarm value
  // follows monitoring plans that set a 预警值 below it. [P] A bureau with gentler pits raises both.
  {
    id: 'pit-displacement-70pct',
    indicator: 'pitDisplacement',
    level: '黄',
    aggregation: { kind: 'instant' },
    comparison: '>=',
    threshold: 17.5,
  },
  {
    id: 'pit-displacement-alarm',
    indicator: 'pitDisplacement',
    level: '红',
    aggregation: { kind: 'instant' },
    comparison: '>=',
    threshold: 25,
  },
  {
    id: 'pit-rate-70pct',
    indicator: 'pitDisplacementRate',
    level: '黄',
    aggregation: { kind: 'instant' },
    comparison: '>=',
    threshold: 1.4,
  },
  {
    id: 'pit-rate-alarm',
    indicator: 'pitDisplacementRate',
    level: '红',
    aggregation: { kind: 'instant' },
    comparison: '>=',
    threshold: 2,
  },

  // 高支模 — no published alarm value was found; these are placeholders in the usual shape (预警 at 70–80 %
  // of an alarm value) that the bureau must confirm. [I] Axial force is a share of the pole's design value.
  {
    id: 'formwork-settlement-7',
    indicator: 'formworkSettlement',
    level: '黄',
    aggregation: { kind: 'instant' },
    comparison: '>=',
    threshold: 7,
  },
  {
    id: 'formwork-settlement-10',
    indicator: 'formworkSettlement',
    level: '红',
    aggregation: { kind: 'instant' },
    comparison: '>=',
    threshold: 10,
  },
  {
    id: 'formwork-tilt-2',
    indicator: 'formworkTilt',
    level: '黄',
    aggregation: { kind: 'instant' },
    comparison: '>=',
    threshold: 2,
  },
  {
    id: 'formwork-tilt-3',
    indicator: 'formworkTilt',
    level: '红',
    aggregation: { kind: 'instant' },
    comparison: '>=',
    threshold: 3,
  },
  {
    id: 'formwork-force-80',
    indicator: 'formworkAxialForce',
    level: '黄',
    aggregation: { kind: 'instant' },
    comparison: '>=',
    threshold: 80,
  },
  {
    id: 'formwork-force-100',
    indicator: 'formworkAxialForce',
    level: '红',
    aggregation: { kind: 'instant' },
    comparison: '>=',
    threshold: 100,
  },

  // 视频 AI — categories [P]; their levels are ours [I]: fire is 红, people in danger 黄, repeated
  // missing helmets 黄, single detections and dust control 蓝.
  { id: 'ai-fire', indicator: 'aiFireSmoke', level: '红', aggregation: EVENT_HOUR, comparison: '>=', threshold: 1 },
  {
    id: 'ai-zone-intrusion',
    indicator: 'aiZoneIntrusion',
    level: '黄',
    aggregation: EVENT_HOUR,
    comparison: '>=',
    threshold: 1,
  },
  {
    id: 'ai-edge-guard',
    indicator: 'aiEdgeGuardMissing',
    level: '黄',
    aggregation: EVENT_HOUR,
    comparison: '>=',
    threshold: 1,
  },
  { id: 'ai-helmet-1', indicator: 'aiNoHelmet', level: '蓝', aggregation: EVENT_HOUR, comparison: '>=', threshold: 1 },
  { id: 'ai-helmet-3', indicator: 'aiNoHelmet', level: '黄', aggregation: EVENT_HOUR, comparison: '>=', threshold: 3 },
  { id: 'ai-vest', indicator: 'aiNoVest', level: '蓝', aggregation: EVENT_HOUR, comparison: '>=', threshold: 1 },
  { id: 'ai-stranger', indicator: 'aiStranger', level: '蓝', aggregation: EVENT_HOUR, comparison: '>=', threshold: 1 },
  {
    id: 'ai-pedestrian-vehicle',
    indicator: 'aiPedestrianVehicle',
    level: '蓝',
    aggregation: EVENT_HOUR,
    comparison: '>=',
    threshold: 1,
  },
  { id: 'ai-bare-soil', indicator: 'aiBareSoil', level: '蓝', aggregation: EVENT_HOUR, comparison: '>=', threshold: 1 },
  {
    id: 'ai-uncovered-transport',
    indicator: 'aiUncoveredTransport',
    level: '蓝',
    aggregation: EVENT_HOUR,
    comparison: '>=',
    threshold: 1,
  },
  {
    id: 'ai-vehicle-washing',
    indicator: 'aiVehicleNotWashed',
    level: '蓝',
    aggregation: EVENT_HOUR,
    comparison: '>=',
    threshold: 1,
  },
];

export const DEFAULT_RULE_SET: RuleSet = {
  // The 智慧工地平台 sends minute data. [P]
  readingMinutes: 1,
  rules,
  // Who answers for each level and how long each step may take, counted from when the warning reached
  // the level: a proposal for the bureau to confirm. [I]
  handling: {
    红: { department: '市住建局分管领导', signMinutes: 15, disposeMinutes: 2 * 60, closeMinutes: 24 * 60 },
    橙: { department: '市住建局质量安全科', signMinutes: 30, disposeMinutes: 4 * 60, closeMinutes: 48 * 60 },
    黄: { department: '建设工程质量安全监督站', signMinutes: 60, disposeMinutes: 8 * 60, closeMinutes: 72 * 60 },
    蓝: { department: '项目监督员', signMinutes: 4 * 60, disposeMinutes: 24 * 60, closeMinutes: 7 * 24 * 60 },
  },
  beyondRed: '市住建局主要负责人',
};
