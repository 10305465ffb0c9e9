export interface WorkspaceBundle {
  /** The repository root; `entry` and the recorded inputs are relative to it. */
  root: string;
  entry: string;
  /** Absolute path of the bundle; its inputs are listed in `<outfile>.inputs.json`. */
  outfile: string;
  sourcemap?: boolean;
}
export function bundleWorkspaceEntry(options: WorkspaceBundle): Promise<string[]>;
export function bundleIsStale(options: Pick<WorkspaceBundle, 'root' | 'outfile'>): boolean;
export function freshBundle(options: WorkspaceBundle): Promise<string>;
