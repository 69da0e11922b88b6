import { z } from 'zod';

/** The roles of DOMAIN.md's "People and organisations". A person may hold several. */
export const ROLES = [
  'drafter',
  'dept_head',
  'reviewer',
  'director',
  'secretary',
  'supervisor',
  'leader',
  'admin',
] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  drafter: { zh: '承办单位经办人', en: 'Drafter' },
  dept_head: { zh: '承办单位负责人', en: 'Department head' },
  reviewer: { zh: '审查员', en: 'Reviewer' },
  director: { zh: '法务中心主任', en: 'Legal-center director' },
  secretary: { zh: '常务会议秘书', en: 'Meeting secretary' },
  supervisor: { zh: '依法治市办', en: 'Supervising office' },
  leader: { zh: '政府领导', en: 'Government leader' },
  admin: { zh: '系统管理员', en: 'Administrator' },
};

/** Who acted: the person, the role they used and their department (R38). */
export const ActorSchema = z.object({
  userId: z.string().min(1),
  name: z.string().min(1),
  role: RoleSchema,
  departmentId: z.string().min(1),
  /** Set when a substitute acts for an absent person (issue 16 §4): the audit records "X for Y". */
  onBehalfOf: z.object({ userId: z.string().min(1), name: z.string().min(1) }).optional(),
});
export type Actor = z.infer<typeof ActorSchema>;

/** The engine itself, for events no person caused (tasks opened, deadlines passed). */
export const ENGINE_ACTOR = { userId: 'engine', name: '系统', role: 'engine', departmentId: null } as const;
