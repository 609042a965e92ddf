import type { Profile } from '../../../src-preload/contract';
import { useUi, type SetupStep } from '../../stores/ui';

const STEPS: Array<{ step: SetupStep; label: string }> = [
  { step: 'key', label: 'Legal entity and key' },
  { step: 'connectivity', label: 'Connectivity test' },
  { step: 'integration', label: 'Integration test' },
  { step: 'production', label: 'Production' },
];

function done(step: SetupStep, profile: Profile | null): boolean {
  if (!profile) return false;
  switch (step) {
    case 'key':
      return profile.hasKey;
    case 'connectivity':
      return profile.connectivity.passedAt !== null;
    case 'integration':
      // Done when ECHA passed one of the entity's dossiers, not when only the calls worked: a run whose
      // dossier failed validation is not a finished integration test (issue 11).
      return profile.integration.dossierPassedAt !== null;
    case 'production':
      return profile.mode.kind === 'production';
  }
}

/** Where the set-up stands. Steps of an existing profile can be revisited. */
export function Stepper({ current, profile }: { current: SetupStep; profile: Profile | null }) {
  const goFor = useUi((s) => s.goFor);
  return (
    <nav aria-label="Set-up steps" className="stepper">
      <ol>
        {STEPS.map((s, i) => {
          const isCurrent = s.step === current;
          const isDone = done(s.step, profile);
          const content = (
            <>
              <span className="stepper__number" aria-hidden="true">
                {isDone ? '✓' : i + 1}
              </span>
              <span className="stepper__label">{s.label}</span>
              {isDone && <span className="visually-hidden"> (done)</span>}
              {!isDone && s.step === 'integration' && profile?.integration.passedAt && (
                <span className="visually-hidden"> (the calls work; no dossier passed yet)</span>
              )}
            </>
          );
          return (
            <li key={s.step} className={`stepper__step${isCurrent ? ' stepper__step--current' : ''}${isDone ? ' stepper__step--done' : ''}`}>
              {profile && !isCurrent ? (
                <button type="button" className="stepper__button" onClick={() => goFor(profile.id, { screen: 'setup', step: s.step })}>
                  {content}
                </button>
              ) : (
                <span className="stepper__button" aria-current={isCurrent ? 'step' : undefined}>
                  {content}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
