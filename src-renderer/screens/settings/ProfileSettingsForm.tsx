// Per legal entity: name, API version, key reading, upload encoding, test-run numbering, API address.
import { useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import {
  KeyReadingSchema,
  TestRunPrefixSchema,
  UploadEncodingSchema,
  type ApiVersion,
  type AppError,
  type KeyReading,
  type Profile,
  type UploadEncoding,
} from '../../../src-preload/contract';
import { api } from '../../api';
import { ApiAddressDisclosure, ApiAddressNote, apiAddressError, normaliseApiAddress } from '../../components/ApiAddress';
import { ApiVersionSelect } from '../../components/ApiVersionSelect';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Field, TextField } from '../../components/Field';
import { safeCall } from '../../lib/call';
import { fieldIssues } from '../../lib/errors';
import { followStored } from '../../lib/follow-stored';
import { check } from '../../lib/validate';
import { useProfiles } from '../../stores/profiles';
import { useSaveSection, useSectionForm, type SectionOutcome } from './save-sections';

const NameSchema = z.string().trim().min(1, 'Enter a name').max(120);
const GroupSchema = z.string().trim().max(80, 'At most 80 characters');
/** Empty (no folder) or a full path: main checks the rest and reports a missing folder on the Submit screen. */
const WatchFolderSchema = z
  .string()
  .trim()
  .max(1000, 'At most 1000 characters')
  .refine((p) => p === '' || p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'Give the full path of the folder, e.g. C:\\Dossiers\\Acme');
const NextSchema = z.number().int('A whole number').min(1, 'At least 1').max(999_999);

export function ProfileSettingsForm({ profile }: { profile: Profile }) {
  const [name, setName] = useState(profile.displayName);
  const [group, setGroup] = useState(profile.clientGroup ?? '');
  const [watchFolder, setWatchFolder] = useState(profile.watchFolder ?? '');
  const [apiVersion, setApiVersion] = useState<ApiVersion>(profile.apiVersion);
  const [keyReading, setKeyReading] = useState<KeyReading>(profile.keyReading);
  const [encoding, setEncoding] = useState<UploadEncoding>(profile.uploadEncoding);
  const [prefix, setPrefix] = useState(profile.testRunPrefix ?? '');
  const [next, setNext] = useState(String(profile.nextTestRunNumber));
  const [baseUrl, setBaseUrl] = useState(profile.baseUrl);
  const [error, setError] = useState<AppError | null>(null);

  const reset = () => {
    setName(profile.displayName);
    setGroup(profile.clientGroup ?? '');
    setWatchFolder(profile.watchFolder ?? '');
    setApiVersion(profile.apiVersion);
    setKeyReading(profile.keyReading);
    setEncoding(profile.uploadEncoding);
    setPrefix(profile.testRunPrefix ?? '');
    setNext(String(profile.nextTestRunNumber));
    setBaseUrl(profile.baseUrl);
  };
  // The draft follows the stored profile where the user has not edited it: main replaces the profile
  // object after a test run (the next test-run number), a mode change or a save elsewhere, and an
  // edit in progress must survive that; the fields the user did not touch take the new values.
  const stored = useRef(profile);
  useEffect(() => {
    const was = stored.current;
    stored.current = profile;
    if (was === profile) return;
    setName(followStored(was.displayName, profile.displayName));
    setGroup(followStored(was.clientGroup ?? '', profile.clientGroup ?? ''));
    setWatchFolder(followStored(was.watchFolder ?? '', profile.watchFolder ?? ''));
    setApiVersion(followStored(was.apiVersion, profile.apiVersion));
    setKeyReading(followStored(was.keyReading, profile.keyReading));
    setEncoding(followStored(was.uploadEncoding, profile.uploadEncoding));
    setPrefix(followStored(was.testRunPrefix ?? '', profile.testRunPrefix ?? ''));
    setNext(followStored(String(was.nextTestRunNumber), String(profile.nextTestRunNumber)));
    setBaseUrl(followStored(was.baseUrl, profile.baseUrl));
  }, [profile]);

  const server = fieldIssues(error);
  const nameError = check(NameSchema, name) ?? server.displayName ?? null;
  const groupError = check(GroupSchema, group) ?? server.clientGroup ?? null;
  const watchError = check(WatchFolderSchema, watchFolder) ?? server.watchFolder ?? null;
  const prefixError = prefix.trim() ? check(TestRunPrefixSchema, prefix.trim()) : 'Enter a prefix: test runs are numbered after it';
  const nextError = check(NextSchema, Number(next));
  const addressChanged = normaliseApiAddress(baseUrl) !== profile.baseUrl;
  const baseUrlError = (addressChanged ? apiAddressError(baseUrl) : null) ?? server.baseUrl ?? null;
  const valid = !nameError && !groupError && !watchError && !prefixError && !nextError && !(addressChanged && apiAddressError(baseUrl));

  const patch: Parameters<typeof api.updateProfile>[0]['patch'] = {};
  if (name.trim() !== profile.displayName) patch.displayName = name.trim();
  if (group.trim() !== (profile.clientGroup ?? '')) patch.clientGroup = group.trim();
  if (watchFolder.trim() !== (profile.watchFolder ?? '')) patch.watchFolder = watchFolder.trim();
  if (apiVersion !== profile.apiVersion) patch.apiVersion = apiVersion;
  if (keyReading !== profile.keyReading) patch.keyReading = keyReading;
  if (encoding !== profile.uploadEncoding) patch.uploadEncoding = encoding;
  if (prefix.trim() !== profile.testRunPrefix) patch.testRunPrefix = prefix.trim();
  if (next.trim() === '' || Number(next) !== profile.nextTestRunNumber) patch.nextTestRunNumber = Number(next);
  if (addressChanged) patch.baseUrl = normaliseApiAddress(baseUrl);
  const dirty = Object.keys(patch).length > 0;

  const save = async (): Promise<SectionOutcome> => {
    if (!dirty) return { result: 'unchanged' };
    const r = await safeCall(() => api.updateProfile({ profileId: profile.id, patch }));
    if (!r.ok) {
      setError(r.error);
      return { result: 'failed' };
    }
    setError(null);
    useProfiles.getState().upsert(r.value);
    return profile.productionUnlocked && !r.value.productionUnlocked
      ? { result: 'saved', note: 'Production is locked again: pass the connectivity test with the new settings first.' }
      : { result: 'saved' };
  };
  useSaveSection('profile', { label: 'the legal entity', dirty, valid, save, discard: reset });
  const formProps = useSectionForm();

  return (
    <form className="form" {...formProps} noValidate
      aria-labelledby="settings-profile"
    >
      <h2 id="settings-profile">Legal entity: {profile.displayName}</h2>
      <dl className="meta-list meta-list--inline">
        <div>
          <dt>LE UUID</dt>
          <dd className="mono">{profile.leUuid}</dd>
        </div>
        <div>
          <dt>Username</dt>
          <dd>{profile.username}</dd>
        </div>
        <div>
          <dt>Endpoint</dt>
          <dd>{profile.endpoint === 'local-sandbox' ? 'Local sandbox (this computer)' : 'ECHA'}</dd>
        </div>
      </dl>
      <ApiAddressNote profile={profile} />
      <div className="form-grid form-grid--3">
        <TextField label="Display name" value={name} onChange={setName} error={nameError} />
        <TextField
          label="Client group"
          hint="Optional: the client this legal entity belongs to. Shown in the legal-entity picker."
          value={group}
          onChange={setGroup}
          error={groupError}
        />
        <TextField
          label="Watch folder"
          hint="Optional: new .i6z files written to this folder appear on this entity's Submit screen, checked. Nothing is sent until you submit."
          value={watchFolder}
          onChange={setWatchFolder}
          error={watchError}
        />
        <Field label="API version" hint="v3 is current. Submit by reference needs v2+, C&L needs v3.">
          {({ id, describedBy }) => (
            <ApiVersionSelect id={id} describedBy={describedBy} value={apiVersion} onChange={setApiVersion} />
          )}
        </Field>
        <Field
          label="Key reading"
          hint={
            profile.keyReadingSettled
              ? 'Settled by a passed connectivity test; change only if ECHA rejects the signature.'
              : 'How the key becomes the signing secret. The connectivity test finds out automatically.'
          }
        >
          {({ id, describedBy }) => (
            <select id={id} className="select" aria-describedby={describedBy} value={keyReading} onChange={(e) => setKeyReading(KeyReadingSchema.parse(e.target.value))}>
              <option value="base64url-decoded">Base64URL-decoded (default)</option>
              <option value="literal">The key text as is</option>
            </select>
          )}
        </Field>
        <Field label="Upload encoding" hint="Raw archive body by default; multipart/form-data if ECHA refuses it.">
          {({ id, describedBy }) => (
            <select id={id} className="select" aria-describedby={describedBy} value={encoding} onChange={(e) => setEncoding(UploadEncodingSchema.parse(e.target.value))}>
              <option value="raw">Archive as the request body</option>
              <option value="multipart">multipart/form-data</option>
            </select>
          )}
        </Field>
        <TextField
          label="Test-run prefix"
          hint="Company-specific: lower-case letters, digits, “-”."
          value={prefix}
          onChange={setPrefix}
          error={prefixError}
          className="field--mono"
          spellCheck={false}
        />
        <TextField label="Next test-run number" value={next} onChange={setNext} error={nextError} type="number" inputMode="numeric" />
      </div>
      <ApiAddressDisclosure value={baseUrl} onChange={setBaseUrl} error={baseUrlError} current={profile.baseUrl} />
      {error && error.kind !== 'invalid-input' && <ErrorPanel error={error} compact />}
    </form>
  );
}
