import { refuse } from './errors';
import type { XmlElement } from './xml';
import { attribute, child, childText } from './xml';

// manifest.xml, the table of contents of an .i6z (ECHA's manifest schema, namespace below).

const MANIFEST_NS = 'http://iuclid6.echa.europa.eu/namespaces/manifest/v1';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

export interface ManifestDocument {
  /** "<documentUuid>/<snapshotUuid>", the key other documents and PlatformMetadata refer to. */
  id: string;
  type: string | null;
  subtype: string | null;
  name: string | null;
  /** Archive entry holding the document (the xlink:href of <name>). */
  href: string | null;
  subjectType: string | null;
  legalEntityName: string | null;
}

export interface Manifest {
  application: string | null;
  submissionType: string | null;
  archiveType: string | null;
  legislations: { id: string; version: string | null }[];
  baseDocumentUuid: string | null;
  documents: ManifestDocument[];
}

/** Reads a parsed manifest.xml; refuses anything that is not a IUCLID 6 manifest. */
export function readManifest(root: XmlElement): Manifest {
  if (root.local !== 'manifest' || root.ns !== MANIFEST_NS) throw refuse.wrongManifest();
  const general = child(root, 'general-information');
  const legislations = (child(general, 'legislations-info')?.children ?? [])
    .filter((l) => l.local === 'legislation')
    .map((l) => ({ id: childText(l, 'id') ?? '', version: childText(l, 'version') }))
    .filter((l) => l.id !== '');
  const documents = (child(root, 'contained-documents')?.children ?? [])
    .filter((d) => d.local === 'document')
    .map(readDocument);
  return {
    application: childText(general, 'application'),
    submissionType: childText(general, 'submission-type'),
    archiveType: childText(general, 'archive-type'),
    legislations,
    baseDocumentUuid: childText(root, 'base-document-uuid'),
    documents,
  };
}

function readDocument(doc: XmlElement): ManifestDocument {
  const name = child(doc, 'name');
  const representation = child(doc, 'representation');
  return {
    id: attribute(doc, 'id') ?? childText(doc, 'uuid') ?? '',
    type: childText(doc, 'type'),
    subtype: childText(doc, 'subtype'),
    name: name?.text || null,
    href: name ? (attribute(name, 'href', XLINK_NS) ?? attribute(name, 'href')) : null,
    subjectType: childText(representation, 'subject-type'),
    legalEntityName: childText(child(representation, 'legal-entity'), 'name'),
  };
}

/** "IUCLID6 (5.4.0, build of 29/11/2020 09:58)" -> name "IUCLID6", version "5.4.0". */
export function splitApplication(application: string | null): { name: string | null; version: string | null } {
  if (!application) return { name: null, version: null };
  const m = /^(.*?)\s*\(\s*([^,)\s]+)[^)]*\)\s*$/.exec(application);
  if (!m) return { name: application, version: null };
  return { name: m[1] || null, version: m[2] ?? null };
}

/** The part of a IUCLID document key before '/', i.e. the document's own UUID. */
export function documentUuid(key: string | null): string | null {
  if (!key) return null;
  const head = key.split('/')[0]?.trim();
  return head ? head : null;
}
