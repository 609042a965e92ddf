// The one logger (a leaf: imports nothing of the app, every src-main layer may import it).
export { createLogger, parseLevel, type AppLogger, type Logger, type LoggerOptions } from './logger';
export { describeDetail, formatLine, type LogLevel } from './format';
export { RotatingFile, DEFAULT_KEEP, DEFAULT_MAX_BYTES } from './rotating-file';
export { logProcessErrors, type ProcessLike } from './process-errors';
