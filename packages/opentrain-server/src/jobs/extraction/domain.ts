/**
 * Subject matter (domain). Strong cues score 2, weak cues 1; a domain needs a score of 2 to count,
 * so a single weak word ("cars", "students") is not enough. The highest score wins.
 */
import type { Sentence } from './text';
import type { Finding, SubjectMatter } from './types';

const W = (source: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}])`, 'gu');

const CUES: Record<SubjectMatter, { strong: RegExp; weak?: RegExp }> = {
  MEDICAL: {
    strong: W(
      String.raw`medical|medicine|clinical|healthcare|health care|radiolog\p{L}*|x[\s-]?rays?|mri|ct scans?|dicom|patients?|hipaa|diagnos\p{L}*|patholog\p{L}*|dermatolog\p{L}*|medic(?:o|os|a|as|al|ales|inisch\p{L}*|ales)|resonancia magnetica|tumou?r\p{L}*|nodules?|ehr|emr|medizinisch\p{L}*|medicales?|biomedical|r[oö]ntgen\p{L}*|ecg|ekg|eeg|cardiolog\p{L}*|medecine|medizin|chirurg\p{L}*|surgery|surgical|infirmi\p{L}*|arztbrief\p{L}*|neurolog\p{L}*|oncolog\p{L}*|physicians?|clinicians?|seizures?|arrhythmias?`,
    ),
    weak: W(`nurses?|doctors?|meds|medications?|dosages?|hospitals?|lung|radiologos`),
  },
  LEGAL: {
    strong: W(String.raw`legal|law|lawyers?|attorneys?|courts?|paralegals?|statutes?|litigation|juridic\p{L}*|legales|rechts\p{L}*|juridique\p{L}*|contracts? review|leases|tenancy|depositions?|court reporters?|abogad[oa]s?|contratos|clausulas|clauses|derecho|sentencias`),
    weak: W(`judges?|contracts?|compliance`),
  },
  FINANCE: {
    strong: W(
      String.raw`financ\p{L}*|banking|(?:un|del|el|de) banco|bank statements?|invoices?|receipts?|accounting|fintech|trading|stock market|insurance|tax returns?|loans?|credit cards?|facturas|rechnungen`,
    ),
  },
  AUTONOMOUS_DRIVING: {
    strong: W(
      String.raw`autonomous (?:driving|vehicles?|cars?)|self[\s-]driving|adas|driver[\s-]monitoring|in-cabin|dashcam|driving scenes?|lane (?:lines?|markings?)|autonome\p{L}* fahrzeug\p{L}*|conduccion autonoma|vehiculos autonomos|highway|street scenes?|traffic`,
    ),
    weak: W(`pedestrians?|cyclists?|vehicles?|cars|roads?|drivers?|driving`),
  },
  RETAIL_ECOMMERCE: {
    strong: W(
      String.raw`retail|e-?commerce|product (?:photos|images|reviews|descriptions|listings|catalog(?:ue)?s?|categor\p{L}*)|catalog(?:ue)?s?|shopping|online store|amazon listings?|produktbeschreibungen|productos|skus?`,
    ),
    weak: W(`products?|shoes|apparel|bags|accessories|fashion`),
  },
  AGRICULTURE: {
    strong: W(String.raw`crops?|crop rows|farmland|farms?|farming|farmers?|agricultur\p{L}*|agronom\p{L}*|weeds|harvest\p{L}*|livestock|orchards?|agricola`),
    weak: W(`plants?|fields`),
  },
  GEOSPATIAL: {
    strong: W(String.raw`satellite|aerial|drone (?:images|imagery|footage|photos)|orthophotos?|gis|arcgis|qgis|remote sensing|geospatial|mining|luftbild\p{L}*|imagenes aereas|immagini aeree`),
    weak: W(`maps?|mapping|buildings`),
  },
  SECURITY_SURVEILLANCE: {
    strong: W(
      String.raw`cctv|surveillance|security (?:cameras?|footage|screening)|licen[cs]e plates?|number plates?|baggage|anpr|lpr|bodycams?|body[\s-]cams?|vigilancia|videovigilancia|camaras de seguridad|uberwachung\p{L}*|videosorveglianza`,
    ),
    weak: W(`parking lots?|security`),
  },
  ROBOTICS: {
    strong: W(String.raw`robot\p{L}*|grasping|robotik|robotica`),
    weak: W(`warehouse|forklifts?|manipulation`),
  },
  MANUFACTURING: {
    strong: W(String.raw`manufactur\p{L}*|factory|factories|assembly lines?|production lines?|industrial inspection|defect detection|defect types?|qc model|quality inspection`),
    weak: W(`defects?|industrial`),
  },
  SPORTS_FITNESS: {
    strong: W(String.raw`sports?|fitness|exercis\p{L}*|workouts?|athletes?|gym|football|soccer|basketball|tennis`),
    weak: W(`players?`),
  },
  SOFTWARE_ENGINEERING: {
    strong: W(`software|coding|programming|source code|code review|python|javascript|typescript|github|sql|programadores|desenvolvedores|programmierer`),
    weak: W(`code|developers?|data engineers?`),
  },
  MATHEMATICS: {
    strong: W(String.raw`math\p{L}*|calculus|algebra|geometry|statistics|proofs?|mathemat\p{L}*|matematicas?`),
  },
  SCIENCE: {
    strong: W(String.raw`chemistry|chemists?|physics|physicists?|biology|biologists?|scientific|quimica|chemie|biologie|climate|astronom\p{L}*|galax\p{L}*|marine biology|plankton|microscop\p{L}*|ecolog\p{L}*`),
    weak: W(`science|stem`),
  },
  EDUCATION: {
    strong: W(String.raw`education\p{L}*|teachers?|teaching|curriculum|k-12|classroom|lesson plans?|lectures?|e-?learning|online courses?`),
    weak: W(String.raw`students?|tutor\p{L}*`),
  },
  CUSTOMER_SERVICE: {
    strong: W(
      String.raw`customer[\s-]?(?:support|service|care|chat\p{L}*|queries|inquiries|emails|calls?)|call[\s-]cent(?:er|re)|support tickets?|help ?desk|contact cent(?:er|re)|atencion al cliente|kundenservice|kundenfeedback\p{L}*|kundenanfragen|service client|atendimento ao cliente|centros? de llamadas|centres? d'appels|centri? di chiamata|customer feedback`,
    ),
    weak: W(`chatbots?|customers?`),
  },
  SOCIAL_MEDIA: {
    strong: W(
      `social media|tweets?|twitter|instagram|tiktok|facebook|reddit|content moderation|content moderators?|redes sociales|soziale medien|reseaux sociaux|redes sociais|social network|forum posts?|memes|influencers?`,
    ),
    weak: W(`posts?`),
  },
};

export function extractSubjectMatter(sentences: readonly Sentence[]): Finding<SubjectMatter> | undefined {
  const scores = new Map<SubjectMatter, { score: number; first: number; evidence: string }>();
  for (const s of sentences) {
    for (const [domain, cue] of Object.entries(CUES) as [SubjectMatter, { strong: RegExp; weak?: RegExp }][]) {
      const tally = (re: RegExp | undefined, weight: number) => {
        if (!re) return;
        for (const m of s.folded.matchAll(re)) {
          const entry = scores.get(domain) ?? { score: 0, first: s.start + m.index, evidence: '' };
          entry.score += weight;
          if (!entry.evidence) entry.evidence = s.raw.slice(m.index, m.index + m[0].length);
          scores.set(domain, entry);
        }
      };
      tally(cue.strong, 2);
      tally(cue.weak, 1);
    }
  }
  const ranked = [...scores.entries()]
    .filter(([, v]) => v.score >= 2)
    .sort((a, b) => b[1].score - a[1].score || a[1].first - b[1].first);
  if (ranked.length === 0) return undefined;
  const [best, info] = ranked[0];
  const second = ranked[1]?.[1].score ?? 0;
  const confidence = info.score >= 4 && info.score > second ? 0.8 : info.score > second ? 0.65 : 0.5;
  return { value: best, confidence, evidence: info.evidence };
}

/** Maps "medical", "Healthcare", "AUTONOMOUS_DRIVING", "e-commerce" to the enum. */
export function normalizeSubjectMatter(input: string): SubjectMatter | undefined {
  const upper = input.trim().toUpperCase().replace(/[\s-]+/g, '_');
  if (upper in CUES) return upper as SubjectMatter;
  const folded = input.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
  for (const [domain, cue] of Object.entries(CUES) as [SubjectMatter, { strong: RegExp }][]) {
    cue.strong.lastIndex = 0;
    if (cue.strong.test(folded)) {
      cue.strong.lastIndex = 0;
      return domain;
    }
  }
  return undefined;
}
