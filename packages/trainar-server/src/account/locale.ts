/**
 * @module Locale fields of a tenant, validated with the runtime's ICU data: an IANA time zone, an
 * ISO 3166-1 alpha-2 region, a BCP 47 language tag. Each returns the canonical form or null.
 */
const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
const languages = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

export function canonicalTimezone(value: string): string | null {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export function canonicalCountry(value: string): string | null {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) return null;
  // Unassigned codes come back unchanged (fallback: 'code'); user-assigned ones (AA, QM-QZ, XA-XZ but XK Kosovo, ZZ) are refused.
  // EU, EZ and UN are macro-regions, not countries.
  if (/^(AA|Q[M-Z]|X[A-JL-Z]|ZZ|EU|EZ|UN)$/.test(code)) return null;
  if (regions.of(code) === code) return null;
  // Aliases map to the assigned code (UK → GB).
  return Intl.getCanonicalLocales(`und-${code}`)[0].split('-')[1] ?? code;
}

export function canonicalLanguage(value: string): string | null {
  try {
    const [tag] = Intl.getCanonicalLocales(value.trim());
    if (!tag) return null;
    const base = tag.split('-')[0];
    return languages.of(base) === base ? null : tag;
  } catch {
    return null;
  }
}

export function countryName(code: string | null): string {
  return code ? (regions.of(code) ?? code) : '';
}

export function languageName(tag: string): string {
  return languages.of(tag) ?? tag;
}

let countryCodes: string[] | undefined;
/** Every assigned region code, for the settings form. */
export function allCountryCodes(): string[] {
  if (!countryCodes) {
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    countryCodes = [];
    for (const a of letters) for (const b of letters) if (canonicalCountry(a + b)) countryCodes.push(a + b);
    countryCodes.sort((x, y) => countryName(x).localeCompare(countryName(y)));
  }
  return countryCodes;
}

export function allTimezones(): string[] {
  return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
}
