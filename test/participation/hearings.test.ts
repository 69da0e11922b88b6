import { describe, expect, it } from 'vitest';
import {
  announceHearing,
  cancelHearing,
  listHearings,
  recordHearing,
  recordHearingMaterials,
} from '../../api/services/hearings.js';
import { concludeFromList } from '../../api/services/comments.js';
import { daysBefore, r7MaterialsNoticeViolation } from '../../domain/rules/hearing.js';
import { chinaDate } from '../../domain/china-time.js';
import { useTimeSkippingHarness, type Harness } from '../support/temporal.js';
import { ProcedureDriver, payloads } from '../support/procedure-driver.js';
import { expectRule, expectStatus } from '../workflows/steps.js';

let h: Harness;
let drive: ProcedureDriver;
useTimeSkippingHarness((x) => {
  h = x;
  drive = new ProcedureDriver(h.ctx, h.user);
});

const DAY = 86_400_000;
const announcement = (startsAt: Date) => ({
  startsAt: startsAt.toISOString(),
  place: '市政府第一会议室',
  announcement: '定于召开公交票价调整听证会，欢迎报名。',
  selectionMethod: '自愿报名，按消费者、经营者、专家等类别随机抽选，名单向社会公布',
  participants: [
    { name: '张某', affiliation: '消费者代表', kind: 'citizen' as const },
    { name: '市公交集团', affiliation: '经营者代表', kind: 'enterprise' as const },
  ],
});

describe('R7 hearings: announcement, participants, the 7-day materials notice, the confirmed record', () => {
  it('refuses materials sent 6 days before the hearing, naming the rule and Art. 16, and accepts 7', async () => {
    expect(daysBefore(new Date('2027-03-03T09:00:00+08:00'), new Date('2027-03-10T09:00:00+08:00'))).toBe(7);
    expect(
      r7MaterialsNoticeViolation(new Date('2027-03-03T23:00:00+08:00'), new Date('2027-03-10T08:00:00+08:00')),
    ).toBeUndefined();
    const six = r7MaterialsNoticeViolation(
      new Date('2027-03-04T08:00:00+08:00'),
      new Date('2027-03-10T18:00:00+08:00'),
    );
    expect(six).toMatchObject({ rule: 'R7', messageKey: 'r7.materials_notice_too_short' });
    expect(six!.message.zh).toContain('第十七条');

    const d = await drive.launchWithDraft('drafter.jtysj');
    await drive.task(d.id, 'open_comment_period');
    const drafter = await h.user('drafter.jtysj');
    // Sent a minute ago; the hearing six China days later in the afternoon.
    const sentNow = new Date(Date.now() - 60_000);
    const startsAt = new Date(Date.parse(`${chinaDate(sentNow)}T15:00:00+08:00`) + 6 * DAY);
    await expectStatus(announceHearing(h.ctx, await h.user('drafter.fgw'), d.id, announcement(startsAt)), 404);
    const hearing = await announceHearing(h.ctx, drafter, d.id, announcement(startsAt));
    expect(hearing.participants.map((p) => p.id)).toEqual(['p1', 'p2']);

    const refused = await expectRule(
      recordHearingMaterials(h.ctx, drafter, d.id, hearing.id, sentNow.toISOString()),
      'R7',
    );
    expect(refused.localized.zh).toMatch(/7日前送达.*仅6日.*第十六条/);
    expect((await h.db.prisma.hearing.findUniqueOrThrow({ where: { id: hearing.id } })).materialsSentAt).toBeNull();
    // A delivery still to come is not recorded (400 naming the field).
    const future = await expectStatus(
      recordHearingMaterials(h.ctx, drafter, d.id, hearing.id, new Date(Date.now() + DAY).toISOString()),
      400,
    );
    expect(JSON.stringify(future.toJSON())).toContain('sentAt');
    const sent = await recordHearingMaterials(
      h.ctx,
      drafter,
      d.id,
      hearing.id,
      new Date(sentNow.getTime() - DAY).toISOString(),
    );
    expect(sent.materialsSentAt).not.toBeNull();
    await expectRule(recordHearing(h.ctx, drafter, d.id, hearing.id, { record: '听证笔录', confirmations: [] }), 'R7');
  });

  it('records the hearing only after it was held, with every participant’s confirmation', async () => {
    const d = await drive.launchWithDraft('drafter.jtysj');
    await drive.task(d.id, 'open_comment_period');
    const drafter = await h.user('drafter.jtysj');
    const startsAt = new Date(Date.now() + 1500);
    const hearing = await announceHearing(h.ctx, drafter, d.id, announcement(startsAt));
    await recordHearingMaterials(
      h.ctx,
      drafter,
      d.id,
      hearing.id,
      new Date(startsAt.getTime() - 8 * DAY).toISOString(),
    );
    await new Promise((r) => setTimeout(r, 1600));
    const confirmedAt = new Date().toISOString();
    const unconfirmed = await expectRule(
      recordHearing(h.ctx, drafter, d.id, hearing.id, {
        record: '听证笔录全文',
        confirmations: [{ participantId: 'p1', confirmedAt, signatureRef: '签字页1' }],
      }),
      'R7',
    );
    expect(unconfirmed.messageKey).toBe('r7.record_unconfirmed');
    const held = await recordHearing(h.ctx, drafter, d.id, hearing.id, {
      record: '听证笔录全文',
      confirmations: [
        { participantId: 'p1', confirmedAt, signatureRef: '签字页1' },
        { participantId: 'p2', confirmedAt, signatureRef: '签字页2' },
      ],
    });
    expect(held).toMatchObject({
      status: 'held',
      participants: [
        expect.objectContaining({ signatureRef: '签字页1' }),
        expect.objectContaining({ signatureRef: '签字页2' }),
      ],
    });
    expect((await listHearings(h.ctx, await h.user('supervisor1'), d.id)).items).toHaveLength(1);
    const actions = (
      await h.db.prisma.auditEvent.findMany({ where: { subjectId: hearing.id }, orderBy: { seq: 'asc' } })
    ).map((e) => e.action);
    expect(actions).toEqual(['hearing.announced', 'hearing.materials_sent', 'hearing.record_confirmed']);
  });

  it('concludes participation only when every hearing announced was held with its record or called off with the reason', async () => {
    const d = await drive.launchWithDraft('drafter.jtysj');
    await drive.complete(d.id, 'open_comment_period', 'drafter.jtysj', payloads.open_comment_period());
    const conclude = await drive.task(d.id, 'conclude_public_participation');
    const drafter = await h.user('drafter.jtysj');
    const hearing = await announceHearing(h.ctx, drafter, d.id, announcement(new Date(Date.now() + 20 * DAY)));
    await h.skipPast((conclude.context as { commentPeriodEndsAt: string }).commentPeriodEndsAt);

    const unsettled = await expectRule(concludeFromList(h.ctx, drafter, d.id), 'R7');
    expect(unsettled.messageKey).toBe('r7.hearing_unrecorded');
    expect(unsettled.localized.zh).toMatch(/第1次听证会尚无经听证参加人确认的听证笔录.*第十六条、第十七条/);
    await expectStatus(cancelHearing(h.ctx, await h.user('drafter.fgw'), d.id, hearing.id, '场地原因'), 404);
    const cancelled = await cancelHearing(h.ctx, drafter, d.id, hearing.id, '各方意见已通过座谈会充分听取，不再举行');
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '各方意见已通过座谈会充分听取，不再举行' });
    expect((await expectRule(cancelHearing(h.ctx, drafter, d.id, hearing.id, '再次取消'), 'R7')).messageKey).toBe(
      'r7.hearing_not_scheduled',
    );

    await concludeFromList(h.ctx, drafter, d.id);
    const stage = await h.db.prisma.decision.findUniqueOrThrow({ where: { id: d.id } });
    expect((stage.stageStates as Record<string, { status: string }>).public_participation.status).toBe('done');
    const actions = (
      await h.db.prisma.auditEvent.findMany({ where: { subjectId: hearing.id }, orderBy: { seq: 'asc' } })
    ).map((e) => e.action);
    expect(actions).toEqual(['hearing.announced', 'hearing.cancelled']);
  });
});
