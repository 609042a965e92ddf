// The public shapes of dossier inspection. Kept free of I/O so the renderer-facing contract, the
// sandbox and the workflows can all depend on them without pulling in yauzl.

export type DossierKind = 'PCN' | 'SCIP' | 'CLP' | 'OTHER';

export type ArchiveType = 'RAW_DATA' | 'DOSSIER_DATA' | 'UNKNOWN';

export interface DossierInfo {
  fileName: string;
  sizeBytes: number;
  /** SHA-256 hex of the file bytes, as read from disk. */
  sha256: string;
  archiveType: ArchiveType;
  /** From manifest base-document-uuid, the part before '/'. */
  dossierUuid: string | null;
  dossierName: string | null;
  /** As written in the archive, e.g. 'CLP_PCN', 'SCIP', 'REACH_...'. */
  submissionType: string | null;
  kind: DossierKind;
  application: { name: string | null; version: string | null };
  formatVersion: string | null;
  /** uuid as ECHA-<uuid> when known. */
  submittingLegalEntity: { uuid: string | null; name: string | null };
  /** MIXTURE, SUBSTANCE, ARTICLE... */
  dossierSubjectType: string | null;
  ufis: { value: string; valid: boolean }[];
  pcnNumber: string | null;
  scipPrimaryArticleId: { type: string | null; value: string } | null;
  /** What the dossier is about: the mixture, substance or article name (cleaned, bounded; see facts.ts). */
  subjectName: string | null;
  /** The subject's trade names, distinct, without the subject name (at most 50). */
  tradeNames: string[];
  /** PCN only: countries of market placement in the dossier header, as written (ISO codes upper-cased). */
  marketCountries: string[];
}

export interface ArchiveLimits {
  /** Most entries the central directory may list. */
  maxEntries: number;
  /** Most bytes all entries together may declare or inflate to. */
  maxTotalUncompressedBytes: number;
  /** Most bytes one XML entry we parse may inflate to. */
  maxXmlEntryBytes: number;
  /** Most bytes inflated across the whole archive during one inspection (only XML is ever read). */
  maxBytesRead: number;
  /** Highest inflated/compressed ratio accepted for one entry (bigger entries only, see minRatioCheckBytes). */
  maxCompressionRatio: number;
  /** Entries smaller than this are not ratio-checked: tiny XML compresses very well legitimately. */
  minRatioCheckBytes: number;
}

// Measured on the real REACH export in shared/fixtures (600 entries, 5.4 MB inflated, ratio <= 15):
// manifest.xml 473 kB (the largest XML, it grows with the document count), largest .i6d 9 kB, all .i6d
// together 1.4 MB. 8 MiB per XML entry is ~17x that manifest (roughly 10,000 documents) while keeping
// one parse (about 10x its text in heap with fast-xml-parser) under ~100 MB; 128 MiB read in total is
// ~90x what inspecting that export reads. The declared total stays large: attachments (PDFs) are
// listed but never inflated.
export const DEFAULT_LIMITS: ArchiveLimits = {
  maxEntries: 10_000,
  maxTotalUncompressedBytes: 2 * 1024 * 1024 * 1024,
  maxXmlEntryBytes: 8 * 1024 * 1024,
  maxBytesRead: 128 * 1024 * 1024,
  maxCompressionRatio: 200,
  minRatioCheckBytes: 1024 * 1024,
};

export type DossierErrorCode =
  | 'empty'
  | 'not-zip'
  | 'truncated'
  | 'too-many-entries'
  | 'too-large'
  | 'zip-bomb'
  | 'unsafe-path'
  | 'not-iuclid'
  | 'malformed-xml'
  | 'base-document-missing';

/** Thrown by inspectDossier; `message` is one sentence a consultant understands. */
export class DossierError extends Error {
  readonly code: DossierErrorCode;
  constructor(code: DossierErrorCode, message: string) {
    super(message);
    this.name = 'DossierError';
    this.code = code;
  }
}

export type PreflightCode =
  | 'le-mismatch'
  | 'le-unknown'
  | 'raw-data'
  | 'malformed-ufi'
  | 'duplicate-pending'
  | 'duplicate-passed'
  | 'no-dossier-uuid'
  | 'unsupported-type';

export interface PreflightContext {
  /** Active profile's LE UUID, ECHA-<uuid>. */
  profileLeUuid: string;
  /**
   * The latest submission of the same dossier UUID in this entity and mode that is still PENDING or
   * PASSED, if the ledger knows one: sending it again fails as a duplicate at ECHA.
   */
  activeSameDossier: { submissionNumber: string; submittedAt: string; status: 'PENDING' | 'VALIDATION_SUCCEEDED' } | null;
  /** The mode it would be sent in: connectivity tests answer dummies, so nothing is blocked there for ECHA's rules. */
  modeKind: 'connectivity' | 'integration' | 'production';
}
