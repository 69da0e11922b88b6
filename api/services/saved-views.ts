/**
 * Issue 16 §1: saved views, per person, on the server. A person reads, changes and deletes only their own (another
 * person's view does not exist for them: 404); each change is audited (R38) in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { LIST_QUERIES, type ListName } from '../../domain/lists.js';
import { MAX_VIEWS_PER_LIST, type SavedViewInput } from '../../domain/saved-views.js';
import { appendAudit, type Tx } from '../../records/audit.js';
import { AppError, fieldIssue, invalid, notFound, zodIssues } from '../errors.js';
import type { ServiceContext, SessionUser } from './context.js';

type ViewRow = {
  id: string;
  list: string;
  title: string;
  query: unknown;
  createdAt: Date;
  updatedAt: Date;
};

const view = (v: ViewRow) => ({
  id: v.id,
  list: v.list,
  title: v.title,
  query: v.query as Record<string, string>,
  createdAt: v.createdAt.toISOString(),
  updatedAt: v.updatedAt.toISOString(),
});

/** The query must be one the list accepts (the same strict schema as its route), without a page number. */
function checkQuery(list: ListName, query: Record<string, string>) {
  if ('page' in query)
    throw invalid([fieldIssue('query.page', '视图不保存页码', 'A view does not keep a page number', 'view.page')]);
  const r = LIST_QUERIES[list].safeParse(query);
  if (!r.success) throw invalid(zodIssues(r.error.issues, ['query']));
}

const duplicate = (title: string) =>
  new AppError(409, 'conflict', 'view.duplicate_title', {
    zh: `已有同名视图：${title}`,
    en: `A view with this title exists: ${title}`,
  });

const actorOf = (user: SessionUser) => ({
  userId: user.id,
  name: user.displayName,
  role: user.roles[0] ?? 'user',
  departmentId: user.departmentId,
});

export async function listViews(ctx: ServiceContext, user: SessionUser, list?: ListName) {
  const rows = await ctx.prisma.savedView.findMany({
    where: { ownerUserId: user.id, ...(list ? { list } : {}) },
    orderBy: [{ list: 'asc' }, { title: 'asc' }],
  });
  return { items: rows.map(view) };
}

async function ownView(tx: Tx | ServiceContext['prisma'], user: SessionUser, id: string) {
  const v = await tx.savedView.findFirst({ where: { id, ownerUserId: user.id } });
  if (!v) throw notFound('视图');
  return v;
}

export async function getView(ctx: ServiceContext, user: SessionUser, id: string) {
  return view(await ownView(ctx.prisma, user, id));
}

export async function saveView(ctx: ServiceContext, user: SessionUser, input: SavedViewInput) {
  checkQuery(input.list, input.query);
  return ctx.prisma.$transaction(async (tx) => {
    const mine = await tx.savedView.findMany({
      where: { ownerUserId: user.id, list: input.list },
      select: { title: true },
    });
    if (mine.some((m) => m.title === input.title)) throw duplicate(input.title);
    if (mine.length >= MAX_VIEWS_PER_LIST)
      throw invalid([
        fieldIssue(
          'list',
          `每个列表最多保存${MAX_VIEWS_PER_LIST}个视图`,
          `At most ${MAX_VIEWS_PER_LIST} views per list`,
          'view.too_many',
        ),
      ]);
    const id = randomUUID();
    const row = await tx.savedView.create({
      data: { id, ownerUserId: user.id, list: input.list, title: input.title, query: input.query },
    });
    await appendAudit(tx, {
      idempotencyKey: `view.saved:${id}`,
      at: row.createdAt,
      actor: actorOf(user),
      action: 'view.saved',
      subjectType: 'view',
      subjectId: id,
      data: { list: input.list, title: input.title, query: input.query },
    });
    return view(row);
  });
}

export async function updateView(
  ctx: ServiceContext,
  user: SessionUser,
  id: string,
  change: { title?: string; query?: Record<string, string> },
) {
  return ctx.prisma.$transaction(async (tx) => {
    const before = await ownView(tx, user, id);
    if (change.query) checkQuery(before.list as ListName, change.query);
    if (change.title && change.title !== before.title) {
      const clash = await tx.savedView.findFirst({
        where: { ownerUserId: user.id, list: before.list, title: change.title },
        select: { id: true },
      });
      if (clash) throw duplicate(change.title);
    }
    const row = await tx.savedView.update({
      where: { id },
      data: { ...(change.title ? { title: change.title } : {}), ...(change.query ? { query: change.query } : {}) },
    });
    await appendAudit(tx, {
      idempotencyKey: `view.updated:${id}:${row.updatedAt.toISOString()}`,
      at: row.updatedAt,
      actor: actorOf(user),
      action: 'view.updated',
      subjectType: 'view',
      subjectId: id,
      data: {
        list: row.list,
        before: { title: before.title, query: before.query },
        after: { title: row.title, query: row.query },
      },
    });
    return view(row);
  });
}

export async function deleteView(ctx: ServiceContext, user: SessionUser, id: string) {
  await ctx.prisma.$transaction(async (tx) => {
    const v = await ownView(tx, user, id);
    await tx.savedView.delete({ where: { id } });
    await appendAudit(tx, {
      idempotencyKey: `view.deleted:${id}`,
      at: new Date(),
      actor: actorOf(user),
      action: 'view.deleted',
      subjectType: 'view',
      subjectId: id,
      data: { list: v.list, title: v.title },
    });
  });
}
