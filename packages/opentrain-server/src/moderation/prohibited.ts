/**
 * Prohibited or unsafe work. Each rule needs an *act* aimed at a *harm*, close together in one
 * sentence; naming a harmful subject as data to label is allowed:
 *   allowed  "label images of weapons for a security-screening dataset", "classify phishing
 *            emails", "annotate malware samples", "flag harassment in comments",
 *            "write exam-style questions for model training", "detect fake reviews"
 *   blocked  "how to build a pipe bomb", "write ransomware", "find the home address of this
 *            streamer", "take my online exam", "post 5-star reviews for our app",
 *            "send threatening messages to my ex", sexual content involving minors.
 * Sexual content involving minors is zero-tolerance: blocked whatever the stated purpose, except
 * when a moderation guideline lists the two as separate categories ("flag nudity, violence, and
 * content involving minors").
 * Red-teaming postings may name weapon topics as prompts to test refusals; they are blocked only
 * when workers are asked to write the harmful instructions themselves.
 */
import { type NormalizedText, sentenceSpans } from './normalize';
import type { Hit, ModerationReasonCode } from './types';

const R = (source: string) => new RegExp(source, 'g');

const MINOR = String.raw`\b(?:child|children|childrens|kid|kids|minor|minors|underage|under[\s-]?age|preteens?|pre[\s-]teens?|teens?|teenagers?|young (?:girls?|boys?)|little (?:girls?|boys?)|schoolgirls?|schoolboys?|loli|lolita|shota|jailbait|(?:[1-9]|1[0-7])\s*(?:yo|y\/o|year[\s-]?olds?)|under\s*(?:1[0-8]|[1-9])\b|menores|ninos|ninas|minderjahrig\w*)\b`;
const SEXUAL = String.raw`\b(?:sexual\w*|sexually|sexy|sex (?:acts?|content|scenes?|videos?|images|photos|chat|work|toys?)|nudes?|naked|nudity|erotic\w*|porn\w*|nsfw|lewd|fetish\w*|explicit (?:content|images|photos|material|videos|pictures)|intimate (?:images|photos|videos|pictures)|onlyfans|seductive|provocative pos\w*|lingerie|desnud\w*|nackt\w*)\b`;
const MINOR_RE = R(MINOR);
const SEXUAL_RE = R(SEXUAL);
const MODERATION_FRAMING = /\b(?:flag|flagging|detect|remove|report|moderat\w*|classify|policy|policies|categor\w*|violations?)\b/;

const SYNTH = String.raw`(?:make|making|build|building|assemble|assembling|manufactur\w*|synthesi[sz]\w*|produce|producing|cook|cooking|3d[\s-]?print\w*|convert|converting|weaponi[sz]\w*|how to (?:make|build|create|get)|instructions (?:for|on|to) (?:making|building|creating)|recipes? for|step[\s-]by[\s-]step (?:guide|instructions) (?:for|to|on))`;
const QUALIFIERS = String.raw`(?:(?:a|an|the|your|own|homemade|home[\s-]made|simple|working|functional|real|live|small|large|improvised|untraceable|diy|powerful|lethal)\s+){0,3}`;
const WEAPON = String.raw`(?:pipe bombs?|bombs?|explosives?|ieds?|improvised explosive devices?|detonators?|grenades?|napalm|tatp|thermite|nerve agents?|sarin|vx gas|ricin|anthrax|chemical weapons?|bio[\s-]?weapons?|biological weapons?|dirty bombs?|nuclear weapons?|ghost guns?|untraceable (?:guns?|firearms?)|silencers?|suppressors?|auto sears?|full[\s-]auto(?: conversion| kits?)?|machine guns?|firearms?|guns?|rifles?|pistols?|meth(?:amphetamine)?|fentanyl)`;
const NOT_A_WEAPON_AFTER = String.raw`(?!\s+(?:detection|detector|classifier|classification|dataset|images?|photos?|model|recognition|spotting|safety|control|violence|laws?|policy|shows?|scanning|screening|labels?|annotation))`;
const WEAPONS_RE = R(String.raw`\b${SYNTH}\s+${QUALIFIERS}${WEAPON}\b${NOT_A_WEAPON_AFTER}`);
const RED_TEAM_FRAMING = /\b(?:refus\w*|red[\s-]?team\w*|jailbreak\w*|safety (?:eval\w*|test\w*)|adversarial|harmful (?:requests?|prompts?))\b/;
const PRODUCE_INSTRUCTIONS = /\b(?:write|provide|produce|draft|give)\s+(?:\w+\s+){0,2}(?:instructions|recipes?|steps|guides?|tutorials?)\b/;

const MALWARE = String.raw`(?:ransomware|keyloggers?|malware|trojans?|remote access trojans?|botnets?|viruses|virus|worms?|spyware|stalkerware|(?:info[\s-]?)?stealers?|crypters?|rootkits?|backdoors?|exploit kits?|zero[\s-]?day exploits?|phishing (?:kits?|pages?|sites?)|credential harvesters?|ddos (?:tools?|scripts?|attacks?|botnets?)|card(?:ing)? checkers?)`;
const NOT_RESEARCH_AFTER = String.raw`(?!\s+(?:classifier|classification|detection|detector|analysis|samples?|dataset|research|famil(?:y|ies)|labels?|traffic|signatures?|awareness|simulation training|scan|scans|scanner|protection|checks?|removal))`;
const MALWARE_RE = R(
  String.raw`\b(?:(?:write|writing|code|coding|develop|developing|build|building|create|creating|make|making|program|deploy|deploying|spread|spreading|sell|selling)\s+(?:(?:a|an|the|some|my|custom|simple|undetectable|fud|new|working|own|private)\s+){0,3}${MALWARE}\b${NOT_RESEARCH_AFTER}|(?:bypass|evade|evading|bypassing|disable|disabling)\s+(?:\w+\s+){0,2}(?:antivirus|anti-virus|edr|windows defender|av detection)|\bfud (?:crypter|payload|malware)|hack(?:ing)?\s+(?:into\s+)?(?:someone'?s?|my (?:ex|wife|husband|girlfriend|boyfriend)'?s?|an?|his|her|their|this)\s+(?:\w+\s+)?(?:account|instagram|facebook|email|phone|whatsapp|snapchat|wifi)|(?:steal|stealing|harvest\w*)\s+(?:\w+\s+){0,2}(?:passwords|credentials|cookies|credit cards?|logins|session tokens))`,
);

const TARGET = String.raw`(?:person|people|individual|guy|girl|woman|man|user|users|account|accounts|anonymous|ex|ex-\w+|girlfriend|boyfriend|wife|husband|neighbou?r|coworker|co-worker|colleague|streamer|influencer|journalist|critic|reviewer|someone|somebody|him|her|them|teacher|boss|family)`;
const DETERMINER = String.raw`(?:(?:a|an|the|this|that|my|his|her|their|some|these|those)\s+)?`;
const DOXXING_RE = R(
  String.raw`\bdox(?:x)?(?:ing|ed|es)?\s+${DETERMINER}(?:\w+\s+)?${TARGET}\b|\b(?:find|locate|track down|uncover|reveal|expose|get|dig up)\s+(?:out\s+)?(?:the\s+|his\s+|her\s+|their\s+)?(?:home\s+|real\s+|current\s+|physical\s+|personal\s+|private\s+)?(?:address(?:es)?|location|identit(?:y|ies)|phone numbers?|workplace|real names?|personal (?:info|information|details)|family members)\s+(?:of|for|behind)\s+${DETERMINER}(?:\w+\s+)?${TARGET}\b|\b(?:track down|stalk)\s+${DETERMINER}(?:ex|person|guy|girl|woman|man|someone|him|her|them)\b|\bfind (?:out )?where (?:he|she|they) (?:lives?|works?)\b|\b(?:unmask|de-?anonymi[sz]e|identify who is behind)\s+${DETERMINER}(?:anonymous\s+)?(?:account|user|profile|person|poster)\b`,
);

const ACADEMIC_RE = R(
  String.raw`\b(?:do|complete|take|write|finish|pass|attend)\s+my\s+(?:\w+\s+){0,2}(?:exams?|tests?|quiz(?:zes)?|homework|assignments?|coursework|thesis|dissertation|essays?|online class(?:es)?|online courses?|classes|midterms?|finals?|proctored exams?|lab reports?|capstone|certification exams?)\b|\b(?:take|sit)\s+(?:the|an?|my)\s+(?:\w+\s+)?(?:exam|test|quiz)\s+(?:for|on behalf of|in place of|instead of)\s+(?:me|us|my|a student)\b|\bpay (?:someone|you) to (?:take|do|write) (?:my|an?|the) (?:exam|test|class|homework|essay|thesis)\b|\b(?:exam|test|quiz|homework) (?:taker|taking service|help (?:during|in real time))\b|\bghost[\s-]?writ\w*\s+(?:my|an?|the|our)\s+(?:thesis|dissertation|essay|paper|coursework)\b`,
);

const LABELLING_FRAMING = /\b(?:label\w*|classif\w*|identify\w*|flag\w*|detect\w*|annotat\w*|moderat\w*|tag\w*|categori[sz]\w*)\b/;
const SYNTHETIC_FRAMING = /\b(?:detect\w*|classif\w*|label\w*|annotat\w*|identify\w*|flag\w*|train\w*|dataset|synthetic|detector|model)\b/;
const FAKE_REVIEWS_RE = R(
  String.raw`\b(?:write|post|leave|create|generate|submit|buy|purchase|boost)\s+(?:\w+\s+){0,3}?(?:fake|5[\s-]star|five[\s-]star|positive|glowing)\s+(?:\w+\s+)?reviews\b|\b(?:write|post|leave|submit)\s+(?:\w+\s+){0,2}?reviews\s+(?:for|on|about)\s+(?:my|our)\b`,
);
const REVIEW_MANIPULATION_RE = R(
  String.raw`\b(?:review|rating)s? manipulation\b|\b(?:boost|inflate|pump up|pump)\s+(?:our|my|the)\s+(?:\w+\s+)?(?:ratings?|reviews|stars)\b|\b(?:upvote|downvote) (?:farm\w*|rings?)\b|\bsock[\s-]?puppet accounts?\b`,
);

const HARASS_VERB = String.raw`(?:harass|harassing|threaten|threatening|intimidate|intimidating|bully|bullying|cyberbully\w*|stalk|stalking|humiliate|humiliating|blackmail|blackmailing|extort|extorting|swat|swatting|mass[\s-]report\w*|brigad\w*|dogpile|dogpiling)`;
const HARASSMENT_RE = R(
  String.raw`\b${HARASS_VERB}\s+${DETERMINER}(?:[\w']+\s+){0,2}?${TARGET}\b|\bsend\s+(?:\w+\s+)?(?:threatening|abusive|harassing|hateful|intimidating|death)\s+(?:messages|emails|texts|dms|comments|threats)\b|\b(?:get|take)\s+revenge\s+on\b|\bruin\s+(?:his|her|their|this (?:person|guy|girl)'?s?)\s+(?:life|reputation|career)\b`,
);

const FRAUD_RE = R(
  String.raw`\b(?:make|create|produce|forge|generate|sell|buy|provide|print)\s+(?:\w+\s+){0,2}?(?:fake|forged|counterfeit|novelty)\s+(?:ids?|id cards?|passports?|driver'?s licen[cs]es?|diplomas?|degrees?|bank statements?|pay ?stubs?|utility bills?|documents?|money|banknotes|checks|cheques)\b|\b(?:bypass|pass|cheat|fool|spoof)\s+(?:\w+\s+){0,2}?(?:kyc|identity verification|id verification|liveness checks?|selfie verification|face verification)\b|\b(?:verified|aged|bulk|pva)\s+(?:\w+\s+)?accounts?\s+for\s+sale\b|\bsell(?:ing)?\s+(?:\w+\s+){0,2}?(?:verified|aged|pva)\s+accounts\b|\b(?:create|register|make)\s+(?:\d+\s+|hundreds of\s+|many\s+|multiple\s+|bulk\s+)?fake\s+accounts\b|\bmoney\s+mules?\b|\blaunder\w*\s+(?:the\s+)?(?:money|funds|crypto|proceeds)\b|\bphishing\s+(?:emails?|pages?|sites?|campaigns?|kits?)\s+(?:to|that)\s+(?:steal|collect|harvest|target)\b`,
);

interface Rule {
  code: ModerationReasonCode;
  re: RegExp;
  message: string;
  /** Skip a match when this returns true for its sentence. */
  allow?: (sentence: string) => boolean;
}

const RULES: Rule[] = [
  {
    code: 'prohibited_weapons',
    re: WEAPONS_RE,
    message: 'Asks for making weapons, explosives or dangerous substances.',
    allow: (s) => RED_TEAM_FRAMING.test(s) && !PRODUCE_INSTRUCTIONS.test(s),
  },
  { code: 'prohibited_malware', re: MALWARE_RE, message: 'Asks for malware, hacking or credential theft.' },
  { code: 'prohibited_doxxing', re: DOXXING_RE, message: "Asks to find or expose a person's private information." },
  { code: 'prohibited_academic_dishonesty', re: ACADEMIC_RE, message: "Asks someone to do another person's exams or coursework." },
  {
    code: 'prohibited_fake_reviews',
    re: FAKE_REVIEWS_RE,
    message: 'Asks for fake or paid reviews.',
    allow: (s) => SYNTHETIC_FRAMING.test(s),
  },
  { code: 'prohibited_fake_reviews', re: REVIEW_MANIPULATION_RE, message: 'Asks for review or rating manipulation.' },
  {
    code: 'prohibited_harassment',
    re: HARASSMENT_RE,
    message: 'Asks to harass, threaten or intimidate someone.',
    // "identify comments bullying other users" describes data; a request names its own target.
    allow: (s) => LABELLING_FRAMING.test(s) && !/\b(?:my|me|i want|i need)\b/.test(s),
  },
  { code: 'prohibited_fraud', re: FRAUD_RE, message: 'Asks for forged documents, identity-check evasion or account fraud.' },
];

function csam(t: string, span: { start: number; end: number }, out: Hit[]): void {
  const sentence = t.slice(span.start, span.end);
  const minors = [...sentence.matchAll(MINOR_RE)];
  const sexual = [...sentence.matchAll(SEXUAL_RE)];
  for (const m of minors) {
    for (const s of sexual) {
      const [a, b] = m.index < s.index ? [m, s] : [s, m];
      const gap = sentence.slice(a.index + a[0].length, b.index);
      if (gap.length > 80) continue;
      if (MODERATION_FRAMING.test(sentence) && /,|\bor\b|\band\b|\//.test(gap)) continue;
      out.push({
        code: 'prohibited_csam',
        start: span.start + a.index,
        end: span.start + b.index + b[0].length,
        message: 'Involves sexual content and minors. This is never allowed on OpenTrain.',
      });
      return;
    }
  }
}

export function findProhibited(n: NormalizedText): Hit[] {
  const hits: Hit[] = [];
  const t = n.text;
  for (const span of sentenceSpans(t)) {
    const sentence = t.slice(span.start, span.end);
    csam(t, span, hits);
    for (const rule of RULES) {
      rule.re.lastIndex = 0;
      for (const m of sentence.matchAll(rule.re)) {
        if (rule.allow?.(sentence)) continue;
        hits.push({ code: rule.code, start: span.start + m.index, end: span.start + m.index + m[0].length, message: rule.message });
      }
    }
  }
  return hits;
}
