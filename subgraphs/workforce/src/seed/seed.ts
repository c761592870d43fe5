import { chinaMidnight, computeIdCardCheckChar, pgParams, type SeedOptions, stableId } from '@hs/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { idCardKeys } from '../people/person.service.js';
import { KEY_POSTS } from '../people/key-posts.js';
import { ensureMonths, monthOf } from '../attendance/partitions.js';

/**
 * Demo and benchmark data. Sites are copied once from the projects schema of the same database
 * (the seed runs after the projects seed; at run time the replica follows projects.changed, see
 * docs/adr/0006-workforce-site-replica.md). People, assignments and devices are generated
 * deterministically; attendance history is generated in SQL (INSERT … SELECT), relative to today.
 *  - demo: ~8 people per project under construction, 30 days of history, today's morning so far;
 *  - bench: 50,000 people (90 open assignments per project on 300 projects, the rest exited),
 *    a year of history up to yesterday (today is left for the benchmark's morning peak).
 */
export const DEMO_WORKER_USERNAME = 'worker';
export const DEVICE_GATEWAY_USERNAME = 'device_gateway';

const TRADES = [
  '钢筋工',
  '木工',
  '混凝土工',
  '砌筑工',
  '架子工',
  '电工',
  '焊工',
  '抹灰工',
  '油漆工',
  '水暖工',
  '机械操作工',
  '普工',
];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余于杜叶程魏苏吕丁任沈';
const GIVEN = [
  '伟',
  '强',
  '磊',
  '军',
  '勇',
  '杰',
  '涛',
  '斌',
  '超',
  '明',
  '刚',
  '平',
  '辉',
  '鹏',
  '华',
  '飞',
  '鑫',
  '波',
  '俊',
  '建国',
  '志强',
  '国庆',
  '海涛',
  '小红',
  '丽',
  '芳',
  '敏',
];
/** The unit that employs a key post (the rest of a crew works for the 施工总包). */
const POST_EMPLOYER_ROLE: Record<string, string> = {
  总监理工程师: 'SUPERVISOR',
  专业监理工程师: 'SUPERVISOR',
  建设单位代表: 'BUILDER',
  勘察负责人: 'SURVEYOR',
  设计负责人: 'DESIGNER',
};
const ETHNICITIES = ['汉族', '汉族', '汉族', '汉族', '汉族', '汉族', '土家族', '回族', '苗族'];
const HOME = ['420202', '420203', '420204', '420205', '420222', '420281', '421122', '421127', '360424', '430626'];

class Rng {
  private a: number;
  constructor(seed: number) {
    this.a = seed >>> 0;
  }
  next(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(list: readonly T[] | string): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }
}

/** A valid 18-character 身份证号 (GB 11643 check character) for a person number. */
export function demoIdCard(rng: Rng, n: number): string {
  const region = rng.pick(HOME);
  const y = rng.int(1965, 2004);
  const m = String(rng.int(1, 12)).padStart(2, '0');
  const d = String(rng.int(1, 28)).padStart(2, '0');
  const seq = String(n % 1000).padStart(3, '0');
  const first17 = `${region}${y}${m}${d}${seq}`;
  return first17 + computeIdCardCheckChar(first17);
}

interface SiteRow {
  id: string;
  name: string;
  district_code: string;
  location_lng: number | null;
  location_lat: number | null;
  site_boundary: unknown;
  status: string;
}

const q = (em: EntityManager, sql: string, params: unknown[] = []): Promise<any[]> =>
  em.getConnection().execute(sql, pgParams(params), 'all');

/** The devices the benchmark uploads through: one per project, ids stableId('workforce-device', projectId). */
export const benchDevices = (projectIds: string[]) => projectIds.map((p) => stableId('workforce-device', p));

export async function seedWorkforce(em: EntityManager, options: SeedOptions): Promise<void> {
  const fieldKey = options.config?.FIELD_ENCRYPTION_KEY;
  if (!fieldKey) throw new Error('workforce seed needs the platform config (FIELD_ENCRYPTION_KEY)');
  const exists = await q(em, `select to_regclass('projects.project') as t`);
  if (!exists[0].t) {
    options.logger.warn('workforce seed: no projects schema in this database, nothing to seed');
    return;
  }
  const sites: SiteRow[] = await q(
    em,
    `select id, name, district_code, location_lng, location_lat, site_boundary, status from projects.project order by id`,
  );
  const now = options.now ?? new Date();
  await q(
    em,
    `insert into workforce.project_site (project_id, name, district_code, location_lng, location_lat, boundary, fence_margin_m, synced_at, updated_at)
     select t.id, t.name, t.district_code, t.lng, t.lat, t.boundary, 50, ?, ?
       from unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::float8[], ?::float8[], ?::jsonb[]) as t(id, name, district_code, lng, lat, boundary)
     on conflict (project_id) do nothing`,
    [
      now,
      now,
      sites.map((s) => s.id),
      sites.map((s) => s.name),
      sites.map((s) => s.district_code),
      sites.map((s) => s.location_lng),
      sites.map((s) => s.location_lat),
      sites.map((s) => (s.site_boundary ? JSON.stringify(s.site_boundary) : null)),
    ],
  );
  // Who employs whom (demo and bench alike): each post by the project's unit of the matching role, the
  // 施工总包 for the crew, so an enterprise's account sees its own people (data scope by employer).
  const units = await q(
    em,
    `select u.project_id, u.role, u.enterprise_id, e.name from projects.project_unit u
       join projects.enterprise e on e.id = u.enterprise_id order by u.project_id, u.role, u.position`,
  );
  const employerOf = new Map<string, { id: string; name: string }>();
  for (const u of units) {
    const key = `${u.project_id}:${u.role}`;
    if (!employerOf.has(key)) employerOf.set(key, { id: u.enterprise_id, name: u.name });
  }
  const employer = (projectId: string, post: string) =>
    employerOf.get(`${projectId}:${POST_EMPLOYER_ROLE[post] ?? 'GENERAL_CONTRACTOR'}`) ??
    employerOf.get(`${projectId}:GENERAL_CONTRACTOR`) ??
    null;
  const active = sites.filter((s) => s.status === 'UNDER_CONSTRUCTION');
  const bench = options.scale === 'bench';
  // bench: every project gets a crew (the morning peak is 300 projects × 90 people).
  const crewed = bench ? sites : active;
  const perProject = bench ? 90 : 8;
  const exitedTotal = bench ? Math.max(0, 50_000 - perProject * crewed.length) : 20;
  const days = bench ? Number(process.env.WORKFORCE_BENCH_DAYS ?? 365) : 30;
  const rng = new Rng(bench ? 20261125 : 20261124);
  const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const dayMs = 86_400_000;
  const dateOf = (offset: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) + offset * dayMs).toISOString().slice(0, 10);

  // People and assignments, in chunks of unnest inserts.
  interface P {
    id: string;
    name: string;
    idCard: string;
    trade: string;
    userId: string | null;
  }
  interface E {
    id: string;
    personId: string;
    projectId: string;
    district: string;
    post: string;
    key: boolean;
    entry: string;
    exit: string | null;
    employer: { id: string; name: string } | null;
  }
  const people: P[] = [];
  const jobs: E[] = [];
  let n = 0;
  const numbers = new Set<string>();
  const newPerson = (trade: string, userId: string | null = null): P => {
    n++;
    let number = demoIdCard(rng, n);
    while (numbers.has(number)) number = demoIdCard(rng, n + numbers.size);
    numbers.add(number);
    const p: P = {
      id: stableId('workforce-person', `${options.scale}:${n}`),
      name: rng.pick<string>(SURNAMES) + rng.pick(GIVEN),
      idCard: number,
      trade,
      userId,
    };
    people.push(p);
    return p;
  };
  for (const [i, site] of crewed.entries()) {
    for (let k = 0; k < perProject; k++) {
      const post = k < KEY_POSTS.length && (bench || k < 3) ? KEY_POSTS[k] : '作业人员';
      const isKey = post !== '作业人员';
      // The first demo project's first worker is the `worker` account's person (phone check-in).
      const p = newPerson(
        isKey ? '管理人员' : rng.pick(TRADES),
        !bench && i === 0 && k === 3 ? stableId('user', DEMO_WORKER_USERNAME) : null,
      );
      jobs.push({
        id: stableId('workforce-employment', p.id),
        personId: p.id,
        projectId: site.id,
        district: site.district_code,
        post,
        key: isKey,
        entry: dateOf(-rng.int(days + 1, days + 200)),
        exit: null,
        employer: employer(site.id, post),
      });
    }
  }
  for (let k = 0; k < exitedTotal && crewed.length; k++) {
    const site = rng.pick(crewed);
    const p = newPerson(rng.pick(TRADES));
    const entry = -rng.int(60, days + 100);
    jobs.push({
      id: stableId('workforce-employment', p.id),
      personId: p.id,
      projectId: site.id,
      district: site.district_code,
      post: '作业人员',
      key: false,
      entry: dateOf(entry),
      exit: dateOf(Math.min(-1, entry + rng.int(20, 200))),
      employer: employer(site.id, '作业人员'),
    });
  }
  const CHUNK = 2000;
  for (let i = 0; i < people.length; i += CHUNK) {
    const part = people.slice(i, i + CHUNK);
    const keys = part.map((p) => idCardKeys(p.idCard, fieldKey));
    await q(
      em,
      `insert into workforce.person (id, name, id_card_cipher, id_card_index, id_card_sm3, sex, ethnicity, birth_date, trade, user_id, created_at, updated_at)
       select t.id, t.name, t.c, t.i, t.h, t.sex, t.eth, t.birth, t.trade, t.user_id, ?, ?
         from unnest(?::uuid[], ?::varchar[], ?::text[], ?::varchar[], ?::varchar[], ?::text[], ?::varchar[], ?::date[], ?::varchar[], ?::uuid[])
           as t(id, name, c, i, h, sex, eth, birth, trade, user_id)`,
      [
        now,
        now,
        part.map((p) => p.id),
        part.map((p) => p.name),
        keys.map((k) => k.idCardCipher),
        keys.map((k) => k.idCardIndex),
        keys.map((k) => k.idCardSm3),
        part.map((p) => (Number(p.idCard[16]) % 2 ? 'MALE' : 'FEMALE')),
        part.map(() => rng.pick(ETHNICITIES)),
        part.map((p) => `${p.idCard.slice(6, 10)}-${p.idCard.slice(10, 12)}-${p.idCard.slice(12, 14)}`),
        part.map((p) => p.trade),
        part.map((p) => p.userId),
      ],
    );
  }
  for (let i = 0; i < jobs.length; i += CHUNK) {
    const part = jobs.slice(i, i + CHUNK);
    // Contracts of people on site end from 10 days ago to ~6 months ahead (by hash): some are due for
    // renewal, as on a real register; an exited person's ended on exit.
    await q(
      em,
      `insert into workforce.employment (id, person_id, project_id, district_code, post, is_key_post, entry_date, exit_date,
          enterprise_id, enterprise_name, contract_no, contract_start, contract_end, wage_type, wage_amount, created_at, updated_at)
       select t.id, t.person_id, t.project_id, t.district, t.post, t.key, t.entry, t.exit, t.employer_id, t.employer_name,
          'HT' || substr(replace(t.id::text, '-', ''), 1, 12), t.entry,
          coalesce(t.exit, ?::date + (abs(hashtext(t.id::text || 'contract')) % 200) - 10), 'DAILY', 260, ?, ?
         from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::varchar[], ?::varchar[], ?::boolean[], ?::date[], ?::date[],
                     ?::uuid[], ?::varchar[])
           as t(id, person_id, project_id, district, post, key, entry, exit, employer_id, employer_name)`,
      [
        today,
        now,
        now,
        part.map((j) => j.id),
        part.map((j) => j.personId),
        part.map((j) => j.projectId),
        part.map((j) => j.district),
        part.map((j) => j.post),
        part.map((j) => j.key),
        part.map((j) => j.entry),
        part.map((j) => j.exit),
        part.map((j) => j.employer?.id ?? null),
        part.map((j) => j.employer?.name ?? null),
      ],
    );
  }
  await q(
    em,
    `insert into workforce.device (id, project_id, serial_no, name, kind, enabled, created_at)
     select t.id, t.project_id, t.serial, '1号门人脸识别考勤机', 'FACE', true, ?
       from unnest(?::uuid[], ?::uuid[], ?::varchar[]) as t(id, project_id, serial)`,
    [
      now,
      benchDevices(crewed.map((s) => s.id)),
      crewed.map((s) => s.id),
      crewed.map((_, i) => `HS-FACE-${String(i + 1).padStart(5, '0')}`),
    ],
  );
  await q(
    em,
    `insert into workforce.training (id, person_id, title, trained_on, hours, provider, created_at)
     select md5(e.person_id::text || 'training')::uuid, e.person_id, '三级安全教育', e.entry_date, 24, '项目部安全科', ?
       from workforce.employment e where e.exit_date is null`,
    [now],
  );

  // History up to yesterday, in SQL: a person attends ~88% of days (deterministic by hash), key posts ~80%.
  const first = dateOf(-days);
  const months: string[] = [];
  for (let d = Date.parse(`${first}T00:00:00Z`); d <= Date.parse(`${today}T00:00:00Z`) + 31 * dayMs; d += 28 * dayMs)
    months.push(monthOf(new Date(d)));
  months.push(monthOf(now));
  await ensureMonths(em, months);
  await q(
    em,
    `insert into workforce.presence (work_date, project_id, person_id, district_code, is_key_post, on_site, first_in_at, last_at)
     select d::date, e.project_id, e.person_id, e.district_code, e.is_key_post, false,
            (d + interval '7 hours' + (abs(hashtext(e.person_id::text || d::text)) % 5400) * interval '1 second') at time zone 'Asia/Shanghai',
            (d + interval '17 hours' + (abs(hashtext(d::text || e.person_id::text)) % 3600) * interval '1 second') at time zone 'Asia/Shanghai'
       from workforce.employment e
       cross join generate_series(?::timestamp, ?::timestamp, interval '1 day') as d
      where d::date >= e.entry_date and (e.exit_date is null or d::date <= e.exit_date)
        and abs(hashtext(e.person_id::text || 'p' || d::text)) % 100 < case when e.is_key_post then 80 else 88 end`,
    [first, dateOf(-1)],
  );
  await q(
    em,
    `insert into workforce.attendance (id, occurred_at, work_date, person_id, project_id, district_code, direction, source,
        device_id, event_id, accepted, is_key_post, received_at)
     select md5(r.person_id::text || r.work_date::text || x.dir)::uuid,
            case when x.dir = 'IN' then r.first_in_at else r.last_at end, r.work_date, r.person_id, r.project_id,
            r.district_code, x.dir, 'DEVICE', null, null, true, r.is_key_post,
            case when x.dir = 'IN' then r.first_in_at else r.last_at end
       from workforce.presence r cross join (values ('IN'), ('OUT')) as x(dir)`,
  );

  if (!bench) await seedDemoToday(em, crewed, now, today);
  options.logger.info({ people: people.length, assignments: jobs.length, days }, 'workforce data generated');
}

/**
 * Demo only: this morning so far (from 07:00, at most 90 minutes of arrivals; before 07:00 the last
 * hour of the night), through the same rules as real uploads, plus a few refusals. Every arrival lies
 * between today's Beijing midnight and now: one seeded at 00:20 an hour back would be yesterday's,
 * yet counted in today's presence while today's records do not show it.
 */
async function seedDemoToday(em: EntityManager, crewed: SiteRow[], now: Date, today: string): Promise<void> {
  const start = new Date(`${today}T07:00:00+08:00`).getTime();
  const from = now.getTime() < start ? Math.max(chinaMidnight(today).getTime(), now.getTime() - 60 * 60_000) : start;
  const span = Math.max(1, Math.min(now.getTime() - from, 90 * 60_000));
  await q(
    em,
    `insert into workforce.attendance (id, occurred_at, work_date, person_id, project_id, district_code, direction, source,
        accepted, is_key_post, received_at)
     select md5(e.person_id::text || 'today')::uuid, t, ?::date, e.person_id, e.project_id, e.district_code, 'IN', 'DEVICE',
            true, e.is_key_post, t
       from (select e.*, to_timestamp(? / 1000.0 + (abs(hashtext(e.person_id::text || 'today')) % ?) / 1000.0) as t
               from workforce.employment e where e.exit_date is null and e.project_id = any(?::uuid[])
                and abs(hashtext(e.person_id::text || 'att')) % 100 < 85
                and e.person_id <> ?) e`,
    [today, from, span, crewed.map((s) => s.id), stableId('workforce-person', 'demo:4')],
  );
  await q(
    em,
    `insert into workforce.presence (work_date, project_id, person_id, district_code, is_key_post, on_site, first_in_at, last_at)
     select a.work_date, a.project_id, a.person_id, a.district_code, a.is_key_post, true, a.occurred_at, a.occurred_at
       from workforce.attendance a where a.work_date = ? and a.accepted`,
    [today],
  );
  // A refused attempt of each common kind, so the records page shows them.
  await q(
    em,
    `insert into workforce.attendance (id, occurred_at, work_date, person_id, project_id, district_code, direction, source,
        accepted, reason, received_at)
     select md5(s.id::text || 'unknown')::uuid, ?, ?::date, null, s.id, s.district_code, 'IN', 'DEVICE', false, 'UNKNOWN_PERSON', ?
       from unnest(?::uuid[], ?::varchar[]) as s(id, district_code)`,
    [now, today, now, crewed.slice(0, 5).map((s) => s.id), crewed.slice(0, 5).map((s) => s.district_code)],
  );
}
