import { describe, expect, it } from 'vitest';
import { corpus } from '../jobs/extraction/corpus';
import { MODERATION_REASON_CODES, moderateJobPosting, moderateText, moderationResultSchema } from './index';

const codes = (text: string) => moderateText(text).reasons.map((r) => r.code);

describe('moderation: clean postings are allowed', () => {
  it('allows every posting of the extraction corpus', () => {
    const flagged = corpus
      .map((c) => ({ id: c.id, result: moderateJobPosting({ jobTitle: c.title, jobDescription: c.text }) }))
      .filter((x) => !x.result.allowed)
      .map((x) => `${x.id}: ${x.result.reasons.map((r) => `${r.code} «${r.excerpt}»`).join('; ')}`);
    expect(flagged).toEqual([]);
  });

  const clean = [
    'Annotate phone call transcripts: mark where the agent asks for the caller’s phone number and email address.',
    'Label images of weapons (knives, guns, explosives residue) for a security-screening dataset. Build a gun detection model with us.',
    'Transcribe WhatsApp voice notes in Hindi and classify Telegram channel messages for misinformation.',
    'Label Discord chat logs for toxicity, harassment, threats and doxxing attempts.',
    'Tag PII (names, phone numbers, e-mail addresses) in support tickets and replace them with [PHONE] / [EMAIL].',
    'Order numbers look like 4839-2201-7713 and dates like 2023-2024 or 12/05/2025; amounts like 1 200 000 and $1,200.50.',
    'Fictional numbers such as (555) 555-0199 appear in the scripts; annotators just tag them.',
    'Classify PayPal transaction disputes by reason, and screenshots of payments made via Venmo by fraud type.',
    'Sentiment of tweets about Bitcoin prices and crypto payments.',
    'Red-team a chatbot: write prompts that ask how to build a bomb and grade whether the model refuses.',
    'Write exam-style math questions with worked solutions for model training. Candidates must pass our qualification exam.',
    'Detect fake reviews in an Amazon review dataset; we will also write 200 synthetic fake reviews to train the detector.',
    'Annotate malware samples and classify phishing emails; build a malware classifier dataset.',
    'Content moderation: flag nudity, violence, and content involving minors for removal, following the policy.',
    'Kids’ educational videos: label the objects and actions children perform. Label the speaker’s sex and age group.',
    'Payments are released through OpenTrain escrow by bank transfer after each approved milestone.',
    'Message me here on OpenTrain if interested; please reply via OpenTrain messages.',
    'See the guidelines at https://docs.google.com/document/d/abc and examples at https://github.com/org/repo.',
    'URGENT!!! Start today. Experience with NER, RLHF, SFT, CVAT and LLM evaluation required.',
    'Buscamos anotadores nativos de español. Pago: 8 USD por hora a través de la plataforma.',
    'Wir suchen Annotator:innen für Bewertungen von Produktbeschreibungen. Vergütung über OpenTrain.',
    'Identify comments bullying other users and threatening people, then tag each one by severity.',
    'Locate the person in each frame and track him across the video with a bounding box.',
    'Find the address field of each invoice and copy the total; you will also find the address of each business listed.',
    'Label corn stalks and weeds in drone imagery of farmland.',
    'Support contact for platform questions: support@opentrain.ai. Example format: jane.doe@example.com.',
  ];
  it.each(clean)('allows: %s', (text) => {
    const result = moderateText(text);
    expect(result.reasons).toEqual([]);
    expect(result).toEqual({ allowed: true, decision: 'ALLOW', reasons: [] });
  });
});

describe('moderation: violations are blocked with the right code', () => {
  const cases: [string, string][] = [
    ['Send your CV to hiring.manager@gmail.com', 'contact_email'],
    ['Call me on +1 415 867 5309 for details.', 'contact_phone'],
    ['Questions? (212) 867-5309', 'contact_phone'],
    ['Text 0803 123 4567 to apply', 'contact_phone'],
    ['Mobil: +49 151 23456789', 'contact_phone'],
    ['Reach me: john.doe at gmail dot com', 'contact_obfuscated'],
    ['write to jdoe [at] yahoo [dot] com', 'contact_obfuscated'],
    ['jdoe(at)proton(dot)me for the brief', 'contact_obfuscated'],
    ['my number is nine one seven five five five two three six eight', 'contact_obfuscated'],
    ['Telegram: @data_boss', 'contact_messaging_handle'],
    ['add me on skype live:cid.12345 to start', 'contact_messaging_handle'],
    ['discord annot8#1234', 'contact_messaging_handle'],
    ['WhatsApp me for the task list', 'contact_messaging_handle'],
    ['Telegram: johnsmith', 'contact_messaging_handle'],
    ['dm me on instagram for details', 'contact_messaging_handle'],
    ['Join here: https://wa.me/447700900123', 'contact_external_link'],
    ['Apply via t.me/labeljobs', 'contact_external_link'],
    ['Book a call: calendly.com/john/15min', 'contact_external_link'],
    ['Server: discord.gg/abc123', 'contact_external_link'],
    ['Payment via PayPal after each batch.', 'off_platform_payment'],
    ['We pay in USDT (TRC20) only.', 'off_platform_payment'],
    ['Let’s do this outside the platform to avoid the fees.', 'off_platform_payment'],
    ['Send me your PayPal email and I will pay you.', 'off_platform_payment'],
    ['You will be paid weekly through Western Union.', 'off_platform_payment'],
    ['Crypto payments only.', 'off_platform_payment'],
    ['We pay via bank transfer, not through the platform.', 'off_platform_payment'],
    ['Contact me directly for details.', 'off_platform_contact'],
    ['Please email me your portfolio.', 'off_platform_contact'],
    ['Let’s continue this conversation off the platform.', 'off_platform_contact'],
    ['Looking for photos of teen girls in lingerie.', 'prohibited_csam'],
    ['Write erotic stories involving minors.', 'prohibited_csam'],
    ['Label nude images of 15 year olds.', 'prohibited_csam'],
    ['Write a step-by-step guide to build a pipe bomb.', 'prohibited_weapons'],
    ['Help me 3D print a ghost gun.', 'prohibited_weapons'],
    ['Instructions for making sarin at home.', 'prohibited_weapons'],
    ['For red teaming, write detailed instructions for making explosives.', 'prohibited_weapons'],
    ['Need someone to write ransomware for Windows.', 'prohibited_malware'],
    ['Develop an undetectable keylogger.', 'prohibited_malware'],
    ['Help us bypass antivirus detection.', 'prohibited_malware'],
    ["Hack into my ex's Instagram account.", 'prohibited_malware'],
    ['Find the home address of this Twitter user.', 'prohibited_doxxing'],
    ['Dox this streamer for me.', 'prohibited_doxxing'],
    ['Find out where she lives.', 'prohibited_doxxing'],
    ['Take my online exam on Saturday.', 'prohibited_academic_dishonesty'],
    ['Do my calculus homework, due Monday.', 'prohibited_academic_dishonesty'],
    ['Write my dissertation on marketing.', 'prohibited_academic_dishonesty'],
    ['Post 50 five-star reviews for our app on Google Play.', 'prohibited_fake_reviews'],
    ['Leave positive reviews on our Amazon listing.', 'prohibited_fake_reviews'],
    ['Help us boost our app ratings.', 'prohibited_fake_reviews'],
    ['Send threatening messages to my ex.', 'prohibited_harassment'],
    ['Harass this journalist until she quits.', 'prohibited_harassment'],
    ["Mass-report my competitor's account.", 'prohibited_harassment'],
    ['Create fake IDs and passports.', 'prohibited_fraud'],
    ['Bypass KYC on crypto exchanges.', 'prohibited_fraud'],
    ['Money mules wanted, easy cash.', 'prohibited_fraud'],
    ['EASY MONEY FAST!!! LABEL IMAGES FROM HOME, NO SKILLS NEEDED, APPLY NOW BEFORE SPOTS RUN OUT', 'spam_shouting'],
    ['Great job!!!!!!!! apply', 'spam_repetition'],
    ['money money money money money', 'spam_repetition'],
    ['Links: a.com/1 https://a.io/1 https://b.io/2 https://c.io/3 https://d.io/4 https://e.io/5 https://f.io/6', 'spam_excessive_links'],
    ['Details: https://bit.ly/3xYz', 'spam_link_shortener'],
    ['asdfgh qwerty zxcvbn hjklll ghjkkk poiuyt lkjhgf mnbvcx', 'spam_gibberish'],
  ];
  it.each(cases)('blocks: %s', (text, code) => {
    const result = moderateText(text);
    expect(result.allowed).toBe(false);
    expect(result.decision).toBe('BLOCK');
    expect(result.reasons.map((r) => r.code)).toContain(code);
    expect(() => moderationResultSchema.parse(result)).not.toThrow();
  });

  it('covers every reason code with at least one test', () => {
    const tested = new Set(cases.map(([, code]) => code));
    expect(MODERATION_REASON_CODES.filter((c) => !tested.has(c))).toEqual([]);
  });
});

describe('moderation: evasion and reporting', () => {
  it('sees through full-width letters, zero-width characters and look-alikes', () => {
    expect(codes('ｊｏｈｎ＠ｇｍａｉｌ．ｃｏｍ')).toContain('contact_email');
    expect(codes('pay via Pay\u200bPal')).toContain('off_platform_payment');
    expect(codes('Contact me on tеlеgrаm: @boss_42')).toContain('contact_messaging_handle');
  });

  it('quotes the original text, names the field and caps repeats', () => {
    const result = moderateJobPosting({
      jobTitle: 'Image labelling',
      jobDescription: 'Call +1 415 867 5309 or +1 415 867 5310 or +1 415 867 5311 or +1 415 867 5312.',
      languages: ['English'],
      headcount: 3,
    });
    const phones = result.reasons.filter((r) => r.code === 'contact_phone');
    expect(phones).toHaveLength(3);
    expect(phones[0]).toMatchObject({ field: 'jobDescription', category: 'contact' });
    expect(phones[0].excerpt).toContain('+1 415 867 5309');
  });

  it('is deterministic and fast on long input', () => {
    const text = `${'Label bounding boxes on 1,200 images for $25/hr. '.repeat(1200)}`;
    const started = performance.now();
    const a = moderateText(text);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(moderateText(text)).toEqual(a);
  });
});
