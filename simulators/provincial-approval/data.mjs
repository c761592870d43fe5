// SIMULATOR data: the fictional projects of the 湖北省工程建设项目审批管理系统 simulator. Deterministic:
// project i is derived from a hash of (seed, i); its units are enterprises of the market-platform
// simulator (simulators/provincial-market/data.mjs), so a unit's credit code is known there too.
import { DISTRICTS, enterpriseAt, hashBytes } from '../provincial-market/data.mjs';

export const SEED = 'provincial-approval-simulator';
export const PROJECT_COUNT = 200;
/** Units are drawn from the first enterprises of the market simulator (its default size). */
const ENTERPRISE_POOL = 2000;
const DAY = 86_400_000;

/** Points well inside each district (checked against the platform's district polygons by a test). */
export const DISTRICT_POINTS = {
  420202: [115.0658, 30.2229],
  420203: [115.11, 30.2049],
  420204: [114.9613, 30.1739],
  420205: [114.8916, 30.2031],
  420222: [115.2152, 29.8303],
  420281: [114.9804, 30.0961],
};

const PLACES = {
  420202: ['磁湖', '胜阳港', '沈家营', '江北', '花湖'],
  420203: ['黄思湾', '八泉', '临江', '河口', '澄月'],
  420204: ['团城山', '新下陆', '东方山', '长乐山', '肖铺'],
  420205: ['鹿獐山', '大王', '金山', '汪仁'],
  420222: ['兴国', '富池', '韦源口', '白沙', '浮屠', '枫林'],
  420281: ['东岳', '罗家桥', '金湖', '陈贵', '还地桥', '灵乡'],
};

/**
 * 项目类别 (provincial dictionary: 1 房建, 2 市政, 99 其他) with the 工程用途 and the 施工许可 专业分类
 * (positions 17–18 of the permit number) typical of it.
 */
const CATEGORIES = [
  { category: '1', purposes: ['居住建筑', '公共建筑', '工业建筑'], permitClass: '01', weight: 6 },
  { category: '2', purposes: ['道路', '桥梁', '给排水', '管廊'], permitClass: '18', weight: 3 },
  { category: '99', purposes: ['水利', '其他'], permitClass: '19', weight: 1 },
];

const NAME_PARTS = {
  居住建筑: ['安置房', '保障性住房', '人才公寓', '还建小区'],
  公共建筑: ['中学教学综合楼', '人民医院门诊楼', '文体中心', '幼儿园'],
  工业建筑: ['智能制造产业园厂房', '新材料产业园标准厂房', '物流仓储中心'],
  道路: ['大道改造', '路道路及配套管网'],
  桥梁: ['跨港大桥', '人行天桥'],
  给排水: ['片区雨污分流改造', '污水处理厂扩建'],
  管廊: ['综合管廊'],
  水利: ['港堤防加固', '泵站改造'],
  其他: ['公园景观提升', '河道生态修复'],
};

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '周', '吴', '胡'];
const GIVEN = ['建军', '海涛', '志刚', '文华', '晓峰', '国平', '卫东', '春生', '红梅', '立新'];

/** 参建类型 (provincial dictionary) in the order a permit lists the units, with the enterprise kind. */
export const UNIT_ROLES = [
  { role: '8', roleName: '建设单位', kind: 'builder' },
  { role: '9', roleName: '施工总承包单位', kind: 'contractor' },
  { role: '7', roleName: '监理单位', kind: 'supervisor' },
  { role: '10', roleName: '勘察单位', kind: 'surveyor' },
  { role: '11', roleName: '设计单位', kind: 'designer' },
];

const ymd = (ms) => new Date(ms).toISOString().slice(0, 10);

let pool = null;
/** The market simulator's first enterprises by kind (built once). */
function enterprisePool() {
  if (pool) return pool;
  pool = new Map(UNIT_ROLES.map((r) => [r.kind, []]));
  for (let i = 0; i < ENTERPRISE_POOL; i++) {
    const e = enterpriseAt(i, 0);
    pool.get(e.kind).push({ name: e.name, creditCode: e.creditCode, districtCode: e.districtCode });
  }
  return pool;
}

function pickWeighted(list, roll) {
  const total = list.reduce((s, x) => s + x.weight, 0);
  let r = roll % total;
  for (const x of list) if ((r -= x.weight) < 0) return x;
  return list[list.length - 1];
}

/**
 * The simulated projects (`count`, default PROJECT_COUNT), each with its four codes: 项目代码
 * (24 characters, GB/T 40058 form), 湖北省工建码 (17 digits as the platform issues it, serials from
 * 8000000 so they never meet the demo seed's), 施工许可证编号 (18 digits; none for a project still
 * 筹备/立项) and 省级项目编号 (16 digits).
 */
export function buildProjects(count = PROJECT_COUNT) {
  const enterprises = enterprisePool();
  const permitsPerDay = new Map();
  const names = new Set();
  const projects = [];
  for (let i = 0; i < count; i++) {
    const h = hashBytes(SEED, i);
    const district = DISTRICTS[i < DISTRICTS.length ? i : h[0] % DISTRICTS.length];
    const spec = pickWeighted(CATEGORIES, h[1]);
    const purpose = spec.purposes[h[2] % spec.purposes.length];
    const place = PLACES[district.code][h[3] % PLACES[district.code].length];
    const part = NAME_PARTS[purpose][h[4] % NAME_PARTS[purpose].length];
    const base = `${district.name}${place}${part}工程`;
    let name = base;
    for (let n = 2; names.has(name); n++) name = `${base}（${n}标段）`;
    names.add(name);

    const status = String(1 + (h[5] % 5)); // 1 筹备, 2 立项, 3 在建, 4 完工, 5 停工
    const year = 2022 + (h[6] % 4);
    const approved = Date.UTC(year, h[7] % 12, 1 + (h[8] % 28));
    const start = approved + (60 + (h[9] % 200)) * DAY;
    const duration = 300 + (((h[10] << 8) | h[11]) % 800);
    let permitNo = null;
    if (status !== '1' && status !== '2') {
      const day = ymd(start - (5 + (h[12] % 30)) * DAY).replaceAll('-', '');
      const key = `${district.code}${day}`;
      const seq = (permitsPerDay.get(key) ?? 0) + 1;
      permitsPerDay.set(key, seq);
      permitNo = `${key}${String(seq).padStart(2, '0')}${spec.permitClass}`;
    }
    const [lng, lat] = DISTRICT_POINTS[district.code];
    const units = UNIT_ROLES.map(({ role, roleName, kind }, k) => {
      const candidates = enterprises.get(kind);
      const e = candidates[(h[13 + k] * 251 + i * 7) % candidates.length];
      return {
        role,
        roleName,
        name: e.name,
        creditCode: e.creditCode,
        projectLeader: SURNAMES[h[18 + k] % SURNAMES.length] + GIVEN[h[23 + k] % GIVEN.length],
      };
    });
    projects.push({
      codes: {
        investmentCode: `${year}-${district.code}-${['47', '48', '50'][h[28] % 3]}-0${1 + (h[29] % 3)}-${String(h[30] % 100).padStart(2, '0')}${String(1000 + i).slice(-4)}`,
        hubeiCode: `${district.code}${year}${String(8_000_000 + i)}`,
        permitNo,
        provincialNo: `${district.code}${year}${String(100_001 + i)}`,
      },
      name,
      category: spec.category,
      purpose,
      nature: String(1 + (h[31] % 3)), // 1 新建, 2 改建, 3 扩建
      status,
      districtCode: district.code,
      address: `${district.city}${district.roads[h[14] % district.roads.length]}${1 + (h[15] % 400)}号`,
      location: {
        lng: Math.round((lng + ((h[16] % 41) - 20) * 0.0002) * 1e6) / 1e6,
        lat: Math.round((lat + ((h[17] % 41) - 20) * 0.0002) * 1e6) / 1e6,
      },
      approvedDate: ymd(approved),
      startDate: permitNo ? ymd(start) : null,
      plannedEndDate: ymd(start + duration * DAY),
      totalInvestment: 500 + (((h[19] << 8) | h[20]) % 60000),
      area: spec.category === '1' ? 3000 + (((h[21] << 8) | h[22]) % 150000) : null,
      units,
    });
  }
  return projects;
}
