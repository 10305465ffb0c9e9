/** @module What the shell's own pages (sign-in, home) and the pages of the domains not yet built as modules read: the shell plus the composed services. */
import type { AppServices } from '../composition';
import type { PageDeps } from '../platform/web-ui';

export type DashboardDeps = PageDeps<AppServices>;
