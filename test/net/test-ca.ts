// A certificate authority made at test time with the openssl CLI (never a committed key): a root that
// plays the corporate HTTPS-inspection root ("Test Inspection Root CA") and a server certificate it
// issues for ECHA's API host name, as an inspecting proxy would present.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCa {
  dir: string;
  /** PEM of the root, and its path (what a user picks as the extra CA file). */
  caPem: string;
  caPath: string;
  caName: string;
  /** The server side: leaf key + certificate (the chain file holds leaf then root). */
  key: string;
  cert: string;
  chain: string;
  remove(): void;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

export function makeTestCa(hostName = 'api.ecs.echa.europa.eu', caName = 'Test Inspection Root CA'): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'echa-test-ca-'));
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', `/O=Test Security Inc./CN=${caName}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  openssl(['req', ...ec, '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', `/CN=${hostName}`], dir);
  writeFileSync(join(dir, 'leaf.ext'), `subjectAltName=DNS:${hostName}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
  openssl(['x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'leaf.pem', '-days', '2', '-extfile', 'leaf.ext'], dir);
  const caPem = readFileSync(join(dir, 'ca.pem'), 'utf8');
  const cert = readFileSync(join(dir, 'leaf.pem'), 'utf8');
  return {
    dir,
    caPem,
    caPath: join(dir, 'ca.pem'),
    caName,
    key: readFileSync(join(dir, 'leaf.key'), 'utf8'),
    cert,
    chain: cert + caPem,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
