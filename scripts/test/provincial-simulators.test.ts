/**
 * The two provincial simulators keep the contracts their READMEs document: signed requests, the
 * ordered and resumable enterprise list, touches, the failure switches, idempotent pushes, and a
 * project lookup by any of a project's codes with valid credit codes and locations in the district.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCreditCode, DEMO_ENTERPRISES, pointInPolygon, type AreaGeometry } from '@hs/kit';
import {
  signedHeaders,
  startProvincialMarketSimulator,
  type MarketEnterprise,
  type RunningProvincialMarketSimulator,
} from '../../simulators/provincial-market/server.mjs';
import { DEMO_KNOWN } from '../../simulators/provincial-market/data.mjs';
import {
  startProvincialApprovalSimulator,
  type RunningProvincialApprovalSimulator,
} from '../../simulators/provincial-approval/server.mjs';

describe('provincial market simulator', () => {
  let market: RunningProvincialMarketSimulator;
  beforeAll(async () => {
    market = await startProvincialMarketSimulator({ enterprises: 1200 });
  });
  afterAll(() => market.close());

  const get = (target: string, headers = signedHeaders({ method: 'GET', target })) =>
    fetch(market.url + target, { headers });

  async function pull(first: string) {
    const items: MarketEnterprise[] = [];
    let target = first;
    for (;;) {
      const response = await get(target);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { data: { items: MarketEnterprise[]; nextCursor: string | null } };
      items.push(...body.data.items);
      if (!body.data.nextCursor) return items;
      target = `/api/v1/enterprises?limit=500&cursor=${body.data.nextCursor}`;
    }
  }

  it('refuses unsigned, badly signed and stale requests', async () => {
    const target = '/api/v1/enterprises?limit=5';
    expect((await fetch(market.url + target)).status).toBe(401);
    const wrong = signedHeaders({ method: 'GET', target, appSecret: 'not-the-secret' });
    expect((await get(target, wrong)).status).toBe(401);
    const otherTarget = signedHeaders({ method: 'GET', target: '/api/v1/enterprises?limit=6' });
    expect((await get(target, otherTarget)).status).toBe(401);
    const stale = signedHeaders({ method: 'GET', target, now: Date.now() - 6 * 60_000 });
    const answer = await get(target, stale);
    expect(answer.status).toBe(401);
    expect(((await answer.json()) as { message: string }).message).toContain('时间戳');
    expect((await get(target)).status).toBe(200);
  });

  it('lists every enterprise once, ordered by updatedAt then id, with valid credit codes', async () => {
    const items = await pull('/api/v1/enterprises?limit=500');
    expect(items).toHaveLength(1200);
    expect(new Set(items.map((e) => e.creditCode)).size).toBe(1200);
    for (let i = 1; i < items.length; i++) {
      const [a, b] = [items[i - 1], items[i]];
      expect(a.updatedAt < b.updatedAt || (a.updatedAt === b.updatedAt && a.id < b.id)).toBe(true);
    }
    expect(items.every((e) => checkCreditCode(e.creditCode).ok)).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    const in90 = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    const validity = items.flatMap((e) => e.qualifications.map((q) => q.validUntil));
    expect(validity.some((d) => d < today)).toBe(true);
    expect(validity.some((d) => d >= today && d <= in90)).toBe(true);
  });

  it('knows the demo enterprises, one of them under a changed name', () => {
    for (const demo of DEMO_ENTERPRISES) {
      const known = DEMO_KNOWN.find((k) => k[0] === demo.creditCode);
      if (!known) continue;
      const served = market.enterprise(demo.creditCode)!;
      if (demo.creditCode === '91420202G8NQDE0RHJ') expect(served.name).not.toBe(demo.name);
      else expect(served.name).toBe(demo.name);
    }
    expect(DEMO_KNOWN.every((k) => DEMO_ENTERPRISES.some((d) => d.creditCode === k[0]))).toBe(true);
  });

  it('answers an incremental pull with the touched enterprises and their new qualifications', async () => {
    const all = await pull('/api/v1/enterprises?limit=500');
    const checkpoint = all[all.length - 1].updatedAt;
    const touched = market.touch(5);
    const changes = await pull(`/api/v1/enterprises?limit=500&updatedSince=${encodeURIComponent(checkpoint)}`);
    // At-or-after: the checkpoint's own record comes again, then the five touched ones.
    expect(changes.map((e) => e.creditCode).slice(-5)).toEqual(touched);
    expect(changes.length).toBeLessThanOrEqual(6);
    const before = all.find((e) => e.creditCode === touched[0])!;
    const after = changes.find((e) => e.creditCode === touched[0])!;
    expect(after.qualifications).not.toEqual(before.qualifications);
  });

  it('looks one enterprise up; unknown is 404', async () => {
    const code = market.codes()[3];
    const found = await get(`/api/v1/enterprises/${code}`);
    expect(((await found.json()) as { data: MarketEnterprise }).data.creditCode).toBe(code);
    const unknown = await get('/api/v1/enterprises/91420202MA4K000019');
    expect(unknown.status).toBe(404);
    expect((await get('/api/v1/enterprises?limit=501')).status).toBe(400);
  });

  it('keeps one receipt per idempotency key and counts the duplicates', async () => {
    const body = JSON.stringify({ certificateNo: 'HS-2026-001' });
    const target = '/api/v1/drawing-reviews';
    const post = () =>
      fetch(market.url + target, {
        method: 'POST',
        headers: { ...signedHeaders({ method: 'POST', target, body }), 'Idempotency-Key': 'k-1' },
        body,
      }).then((r) => r.json() as Promise<{ data: { receiptId: string; duplicate: boolean } }>);
    const first = await post();
    const second = await post();
    expect(second.data).toEqual({ receiptId: first.data.receiptId, duplicate: true });
    expect(market.received()).toEqual([
      { idempotencyKey: 'k-1', receiptId: first.data.receiptId, body: JSON.parse(body), duplicates: 1 },
    ]);
  });

  it('switches to malformed, error and down', async () => {
    market.setMode('malformed');
    const page = (await (await get('/api/v1/enterprises?limit=10')).json()) as { data: { items: any[] } };
    expect(page.data.items[3].creditCode).toBeUndefined();
    expect(page.data.items[2].creditCode).toBeDefined();
    const single = await get(`/api/v1/enterprises/${market.codes()[0]}`);
    const text = await single.text();
    expect(single.status).toBe(200);
    expect(() => JSON.parse(text)).toThrow();
    market.setMode('error');
    expect((await get('/api/v1/enterprises?limit=1')).status).toBe(500);
    market.setMode('down');
    await expect(get('/api/v1/enterprises?limit=1')).rejects.toThrow();
    market.setMode('normal');
    expect((await get('/api/v1/enterprises?limit=1')).status).toBe(200);
  });
});

describe('provincial approval simulator', () => {
  let approval: RunningProvincialApprovalSimulator;
  beforeAll(async () => {
    approval = await startProvincialApprovalSimulator();
  });
  afterAll(() => approval.close());

  const lookup = (code: string) => fetch(`${approval.url}/api/v1/projects/lookup?code=${encodeURIComponent(code)}`);

  it('finds a project by each of its codes, full-width digits too', async () => {
    const project = approval.projects().find((p) => p.codes.permitNo)!;
    for (const code of Object.values(project.codes)) {
      const body = (await (await lookup(code!)).json()) as { data: { name: string } };
      expect(body.data.name).toBe(project.name);
    }
    const fullWidth = project.codes.permitNo!.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    expect((await lookup(` ${fullWidth} `)).status).toBe(200);
  });

  it('answers 404 for an unknown code and 400 for something that is no code', async () => {
    const unknown = await lookup('420202202501010101');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ code: 404, message: '未查询到该编码对应的项目' });
    expect((await lookup('<script>')).status).toBe(400);
  });

  it('serves 200 projects with unique, well-formed codes, valid units and locations inside their district', () => {
    const projects = approval.projects();
    expect(projects).toHaveLength(200);
    const codes = projects.flatMap((p) => Object.values(p.codes).filter(Boolean));
    expect(new Set(codes).size).toBe(codes.length);
    const geojson = JSON.parse(
      readFileSync(new URL('../../subgraphs/projects/data/huangshi-districts.geojson', import.meta.url), 'utf8'),
    ) as { features: { properties: { adcode: string }; geometry: AreaGeometry }[] };
    const boundaries = new Map(geojson.features.map((f) => [f.properties.adcode, f.geometry]));
    for (const p of projects) {
      expect(p.codes.investmentCode).toMatch(/^\d{4}-\d{6}-\d{2}-\d{2}-\d{6}$/);
      if (p.codes.permitNo) expect(p.codes.permitNo).toMatch(new RegExp(`^${p.districtCode}\\d{12}$`));
      expect(p.units.map((u) => u.role)).toEqual(['8', '9', '7', '10', '11']);
      expect(p.units.every((u) => checkCreditCode(u.creditCode).ok)).toBe(true);
      expect(pointInPolygon([p.location.lng, p.location.lat], boundaries.get(p.districtCode)!)).toBe(true);
    }
  });

  it('switches to malformed, error and down', async () => {
    const code = approval.projects()[0].codes.investmentCode;
    approval.setMode('malformed');
    const garbled = (await (await lookup(code)).json()) as { data: Record<string, unknown> };
    expect(garbled.data.name).toBeUndefined();
    expect(typeof garbled.data.units).toBe('string');
    approval.setMode('error');
    expect((await lookup(code)).status).toBe(500);
    approval.setMode('down');
    await expect(lookup(code)).rejects.toThrow();
    approval.setMode('normal');
    expect((await lookup(code)).status).toBe(200);
  });
});
