/** @module The training-session table, merged into TrainArTables. */
export interface TrainingSessionsTable {
  id: string;
  tenant_id: string;
  seat_id: string | null;
  device_id: string | null;
  user_id: string | null;
  task_id: string | null;
  name: string;
  role: 'trainer' | 'trainee';
  status: 'in_progress' | 'completed' | 'failed';
  started_at: Date;
  last_heartbeat_at: Date;
  stopped_at: Date | null;
  completed_at: Date | null;
  duration_seconds: number | null;
  end_reason: 'stopped' | 'timed_out' | null;
  score: number | null;
  summary: string | null;
  notes: string | null;
  video_url: string | null;
  thumbnail_url: string | null;
  procedures: unknown;
}

declare module '../platform/db' {
  interface TrainArTables {
    training_sessions: TrainingSessionsTable;
  }
}
