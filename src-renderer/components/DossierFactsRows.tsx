// What a dossier is about, as rows of a meta-grid <dl>: the subject's name, its trade names (the first
// few, the rest behind a disclosure) and the PCN market countries. Rows without a value are left out.
import type { DossierFacts } from '../../src-preload/contract';

const SHOWN_TRADE_NAMES = 6;

export function DossierFactsRows({ facts }: { facts: DossierFacts | null }) {
  if (!facts) return null;
  const { subjectName, tradeNames, marketCountries } = facts;
  const shown = tradeNames.slice(0, SHOWN_TRADE_NAMES);
  const rest = tradeNames.slice(SHOWN_TRADE_NAMES);
  return (
    <>
      {subjectName && (
        <>
          <dt>Subject</dt>
          <dd className="dossier-facts__subject">{subjectName}</dd>
        </>
      )}
      {tradeNames.length > 0 && (
        <>
          <dt>Trade name{tradeNames.length > 1 ? 's' : ''}</dt>
          <dd>
            {shown.join('; ')}
            {rest.length > 0 && (
              <details className="dossier-facts__more">
                <summary>
                  {rest.length} more trade name{rest.length > 1 ? 's' : ''}
                </summary>
                {rest.join('; ')}
              </details>
            )}
          </dd>
        </>
      )}
      {marketCountries.length > 0 && (
        <>
          <dt>Market countr{marketCountries.length > 1 ? 'ies' : 'y'}</dt>
          <dd>{marketCountries.join(', ')}</dd>
        </>
      )}
    </>
  );
}
