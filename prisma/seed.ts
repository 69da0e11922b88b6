/**
 * The demo organisation of DOMAIN.md ("Demo organisation"), created on the first run only: a city government
 * with the mayor and three vice mayors, eight drafting departments (each with a drafter and a head, and a vice
 * mayor as principal leader), the justice bureau (legal center director, 20 reviewers, the law-based-governance
 * office's two supervisors), the government general office (two secretaries) and an admin.
 *
 * Logins are named by role, never after people; every one has the password `yifa-demo`. Ids are deterministic
 * ('dept-fgw', 'user-drafter.fgw') so tests and fixtures can name them.
 */
import { seedDemoCatalog } from './seed-catalog.js';
import { chinaYear } from '../domain/china-time.js';
import type { MeetingBody, Position } from '../domain/meeting-bodies.js';
import { hashPassword } from '../api/services/passwords.js';
import type { DepartmentKind, PrismaClient, Role } from '../generated/prisma/client.js';

export const demoPassword = 'yifa-demo';

export interface DemoLogin {
  username: string;
  password: string;
  roles: string[];
  /** The department's code (e.g. 'fgw'); departmentName is its Chinese name. */
  department: string;
  departmentName: string;
  displayName: string;
}

export interface SeedResult {
  created: boolean;
  logins: DemoLogin[];
}

interface DemoDepartment {
  code: string;
  nameZh: string;
  /** Short Chinese name used in display names (发改委经办人). */
  shortZh: string;
  nameEn: string;
  kind: DepartmentKind;
  /** Username of the vice mayor who is principal leader (drafting departments). */
  principalLeader?: string;
}

interface DemoUser {
  username: string;
  displayName: string;
  department: string;
  roles: Role[];
}

/** The city government's own department: the mayor, vice mayors and the admin sit here. */
const government: DemoDepartment = {
  code: 'gov',
  nameZh: '市人民政府',
  shortZh: '市政府',
  nameEn: "Municipal People's Government",
  kind: 'government',
};

const viceMayors = [
  { username: 'vicemayor1', over: ['fgw', 'scjgj', 'czj'] },
  { username: 'vicemayor2', over: ['sthjj', 'zjj', 'zrzyj'] },
  { username: 'vicemayor3', over: ['jtysj', 'jyj'] },
] as const;

function leaderOf(code: string): string {
  const vm = viceMayors.find((v) => (v.over as readonly string[]).includes(code));
  if (!vm) throw new Error(`seed: drafting department ${code} has no vice mayor`);
  return vm.username;
}

const drafting: DemoDepartment[] = (
  [
    ['fgw', '市发展和改革委员会', '发改委', 'Development and Reform Commission'],
    ['sthjj', '市生态环境局', '生态环境局', 'Ecology and Environment Bureau'],
    ['zjj', '市住房和城乡建设局', '住建局', 'Housing and Urban-Rural Development Bureau'],
    ['jtysj', '市交通运输局', '交通运输局', 'Transport Bureau'],
    ['jyj', '市教育局', '教育局', 'Education Bureau'],
    ['scjgj', '市市场监督管理局', '市场监管局', 'Market Regulation Bureau'],
    ['zrzyj', '市自然资源局', '自然资源局', 'Natural Resources Bureau'],
    ['czj', '市财政局', '财政局', 'Finance Bureau'],
  ] as const
).map(([code, nameZh, shortZh, nameEn]) => ({
  code,
  nameZh,
  shortZh,
  nameEn,
  kind: 'drafting' as const,
  principalLeader: leaderOf(code),
}));

const justice: DemoDepartment = {
  code: 'sfj',
  nameZh: '市司法局',
  shortZh: '司法局',
  nameEn: 'Justice Bureau',
  kind: 'justice',
};

const generalOffice: DemoDepartment = {
  code: 'zfbgs',
  nameZh: '市人民政府办公室',
  shortZh: '政府办公室',
  nameEn: 'General Office of the Municipal Government',
  kind: 'general_office',
};

export const demoDepartments: readonly DemoDepartment[] = [government, ...drafting, justice, generalOffice];

function shortNameOf(code: string): string {
  return drafting.find((d) => d.code === code)?.shortZh ?? code;
}

export const demoUsers: readonly DemoUser[] = [
  { username: 'mayor', displayName: '市长', department: 'gov', roles: ['leader'] },
  ...viceMayors.map((v) => ({
    username: v.username,
    displayName: `副市长（分管${v.over.map(shortNameOf).join('、')}）`,
    department: 'gov',
    roles: ['leader'] as Role[],
  })),
  ...drafting.flatMap((d): DemoUser[] => [
    { username: `drafter.${d.code}`, displayName: `${d.shortZh}经办人`, department: d.code, roles: ['drafter'] },
    { username: `head.${d.code}`, displayName: `${d.shortZh}负责人`, department: d.code, roles: ['dept_head'] },
  ]),
  { username: 'director', displayName: '法务中心主任', department: 'sfj', roles: ['director'] },
  ...Array.from({ length: 20 }, (_, i): DemoUser => {
    const nn = String(i + 1).padStart(2, '0');
    return { username: `reviewer${nn}`, displayName: `法务中心审查员${nn}`, department: 'sfj', roles: ['reviewer'] };
  }),
  { username: 'supervisor1', displayName: '依法治市办督查员1', department: 'sfj', roles: ['supervisor'] },
  { username: 'supervisor2', displayName: '依法治市办督查员2', department: 'sfj', roles: ['supervisor'] },
  { username: 'secretary1', displayName: '常务会议秘书1', department: 'zfbgs', roles: ['secretary'] },
  { username: 'secretary2', displayName: '常务会议秘书2', department: 'zfbgs', roles: ['secretary'] },
  { username: 'admin', displayName: '系统管理员', department: 'gov', roles: ['admin'] },
];

export const departmentId = (code: string): string => `dept-${code}`;
export const userId = (username: string): string => `user-${username}`;

function loginList(): DemoLogin[] {
  const byCode = new Map(demoDepartments.map((d) => [d.code, d]));
  return demoUsers.map((u) => ({
    username: u.username,
    password: demoPassword,
    roles: [...u.roles],
    department: u.department,
    departmentName: byCode.get(u.department)?.nameZh ?? u.department,
    displayName: u.displayName,
  }));
}

/** Same key space as prisma/migrate.ts's lock, different key: two processes seeding at once serialise. */
const SEED_LOCK_KEY = 0x79696662;

/**
 * R24/R31: the meeting bodies' rosters. Executive meeting: the mayor (the chief executive) and the vice mayors
 * (the demo city has no secretary-general account); plenary: they and every drafting department's head.
 */
export function demoRoster(): Array<{ body: MeetingBody; username: string; position: Position }> {
  const executive = [
    { username: 'mayor', position: 'mayor' as const },
    ...viceMayors.map((v) => ({ username: v.username, position: 'vice_mayor' as const })),
  ];
  return [
    ...executive.map((m) => ({ body: 'executive' as const, ...m })),
    ...executive.map((m) => ({ body: 'plenary' as const, ...m })),
    ...drafting.map((d) => ({ body: 'plenary' as const, username: `head.${d.code}`, position: 'member' as const })),
  ];
}

/**
 * Creates the demo organisation if the database has no department yet (first run); otherwise creates nothing.
 * Either way returns the demo logins.
 */
export async function seedDemoOrganisation(prisma: PrismaClient): Promise<SeedResult> {
  const logins = loginList();
  if ((await prisma.department.count()) > 0) return { created: false, logins };

  // Each user gets their own salted argon2id hash (api/services/passwords.ts); computed in parallel on libuv's
  // thread pool so seeding stays quick without lowering the cost.
  const hashes = await Promise.all(demoUsers.map(() => hashPassword(demoPassword)));

  const created = await prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
      if ((await tx.department.count()) > 0) return false;
      await tx.department.createMany({
        data: demoDepartments.map((d) => ({
          id: departmentId(d.code),
          code: d.code,
          nameZh: d.nameZh,
          nameEn: d.nameEn,
          kind: d.kind,
          principalLeaderId: d.principalLeader ? userId(d.principalLeader) : null,
        })),
      });
      await tx.user.createMany({
        data: demoUsers.map((u, i) => ({
          id: userId(u.username),
          username: u.username,
          displayName: u.displayName,
          passwordHash: hashes[i],
          departmentId: departmentId(u.department),
        })),
      });
      await tx.userRole.createMany({
        data: demoUsers.flatMap((u) => u.roles.map((role) => ({ userId: userId(u.username), role }))),
      });
      await seedDemoCatalog(tx, chinaYear(new Date()));
      await tx.meetingBodyMember.createMany({
        data: demoRoster().map((m) => ({ body: m.body, userId: userId(m.username), position: m.position })),
      });
      return true;
    },
    { maxWait: 30_000, timeout: 60_000 },
  );
  return { created, logins };
}
