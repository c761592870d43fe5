import { createDecipheriv, createHash, createHmac, getCiphers, getHashes } from 'node:crypto';
import smCrypto from 'sm-crypto';
import { describe, it, expect } from 'vitest';
import {
  FieldCryptoError,
  blindIndex,
  decryptField,
  encryptField,
  hmacSm3,
  isEncryptedField,
  maskIdCard,
  maskName,
  maskPhone,
  normaliseForIndex,
  sm3,
} from '../src/crypto.js';

const hexToBytes = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'));
const hexToArray = (hex: string) => Array.from(hexToBytes(hex));
const bytesToHex = (bytes: ArrayLike<number>) => Buffer.from(Array.from(bytes)).toString('hex');

/** The OpenSSL behind node:crypto implements SM3 and SM4 in most builds: an implementation independent of sm-crypto. */
const opensslHasSm3 = getHashes().includes('sm3');
const opensslHasSm4 = getCiphers().includes('sm4-cbc');

const KEY = '0123456789abcdeffedcba9876543210';
const OTHER_KEY = 'fedcba98765432100123456789abcdef';

/** Expects `fn` to throw a FieldCryptoError whose message contains `fragment`. */
function expectCryptoError(fn: () => unknown, fragment: string | RegExp) {
  let error: unknown;
  try {
    fn();
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(FieldCryptoError);
  expect((error as Error).message).toMatch(fragment);
}

// ---------------------------------------------------------------- SM3

describe('SM3 (GB/T 32905-2016)', () => {
  it('matches the two examples of the standard', () => {
    // Appendix A example 1: "abc".
    expect(sm3('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    // Appendix A example 2: "abcd" × 16 (512 bits, so padding adds a second block).
    expect(sm3('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('hashes the UTF-8 bytes of text; strings and byte arrays agree', () => {
    expect(sm3(new TextEncoder().encode('黄石市建筑业'))).toBe(sm3('黄石市建筑业'));
    expect(sm3(hexToBytes('616263'))).toBe(sm3('abc'));
    expect(sm3('')).toMatch(/^[0-9a-f]{64}$/);
  });

  it.runIf(opensslHasSm3)('agrees with OpenSSL on other lengths (55, 56, 64, 65, 1000 bytes and Chinese text)', () => {
    for (const text of [
      'a'.repeat(55),
      'a'.repeat(56),
      'a'.repeat(64),
      'a'.repeat(65),
      'x'.repeat(1000),
      '黄石港区',
      '',
    ]) {
      expect(sm3(text)).toBe(createHash('sm3').update(text, 'utf8').digest('hex'));
    }
  });
});

// ---------------------------------------------------------------- SM4 through the library

describe('SM4 (GB/T 32907-2016) through sm-crypto', () => {
  const { sm4 } = smCrypto;

  it('matches the standard example: key = plaintext = 0123456789abcdeffedcba9876543210', () => {
    const out = sm4.encrypt(hexToArray(KEY), KEY, { padding: 'none', output: 'array' });
    expect(bytesToHex(out)).toBe('681edf34d206965e86b3e94f536e4246');
    expect(bytesToHex(sm4.decrypt(out, KEY, { padding: 'none', output: 'array' }))).toBe(KEY);
  });

  // draft-ribose-cfrg-sm4 Appendix A.2 (the examples GB/T 17964 modes are commonly checked with).
  const PLAIN = 'aaaaaaaabbbbbbbbccccccccddddddddeeeeeeeeffffffffaaaaaaaabbbbbbbb';
  const IV = '000102030405060708090a0b0c0d0e0f';

  it('matches the SM4-ECB example A.2.1.1', () => {
    const out = sm4.encrypt(hexToArray(PLAIN), KEY, { padding: 'none', output: 'array' });
    expect(bytesToHex(out)).toBe('5ec8143de509cff7b5179f8f474b86192f1d305a7fb17df985f81c8482192304');
  });

  it.each([
    [KEY, '78ebb11cc40b0a48312aaeb2040244cb4cb7016951909226979b0d15dc6a8f6d'],
    [OTHER_KEY, '0d3a6ddc2d21c698857215587b7bb59a91f2c147911a4144665e1fa1d40bae38'],
  ])('matches the SM4-CBC examples A.2.2 (key %s)', (key, expected) => {
    const out = sm4.encrypt(hexToArray(PLAIN), key, { mode: 'cbc', iv: IV, padding: 'none', output: 'array' });
    expect(bytesToHex(out)).toBe(expected);
    const back = sm4.decrypt(hexToArray(expected), key, { mode: 'cbc', iv: IV, padding: 'none', output: 'array' });
    expect(bytesToHex(back)).toBe(PLAIN);
  });
});

// ---------------------------------------------------------------- HMAC-SM3

describe('HMAC-SM3', () => {
  // GM/T 0042-2015 Appendix D.3, as carried in the Linux kernel's crypto/testmgr.h (hmac_sm3_tv_template).
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const GMT_0042: Array<[string, string, Uint8Array, string]> = [
    [
      'D.3 #1: 32-byte key 01…20, 112-byte message',
      bytesToHex(range(1, 32)),
      new TextEncoder().encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'.repeat(2)),
      'ca05e144ed05d1857840d1f318a4a8669e559fc8391f414485bfdf7bb408963a',
    ],
    [
      'D.3 #2: 37-byte key 01…25, 50 × 0xcd',
      bytesToHex(range(1, 37)),
      new Uint8Array(50).fill(0xcd),
      '220bf579ded555393f0159f66c99877822a3ecf610d1552154b41d44b94db3ae',
    ],
    [
      'D.3 #3: 32 × 0x0b, "Hi There"',
      '0b'.repeat(32),
      new TextEncoder().encode('Hi There'),
      'c0ba18c68b90c88bc07de794bfc7d2c8d19ec31ed8773bc2b390c9604e0be11e',
    ],
    [
      'D.3 #4: "Jefe", "what do ya want for nothing?"',
      bytesToHex(new TextEncoder().encode('Jefe')),
      new TextEncoder().encode('what do ya want for nothing?'),
      '2e87f1d16862e6d964b50a5200bf2b10b764faa9680a296a2405f24bec39f882',
    ],
  ];

  it.each(GMT_0042)('matches GM/T 0042-2015 %s', (_name, keyHex, message, expected) => {
    expect(hmacSm3(keyHex, message)).toBe(expected);
  });

  it('matches the Bouncy Castle HMacTest vector (20 × 0x0b, "Hi There")', () => {
    expect(hmacSm3('0b'.repeat(20), 'Hi There')).toBe(
      '51b00d1fb49832bfb01c3ce27848e59f871d9ba938dc563b338ca964755cce70',
    );
  });

  it('agrees with the HMAC mode built into sm-crypto, for short, block-sized and longer-than-block keys', () => {
    for (const keyHex of ['0b', 'aa'.repeat(63), 'aa'.repeat(64), 'aa'.repeat(65), 'aa'.repeat(131)]) {
      for (const text of ['', 'Test Using Larger Than Block-Size Key - Hash Key First', '黄石'.repeat(50)]) {
        expect(hmacSm3(keyHex, text)).toBe(smCrypto.sm3(Array.from(new TextEncoder().encode(text)), { key: keyHex }));
      }
    }
  });

  it.runIf(opensslHasSm3)('agrees with OpenSSL HMAC-SM3, long keys included', () => {
    for (const keyHex of ['01', KEY, 'aa'.repeat(64), 'aa'.repeat(131)]) {
      for (const text of ['', 'abc', '420202199001011234', 'x'.repeat(200)]) {
        expect(hmacSm3(keyHex, text)).toBe(createHmac('sm3', hexToBytes(keyHex)).update(text, 'utf8').digest('hex'));
      }
    }
  });

  it('has the HMAC properties: deterministic, keyed, hex key case-insensitive', () => {
    expect(hmacSm3(KEY, 'abc')).toBe(hmacSm3(KEY, 'abc'));
    expect(hmacSm3(KEY.toUpperCase(), 'abc')).toBe(hmacSm3(KEY, 'abc'));
    expect(hmacSm3(OTHER_KEY, 'abc')).not.toBe(hmacSm3(KEY, 'abc'));
    expect(hmacSm3(KEY, 'abd')).not.toBe(hmacSm3(KEY, 'abc'));
    expect(hmacSm3(KEY, 'abc')).not.toBe(sm3('abc'));
    // A key shorter than a block is zero-padded: a trailing 00 byte does not change the MAC (RFC 2104).
    expect(hmacSm3(KEY + '00', 'abc')).toBe(hmacSm3(KEY, 'abc'));
  });

  it('rejects malformed keys', () => {
    expectCryptoError(() => hmacSm3('', 'abc'), '十六进制');
    expectCryptoError(() => hmacSm3('abc', 'abc'), '十六进制');
    expectCryptoError(() => hmacSm3('zz', 'abc'), '十六进制');
  });
});

// ---------------------------------------------------------------- field encryption

const STORED = /^sm4:[0-9a-f]{32}:(?:[0-9a-f]{32})+:[0-9a-f]{64}$/;

describe('encryptField / decryptField', () => {
  it('produces sm4:<iv>:<ciphertext>:<tag> with a fresh IV every time', () => {
    const a = encryptField('420202199001011234', KEY);
    const b = encryptField('420202199001011234', KEY);
    expect(a).toMatch(STORED);
    expect(isEncryptedField(a)).toBe(true);
    expect(a).not.toBe(b);
    expect(a.split(':')[1]).not.toBe(b.split(':')[1]);
    // 18 bytes of plaintext → two blocks after PKCS#7 padding.
    expect(a.split(':')[2]).toHaveLength(64);
    expect(isEncryptedField('420202199001011234')).toBe(false);
  });

  it('round-trips empty, ASCII, Chinese, emoji, block-sized and long values', () => {
    for (const plain of [
      '',
      'a',
      '420202199001011234',
      '13800138000',
      '张三丰',
      '黄石市下陆区团城山街道 𠀾 😀',
      '0123456789abcdef', // exactly one block: padding adds a whole block
      '0123456789abcde', // 15 bytes: one padding byte
      '一'.repeat(1000),
    ]) {
      const stored = encryptField(plain, KEY);
      expect(stored).toMatch(STORED);
      expect(decryptField(stored, KEY)).toBe(plain);
    }
    expect(encryptField('0123456789abcdef', KEY).split(':')[2]).toHaveLength(64);
    expect(encryptField('0123456789abcde', KEY).split(':')[2]).toHaveLength(32);
    expect(encryptField('', KEY).split(':')[2]).toHaveLength(32);
  });

  it('accepts the key in upper case', () => {
    expect(decryptField(encryptField('13800138000', KEY.toUpperCase()), KEY)).toBe('13800138000');
  });

  it('throws on a wrong key instead of returning garbage', () => {
    const stored = encryptField('420202199001011234', KEY);
    expectCryptoError(() => decryptField(stored, OTHER_KEY), '校验码不匹配（密钥错误或密文被篡改）');
    // Keys one bit apart.
    const nearKey = KEY.slice(0, 31) + '1';
    expectCryptoError(() => decryptField(stored, nearKey), '校验码不匹配');
  });

  it('throws on any changed hex character of the IV, the ciphertext or the tag', () => {
    const stored = encryptField('420202199001011234', KEY);
    for (let i = 4; i < stored.length; i++) {
      if (stored[i] === ':') continue;
      const replacement = stored[i] === '0' ? '1' : '0';
      const tampered = stored.slice(0, i) + replacement + stored.slice(i + 1);
      expectCryptoError(() => decryptField(tampered, KEY), '校验码不匹配');
    }
  });

  it('throws on structural tampering: dropped, swapped or added blocks, swapped tags, other formats', () => {
    const stored = encryptField('a much longer value spanning several SM4 blocks', KEY);
    const [prefix, iv, cipher, tag] = stored.split(':');
    const blocks = cipher.match(/.{32}/g)!;
    expect(blocks.length).toBeGreaterThan(2);
    const variants = [
      [prefix, iv, blocks.slice(1).join(''), tag], // first block dropped
      [prefix, iv, blocks.slice(0, -1).join(''), tag], // last block dropped
      [prefix, iv, [blocks[1], blocks[0], ...blocks.slice(2)].join(''), tag], // blocks swapped
      [prefix, iv, cipher + blocks[0], tag], // block appended
      [prefix, blocks[0], blocks.slice(1).join(''), tag], // IV / ciphertext boundary moved
    ];
    for (const parts of variants) expectCryptoError(() => decryptField(parts.join(':'), KEY), '校验码不匹配');

    // The tag of another encryption does not fit.
    const otherTag = encryptField('a much longer value spanning several SM4 blocks', KEY).split(':')[3];
    expectCryptoError(() => decryptField([prefix, iv, cipher, otherTag].join(':'), KEY), '校验码不匹配');

    for (const malformed of [
      '',
      'not encrypted',
      '420202199001011234',
      `sm2:${iv}:${cipher}:${tag}`,
      `SM4:${iv}:${cipher}:${tag}`,
      `sm4:${iv.toUpperCase()}:${cipher}:${tag}`,
      `sm4:${iv}:${cipher}`,
      `sm4:${iv}:${cipher}:${tag}:`,
      `sm4:${iv}:${cipher}:${tag.slice(2)}`,
      `sm4:${iv}:${cipher.slice(2)}:${tag}`,
      `sm4:${iv}::${tag}`,
      ` ${stored}`,
    ]) {
      expectCryptoError(() => decryptField(malformed, KEY), '密文格式无效');
    }
    expectCryptoError(() => decryptField(null as unknown as string, KEY), '密文格式无效');
  });

  it('rejects keys that are not 16 bytes of hex', () => {
    for (const bad of ['', KEY.slice(0, 30), KEY + '00', 'g'.repeat(32), KEY.slice(0, 31)]) {
      expectCryptoError(() => encryptField('x', bad), '字段加密密钥');
      expectCryptoError(() => decryptField(encryptField('x', KEY), bad), '字段加密密钥');
    }
  });

  it('rejects text that cannot be encoded as UTF-8 (a lone surrogate)', () => {
    expectCryptoError(() => encryptField('abc\uD800', KEY), '孤立代理项');
    expectCryptoError(() => encryptField(undefined as unknown as string, KEY), '必须是字符串');
  });

  it.runIf(opensslHasSm3 && opensslHasSm4)(
    'is plain SM4-CBC + HMAC-SM3 under the documented derived keys, decryptable with OpenSSL',
    () => {
      // Key derivation as documented in crypto.ts, recomputed with OpenSSL.
      const master = hexToBytes(KEY);
      const encKey = createHmac('sm3', master)
        .update('hs-kit field-encryption v1: SM4-CBC key')
        .digest()
        .subarray(0, 16);
      const macKey = createHmac('sm3', master).update('hs-kit field-encryption v1: HMAC-SM3 tag key').digest();

      const plain = '湖北省黄石市 420202199001011234';
      const [, ivHex, cipherHex, tagHex] = encryptField(plain, KEY).split(':');
      const iv = hexToBytes(ivHex);
      const cipher = hexToBytes(cipherHex);
      expect(createHmac('sm3', macKey).update(iv).update(cipher).digest('hex')).toBe(tagHex);
      const decipher = createDecipheriv('sm4-cbc', encKey, iv); // OpenSSL removes PKCS#7 padding itself
      expect(Buffer.concat([decipher.update(cipher), decipher.final()]).toString('utf8')).toBe(plain);
      // The field key is not used directly for SM4.
      expect(Buffer.from(encKey).toString('hex')).not.toBe(KEY);
    },
  );
});

// ---------------------------------------------------------------- blind index

describe('blindIndex', () => {
  it('is HMAC-SM3 of the normalised value', () => {
    expect(blindIndex('11010519491231002X', KEY)).toBe(hmacSm3(KEY, '11010519491231002X'));
    expect(blindIndex('  张三  丰 ', KEY)).toBe(hmacSm3(KEY, '张三 丰'));
    expect(blindIndex('11010519491231002X', KEY)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('maps spellings of the same value to the same index', () => {
    const idx = blindIndex('11010519491231002X', KEY);
    expect(blindIndex('11010519491231002x', KEY)).toBe(idx);
    expect(blindIndex(' 11010519491231002X\n', KEY)).toBe(idx);
    expect(blindIndex('１１０１０５１９４９１２３１００２Ｘ', KEY)).toBe(idx);
    expect(normaliseForIndex(' ｍｉｘｅｄ\tCase  text ')).toBe('MIXED CASE TEXT');
  });

  it('differs between values and between keys, and equals no encryption tag', () => {
    expect(blindIndex('13800138000', KEY)).not.toBe(blindIndex('13800138001', KEY));
    expect(blindIndex('13800138000', KEY)).not.toBe(blindIndex('13800138000', OTHER_KEY));
    const stored = encryptField('13800138000', KEY);
    expect(stored).not.toContain(blindIndex('13800138000', KEY));
  });

  it('requires a key of at least 16 bytes', () => {
    expectCryptoError(() => blindIndex('x', '0b'.repeat(15)), '至少需要 32 位十六进制');
    expectCryptoError(() => blindIndex('x', ''), '十六进制');
    expect(blindIndex('x', '0b'.repeat(32))).toMatch(/^[0-9a-f]{64}$/);
  });
});

// ---------------------------------------------------------------- masking

describe('masking', () => {
  it('maskIdCard keeps the first 6 and last 4', () => {
    expect(maskIdCard('420202199001011234')).toBe('420202********1234');
    expect(maskIdCard('11010519491231002x')).toBe('110105********002X');
    expect(maskIdCard(' 420202199001011234 ')).toBe('420202********1234');
    expect(maskIdCard('420202900101123')).toBe('420202*****1123'); // old 15-digit number
  });

  it('maskIdCard stars short or empty values completely', () => {
    expect(maskIdCard('')).toBe('');
    expect(maskIdCard('   ')).toBe('');
    expect(maskIdCard(null)).toBe('');
    expect(maskIdCard(undefined)).toBe('');
    expect(maskIdCard('1234')).toBe('****');
    expect(maskIdCard('42020219900')).toBe('***********'); // 11: only 1 would be hidden
    expect(maskIdCard('42020219900101')).toBe('420202****0101'); // 14: 4 hidden
  });

  it('maskPhone keeps the first 3 and last 4', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('+86 138-0013-8000')).toBe('138****8000');
    expect(maskPhone('07146221234')).toBe('071****1234'); // landline with area code
    expect(maskPhone('0714-6221234')).toBe('071*****1234');
  });

  it('maskPhone stars short or empty values completely', () => {
    expect(maskPhone('')).toBe('');
    expect(maskPhone(null)).toBe('');
    expect(maskPhone('110')).toBe('***');
    expect(maskPhone('6221234')).toBe('*******');
    expect(maskPhone('1380013800')).toBe('**********'); // 10 digits: only 3 would be hidden
  });

  it('maskName shows only the first character', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('买买提·艾力')).toBe('买*****');
    expect(maskName(' 李四 ')).toBe('李*');
    expect(maskName('𠀾大')).toBe('𠀾*'); // a character outside the BMP counts as one
    expect(maskName('张')).toBe('*');
    expect(maskName('')).toBe('');
    expect(maskName(null)).toBe('');
  });
});
