import { z } from 'zod';

/** R24: the bodies that decide major decisions: the executive meeting (常务会议) and the plenary (全体会议). */
export const MEETING_BODIES = ['executive', 'plenary'] as const;
export type MeetingBody = (typeof MEETING_BODIES)[number];

/** Positions on a meeting body's roster. */
export const POSITIONS = ['mayor', 'vice_mayor', 'secretary_general', 'member'] as const;
export const PositionSchema = z.enum(POSITIONS);
export type Position = (typeof POSITIONS)[number];

export const POSITION_LABELS: Record<Position, { zh: string; en: string }> = {
  mayor: { zh: '市长', en: 'Mayor' },
  vice_mayor: { zh: '副市长', en: 'Vice mayor' },
  secretary_general: { zh: '秘书长', en: 'Secretary-general' },
  member: { zh: '组成人员', en: 'Member' },
};

/** R24: who the roster of each body is made of (executive: mayor, vice mayors, secretary-general; plenary: all). */
export const BODY_POSITIONS: Record<MeetingBody, readonly Position[]> = {
  executive: ['mayor', 'vice_mayor', 'secretary_general'],
  plenary: POSITIONS,
};

/** R31 (Art. 37): the chief executive (行政首长) is the mayor on the executive meeting's roster. */
export const CHIEF_EXECUTIVE = { body: 'executive', position: 'mayor' } as const satisfies {
  body: MeetingBody;
  position: Position;
};
