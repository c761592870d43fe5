import type { CatalogueContent } from '../catalogue/catalogue.model.js';
import { itemRule, type MandatoryFloor, type SamplingRuleConfig } from './rule-config.js';
import type { PlanDraw } from './sampling-rule.js';

/**
 * The rule a plan was drawn with, in words (pure): shown with the plan on the page, on the phone
 * and in the exports, so that nobody needs the developer README to know how it was read — in
 * particular that the remaining floors of an item are pooled over the whole project (2 drawn in
 * all, not 2 per building).
 */
const MANDATORY_LABELS: Record<MandatoryFloor, string> = {
  BASEMENT: '地下室',
  FIRST: '首层',
  TOP: '顶层',
  ROOF: '屋面',
};

export function describeRule(rule: SamplingRuleConfig, catalogue: CatalogueContent): string[] {
  const { checkAllUpTo, drawCount } = rule.remainder;
  const lines: string[] = [];
  if (rule.alwaysCheckAll.length) {
    lines.push(`${rule.alwaysCheckAll.map((t) => t.label).join('、')}：凡涉及的部位全部检查。`);
  }
  if (rule.mandatoryFloors.length) {
    lines.push(
      `其余各项：每栋楼的${rule.mandatoryFloors.map((m) => MANDATORY_LABELS[m]).join('、')}为必查部位，全部检查。`,
    );
  }
  lines.push(
    `各项必查部位以外的其余楼层（或楼栋）在全项目范围内合并计算，不按楼栋分别计算：不超过 ${checkAllUpTo} 处时全部检查，` +
      `超过 ${checkAllUpTo} 处时从全项目中随机抽取 ${drawCount} 处（不是每栋楼各抽 ${drawCount} 处）。`,
  );
  const byBuilding = catalogue.items.filter((i) => itemRule(rule, i.code).granularity === 'BUILDING');
  if (byBuilding.length) {
    lines.push(
      `${byBuilding.map((i) => i.name).join('、')}按楼栋抽查，没有必查楼层：` +
        `楼栋不超过 ${checkAllUpTo} 栋时全部检查，超过时随机抽取 ${drawCount} 栋。`,
    );
  }
  lines.push('没有适用部位的项目为“不涉及”。');
  return lines;
}

/** Whether anything in the plan was drawn at random: without, a redraw gives the same locations. */
export const hasRandomDraw = (draw: PlanDraw) => draw.items.some((i) => i.randomDraw);

/** Said where a plan has nothing random, so that 不同意 does not promise a different plan. */
export function noRandomDrawNote(rule: SamplingRuleConfig): string {
  return (
    `本方案没有随机抽取的部位：各项必查部位以外的其余部位都不超过 ${rule.remainder.checkAllUpTo} 处，已全部列入检查。` +
    '重新生成的方案抽查部位与本方案相同（抽查库或抽查规则更新后除外）；如楼栋楼层信息有误，请先修改楼栋楼层。'
  );
}
