import type { Profile } from '../../../src-preload/contract';
import type { SetupStep } from '../../stores/ui';
import { ConnectivityStep } from './ConnectivityStep';
import { IntegrationStep } from './IntegrationStep';
import { KeyStep } from './KeyStep';
import { ProductionStep } from './ProductionStep';
import { Stepper } from './Stepper';

/** Set-up of an existing legal entity: key, connectivity test, integration test, production. */
export function SetupWizard({ profile, step }: { profile: Profile; step: SetupStep }) {
  return (
    <section className="wizard">
      <Stepper current={step} profile={profile} />
      {step === 'key' && <KeyStep profile={profile} />}
      {step === 'connectivity' && <ConnectivityStep profile={profile} />}
      {step === 'integration' && <IntegrationStep profile={profile} />}
      {step === 'production' && <ProductionStep profile={profile} />}
    </section>
  );
}
