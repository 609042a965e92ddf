// Child process of crash.test.ts: ingests the model's events page by page from the stored offsets,
// with outbox upload cycles in between, until done or killed. Resuming from the stored offsets is
// exactly what the app does after a restart.
// usage: node --import tsx crash-child.ts <dbPath> <count> <seed> <pageSize>
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { openLedger } from '../../../src-main/ledger';
import { SPACES, buildModel } from './scale-fixture';

const [dbPath, countArg, seedArg, pageArg] = process.argv.slice(2);
const model = buildModel(Number(countArg), Number(seedArg));
const pageSize = Number(pageArg);
const ledger = openLedger(dbPath!);
process.stdout.write('ready\n');

let round = 0;
async function main(): Promise<void> {
  for (;;) {
    let progressed = false;
    for (let i = 0; i < SPACES.length; i++) {
      const space = SPACES[i]!;
      const offset = ledger.getEventOffset(space);
      const page = model.events[i]!.slice(offset, offset + pageSize);
      if (page.length === 0) continue;
      ledger.ingestEventPage(space, page);
      progressed = true;
    }
    // An upload cycle every round: a kill may land while an item is 'uploading' or being copied.
    round += 1;
    const content = `dossier ${round}`;
    const src = join(ledger.outboxDir, '..', `src-${round}.i6z`);
    writeFileSync(src, content);
    const item = await ledger.queueDossierFile(src, {
      space: SPACES[0]!,
      uploadEncoding: 'raw',
      correlationId: `crash-${round}`,
      dossier: {
        fileName: `src-${round}.i6z`,
        sizeBytes: content.length,
        sha256: createHash('sha256').update(content).digest('hex'),
        dossierUuid: null,
        dossierName: null,
        submissionType: 'CLP_PCN',
        kind: 'PCN',
        ufis: [],
        pcnNumber: null,
        scipPrimaryArticleId: null,
      },
    });
    ledger.startUpload(item.id);
    await new Promise((r) => setTimeout(r, 30)); // "the upload" takes a while: the kill may come now
    ledger.recordUploadAccepted(item.id, [{ submissionNumber: `UP-${round}` }]);
    if (!progressed) break;
  }
  ledger.close();
  process.stdout.write('done\n');
}

main().catch((err) => {
  process.stderr.write(String(err?.stack ?? err));
  process.exit(1);
});
