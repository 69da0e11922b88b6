import { describe, expect, it } from 'vitest';
import {
  AUDIT_ACTIONS,
  auditAction,
  auditActor,
  auditScopeOf,
  checkAuditData,
  isAuditAction,
} from '../../domain/audit-events.js';
import { describeAuditAction } from '../../domain/audit-actions.js';

describe('the closed list of audit actions', () => {
  it('gives every listed action a readable label in both locales', () => {
    for (const action of AUDIT_ACTIONS) {
      const kind = action.startsWith('task.completed.')
        ? action.slice('task.completed.'.length)
        : action === 'task.opened'
          ? 'submit_draft'
          : undefined;
      const label = describeAuditAction(action, kind ? { kind } : {});
      expect(label.zh, action).not.toBe(action);
      expect(label.en, action).toBeTruthy();
    }
  });

  it('lists families only with their closed parts', () => {
    expect(isAuditAction('task.completed.review_legality')).toBe(true);
    expect(isAuditAction('task.completed.anything')).toBe(false);
    expect(isAuditAction('procedure.stage:legality_review:done')).toBe(true);
    expect(isAuditAction('procedure.stage:legality_review:erased')).toBe(false);
    expect(isAuditAction('letter.issued.supervision_letter')).toBe(true);
    expect(() => auditAction('procedure.rewritten')).toThrow(/not in the list/);
  });

  it('checks types, not just presence: a due time must be text, a version an integer', () => {
    expect(() => checkAuditData('task.overdue', { dueAt: '2026-12-01T09:00:00.000Z', extra: 1 })).not.toThrow();
    expect(() => checkAuditData('task.overdue', { dueAt: 1 })).toThrow(/dueAt/);
    expect(() =>
      checkAuditData('document.uploaded', { kind: 'draft', fileName: 'a.docx', sha256: 'a'.repeat(64), version: 1.5 }),
    ).toThrow(/version/);
  });

  it('builds a person actor from a workflow actor or a signed-in user, and puts events in their chain', () => {
    expect(auditActor({ id: 'u1', displayName: '张三', departmentId: 'd1' }, 'drafter')).toEqual({
      userId: 'u1',
      name: '张三',
      role: 'drafter',
      departmentId: 'd1',
    });
    expect(auditActor({ userId: 'u1', name: '张三', role: 'reviewer', departmentId: 'd1' })).toEqual({
      userId: 'u1',
      name: '张三',
      role: 'reviewer',
      departmentId: 'd1',
    });
    expect(auditScopeOf({ decisionId: 'D', subjectType: 'task', subjectId: 't' })).toBe('decision:D');
    expect(auditScopeOf({ subjectType: 'task', subjectId: 't', data: { reviewId: 'R' } })).toBe('review:R');
    expect(auditScopeOf({ subjectType: 'meeting', subjectId: 'M' })).toBe('meeting:M');
    expect(auditScopeOf({ subjectType: 'user', subjectId: 'u' })).toBe('city');
  });
});
