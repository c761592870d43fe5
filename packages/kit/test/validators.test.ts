import { describe, it, expect } from 'vitest';
import {
  HUANGSHI_DIVISIONS,
  assertCreditCode,
  assertDivision,
  assertIdCard,
  assertMobile,
  checkCreditCode,
  checkDivision,
  checkIdCard,
  checkMobile,
  computeCreditCodeCheckChar,
  computeIdCardCheckChar,
  findHuangshiDivision,
  idCardBirthDate,
  idCardSex,
  isHuangshiDivision,
  isValidCreditCode,
  isValidDivision,
  isValidIdCard,
  isValidMobile,
} from '../src/validators/index.js';

/** Runs `fn`, expecting a BAD_USER_INPUT error; returns it for further checks. */
function thrown(fn: () => unknown): { message: string; extensions: Record<string, unknown> } {
  try {
    fn();
  } catch (err) {
    return err as { message: string; extensions: Record<string, unknown> };
  }
  throw new Error('expected an error');
}

const reasonOf = (r: { ok: boolean; reason?: string }) => (r.ok ? null : r.reason);

// ---------------------------------------------------------------- 统一社会信用代码

/**
 * Check character written independently of the implementation: the weights are computed as
 * 3^(i-1) mod 31 (how GB 32100 derives them) rather than read from a table.
 */
function referenceCreditCheck(first17: string): string {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let sum = 0;
  let w = 1;
  for (const c of first17) {
    sum += charset.indexOf(c) * w;
    w = (w * 3) % 31;
  }
  const c18 = 31 - (sum % 31);
  return charset[c18 === 31 ? 0 : c18];
}

/**
 * Real codes. The first is the example printed in GB 32100-2015; the others are codes the
 * organisations publish (business licences, invoice headers, listed-company reports). Each was
 * checked against this implementation and against the reference function above before being kept.
 */
const REAL_CREDIT_CODES: Array<[string, string]> = [
  ['91350100M000100Y43', 'GB 32100-2015 示例'],
  ['914403001922038216', '华为技术有限公司'],
  ['9144030071526726XG', '腾讯科技（深圳）有限公司'],
  ['91330100799655058B', '阿里巴巴（中国）有限公司'],
  ['91110000802100433B', '北京百度网讯科技有限公司'],
  ['91110108551385082Q', '小米科技有限责任公司'],
  ['91440300192317458F', '比亚迪股份有限公司'],
  ['9144030027939873X7', '中兴通讯股份有限公司'],
  ['91520000214434146R', '中航重机股份有限公司'],
  ['91100000100003962T', '中国工商银行股份有限公司（国家级登记机关，区划码 100000）'],
  ['911100001000044477', '中国建设银行股份有限公司'],
  ['12100000400000624D', '清华大学（机构编制 / 事业单位）'],
  ['53100000500021676K', '北京理工大学教育基金会（民政 / 基金会）'],
];

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it.each(REAL_CREDIT_CODES)('accepts the real code %s (%s)', (code) => {
    expect(isValidCreditCode(code)).toBe(true);
    expect(checkCreditCode(code)).toEqual({ ok: true, value: code });
    expect(referenceCreditCheck(code.slice(0, 17))).toBe(code[17]);
    expect(computeCreditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it('normalises: trims, upper-cases, folds full-width characters', () => {
    expect(assertCreditCode('  91350100m000100y43 ')).toBe('91350100M000100Y43');
    expect(assertCreditCode('９１３５０１００Ｍ０００１００Ｙ４３')).toBe('91350100M000100Y43');
    expect(assertCreditCode('9144030071526726xg')).toBe('9144030071526726XG');
  });

  it('rejects every wrong check character, saying so', () => {
    for (const [code] of REAL_CREDIT_CODES) {
      for (const c of '0123456789ABCDEFGHJKLMNPQRTUWXY') {
        if (c === code[17]) continue;
        const r = checkCreditCode(code.slice(0, 17) + c);
        expect(reasonOf(r)).toBe('统一社会信用代码校验位错误');
      }
    }
  });

  it('detects a single changed character in the body', () => {
    // 91350100M000100Y43 with position 10 changed 0 → 1: check character no longer matches.
    expect(reasonOf(checkCreditCode('91350100M100100Y43'))).toBe('统一社会信用代码校验位错误');
    // Two adjacent different characters swapped (914403001922038216, positions 9 and 10): the weights
    // differ mod 31, which is prime, so every such swap changes the sum.
    expect(reasonOf(checkCreditCode('914403009122038216'))).toBe('统一社会信用代码校验位错误');
  });

  it('rejects the forbidden letters I, O, Z, S, V', () => {
    for (const letter of 'IOZSV') {
      const r = checkCreditCode(`91350100M000100${letter}43`);
      expect(r.ok).toBe(false);
      expect(reasonOf(r)).toContain('不能包含字母I、O、Z、S、V');
      expect(reasonOf(r)).toContain('第16位');
    }
    // O where a 0 was meant: the common typo.
    expect(isValidCreditCode('91350100MO00100Y43')).toBe(false);
  });

  it('rejects other invalid characters', () => {
    expect(reasonOf(checkCreditCode('91350100M000100Y4*'))).toBe('统一社会信用代码第18位含有无效字符“*”');
    expect(reasonOf(checkCreditCode('91350100M000-00Y43'))).toContain('无效字符');
  });

  it('rejects the wrong length, giving the length', () => {
    expect(reasonOf(checkCreditCode('91350100M000100Y4'))).toBe('统一社会信用代码应为18位，当前为17位');
    expect(reasonOf(checkCreditCode('91350100M000100Y433'))).toBe('统一社会信用代码应为18位，当前为19位');
    // The old 15-digit business registration number is not a credit code.
    expect(isValidCreditCode('110108000673293')).toBe(false);
  });

  it('rejects empty and non-string input', () => {
    expect(reasonOf(checkCreditCode(''))).toBe('统一社会信用代码不能为空');
    expect(reasonOf(checkCreditCode('   '))).toBe('统一社会信用代码不能为空');
    expect(reasonOf(checkCreditCode(null))).toBe('统一社会信用代码不能为空');
    expect(reasonOf(checkCreditCode(undefined))).toBe('统一社会信用代码不能为空');
    expect(reasonOf(checkCreditCode(914403001))).toBe('统一社会信用代码不能为空');
  });

  /** A code with the given first 8 characters and a correct check character. */
  const withCheck = (first8: string) => {
    const first17 = first8 + '71093123X';
    return first17 + referenceCreditCheck(first17);
  };

  it('checks the registration authority and category against the standard table', () => {
    expect(isValidCreditCode(withCheck('91420200'))).toBe(true); // 工商 / 企业, 黄石
    expect(isValidCreditCode(withCheck('92420281'))).toBe(true); // 工商 / 个体工商户, 大冶
    expect(isValidCreditCode(withCheck('93420222'))).toBe(true); // 工商 / 农民专业合作社, 阳新
    expect(isValidCreditCode(withCheck('N2420222'))).toBe(true); // 农业 / 村级集体经济组织
    expect(isValidCreditCode(withCheck('A1110000'))).toBe(true); // 中央军委改革和编制办公室 / 军队事业单位
    expect(isValidCreditCode(withCheck('Y1420200'))).toBe(true); // 其他
    expect(isValidCreditCode(withCheck('31420202'))).toBe(true); // 司法行政 / 律师执业机构

    expect(reasonOf(checkCreditCode(withCheck('B1420200')))).toBe('统一社会信用代码第1位（登记管理部门码）无效');
    expect(reasonOf(checkCreditCode(withCheck('01420200')))).toBe('统一社会信用代码第1位（登记管理部门码）无效');
    expect(reasonOf(checkCreditCode(withCheck('94420200')))).toBe('统一社会信用代码第2位（机构类别码）无效');
    expect(reasonOf(checkCreditCode(withCheck('99420200')))).toBe('统一社会信用代码第2位（机构类别码）无效');
    expect(reasonOf(checkCreditCode(withCheck('Y9420200')))).toBe('统一社会信用代码第2位（机构类别码）无效');
    expect(reasonOf(checkCreditCode(withCheck('36420200')))).toBe('统一社会信用代码第2位（机构类别码）无效');
  });

  it('checks positions 3–8 as a division code', () => {
    expect(reasonOf(checkCreditCode(withCheck('9142A200')))).toBe(
      '统一社会信用代码第3至8位（登记管理机关行政区划码）应为6位数字',
    );
    expect(reasonOf(checkCreditCode(withCheck('91990000')))).toBe(
      '统一社会信用代码第3至8位（登记管理机关行政区划码）无效',
    );
    expect(reasonOf(checkCreditCode(withCheck('91000000')))).toBe(
      '统一社会信用代码第3至8位（登记管理机关行政区划码）无效',
    );
  });

  it('assertCreditCode throws BAD_USER_INPUT with the field', () => {
    const err = thrown(() => assertCreditCode('91350100M000100Y44', 'contractorCreditCode'));
    expect(err.message).toBe('统一社会信用代码校验位错误');
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'contractorCreditCode' });
    expect(thrown(() => assertCreditCode('')).extensions).toMatchObject({ field: 'creditCode' });
  });
});

// ---------------------------------------------------------------- 居民身份证号

/**
 * GB 11643-1999 check character written independently: weights Wi = 2^(i-1) mod 11 counted from
 * the right-hand end (i = 18 … 2), check a18 such that Σ ai·Wi ≡ 1 (mod 11), i.e. a18 = (12 − S mod 11) mod 11.
 */
function referenceIdCheck(first17: string): string {
  let s = 0;
  for (let pos = 0; pos < 17; pos++) s += Number(first17[pos]) * (2 ** (17 - pos) % 11);
  const a18 = (12 - (s % 11)) % 11;
  return a18 === 10 ? 'X' : String(a18);
}

const idOf = (first17: string) => first17 + referenceIdCheck(first17);

describe('居民身份证号 (GB 11643-1999)', () => {
  it('accepts the example printed in the standard, 11010519491231002X', () => {
    expect(referenceIdCheck('11010519491231002')).toBe('X');
    expect(checkIdCard('11010519491231002X')).toEqual({ ok: true, value: '11010519491231002X' });
    expect(idCardBirthDate('11010519491231002X')).toBe('1949-12-31');
    expect(idCardSex('11010519491231002X')).toBe('female');
  });

  it("the standard's second example (born 1880) has a valid check digit but is before 1900", () => {
    // GB 11643-1999 also prints 440524188001010014 (male, 1880-01-01); this platform accepts births from 1900.
    expect(referenceIdCheck('44052418800101001')).toBe('4');
    expect(computeIdCardCheckChar('44052418800101001')).toBe('4');
    expect(reasonOf(checkIdCard('440524188001010014'))).toBe('身份证号出生日期无效');
  });

  it('accepts numbers built by hand with the independent algorithm', () => {
    const cases: Array<[string, string, 'male' | 'female']> = [
      // The masking example of the brief; its last 4 digits happen not to carry the right check digit.
      [idOf('42020219900101123'), '1990-01-01', 'male'],
      [idOf('42028119851231004'), '1985-12-31', 'female'],
      [idOf('42022220000229001'), '2000-02-29', 'male'], // leap day of a year divisible by 400
      [idOf('42020419000101002'), '1900-01-01', 'female'], // the earliest accepted day
      [idOf('81000019991231003'), '1999-12-31', 'male'], // 香港
      [idOf('71000019800101004'), '1980-01-01', 'female'], // 台湾
      [idOf('65010220100615005'), '2010-06-15', 'male'], // 新疆
    ];
    for (const [id, birth, sex] of cases) {
      expect(computeIdCardCheckChar(id.slice(0, 17))).toBe(id[17]);
      expect(isValidIdCard(id)).toBe(true);
      expect(idCardBirthDate(id)).toBe(birth);
      expect(idCardSex(id)).toBe(sex);
    }
    expect(idOf('42020219900101123')).not.toBe('420202199001011234');
    expect(reasonOf(checkIdCard('420202199001011234'))).toBe('身份证号校验位错误');
  });

  it('produces every check character, X included', () => {
    const seen = new Set<string>();
    for (let seq = 0; seq < 200 && seen.size < 11; seq++) {
      const id = idOf(`42020219900101${String(seq).padStart(3, '0')}`);
      expect(isValidIdCard(id)).toBe(true);
      seen.add(id[17]);
    }
    expect([...seen].sort().join('')).toBe('0123456789X');
  });

  it('accepts a lower-case x and normalises it to X', () => {
    expect(assertIdCard('11010519491231002x')).toBe('11010519491231002X');
    expect(assertIdCard(' 11010519491231002x\t')).toBe('11010519491231002X');
    expect(assertIdCard('１１０１０５１９４９１２３１００２Ｘ')).toBe('11010519491231002X');
  });

  it('rejects a wrong check character', () => {
    for (const c of '0123456789') expect(reasonOf(checkIdCard(`11010519491231002${c}`))).toBe('身份证号校验位错误');
    // A transposition of two digits.
    expect(isValidIdCard('11010591491231002X')).toBe(false);
  });

  it('rejects dates that are not on the calendar', () => {
    expect(reasonOf(checkIdCard(idOf('42020219990230123')))).toBe('身份证号出生日期无效'); // 1999-02-30
    expect(reasonOf(checkIdCard(idOf('42020219990229123')))).toBe('身份证号出生日期无效'); // 1999 not leap
    expect(reasonOf(checkIdCard(idOf('42020219000229123')))).toBe('身份证号出生日期无效'); // 1900 not leap
    expect(reasonOf(checkIdCard(idOf('42020219991301123')))).toBe('身份证号出生日期无效'); // month 13
    expect(reasonOf(checkIdCard(idOf('42020219990001123')))).toBe('身份证号出生日期无效'); // month 0
    expect(reasonOf(checkIdCard(idOf('42020219990100123')))).toBe('身份证号出生日期无效'); // day 0
    expect(reasonOf(checkIdCard(idOf('42020219990431123')))).toBe('身份证号出生日期无效'); // 30-day month
    expect(reasonOf(checkIdCard(idOf('42020218991231123')))).toBe('身份证号出生日期无效'); // before 1900
  });

  it('rejects birth dates in the future (China time)', () => {
    expect(reasonOf(checkIdCard(idOf('42020229990101123')))).toContain('身份证号出生日期无效');
    const tomorrow = new Date(Date.now() + 8 * 3600_000 + 24 * 3600_000);
    const ymd = `${tomorrow.getUTCFullYear()}${String(tomorrow.getUTCMonth() + 1).padStart(2, '0')}${String(tomorrow.getUTCDate()).padStart(2, '0')}`;
    expect(isValidIdCard(idOf(`420202${ymd}123`))).toBe(false);

    // 2024-06-01 16:30 UTC is already 2024-06-02 00:30 in 黄石.
    const now = new Date(Date.UTC(2024, 5, 1, 16, 30));
    expect(checkIdCard(idOf('42020220240602123'), { now }).ok).toBe(true);
    expect(reasonOf(checkIdCard(idOf('42020220240603123'), { now }))).toBe('身份证号出生日期无效：不能晚于今天');
    expect(checkIdCard(idOf('42020220240602123'), { now: new Date(Date.UTC(2024, 5, 1, 15, 59)) }).ok).toBe(false);
  });

  it('rejects an unknown province code', () => {
    for (const p of [
      '00',
      '10',
      '16',
      '20',
      '24',
      '30',
      '38',
      '40',
      '47',
      '49',
      '55',
      '60',
      '66',
      '70',
      '72',
      '80',
      '83',
      '91',
      '99',
    ]) {
      expect(reasonOf(checkIdCard(idOf(`${p}020219900101123`)))).toBe('身份证号前两位（省级行政区划代码）无效');
    }
    for (const p of ['11', '15', '21', '23', '31', '37', '41', '46', '50', '54', '61', '65', '71', '81', '82']) {
      expect(isValidIdCard(idOf(`${p}020219900101123`))).toBe(true);
    }
  });

  it('rejects wrong length and format', () => {
    expect(reasonOf(checkIdCard('420202900101123'))).toBe('身份证号应为18位，当前为15位');
    expect(reasonOf(checkIdCard('11010519491231002X1'))).toBe('身份证号应为18位，当前为19位');
    expect(reasonOf(checkIdCard('1101051949123100X2'))).toBe('身份证号格式错误：前17位应为数字，最后一位为数字或X');
    expect(reasonOf(checkIdCard('11010519491231002Y'))).toBe('身份证号格式错误：前17位应为数字，最后一位为数字或X');
    expect(reasonOf(checkIdCard(''))).toBe('身份证号不能为空');
    expect(reasonOf(checkIdCard(null))).toBe('身份证号不能为空');
  });

  it('assertIdCard and the readers throw BAD_USER_INPUT', () => {
    const err = thrown(() => assertIdCard(idOf('42020219990230123'), 'workerIdCard'));
    expect(err.message).toBe('身份证号出生日期无效');
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'workerIdCard' });
    expect(thrown(() => idCardBirthDate('123')).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idCard' });
    expect(thrown(() => idCardSex('11010519491231002Y')).extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

// ---------------------------------------------------------------- 手机号

describe('手机号', () => {
  it('accepts the usual spellings and normalises to 11 digits', () => {
    for (const input of [
      '13800138000',
      ' 13800138000 ',
      '138 0013 8000',
      '138-0013-8000',
      '+8613800138000',
      '+86 138 0013 8000',
      '+86-138-0013-8000',
      '8613800138000',
      '86 138 0013 8000',
      '008613800138000',
      '１３８００１３８０００',
    ]) {
      expect(assertMobile(input)).toBe('13800138000');
    }
  });

  it('accepts every 13–19 prefix', () => {
    for (const d of '3456789') expect(isValidMobile(`1${d}012345678`)).toBe(true);
  });

  it('rejects other numbers with a reason', () => {
    expect(reasonOf(checkMobile('12800138000'))).toBe('手机号号段无效：应以13至19开头');
    expect(reasonOf(checkMobile('23800138000'))).toBe('手机号号段无效：应以13至19开头');
    expect(reasonOf(checkMobile('1380013800'))).toBe('手机号应为11位数字，当前为10位');
    expect(reasonOf(checkMobile('138001380001'))).toBe('手机号应为11位数字，当前为12位');
    // A 黄石 landline with area code also has 11 digits once the dash is gone.
    expect(reasonOf(checkMobile('0714-6221234'))).toBe('手机号号段无效：应以13至19开头');
    expect(reasonOf(checkMobile('138OO138000'))).toBe('手机号只能包含数字（可带+86前缀、空格或短横线）');
    expect(reasonOf(checkMobile('+1 415 555 0100'))).toBe('手机号只能包含数字（可带+86前缀、空格或短横线）');
    expect(reasonOf(checkMobile(''))).toBe('手机号不能为空');
    expect(reasonOf(checkMobile(' - '))).toBe('手机号不能为空');
    expect(reasonOf(checkMobile(undefined))).toBe('手机号不能为空');
  });

  it('does not strip 86 from a number that merely starts with it', () => {
    expect(isValidMobile('86138001380')).toBe(false); // 11 digits, not a mobile, not a prefix either
  });

  it('assertMobile throws BAD_USER_INPUT with the field', () => {
    const err = thrown(() => assertMobile('12345', 'contactMobile'));
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'contactMobile' });
    expect(thrown(() => assertMobile('')).extensions).toMatchObject({ field: 'mobile' });
  });
});

// ---------------------------------------------------------------- 行政区划代码

describe('行政区划代码 (GB/T 2260)', () => {
  it('has 黄石市 and its six county-level divisions', () => {
    expect(HUANGSHI_DIVISIONS.map((d) => [d.code, d.name, d.kind])).toEqual([
      ['420200', '黄石市', 'city'],
      ['420202', '黄石港区', 'district'],
      ['420203', '西塞山区', 'district'],
      ['420204', '下陆区', 'district'],
      ['420205', '铁山区', 'district'],
      ['420222', '阳新县', 'county'],
      ['420281', '大冶市', 'county-level-city'],
    ]);
    for (const d of HUANGSHI_DIVISIONS) {
      expect(isValidDivision(d.code)).toBe(true);
      expect(isHuangshiDivision(d.code)).toBe(true);
      if (d.kind !== 'city') expect(d.parent).toBe('420200');
    }
  });

  it('isHuangshiDivision is false for other divisions and normalises input', () => {
    expect(isHuangshiDivision(' 420281 ')).toBe(true);
    expect(findHuangshiDivision('420222')?.name).toBe('阳新县');
    for (const code of ['420000', '420100', '420201', '420206', '420221', '420282', '421000', '110105', '', '4202']) {
      expect(isHuangshiDivision(code)).toBe(false);
    }
  });

  it('checks structure and province', () => {
    expect(assertDivision('420000')).toBe('420000');
    expect(assertDivision('429004')).toBe('429004'); // 仙桃市, province-administered
    expect(assertDivision('１１０１０５')).toBe('110105');
    expect(reasonOf(checkDivision('42020'))).toBe('行政区划代码应为6位数字');
    expect(reasonOf(checkDivision('4202021'))).toBe('行政区划代码应为6位数字');
    expect(reasonOf(checkDivision('42020A'))).toBe('行政区划代码应为6位数字');
    expect(reasonOf(checkDivision('990000'))).toBe('行政区划代码前两位（省级代码）无效');
    expect(reasonOf(checkDivision('100000'))).toBe('行政区划代码前两位（省级代码）无效');
    expect(reasonOf(checkDivision('420012'))).toBe('行政区划代码结构无效');
    expect(reasonOf(checkDivision(''))).toBe('行政区划代码不能为空');
    expect(thrown(() => assertDivision('99')).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'divisionCode',
    });
  });
});
