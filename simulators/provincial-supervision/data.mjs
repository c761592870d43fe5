// SIMULATOR data: the fictional inspections of the 湖北省住房和城乡建设厅 工程质量安全监督系统 simulator.
// Deterministic: inspection i is derived from a hash of (seed, i) and the list of known projects, so
// the same options always serve the same records.
import { createHash } from 'node:crypto';

export const SEED = 'provincial-supervision-simulator';
const DAY = 86_400_000;

export const DISTRICT_CODES = ['420202', '420203', '420204', '420205', '420222', '420281'];
export const TYPES = ['质量', '安全'];
export const OUTCOMES = ['符合要求', '立即整改', '限期整改', '局部停工整改', '停工整改', '挂牌督办', '行政处罚'];
export const RECTIFICATION = ['未整改', '整改完成', '逾期未整改', '复查合格'];

const HAZARDS = {
  质量: [
    ['混凝土结构', '梁柱节点钢筋间距超出允许偏差'],
    ['钢筋工程', '受力钢筋保护层厚度不足'],
    ['砌体工程', '砌体灰缝饱满度不符合要求'],
    ['防水工程', '屋面防水层搭接宽度不足'],
    ['原材料', '进场钢筋未按规定见证取样复试'],
    ['模板工程', '模板支撑立杆间距与专项方案不符'],
  ],
  安全: [
    ['深基坑', '基坑周边堆载超过设计允许值'],
    ['高支模', '高大模板支撑体系未按方案设置剪刀撑'],
    ['起重机械', '塔式起重机力矩限制器失效'],
    ['脚手架', '悬挑脚手架连墙件缺失'],
    ['临时用电', '配电箱未设置漏电保护器'],
    ['高处作业', '临边洞口未设置防护栏杆'],
    ['施工升降机', '施工升降机防坠安全器超过标定期限'],
  ],
};
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林'];
const GIVEN = ['建华', '志强', '晓燕', '海涛', '立新', '国平', '明辉', '红梅', '德胜', '文博', '春生', '丽娟'];

/** A stream of pseudo-random numbers in [0, 1) from SHA-256 of the seed and a label. */
function stream(label) {
  let counter = 0;
  let pool = [];
  return () => {
    if (!pool.length) {
      const h = createHash('sha256').update(`${SEED}:${label}:${counter++}`).digest();
      for (let k = 0; k < 32; k += 4) pool.push(h.readUInt32BE(k) / 2 ** 32);
    }
    return pool.shift();
  };
}

const pick = (r, list) => list[Math.floor(r() * list.length)];
export const utcDay = (d) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
const isoDate = (ms) => new Date(ms).toISOString().slice(0, 10);

/** A 施工许可证编号 the bureau never issued (an inspection of a project this platform does not know). */
function strangerCodes(r, i) {
  const district = pick(r, DISTRICT_CODES);
  const day = isoDate(Date.UTC(2024, 0, 1) + Math.floor(r() * 700) * DAY).replaceAll('-', '');
  return {
    projectCode: `${district}2024${String(9_000_000 + i).padStart(7, '0')}`,
    permitNo: `${district}${day}${String(10 + (i % 90)).padStart(2, '0')}01`,
    projectName: `${pick(r, ['城东', '港湾', '磁湖', '青山', '金山', '富河'])}${pick(r, ['安置房', '综合楼', '厂房', '道路改造'])}工程（未在本市登记）`,
  };
}

/** Rectification of one problem as of `today`: status and dates follow the outcome and deadline. */
function rectification(r, outcome, inspected, today) {
  if (outcome === '符合要求') return { status: '复查合格', deadline: null, rectifiedOn: null, reviewedOn: null };
  const days =
    outcome === '立即整改' ? 1 : outcome === '限期整改' ? 7 + Math.floor(r() * 23) : 15 + Math.floor(r() * 30);
  const deadlineMs = inspected + days * DAY;
  const deadline = isoDate(deadlineMs);
  const roll = r();
  const dueDone = deadlineMs - Math.floor(r() * days) * DAY;
  if (roll < 0.8 && dueDone <= today) {
    const rectifiedOn = isoDate(Math.max(inspected + DAY, dueDone));
    const reviewed = dueDone + (1 + Math.floor(r() * 5)) * DAY;
    return reviewed <= today
      ? { status: '复查合格', deadline, rectifiedOn, reviewedOn: isoDate(reviewed) }
      : { status: '整改完成', deadline, rectifiedOn, reviewedOn: null };
  }
  return { status: deadlineMs < today ? '逾期未整改' : '未整改', deadline, rectifiedOn: null, reviewedOn: null };
}

/**
 * Inspection i among `projects` (each { projectCode, permitNo, projectName }), as of `today` (UTC
 * midnight ms); revision > 0 gives a changed version (more of it rectified). One in eight names a
 * project the city does not know.
 */
export function inspectionAt(i, projects, today, revision = 0) {
  const r = stream(`inspection:${i}`);
  const known = projects.length > 0 && r() >= 0.125;
  const codes = known ? projects[Math.floor(r() * projects.length)] : strangerCodes(r, i);
  const inspected = today - (1 + Math.floor(r() * 180)) * DAY;
  const type = pick(r, TYPES);
  const inspectors = Array.from({ length: 2 + Math.floor(r() * 2) }, () => pick(r, SURNAMES) + pick(r, GIVEN));
  const clean = r() < 0.25;
  const count = clean ? 0 : 1 + Math.floor(r() * 4);
  const problems = Array.from({ length: count }, (_, k) => {
    const [hazardType, description] = pick(r, HAZARDS[type]);
    const level = 1 + Math.floor(r() ** 0.6 * 4); // fewer of the most severe 一级
    const outcome =
      level === 1
        ? pick(r, ['停工整改', '挂牌督办', '行政处罚', '局部停工整改'])
        : level === 2
          ? pick(r, ['局部停工整改', '限期整改', '限期整改'])
          : pick(r, ['立即整改', '限期整改', '限期整改']);
    const rect = rectification(stream(`rect:${i}:${k}:${revision}`), outcome, inspected, today);
    return {
      seq: k + 1,
      description,
      hazardSourceType: hazardType,
      riskLevel: level,
      outcome,
      deadline: outcome === '立即整改' ? null : rect.deadline,
      rectificationStatus: rect.status,
      rectifiedOn: rect.rectifiedOn,
      reviewedOn: rect.reviewedOn,
    };
  });
  const worst = problems.length ? OUTCOMES[Math.max(...problems.map((p) => OUTCOMES.indexOf(p.outcome)))] : '符合要求';
  const updated = inspected + (8 + Math.floor(r() * 10)) * 3600_000 + i;
  return {
    id: `ZLAQ${createHash('sha256').update(`${SEED}:id:${i}`).digest('hex').slice(0, 12).toUpperCase()}`,
    projectCode: codes.projectCode,
    permitNo: codes.permitNo ?? null,
    projectName: codes.projectName ?? null,
    inspectionDate: isoDate(inspected),
    type,
    inspectors,
    outcome: worst,
    problems,
    updatedAt: new Date(updated).toISOString(),
  };
}
