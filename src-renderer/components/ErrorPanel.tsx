import type { ReactNode } from 'react';
import type { AppError } from '../../src-preload/contract';
import { describeError } from '../lib/errors';
import { CheckConnectionLink, isNetworkError } from './CheckConnectionLink';

/** An error as the user should read it: what happened, the portal's words, what to do. */
export function ErrorPanel({ error, action, compact = false }: { error: AppError; action?: ReactNode; compact?: boolean }) {
  const text = describeError(error);
  return (
    <div className={`callout callout--error${compact ? ' callout--compact' : ''}`} role="alert">
      <p className="callout__title">{text.title}</p>
      <p>{text.message}</p>
      {text.serverMessage && (
        <blockquote className="server-message">
          <span className="visually-hidden">The portal said: </span>
          {text.serverMessage}
        </blockquote>
      )}
      {text.advice && <p className="callout__advice">{text.advice}</p>}
      {(action || isNetworkError(error)) && (
        <div className="callout__actions">
          {action}
          {isNetworkError(error) && <CheckConnectionLink />}
        </div>
      )}
    </div>
  );
}
