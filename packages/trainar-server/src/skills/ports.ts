/**
 * @module What the skills module needs from other modules, as interfaces the composition root
 * (composition.ts) wires: the tenant's first active assigned seat (seats module) and the runners of
 * the system skills (knowledge module for `search_knowledge`).
 */
import type { SessionContext } from '@trainar/api';
import type { SystemSkillName } from './catalogue';

export interface ActiveSeat {
  seat_id: string;
  user_id: string;
  device_id: string | null;
  role: 'trainer' | 'trainee' | null;
}

export interface SeatContext {
  /** The tenant's first active seat with an assigned user, or null when none qualifies (→ NO_ACTIVE_SEAT). */
  firstActiveSeat(tenantId: string): Promise<ActiveSeat | null>;
}

export interface SystemSkillOutcome {
  ok: boolean;
  /** What the skill answered (recorded and returned as the execution's `response`). */
  response: unknown;
  /** Why it failed, naming what is missing and what to do (null on success). */
  error: string | null;
}

export interface SystemSkills {
  run(tenantId: string, name: SystemSkillName, args: Record<string, unknown>, context: SessionContext): Promise<SystemSkillOutcome>;
}

export interface SkillPorts {
  seats: SeatContext;
  systemSkills: SystemSkills;
}
