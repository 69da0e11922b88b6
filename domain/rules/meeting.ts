import { violation, type RuleViolation } from '../violation.js';

export interface Attendee {
  name: string;
  /** A member of the meeting (会议组成人员): counts towards the quorum. */
  member: boolean;
  /** The justice-bureau head / legal adviser who attends every executive meeting. */
  legalAdviser: boolean;
  present: boolean;
}

/** One seat on the meeting body's roster (MeetingBodyMember, by position for the body): the account that holds it. */
export interface RosterSeat {
  userId: string;
}

type RecordedAttendee = Attendee & { id?: string; userId?: string | null };

/** R24: the roster members the recorded attendance marks present (matched by account id; a name alone is not a member). */
export function r24RosterPresent(roster: RosterSeat[], attendees: RecordedAttendee[]): RecordedAttendee[] {
  const seats = new Set(roster.map((r) => r.userId));
  const seen = new Set<string>();
  return attendees.filter((a) => {
    if (!a.present || !a.userId || !seats.has(a.userId) || seen.has(a.userId)) return false;
    seen.add(a.userId);
    return true;
  });
}

/** R24: the quorum as counted from the roster: how many seats, how many of their holders are recorded present. */
export function r24Quorum(
  roster: RosterSeat[],
  attendees: RecordedAttendee[],
): { members: number; present: number; reached: boolean } {
  const members = new Set(roster.map((r) => r.userId)).size;
  const present = r24RosterPresent(roster, attendees).length;
  return { members, present, reached: members > 0 && present * 2 > members };
}

/**
 * R24 (Art. 30): a meeting decides only with more than half of its body's roster present. The count is the
 * meeting body's roster (executive meeting: its members by position; plenary: all members), not the attendance's
 * own member flags: an attendee counts only when the recorded attendance marks the roster member's account present.
 */
export function r24QuorumViolation(roster: RosterSeat[], attendees: RecordedAttendee[]): RuleViolation | undefined {
  const q = r24Quorum(roster, attendees);
  if (!q.reached)
    return violation(
      'R24',
      'r24.no_quorum',
      `到会组成人员${q.present}人，未超过组成人员${q.members}人的半数，不得作出决定`,
      `${q.present} of ${q.members} members present: no quorum (more than half needed)`,
    );
  return undefined;
}

/**
 * R24, R25: member opinions come from roster members present, each once: an opinion names (by attendee id, account
 * id or the name recorded in the attendance) an attendee whose account is on the body's roster and who is marked present.
 */
export function r24OpinionsFromMembersPresent(
  opinions: Array<{ member: string }>,
  attendees: RecordedAttendee[],
  roster: RosterSeat[],
): RuleViolation[] {
  const present = r24RosterPresent(roster, attendees);
  const who = (m: string) => present.find((a) => a.id === m || a.userId === m || a.name.trim() === m.trim());
  const out: RuleViolation[] = [];
  const seen = new Set<string>();
  opinions.forEach((o, i) => {
    const a = who(o.member);
    if (!a)
      out.push(
        violation(
          'R24',
          'r24.opinion_not_from_member_present',
          `“${o.member}”不是出席会议的组成人员，不能记录其意见`,
          `"${o.member}" is not a member present at the meeting`,
          ['memberOpinions', String(i), 'member'],
        ),
      );
    else if (seen.has(a.userId!))
      out.push(
        violation('R24', 'r24.opinion_twice', `${a.name}的意见重复记录`, `${a.name}'s opinion is recorded twice`, [
          'memberOpinions',
          String(i),
          'member',
        ]),
      );
    else seen.add(a.userId!);
  });
  return out;
}

/** R24: the legal adviser's absence is recorded as a warning, not a block. */
export function r24LegalAdviserWarning(attendees: Attendee[]): RuleViolation | undefined {
  if (attendees.some((a) => a.legalAdviser && a.present)) return undefined;
  return violation(
    'R24',
    'r24.legal_adviser_absent',
    '司法局负责人（法律顾问）未列席会议',
    'The justice-bureau head / legal adviser is not attending',
  );
}

/** R22: what goes to the meeting with each item, and which stage record or document supplies it. */
export const R22_MATERIALS = [
  { key: 'draft', zh: '决策草案', en: 'Draft decision', documentKind: 'draft' },
  { key: 'explanation', zh: '起草说明', en: 'Explanation of the draft', documentKind: 'explanation' },
  {
    key: 'comment_adoption',
    zh: '公众意见采纳情况',
    en: 'Comment adoption summary',
    recordKind: 'conclude_public_participation',
    stage: 'public_participation',
  },
  {
    key: 'expert_adoption',
    zh: '专家论证意见采纳情况',
    en: 'Expert adoption summary',
    recordKind: 'record_expert_opinions',
    stage: 'expert_argumentation',
  },
  {
    key: 'risk_report',
    zh: '风险评估报告',
    en: 'Risk assessment report',
    recordKind: 'submit_risk_assessment',
    stage: 'risk_assessment',
  },
  { key: 'review_opinion', zh: '合法性审查意见', en: 'Legality-review opinion', recordKind: 'review_opinion' },
  {
    key: 'fair_competition',
    zh: '公平竞争审查结论',
    en: 'Fair-competition review',
    marketOnly: true,
    stage: 'legality_review',
  },
] as const;

export interface R22Item {
  key: string;
  zh: string;
  en: string;
  /** present, or skipped with the stage's recorded reason, or missing. */
  status: 'present' | 'skipped' | 'missing' | 'not_applicable';
  reason?: string;
}

/** R22: the materials list of an agenda item: each present, skipped with its stage's reason, or missing. */
export function r22MeetingMaterials(input: {
  documentKinds: string[];
  recordKinds: string[];
  stageStates: Record<string, { status: string; reason?: string }>;
  touchesMarketActors: boolean;
  hasFairCompetitionReview: boolean;
}): R22Item[] {
  return R22_MATERIALS.map((m): R22Item => {
    const base = { key: m.key, zh: m.zh, en: m.en };
    if ('marketOnly' in m)
      return {
        ...base,
        status: !input.touchesMarketActors ? 'not_applicable' : input.hasFairCompetitionReview ? 'present' : 'missing',
      };
    if ('documentKind' in m)
      return { ...base, status: input.documentKinds.includes(m.documentKind) ? 'present' : 'missing' };
    if (input.recordKinds.includes(m.recordKind)) return { ...base, status: 'present' };
    const st = 'stage' in m ? input.stageStates[m.stage] : undefined;
    if (st && (st.status === 'skipped' || st.status === 'not_applicable'))
      return { ...base, status: 'skipped', reason: st.reason };
    return { ...base, status: 'missing' };
  });
}

/**
 * R22 (Art. 29): whether the procedure recorded a fair-competition review: a conclusion in the submission for
 * legality review or in supplied materials (read structurally, field by field), or an uploaded review report.
 */
export function r22FairCompetitionReviewed(
  records: Array<{ kind: string; data: unknown }>,
  documentKinds: string[],
): boolean {
  if (documentKinds.includes('fair_competition_review')) return true;
  return records.some((r) => {
    if (r.kind !== 'submit_for_legality_review' && r.kind !== 'supplement_materials') return false;
    const review =
      r.data && typeof r.data === 'object'
        ? (r.data as { fairCompetitionReview?: unknown }).fairCompetitionReview
        : undefined;
    const conclusion =
      review && typeof review === 'object' ? (review as { conclusion?: unknown }).conclusion : undefined;
    return typeof conclusion === 'string' && conclusion.trim().length > 0;
  });
}

/** R22: an item whose materials list has a missing entry does not go on the agenda; the refusal lists them. */
export function r22MissingMaterialsViolation(items: R22Item[]): RuleViolation | undefined {
  const missing = items.filter((i) => i.status === 'missing');
  if (!missing.length) return undefined;
  return violation(
    'R22',
    'r22.materials_missing',
    `上会材料不全，不得列入会议议题：${missing.map((m) => m.zh).join('、')}`,
    `Materials missing for the meeting: ${missing.map((m) => m.en).join(', ')}`,
  );
}
