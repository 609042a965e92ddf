import type { XmlElement } from './xml';
import { child, descendants } from './xml';

// Identifiers inside document content. The SCIP element names are those of ECHA's ARTICLE schema
// (ARTICLE/Identifiers/PrimaryArticleIdentifierType|Value). For PCN, the exact location of the PCN
// number and UFIs varies between PCN format versions and is not published in a form we could verify,
// so we look for elements *named* like them anywhere in the content: <PCNNumber>/<PcnNumber>/
// <PCN_NUMBER>, and <UFI>/<UFIs>/<Ufi>/<UniqueFormulaIdentifier>. A UFI element's own text, or the
// text of its <value> children (picklist-style fields), is a UFI candidate.

const UFI_ELEMENT = /^(ufis?|uniqueformulaidentifiers?)$/i;
const PCN_NUMBER_ELEMENT = /^pcn_?number$/i;

/** Cheap test on raw XML text: could this document hold any identifier we extract? */
export function mayHoldIdentifiers(xmlText: string): boolean {
  return /ufi|uniqueformulaidentifier|pcn_?number|primaryarticleidentifier/i.test(xmlText);
}

export function findUfiTexts(content: XmlElement): string[] {
  const found: string[] = [];
  for (const el of descendants(content)) {
    if (!UFI_ELEMENT.test(el.local)) continue;
    if (el.text) found.push(el.text);
    for (const v of el.children) if (v.local === 'value' && v.text) found.push(v.text);
  }
  return found;
}

export function findPcnNumber(content: XmlElement): string | null {
  for (const el of descendants(content)) {
    if (PCN_NUMBER_ELEMENT.test(el.local) && el.text) return el.text;
  }
  return null;
}

/** From an ARTICLE document's content: the primary article identifier, if it has a value. */
export function findPrimaryArticleId(content: XmlElement): { type: string | null; value: string } | null {
  for (const el of descendants(content)) {
    if (el.local !== 'PrimaryArticleIdentifierValue' || !el.text) continue;
    const identifiers = findParent(content, el);
    const typeField = child(identifiers, 'PrimaryArticleIdentifierType');
    // Picklist field: <value> holds the phrase code; <other> the free text when "other" is chosen.
    const type = child(typeField, 'other')?.text || child(typeField, 'value')?.text || typeField?.text || null;
    return { type, value: el.text };
  }
  return null;
}

function findParent(root: XmlElement, target: XmlElement): XmlElement | null {
  for (const el of descendants(root)) if (el.children.includes(target)) return el;
  return null;
}
