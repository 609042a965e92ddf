import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { refuse } from './errors';

// XML from an archive is hostile input. IUCLID writes plain UTF-8 XML without a DOCTYPE, so anything
// declaring a DOCTYPE or entities is refused before a parser sees it: no external entity (XXE) can be
// fetched and no entity can expand (billion laughs), whatever the parser's own defaults are.

interface XmlAttribute {
  local: string;
  ns: string | null;
  value: string;
}

export interface XmlElement {
  local: string;
  /** Namespace URI resolved from xmlns declarations in scope; null when none applies. */
  ns: string | null;
  attributes: XmlAttribute[];
  children: XmlElement[];
  /** Direct text content (CDATA included), entity-decoded and trimmed. */
  text: string;
}

const MAX_DEPTH = 256;
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Only the five XML entities and numeric character references can appear once DOCTYPE is refused.
  processEntities: true,
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_DEPTH,
});

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** An attribute value longer than this is no IUCLID attribute (UUIDs, hrefs, codes): refused. */
const MAX_ATTRIBUTE_CHARS = 64 * 1024;

/**
 * Whether `text` declares a DOCTYPE or an entity in markup. Comments and CDATA sections are skipped
 * as the parser does (their content is text, so "<!ENTITY" in a CDATA example is harmless); an
 * unterminated one is scanned on, so a miscount can only refuse more, never less. Linear: every
 * step moves forward.
 */
function declaresEntities(text: string): boolean {
  let i = text.indexOf('<!');
  while (i >= 0) {
    let resume = i + 2;
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end >= 0) resume = end + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i + 9);
      if (end >= 0) resume = end + 3;
    } else {
      const word = text.slice(i + 2, i + 9).toUpperCase();
      if (word.startsWith('DOCTYPE') || word.startsWith('ENTITY')) return true;
    }
    i = text.indexOf('<!', resume);
  }
  return false;
}

/**
 * Parses `bytes` (an archive entry named `entry`, used in messages) into a namespace-resolved tree.
 * Throws DossierError 'malformed-xml' for anything that is not well-formed UTF-8 XML or that
 * declares a DOCTYPE.
 */
export function parseXml(bytes: Uint8Array, entry: string): XmlElement {
  return parseXmlText(decodeXml(bytes, entry), entry);
}

/** Strict UTF-8 decoding plus the DOCTYPE/ENTITY refusal, without parsing yet. */
export function decodeXml(bytes: Uint8Array, entry: string): string {
  let text: string;
  try {
    // Decoding ourselves (fatal on bad bytes) means the DOCTYPE check sees exactly what the parser
    // sees; a UTF-16 document cannot smuggle "<\0!\0D\0O..." past a byte search.
    text = strictUtf8.decode(bytes);
  } catch {
    throw refuse.malformedXml(entry);
  }
  if (declaresEntities(text)) throw refuse.forbiddenXml(entry);
  return text;
}

/** Parses text that went through decodeXml. */
export function parseXmlText(text: string, entry: string): XmlElement {
  if (declaresEntities(text)) throw refuse.forbiddenXml(entry);
  if (XMLValidator.validate(text) !== true) throw refuse.malformedXml(entry);
  let nodes: unknown;
  try {
    nodes = parser.parse(text);
  } catch {
    throw refuse.malformedXml(entry);
  }
  const roots = toElements(nodes, new Map([['xml', XML_NS]]), 0, entry);
  if (roots.length !== 1) throw refuse.malformedXml(entry);
  return roots[0] as XmlElement;
}

type OrderedNode = Record<string, unknown>;

const tooDeep = (entry: string) => refuse.xmlTooComplex(entry, `elements nested more than ${MAX_DEPTH} deep`);

function toElements(nodes: unknown, scope: Map<string, string>, depth: number, entry: string): XmlElement[] {
  if (depth > MAX_DEPTH) throw tooDeep(entry);
  if (!Array.isArray(nodes)) throw refuse.malformedXml(entry);
  const out: XmlElement[] = [];
  for (const node of nodes as OrderedNode[]) {
    const tag = Object.keys(node).find((k) => k !== ':@' && k !== '#text');
    if (tag === undefined) continue;
    const rawAttrs = (node[':@'] ?? {}) as Record<string, unknown>;
    const local = new Map(scope);
    for (const [name, value] of Object.entries(rawAttrs)) {
      if (String(value).length > MAX_ATTRIBUTE_CHARS) {
        throw refuse.xmlTooComplex(entry, `an attribute longer than ${MAX_ATTRIBUTE_CHARS / 1024} kB`);
      }
      if (name === 'xmlns') local.set('', String(value));
      else if (name.startsWith('xmlns:')) local.set(name.slice(6), String(value));
    }
    const [prefix, localName] = splitQName(tag);
    const attributes: XmlAttribute[] = [];
    for (const [name, value] of Object.entries(rawAttrs)) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
      const [aPrefix, aLocal] = splitQName(name);
      // Unprefixed attributes are in no namespace (XML Namespaces 1.0, section 6.2).
      attributes.push({ local: aLocal, ns: aPrefix === '' ? null : (local.get(aPrefix) ?? null), value: String(value) });
    }
    const content = node[tag];
    const children = toElements(content, local, depth + 1, entry);
    const text = (Array.isArray(content) ? (content as OrderedNode[]) : [])
      .map((c) => (typeof c['#text'] === 'string' ? c['#text'] : ''))
      .join('')
      .trim();
    out.push({ local: localName, ns: local.get(prefix) ?? null, attributes, children, text });
  }
  return out;
}

function splitQName(name: string): [prefix: string, local: string] {
  const i = name.indexOf(':');
  return i < 0 ? ['', name] : [name.slice(0, i), name.slice(i + 1)];
}

// Small tree helpers. Matching is by local name: IUCLID content namespaces carry a version
// (".../DOSSIER-R_COMPLETE/6.0", ".../ARTICLE/9.0") that changes every yearly format update.

export function child(el: XmlElement | null | undefined, local: string): XmlElement | null {
  return el?.children.find((c) => c.local === local) ?? null;
}

export function childText(el: XmlElement | null | undefined, local: string): string | null {
  const text = child(el, local)?.text;
  return text ? text : null;
}

export function attribute(el: XmlElement, local: string, ns?: string): string | null {
  const found = el.attributes.find((a) => a.local === local && (ns === undefined || a.ns === ns));
  return found ? found.value : null;
}

/** Depth-first walk over `el` and all its descendants. */
export function* descendants(el: XmlElement): Generator<XmlElement> {
  const stack: XmlElement[] = [el];
  while (stack.length > 0) {
    const next = stack.pop() as XmlElement;
    yield next;
    for (let i = next.children.length - 1; i >= 0; i--) stack.push(next.children[i] as XmlElement);
  }
}
