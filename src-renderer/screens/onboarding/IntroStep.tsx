// Where an S2S key comes from (ECHA's "How to join ECHA's S2S integration service"), before any form.
import { useState } from 'react';
import type { AppError } from '../../../src-preload/contract';
import { ErrorPanel } from '../../components/ErrorPanel';
import { ScreenHeader } from '../../components/ScreenHeader';
import { tryLocalSandbox } from '../../stores/actions';

export function IntroStep({ onContinue, onCancel }: { onContinue: () => void; onCancel: (() => void) | null }) {
  const [error, setError] = useState<AppError | null>(null);
  const [starting, setStarting] = useState(false);

  const trySandbox = async () => {
    setStarting(true);
    setError(null);
    const err = await tryLocalSandbox();
    setStarting(false);
    setError(err);
  };

  return (
    <section className="wizard" aria-labelledby="intro-title">
      <ScreenHeader title="Set up a legal entity">
        <p id="intro-title">
          To submit through ECHA’s System-to-System service, each legal entity needs its own S2S key. This is how you get one — it takes a few days
          the first time, because ECHA reviews the request.
        </p>
      </ScreenHeader>
      {/* The two ways to start come first: in view at 1366×768 without scrolling, next after the heading for the keyboard. */}
      {error && <ErrorPanel error={error} />}
      <div className="button-row">
        <button type="button" className="button button--primary" onClick={onContinue}>
          I have a key — continue
        </button>
        <button type="button" className="button" onClick={() => void trySandbox()} disabled={starting}>
          {starting ? 'Starting the local sandbox…' : 'Try with the local sandbox'}
        </button>
        {onCancel && (
          <button type="button" className="button button--ghost" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      <p className="muted onboarding-start__note">
        The local sandbox is a simulator of ECHA’s service running on this computer, with a demo legal entity and key. Nothing leaves this computer.
      </p>
      <ol className="onboarding-steps">
        <li>
          <h2>Request access to the S2S service</h2>
          <p>
            The legal entity’s <em>LE manager</em> asks ECHA through its contact form (request type “Access to system to system”), giving the ECHA account
            username, the legal-entity UUID, the legal-entity name and the software used to connect.
          </p>
        </li>
        <li>
          <h2>Give someone the “S2S Keys Manager” role</h2>
          <p>
            Once ECHA approves, the LE manager opens ECHA Accounts → Legal Entity → Users, edits a user and adds the role <strong>S2S Keys Manager</strong>.
          </p>
        </li>
        <li>
          <h2>Generate the key</h2>
          <p>
            The S2S Keys Manager opens <strong>S2S keys</strong> in ECHA Accounts, accepts the terms, and generates a key for the legal entity. The key is shown
            only once: copy it, or use <strong>Export (.csv)</strong>. If it is lost, generate a new one.
          </p>
        </li>
        <li>
          <h2>Test, then go live</h2>
          <p>
            This app then stores the key in this computer’s keychain, runs ECHA’s connectivity test and an integration test, and only then lets you switch
            the legal entity to production — after you confirm it by name.
          </p>
        </li>
      </ol>
      <div className="callout callout--info">
        <p className="callout__title">Have ready</p>
        <ul>
          <li>the legal-entity UUID (ECHA-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, shown in ECHA Accounts),</li>
          <li>the username of the ECHA account that generated the key,</li>
          <li>the key itself, or the .csv file exported from the key page.</li>
        </ul>
      </div>
    </section>
  );
}
