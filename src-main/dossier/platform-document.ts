import type { XmlElement } from './xml';
import { child } from './xml';

// An .i6d entry: <Document> in the platform-container namespace (v1 in older exports, v2 in newer),
// holding <PlatformMetadata> (flat i6m:* fields) and <Content> (the document's own format).

const CONTAINER_NS = /^http:\/\/iuclid6\.echa\.europa\.eu\/namespaces\/platform-container\/v(\d+)$/;

export interface PlatformDocument {
  containerVersion: string;
  /** PlatformMetadata fields by local name, e.g. documentKey, documentType, submittingLegalEntity. */
  metadata: ReadonlyMap<string, string>;
  /** The first element inside <Content>, e.g. <DOSSIER.R_COMPLETE>, <ARTICLE>, <LEGAL_ENTITY>. */
  content: XmlElement | null;
}

/** Null when the root is not a IUCLID platform document. */
export function readPlatformDocument(root: XmlElement): PlatformDocument | null {
  const version = root.local === 'Document' && root.ns ? CONTAINER_NS.exec(root.ns)?.[1] : undefined;
  if (version === undefined) return null;
  const metadata = new Map<string, string>();
  for (const field of child(root, 'PlatformMetadata')?.children ?? []) {
    if (field.text) metadata.set(field.local, field.text);
  }
  return { containerVersion: `v${version}`, metadata, content: child(root, 'Content')?.children[0] ?? null };
}
