import { checkCreditCode, DEMO_ENTERPRISES, rectangleAround } from '@hs/kit';
import { describe, expect, it } from 'vitest';
import { loadDistrictRecords } from '../src/districts/district-data.js';
import { buildCreditCode, organisationCodeCheckChar } from '../src/enterprises/credit-code.js';
import { checkEnterprise } from '../src/enterprises/enterprise.rules.js';
import { ProjectStatus, UnitRole } from '../src/projects/project.enums.js';
import {
  checkLocationInDistrict,
  checkPermitCode,
  checkProjectCode,
  checkProjectFields,
  checkSiteBoundary,
  checkUnits,
  checkInvestmentCode,
  checkProvincialCode,
  codeKinds,
  normaliseCode,
  type ProjectDraft,
} from '../src/projects/project.rules.js';
import { mulberry32 } from '../src/seed/prng.js';

const daye = loadDistrictRecords().find((d) => d.code === '420281')!;
const hsg = loadDistrictRecords().find((d) => d.code === '420202')!;

const draft = (overrides: Partial<ProjectDraft> = {}): ProjectDraft => ({
  projectCode: '42028120250001234',
  permitCode: '420281202503150101',
  investmentCode: null,
  provincialCode: null,
  name: '大冶市人民医院门诊综合楼',
  districtCode: '420281',
  address: '大冶市东岳路街道新冶大道1号',
  location: { lng: 114.98, lat: 30.096 },
  siteBoundary: null,
  status: ProjectStatus.UNDER_CONSTRUCTION,
  startDate: '2025-03-20',
  plannedEndDate: '2027-06-30',
  completedDate: null,
  contractAmount: 12345.67,
  area: 45000,
  ...overrides,
});

describe('3.1.1 project codes', () => {
  it('tells the kinds of code by their shape; a 省级项目编号 is opaque', () => {
    expect(codeKinds('42020220250000123')).toEqual(['projectCode', 'provincialCode']);
    expect(codeKinds('420202202503150101')).toEqual(['permitCode', 'provincialCode']);
    expect(codeKinds('2025-420202-47-01-123456')).toEqual(['investmentCode', 'provincialCode']);
    expect(codeKinds('4202')).toEqual(['provincialCode']);
    expect(codeKinds('42!')).toEqual([]);
    expect(normaliseCode(' ４２０２０２ 2025 0000123 ')).toBe('42020220250000123');
  });

  it('checks a 项目代码 by its form, year and 湖北 division, a 省级项目编号 by its characters', () => {
    expect(checkInvestmentCode('2025-420202-47-01-123456')).toBeNull();
    expect(checkInvestmentCode('2025-420202-47-01-12345')).toMatch(/24位/);
    expect(checkInvestmentCode('1899-420202-47-01-123456')).toMatch(/年份/);
    expect(checkInvestmentCode('2025-110101-47-01-123456')).toMatch(/湖北/);
    expect(checkProvincialCode('4202022025100001')).toBeNull();
    expect(checkProvincialCode('编号1')).toMatch(/字母/);
  });

  it('checks the division, year and date parts', () => {
    expect(checkProjectCode('42028120250001234', '420281')).toBeNull();
    expect(checkProjectCode('42020020250001234', '420281')).toBeNull(); // city-level code
    expect(checkProjectCode('42010620250001234', null)).toMatch(/黄石市/);
    expect(checkProjectCode('42020220250001234', '420281')).toMatch(/不一致/);
    expect(checkProjectCode('42028118000001234', '420281')).toMatch(/年份/);
    expect(checkPermitCode('420281202503150101', '420281')).toBeNull();
    expect(checkPermitCode('420281202502300101', '420281')).toMatch(/日期/);
    expect(checkPermitCode('42028120250315010', '420281')).toMatch(/18位/);
  });
});

describe('project field rules', () => {
  it('a complete draft passes', () => {
    expect(checkProjectFields(draft())).toEqual([]);
  });

  it('at least one of the four codes', () => {
    expect(checkProjectFields(draft({ projectCode: null, permitCode: null }))).toContainEqual({
      field: 'projectCode',
      message: '湖北省工建码、施工许可证编码、项目代码和省级项目编号至少填写一项',
    });
    expect(checkProjectFields(draft({ projectCode: null }))).toEqual([]);
    expect(
      checkProjectFields(draft({ projectCode: null, permitCode: null, investmentCode: '2025-420281-47-01-000001' })),
    ).toEqual([]);
  });

  it('status and dates agree', () => {
    const fields = (d: Partial<ProjectDraft>) => checkProjectFields(draft(d)).map((i) => i.field);
    expect(fields({ startDate: null })).toEqual(['startDate']);
    expect(fields({ status: ProjectStatus.COMPLETED })).toEqual(['completedDate']);
    expect(fields({ completedDate: '2027-01-01' })).toEqual(['completedDate']);
    expect(fields({ plannedEndDate: '2024-01-01' })).toEqual(['plannedEndDate']);
    expect(fields({ startDate: '2025-02-30' })).toEqual(['startDate']);
    expect(fields({ contractAmount: -1, area: Number.POSITIVE_INFINITY })).toEqual(['contractAmount', 'area']);
    expect(fields({ name: '楼', address: null })).toEqual(['name', 'address']);
  });

  it('location inside the district polygon', () => {
    expect(checkLocationInDistrict({ lng: 114.980424, lat: 30.096147 }, daye.name, daye.boundary)).toBeNull();
    expect(checkLocationInDistrict({ lng: 115.08, lat: 30.22 }, daye.name, daye.boundary)).toEqual({
      field: 'location',
      message: '项目位置不在大冶市行政区域范围内，请核对经纬度',
    });
  });
});

describe('site fence (电子围栏) rules', () => {
  const fence = rectangleAround([115.08, 30.22], 120, 80);
  it('accepts a closed rectangle in the district', () => {
    const result = checkSiteBoundary(fence, hsg);
    expect(result.issues).toEqual([]);
    expect(result.polygon).toEqual(fence);
  });

  it('rejects open rings, too few points, wrong types, bow-ties and fences outside the district', () => {
    const ring = fence.coordinates[0];
    const msg = (value: unknown) => checkSiteBoundary(value, hsg).issues[0]?.message;
    expect(msg({ type: 'Polygon', coordinates: [ring.slice(0, 4)] })).toMatch(/未闭合/);
    expect(msg({ type: 'Polygon', coordinates: [[ring[0], ring[1], ring[0]]] })).toMatch(/至少需要4个/);
    expect(msg({ type: 'Point', coordinates: [115.08, 30.22] })).toMatch(/Polygon/);
    expect(msg({ type: 'Polygon', coordinates: [[ring[0], ring[2], ring[1], ring[3], ring[0]]] })).toMatch(/自相交/);
    expect(
      msg({
        type: 'Polygon',
        coordinates: [
          [
            [200, 0],
            [201, 0],
            [201, 1],
            [200, 0],
          ],
        ],
      }),
    ).toMatch(/无效的经纬度/);
    expect(msg(rectangleAround([114.3, 30.59], 100, 100))).toMatch(/超出黄石港区/);
    expect(checkSiteBoundary(fence, hsg).issues.every((i) => i.field === 'siteBoundary')).toBe(true);
  });
});

describe('unit rules', () => {
  it('no enterprise twice in the same role', () => {
    const id = '6f1c4a52-1d59-5f4e-9d8e-0a0b0c0d0e0f';
    expect(checkUnits([{ enterpriseId: id, role: UnitRole.BUILDER, projectLeader: null }])).toEqual([]);
    expect(
      checkUnits([
        { enterpriseId: id, role: UnitRole.BUILDER, projectLeader: null },
        { enterpriseId: id, role: UnitRole.BUILDER, projectLeader: null },
      ])[0],
    ).toEqual({ field: 'units.1.enterpriseId', message: '同一企业不能重复登记为建设单位' });
    expect(checkUnits([{ enterpriseId: 'x', role: UnitRole.BUILDER, projectLeader: null }])[0].field).toBe(
      'units.0.enterpriseId',
    );
  });
});

describe('enterprise rules (3.1.2)', () => {
  const valid = {
    creditCode: DEMO_ENTERPRISES[0].creditCode,
    name: '黄石市鼎盛建设集团有限公司',
    registeredAddress: null,
    legalRepresentative: null,
    districtCode: '420202',
    qualifications: [],
  };
  it('accepts the demo enterprises', () => {
    for (const e of DEMO_ENTERPRISES) {
      expect(
        checkEnterprise({ ...valid, creditCode: e.creditCode, name: e.name, districtCode: e.districtCode }).issues,
      ).toEqual([]);
    }
  });

  it('explains what is wrong, per field', () => {
    const issues = checkEnterprise({
      ...valid,
      creditCode: '91420202TA4J35AF9H',
      districtCode: '4202',
      qualifications: [{ name: '', grade: '一级', certificateNo: 'D1', validUntil: '2030-13-01' }],
    }).issues;
    expect(issues).toEqual([
      { field: 'creditCode', message: '统一社会信用代码校验位错误' },
      { field: 'districtCode', message: '注册地行政区划代码应为6位数字' },
      { field: 'qualifications.0.name', message: '资质名称不能为空' },
      { field: 'qualifications.0.validUntil', message: '资质有效期格式应为 YYYY-MM-DD 且为有效日期' },
    ]);
  });
});

describe('generated credit codes (seed)', () => {
  it('are valid GB 32100 codes with a valid GB 11714 organisation code inside', () => {
    const random = mulberry32(7);
    for (let i = 0; i < 500; i++) {
      const code = buildCreditCode(i % 2 ? '420281' : '420106', random);
      expect(checkCreditCode(code), code).toEqual({ ok: true, value: code });
      expect(organisationCodeCheckChar(code.slice(8, 16))).toBe(code[16]);
    }
  });

  it('organisation code check character, worked by hand', () => {
    // Σ ci·wi = 1·3 + 2·7 + 3·9 + 4·10 + 5·5 + 6·8 + 7·4 + 8·2 = 201; 201 mod 11 = 3; 11 − 3 = 8.
    expect(organisationCodeCheckChar('12345678')).toBe('8');
  });
});
