// SIMULATOR data: the fictional enterprises of the 湖北省建筑市场监督与诚信一体化平台 simulator,
// shared with the 工程建设项目审批管理系统 simulator (whose project units are these enterprises).
// Deterministic: enterprise i is derived from a hash of (seed, i), so the first 2,000 of a
// 10,000-enterprise run are the same 2,000 a default run serves.
import { createHash } from 'node:crypto';

export const SEED = 'provincial-market-simulator';
const DAY = 86_400_000;

/** Base of the simulated updatedAt values: every enterprise was last changed in 2025 or 2026 before touches. */
const UPDATED_BASE = Date.UTC(2025, 0, 1);

export const DISTRICTS = [
  { code: '420202', name: '黄石港区', city: '黄石市黄石港区', roads: ['湖滨大道', '天津路', '武汉路', '颐阳路'] },
  { code: '420203', name: '西塞山区', city: '黄石市西塞山区', roads: ['黄思湾路', '青山湖路', '西塞路', '八泉街'] },
  { code: '420204', name: '下陆区', city: '黄石市下陆区', roads: ['杭州西路', '长乐大道', '肖铺路', '团城山路'] },
  { code: '420205', name: '铁山区', city: '黄石市铁山区', roads: ['铁山大道', '金山大道', '鹿獐山路'] },
  { code: '420222', name: '阳新县', city: '阳新县', roads: ['富川大道', '园林路', '兴国大道', '城东大道'] },
  { code: '420281', name: '大冶市', city: '大冶市', roads: ['新冶大道', '雨润大道', '东岳路', '罗桥大道'] },
];

/**
 * Kinds of enterprise, each with the qualifications the platform lists for it. `role` is the 参建类型
 * it takes on a project (provincial dictionary: 8 建设, 9 总承包, 7 监理, 10 勘察, 11 设计).
 */
export const KINDS = [
  {
    kind: 'contractor',
    role: '9',
    suffixes: ['建设工程有限公司', '建筑工程有限公司', '建设集团有限公司', '建工有限公司'],
    qualifications: [
      { letter: 'D', category: '建筑工程施工总承包', grades: ['特级', '一级', '二级', '三级'] },
      { letter: 'D', category: '市政公用工程施工总承包', grades: ['一级', '二级', '三级'] },
      { letter: 'D', category: '地基基础工程专业承包', grades: ['一级', '二级', '三级'] },
    ],
  },
  {
    kind: 'supervisor',
    role: '7',
    suffixes: ['工程监理有限公司', '建设监理有限公司', '工程咨询监理有限公司'],
    qualifications: [
      { letter: 'E', category: '房屋建筑工程监理', grades: ['甲级', '乙级', '丙级'] },
      { letter: 'E', category: '市政公用工程监理', grades: ['甲级', '乙级'] },
    ],
  },
  {
    kind: 'surveyor',
    role: '10',
    suffixes: ['勘察测绘有限公司', '岩土工程勘察有限公司', '工程勘察院有限公司'],
    qualifications: [
      { letter: 'B', category: '工程勘察专业类（岩土工程）', grades: ['甲级', '乙级'] },
      { letter: 'B', category: '工程勘察专业类（工程测量）', grades: ['甲级', '乙级'] },
    ],
  },
  {
    kind: 'designer',
    role: '11',
    suffixes: ['建筑设计研究院有限公司', '工程设计有限公司', '规划建筑设计院有限公司'],
    qualifications: [
      { letter: 'A', category: '建筑行业（建筑工程）', grades: ['甲级', '乙级'] },
      { letter: 'A', category: '市政行业（道路工程）', grades: ['甲级', '乙级'] },
    ],
  },
  {
    kind: 'builder',
    role: '8',
    suffixes: ['城市建设投资有限公司', '房地产开发有限公司', '置业有限公司', '城乡发展有限公司'],
    qualifications: [{ letter: 'F', category: '房地产开发企业', grades: ['一级', '二级'] }],
  },
];

/**
 * The demo enterprises of the platform's seed (packages/kit/src/demo-data.ts) as the province knows
 * them, so the demo's lookups find them. One differs on purpose: the province has 湖北磁湖建工 under
 * its new name, which the platform's lookup shows as a conflict with the stored name.
 */
export const DEMO_KNOWN = [
  ['91420202TA4J35AF9G', '黄石市鼎盛建设集团有限公司', '黄石市黄石港区湖滨大道88号', '王建国', 'contractor'],
  ['91420202G8NQDE0RHJ', '湖北磁湖建工集团有限公司', '黄石市黄石港区天津路16号', '李明华', 'contractor'],
  ['914202039EKL266YR2', '黄石华新市政工程有限公司', null, null, 'contractor'],
  ['914202811HQEDF3EQD', '大冶市楚天建筑工程有限公司', null, null, 'contractor'],
  ['914202224WQ4PB7HJM', '阳新县富河建设有限公司', null, null, 'contractor'],
  ['91420204YJMXX6EWXK', '黄石市团城山建设监理有限公司', null, null, 'supervisor'],
  ['914202026QAFW3YYGH', '湖北东楚工程监理咨询有限公司', null, null, 'supervisor'],
  ['91420204U88NP6571C', '黄石市勘察测绘研究院有限公司', null, null, 'surveyor'],
  ['914202024GX92YW263', '湖北黄石建筑设计研究院有限公司', null, null, 'designer'],
  ['91420205HXFQ9Y7Q39', '黄石市铁山区城乡开发建设有限公司', null, null, 'builder'],
  ['914202057CC7GDWUF1', '黄石经济技术开发区城市建设投资有限公司', null, null, 'builder'],
  ['91420281J0CTG8QGXD', '大冶市城市建设投资开发有限公司', null, null, 'builder'],
  ['91420222AT32TN4DBA', '阳新县城市建设投资有限公司', null, null, 'builder'],
  ['91420203NM0KW8P8WN', '黄石市消防工程安装有限公司', null, null, 'contractor'],
];

const WORDS_A = ['鼎', '恒', '华', '宏', '盛', '安', '泰', '兴', '远', '达', '顺', '通', '信', '诚', '建', '楚'];
const WORDS_B = ['力', '通', '达', '基', '源', '晟', '业', '城', '邦', '润', '丰', '锦', '冠', '广', '瑞', '正'];
const PREFIXES = ['黄石市', '湖北', '大冶市', '阳新县', '黄石'];
/** With A, B and the prefix, makes every generated name unique for the first 10,240 indexes. */
const WORDS_C = ['', '东方', '长江', '华中', '新世纪', '江南', '中天', '宏图'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '胡', '朱', '高', '林'];
const GIVEN = ['建国', '明华', '志强', '海波', '文斌', '晓东', '国庆', '俊', '丽', '伟', '军', '芳', '涛', '勇', '静'];

/** GB 32100 code characters (no I, O, S, V, Z). */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export function creditCheckChar(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]) * CREDIT_WEIGHTS[i];
  return CHARSET[(31 - (sum % 31)) % 31];
}

function orgCheckChar(body8) {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8[i];
    sum += (c >= '0' && c <= '9' ? Number(c) : c.charCodeAt(0) - 55) * ORG_WEIGHTS[i];
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

export function hashBytes(...parts) {
  return createHash('sha256').update(parts.join(':')).digest();
}

/** A valid 统一社会信用代码 (91 企业 + division + organisation code + check) from hash bytes. */
function creditCode(district, h) {
  let body = '';
  for (let i = 0; i < 8; i++) body += CHARSET[h[8 + i] % CHARSET.length];
  const first17 = `91${district}${body}${orgCheckChar(body)}`;
  return first17 + creditCheckChar(first17);
}

const kindOf = (name) => KINDS.find((k) => k.kind === name);

/**
 * Qualifications of enterprise `index` relative to `today` (UTC midnight ms): validity from 200 days
 * ago to four years ahead, so about one in twelve is expired and one in sixteen expires within 90 days.
 */
function qualifications(index, kind, h, today, revision) {
  const count = kind.kind === 'builder' ? 1 : 1 + (h[20] % 2);
  const list = [];
  for (let q = 0; q < count; q++) {
    const spec = kind.qualifications[(h[21] + q) % kind.qualifications.length];
    const grade = spec.grades[(h[22 + q] + revision) % spec.grades.length];
    const offsetDays = (((h[24 + q] << 8) | h[26 + q]) % 1660) - 200 + revision * 365;
    list.push({
      certificateNo: `${spec.letter}3${42}${String(index * 3 + q).padStart(6, '0')}`,
      category: spec.category,
      grade,
      validUntil: new Date(today + offsetDays * DAY).toISOString().slice(0, 10),
    });
  }
  return list;
}

/** UTC midnight of a date, in ms. */
export const utcDay = (date) => Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());

/**
 * Enterprise `index` as first published (revision 0). `id` is the platform's own record id
 * (ENT + 8 digits); updatedAt lies in 2025 and the ids' order is not the updatedAt order.
 */
export function enterpriseAt(index, today = utcDay(new Date()), revision = 0) {
  const h = hashBytes(SEED, index);
  const demo = DEMO_KNOWN[index];
  const kind = kindOf(demo ? demo[4] : KINDS[h[0] % KINDS.length].kind);
  const district = DISTRICTS[h[1] % DISTRICTS.length];
  const name = demo
    ? demo[1]
    : `${PREFIXES[Math.floor(index / 256) % PREFIXES.length]}${WORDS_A[index % 16]}${WORDS_B[Math.floor(index / 16) % 16]}` +
      `${WORDS_C[Math.floor(index / 1280) % WORDS_C.length]}${kind.suffixes[h[9] % kind.suffixes.length]}`;
  const legal = SURNAMES[h[2] % SURNAMES.length] + GIVEN[(h[3] + revision) % GIVEN.length];
  return {
    id: `ENT${String(index + 1).padStart(8, '0')}`,
    name,
    creditCode: demo ? demo[0] : creditCode(district.code, h),
    registeredAddress:
      demo?.[2] ?? `${district.city}${district.roads[h[4] % district.roads.length]}${1 + (h[5] % 300)}号`,
    legalRepresentative: demo?.[3] ?? legal,
    kind: kind.kind,
    role: kind.role,
    districtCode: demo ? demo[0].slice(2, 8) : district.code,
    updatedAt: new Date(UPDATED_BASE + (((h[6] << 16) | (h[7] << 8) | h[30]) % (500 * 1440)) * 60_000).toISOString(),
    qualifications: qualifications(index, kind, h, today, revision),
  };
}
