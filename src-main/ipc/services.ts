// What main implements behind the contract: handler types, the Services of the composition root
// (src-main/compose.ts) and the streaming sink of a CSV export. Main-only: none of it crosses the
// bridge, so it lives here rather than in src-preload/contract.ts.
import type {
  ArgsOut,
  Channel,
  ExportArgs,
  FileEntry,
  HostChannel,
  HostKind,
  Result,
  ResultFor,
  ServiceChannel,
} from '../../src-preload/contract';

export interface CallContext {
  host: HostKind;
}

/** A handler receives parsed (trusted-shape) args and returns a Result; it never sees `unknown`. */
type Handler<K extends Channel> = (args: ArgsOut<K>, ctx: CallContext) => Promise<ResultFor<K>>;
export type Handlers = { [K in Channel]: Handler<K> };
export type HostHandlers = { [K in HostChannel]: Handler<K> };

/**
 * Streaming text destination for CSV export: a file in Electron, the HTTP response in web mode.
 * `write` resolves when the chunk may be followed by another (back-pressure).
 */
export interface TextSink {
  write(chunk: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The services main implements once for both hosts: one handler per non-host channel, plus the
 * primitives the host calls need (register a file that arrived by dialog/drop/upload, stream a CSV).
 */
export type Services = { [K in ServiceChannel]: Handler<K> } & {
  /**
   * Take a file that reached main (native dialog path, dropped path, or a web upload already streamed
   * to disk) and issue a ref. Main checks it (regular file, `.i6z`, size bound) whatever its origin.
   * `origin: 'uploaded'` means the file is a temporary copy that the services now own (move or delete it).
   */
  registerFile(input: { path: string; fileName: string; origin: 'picked' | 'dropped' | 'uploaded' }): Promise<Result<FileEntry>>;
  /**
   * Stream the CSV of `args` into `sink`, emitting `exportProgress` phase 'running' for `exportId`.
   * The HOST emits the final 'done' / 'failed' (only it knows when the file or download is complete).
   */
  writeCsv(args: ExportArgs, sink: TextSink, exportId: string): Promise<Result<{ rowCount: number }>>;
  /** Suggested file name for an export of `args`, e.g. `echa-submissions-2025-11-23.csv`. */
  exportFileName(args: ExportArgs): string;
};

