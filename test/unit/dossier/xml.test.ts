import { describe, expect, it } from 'vitest';
import { DossierError } from '../../../src-main/dossier';
import { attribute, child, parseXml } from '../../../src-main/dossier/xml';

const bytes = (s: string) => Buffer.from(s, 'utf8');

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof DossierError) return err.code;
    throw err;
  }
  return undefined;
}

describe('parseXml', () => {
  it('resolves default and prefixed namespaces, with scoping', () => {
    const root = parseXml(
      bytes('<a:r xmlns:a="urn:a" xmlns="urn:d"><x/><a:y/><z xmlns="urn:z"><w/></z><b:q xmlns:b="urn:b"/></a:r>'),
      't.xml',
    );
    expect([root.local, root.ns]).toEqual(['r', 'urn:a']);
    expect(root.children.map((c) => [c.local, c.ns])).toEqual([
      ['x', 'urn:d'],
      ['y', 'urn:a'],
      ['z', 'urn:z'],
      ['q', 'urn:b'],
    ]);
    expect(child(child(root, 'z'), 'w')?.ns).toBe('urn:z');
  });

  it('decodes the XML entities, character references and CDATA', () => {
    const root = parseXml(bytes('<r t="a&amp;b"><v>x &lt; y &amp; &#233;&#x41;</v><c><![CDATA[<raw> & ]]></c></r>'), 't.xml');
    expect(child(root, 'v')?.text).toBe('x < y & éA');
    expect(child(root, 'c')?.text).toBe('<raw> &');
    expect(attribute(root, 't')).toBe('a&b');
  });

  it('puts prefixed attributes in their namespace and unprefixed ones in none', () => {
    const root = parseXml(bytes('<r xmlns="urn:d" xmlns:l="urn:l" l:href="x" href="y"/>'), 't.xml');
    expect(attribute(root, 'href', 'urn:l')).toBe('x');
    expect(attribute(root, 'href', undefined)).toBe('x');
    expect(root.attributes.find((a) => a.ns === null)?.value).toBe('y');
  });

  it('refuses DOCTYPE in any case and any ENTITY declaration, before parsing', () => {
    expect(codeOf(() => parseXml(bytes('<!DOCTYPE r><r/>'), 't.xml'))).toBe('malformed-xml');
    expect(codeOf(() => parseXml(bytes('<?xml version="1.0"?><!doctype r [<!ENTITY a "b">]><r>&a;</r>'), 't.xml'))).toBe(
      'malformed-xml',
    );
    expect(codeOf(() => parseXml(bytes('<r><!ENTITY a "b"></r>'), 't.xml'))).toBe('malformed-xml');
  });

  it('"<!ENTITY" inside CDATA or a comment is text, not a declaration', () => {
    const root = parseXml(bytes('<r><c><![CDATA[example: <!ENTITY a "b"> <!DOCTYPE x>]]></c><!-- <!ENTITY z "q"> --></r>'), 't.xml');
    expect(child(root, 'c')?.text).toBe('example: <!ENTITY a "b"> <!DOCTYPE x>');
  });

  it('a CDATA opener inside a comment hides nothing: the DOCTYPE after the comment is still refused', () => {
    const hostile = '<!-- <![CDATA[ --><!DOCTYPE r [<!ENTITY a "b">]><r>&a; ]]></r>';
    expect(codeOf(() => parseXml(bytes(hostile), 't.xml'))).toBe('malformed-xml');
    expect(() => parseXml(bytes(hostile), 't.xml')).toThrow(/DOCTYPE\/entity declaration/);
    // An unterminated CDATA is scanned on rather than trusted.
    expect(() => parseXml(bytes('<r><![CDATA[ <!ENTITY a "b"></r>'), 't.xml')).toThrow(/DOCTYPE\/entity declaration/);
  });

  it('refuses bytes that are not UTF-8 (no encoding trick can hide a DOCTYPE)', () => {
    const utf16 = Buffer.from('\ufeff<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>', 'utf16le');
    expect(codeOf(() => parseXml(utf16, 't.xml'))).toBe('malformed-xml');
    expect(codeOf(() => parseXml(Buffer.from([0x3c, 0x72, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x72, 0x3e]), 't.xml'))).toBe(
      'malformed-xml',
    );
  });

  it('refuses malformed XML, several roots, and absurd nesting', () => {
    expect(codeOf(() => parseXml(bytes('<r><a></r>'), 't.xml'))).toBe('malformed-xml');
    expect(codeOf(() => parseXml(bytes('<r/><s/>'), 't.xml'))).toBe('malformed-xml');
    expect(codeOf(() => parseXml(bytes(''), 't.xml'))).toBe('malformed-xml');
    expect(codeOf(() => parseXml(bytes('plain text'), 't.xml'))).toBe('malformed-xml');
    const deep = '<a>'.repeat(10_000) + '</a>'.repeat(10_000);
    expect(codeOf(() => parseXml(bytes(deep), 't.xml'))).toBe('malformed-xml');
  });

  it('names the archive entry in its message', () => {
    try {
      parseXml(bytes('<r>'), 'abc_def.i6d');
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toContain('abc_def.i6d');
    }
  });
});
