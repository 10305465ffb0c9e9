/** @module URL slugs for job titles ("Bounding boxes for cars!" → "bounding-boxes-for-cars"). */
export function slugify(title: string | null | undefined): string {
  const base = (title ?? '')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return base || 'job';
}
