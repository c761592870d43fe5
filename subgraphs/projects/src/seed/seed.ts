import {
  bbox,
  DEMO_ENTERPRISES,
  pointInPolygon,
  type Position,
  rectangleAround,
  type SeedOptions,
  stableId,
} from '@hs/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GeoPoint } from '../common/geo-point.js';
import { District } from '../districts/district.entity.js';
import { ensureDistricts } from '../districts/district.service.js';
import { buildCreditCode } from '../enterprises/credit-code.js';
import { Enterprise } from '../enterprises/enterprise.entity.js';
import { ProjectUnit } from '../projects/project-unit.entity.js';
import { Project } from '../projects/project.entity.js';
import { ProjectStatus, ProjectType, UNIT_ROLE_ORDER, UnitRole } from '../projects/project.enums.js';
import {
  DISTRICT_FLAVOURS,
  type DistrictFlavour,
  GIVEN,
  HOUSING_KINDS,
  NAME_CORES,
  PHASES,
  PROJECT_NAME_TEMPLATES,
  QUALIFICATIONS,
  ROLE_SHARE,
  ROLE_SUFFIXES,
  roleFromName,
  SURNAMES,
  TYPE_WEIGHTS,
} from './names.js';
import { Random } from './prng.js';

export const SEED_SIZES = {
  demo: { enterprises: 40, projects: 60 },
  bench: { enterprises: 300, projects: 300 },
} as const;

/** Who registered the seeded projects: identity seeds a user `admin` with this id. */
export const SEED_ADMIN_ID = stableId('user', 'admin');
/** Seeded data is laid out around this day, not the wall clock, so every run is identical. */
const SEED_TODAY = Date.UTC(2026, 10, 1);
const DAY = 86_400_000;
const SEED = 20261124;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const compactDay = (ms: number) => isoDay(ms).replace(/-/g, '');

interface SeedEnterprise {
  entity: Enterprise;
  role: UnitRole | null;
}

function personName(random: Random): string {
  return random.pick(SURNAMES) + random.pick(GIVEN);
}

interface SeedQualification {
  name: string;
  grade: string;
  certificateNo: string;
  validUntil: string;
  position: number;
}

function qualificationsFor(role: UnitRole | null, random: Random): SeedQualification[] {
  if (!role) return [];
  return QUALIFICATIONS[role]
    .filter((_, i) => i === 0 || random.chance(0.5))
    .map((q) => ({
      name: q.name,
      grade: random.pick(q.grades),
      certificateNo:
        q.prefix === '鄂建房开黄'
          ? `鄂建房开黄字第${random.int(1000, 9999)}号`
          : `${q.prefix}${String(random.int(0, 99_999_999)).padStart(8, '0')}`,
      validUntil: isoDay(SEED_TODAY + random.int(200, 1800) * DAY),
    }))
    .map((q, position) => ({ ...q, position }));
}

/** What one seeding pass has used, so that the next one never repeats a name or a number. */
interface SeedTaken {
  enterpriseNames: Set<string>;
  creditCodes: Set<string>;
  projectNames: Set<string>;
  serials: Map<string, number>;
  permitsPerDay: Map<string, number>;
  /** Projects created so far (the next project's position over all passes). */
  projects: number;
}

/** `count` enterprises: the first pass (`withDemo`) starts with DEMO_ENTERPRISES. */
function seedEnterprises(
  em: EntityManager,
  count: number,
  random: Random,
  taken: SeedTaken,
  withDemo: boolean,
): SeedEnterprise[] {
  const out: SeedEnterprise[] = [];
  const names = taken.enterpriseNames;
  const codes = taken.creditCodes;
  for (const demo of withDemo ? DEMO_ENTERPRISES : []) {
    const role = roleFromName(demo.name);
    names.add(demo.name);
    codes.add(demo.creditCode);
    const entity = em.create(Enterprise, {
      id: stableId('enterprise', demo.creditCode),
      creditCode: demo.creditCode,
      name: demo.name,
      registeredAddress: demo.registeredAddress,
      legalRepresentative: demo.legalRepresentative,
      districtCode: demo.districtCode,
      qualifications: qualificationsFor(role, random),
      createdAt: new Date(SEED_TODAY - 900 * DAY),
      updatedAt: new Date(SEED_TODAY - 900 * DAY),
    });
    out.push({ entity, role });
  }
  while (out.length < count) {
    const role = random.weighted(ROLE_SHARE);
    // Most are registered in the city; some contractors and design institutes come from Wuhan.
    const outsider = random.chance(0.12);
    const flavour = random.pick(DISTRICT_FLAVOURS);
    const districtCode = outsider ? random.pick(['420102', '420106', '420111']) : flavour.code;
    const prefix = outsider ? '湖北' : random.pick(['黄石市', '黄石', flavour.name.replace(/区$/, '')]);
    const name = `${prefix}${random.pick(NAME_CORES)}${random.pick(ROLE_SUFFIXES[role])}`;
    if (names.has(name)) continue;
    const creditCode = buildCreditCode(districtCode, () => random.float());
    if (codes.has(creditCode)) continue;
    names.add(name);
    codes.add(creditCode);
    const address = outsider
      ? `武汉市${random.pick(['武昌区中北路', '洪山区珞喻路', '江岸区解放大道'])}${random.int(1, 400)}号`
      : `${flavour.name === '大冶市' || flavour.name === '阳新县' ? '' : '黄石市'}${flavour.name}${random.pick(flavour.roads)}${random.int(1, 300)}号`;
    const created = SEED_TODAY - random.int(300, 2000) * DAY;
    const entity = em.create(Enterprise, {
      id: stableId('enterprise', creditCode),
      creditCode,
      name,
      registeredAddress: address,
      legalRepresentative: personName(random),
      districtCode,
      qualifications: qualificationsFor(role, random),
      createdAt: new Date(created),
      updatedAt: new Date(created),
    });
    out.push({ entity, role });
  }
  return out;
}

/** A point inside the district polygon: rejection sampling in its bounding box. */
function pointIn(district: District, random: Random): Position {
  const box = bbox(district.boundary);
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const p: Position = [
      Math.round(random.float(box.minLng, box.maxLng) * 1e6) / 1e6,
      Math.round(random.float(box.minLat, box.maxLat) * 1e6) / 1e6,
    ];
    if (pointInPolygon(p, district.boundary)) return p;
  }
  throw new Error(`no point found inside ${district.code}`);
}

function projectName(type: ProjectType, flavour: DistrictFlavour, random: Random): string {
  const template = random.pick(PROJECT_NAME_TEMPLATES[type]);
  const place = random.pick(flavour.places);
  let other = random.pick(flavour.places);
  if (other === place) other = random.pick(DISTRICT_FLAVOURS.filter((d) => d !== flavour)).places[0];
  return template
    .replace('{d}', flavour.name)
    .replace('{p}', place)
    .replace('{q}', other)
    .replace('{h}', random.pick(HOUSING_KINDS))
    .replace('{ph}', random.pick(PHASES));
}

const AMOUNT_RANGE: Record<ProjectType, [number, number]> = {
  HOUSING: [3000, 60000],
  MUNICIPAL: [800, 30000],
  INDUSTRIAL: [2000, 50000],
  TRANSPORT: [5000, 120000],
  WATER: [500, 20000],
  OTHER: [600, 15000],
};

/**
 * Demo data (scale 'demo': 40 enterprises, 60 projects; 'bench': 300 and 300): the districts, all
 * DEMO_ENTERPRISES plus generated ones with valid credit codes, and projects spread over the six
 * districts with locations inside their polygons, a site fence, both codes and five units each.
 * The benchmark dataset is the demo dataset and more: the other subgraphs' demo data (fire's
 * inspections, the accounts' enterprises) refers to demo projects, and must find them there too.
 * Deterministic: the same scale always produces the same rows and ids.
 */
export async function seedProjects(em: EntityManager, options: Pick<SeedOptions, 'scale'>): Promise<void> {
  await ensureDistricts(em);
  const districts = new Map((await em.find(District, {}, { populate: ['boundary'] })).map((d) => [d.code, d]));
  const taken: SeedTaken = {
    enterpriseNames: new Set(),
    creditCodes: new Set(),
    projectNames: new Set(),
    serials: new Map(),
    permitsPerDay: new Map(),
    projects: 0,
  };
  const demo = seedPass(em, districts, SEED_SIZES.demo, new Random(SEED), taken, []);
  if (options.scale === 'bench') {
    const more = {
      enterprises: SEED_SIZES.bench.enterprises - SEED_SIZES.demo.enterprises,
      projects: SEED_SIZES.bench.projects - SEED_SIZES.demo.projects,
    };
    seedPass(em, districts, more, new Random(SEED + 1), taken, demo);
  }
  await em.flush();
}

/** One pass: `size` more enterprises, then `size.projects` projects drawing units from them and `earlier`. */
function seedPass(
  em: EntityManager,
  districts: Map<string, District>,
  size: { enterprises: number; projects: number },
  random: Random,
  taken: SeedTaken,
  earlier: SeedEnterprise[],
): SeedEnterprise[] {
  const enterprises = [...earlier, ...seedEnterprises(em, size.enterprises, random, taken, !earlier.length)];
  const pools = new Map<UnitRole, Enterprise[]>(
    UNIT_ROLE_ORDER.map((role) => [role, enterprises.filter((e) => e.role === role).map((e) => e.entity)]),
  );
  const demoCodes = new Set(DEMO_ENTERPRISES.map((e) => e.creditCode));
  const demoPools = new Map<UnitRole, Enterprise[]>(
    UNIT_ROLE_ORDER.map((role) => [role, pools.get(role)!.filter((e) => demoCodes.has(e.creditCode))]),
  );

  const names = taken.projectNames;
  const serials = taken.serials;
  const permitsPerDay = taken.permitsPerDay;
  const districtWeights = DISTRICT_FLAVOURS.map((d) => [d, d.weight] as const);

  for (let i = taken.projects; i < taken.projects + size.projects; i++) {
    // Round-robin first so every district has projects even at small scales, then by weight.
    const flavour = i < DISTRICT_FLAVOURS.length ? DISTRICT_FLAVOURS[i] : random.weighted(districtWeights);
    const district = districts.get(flavour.code)!;
    const type = random.weighted(TYPE_WEIGHTS);
    const base = projectName(type, flavour, random);
    let name = base;
    for (let n = 2; names.has(name); n++) name = `${base}（${n}标段）`;
    names.add(name);

    const status = random.weighted([
      [ProjectStatus.UNDER_CONSTRUCTION, 55],
      [ProjectStatus.COMPLETED, 20],
      [ProjectStatus.PLANNED, 15],
      [ProjectStatus.SUSPENDED, 10],
    ] as const);
    const durationDays = random.int(300, 1100);
    const start =
      status === ProjectStatus.PLANNED
        ? SEED_TODAY + random.int(15, 200) * DAY
        : status === ProjectStatus.COMPLETED
          ? SEED_TODAY - (durationDays + random.int(30, 700)) * DAY
          : SEED_TODAY - random.int(30, Math.max(60, durationDays - 30)) * DAY;
    const plannedEnd = start + durationDays * DAY;
    const completed = status === ProjectStatus.COMPLETED ? plannedEnd + random.int(-60, 90) * DAY : null;
    const year = new Date(start - random.int(60, 400) * DAY).getUTCFullYear();

    const serialKey = `${flavour.code}${year}`;
    const serial = (serials.get(serialKey) ?? random.int(100, 900)) + random.int(1, 40);
    serials.set(serialKey, serial);
    const projectCode = `${flavour.code}${year}${String(serial).padStart(7, '0')}`;

    // The permit is issued shortly before work starts; a planned project may not have one yet.
    const hasPermit = status !== ProjectStatus.PLANNED || random.chance(0.5);
    let permitCode: string | null = null;
    if (hasPermit) {
      const issued = compactDay(Math.min(start, SEED_TODAY) - random.int(5, 40) * DAY);
      const key = `${flavour.code}${issued}`;
      const seq = (permitsPerDay.get(key) ?? 0) + 1;
      permitsPerDay.set(key, seq);
      permitCode = `${flavour.code}${issued}${String(seq).padStart(2, '0')}01`;
    }

    const location = pointIn(district, random);
    const [minAmount, maxAmount] = AMOUNT_RANGE[type];
    const createdAt = new Date(Math.min(start, SEED_TODAY) - random.int(20, 90) * DAY + i * 60_000);
    const project = em.create(Project, {
      id: stableId('project', projectCode),
      projectCode,
      permitCode,
      name,
      type,
      district,
      address: `${flavour.name === '大冶市' || flavour.name === '阳新县' ? '' : '黄石市'}${flavour.name}${random.pick(flavour.roads)}${random.int(1, 500)}号`,
      location: new GeoPoint(location[0], location[1]),
      siteBoundary: rectangleAround(location, random.int(60, 260), random.int(60, 220)),
      status,
      startDate: status === ProjectStatus.PLANNED && !hasPermit ? null : isoDay(start),
      plannedEndDate: isoDay(plannedEnd),
      completedDate: completed ? isoDay(completed) : null,
      contractAmount: Math.round(random.float(minAmount, maxAmount) * 100) / 100,
      area:
        type === ProjectType.HOUSING || type === ProjectType.INDUSTRIAL || type === ProjectType.OTHER
          ? Math.round(random.float(3000, 180000))
          : null,
      createdById: SEED_ADMIN_ID,
      createdAt,
      updatedAt: createdAt,
    });
    for (const role of UNIT_ROLE_ORDER) {
      const pool = pools.get(role)!;
      const demo = demoPools.get(role)!;
      // Every third project takes the shared demo enterprises in turn (identity gives some of them
      // enterprise accounts, so each has projects to see); otherwise local firms are more likely.
      const local = pool.filter((e) => e.districtCode === flavour.code);
      const enterprise =
        i % 3 === 0 && demo.length
          ? demo[(i / 3) % demo.length]
          : local.length && random.chance(0.6)
            ? random.pick(local)
            : random.pick(pool);
      em.create(ProjectUnit, {
        project,
        enterprise,
        role,
        projectLeader: personName(random),
        position: 0,
      });
    }
  }
  taken.projects += size.projects;
  return enterprises;
}
