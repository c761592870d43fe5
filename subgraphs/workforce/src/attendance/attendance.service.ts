import { randomUUID } from 'node:crypto';
import {
  AppError,
  badInput,
  type Caller,
  chinaDate,
  ErrorCode,
  forbidden,
  isUuid,
  type Logger,
  notFound,
  pgParams,
  type PgPubSub,
  SHA256_HEX,
} from '@hs/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { checkFence } from '../geofence.js';
import { Person } from '../people/person.entity.js';
import { Device } from '../sites/device.entity.js';
import { ProjectSite } from '../sites/site.entity.js';
import {
  ATTENDANCE_CHANGED_TOPIC,
  type AttendanceChangedPayload,
  type AttendanceEventInput,
  AttendanceSource,
  type BatchResult,
  Direction,
  type EventOutcome,
  type ProjectDelta,
  REFUSAL_MESSAGES,
  RefusalReason,
} from './attendance.types.js';
import { ensureMonths, monthOf } from './partitions.js';

export interface AttendanceSettings {
  /** Same person, project and direction within this window: DUPLICATE. */
  duplicateWindowMs: number;
  /** Phone positions less precise than this are refused (LOW_ACCURACY). */
  maxAccuracyM: number;
  /** Largest batch a device may upload at once. */
  maxBatch: number;
}

export const DEFAULT_ATTENDANCE_SETTINGS: AttendanceSettings = {
  duplicateWindowMs: 5 * 60_000,
  maxAccuracyM: 200,
  maxBatch: 500,
};

export interface AttendanceDeps {
  pubSub: PgPubSub;
  logger: Logger;
  settings: AttendanceSettings;
  now: () => Date;
}

/** One attempt on its way in: the person (if known) and a reason already decided before the rules run. */
interface Attempt {
  eventId: string | null;
  personId: string | null;
  occurredAt: Date;
  direction: Direction;
  preReason: RefusalReason | null;
  latitude: number | null;
  longitude: number | null;
  accuracyM: number | null;
  distanceM: number | null;
  snapshotSha256: string | null;
}

interface Decided extends Attempt {
  id: string;
  workDate: string;
  accepted: boolean;
  reason: RefusalReason | null;
  isKeyPost: boolean;
}

interface Where {
  projectId: string;
  districtCode: string;
  source: AttendanceSource;
  deviceId: string | null;
  batchId: string | null;
}

const DAY = 86_400_000;
const FUTURE_SLACK_MS = 5 * 60_000;
const OLDEST_MS = 366 * DAY;

type Tx = EntityManager;
const q = <T = any>(tx: Tx, sql: string, params: unknown[] = []): Promise<T[]> =>
  tx.getConnection().execute(sql, pgParams(params), 'all', tx.getTransactionContext());

/**
 * The rules every attempt goes through after the source-specific checks (fence, person lookup):
 * time sanity, open assignment on the project that day (NOT_ON_PROJECT), and the duplicate window
 * against stored accepted attempts and earlier ones of the same batch. Then one multi-row INSERT
 * of all attempts, the presence rows upserted, and the live deltas of today computed.
 */
async function decideAndStore(
  tx: Tx,
  where: Where,
  attempts: Attempt[],
  deps: AttendanceDeps,
): Promise<{ decided: Decided[]; delta: ProjectDelta }> {
  const now = deps.now();
  const today = chinaDate(now);
  const window = deps.settings.duplicateWindowMs;
  const decided: Decided[] = attempts.map((a) => ({
    ...a,
    id: randomUUID(),
    workDate: chinaDate(a.occurredAt),
    accepted: false,
    reason: a.preReason,
    isKeyPost: false,
  }));
  for (const d of decided) {
    if (d.reason) continue;
    const t = d.occurredAt.getTime();
    if (!(t <= now.getTime() + FUTURE_SLACK_MS && t >= now.getTime() - OLDEST_MS)) d.reason = RefusalReason.BAD_TIME;
  }
  const personIds = [...new Set(decided.filter((d) => !d.reason && d.personId).map((d) => d.personId!))];
  if (personIds.length) {
    const employments = await q<{
      person_id: string;
      is_key_post: boolean;
      entry_date: string;
      exit_date: string | null;
    }>(
      tx,
      `select person_id, is_key_post, to_char(entry_date, 'YYYY-MM-DD') as entry_date, to_char(exit_date, 'YYYY-MM-DD') as exit_date
         from workforce.employment where project_id = ? and person_id = any(?::uuid[])`,
      [where.projectId, personIds],
    );
    const byPerson = new Map<string, typeof employments>();
    for (const e of employments) byPerson.set(e.person_id, [...(byPerson.get(e.person_id) ?? []), e]);
    const times = decided.filter((d) => !d.reason).map((d) => d.occurredAt.getTime());
    const stored = await q<{ person_id: string; direction: Direction; occurred_at: Date }>(
      tx,
      `select person_id, direction, occurred_at from workforce.attendance
        where project_id = ? and person_id = any(?::uuid[]) and accepted
          and occurred_at between ? and ?`,
      [where.projectId, personIds, new Date(Math.min(...times) - window), new Date(Math.max(...times) + window)],
    );
    const seen = new Map<string, number[]>();
    const push = (person: string, dir: Direction, t: number) => {
      const k = `${person}:${dir}`;
      seen.set(k, [...(seen.get(k) ?? []), t]);
    };
    for (const s of stored) push(s.person_id, s.direction, new Date(s.occurred_at).getTime());
    // Earlier attempts first, so the first of two close scans is the one kept.
    const order = decided.filter((d) => !d.reason).sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
    for (const d of order) {
      const open = (byPerson.get(d.personId!) ?? []).find(
        (e) => e.entry_date <= d.workDate && (e.exit_date == null || e.exit_date >= d.workDate),
      );
      if (!open) {
        d.reason = RefusalReason.NOT_ON_PROJECT;
        continue;
      }
      d.isKeyPost = open.is_key_post;
      const t = d.occurredAt.getTime();
      if ((seen.get(`${d.personId}:${d.direction}`) ?? []).some((s) => Math.abs(s - t) < window)) {
        d.reason = RefusalReason.DUPLICATE;
        continue;
      }
      d.accepted = true;
      push(d.personId!, d.direction, t);
    }
  }
  for (const d of decided) if (!d.reason && !d.accepted) d.reason = RefusalReason.UNKNOWN_PERSON;

  const col = <K extends keyof Decided>(k: K) => decided.map((d) => d[k]);
  await q(
    tx,
    `insert into workforce.attendance (id, occurred_at, work_date, person_id, project_id, district_code, direction, source,
        device_id, event_id, batch_id, accepted, reason, is_key_post, latitude, longitude, accuracy_m, distance_m,
        snapshot_sha256, received_at)
     select t.id, t.occurred_at, t.work_date, t.person_id, ?, ?, t.direction, ?, ?, t.event_id, ?, t.accepted, t.reason,
        t.is_key_post, t.latitude, t.longitude, t.accuracy_m, t.distance_m, t.snapshot_sha256, ?
       from unnest(?::uuid[], ?::timestamptz[], ?::date[], ?::uuid[], ?::text[], ?::varchar[], ?::boolean[], ?::varchar[],
         ?::boolean[], ?::float8[], ?::float8[], ?::real[], ?::real[], ?::varchar[])
         as t(id, occurred_at, work_date, person_id, direction, event_id, accepted, reason, is_key_post, latitude,
              longitude, accuracy_m, distance_m, snapshot_sha256)`,
    [
      where.projectId,
      where.districtCode,
      where.source,
      where.deviceId,
      where.batchId,
      now,
      col('id'),
      col('occurredAt'),
      col('workDate'),
      col('personId'),
      col('direction'),
      col('eventId'),
      col('accepted'),
      col('reason'),
      col('isKeyPost'),
      col('latitude'),
      col('longitude'),
      col('accuracyM'),
      col('distanceM'),
      col('snapshotSha256'),
    ],
  );

  const delta = await updatePresence(tx, where, decided, today);
  return { decided, delta };
}

/**
 * Presence: one row per (day, project, person) with whether the person is on site after their
 * latest accepted event. Rows of the affected people are locked (FOR UPDATE) so concurrent batches
 * of one project serialise per person; events older than a row's last one do not flip it.
 * Returns the change of today's counts.
 */
async function updatePresence(tx: Tx, where: Where, decided: Decided[], today: string): Promise<ProjectDelta> {
  const delta: ProjectDelta = {
    projectId: where.projectId,
    districtCode: where.districtCode,
    onSiteDelta: 0,
    keyPostDelta: 0,
    attendedDelta: 0,
    keyAttendedDelta: 0,
    accepted: decided.filter((d) => d.accepted).length,
    refused: decided.filter((d) => !d.accepted).length,
    registeredDelta: 0,
    keyRegisteredDelta: 0,
  };
  const accepted = decided.filter((d) => d.accepted).sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  if (!accepted.length) return delta;
  const dates = [...new Set(accepted.map((d) => d.workDate))];
  const people = [...new Set(accepted.map((d) => d.personId!))];
  const existing = await q<{
    work_date: string;
    person_id: string;
    on_site: boolean;
    first_in_at: Date | null;
    last_at: Date;
  }>(
    tx,
    `select to_char(work_date, 'YYYY-MM-DD') as work_date, person_id, on_site, first_in_at, last_at
       from workforce.presence
      where project_id = ? and work_date = any(?::date[]) and person_id = any(?::uuid[])
      order by work_date, person_id
      for update`,
    [where.projectId, dates, people],
  );
  interface State {
    date: string;
    person: string;
    key: boolean;
    existed: boolean;
    before: boolean;
    onSite: boolean;
    firstIn: Date | null;
    last: Date;
  }
  const states = new Map<string, State>();
  for (const e of existing) {
    states.set(`${e.work_date}:${e.person_id}`, {
      date: e.work_date,
      person: e.person_id,
      key: false,
      existed: true,
      before: e.on_site,
      onSite: e.on_site,
      firstIn: e.first_in_at ? new Date(e.first_in_at) : null,
      last: new Date(e.last_at),
    });
  }
  for (const d of accepted) {
    const k = `${d.workDate}:${d.personId}`;
    let s = states.get(k);
    if (!s) {
      s = {
        date: d.workDate,
        person: d.personId!,
        key: d.isKeyPost,
        existed: false,
        before: false,
        onSite: d.direction === Direction.IN,
        firstIn: d.direction === Direction.IN ? d.occurredAt : null,
        last: d.occurredAt,
      };
      states.set(k, s);
      continue;
    }
    s.key = d.isKeyPost;
    if (d.direction === Direction.IN && (!s.firstIn || d.occurredAt < s.firstIn)) s.firstIn = d.occurredAt;
    if (d.occurredAt >= s.last) {
      s.onSite = d.direction === Direction.IN;
      s.last = d.occurredAt;
    }
  }
  const changed = [...states.values()].filter((s) =>
    accepted.some((d) => d.personId === s.person && d.workDate === s.date),
  );
  await q(
    tx,
    `insert into workforce.presence (work_date, project_id, person_id, district_code, is_key_post, on_site, first_in_at, last_at)
     select t.work_date, ?, t.person_id, ?, t.is_key_post, t.on_site, t.first_in_at, t.last_at
       from unnest(?::date[], ?::uuid[], ?::boolean[], ?::boolean[], ?::timestamptz[], ?::timestamptz[])
         as t(work_date, person_id, is_key_post, on_site, first_in_at, last_at)
     on conflict (work_date, project_id, person_id) do update
        set on_site = excluded.on_site, is_key_post = excluded.is_key_post,
            first_in_at = excluded.first_in_at, last_at = excluded.last_at`,
    [
      where.projectId,
      where.districtCode,
      changed.map((s) => s.date),
      changed.map((s) => s.person),
      changed.map((s) => s.key),
      changed.map((s) => s.onSite),
      changed.map((s) => s.firstIn),
      changed.map((s) => s.last),
    ],
  );
  for (const s of changed) {
    if (s.date !== today) continue;
    const d = Number(s.onSite) - Number(s.before);
    delta.onSiteDelta += d;
    if (s.key) delta.keyPostDelta += d;
    if (!s.existed) {
      delta.attendedDelta += 1;
      if (s.key) delta.keyAttendedDelta += 1;
    }
  }
  return delta;
}

/**
 * After commit: ONE event per batch, check-in or change of the register. The data is saved whatever
 * happens here.
 */
export async function publishAttendanceChange(
  deps: Pick<AttendanceDeps, 'pubSub' | 'logger' | 'now'>,
  delta: ProjectDelta,
): Promise<void> {
  const at = deps.now();
  const payload: AttendanceChangedPayload = { deltas: [delta], workDate: chinaDate(at), at: at.toISOString() };
  try {
    await deps.pubSub.publish(ATTENDANCE_CHANGED_TOPIC, payload);
  } catch (error) {
    deps.logger.error({ err: error, projectId: delta.projectId }, 'could not publish workforce.attendance');
  }
}

const outcomeOf = (
  d: { eventId: string | null; accepted: boolean; reason: RefusalReason | null; id: string },
  replayed: boolean,
): EventOutcome => ({
  eventId: d.eventId ?? '',
  accepted: d.accepted,
  reason: d.reason,
  message: d.reason ? REFUSAL_MESSAGES[d.reason] : null,
  attendanceId: d.id,
  replayed,
});

// ------------------------------------------------------------------------------- devices

/**
 * 考勤设备批量上传 (1.2.2b). Idempotent by (deviceId, eventId): a resent batch (or a resent event in
 * another batch) gets the outcome stored the first time and inserts nothing. The keys are
 * inserted first in the same transaction, so two concurrent uploads of the same events serialise
 * on them and only one stores the attempts.
 */
export async function ingestBatch(
  em: EntityManager,
  deviceId: string,
  batchId: string,
  events: AttendanceEventInput[],
  deps: AttendanceDeps,
): Promise<BatchResult> {
  if (!isUuid(deviceId)) throw notFound('考勤设备');
  if (typeof batchId !== 'string' || batchId.trim() === '' || batchId.length > 64)
    throw badInput('批次号不能为空且不超过64个字符', 'batchId');
  if (events.length === 0) throw badInput('批次中没有考勤事件', 'events');
  if (events.length > deps.settings.maxBatch)
    throw badInput(`每批最多 ${deps.settings.maxBatch} 条考勤事件，请分批上传`, 'events');
  events.forEach((e, i) => {
    if (typeof e.eventId !== 'string' || e.eventId.trim() === '' || e.eventId.length > 64)
      throw badInput(`第 ${i + 1} 条：事件编号不能为空且不超过64个字符`, `events.${i}.eventId`);
    const hasHash = e.idCardHash != null && e.idCardHash !== '';
    const hasId = e.personId != null && e.personId !== '';
    if (hasHash === hasId) throw badInput(`第 ${i + 1} 条：idCardHash 与 personId 须且只能填一个`, `events.${i}`);
    if (hasHash && !SHA256_HEX.test(e.idCardHash!.toLowerCase()))
      throw badInput(`第 ${i + 1} 条：idCardHash 应为64位十六进制 SM3 摘要`, `events.${i}.idCardHash`);
    if (e.snapshotSha256 != null && !SHA256_HEX.test(e.snapshotSha256.toLowerCase()))
      throw badInput(`第 ${i + 1} 条：抓拍照片摘要应为64位十六进制`, `events.${i}.snapshotSha256`);
    if (!(e.occurredAt instanceof Date) || Number.isNaN(e.occurredAt.getTime()))
      throw badInput(`第 ${i + 1} 条：发生时间无效`, `events.${i}.occurredAt`);
  });

  const device = await em.findOne(Device, { id: deviceId });
  if (!device) throw notFound('考勤设备');
  if (!device.enabled) throw forbidden('该考勤设备已停用，上传被拒绝');
  const site = await em.findOneOrFail(ProjectSite, { projectId: device.projectId });
  const where: Where = {
    projectId: site.projectId,
    districtCode: site.districtCode,
    source: AttendanceSource.DEVICE,
    deviceId,
    batchId,
  };

  // Before the transaction: creating a partition locks the parent table, which our own
  // transaction would already hold after its first read of attendance.
  await ensureMonths(
    em,
    events.map((e) => monthOf(e.occurredAt)),
  );
  const result = await em.transactional(async (tx) => {
    const ids = [...new Set(events.map((e) => e.eventId))];
    const previous = await q<{
      event_id: string;
      attendance_id: string;
      accepted: boolean;
      reason: RefusalReason | null;
    }>(
      tx,
      `select event_id, attendance_id, accepted, reason from workforce.attendance_ingest_key
        where device_id = ? and event_id = any(?::varchar[])`,
      [deviceId, ids],
    );
    const done = new Map(previous.map((p) => [p.event_id, p]));
    // First occurrence of each new event id in the batch.
    const fresh: AttendanceEventInput[] = [];
    const freshIds = new Set<string>();
    for (const e of events) {
      if (done.has(e.eventId) || freshIds.has(e.eventId)) continue;
      freshIds.add(e.eventId);
      fresh.push(e);
    }
    let decided: Decided[] = [];
    let delta: ProjectDelta | null = null;
    if (fresh.length) {
      const claimed = await q<{ event_id: string }>(
        tx,
        `insert into workforce.attendance_ingest_key (device_id, event_id, attendance_id, occurred_at, accepted, received_at)
         select ?, t.event_id, t.id, t.occurred_at, false, ?
           from unnest(?::varchar[], ?::uuid[], ?::timestamptz[]) as t(event_id, id, occurred_at)
         on conflict do nothing returning event_id`,
        [
          deviceId,
          deps.now(),
          fresh.map((e) => e.eventId),
          fresh.map(() => randomUUID()),
          fresh.map((e) => e.occurredAt),
        ],
      );
      const mine = new Set(claimed.map((c) => c.event_id));
      const toStore = fresh.filter((e) => mine.has(e.eventId));
      // Someone else stored the rest while we waited for their keys: read their outcomes.
      const raced = fresh.filter((e) => !mine.has(e.eventId)).map((e) => e.eventId);
      if (raced.length) {
        for (const p of await q(
          tx,
          `select event_id, attendance_id, accepted, reason from workforce.attendance_ingest_key where device_id = ? and event_id = any(?::varchar[])`,
          [deviceId, raced],
        ))
          done.set(p.event_id, p);
      }
      if (toStore.length) {
        const hashes = [...new Set(toStore.filter((e) => e.idCardHash).map((e) => e.idCardHash!.toLowerCase()))];
        const givenIds = [...new Set(toStore.filter((e) => e.personId).map((e) => e.personId!))].filter(isUuid);
        const people = await q<{ id: string; id_card_sm3: string }>(
          tx,
          `select id, id_card_sm3 from workforce.person where id = any(?::uuid[]) or id_card_sm3 = any(?::varchar[])`,
          [givenIds, hashes],
        );
        const byId = new Set(people.map((p) => p.id));
        const byHash = new Map(people.map((p) => [p.id_card_sm3, p.id]));
        const attempts: Attempt[] = toStore.map((e) => {
          const personId = e.personId
            ? byId.has(e.personId)
              ? e.personId
              : null
            : (byHash.get(e.idCardHash!.toLowerCase()) ?? null);
          return {
            eventId: e.eventId,
            personId,
            occurredAt: e.occurredAt,
            direction: e.direction,
            preReason: personId ? null : RefusalReason.UNKNOWN_PERSON,
            latitude: null,
            longitude: null,
            accuracyM: null,
            distanceM: null,
            snapshotSha256: e.snapshotSha256?.toLowerCase() ?? null,
          };
        });
        const stored = await decideAndStore(tx, where, attempts, deps);
        decided = stored.decided;
        delta = stored.delta;
        await q(
          tx,
          `update workforce.attendance_ingest_key k set attendance_id = t.id, accepted = t.accepted, reason = t.reason
             from unnest(?::varchar[], ?::uuid[], ?::boolean[], ?::varchar[]) as t(event_id, id, accepted, reason)
            where k.device_id = ? and k.event_id = t.event_id`,
          [
            decided.map((d) => d.eventId),
            decided.map((d) => d.id),
            decided.map((d) => d.accepted),
            decided.map((d) => d.reason),
            deviceId,
          ],
        );
      }
    }
    await q(tx, `update workforce.device set last_seen_at = ? where id = ?`, [deps.now(), deviceId]);
    return { decided, delta, done };
  });

  if (result.delta) await publishAttendanceChange(deps, result.delta);
  const fresh = new Map(result.decided.map((d) => [d.eventId!, d]));
  const outcomes = events.map((e) => {
    const d = fresh.get(e.eventId);
    if (d) {
      fresh.delete(e.eventId); // a repeat of the id later in the same batch reads as a replay
      return outcomeOf(d, false);
    }
    const p = result.done.get(e.eventId) ?? result.decided.find((x) => x.eventId === e.eventId);
    if (!p) throw new AppError(ErrorCode.INTERNAL_SERVER_ERROR, '考勤事件处理结果缺失');
    return 'attendance_id' in p
      ? outcomeOf({ eventId: e.eventId, accepted: p.accepted, reason: p.reason, id: p.attendance_id }, true)
      : outcomeOf(p as Decided, true);
  });
  return {
    batchId,
    accepted: result.decided.filter((d) => d.accepted).length,
    refused: result.decided.filter((d) => !d.accepted).length,
    replayed: outcomes.filter((o) => o.replayed).length,
    outcomes,
  };
}

// ------------------------------------------------------------------------------- phones

export interface CheckInInput {
  projectId: string;
  latitude: number;
  longitude: number;
  accuracy: number;
  direction?: Direction | null;
}

/** The stable code clients switch on when a check-in is refused (the attempt is stored anyway). */
export const ATTENDANCE_REFUSED = 'ATTENDANCE_REFUSED';

/**
 * 手机定位打卡 (1.2.2a): the logged-in person's own account. Refusals are stored, announced and then
 * thrown as ATTENDANCE_REFUSED with the Chinese reason (extensions.details: reason, attendanceId,
 * distanceM; the router passes only code, field and details to clients).
 * Without a direction, IN when the person is not on site today, otherwise OUT.
 */
export async function mobileCheckIn(
  em: EntityManager,
  caller: Caller,
  input: CheckInInput,
  deps: AttendanceDeps,
): Promise<string> {
  if (!isUuid(input.projectId)) throw notFound('工程项目');
  if (!(Math.abs(input.latitude) <= 90 && Math.abs(input.longitude) <= 180)) throw badInput('经纬度无效', 'latitude');
  if (!(input.accuracy >= 0)) throw badInput('定位精度无效', 'accuracy');
  const site = await em.findOne(ProjectSite, { projectId: input.projectId });
  if (!site) throw notFound('工程项目');
  const person = isUuid(caller.userId) ? await em.findOne(Person, { userId: caller.userId }) : null;
  const now = deps.now();
  let preReason: RefusalReason | null = null;
  let distanceM: number | null = null;
  if (!person) preReason = RefusalReason.UNKNOWN_PERSON;
  else if (!site.boundary) preReason = RefusalReason.NO_FENCE;
  else if (input.accuracy > deps.settings.maxAccuracyM) preReason = RefusalReason.LOW_ACCURACY;
  else {
    const fence = checkFence([input.longitude, input.latitude], site.boundary, site.fenceMarginM);
    distanceM = Math.round(fence.distanceM * 10) / 10;
    if (!fence.accepted) preReason = RefusalReason.OUTSIDE_FENCE;
  }
  let direction = input.direction ?? null;
  if (!direction) {
    const [row] = person
      ? await em
          .getConnection()
          .execute(
            `select on_site from workforce.presence where work_date = ? and project_id = ? and person_id = ?`,
            [chinaDate(now), site.projectId, person.id],
            'all',
          )
      : [];
    direction = row?.on_site ? Direction.OUT : Direction.IN;
  }
  const where: Where = {
    projectId: site.projectId,
    districtCode: site.districtCode,
    source: AttendanceSource.MOBILE,
    deviceId: null,
    batchId: null,
  };
  await ensureMonths(em, [monthOf(now)]);
  const { decided, delta } = await em.transactional((tx) =>
    decideAndStore(
      tx,
      where,
      [
        {
          eventId: null,
          personId: person?.id ?? null,
          occurredAt: now,
          direction: direction!,
          preReason,
          latitude: input.latitude,
          longitude: input.longitude,
          accuracyM: input.accuracy,
          distanceM,
          snapshotSha256: null,
        },
      ],
      deps,
    ),
  );
  await publishAttendanceChange(deps, delta);
  const [d] = decided;
  if (!d.accepted) {
    throw new GraphQLError(
      REFUSAL_MESSAGES[d.reason!] +
        (d.reason === RefusalReason.OUTSIDE_FENCE && distanceM != null
          ? `（距围栏约 ${Math.round(distanceM)} 米）`
          : ''),
      {
        extensions: { code: ATTENDANCE_REFUSED, details: { reason: d.reason, attendanceId: d.id, distanceM } },
      },
    );
  }
  return d.id;
}
