import { describe, expect, it } from 'vitest';
import {
  checkCreditCode,
  checkText,
  cleanCode,
  cleanText,
  type FieldIssue,
  findForbiddenCharacter,
  normaliseMobile,
  textCharacterIssue,
} from '../src/index.js';

const PUNCTUATION = '「：，；！（）“”、。」';

describe('cleanText: users’ text is stored as typed (NFC + trim)', () => {
  it('keeps Chinese punctuation and full-width characters that NFKC would rewrite to ASCII', () => {
    const typed = `黄石${PUNCTUATION}项目\u3000一期（２标段）①㎡`;
    expect(cleanText(`  ${typed}  `)).toBe(typed);
    expect(typed.normalize('NFKC')).not.toBe(typed); // what the old rule stored
  });

  it('composes to NFC: a decomposed é and a composed one are stored alike', () => {
    expect(cleanText('Cafe\u0301')).toBe('Caf\u00e9');
    expect(cleanText('\u212b')).toBe('\u00c5'); // Angstrom sign → Å (canonical, so NFC too)
  });

  it('trims and turns blank into null', () => {
    expect(cleanText('   ')).toBeNull();
    expect(cleanText(undefined)).toBeNull();
  });
});

describe('cleanCode: codes typed with a Chinese input method are folded (NFKC)', () => {
  it('turns full-width digits and letters into ASCII', () => {
    expect(cleanCode(' ４２０２８１ ')).toBe('420281');
    expect(cleanCode('２０２６－０１－０２')).toBe('2026-01-02');
    expect(normaliseMobile('１３８ ００１３ ８０００')).toBe('13800138000');
    const code = checkCreditCode('９１４２０２００ＭＡ４９ＸＸＸＸ０Ｃ');
    expect(code.ok ? code.value : code.reason).not.toMatch(/[０-９Ａ-Ｚ]/);
  });
});

describe('findForbiddenCharacter: every control-character class', () => {
  const c0 = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i));
  const c1 = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(0x80 + i));

  it('single-line text refuses all of C0, DEL, C1 and U+2028/U+2029', () => {
    for (const char of [...c0, '\u007f', ...c1, '\u2028', '\u2029'])
      expect(findForbiddenCharacter(`名${char}称`, 'line'), `U+${char.charCodeAt(0).toString(16)}`).toBe(char);
  });

  it('multi-line text allows tab, line feed and carriage return only', () => {
    for (const char of [...c0, '\u007f', ...c1, '\u2028', '\u2029']) {
      const expected = char === '\t' || char === '\n' || char === '\r' ? null : char;
      expect(findForbiddenCharacter(`说明${char}内容`, 'multiline'), `U+${char.charCodeAt(0).toString(16)}`).toBe(
        expected,
      );
    }
  });

  it('refuses lone surrogates in either kind, accepts paired ones (𠀀, emoji)', () => {
    for (const kind of ['line', 'multiline'] as const) {
      expect(findForbiddenCharacter('a\ud800b', kind)).toBe('\ud800');
      expect(findForbiddenCharacter('a\udc00', kind)).toBe('\udc00');
      expect(findForbiddenCharacter('\udc00\ud800', kind)).toBe('\udc00');
      expect(findForbiddenCharacter('𠀀🏗️', kind)).toBeNull();
    }
  });

  it('accepts ordinary Chinese text with punctuation and full-width spaces', () => {
    expect(findForbiddenCharacter(`黄石${PUNCTUATION}\u3000项目`, 'line')).toBeNull();
  });
});

describe('messages name the field', () => {
  it('says which field, which character, and what to do', () => {
    expect(textCharacterIssue('项目名称', 'a\u0000b')).toBe('项目名称含有不可见的控制字符（U+0000），请删除后重试');
    expect(textCharacterIssue('项目名称', 'a\nb')).toBe('项目名称不能换行（含有换行符 U+000A），请删除后重试');
    expect(textCharacterIssue('项目名称', 'a\ud800')).toMatch(/^项目名称含有无法识别的残缺字符（U\+D800/);
    expect(textCharacterIssue('情况说明', '第一行\n第二行', 'multiline')).toBeNull();
  });

  it('checkText refuses them with the field, before the length rule', () => {
    const issues: FieldIssue[] = [];
    checkText(issues, 'name', '楼栋名称', 'A\u0007', { required: true, max: 50 });
    checkText(issues, 'remarks', '其他说明', '一\n二', { required: false, max: 500, kind: 'multiline' });
    checkText(issues, 'remarks', '其他说明', '一\u0000二', { required: false, max: 500, kind: 'multiline' });
    expect(issues).toEqual([
      { field: 'name', message: '楼栋名称含有不可见的控制字符（U+0007），请删除后重试' },
      { field: 'remarks', message: '其他说明含有不可见的控制字符（U+0000），请删除后重试' },
    ]);
  });
});
