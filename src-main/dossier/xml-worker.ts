import { parentPort } from 'node:worker_threads';
import { DossierError } from './types';
import { parseXmlText } from './xml';

// The XML parser's thread (see xml-thread.ts): a hostile document can only exhaust this thread's own
// heap limit, and a long parse blocks no one but it.

interface Job {
  id: number;
  text: string;
  entry: string;
}

parentPort?.on('message', (job: Job) => {
  try {
    parentPort?.postMessage({ id: job.id, root: parseXmlText(job.text, job.entry) });
  } catch (err) {
    const refusal = err instanceof DossierError ? { code: err.code, message: err.message } : null;
    parentPort?.postMessage({ id: job.id, refusal });
  }
});
