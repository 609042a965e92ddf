// Which certificate authorities the app trusts for ECHA's API: Node's bundled roots, plus the
// operating system's store (where a corporate HTTPS-inspection root such as Zscaler's is installed by
// IT), plus an optional extra CA file chosen in Settings → Network. Verification itself is never
// switched off: these only add roots.
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as tls from 'node:tls';

export type SystemStore =
  | { read: true; count: number; from: string }
  | { read: false; why: string };

export interface Trust {
  /** PEM certificates to pass as `ca` (passing `ca` replaces Node's default list, so the bundled roots are in it). */
  ca: string[];
  bundled: number;
  system: SystemStore;
  extra: { path: string; count: number } | null;
}

/** Where Linux distributions keep the system bundle (read when the runtime cannot read the store itself). */
const LINUX_BUNDLES = [
  '/etc/ssl/certs/ca-certificates.crt', // Debian, Ubuntu, Alpine
  '/etc/pki/tls/certs/ca-bundle.crt', // Fedora, RHEL
  '/etc/ssl/ca-bundle.pem', // openSUSE
];

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const MAX_CA_FILE_BYTES = 4 * 1024 * 1024;

export interface TrustRuntime {
  /** `tls.getCACertificates` (Node ≥ 22.15 / 23.5): absent on older runtimes. */
  getCACertificates?: (type: 'default' | 'system' | 'bundled' | 'extra') => string[];
  platform: NodeJS.Platform;
  nodeVersion: string;
}

const currentRuntime: TrustRuntime = {
  getCACertificates: (tls as { getCACertificates?: TrustRuntime['getCACertificates'] }).getCACertificates,
  platform: process.platform,
  nodeVersion: process.versions.node,
};

/** The OS store: read by the runtime where it can, else (Linux) the distribution's bundle file, else honestly nothing. */
export function readSystemStore(runtime: TrustRuntime = currentRuntime, bundles: readonly string[] = LINUX_BUNDLES): SystemStore {
  if (runtime.getCACertificates) {
    try {
      const certs = runtime.getCACertificates('system');
      return { read: true, count: certs.length, from: `the operating system's certificate store (Node ${runtime.nodeVersion})` };
    } catch {
      // fall through to the file route
    }
  }
  if (runtime.platform === 'linux') {
    for (const path of bundles) {
      if (!existsSync(path)) continue;
      try {
        const count = (readFileSync(path, 'utf8').match(PEM_BLOCK) ?? []).length;
        if (count > 0) return { read: true, count, from: path };
      } catch {
        // unreadable: try the next one
      }
    }
    return { read: false, why: 'no system certificate bundle was found on this computer' };
  }
  return {
    read: false,
    why: `this runtime (Node ${runtime.nodeVersion}) cannot read the ${runtime.platform === 'win32' ? 'Windows' : 'macOS'} certificate store; add your organisation's root certificate as an extra CA file instead`,
  };
}

function systemPems(runtime: TrustRuntime, bundles: readonly string[]): string[] {
  if (runtime.getCACertificates) {
    try {
      return runtime.getCACertificates('system');
    } catch {
      // fall through
    }
  }
  if (runtime.platform !== 'linux') return [];
  for (const path of bundles) {
    try {
      if (existsSync(path)) {
        const pems = readFileSync(path, 'utf8').match(PEM_BLOCK) ?? [];
        if (pems.length > 0) return pems;
      }
    } catch {
      // next
    }
  }
  return [];
}

export type CaFileCheck =
  | { ok: true; certs: string[]; subjects: string[] }
  | { ok: false; reason: string };

/** Validates a PEM bundle's text: at least one certificate, each parseable, each a CA certificate. */
export function parseCaPem(text: string): CaFileCheck {
  const blocks = text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) {
    return { ok: false, reason: 'The file holds no certificate in PEM form (text starting with -----BEGIN CERTIFICATE-----). Ask IT for the root certificate as a .pem or Base64 .cer file.' };
  }
  const subjects: string[] = [];
  for (const [i, pem] of blocks.entries()) {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(pem);
    } catch {
      return { ok: false, reason: `Certificate ${i + 1} of the file cannot be read.` };
    }
    const name = commonName(cert.subject);
    if (!cert.ca) return { ok: false, reason: `The certificate '${name}' is not a certificate authority (a server's own certificate cannot be added as a root).` };
    if (Date.parse(cert.validTo) < Date.now()) return { ok: false, reason: `The certificate '${name}' expired on ${cert.validTo}.` };
    subjects.push(name);
  }
  return { ok: true, certs: blocks, subjects };
}

/** Reads and validates the extra CA file. Never throws: the reason is shown in Settings → Network. */
export function readCaFile(path: string): CaFileCheck {
  try {
    const size = statSync(path).size;
    if (size > MAX_CA_FILE_BYTES) return { ok: false, reason: 'The file is larger than 4 MB: it is not a certificate file.' };
    return parseCaPem(readFileSync(path, 'utf8'));
  } catch (err) {
    const code = (err as { code?: string }).code;
    return { ok: false, reason: code === 'ENOENT' ? 'The extra CA file no longer exists.' : `The extra CA file cannot be read (${code ?? 'error'}).` };
  }
}

/** The CN of an X.509 subject/issuer string ("C=US\nO=Zscaler Inc.\nCN=Zscaler Root CA"), else the whole string on one line. */
export function commonName(dn: string | undefined): string {
  if (!dn) return 'unknown';
  const cn = /(?:^|\n)CN=([^\n]+)/.exec(dn);
  return (cn?.[1] ?? dn.replace(/\n/g, ', ')).trim();
}

/** The whole trust list for one configuration. */
export function buildTrust(extra: { path: string; certs: string[] } | null, runtime: TrustRuntime = currentRuntime, bundles: readonly string[] = LINUX_BUNDLES): Trust {
  const bundled = [...tls.rootCertificates];
  const system = readSystemStore(runtime, bundles);
  const systemCerts = system.read ? systemPems(runtime, bundles) : [];
  const ca = [...new Set([...bundled, ...systemCerts, ...(extra?.certs ?? [])])];
  return { ca, bundled: bundled.length, system, extra: extra ? { path: extra.path, count: extra.certs.length } : null };
}
