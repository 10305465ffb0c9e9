/**
 * @module The dashboard's sidebar: every page the product documents, in the product's order, and
 * the pages that exist. Adding a page is one entry in `DASHBOARD_PAGES` (its section and who may
 * open it); the sidebar lists only the pages that exist, in the documented order, for the roles
 * that may open them. Sections without a page yet are not shown (no placeholders).
 */
import type { NavLink } from '@platform/kit';

export type Role = 'admin' | 'member';

/** The product's sidebar, in order [S: trainar-spec, dashboard screenshots]. */
export const SECTIONS = {
  dashboard: 'Dashboard',
  tasks: 'Tasks',
  sessions: 'Sessions',
  skills: 'Skills & Knowledge',
  marketplace: 'Marketplace',
  reports: 'Reports',
  users: 'Users',
  seats: 'Seats',
  billing: 'Billing',
  integrations: 'Integrations',
  api: 'API & Webhooks',
  settings: 'Settings',
} as const;

export type Section = keyof typeof SECTIONS;

export interface DashboardPage {
  section: Section;
  path: string;
  /** Admins see everything; members see Dashboard, Tasks, Sessions, Skills & Knowledge, Marketplace, Reports and Settings [S: inviting-your-team]. */
  roles: readonly Role[];
}

const EVERYONE: readonly Role[] = ['admin', 'member'];
const ADMINS: readonly Role[] = ['admin'];

/** The pages that exist. A new domain page: add `{ section, path, roles }` here and mount its route. */
export const DASHBOARD_PAGES: readonly DashboardPage[] = [
  { section: 'dashboard', path: '/dashboard', roles: EVERYONE },
  { section: 'users', path: '/dashboard/users', roles: ADMINS },
  { section: 'api', path: '/dashboard/api', roles: ADMINS },
  { section: 'settings', path: '/dashboard/settings', roles: EVERYONE },
  { section: 'tasks', path: '/dashboard/tasks', roles: EVERYONE },
  { section: 'skills', path: '/dashboard/skills', roles: EVERYONE },
  { section: 'skills', path: '/dashboard/knowledge', roles: EVERYONE },
  { section: 'seats', path: '/dashboard/seats', roles: ADMINS },
  { section: 'sessions', path: '/dashboard/sessions', roles: EVERYONE },
  { section: 'reports', path: '/dashboard/reports', roles: EVERYONE },
  { section: 'billing', path: '/dashboard/billing', roles: ADMINS },
  { section: 'integrations', path: '/dashboard/integrations', roles: ADMINS },
];

const ORDER = Object.keys(SECTIONS) as Section[];

/** The sidebar for a role: existing pages that role may open, in the product's order. */
export function sidebarFor(role: Role, pages: readonly DashboardPage[] = DASHBOARD_PAGES): NavLink[] {
  // One link per section: a section's other pages are tabs on its first page (Skills & Knowledge).
  const seen = new Set<Section>();
  return pages
    .filter((p) => p.roles.includes(role) && !seen.has(p.section) && seen.add(p.section))
    .sort((a, b) => ORDER.indexOf(a.section) - ORDER.indexOf(b.section))
    .map((p) => ({ href: p.path, label: SECTIONS[p.section] }));
}

/** The roles that may open a page path (the page's own entry), for route guards. */
export function rolesFor(path: string): readonly Role[] {
  return DASHBOARD_PAGES.find((p) => p.path === path)?.roles ?? EVERYONE;
}
