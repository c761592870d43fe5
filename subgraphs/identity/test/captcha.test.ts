/**
 * 等级保护 level 3 身份鉴别: the graphical login captcha. After 2 recent failures for a login name
 * or from a client address, login needs a solved, unexpired, unused captcha; the picture carries
 * no readable text; only a hash of the answer is stored. Real PostgreSQL over HTTP, with the
 * default policy (the other files switch the captcha off).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/index.js';
import {
  CAPTCHA_ALPHABET,
  normaliseCaptchaAnswer,
  randomCaptchaText,
  renderCaptchaSvg,
  type CaptchaRandom,
} from '../src/auth/captcha-render.js';
import { CaptchaService } from '../src/auth/captcha.service.js';
import { identitySettings } from '../src/settings.js';
import { codeOf, LOGIN, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ settings: { IDENTITY_CAPTCHA_AFTER_FAILURES: '2' } });
});
afterAll(async () => {
  await h?.close();
});

const CAPTCHA_LOGIN = `mutation ($u: String!, $p: String!, $id: String, $a: String) {
  login(username: $u, password: $p, captchaId: $id, captchaAnswer: $a) { accessToken user { username } }
}`;
const CAPTCHA = `{ loginCaptcha { id svg expiresIn } }`;

/** A challenge whose answer the test knows (the service returns it; the API never does). */
async function challenge(ip = '10.9.9.9') {
  const policy = identitySettings({ IDENTITY_CAPTCHA_AFTER_FAILURES: '2' }, {}).captcha;
  return new CaptchaService(h.server.orm.em.fork() as never, policy).issue(ip);
}

function seeded(seed: number): CaptchaRandom {
  let a = seed >>> 0;
  const float = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { float, int: (n) => Math.floor(float() * n) };
}

describe('captcha picture', () => {
  it('draws every character as paths, never as text, and differs every time', () => {
    for (const char of CAPTCHA_ALPHABET) {
      const svg = renderCaptchaSvg(char.repeat(4), seeded(char.charCodeAt(0)));
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(svg).not.toMatch(/<text|<tspan|font-family/);
      expect(svg.match(/<path /g)!.length).toBeGreaterThanOrEqual(4 + 4 + 6);
    }
    expect(renderCaptchaSvg('AB2C'.replace('B', 'D'))).not.toBe(renderCaptchaSvg('AD2C'));
    const text = randomCaptchaText(seeded(7));
    expect(text).toMatch(new RegExp(`^[${CAPTCHA_ALPHABET}]{4}$`));
  });

  it('accepts answers in any case, with spaces or full-width letters', () => {
    expect(normaliseCaptchaAnswer(' a7 k９ ')).toBe('A7K9');
    expect(normaliseCaptchaAnswer('ａｂｃ')).toBe('ABC');
  });
});

describe('loginCaptcha', () => {
  it('is available without logging in and stores only a hash of the answer', async () => {
    const result = await h.gql(CAPTCHA, {}, null, '10.1.0.1');
    expect(result.errors).toBeUndefined();
    const { id, svg, expiresIn } = result.data.loginCaptcha;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(svg).toMatch(/^<svg[\s\S]*<\/svg>$/);
    expect(expiresIn).toBe(300);
    const [row] = await h.sql('select answer_hash, ip, expires_at from identity.login_captcha where id = ?', [id]);
    expect(row.answer_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.ip).toBe('10.1.0.1');
  });
});

describe('login with the captcha policy', () => {
  it('requires a captcha for a name after 2 failures, says so in advance, and logs the refusals', async () => {
    let n = 0;
    const ip = () => `10.2.0.${++n}`; // a new address each time: only the name counts
    const first = await h.gql(LOGIN, { u: 'expert', p: 'Wrong#Pass1' }, null, ip());
    expect(codeOf(first)).toBe('UNAUTHENTICATED');
    expect(first.errors![0].extensions!.details!.captchaRequired).toBe(false);
    const second = await h.gql(LOGIN, { u: 'expert', p: 'Wrong#Pass2' }, null, ip());
    expect(second.errors![0].extensions!.details!.captchaRequired).toBe(true);

    const missing = await h.gql(LOGIN, { u: 'expert', p: DEMO_PASSWORD }, null, ip());
    expect(codeOf(missing)).toBe('CAPTCHA_REQUIRED');
    expect(missing.errors![0].message).toContain('图形验证码');
    expect(missing.errors![0].extensions!.field).toBe('captchaAnswer');

    const wrong = await challenge();
    const refused = await h.gql(
      CAPTCHA_LOGIN,
      { u: 'expert', p: DEMO_PASSWORD, id: wrong.id, a: wrong.answer === 'AAAA' ? 'CCCC' : 'AAAA' },
      null,
      ip(),
    );
    expect(codeOf(refused)).toBe('CAPTCHA_INVALID');

    // The wrong guess used that picture up: the right answer no longer helps.
    const reused = await h.gql(
      CAPTCHA_LOGIN,
      { u: 'expert', p: DEMO_PASSWORD, id: wrong.id, a: wrong.answer },
      null,
      ip(),
    );
    expect(codeOf(reused)).toBe('CAPTCHA_INVALID');

    const good = await challenge();
    const ok = await h.gql(
      CAPTCHA_LOGIN,
      { u: 'expert', p: DEMO_PASSWORD, id: good.id, a: good.answer.toLowerCase() },
      null,
      ip(),
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data.login.user.username).toBe('expert');

    // Single use: the same captcha cannot open a second login.
    const [left] = await h.sql('select count(*)::int as n from identity.login_captcha where id = ?', [good.id]);
    expect(left.n).toBe(0);

    // A success clears the name's count: the next login needs no captcha.
    const again = await h.gql(LOGIN, { u: 'expert', p: DEMO_PASSWORD }, null, ip());
    expect(again.errors).toBeUndefined();

    const reasons = await h.sql(`select reason from identity.login_log where username = 'expert' order by id`);
    expect(reasons.map((r: { reason: string }) => r.reason)).toEqual([
      'BAD_CREDENTIALS',
      'BAD_CREDENTIALS',
      'CAPTCHA_REQUIRED',
      'CAPTCHA_INVALID',
      'CAPTCHA_INVALID',
      'OK',
      'OK',
    ]);
  });

  it('requires a captcha from an address with 2 recent failures, whatever the name', async () => {
    const ip = '10.3.0.1';
    await h.gql(LOGIN, { u: 'ghost_one', p: 'Wrong#Pass1' }, null, ip);
    await h.gql(LOGIN, { u: 'ghost_two', p: 'Wrong#Pass1' }, null, ip);
    const fromThere = await h.gql(LOGIN, { u: 'display', p: DEMO_PASSWORD }, null, ip);
    expect(codeOf(fromThere)).toBe('CAPTCHA_REQUIRED');
    const elsewhere = await h.gql(LOGIN, { u: 'display', p: DEMO_PASSWORD }, null, '10.3.0.2');
    expect(elsewhere.errors).toBeUndefined();
  });

  it('does not count refused wall-screen links against the people behind the same address', async () => {
    const ip = '10.3.0.9';
    for (let i = 0; i < 3; i++) {
      const refused = await h.gql(
        'mutation($t: String!) { displayLogin(token: $t) { accessToken } }',
        { t: `bad.${i}` },
        null,
        ip,
      );
      expect(refused.errors).toBeDefined();
    }
    const person = await h.gql(LOGIN, { u: 'display', p: DEMO_PASSWORD }, null, ip);
    expect(person.errors).toBeUndefined();
  });

  it('refuses an expired captcha', async () => {
    const ip = '10.4.0.1';
    await h.gql(LOGIN, { u: 'ghost_three', p: 'Wrong#Pass1' }, null, ip);
    await h.gql(LOGIN, { u: 'ghost_three', p: 'Wrong#Pass1' }, null, ip);
    const old = await challenge();
    await h.sql(`update identity.login_captcha set expires_at = now() - interval '1 second' where id = ?`, [old.id]);
    const result = await h.gql(
      CAPTCHA_LOGIN,
      { u: 'ghost_three', p: 'Wrong#Pass1', id: old.id, a: old.answer },
      null,
      ip,
    );
    expect(codeOf(result)).toBe('CAPTCHA_INVALID');
  });

  it('checks the password only after the captcha, and counts the failure as before', async () => {
    const ip = '10.5.0.1';
    await h.gql(LOGIN, { u: 'ghost_four', p: 'Wrong#Pass1' }, null, ip);
    await h.gql(LOGIN, { u: 'ghost_four', p: 'Wrong#Pass1' }, null, ip);
    const c = await challenge();
    const result = await h.gql(CAPTCHA_LOGIN, { u: 'ghost_four', p: 'Wrong#Pass1', id: c.id, a: c.answer }, null, ip);
    expect(codeOf(result)).toBe('UNAUTHENTICATED');
    expect(result.errors![0].message).toBe('用户名或密码错误，还可尝试 2 次');
    expect(result.errors![0].extensions!.details!.captchaRequired).toBe(true);
  });
});
