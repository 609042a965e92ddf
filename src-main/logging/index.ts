// The one logger (a leaf: imports nothing of the app, every src-main layer may import it).
export { createLogger, parseLevel, type AppLogger, type Logger } from './logger';
export { formatLine } from './format';
export { RotatingFile } from './rotating-file';
export { logProcessErrors, type ProcessLike } from './process-errors';
