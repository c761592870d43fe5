import { describe, expect, it } from 'vitest';
import { signCaller, verifyCaller, hasPermission, type Caller } from '../src/caller.js';

const key = 'k'.repeat(40);
const caller: Caller = {
  userId: 'u1',
  username: 'dy_inspector',
  displayName: '大冶监督员',
  departmentId: 'd1',
  roles: ['district_inspector'],
  permissions: ['project:view'],
  scope: { kind: 'DEPT_AND_CHILDREN', departmentIds: ['d1'], districtCodes: ['420281'], enterpriseIds: [] },
  sessionId: 's1',
};

describe('router-signed caller header', () => {
  it('round-trips the caller and client address', () => {
    const envelope = verifyCaller(key, signCaller(key, caller, '10.0.0.8', { userAgent: 'Mozilla/5.0\n(X11)' }));
    expect(envelope.caller).toEqual(caller);
    expect(envelope.ip).toBe('10.0.0.8');
    expect(envelope.userAgent).toBe('Mozilla/5.0 (X11)');
  });

  it('refuses a missing, forged, re-signed or tampered header', () => {
    expect(() => verifyCaller(key, undefined)).toThrow(/missing/);
    expect(() => verifyCaller(key, 'garbage')).toThrow(/malformed/);
    expect(() => verifyCaller(key, signCaller('x'.repeat(40), caller, null))).toThrow(/bad caller signature/);
    const [body, mac] = signCaller(key, caller, null).split('.');
    const elevated = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(body, 'base64url').toString()),
        caller: { ...caller, permissions: ['*'] },
      }),
    ).toString('base64url');
    expect(() => verifyCaller(key, `${elevated}.${mac}`)).toThrow(/bad caller signature/);
  });

  it('refuses a header older than its window (a captured header cannot be replayed later)', () => {
    const header = signCaller(key, caller, null, { now: 1_000_000 });
    expect(() => verifyCaller(key, header, 1_000_000 + 61_000)).toThrow(/stale/);
    expect(verifyCaller(key, header, 1_000_000 + 30_000).caller?.userId).toBe('u1');
  });

  it('checks permission codes, with * passing everything', () => {
    expect(hasPermission(caller, 'project:view')).toBe(true);
    expect(hasPermission(caller, 'project:edit')).toBe(false);
    expect(hasPermission({ ...caller, permissions: ['*'] }, 'project:edit')).toBe(true);
    expect(hasPermission(null, 'project:view')).toBe(false);
  });
});
