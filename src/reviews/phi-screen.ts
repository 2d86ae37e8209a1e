import { FieldError } from '../common/problem';
import { fold } from './author-name';

/** Phrases that, in a public reply, tell readers something about the client's health or visits. */
const PHRASES = [
  'your diagnosis',
  'you were diagnosed',
  'your visit on',
  'your appointment on',
  'your session on',
  'your treatment plan',
  'your treatment for',
  'your condition',
  'your symptoms',
  'your medication',
  'your medical',
  'your prescription',
  'your injury',
  'your surgery',
];

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DATES = [
  /\b\d{4}-\d{1,2}-\d{1,2}\b/,
  /\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b/,
  new RegExp(`\\b(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?\\b`),
  new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})\\b`),
];

export interface PhiContext {
  /** The client's full name as registered; each part of two or more letters counts. */
  clientName: string;
  /** Condition names and synonyms from the taxonomy: "your sciatica" discloses as much as "your condition". */
  conditionTerms: string[];
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const word = (term: string): RegExp => new RegExp(`(?<![\\p{L}\\p{N}])${escape(term)}(?![\\p{L}\\p{N}])`, 'u');

/** Finds what in a reply may disclose personal health information; an empty list means it can be published. */
export function screenReply(body: string, context: PhiContext): FieldError[] {
  const text = fold(body).replace(/\s+/g, ' ');
  const findings: FieldError[] = [];
  const names = [
    ...new Set(
      fold(context.clientName)
        .split(/[^\p{L}\p{N}'-]+/u)
        .filter((n) => n.length >= 2),
    ),
  ];
  for (const name of names.filter((n) => word(n).test(text))) {
    findings.push({ field: 'body', message: `mentions the client's name ("${name}")` });
  }
  for (const phrase of PHRASES.filter((p) => word(p).test(text))) {
    findings.push({
      field: 'body',
      message: `contains "${phrase}", which can disclose the client's health information`,
    });
  }
  const conditions = [...new Set(context.conditionTerms.map(fold))].filter((t) => t.length >= 3);
  for (const term of conditions.filter((t) => word(`your ${t}`).test(text))) {
    findings.push({ field: 'body', message: `mentions the client's condition ("your ${term}")` });
  }
  const date = DATES.map((re) => re.exec(text)?.[0]).find(Boolean);
  if (date) {
    findings.push({
      field: 'body',
      message: `contains a date ("${date}"), which can reveal when the client was treated`,
    });
  }
  return findings;
}
