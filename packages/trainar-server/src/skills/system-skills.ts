/**
 * @module The system skills as this server runs them today. `capture_camera` captures the
 * wearer's camera on the glasses, so it can only run on a device. `search_knowledge` searches the
 * knowledge base, which the knowledge module provides: until that module is wired in
 * (services.ts), the call fails with an error that says so. Both failures are recorded like any
 * other execution.
 */
import type { SeatContext, SystemSkills } from './ports';

export const KNOWLEDGE_MISSING = 'search_knowledge needs the knowledge module (knowledge items and their search index), which is not installed on this server yet; upload knowledge and retry once it is available.';

export const CAMERA_DEVICE_ONLY = "capture_camera captures a frame from the wearer's AR glasses, so it runs only on a paired device during a session; it cannot be executed through the API or the dashboard.";

export const deviceOnlySystemSkills: SystemSkills = {
  async run(_tenantId, name) {
    return { ok: false, response: null, error: name === 'capture_camera' ? CAMERA_DEVICE_ONLY : KNOWLEDGE_MISSING };
  },
};

/** Seats are another module's; until it is wired in, no tenant has an active seat (→ NO_ACTIVE_SEAT). */
export const noSeatsYet: SeatContext = {
  async firstActiveSeat() {
    return null;
  },
};
