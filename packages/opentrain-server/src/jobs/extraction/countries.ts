/**
 * Countries where workers must be, reported as English short names ("United States", "Germany").
 *
 * Worker location, not data origin: a country after "recorded in", "collected in", "headquartered
 * in", "company in", a language variety ("português do Brasil") or before "accents"/"English" is
 * not a requirement. A list ("Germany, Austria or Switzerland") shares the decision of its first
 * member. Mentions after "based in", "reside in", "residents", "applicants in", "Standort:" … are
 * high confidence; bare mentions are kept with lower confidence.
 */
import type { Sentence } from './text';
import type { Finding } from './types';

interface Country {
  name: string;
  code: string;
  words: string;
  /** Matched case-sensitively against the raw text (abbreviations like "US"). */
  raw?: RegExp;
  /** The name is also a common word or person's name; needs a capital letter. */
  capitalised?: boolean;
}

export const COUNTRIES: Country[] = [
  { name: 'United States', code: 'US', words: String.raw`united states(?: of america)?|estados unidos|stati uniti|vereinigten? staaten|etats[\s-]unis`, raw: /(?<![\p{L}])(?:US|USA|U\.S\.A?\.?)(?![\p{L}$])/u },
  { name: 'United Kingdom', code: 'GB', words: String.raw`united kingdom|great britain|britain|england|scotland|wales|reino unido|regno unito|vereinigte[sn]? konigreich|grossbritannien|royaume[\s-]uni`, raw: /(?<![\p{L}])(?:UK|U\.K\.)(?![\p{L}])/u },
  { name: 'Canada', code: 'CA', words: 'canada|kanada' },
  { name: 'Australia', code: 'AU', words: 'australia|australien|australie' },
  { name: 'New Zealand', code: 'NZ', words: 'new zealand|neuseeland|nueva zelanda|nouvelle[\\s-]zelande' },
  { name: 'Ireland', code: 'IE', words: 'ireland|irlanda|irland|irlande' },
  { name: 'Germany', code: 'DE', words: 'germany|deutschland|alemania|allemagne|alemanha|germania' },
  { name: 'Austria', code: 'AT', words: 'austria|osterreich|autriche' },
  { name: 'Switzerland', code: 'CH', words: 'switzerland|schweiz|suiza|suisse|suica|svizzera' },
  { name: 'France', code: 'FR', words: 'france|frankreich|francia' },
  { name: 'Belgium', code: 'BE', words: 'belgium|belgique|belgica|belgien|belgio' },
  { name: 'Netherlands', code: 'NL', words: 'netherlands|the netherlands|holland|niederlande|paises bajos|pays[\\s-]bas|holanda' },
  { name: 'Spain', code: 'ES', words: 'spain|espana|spanien|espagne|espanha|spagna' },
  { name: 'Portugal', code: 'PT', words: 'portugal' },
  { name: 'Italy', code: 'IT', words: 'italy|italia|italien|italie' },
  { name: 'Poland', code: 'PL', words: 'poland|polen|polonia|pologne' },
  { name: 'Sweden', code: 'SE', words: 'sweden|schweden|suecia|suede' },
  { name: 'Norway', code: 'NO', words: 'norway|norwegen|noruega|norvege' },
  { name: 'Denmark', code: 'DK', words: 'denmark|danemark|dinamarca|danemark' },
  { name: 'Finland', code: 'FI', words: 'finland|finnland|finlandia|finlande' },
  { name: 'Czechia', code: 'CZ', words: 'czechia|czech republic|tschechien|republica checa' },
  { name: 'Romania', code: 'RO', words: 'romania|rumanien|roumanie' },
  { name: 'Greece', code: 'GR', words: 'greece|griechenland|grecia|grece' },
  { name: 'Ukraine', code: 'UA', words: 'ukraine|ucrania' },
  { name: 'Turkey', code: 'TR', words: 'turkey|turkiye|turkei|turquia|turquie', capitalised: true },
  { name: 'Mexico', code: 'MX', words: '(?<!new )mexico|mejico|mexiko|mexique' },
  { name: 'Colombia', code: 'CO', words: 'colombia|kolumbien|colombie' },
  { name: 'Argentina', code: 'AR', words: 'argentina|argentinien|argentine' },
  { name: 'Chile', code: 'CL', words: 'chile', capitalised: true },
  { name: 'Peru', code: 'PE', words: 'peru' },
  { name: 'Brazil', code: 'BR', words: 'brazil|brasil|brasilien|bresil' },
  { name: 'Venezuela', code: 'VE', words: 'venezuela' },
  { name: 'Ecuador', code: 'EC', words: 'ecuador' },
  { name: 'India', code: 'IN', words: 'india|indien|inde' },
  { name: 'Pakistan', code: 'PK', words: 'pakistan' },
  { name: 'Bangladesh', code: 'BD', words: 'bangladesh' },
  { name: 'Sri Lanka', code: 'LK', words: 'sri lanka' },
  { name: 'Nepal', code: 'NP', words: 'nepal' },
  { name: 'Philippines', code: 'PH', words: 'philippines|the philippines|filipinas|philippinen' },
  { name: 'Indonesia', code: 'ID', words: 'indonesia|indonesien|indonesie' },
  { name: 'Malaysia', code: 'MY', words: 'malaysia|malaisie|malasia' },
  { name: 'Singapore', code: 'SG', words: 'singapore|singapur|singapour' },
  { name: 'Vietnam', code: 'VN', words: 'vietnam|viet nam' },
  { name: 'Thailand', code: 'TH', words: 'thailand|tailandia|thailande' },
  { name: 'Japan', code: 'JP', words: 'japan|japon|japao' },
  { name: 'South Korea', code: 'KR', words: 'south korea|(?<!north )korea|corea del sur|sudkorea|coree du sud' },
  { name: 'China', code: 'CN', words: 'china|chine' },
  { name: 'Taiwan', code: 'TW', words: 'taiwan' },
  { name: 'Hong Kong', code: 'HK', words: 'hong kong' },
  { name: 'Nigeria', code: 'NG', words: 'nigeria' },
  { name: 'Kenya', code: 'KE', words: 'kenya|kenia' },
  { name: 'Ghana', code: 'GH', words: 'ghana' },
  { name: 'Ethiopia', code: 'ET', words: 'ethiopia|athiopien|etiopia' },
  { name: 'Uganda', code: 'UG', words: 'uganda' },
  { name: 'Tanzania', code: 'TZ', words: 'tanzania|tansania' },
  { name: 'South Africa', code: 'ZA', words: 'south africa|sudafrika|sudafrica|afrique du sud' },
  { name: 'Egypt', code: 'EG', words: 'egypt|agypten|egipto|egypte' },
  { name: 'Morocco', code: 'MA', words: 'morocco|marokko|marruecos|maroc' },
  { name: 'Saudi Arabia', code: 'SA', words: String.raw`saudi arabia|ksa|arabia saudita|saudi[\s-]arabien|arabie saoudite` },
  { name: 'United Arab Emirates', code: 'AE', words: 'united arab emirates|emirates|emiratos arabes unidos|vereinigte arabische emirate', raw: /(?<![\p{L}])(?:UAE|U\.A\.E\.?)(?![\p{L}])/u },
  { name: 'Qatar', code: 'QA', words: 'qatar|katar' },
  { name: 'Kuwait', code: 'KW', words: 'kuwait' },
  { name: 'Israel', code: 'IL', words: 'israel' },
  { name: 'Jordan', code: 'JO', words: 'jordan|jordania|jordanien', capitalised: true },
  { name: 'Lebanon', code: 'LB', words: 'lebanon|libano|libanon|liban' },
];

const LIST_SEP = /^\s*(?:,|;|\/|&|and|or|y|o|oder|und|et|ou|e)?\s*(?:(?:the|en|in|la|el)\s+)?$/u;
const EXCLUDE_BEFORE =
  /(?:recorded|filmed|collected|captured|taken|gathered|sourced|headquartered|based company|company|companies|startup|office|offices|hq|clients?|customers?|market|made|manufactured|drivers|roads|streets|cities|trip|travel|grabad[oa]s|aufgenommen|enregistre\p{L}*)\s+(?:[\p{L}-]+\s+){0,2}?(?:in|from|of|en|aus|de|em)\s+(?:the\s+)?$|(?:photos|images|pictures|videos|footage|scans|recordings|data)\s+(?:[\p{L}-]+\s+){0,4}?(?:in|from)\s+(?:the\s+)?$|(?:portugues|espanol|spanish|english|ingles|french|frances|francais|arabic|arabe|chinese|german|deutsch|dutch)\s+(?:do|da|de|del|from|of|aus|du|d')\s+(?:the\s+|la\s+)?$/u;
const EXCLUDE_AFTER =
  /^\s*(?:english|spanish|french|accents?|spelling|dollars?|\$|market|customers?|clients?|companies|time ?zones?|format|data|company|startup|federal|tax|laws?|legal|government|history|politics)(?![\p{L}])|^-(?:area|made)/u;
const CUE =
  /(?:based|located|residing|reside|resident|residents|live|lives|living|from|only|eligible|applicants|candidates|citizens|must be in|work from|across|standort|ubicacion|residir|residentes|basados|bases|wohnhaft|ansassig|radicad\p{L}*|licensed|residenza|residenti|in)\s*(?:in\s+)?(?:the\s+)?$|^-based|^\s+(?:residents|only|based|citizens)/u;

interface Hit {
  country: Country;
  start: number;
  end: number;
  position: number;
  evidence: string;
}

/** "South African residents", "Canadian citizens": an adjective that states where workers must be. */
const DEMONYMS: Record<string, string> = {
  american: 'United States',
  british: 'United Kingdom',
  canadian: 'Canada',
  australian: 'Australia',
  irish: 'Ireland',
  german: 'Germany',
  french: 'France',
  spanish: 'Spain',
  italian: 'Italy',
  mexican: 'Mexico',
  brazilian: 'Brazil',
  indian: 'India',
  filipino: 'Philippines',
  kenyan: 'Kenya',
  nigerian: 'Nigeria',
  'south african': 'South Africa',
  'new zealand': 'New Zealand',
  japanese: 'Japan',
  'south korean': 'South Korea',
};
const DEMONYM_RESIDENTS = new RegExp(
  `(?<![\\p{L}])(${Object.keys(DEMONYMS).join('|')})(?=\\s+(?:residents?|citizens?|nationals?)(?![\\p{L}]))`,
  'gu',
);
const FLAG = /\p{Regional_Indicator}{2}/gu;
const ALL = COUNTRIES.map((c) => ({ c, re: new RegExp(`(?<![\\p{L}])(?:${c.words})(?![\\p{L}])`, 'gu') }));

function hitsIn(s: Sentence): Hit[] {
  const hits: Hit[] = [];
  const add = (country: Country, index: number, length: number) => {
    if (hits.some((h) => index < h.end && index + length > h.start)) return;
    const evidence = s.raw.slice(index, index + length);
    hits.push({ country, start: index, end: index + length, position: s.start + index, evidence });
  };
  for (const { c, re } of ALL) {
    for (const m of s.folded.matchAll(re)) {
      if (c.capitalised && !/^\p{Lu}/u.test(s.raw.slice(m.index))) continue;
      add(c, m.index, m[0].length);
    }
  }
  // Flag emoji (🇺🇸): two regional-indicator letters spelling the ISO code.
  for (const m of s.raw.matchAll(FLAG)) {
    const code = [...m[0]].map((ch) => String.fromCharCode((ch.codePointAt(0) ?? 0) - 0x1f1e6 + 65)).join('');
    const country = COUNTRIES.find((c) => c.code === code);
    if (country) add(country, m.index, m[0].length);
  }
  for (const m of s.folded.matchAll(DEMONYM_RESIDENTS)) {
    const country = COUNTRIES.find((c) => c.name === DEMONYMS[m[1]]);
    if (country) add(country, m.index, m[1].length);
  }
  for (const c of COUNTRIES) {
    if (!c.raw) continue;
    for (const m of s.raw.matchAll(new RegExp(c.raw.source, 'gu'))) add(c, m.index, m[0].length);
  }
  return hits.sort((a, b) => a.start - b.start);
}

export function extractCountries(sentences: readonly Sentence[]): Finding<string[]> | undefined {
  const accepted: { hit: Hit; confidence: number }[] = [];
  for (const s of sentences) {
    // Consecutive mentions joined by commas/and/or form one list that is judged as a whole.
    const groups: Hit[][] = [];
    for (const h of hitsIn(s)) {
      const current = groups[groups.length - 1];
      const last = current?.[current.length - 1];
      if (last && LIST_SEP.test(s.folded.slice(last.end, h.start))) current.push(h);
      else groups.push([h]);
    }
    for (const group of groups) {
      const first = group[0];
      const last = group[group.length - 1];
      const before = s.folded.slice(Math.max(0, first.start - 45), first.start);
      const after = s.folded.slice(last.end, last.end + 20);
      if (EXCLUDE_BEFORE.test(before) || EXCLUDE_AFTER.test(after)) continue;
      const confidence = CUE.test(before) || CUE.test(after) ? 0.85 : 0.55;
      for (const hit of group) accepted.push({ hit, confidence });
    }
  }
  if (accepted.length === 0) return undefined;
  accepted.sort((a, b) => a.hit.position - b.hit.position);
  const names: string[] = [];
  for (const a of accepted) if (!names.includes(a.hit.country.name)) names.push(a.hit.country.name);
  return {
    value: names,
    confidence: Math.min(...accepted.map((a) => a.confidence)),
    evidence: accepted.map((a) => a.hit.evidence).join(', '),
  };
}

/** "US", "usa", "United States", "Deutschland", "DE" → canonical name; undefined when unknown. */
export function normalizeCountry(input: string): string | undefined {
  const t = input.trim();
  if (/^[A-Za-z]{2}$/.test(t)) {
    const code = t.toUpperCase() === 'UK' ? 'GB' : t.toUpperCase();
    const byCode = COUNTRIES.find((c) => c.code === code);
    if (byCode) return byCode.name;
  }
  const byRaw = COUNTRIES.find((c) => c.raw && new RegExp(`^(?:${c.raw.source})$`, 'u').test(t));
  if (byRaw) return byRaw.name;
  const folded = t.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
  return ALL.find(({ c }) => new RegExp(`^(?:${c.words})$`, 'u').test(folded))?.c.name;
}
