/**
 * Payment type, rate, range and currency. Each money mention found by money.ts is classified by
 * the words right after it ("/hr", "per image", "fixed") or right before it ("hourly rate:",
 * "pay per page", "budget of"); then one mention is chosen and the rest are checked for conflicts.
 *
 * Decisions (docs/job-extraction.md "Payment"):
 * - A range ("$20-30/hour") sets the price field to the lower bound and `budgetRange` to {min, max}.
 * - Pay per unit of *data* ("$30 per audio hour", "5 cents per word") is PAY_PER_LABEL.
 * - Amounts are kept in the stated currency; non-USD gets a `non_usd_currency` warning.
 * - Per day/week/month/year salaries are not a payment type here: `unsupported_rate_unit`.
 */
import { findMoney, type MoneyMention } from './money';
import type { Sentence } from './text';
import type { Currency, ExtractionWarning, Finding, PaymentType } from './types';

type Unit = 'HOUR' | 'LABEL' | 'FIXED' | 'PERIOD' | 'UNKNOWN';
interface Classified {
  mention: MoneyMention;
  unit: Unit;
  /** The unit came from an explicit word next to the amount (not guessed). */
  explicit: boolean;
  /** FIXED that came from the word "budget" (may be a cap next to an hourly rate). */
  budgetOnly: boolean;
}

const LABEL_NOUNS = `(?:labels?|images?|imgs?|photos?|pictures?|frames?|items?|tasks?|documents?|docs?|annotations?|words?|clips?|files?|pages?|sentences?|reviews?|comparisons?|records?|samples?|sessions?|units?|box(?:es)?|bbox(?:es)?|polygons?|utterances?|transcripts?|tweets?|posts?|comments?|questions?|prompts?|responses?|conversations?|videos?|submissions?|hits?|entit(?:y|ies)|recordings?|rows?|minutes?|mins?|pieces?|quer(?:y|ies)|scans?|emails?|objects?|rankings?|ratings?|judge?ments?|pairs?|texts?|articles?|segments?|masks?|keypoints?|shapes?|tareas?|imagen(?:es)?|palabras?|documentos?|fotos?|archivos?|frases?|taches?|mots?|bild(?:er)?|wort|worter|aufgaben?|dokumente?|satz|tarefas?|imagens?|imagem|palavras?|comparacion(?:es)?|comparaisons?|avis)`;

/** After "per": any noun that is not a time unit counts as a unit of work ("per scene", "per audio file"). */
const ANY_UNIT_NOUN = String.raw`(?!(?:hours?|hrs?|h|hora|horas|stunde|std|heure|day|days|week|weeks|wk|month|months|mo|year|years|yr|annum|dia|semana|mes|ano|tag|woche|monat|jahr|jour|semaine|mois|person|head|month)(?![\p{L}]))[\p{L}][\p{L}-]*(?![\p{L}])`;
const LEAD = String.raw`^\s*(?:\([\p{L}$€£]{1,5}\)\s*)?`;
const AFTER: [Unit, RegExp][] = [
  [
    'LABEL',
    new RegExp(
      String.raw`${LEAD}(?:(?:/|per|por|pro|par|each|a|an)\s*(?:audio|recorded|transcribed|finished|completed|video)\s*(?:hour|hr|minute|min)s?(?![\p{L}])|(?:per|/|por|pro|par|al|a la)\s*(?:hour|minute|hora|minuto|stunde|heure|ora)\s+(?:of|de|di|d')\s*(?:audio|recordings?|video|speech|grabacion|gravacao))`,
      'u',
    ),
  ],
  [
    'HOUR',
    new RegExp(
      String.raw`${LEAD}(?:(?:/\s*|per\s+|an?\s+|each\s+|por\s+|pro\s+|par\s+|la\s+|the\s+|de l'|a la\s+)(?:hour|hr|hrs|h|hora|stunde|std\.?|heure)(?![\p{L}])|(?:all['’]\s*|l['’]\s*|all\s+|per\s+|a\s+)ora(?![\p{L}])|hourly(?![\p{L}]))`,
      'u',
    ),
  ],
  [
    'PERIOD',
    new RegExp(
      String.raw`${LEAD}(?:(?:/\s*|per\s+|an?\s+|al\s+|por\s+|pro\s+|par\s+)(?:day|week|wk|month|mo|year|yr|annum|dia|semana|mes|ano|tag|woche|monat|jahr|jour|semaine|mois|an)(?![\p{L}])|(?:monthly|weekly|daily|annually|p\.a\.))`,
      'u',
    ),
  ],
  [
    'LABEL',
    new RegExp(
      String.raw`${LEAD}(?:(?:/\s*|each\s+|an?\s+|je\s+|la\s+)(?:[\p{L}-]+\s+){0,2}?${LABEL_NOUNS}(?![\p{L}])|(?:per|por(?:\s+cada)?|pro|par)\s+(?:[\p{N}][\p{N}.,]*k?\s+)?(?:[\p{L}-]+\s+){0,2}?${ANY_UNIT_NOUN}|each(?![\p{L}])|apiece|a pop|la pieza|pro stuck)`,
      'u',
    ),
  ],
  [
    'FIXED',
    new RegExp(
      String.raw`${LEAD}(?:fixed|flat|total|in total|all[- ]in|lump[- ]?sum|one[- ]off|for the (?:whole|entire|full|complete)\s|for (?:the )?(?:whole |entire )?(?:project|batch|job|dataset|engagement|gig)(?![\p{L}])|for the \d+[- ](?:day|week|month)|pauschal|fijo|fixo|forfait|au total|en total|no total|insgesamt|fur das gesamtprojekt|para (?:todo )?el proyecto|pour (?:tout )?le projet)`,
      'u',
    ),
  ],
];

const CONNECT = String.raw`(?:\s+(?:of|de|von|is|was|will be|around|about|approx\.?|approximately|roughly|up to|ca\.?|~|:|total|set at|at))*\s*[:~=]?\s*`;
const BEFORE: [Unit, RegExp][] = [
  [
    'HOUR',
    new RegExp(
      `(?:hourly(?: rate| pay| wage)?|per hour|rate per hour|pay per hour|stundenlohn|stundensatz|tarifa por hora|pago por hora|taux horaire|valor por hora)${CONNECT}$`,
      'u',
    ),
  ],
  ['LABEL', new RegExp(String.raw`(?:per|/|je|por|par|pro)\s+(?:[\p{L}-]+\s+)?${ANY_UNIT_NOUN}${CONNECT}$`, 'u')],
  [
    'FIXED',
    new RegExp(
      `(?:fixed[- ]price|fixed fee|fixed|flat fee|flat rate|flat|lump sum|one[- ]off payment|pauschal|festpreis|pauschalpreis|pago fijo|precio fijo|prix fixe|forfait|preco fixo|valor fixo)${CONNECT}$`,
      'u',
    ),
  ],
];
const BUDGET_BEFORE = new RegExp(
  String.raw`(?:budget|total budget|gesamtbudget|presupuesto|orcamento|budget total)(?:\s+(?:for|of|de)\s+(?:the\s+)?(?:project|job|batch))?${CONNECT}$`,
  'u',
);
const HOURLY_SENTENCE = /\b(?:hourly|per hour|an hour|por hora|pro stunde|stundenlohn|de l'heure|all'ora|l'ora)\b/;
const RATE_SENTENCE = /\b(?:rate|wage|tarifa|tarif|satz)\b/;
const FIXED_SENTENCE = /\b(?:budget|total|fixed|flat|pauschal|presupuesto|fijo|forfait)\b/;

function classify(mention: MoneyMention): Classified {
  const text = mention.sentence.folded;
  const after = text.slice(mention.end, mention.end + 50);
  const before = text.slice(Math.max(0, mention.index - 50), mention.index);
  for (const [unit, re] of AFTER) {
    if (re.test(after)) return { mention, unit, explicit: true, budgetOnly: false };
  }
  for (const [unit, re] of BEFORE) {
    if (re.test(before)) return { mention, unit, explicit: true, budgetOnly: false };
  }
  if (BUDGET_BEFORE.test(before)) return { mention, unit: 'FIXED', explicit: true, budgetOnly: true };
  return { mention, unit: 'UNKNOWN', explicit: false, budgetOnly: false };
}

export interface PaymentExtraction {
  paymentType?: Finding<PaymentType>;
  /** Value for the price field that matches `paymentType` (pricePerHour / pricePerLabel / fixedPrice). */
  price?: Finding<number>;
  budgetRange?: Finding<{ min: number; max: number }>;
  currency?: Finding<Currency>;
  warnings: ExtractionWarning[];
}

const TYPE_OF: Record<'HOUR' | 'LABEL' | 'FIXED', PaymentType> = {
  HOUR: 'PAY_PER_HOUR',
  LABEL: 'PAY_PER_LABEL',
  FIXED: 'FIXED_PRICE',
};

const quote = (c: Classified) => {
  const m = c.mention;
  return m.sentence.raw.slice(m.index, Math.min(m.sentence.raw.length, m.end + 14)).trim();
};

function guessUnit(c: Classified): { unit: Unit; confidence: number } {
  const text = c.mention.sentence.folded;
  if (HOURLY_SENTENCE.test(text)) return { unit: 'HOUR', confidence: 0.6 };
  if (FIXED_SENTENCE.test(text)) return { unit: 'FIXED', confidence: 0.55 };
  if (RATE_SENTENCE.test(text) && c.mention.amount < 200) return { unit: 'HOUR', confidence: 0.45 };
  if (c.mention.amount >= 100) return { unit: 'FIXED', confidence: 0.4 };
  if (c.mention.amount < 1) return { unit: 'LABEL', confidence: 0.4 };
  return { unit: 'UNKNOWN', confidence: 0 };
}

/**
 * The payment type named in words when no amount is attached ("hourly", "fixed price"), for a
 * structured rate that arrived without a type. Undefined when none or several are named.
 */
export function paymentTypeFromWords(folded: string): PaymentType | undefined {
  const found = new Set<PaymentType>();
  if (/\b(?:hourly|per hour|an hour|by the hour|stundenlohn|por hora)\b/.test(folded)) found.add('PAY_PER_HOUR');
  if (/\b(?:per (?:label|image|item|task|word|document|annotation)|piece[\s-]?rate|per unit)\b/.test(folded)) found.add('PAY_PER_LABEL');
  if (/\b(?:fixed[\s-]price|fixed budget|flat fee|flat rate|lump[\s-]?sum|festpreis|pauschal|precio fijo)\b/.test(folded)) found.add('FIXED_PRICE');
  return found.size === 1 ? [...found][0] : undefined;
}

/** Payment fields from the sentences of a posting (`folded` is the whole folded text). */
export function extractPayment(sentences: readonly Sentence[], folded: string): PaymentExtraction {
  const warnings: ExtractionWarning[] = [];
  const classified = findMoney(sentences, folded).map((m) =>
    m.unitInMatch ? { mention: m, unit: m.unitInMatch as Unit, explicit: true, budgetOnly: false } : classify(m),
  );
  for (const c of classified.filter((x) => x.unit === 'PERIOD')) {
    warnings.push({
      code: 'unsupported_rate_unit',
      field: 'paymentType',
      message: `"${quote(c)}" is a per-day/week/month/year amount; OpenTrain pays per hour, per label or a fixed price.`,
    });
  }
  const typed = classified.filter((c) => c.unit === 'HOUR' || c.unit === 'LABEL' || c.unit === 'FIXED');
  let primary: Classified | undefined;
  let typeConfidence = 0.9;
  if (typed.length > 0) {
    const firm = typed.filter((c) => !c.budgetOnly);
    primary = firm[0] ?? typed[0];
  } else {
    const unknown = classified.find((c) => c.unit === 'UNKNOWN');
    if (unknown) {
      const guess = guessUnit(unknown);
      if (guess.unit === 'UNKNOWN') {
        warnings.push({
          code: 'payment_type_inferred',
          field: 'paymentType',
          message: `Found "${quote(unknown)}" but not whether it is per hour, per label or a fixed price.`,
        });
        return { warnings };
      }
      primary = { ...unknown, unit: guess.unit };
      typeConfidence = guess.confidence;
      warnings.push({
        code: 'payment_type_inferred',
        field: 'paymentType',
        message: `Read "${quote(unknown)}" as ${TYPE_OF[guess.unit as 'HOUR']}; the posting does not say per hour, per label or fixed.`,
      });
    }
  }
  if (!primary) return { warnings };

  const m = primary.mention;
  let priceConfidence = typeConfidence;
  for (const other of typed) {
    if (other === primary) continue;
    const o = other.mention;
    if (other.unit !== primary.unit) {
      if (other.budgetOnly || primary.budgetOnly) continue;
      typeConfidence = Math.min(typeConfidence, 0.5);
      warnings.push({
        code: 'conflicting_payment_types',
        field: 'paymentType',
        message: `The posting mentions both "${quote(primary)}" and "${quote(other)}"; using the first.`,
      });
    } else if (o.amount !== m.amount || o.amountMax !== m.amountMax) {
      const inside = m.amountMax !== undefined && o.amount >= m.amount && o.amount <= m.amountMax;
      if (inside) continue;
      priceConfidence = Math.min(priceConfidence, 0.5);
      warnings.push({
        code: 'conflicting_rates',
        field: 'paymentType',
        message: `Different rates are stated ("${quote(primary)}" and "${quote(other)}"); using the first.`,
      });
    }
  }

  const unit = primary.unit as 'HOUR' | 'LABEL' | 'FIXED';
  const evidence = quote(primary);
  const result: PaymentExtraction = {
    paymentType: { value: TYPE_OF[unit], confidence: typeConfidence, evidence },
    price: { value: m.amount, confidence: priceConfidence, evidence },
    warnings,
  };
  if (m.amountMax !== undefined) {
    result.budgetRange = { value: { min: m.amount, max: m.amountMax }, confidence: priceConfidence, evidence };
    warnings.push({
      code: 'rate_range',
      field: 'budgetRange',
      message: `A range was given (${m.amount}-${m.amountMax}); the price is set to the lower bound and budgetRange holds both.`,
    });
  }
  if (m.currency === undefined) {
    result.currency = { value: 'USD', confidence: 0.4, evidence };
    warnings.push({
      code: 'currency_assumed',
      field: 'currency',
      message: `No currency was written next to "${evidence}"; assuming USD.`,
    });
  } else {
    result.currency = { value: m.currency, confidence: m.dollarAmbiguous ? 0.55 : 0.95, evidence };
    if (m.dollarAmbiguous) {
      warnings.push({
        code: 'ambiguous_currency',
        field: 'currency',
        message: `"${evidence}" uses a dollar sign and the posting mentions a non-US dollar country; read as USD.`,
      });
    }
    if (m.currency !== 'USD') {
      warnings.push({
        code: 'non_usd_currency',
        field: 'currency',
        message: `The rate is in ${m.currency}; OpenTrain settles in USD, so confirm or convert the amount before publishing.`,
      });
    }
  }
  return result;
}
