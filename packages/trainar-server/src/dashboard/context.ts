/** @module What the dashboard shell's pages receive: the shell plus the platform (settings, invitation lookups) and its ports. */
import type { PlatformServices } from '../platform/context';
import type { PageDeps } from '../platform/web-ui';
import type { DashboardPorts } from './ports';

export type DashboardServices = DashboardPorts & { deps: PlatformServices };

export type ShellPageDeps = PageDeps<DashboardServices>;
