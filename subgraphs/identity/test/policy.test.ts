/** Pure security rules of identity (no database): data scope, password policy, lockout, audit hashing, refresh tokens. */
import { describe, expect, it } from 'vitest';
import { sm3, type Caller } from '@hs/kit';
import {
  auditHash,
  canonicalJson,
  firstBrokenLink,
  GENESIS_HASH,
  type AuditContent,
  type ChainRow,
} from '../src/audit/audit-hash.js';
import { normaliseVariables } from '../src/audit/audit.service.js';
import { registerFailure, lockStatus, DEFAULT_LOCKOUT_POLICY } from '../src/auth/lockout.js';
import { checkPasswordComplexity } from '../src/auth/password-policy.js';
import { hashRefreshToken, newRefreshToken, sessionIdOf } from '../src/auth/refresh-token.js';
import { resolveDataScope, type ScopeDepartment } from '../src/roles/data-scope.js';
import { grantProblem, unknownPermissions } from '../src/roles/role-grants.js';

const SIX = ['420202', '420203', '420204', '420205', '420222', '420281'];
const tree: ScopeDepartment[] = [
  { id: 'bureau', parentId: null, districtCode: '420200', enterpriseId: null },
  { id: 'section', parentId: 'bureau', districtCode: '420200', enterpriseId: null },
  { id: 'daye', parentId: 'bureau', districtCode: '420281', enterpriseId: null },
  { id: 'daye-station', parentId: 'daye', districtCode: '420281', enterpriseId: null },
  { id: 'yangxin', parentId: 'bureau', districtCode: '420222', enterpriseId: null },
  { id: 'ent-group', parentId: null, districtCode: null, enterpriseId: null },
  { id: 'ent-a', parentId: 'ent-group', districtCode: null, enterpriseId: 'E-A' },
  { id: 'ent-b', parentId: 'ent-group', districtCode: null, enterpriseId: 'E-B' },
];
const role = (dataScope: any, customDepartmentIds: string[] = []) => ({ dataScope, customDepartmentIds });

describe('resolveDataScope (RuoYi semantics)', () => {
  it('ALL wins over everything and carries no lists', () => {
    expect(resolveDataScope({ departmentId: 'daye' }, [role('SELF'), role('ALL'), role('DEPT')], tree)).toEqual({
      kind: 'ALL',
      departmentIds: [],
      districtCodes: [],
      enterpriseIds: [],
    });
  });

  it('DEPT is the own department; the city code expands to the city and its six divisions', () => {
    expect(resolveDataScope({ departmentId: 'section' }, [role('DEPT')], tree)).toEqual({
      kind: 'DEPT',
      departmentIds: ['section'],
      districtCodes: ['420200', ...SIX].sort(),
      enterpriseIds: [],
    });
  });

  it('DEPT_AND_CHILDREN adds every department below', () => {
    expect(resolveDataScope({ departmentId: 'daye' }, [role('DEPT_AND_CHILDREN')], tree)).toEqual({
      kind: 'DEPT_AND_CHILDREN',
      departmentIds: ['daye', 'daye-station'],
      districtCodes: ['420281'],
      enterpriseIds: [],
    });
    const group = resolveDataScope({ departmentId: 'ent-group' }, [role('DEPT_AND_CHILDREN')], tree);
    expect(group.enterpriseIds).toEqual(['E-A', 'E-B']);
  });

  it('CUSTOM is the role’s departments, regardless of the person’s own', () => {
    expect(resolveDataScope({ departmentId: 'daye' }, [role('CUSTOM', ['yangxin', 'ent-a', 'unknown'])], tree)).toEqual(
      {
        kind: 'CUSTOM',
        departmentIds: ['ent-a', 'yangxin'],
        districtCodes: ['420222'],
        enterpriseIds: ['E-A'],
      },
    );
  });

  it('SELF has no departments; any department-based role beats it', () => {
    expect(resolveDataScope({ departmentId: 'daye' }, [role('SELF')], tree)).toEqual({
      kind: 'SELF',
      departmentIds: [],
      districtCodes: [],
      enterpriseIds: [],
    });
    expect(resolveDataScope({ departmentId: 'daye' }, [role('SELF'), role('DEPT')], tree).kind).toBe('DEPT');
    expect(resolveDataScope({ departmentId: 'daye' }, [], tree).kind).toBe('SELF');
  });

  it('several department-based roles: the union, reported as CUSTOM', () => {
    const scope = resolveDataScope({ departmentId: 'daye' }, [role('DEPT'), role('CUSTOM', ['ent-b'])], tree);
    expect(scope).toEqual({
      kind: 'CUSTOM',
      departmentIds: ['daye', 'ent-b'],
      districtCodes: ['420281'],
      enterpriseIds: ['E-B'],
    });
    const same = resolveDataScope({ departmentId: 'daye' }, [role('DEPT'), role('DEPT')], tree);
    expect(same.kind).toBe('DEPT');
  });

  it('survives a cycle in the tree', () => {
    const cyclic: ScopeDepartment[] = [
      { id: 'a', parentId: 'b', districtCode: null, enterpriseId: null },
      { id: 'b', parentId: 'a', districtCode: null, enterpriseId: null },
    ];
    expect(resolveDataScope({ departmentId: 'a' }, [role('DEPT_AND_CHILDREN')], cyclic).departmentIds).toEqual([
      'a',
      'b',
    ]);
  });
});

describe('password complexity', () => {
  const check = (p: string, old?: string) => checkPasswordComplexity(p, { username: 'zhangsan', oldPassword: old });
  it('accepts 8+ characters of three classes', () => {
    expect(check('Huangshi@2025')).toEqual([]);
    expect(check('huangshi@2025')).toEqual([]);
    expect(check('HUANGSHI2025a')).toEqual([]);
  });
  it('names each broken rule', () => {
    expect(check('Ab1!')).toEqual(['密码长度至少 8 位，当前为 4 位']);
    expect(check('abcdefgh')[0]).toContain('当前缺少：大写字母、数字、特殊符号');
    expect(check('Zhangsan#2025')).toEqual(['密码不能包含用户名']);
    expect(check('Huangshi@2025', 'Huangshi@2025')).toEqual(['新密码不能与原密码相同']);
    expect(check('')).toEqual(['密码不能为空']);
    expect(check('A'.repeat(70) + 'a1')).toContain('密码长度不能超过 64 位');
  });
});

describe('lockout', () => {
  const t0 = new Date('2025-11-24T08:00:00Z');
  it('locks at the 5th consecutive failure for 15 minutes, then starts over', () => {
    let state = { failedCount: 0, lockedUntil: null as Date | null };
    const remaining: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = registerFailure(state, t0);
      remaining.push(r.remainingAttempts);
      state = r.state;
    }
    expect(remaining).toEqual([4, 3, 2, 1]);
    const fifth = registerFailure(state, t0);
    expect(fifth.locked).toBe(true);
    expect(fifth.state.lockedUntil).toEqual(new Date(t0.getTime() + 15 * 60_000));
    expect(lockStatus(fifth.state, new Date(t0.getTime() + 60_000))).toEqual({ locked: true, minutesLeft: 14 });
    expect(lockStatus(fifth.state, new Date(t0.getTime() + 14.5 * 60_000))).toEqual({ locked: true, minutesLeft: 1 });
    expect(lockStatus(fifth.state, new Date(t0.getTime() + 15 * 60_000)).locked).toBe(false);
    const afterLock = registerFailure(fifth.state, new Date(t0.getTime() + 16 * 60_000));
    expect(afterLock.remainingAttempts).toBe(DEFAULT_LOCKOUT_POLICY.maxFailures - 1);
  });
});

describe('audit hash chain', () => {
  const content = (seq: number, extra: Partial<AuditContent> = {}): AuditContent => ({
    seq: String(seq),
    at: new Date(Date.UTC(2025, 10, 24, 8, 0, seq)).toISOString(),
    actorId: null,
    actorName: 'admin',
    sessionId: null,
    ip: '10.0.0.1',
    userAgent: null,
    operationName: 'UpdateUser',
    fields: ['updateUser'],
    variables: { b: 1, a: { d: [1, 2], c: 'x' } },
    result: 'SUCCESS',
    errorCodes: [],
    ...extra,
  });
  const chain = (n: number): ChainRow[] => {
    const rows: ChainRow[] = [];
    let prev = GENESIS_HASH;
    for (let i = 1; i <= n; i++) {
      const c = content(i);
      const hash = auditHash(prev, c);
      rows.push({ ...c, prevHash: prev, hash });
      prev = hash;
    }
    return rows;
  };

  it('canonical JSON ignores key order and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, undefined], c: 'x' }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[1,null]},"b":1}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('hash = SM3(prevHash + canonical JSON)', () => {
    const c = content(1);
    expect(auditHash(GENESIS_HASH, c)).toBe(sm3(GENESIS_HASH + canonicalJson(c)));
  });

  it('finds the first changed, removed or re-linked row', () => {
    expect(firstBrokenLink(chain(5), GENESIS_HASH).brokenAtSeq).toBeNull();
    const changed = chain(5);
    changed[2] = { ...changed[2], result: 'FAILURE' };
    expect(firstBrokenLink(changed, GENESIS_HASH).brokenAtSeq).toBe('3');
    const removed = chain(5).filter((r) => r.seq !== '2');
    expect(firstBrokenLink(removed, GENESIS_HASH).brokenAtSeq).toBe('3');
  });

  it('normalises variables to what jsonb gives back (and strips what PostgreSQL cannot store)', () => {
    expect(normaliseVariables({ a: undefined, d: new Date(0), s: 'x\u0000y' })).toEqual({
      d: '1970-01-01T00:00:00.000Z',
      s: 'x\uFFFDy',
    });
    expect(normaliseVariables(undefined)).toBeNull();
    expect(normaliseVariables({ big: 'x'.repeat(70_000) })).toEqual({ _truncated: true, bytes: 70_010 });
  });
});

describe('refresh tokens and grants', () => {
  it('carries the session id and hashes to 64 hex chars', () => {
    const id = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
    const token = newRefreshToken(id);
    expect(sessionIdOf(token)).toBe(id);
    expect(hashRefreshToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(sessionIdOf('x.y')).toBeNull();
    expect(sessionIdOf(`${id}.short`)).toBeNull();
  });

  it('knows the permission codes and refuses grants beyond the granter’s own', () => {
    expect(unknownPermissions(['*', 'project:view', 'project:delete'])).toEqual(['project:delete']);
    const granter = { permissions: ['system:user:edit', 'project:view'], scope: { kind: 'DEPT' } } as unknown as Caller;
    expect(grantProblem(granter, { name: 'r', permissions: ['project:view'], dataScope: 'DEPT' })).toBeNull();
    expect(grantProblem(granter, { name: 'r', permissions: ['project:edit'], dataScope: 'DEPT' })).toContain(
      'project:edit',
    );
    expect(grantProblem(granter, { name: 'r', permissions: ['*'], dataScope: 'DEPT' })).toContain('*');
    expect(grantProblem(granter, { name: 'r', permissions: [], dataScope: 'ALL' })).toContain('全部数据权限');
  });
});
