import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOGUE_V1 } from '../src/catalogue/catalogue-data.js';
import { checkCatalogue } from '../src/catalogue/catalogue.model.js';
import { replaceItem } from '../src/catalogue/catalogue.service.js';
import { canonicalJson } from '../src/common/canonical-json.js';
import { isPng } from '@hs/kit';
import { parsePngDataUrl } from '../src/files/png.js';
import { searchTokens, queryTokens } from '../src/inspections/search-tokens.js';
import { checkInspectionDraft, type InspectionDraft } from '../src/inspections/inspection.rules.js';
import { InspectionCategory } from '../src/inspections/inspection.enums.js';
import { lastMonths, windowOf } from '../src/analytics/months.js';
import { checkRuleConfig, DEFAULT_RULE_CONFIG } from '../src/sampling/rule-config.js';
import { signaturePng } from '../src/seed/signature-png.js';

/** The pure pieces: no database, no server. */

describe('canonical JSON (what is hashed and signed)', () => {
  it('does not depend on key order, and survives a JSON round trip (as jsonb does)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(text);
        const reversed = JSON.parse(JSON.stringify(value), (_k, v) =>
          v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
        );
        expect(canonicalJson(reversed)).toBe(text);
      }),
    );
    expect(canonicalJson({ b: 1, a: [true, null, '中'], c: undefined })).toBe('{"a":[true,null,"中"],"b":1}');
  });
});

describe('signature images are checked by content', () => {
  it('accepts a PNG data URL and reports its size and SHA-256', () => {
    const png = signaturePng(3);
    const image = parsePngDataUrl(`data:image/png;base64,${png.toString('base64')}`);
    expect(image).toMatchObject({ mimeType: 'image/png', width: 120, height: 48 });
    expect(image.bytes.equals(png)).toBe(true);
    expect(image.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses anything else, whatever type it claims', () => {
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
    expect(isPng(gif)).toBe(false);
    expect(() => parsePngDataUrl(`data:image/png;base64,${gif.toString('base64')}`)).toThrow(
      '签名图片必须是 PNG 格式（按文件内容检查）',
    );
    const truncated = signaturePng(0).subarray(0, 20);
    expect(() => parsePngDataUrl(`data:image/png;base64,${truncated.toString('base64')}`)).toThrow('PNG');
    expect(() => parsePngDataUrl('')).toThrow('请先签名');
    expect(() => parsePngDataUrl('data:image/png;base64,%%%')).toThrow('签名图片格式无效');
  });
});

describe('substring index tokens', () => {
  it('a contained text’s query tokens are always among the text’s tokens', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'黄石市磁湖建设集团有限公司ABCabc 1２3'), minLength: 1, maxLength: 30 }),
        fc.nat(),
        fc.nat(),
        (text, i, j) => {
          const chars = Array.from(text);
          const from = i % chars.length;
          const query = chars.slice(from, from + 1 + (j % (chars.length - from))).join('');
          const tokens = new Set(searchTokens(text));
          for (const q of queryTokens(query)) expect(tokens.has(q)).toBe(true);
        },
      ),
    );
    expect(searchTokens('磁湖 路')).toEqual(['磁', '湖', '路', '磁湖', '湖路']);
    expect(queryTokens('Ｂ座')).toEqual(['b座']);
  });
});

describe('basic information rules (1.3.1)', () => {
  const draft = (overrides: Partial<InspectionDraft> = {}): InspectionDraft => ({
    projectId: null,
    projectName: '测试',
    districtCode: '420281',
    builderUnit: null,
    designUnit: null,
    generalContractorUnit: null,
    fireContractorUnit: null,
    supervisorUnit: null,
    fireTestingUnit: null,
    leaderName: '张三',
    leaderPhone: null,
    leaderIdCard: null,
    address: '地址',
    siteLatitude: null,
    siteLongitude: null,
    category: InspectionCategory.NEW,
    decoration: false,
    decorationDescription: null,
    inspectionDate: null,
    changeOfUse: false,
    useNature: null,
    originalUse: null,
    ...overrides,
  });

  it('normalises valid 手机号 and 身份证号 and reports every issue at once', () => {
    const ok = draft({ leaderPhone: '+86 139 0714 0001', leaderIdCard: '42028119800101001０' });
    expect(checkInspectionDraft(ok, '2026-11-24')).toEqual([]);
    expect([ok.leaderPhone, ok.leaderIdCard]).toEqual(['13907140001', '420281198001010010']);
    const bad = checkInspectionDraft(
      draft({ projectName: null, leaderIdCard: '1', changeOfUse: true, inspectionDate: '2028-01-01' }),
      '2026-11-24',
    );
    expect(bad.map((i) => i.field)).toEqual([
      'projectName',
      'leaderIdCard',
      'inspectionDate',
      'useNature',
      'originalUse',
    ]);
  });

  it('accepts a site position in Huangshi only, with both coordinates', () => {
    const at = (siteLatitude: number | null, siteLongitude: number | null) =>
      checkInspectionDraft(draft({ siteLatitude, siteLongitude }), '2026-11-24').map((i) => i.message);
    expect(at(30.2, 115.04)).toEqual([]); // 黄石港区
    expect(at(null, null)).toEqual([]);
    expect(at(30.2, null)).toEqual(['工地位置的经度和纬度须同时填写']);
    expect(at(30.59, 114.3)).toEqual(['工地位置不在黄石市范围内，请核对经纬度（WGS84）']); // 武汉
    expect(at(115.04, 30.2)).toEqual(['工地位置不在黄石市范围内，请核对经纬度（WGS84）']); // swapped
  });
});

describe('month windows (4.2.2)', () => {
  it('are calendar months ending with asOf’s month', () => {
    expect(lastMonths('2026-02-10', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(windowOf('2026-02-10', 12)).toEqual({ from: '2025-03-01', to: '2026-02-10' });
  });
});

describe('catalogue and rule data', () => {
  it('catalogue v1 passes its own structural rules, and so does the default rule against it', () => {
    expect(checkCatalogue(CATALOGUE_V1)).toEqual([]);
    expect(checkRuleConfig(DEFAULT_RULE_CONFIG, CATALOGUE_V1)).toEqual([]);
  });

  it('an edited item keeps its codes; removed codes are never reused', () => {
    const item = CATALOGUE_V1.items[14]; // 建筑灭火器: 15.01 配置, 15.02 布置
    const next = replaceItem(CATALOGUE_V1, '15', {
      name: item.name,
      subItems: [
        {
          code: '15.01',
          name: '配置',
          lines: [{ code: '15.01.02', content: '灭火器的数量', importance: 'B' as never }],
        },
        { name: '维护保养', lines: [{ content: '维修记录', importance: 'C' as never }] },
      ],
    });
    expect(next.items[14].subItems.map((s) => s.code)).toEqual(['15.01', '15.03']);
    expect(next.items[14].subItems[1].lines[0].code).toBe('15.03.01');
    expect(CATALOGUE_V1.items[14].subItems).toHaveLength(2); // the input is not modified
  });
});
