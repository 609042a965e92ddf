import type { Profile } from '../../../src-preload/contract';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Tabs } from '../../components/Tabs';
import { useSubmit, type SubmitTab } from '../../stores/submit';
import { ClpForm } from './ClpForm';
import { DossierTab } from './DossierTab';
import { SbrForm } from './SbrForm';
import { TargetBanner } from './TargetBanner';

const TABS: Array<{ id: SubmitTab; label: string }> = [
  { id: 'dossiers', label: 'Dossiers' },
  { id: 'sbr', label: 'Submit by reference' },
  { id: 'clp', label: 'C&L notification' },
];

export function SubmitScreen({ profile }: { profile: Profile }) {
  const tab = useSubmit((s) => s.tabs[profile.id] ?? 'dossiers');
  const setTab = useSubmit((s) => s.setTab);
  return (
    <section>
      <ScreenHeader title="Submit" />
      <TargetBanner profile={profile} />
      <Tabs label="What to submit" tabs={TABS} selected={tab} onSelect={(t) => setTab(profile.id, t)}>
        {tab === 'dossiers' && <DossierTab profile={profile} />}
        {tab === 'sbr' && <SbrForm profile={profile} />}
        {tab === 'clp' && <ClpForm profile={profile} />}
      </Tabs>
    </section>
  );
}
