import { describe, expect, it } from 'vitest';
import { bulkAgenda } from '../../api/services/bulk-actions.js';
import { useTimeSkippingHarness, type Harness } from '../support/temporal.js';
import { Steps } from '../workflows/steps.js';

let h: Harness;
let s: Steps;
useTimeSkippingHarness((x) => {
  h = x;
  s = new Steps(h);
});

/** Issue 16 §5 (c): a secretary places several decisions on one agenda, preview first, each by the single service. */
describe('placing several decisions on an agenda at once', () => {
  it('previews two ready and one still in review (R15), then places the two, each audited, and a retry places nothing twice', async () => {
    const [a, b] = [await s.toMeeting(), await s.toMeeting()];
    const inReview = await s.toSubmission();
    const meeting = await s.drive.meeting();
    const secretary = await h.user('secretary1');
    const ids = [a.id, inReview.id, b.id];

    const preview = await bulkAgenda(h.ctx, secretary, meeting.id, { decisionIds: ids }, false);
    expect(preview).toMatchObject({ total: 3, done: 2, refused: 1 });
    expect(preview.items.map((i) => i.outcome)).toEqual(['will_do', 'refused', 'will_do']);
    expect(preview.items[1]).toMatchObject({ rule: 'R15', reason: { zh: expect.any(String) } });
    expect(preview.items[0].effect).toMatchObject({ number: a.number });
    expect(await h.db.prisma.meetingItem.count({ where: { meetingId: meeting.id } })).toBe(0);

    const done = await bulkAgenda(h.ctx, secretary, meeting.id, { decisionIds: ids }, true, 'agenda-key-1');
    expect(done).toMatchObject({ total: 3, done: 2, refused: 1 });
    const items = await h.db.prisma.meetingItem.findMany({ where: { meetingId: meeting.id } });
    expect(items.map((i) => i.decisionId).sort()).toEqual([a.id, b.id].sort());
    const audited = () =>
      h.db.prisma.auditEvent.count({
        where: { action: 'task.completed.place_on_agenda', decisionId: { in: [a.id, b.id] } },
      });
    expect(await audited()).toBe(2);

    const again = await bulkAgenda(h.ctx, secretary, meeting.id, { decisionIds: ids }, true, 'agenda-key-1');
    expect(again).toMatchObject({ done: 0, refused: 3 });
    expect(again.items[0]).toMatchObject({ rule: 'R21' });
    expect(again.items[0].reason?.zh).toContain('该决策已列入本次会议议题');
    expect(await h.db.prisma.meetingItem.count({ where: { meetingId: meeting.id } })).toBe(2);
    expect(await audited()).toBe(2);

    // Only a secretary does the decisions' agenda task: anyone else is refused per item, nothing is placed.
    const other = await s.toMeeting();
    const drafter = await bulkAgenda(
      h.ctx,
      await h.user('drafter.jtysj'),
      meeting.id,
      { decisionIds: [other.id] },
      true,
    );
    expect(drafter.items[0]).toMatchObject({ outcome: 'refused', rule: 'forbidden' });
  }, 180_000);
});
