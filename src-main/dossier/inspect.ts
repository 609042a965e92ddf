import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { refuse } from './errors';
import { FACT_BOUNDS, cleanText, marketCountriesOf, subjectNameOf, tradeNamesOf } from './facts';
import { findPcnNumber, findPrimaryArticleId, findUfiTexts, mayHoldIdentifiers } from './identifiers';
import { kindOfSubmissionType } from './kind';
import type { Manifest, ManifestDocument } from './manifest';
import { documentUuid, readManifest, splitApplication } from './manifest';
import type { PlatformDocument } from './platform-document';
import { readPlatformDocument } from './platform-document';
import type { ArchiveLimits, ArchiveType, DossierInfo } from './types';
import { DEFAULT_LIMITS } from './types';
import { isWellFormedUfi } from './ufi';
import type { OpenedArchive } from './zip-archive';
import { withArchive } from './zip-archive';
import type { XmlElement } from './xml';
import { decodeXml } from './xml';
import { parseXmlTextOffThread } from './xml-thread';

const MANIFEST = 'manifest.xml';
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/**
 * Reads an .i6z without trusting it and describes it. Throws DossierError when the file is not a
 * usable IUCLID archive; file-system errors (missing file, no permission) propagate unchanged.
 */
export async function inspectDossier(filePath: string, limits?: Partial<ArchiveLimits>): Promise<DossierInfo> {
  const bounds: ArchiveLimits = { ...DEFAULT_LIMITS, ...limits };
  const handle = await open(filePath, 'r');
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw refuse.notZip();
    if (stat.size === 0) throw refuse.empty();
    // Hash and parse the same open file, so the digest describes the bytes that were inspected.
    const sha256 = await hashFile(handle);
    const described = await withArchive(handle, stat.size, bounds, (archive) => describe(archive, bounds));
    return { fileName: basename(filePath), sizeBytes: stat.size, sha256, ...described };
  } finally {
    await handle.close();
  }
}

async function hashFile(handle: FileHandle): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of handle.createReadStream({ start: 0, autoClose: false })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

type Described = Omit<DossierInfo, 'fileName' | 'sizeBytes' | 'sha256'>;

interface LoadedDocument {
  entry: ManifestDocument;
  doc: PlatformDocument;
}

/** Decoded and DOCTYPE-checked here (linear, fast); parsed in the XML worker. */
function parseEntry(bytes: Buffer, entry: string): Promise<XmlElement> {
  return parseXmlTextOffThread(decodeXml(bytes, entry), entry);
}

async function describe(archive: OpenedArchive, limits: ArchiveLimits): Promise<Described> {
  if (!archive.entries.has(MANIFEST)) throw refuse.noManifest();
  const manifest = readManifest(await parseEntry(await archive.readEntry(MANIFEST, limits.maxXmlEntryBytes), MANIFEST));

  const load = async (entry: ManifestDocument): Promise<LoadedDocument | null> => {
    if (!entry.href || !archive.entries.has(entry.href)) return null;
    const root = await parseEntry(await archive.readEntry(entry.href, limits.maxXmlEntryBytes), entry.href);
    const doc = readPlatformDocument(root);
    if (!doc) throw refuse.notPlatformDocument(entry.href);
    return { entry, doc };
  };

  const base = await loadBase(manifest, load);
  const meta = base.doc.metadata;
  const archiveType = toArchiveType(manifest.archiveType);
  const submissionType = meta.get('submissionType') ?? manifest.submissionType ?? base.entry.subtype;
  const kind = kindOfSubmissionType(submissionType);
  const app = splitApplication(manifest.application);
  const baseIsDossier = (base.entry.type ?? meta.get('documentType')) === 'DOSSIER';
  const subjectKey = meta.get('dossierSubject') ?? null;

  const identifiers =
    kind === 'OTHER' && submissionType !== null
      ? { ufis: [], pcnNumber: null, scipPrimaryArticleId: null }
      : await scanIdentifiers(archive, manifest, base, subjectKey, limits);
  const facts = await subjectFacts(manifest, base, baseIsDossier, subjectKey, kind, load);

  return {
    archiveType,
    // A raw-data export's base document is a substance or mixture, not a dossier: it has no dossier UUID.
    dossierUuid: baseIsDossier && archiveType !== 'RAW_DATA' ? documentUuid(manifest.baseDocumentUuid) : null,
    dossierName: base.entry.name ?? meta.get('name') ?? null,
    submissionType,
    kind,
    application: { name: app.name, version: app.version ?? meta.get('iuclidVersion') ?? null },
    formatVersion: formatVersionOf(manifest, meta),
    submittingLegalEntity: await submittingLegalEntity(manifest, base, load),
    // For a raw-data export the exported entity itself plays the subject's part.
    dossierSubjectType:
      base.entry.subjectType ??
      manifest.documents.find((d) => sameDocument(d.id, subjectKey))?.type ??
      (baseIsDossier ? null : (base.entry.type ?? meta.get('documentType') ?? null)),
    ...identifiers,
    ...facts,
  };
}

/**
 * The subject's name and trade names (from the DOSSIER_SUBJECT document, or the exported entity of a
 * raw-data export) and, for PCN, the market countries of the dossier header. A subject the archive
 * does not hold leaves the manifest's name for it, if any.
 */
async function subjectFacts(
  manifest: Manifest,
  base: LoadedDocument,
  baseIsDossier: boolean,
  subjectKey: string | null,
  kind: DossierInfo['kind'],
  load: (entry: ManifestDocument) => Promise<LoadedDocument | null>,
): Promise<Pick<DossierInfo, 'subjectName' | 'tradeNames' | 'marketCountries'>> {
  const subjectEntry = baseIsDossier ? manifest.documents.find((d) => sameDocument(d.id, subjectKey)) : base.entry;
  const subject = !subjectEntry ? null : subjectEntry === base.entry ? base : await load(subjectEntry);
  const subjectName =
    subjectNameOf(subject?.doc.content ?? null) ??
    cleanText(subject?.doc.metadata.get('name') ?? subjectEntry?.name, FACT_BOUNDS.nameChars);
  return {
    subjectName,
    tradeNames: tradeNamesOf(subject?.doc.content ?? null, subjectName),
    marketCountries: kind === 'PCN' && baseIsDossier ? marketCountriesOf(base.doc.content) : [],
  };
}

async function loadBase(
  manifest: Manifest,
  load: (entry: ManifestDocument) => Promise<LoadedDocument | null>,
): Promise<LoadedDocument> {
  if (!manifest.baseDocumentUuid) throw refuse.baseDocumentMissing('its manifest names no base document');
  const entry = manifest.documents.find((d) => d.id === manifest.baseDocumentUuid);
  if (!entry) throw refuse.baseDocumentMissing('its manifest does not list the base document it names');
  const loaded = await load(entry);
  if (!loaded) {
    throw refuse.baseDocumentMissing(
      entry.href ? `the base document ${entry.href} is not in the archive` : 'its manifest gives no file for the base document',
    );
  }
  return loaded;
}

function toArchiveType(value: string | null): ArchiveType {
  return value === 'RAW_DATA' || value === 'DOSSIER_DATA' ? value : 'UNKNOWN';
}

/** IUCLID format version: the "core" legislation version of the manifest (e.g. "6.0", "9.0"). */
function formatVersionOf(manifest: Manifest, meta: ReadonlyMap<string, string>): string | null {
  const core = manifest.legislations.find((l) => l.id === 'core');
  return core?.version ?? manifest.legislations[0]?.version ?? meta.get('definitionVersion') ?? null;
}

function sameDocument(id: string, key: string | null): boolean {
  return key !== null && documentUuid(id) === documentUuid(key);
}

/**
 * PlatformMetadata.submittingLegalEntity holds the key of the LEGAL_ENTITY document. ECHA-issued
 * legal entities are keyed "ECHA-<uuid>"; a bare UUID is given the same prefix so it compares with
 * a profile's LE UUID. Any other form is reported as written. The name comes from the LEGAL_ENTITY
 * document when the archive holds it, else from the manifest's summary of the base document.
 */
async function submittingLegalEntity(
  manifest: Manifest,
  base: LoadedDocument,
  load: (entry: ManifestDocument) => Promise<LoadedDocument | null>,
): Promise<DossierInfo['submittingLegalEntity']> {
  const key = base.doc.metadata.get('submittingLegalEntity') ?? null;
  const raw = documentUuid(key);
  let uuid: string | null = raw;
  if (raw && new RegExp(`^${UUID}$`).test(raw)) uuid = `ECHA-${raw}`;
  else if (raw && new RegExp(`^ECHA-${UUID}$`, 'i').test(raw)) uuid = `ECHA-${raw.slice(5)}`;

  let name: string | null = null;
  const leEntry = raw ? manifest.documents.find((d) => d.type === 'LEGAL_ENTITY' && sameDocument(d.id, key)) : undefined;
  if (leEntry) {
    const le = await load(leEntry);
    const general = le?.doc.content?.children.find((c) => c.local === 'GeneralInfo');
    name =
      general?.children.find((c) => c.local === 'LegalEntityName')?.text ||
      le?.doc.metadata.get('name') ||
      leEntry.name ||
      null;
  }
  return { uuid, name: name ?? base.entry.legalEntityName };
}

async function scanIdentifiers(
  archive: OpenedArchive,
  manifest: Manifest,
  base: LoadedDocument,
  subjectKey: string | null,
  limits: ArchiveLimits,
): Promise<Pick<DossierInfo, 'ufis' | 'pcnNumber' | 'scipPrimaryArticleId'>> {
  const ufis = new Map<string, { value: string; valid: boolean }>();
  let pcnNumber: string | null = null;
  let subjectArticleId: DossierInfo['scipPrimaryArticleId'] = null;
  let firstArticleId: DossierInfo['scipPrimaryArticleId'] = null;

  // Base document (the dossier header) first, so its PCN number wins over any other.
  const ordered = [base.entry, ...manifest.documents.filter((d) => d !== base.entry)];
  // A hostile manifest may list one big entry thousands of times; each entry is read at most once.
  const seen = new Set<string>();
  for (const entry of ordered) {
    if (!entry.href || !archive.entries.has(entry.href) || seen.has(entry.href)) continue;
    seen.add(entry.href);
    const text = decodeXml(await archive.readEntry(entry.href, limits.maxXmlEntryBytes), entry.href);
    if (!mayHoldIdentifiers(text)) continue;
    const doc = readPlatformDocument(await parseXmlTextOffThread(text, entry.href));
    if (!doc?.content) continue;
    for (const value of findUfiTexts(doc.content)) {
      const key = value.replace(/-/g, '');
      if (!ufis.has(key)) ufis.set(key, { value, valid: isWellFormedUfi(value) });
    }
    pcnNumber ??= findPcnNumber(doc.content);
    if (doc.content.local === 'ARTICLE') {
      const id = findPrimaryArticleId(doc.content);
      if (id && sameDocument(entry.id, subjectKey)) subjectArticleId = id;
      firstArticleId ??= id;
    }
  }
  return { ufis: [...ufis.values()], pcnNumber, scipPrimaryArticleId: subjectArticleId ?? firstArticleId };
}
