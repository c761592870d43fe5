import type { CatalogueContent } from '../catalogue/catalogue.model.js';
import { indexCatalogue } from '../catalogue/catalogue.model.js';
import type { FieldIssue } from '@hs/kit';

/**
 * The sampling rule of 1.3.4 (and the signature parties of 1.3.6 / 1.3.7) as DATA. It is stored
 * versioned in `fire.sampling_rule` (v1 = DEFAULT_RULE_CONFIG, by migration); a plan copies the
 * whole config it was drawn with, so a later rule change never alters a drawn plan, and the pure
 * function in sampling-rule.ts is the only code that interprets it.
 */

/** Where a location sits in its building. */
export type FloorKind = 'BASEMENT' | 'ABOVE' | 'ROOF';
export const FLOOR_KINDS: readonly FloorKind[] = ['BASEMENT', 'ABOVE', 'ROOF'];

/** Floors checked for every item that applies to them (1.3.4: 地下室、首层、顶层、屋面). */
export type MandatoryFloor = 'BASEMENT' | 'FIRST' | 'TOP' | 'ROOF';
export const MANDATORY_FLOORS: readonly MandatoryFloor[] = ['BASEMENT', 'FIRST', 'TOP', 'ROOF'];

/** An item is sampled per building (e.g. 总平面布局) or per floor (e.g. 安全疏散). */
export type Granularity = 'BUILDING' | 'FLOOR';

export interface ItemRuleConfig {
  granularity: Granularity;
  /**
   * Applies to a building/floor unless its fire information says otherwise. Systems that only some
   * buildings have (防爆, 消防电梯, 泡沫, 水炮, 气体) default to false and are switched on per building.
   */
  appliesByDefault: boolean;
  /** FLOOR items only: the kinds of floor the item can apply to (default all). */
  floorKinds?: FloorKind[];
}

export interface SignerConfig {
  /** Stable key of the party, e.g. PROJECT_LEADER, BUILDER. */
  party: string;
  /** What the signature box is labelled with. */
  label: string;
}

export interface SamplingRuleConfig {
  name: string;
  /** Floors always checked (per building) for every FLOOR item that applies there. */
  mandatoryFloors: MandatoryFloor[];
  /** The rest of an item's locations: all when at most `checkAllUpTo`, otherwise `drawCount` at random. */
  remainder: { checkAllUpTo: number; drawCount: number };
  /** Sub-items or check lines (or whole items) checked at every location where their item applies. */
  alwaysCheckAll: { code: string; label: string }[];
  /** Per item code; items not listed use `defaultItem`. */
  items: Record<string, ItemRuleConfig>;
  defaultItem: ItemRuleConfig;
  /** 1.3.6: the plan's signature boxes, signed in this order. */
  planSigners: SignerConfig[];
  /** 1.3.6: the default text of a plan signature. */
  planConfirmationText: string;
  /** 1.3.7: the parties who sign the results, shown together, any order. */
  resultSigners: SignerConfig[];
  resultConfirmationText: string;
}

export const DEFAULT_PLAN_CONFIRMATION_TEXT = '上述抽查部位与数量，由系统随机生成，我已见证，确认无误';

const floor = (appliesByDefault = true, floorKinds?: FloorKind[]): ItemRuleConfig => ({
  granularity: 'FLOOR',
  appliesByDefault,
  ...(floorKinds ? { floorKinds } : {}),
});
const building = (appliesByDefault = true): ItemRuleConfig => ({ granularity: 'BUILDING', appliesByDefault });

/** 1.3.4's default rule, with the catalogue v1 codes (catalogue-data.ts). */
export const DEFAULT_RULE_CONFIG: SamplingRuleConfig = {
  name: '默认抽查规则（需求 1.3.4）',
  mandatoryFloors: ['BASEMENT', 'FIRST', 'TOP', 'ROOF'],
  remainder: { checkAllUpTo: 2, drawCount: 2 },
  alwaysCheckAll: [
    { code: '02.01', label: '防火间距' },
    { code: '02.04', label: '消防车登高操作场地' },
    { code: '02.02', label: '消防车道' },
    { code: '08.01.01', label: '安全出口的形式和数量' },
  ],
  items: {
    '01': building(), // 建筑类别与耐火等级
    '02': building(), // 总平面布局
    '03': floor(true, ['BASEMENT', 'ABOVE']), // 平面布置
    '04': building(), // 外墙、屋面保温和外墙装饰
    '05': floor(true, ['BASEMENT', 'ABOVE']), // 内部装修
    '06': floor(), // 防火分隔
    '07': floor(false), // 防爆
    '08': floor(), // 安全疏散
    '09': floor(false, ['BASEMENT', 'ABOVE']), // 消防电梯
    '10': floor(), // 消火栓系统（屋面: 试验消火栓、水箱）
    '11': floor(true, ['BASEMENT', 'ABOVE']), // 自动喷水灭火系统
    '12': floor(), // 火灾自动报警系统
    '13': floor(), // 防烟排烟系统（屋面: 风机）
    '14': floor(), // 消防电气
    '15': floor(true, ['BASEMENT', 'ABOVE']), // 建筑灭火器
    '16': floor(false), // 泡沫灭火系统
    '17': floor(false), // 消防水炮系统
    '18': floor(false), // 气体灭火系统
  },
  defaultItem: floor(),
  planSigners: [
    { party: 'PROJECT_LEADER', label: '项目负责人' },
    { party: 'SECTION_MEMBER_1', label: '监察科室成员' },
    { party: 'SECTION_MEMBER_2', label: '监察科室成员' },
  ],
  planConfirmationText: DEFAULT_PLAN_CONFIRMATION_TEXT,
  resultSigners: [
    { party: 'BUILDER', label: '建设单位' },
    { party: 'DESIGNER', label: '设计单位' },
    { party: 'GENERAL_CONTRACTOR', label: '施工总包单位' },
    { party: 'SUPERVISOR', label: '监理单位' },
    { party: 'FIRE_CONTRACTOR', label: '消防施工单位' },
  ],
  resultConfirmationText: '以上抽查结果属实，我方已现场见证，确认无误',
};

export function itemRule(config: SamplingRuleConfig, itemCode: string): ItemRuleConfig {
  return config.items[itemCode] ?? config.defaultItem;
}

const isInt = (v: unknown, min: number, max: number) =>
  Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const PARTY = /^[A-Z][A-Z0-9_]{1,31}$/;

/** Checks a rule config (as an admin submits it, JSON) against a catalogue version. */
export function checkRuleConfig(config: SamplingRuleConfig, catalogue: CatalogueContent): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!config || typeof config !== 'object') return [{ field: 'config', message: '抽查规则配置必须是一个对象' }];
  const index = indexCatalogue(catalogue);
  if (typeof config.name !== 'string' || !config.name.trim())
    issues.push({ field: 'config.name', message: '规则名称不能为空' });
  if (!Array.isArray(config.mandatoryFloors) || config.mandatoryFloors.some((m) => !MANDATORY_FLOORS.includes(m))) {
    issues.push({ field: 'config.mandatoryFloors', message: '必查楼层只能是 BASEMENT、FIRST、TOP、ROOF' });
  }
  if (!isInt(config.remainder?.checkAllUpTo, 0, 50)) {
    issues.push({ field: 'config.remainder.checkAllUpTo', message: '“剩余部位全查上限”应为 0–50 的整数' });
  }
  if (!isInt(config.remainder?.drawCount, 1, 50)) {
    issues.push({ field: 'config.remainder.drawCount', message: '“随机抽取数量”应为 1–50 的整数' });
  }
  for (const [i, target] of (Array.isArray(config.alwaysCheckAll) ? config.alwaysCheckAll : []).entries()) {
    const code = target?.code;
    if (!index.items.has(code) && !index.subItems.has(code) && !index.lines.has(code)) {
      issues.push({
        field: `config.alwaysCheckAll[${i}].code`,
        message: `抽查库中没有编码为“${code}”的项目、子项或检查内容`,
      });
    }
  }
  if (!Array.isArray(config.alwaysCheckAll))
    issues.push({ field: 'config.alwaysCheckAll', message: '全查清单必须是数组' });
  for (const [code, rule] of Object.entries(config.items ?? {})) {
    if (!index.items.has(code))
      issues.push({ field: `config.items.${code}`, message: `抽查库中没有编码为“${code}”的检查项目` });
    checkItemRule(issues, `config.items.${code}`, rule);
  }
  checkItemRule(issues, 'config.defaultItem', config.defaultItem);
  checkSigners(issues, 'config.planSigners', config.planSigners, '方案签名');
  checkSigners(issues, 'config.resultSigners', config.resultSigners, '结果签名');
  if (typeof config.planConfirmationText !== 'string' || !config.planConfirmationText.trim()) {
    issues.push({ field: 'config.planConfirmationText', message: '方案确认内容不能为空' });
  }
  if (typeof config.resultConfirmationText !== 'string' || !config.resultConfirmationText.trim()) {
    issues.push({ field: 'config.resultConfirmationText', message: '结果确认内容不能为空' });
  }
  return issues;
}

function checkItemRule(issues: FieldIssue[], field: string, rule: ItemRuleConfig | undefined) {
  if (!rule || (rule.granularity !== 'BUILDING' && rule.granularity !== 'FLOOR')) {
    issues.push({ field: `${field}.granularity`, message: '抽查粒度只能是 BUILDING（楼栋）或 FLOOR（楼层）' });
    return;
  }
  if (typeof rule.appliesByDefault !== 'boolean')
    issues.push({ field: `${field}.appliesByDefault`, message: '必须是布尔值' });
  if (
    rule.floorKinds !== undefined &&
    (!Array.isArray(rule.floorKinds) || rule.floorKinds.some((k) => !FLOOR_KINDS.includes(k)))
  ) {
    issues.push({ field: `${field}.floorKinds`, message: '楼层类型只能是 BASEMENT、ABOVE、ROOF' });
  }
}

function checkSigners(issues: FieldIssue[], field: string, signers: SignerConfig[] | undefined, label: string) {
  if (!Array.isArray(signers) || signers.length === 0 || signers.length > 10) {
    issues.push({ field, message: `${label}方应为 1–10 个` });
    return;
  }
  const parties = new Set<string>();
  signers.forEach((s, i) => {
    if (typeof s?.party !== 'string' || !PARTY.test(s.party)) {
      issues.push({ field: `${field}[${i}].party`, message: `${label}方标识应为大写字母、数字和下划线` });
    } else if (parties.has(s.party))
      issues.push({ field: `${field}[${i}].party`, message: `${label}方“${s.party}”重复` });
    parties.add(s?.party);
    if (typeof s?.label !== 'string' || !s.label.trim() || Array.from(s.label).length > 50) {
      issues.push({ field: `${field}[${i}].label`, message: `${label}框名称不能为空且不超过50个字` });
    }
  });
}
