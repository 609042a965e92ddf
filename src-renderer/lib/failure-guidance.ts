// Plain-words guidance for a validation finding, by its code. Pure so the table is unit-tested and
// the detail view only renders what it returns. Codes come from two places: the sandbox's own rules
// (src-main/sandbox/rules.ts) and ECHA's, of which the S2S spec names BR570 as the legal-entity check;
// ECHA's other BR/QLT codes are not explained in the spec, so they get the generic text and the link
// to ECHA's rules rather than a guessed meaning.

/** ECHA's S2S manuals page, where the validation rules for each format are linked. */
export const ECHA_RULES_URL = 'https://echa.europa.eu/de/manuals?panel=s2s#s2s';
const REACH_IT_URL = 'https://reach-it.echa.europa.eu/';
const PCN_FORMAT_URL = 'https://poisoncentres.echa.europa.eu/poisoncentres-notification-format';

export type GuidanceLink =
  | { kind: 'external'; url: string; label: string }
  /** The submission this one duplicates: open it in the app's detail view (found by its number). */
  | { kind: 'submission'; submissionNumber: string; label: string };

export interface Guidance {
  /** What went wrong, in plain words. */
  words: string;
  /** What the user can do about it. */
  todo: string;
  link: GuidanceLink | null;
}

export interface KnownEntity {
  leUuid: string;
  displayName: string;
}

const UUID = /(?:ECHA-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const SUBMISSION_NUMBER = /\b[A-Z]{3}\d{6}-\d{2}\b/;

const bare = (le: string): string => le.trim().toLowerCase().replace(/^echa-/, '');

/** "Müller Lacke GmbH (ECHA-…)" when a profile holds that entity; the bare UUID otherwise. */
export function entityName(le: string, entities: readonly KnownEntity[]): string {
  const hit = entities.find((e) => bare(e.leUuid) === bare(le));
  return hit ? `${hit.displayName} (${le})` : `the legal entity ${le} (no profile in this app)`;
}

const rulesLink: GuidanceLink = { kind: 'external', url: ECHA_RULES_URL, label: "ECHA's validation rules" };

function legalEntityMismatch(context: string, entities: readonly KnownEntity[]): Guidance {
  // The sandbox names the dossier's entity first, then the submitting one; ECHA sends no context.
  const uuids = context.match(UUID) ?? [];
  const [dossierLe, submittingLe] = uuids;
  const words =
    dossierLe && submittingLe
      ? `The dossier was made for ${entityName(dossierLe, entities)}, but it was submitted as ${entityName(submittingLe, entities)}.`
      : "The dossier's submitting legal entity is not the legal entity that made the submission.";
  return {
    words,
    todo: 'Submit it from the profile of the entity the dossier belongs to, or change the submitting legal entity in IUCLID, export a new dossier and submit that.',
    link: null,
  };
}

function duplicate(context: string): Guidance {
  const original = SUBMISSION_NUMBER.exec(context)?.[0] ?? null;
  return {
    words: original
      ? `This dossier was already submitted as ${original}, which is pending or accepted. That submission stands; this one was refused.`
      : 'This dossier was already submitted and that submission is pending or accepted. It stands; this one was refused.',
    todo: 'Nothing to fix if the original is what you meant to send. To change it, make a new dossier version in IUCLID (a new dossier UUID) and submit that.',
    link: original ? { kind: 'submission', submissionNumber: original, label: `Open the original submission ${original}` } : null,
  };
}

type Entry = (context: string, entities: readonly KnownEntity[]) => Guidance;

const TABLE: Readonly<Record<string, Entry>> = {
  BR570: legalEntityMismatch,
  DUPLICATE: duplicate,
  IUCLID_FORMAT: () => ({
    words: 'ECHA did not recognise the file as a IUCLID dossier.',
    todo: 'Export the dossier again from IUCLID (Export → dossier, .i6z) and submit the exported file, unchanged.',
    link: null,
  }),
  ARCHIVE_TYPE: (context) => ({
    words: /raw data/i.test(context)
      ? 'The file is a IUCLID raw data export, not a dossier.'
      : 'The file does not say it is a dossier (archive type DOSSIER_DATA).',
    todo: 'In IUCLID, create a dossier from the dataset first, then export that dossier and submit it.',
    link: null,
  }),
  SUBMISSION_TYPE: () => ({
    words: 'This dossier type cannot be submitted through S2S: S2S takes PCN, SCIP and C&L notifications only. REACH registrations and other dossiers belong in REACH-IT.',
    todo: 'Submit this dossier in REACH-IT (or the portal its type belongs to), not here.',
    link: { kind: 'external', url: REACH_IT_URL, label: 'Open REACH-IT' },
  }),
  UFI_FORMAT: () => ({
    words: 'A UFI in the dossier is not well-formed (its check characters do not match).',
    todo: 'Generate the UFI again with ECHA’s UFI generator, correct it in IUCLID, export a new dossier and submit that.',
    link: { kind: 'external', url: PCN_FORMAT_URL, label: 'PCN format and UFI' },
  }),
  PCN_NUMBER_MISSING: () => ({
    words: 'The PCN dossier carries no PCN number.',
    todo: 'For an update, set the PCN number of the earlier notification in IUCLID; for a first notification this is only a warning.',
    link: { kind: 'external', url: PCN_FORMAT_URL, label: 'PCN format' },
  }),
  CLP_HEADERS: () => ({
    words: 'C&L notifications need the member-group and contact ids, which only API version 3 sends.',
    todo: 'In the entity’s settings choose API version 3 and fill in the member group and contact, then submit again.',
    link: null,
  }),
};

/** Guidance for one finding; codes not in the table get the generic text and ECHA's rules. */
export function guidanceFor(code: string, context: string, entities: readonly KnownEntity[]): Guidance {
  const entry = TABLE[code.trim().toUpperCase()];
  if (entry) return entry(context, entities);
  return {
    words: `ECHA's rule ${code} failed${context ? ' at the place named beside it' : ''}.`,
    todo: 'Look the rule up in ECHA’s validation rules, fix it in IUCLID, export a new dossier and submit that.',
    link: rulesLink,
  };
}
