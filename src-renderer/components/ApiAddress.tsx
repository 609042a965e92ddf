// A profile's API address: where its signed requests (and so its bearer token) go. Hidden behind an
// "Advanced" disclosure because almost nobody should change it, and announced on the profile when it
// is not ECHA's, so a consultant is never surprised about where a submission went.
import { useEffect, useState } from 'react';
import { ApiBaseUrlSchema, ECHA_API_BASE_URL, type Profile } from '../../src-preload/contract';
import { check } from '../lib/validate';
import { TextField } from './Field';

/** The typed address as the store will keep it (trimmed, no trailing slash), for "did it change?". */
export function normaliseApiAddress(raw: string): string {
  return raw.trim().replace(/\/+$/, '');
}

export function isDefaultApiAddress(raw: string): boolean {
  return normaliseApiAddress(raw) === ECHA_API_BASE_URL;
}

/**
 * The contract's rule (ECHA's own https hosts or this computer only), checked as the user types. The
 * settings store applies it again as the authority; its message comes back as `serverError`.
 */
export function apiAddressError(raw: string): string | null {
  return check(ApiBaseUrlSchema, raw.trim());
}

export function ApiAddressDisclosure({
  value,
  onChange,
  error,
  current,
}: {
  value: string;
  onChange: (value: string) => void;
  /** Shown in the field; opens the disclosure so it is seen. */
  error: string | null;
  /** The profile's saved address, when editing one. */
  current?: string;
}) {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (error) setOpen(true);
  }, [error]);
  return (
    <details className="advanced" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Advanced: API address</summary>
      <TextField
        label="API address"
        hint={
          <>
            Default: <span className="mono">{ECHA_API_BASE_URL}</span> (ECHA). Accepted: an https address on ECHA’s own domain
            (<span className="mono">echa.europa.eu</span> or a subdomain of it, standard port), or a local sandbox on this computer
            (<span className="mono">127.0.0.1</span>, <span className="mono">::1</span> or <span className="mono">localhost</span>,
            http allowed). Nothing else: ECHA’s tokens are not tied to one server, so a token sent anywhere else could be used at
            ECHA. Change it only when ECHA instructs you to. A new address locks production again until a connectivity test passes
            against it.
          </>
        }
        value={value}
        onChange={onChange}
        error={error}
        className="field--mono"
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
      />
      {!isDefaultApiAddress(value) && (
        <button type="button" className="button button--ghost" onClick={() => onChange(ECHA_API_BASE_URL)}>
          Use ECHA’s address
        </button>
      )}
      {current !== undefined && normaliseApiAddress(value) !== current && !error && (
        <p className="field__hint">Saving changes the address from {current}.</p>
      )}
    </details>
  );
}

/** A visible note when the profile does not talk to ECHA's own API; nothing when it does. */
export function ApiAddressNote({ profile }: { profile: Pick<Profile, 'baseUrl' | 'endpoint'> }) {
  if (profile.baseUrl === ECHA_API_BASE_URL) return null;
  return (
    <p className="callout callout--warn callout--compact api-address-note">
      <span>
        This legal entity does not use ECHA’s standard API address: it sends to <span className="mono">{profile.baseUrl}</span>.{' '}
        {profile.endpoint === 'local-sandbox'
          ? 'That is a sandbox on this computer: nothing reaches ECHA.'
          : 'Keep it only if ECHA told you to use it.'}
      </span>
    </p>
  );
}
