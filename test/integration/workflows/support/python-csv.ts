// An independent CSV reader for the tests: Python's csv module (not our code), run as a child process.
// It gets the raw bytes and returns the parsed records as JSON, plus whether a UTF-8 BOM led the file.
import { spawnSync } from 'node:child_process';

const SCRIPT = `
import csv, io, json, sys
data = sys.stdin.buffer.read()
bom = data.startswith(b'\\xef\\xbb\\xbf')
text = data.decode('utf-8-sig')
rows = list(csv.reader(io.StringIO(text, newline=''), delimiter=sys.argv[1], strict=True))
json.dump({'bom': bom, 'rows': rows}, sys.stdout)
`;

export function parseCsvWithPython(bytes: Buffer, delimiter: ',' | ';'): { bom: boolean; rows: string[][] } {
  const out = spawnSync('python3', ['-c', SCRIPT, delimiter], { input: bytes, maxBuffer: 512 * 1024 * 1024 });
  if (out.status !== 0) throw new Error(`python csv failed: ${out.stderr.toString()}`);
  return JSON.parse(out.stdout.toString('utf8')) as { bom: boolean; rows: string[][] };
}
