import type { XmlElement } from './xml';
import { child, descendants } from './xml';

// What a dossier is about, in words a consultant recognises: the subject's name (mixture, substance or
// article), its trade names and, for PCN, the countries it is placed on the market in. Element names
// are matched by local name, as in identifiers.ts. Seen in the real IUCLID export (shared/fixtures):
// SUBSTANCE/ChemicalName, and SUBSTANCE/OtherNames/entry/{NameType/value, Name} with NameType 9168 on
// every trade name it lists. MIXTURE/MixtureName and ARTICLE/Identifiers/ArticleName follow the same
// pattern; the PCN header's market placement is read from any <MarketPlacement>-like element's
// <Country>/<value> texts, the layout our PCN fixtures use (the format is not published in a form we
// could verify). Every string comes from an untrusted file: it is cleaned and bounded here.

export const FACT_BOUNDS = {
  /** Characters of a subject name (a REACH substance name with its description runs to ~170). */
  nameChars: 300,
  tradeNames: 50,
  tradeNameChars: 200,
  countries: 60,
  countryChars: 64,
  /** OtherNames entries looked at, whatever a hostile file lists. */
  entriesScanned: 2000,
} as const;

const SUBJECT_NAME_ELEMENTS = ['MixtureName', 'ChemicalName', 'ArticleName'] as const;
const OTHER_NAMES = /^(othernames|tradenames?)$/i;
const MARKET = /^(marketplacement|marketareas?|markets?|marketcountries|countriesofmarketplacement)$/i;
const COUNTRY = /^(country|countries|memberstate|value)$/i;
/** NameType of a trade name: the phrase code IUCLID writes (9168 in the real export) or the words. */
const TRADE_NAME_TYPE = /^(9168|trade ?name)$/i;

/**
 * One line of plain text: control and format characters (bidi overrides, zero-width joiners) dropped,
 * whitespace runs made one space, cut at `max` characters with an ellipsis. Null when nothing is left.
 */
export function cleanText(raw: string | null | undefined, max: number): string | null {
  if (typeof raw !== 'string' || raw === '') return null;
  const text = raw
    .slice(0, max * 4)
    .normalize('NFC')
    .replace(/[\p{Cc}\u2028\u2029]/gu, ' ')
    .replace(/\p{Cf}/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
  if (text === '') return null;
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/** The subject document's own name field, else null (the caller falls back to the manifest's name). */
export function subjectNameOf(content: XmlElement | null): string | null {
  if (!content) return null;
  for (const name of SUBJECT_NAME_ELEMENTS) {
    const direct = child(content, name) ?? child(child(content, 'Identifiers'), name);
    const text = cleanText(direct?.text, FACT_BOUNDS.nameChars);
    if (text) return text;
  }
  return null;
}

function picklistText(field: XmlElement | null): string | null {
  if (!field) return null;
  return child(field, 'other')?.text || child(field, 'value')?.text || field.text || null;
}

/**
 * Trade names from the subject's OtherNames: entries typed as trade name, or with no type given.
 * Distinct (case-insensitive), in file order, without the subject name itself, at most FACT_BOUNDS.tradeNames.
 */
export function tradeNamesOf(content: XmlElement | null, subjectName: string | null): string[] {
  if (!content) return [];
  const seen = new Set<string>(subjectName ? [subjectName.toLocaleLowerCase()] : []);
  const out: string[] = [];
  let scanned = 0;
  for (const list of descendants(content)) {
    if (!OTHER_NAMES.test(list.local)) continue;
    for (const entry of list.children) {
      if (++scanned > FACT_BOUNDS.entriesScanned || out.length >= FACT_BOUNDS.tradeNames) return out;
      const type = picklistText(child(entry, 'NameType'));
      if (type !== null && !TRADE_NAME_TYPE.test(type.trim())) continue;
      const name = cleanText(child(entry, 'Name')?.text ?? (entry.children.length === 0 ? entry.text : null), FACT_BOUNDS.tradeNameChars);
      if (!name || seen.has(name.toLocaleLowerCase())) continue;
      seen.add(name.toLocaleLowerCase());
      out.push(name);
    }
  }
  return out;
}

/** Countries of market placement written in a dossier header: distinct, upper-cased codes as given. */
export function marketCountriesOf(header: XmlElement | null): string[] {
  if (!header) return [];
  const out = new Set<string>();
  for (const market of descendants(header)) {
    if (!MARKET.test(market.local)) continue;
    for (const el of descendants(market)) {
      if (el === market || !COUNTRY.test(el.local) || el.children.length > 0) continue;
      const country = cleanText(el.text, FACT_BOUNDS.countryChars);
      if (country) out.add(/^[a-z]{2}$/i.test(country) ? country.toUpperCase() : country);
      if (out.size >= FACT_BOUNDS.countries) return [...out];
    }
  }
  return [...out];
}
