// The first two steps of the set-up, before the profile exists: where keys come from, then the form.
import { useProfiles } from '../../stores/profiles';
import { useUi, type NewEntityStep } from '../../stores/ui';
import { EntityForm } from './EntityForm';
import { IntroStep } from './IntroStep';

export function NewEntityWizard({ step }: { step: NewEntityStep }) {
  const open = useUi((s) => s.openNewEntity);
  const close = useUi((s) => s.closeNewEntity);
  const hasProfiles = useProfiles((s) => s.profiles.length > 0);
  if (step === 'intro') return <IntroStep onContinue={() => open('details')} onCancel={hasProfiles ? close : null} />;
  return <EntityForm onBack={() => open('intro')} />;
}
