/**
 * @module The system skills as this server runs them. `capture_camera` captures the wearer's
 * camera on the glasses, so it can only run on a device (the API records a failed execution that
 * says so). `search_knowledge` searches the tenant's knowledge base through the knowledge module's
 * search, wired by the composition root (composition.ts).
 */
import type { ActiveSeat, SeatContext, SystemSkills } from './ports';

export const CAMERA_DEVICE_ONLY = "capture_camera captures a frame from the wearer's AR glasses, so it runs only on a paired device during a session; it cannot be executed through the API or the dashboard.";

/** The knowledge module's search, as the `search_knowledge` system skill needs it. */
export type KnowledgeSearch = (tenantId: string, input: { query: string; limit?: number }) => Promise<unknown[]>;

/** `search_knowledge` answers from the knowledge base; `capture_camera` stays device-only. */
export function systemSkillsWith(search: KnowledgeSearch): SystemSkills {
  return {
    async run(tenantId, name, args, context) {
      if (name !== 'search_knowledge') return { ok: false, response: null, error: CAMERA_DEVICE_ONLY };
      const results = await search(tenantId, { query: String(args.query), limit: typeof args.limit === 'number' ? args.limit : 5 });
      return { ok: true, response: { results }, error: null };
    },
  };
}

/** The seats module's list, as the execution context needs it: the first active seat with a user. */
export type ActiveSeats = (tenantId: string) => Promise<{ id: string; user_id: string | null; device_id: string | null; roles: readonly string[] }[]>;

export function seatContextFrom(activeSeats: ActiveSeats): SeatContext {
  return {
    async firstActiveSeat(tenantId) {
      const seat = (await activeSeats(tenantId)).find((s) => s.user_id);
      if (!seat?.user_id) return null;
      const role = (seat.roles.find((r) => r === 'trainer' || r === 'trainee') ?? null) as ActiveSeat['role'];
      return { seat_id: seat.id, user_id: seat.user_id, device_id: seat.device_id, role };
    },
  };
}
