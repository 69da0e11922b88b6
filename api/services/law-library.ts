/** The director (or the admin) keeps the law library: add, correct, retire an entry; each change audited with before and after (R38). */
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../records/audit.js';
import type { LawEntryInput } from '../../domain/review/law-library.js';
import type { Role } from '../../domain/roles.js';
import { AppError, forbidden, notFound } from '../errors.js';
import type { ServiceContext, SessionUser } from './context.js';

const MAINTAINERS: Role[] = ['director', 'admin'];

function maintainer(user: SessionUser): Role {
  const role = user.roles.find((r) => MAINTAINERS.includes(r));
  if (!role)
    throw forbidden(
      '只有法务中心主任或系统管理员可以维护法规库',
      'Only the director or the admin maintains the law library',
    );
  return role;
}

export async function listLaws(ctx: ServiceContext) {
  const rows = await ctx.prisma.lawEntry.findMany({ orderBy: [{ level: 'asc' }, { name: 'asc' }] });
  return { items: rows };
}

async function write(
  ctx: ServiceContext,
  user: SessionUser,
  action: 'law.added' | 'law.updated',
  id: string,
  body: LawEntryInput,
  existing: boolean,
) {
  const role = maintainer(user);
  const data = { ...body, repealedOn: body.repealedOn ?? null, replacedBy: body.replacedBy ?? null };
  return ctx.prisma.$transaction(async (tx) => {
    const before = await tx.lawEntry.findUnique({ where: { id } });
    if (existing && !before) throw notFound('法规');
    const clash = await tx.lawEntry.findFirst({ where: { name: data.name, NOT: { id } } });
    if (clash)
      throw new AppError(409, 'conflict', 'law.duplicate', {
        zh: `法规库已有《${data.name}》`,
        en: `《${data.name}》 is already in the library`,
      });
    const row = existing
      ? await tx.lawEntry.update({ where: { id }, data })
      : await tx.lawEntry.create({ data: { id, ...data } });
    await appendAudit(tx, {
      idempotencyKey: `${action}:${randomUUID()}`,
      at: new Date(),
      actor: { userId: user.id, name: user.displayName, role, departmentId: user.departmentId },
      action,
      subjectType: 'law',
      subjectId: id,
      data: { rule: 'R20', before, after: data },
    });
    return row;
  });
}

export const addLaw = (ctx: ServiceContext, user: SessionUser, body: LawEntryInput) =>
  write(ctx, user, 'law.added', `law:${randomUUID()}`, body, false);
export const updateLaw = (ctx: ServiceContext, user: SessionUser, id: string, body: LawEntryInput) =>
  write(ctx, user, 'law.updated', id, body, true);
