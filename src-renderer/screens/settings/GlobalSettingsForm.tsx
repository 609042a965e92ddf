// Application settings, and the Network section (proxy, extra CA file, Check connection) under the same
// Save. Every number is bounded by the same schema main enforces (SETTINGS_LIMITS), and
// the one rule across fields (failure threshold <= batch size) is checked here with the contract's own
// function, so the user sees an inline message instead of a refused call.
import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import {
  FAILURE_THRESHOLD_MESSAGE,
  SETTINGS_LIMITS,
  SettingsSchema,
  failureThresholdWithinBatch,
  type AppError,
  type Settings,
  type SettingsPatch,
} from '../../../src-preload/contract';
import { ErrorPanel } from '../../components/ErrorPanel';
import { DISPLAY_ZONES, DISPLAY_ZONE_LABELS, localTimeZone } from '../../../src-preload/locale';
import { CsvSeparatorSelect } from '../../components/CsvSeparatorSelect';
import { formatDateTime } from '../../lib/format';
import { Field } from '../../components/Field';
import { fieldIssues } from '../../lib/errors';
import { useApp } from '../../stores/app';
import { followStored } from '../../lib/follow-stored';
import { ConnectionCheck } from './network/ConnectionCheck';
import { NetworkFields } from './network/NetworkFields';
import { useNetworkDraft } from './network/useNetworkDraft';
import { useSaveSection, useSectionForm, type SectionOutcome } from './save-sections';

type NumberKey =
  | 'syncIntervalMinutes'
  | 'downloadWatchMinutes'
  | 'downloadWatchDays'
  | 'heartbeatHours'
  | 'reportsPerHour'
  | 'requestTimeoutSeconds'
  | 'uploadTimeoutSeconds'
  | 'batchSize'
  | 'batchFailureThreshold'
  | 'batchVerdictWaitMinutes'
  | 'automaticRetries'
  | 'pendingTooLongDays'
  | 'notDownloadedAfterDays'
  | 'tokenLifetimeMinutes';

const NUMBERS: Array<{ key: NumberKey; label: string; hint: string; unit: string }> = [
  { key: 'syncIntervalMinutes', label: 'Sync while pending every', hint: 'How often events are fetched while a submission awaits ECHA’s verdict.', unit: 'minutes' },
  { key: 'downloadWatchMinutes', label: 'Sync while awaiting downloads every', hint: 'While passed PCN submissions are not yet downloaded by every recipient country.', unit: 'minutes' },
  { key: 'downloadWatchDays', label: 'Follow downloads for', hint: 'Days after passing during which downloads are followed at that pace.', unit: 'days' },
  { key: 'heartbeatHours', label: 'Otherwise sync every', hint: 'A heartbeat when nothing is pending or awaited.', unit: 'hours' },
  { key: 'reportsPerHour', label: 'Background reports per hour', hint: 'Reports of submissions made elsewhere, fetched per legal entity (this app’s own and every failed one are fetched at once).', unit: 'reports' },
  { key: 'requestTimeoutSeconds', label: 'Request timeout', hint: 'ECHA recommends 30–60 seconds.', unit: 'seconds' },
  { key: 'uploadTimeoutSeconds', label: 'Upload timeout', hint: 'For one dossier upload.', unit: 'seconds' },
  { key: 'batchSize', label: 'Batch size', hint: 'Uploads sent in one go.', unit: 'uploads' },
  {
    key: 'batchFailureThreshold',
    label: 'Stop a batch after',
    hint: 'Failures (uploads that failed and dossiers that failed ECHA’s validation) before a batch stops by itself.',
    unit: 'failures',
  },
  {
    key: 'batchVerdictWaitMinutes',
    label: 'Wait for ECHA’s verdicts',
    hint: 'After each batch chunk, how long to wait for ECHA to pass or fail it before the next chunk; then you are asked.',
    unit: 'minutes',
  },
  {
    key: 'automaticRetries',
    label: 'Automatic retries',
    hint: 'Technical failures (server errors, timeouts) are retried after 1 hour, then the next day; then held for you. 0 turns this off.',
    unit: 'retries',
  },
  { key: 'pendingTooLongDays', label: 'Flag as overdue after', hint: 'A submission still pending this long is flagged (contact ECHA, do not resubmit).', unit: 'days' },
  {
    key: 'notDownloadedAfterDays',
    label: 'Flag as not downloaded after',
    hint: 'A passed PCN submission that some recipient country has not downloaded this long after passing is flagged on the overview (downloads can take up to two weeks).',
    unit: 'days',
  },
  // A bounded number on purpose: no "never expires" choice, although the spec allows a token without
  // `exp`. Such a token, once leaked, would be a standing credential to submit in the entity's name.
  {
    key: 'tokenLifetimeMinutes',
    label: 'Sign-in token lifetime',
    hint: 'How long each signed token stays valid. ECHA suggests 3 hours (180); shorter is safer if a token leaks. Tokens always expire.',
    unit: 'minutes',
  },
];

export function GlobalSettingsForm({ settings }: { settings: Settings }) {
  const update = useApp((s) => s.updateSettings);
  const host = useApp((s) => s.info?.host ?? 'web');
  const network = useNetworkDraft();
  const [draft, setDraft] = useState<Record<NumberKey, string>>(() => toDraft(settings));
  const [peak, setPeak] = useState(settings.peakHours);
  const [peakThreshold, setPeakThreshold] = useState(String(settings.peakHours.batchThreshold));
  const [delimiter, setDelimiter] = useState(settings.csvDelimiter);
  const [zone, setZone] = useState(settings.displayTimeZone);
  const [notifications, setNotifications] = useState(settings.notifications);
  const [error, setError] = useState<AppError | null>(null);

  const reset = () => {
    setDraft(toDraft(settings));
    setPeak(settings.peakHours);
    setPeakThreshold(String(settings.peakHours.batchThreshold));
    setDelimiter(settings.csvDelimiter);
    setZone(settings.displayTimeZone);
    setNotifications(settings.notifications);
  };
  // The draft follows the stored settings where the user has not edited it (as the legal entity's
  // form does): settings replaced from elsewhere (the Export screen's separator) keep an edit in progress.
  const stored = useRef(settings);
  useEffect(() => {
    const was = stored.current;
    stored.current = settings;
    if (was === settings) return;
    const before = toDraft(was);
    const after = toDraft(settings);
    setDraft((d) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, followStored(before[k as NumberKey], after[k as NumberKey])(v)])) as Record<NumberKey, string>);
    setPeak(followStored(was.peakHours, settings.peakHours));
    setPeakThreshold(followStored(String(was.peakHours.batchThreshold), String(settings.peakHours.batchThreshold)));
    setDelimiter(followStored(was.csvDelimiter, settings.csvDelimiter));
    setZone(followStored(was.displayTimeZone, settings.displayTimeZone));
    setNotifications(followStored(was.notifications, settings.notifications));
  }, [settings]);

  const server = fieldIssues(error);
  const fieldErrors = Object.fromEntries(
    NUMBERS.map((n) => [n.key, numberError(SettingsSchema.shape[n.key], SETTINGS_LIMITS[n.key], draft[n.key])]),
  ) as Record<NumberKey, string | null>;
  const thresholdError =
    !fieldErrors.batchSize &&
    !fieldErrors.batchFailureThreshold &&
    !failureThresholdWithinBatch({ batchSize: Number(draft.batchSize), batchFailureThreshold: Number(draft.batchFailureThreshold) })
      ? FAILURE_THRESHOLD_MESSAGE
      : null;
  const errors: Record<NumberKey, string | null> = { ...fieldErrors, batchFailureThreshold: fieldErrors.batchFailureThreshold ?? thresholdError };
  const peakError = numberError(SettingsSchema.shape.peakHours.shape.batchThreshold, SETTINGS_LIMITS.peakBatchThreshold, peakThreshold);
  const valid = Object.values(errors).every((e) => !e) && !peakError && network.valid;

  const patch: SettingsPatch = {};
  for (const n of NUMBERS) {
    const v = Number(draft[n.key]);
    if (draft[n.key].trim() === '' || v !== settings[n.key]) patch[n.key] = v;
  }
  if (peak.behaviour !== settings.peakHours.behaviour || peakThreshold.trim() === '' || Number(peakThreshold) !== settings.peakHours.batchThreshold) {
    patch.peakHours = { behaviour: peak.behaviour, batchThreshold: Number(peakThreshold) };
  }
  if (delimiter !== settings.csvDelimiter) patch.csvDelimiter = delimiter;
  if (zone !== settings.displayTimeZone) patch.displayTimeZone = zone;
  if (JSON.stringify(notifications) !== JSON.stringify(settings.notifications)) patch.notifications = notifications;
  const appChanged = Object.keys(patch).length > 0;

  const save = async (): Promise<SectionOutcome> => {
    if (!appChanged && !network.dirty) return { result: 'unchanged' };
    // The network part first: its checks (proxy address, CA file) are the ones likely to refuse.
    const net = await network.save();
    if (net.error) return { result: 'failed' };
    const err = appChanged ? await update(patch) : null;
    setError(err);
    if (!err) return { result: 'saved' };
    return net.changed ? { result: 'failed', note: 'The network settings were saved; the others were not.' } : { result: 'failed' };
  };
  useSaveSection('app', {
    label: 'the application settings',
    dirty: appChanged || network.dirty,
    valid,
    save,
    discard: () => {
      reset();
      void network.reload();
    },
  });
  const formProps = useSectionForm();

  return (
    <form className="form" {...formProps} noValidate aria-labelledby="settings-app">
      <h2 id="settings-app">Application</h2>
      <div className="form-grid form-grid--3">
        {NUMBERS.map((n) => (
          <Field
            key={n.key}
            label={`${n.label} (${n.unit})`}
            hint={`${n.hint} ${SETTINGS_LIMITS[n.key].min}–${SETTINGS_LIMITS[n.key].max}.`}
            error={errors[n.key] ?? server[n.key] ?? null}
          >
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                className="input input--number"
                type="number"
                inputMode="numeric"
                min={SETTINGS_LIMITS[n.key].min}
                max={SETTINGS_LIMITS[n.key].max}
                value={draft[n.key]}
                onChange={(e) => setDraft((d) => ({ ...d, [n.key]: e.target.value }))}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
              />
            )}
          </Field>
        ))}
      </div>
      <fieldset className="fieldset">
        <legend>ECHA’s peak hours (10:00–17:00 Helsinki)</legend>
        <div className="form-grid">
          <Field label="When a large batch starts in peak hours">
            {({ id }) => (
              <select
                id={id}
                className="select"
                value={peak.behaviour}
                onChange={(e) => setPeak({ ...peak, behaviour: e.target.value === 'hold' ? 'hold' : e.target.value === 'send' ? 'send' : 'ask' })}
              >
                <option value="ask">Ask me</option>
                <option value="hold">Hold it until 17:00 Helsinki</option>
                <option value="send">Send it anyway</option>
              </select>
            )}
          </Field>
          <Field label="“Large” means more than (uploads)" error={peakError}>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                className="input input--number"
                type="number"
                inputMode="numeric"
                min={SETTINGS_LIMITS.peakBatchThreshold.min}
                max={SETTINGS_LIMITS.peakBatchThreshold.max}
                value={peakThreshold}
                onChange={(e) => setPeakThreshold(e.target.value)}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
              />
            )}
          </Field>
        </div>
      </fieldset>
      <div className="form-grid">
        <Field label="Show times in" hint={`Every time on screen and in CSV exports. Now: ${formatDateTime(new Date().toISOString())}.`}>
          {({ id, describedBy }) => (
            <select
              id={id}
              className="select select--narrow"
              aria-describedby={describedBy}
              value={zone}
              onChange={(e) => setZone(DISPLAY_ZONES.find((z) => z === e.target.value) ?? 'local')}
            >
              {DISPLAY_ZONES.map((z) => (
                <option key={z} value={z}>
                  {z === 'local' ? `${DISPLAY_ZONE_LABELS.local} (${localTimeZone()})` : DISPLAY_ZONE_LABELS[z]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <CsvSeparatorSelect label="CSV column separator" value={delimiter} onChange={setDelimiter} />
        <fieldset className="fieldset">
          <legend>Notify me when a submission</legend>
          {(
            [
              ['passed', 'passes validation'],
              ['failed', 'fails validation'],
              ['downloaded', 'is downloaded by a country'],
              ['held', 'is held in the outbox'],
            ] as const
          ).map(([k, label]) => (
            <label key={k} className="checkbox-label">
              <input type="checkbox" checked={notifications[k]} onChange={(e) => setNotifications({ ...notifications, [k]: e.target.checked })} />
              {label}
            </label>
          ))}
        </fieldset>
      </div>
      <section className="settings-section" aria-labelledby="settings-network">
        <h2 id="settings-network">Network</h2>
        <NetworkFields state={network} host={host} />
        <ConnectionCheck unsaved={network.dirty} />
      </section>
      {error && error.kind !== 'invalid-input' && <ErrorPanel error={error} compact />}
      {error && error.kind === 'invalid-input' && !NUMBERS.some((n) => server[n.key]) && <ErrorPanel error={error} compact />}
    </form>
  );
}

function toDraft(s: Settings): Record<NumberKey, string> {
  return Object.fromEntries(NUMBERS.map((n) => [n.key, String(s[n.key])])) as Record<NumberKey, string>;
}

/** A whole number within the store's limits, with a message that names them (empty counts as missing). */
function numberError(schema: z.ZodType, limits: { min: number; max: number }, raw: string): string | null {
  if (raw.trim() === '') return `Enter a whole number from ${limits.min} to ${limits.max}`;
  return schema.safeParse(Number(raw)).success ? null : `Enter a whole number from ${limits.min} to ${limits.max}`;
}
