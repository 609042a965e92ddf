import type { Validation, ValidationLevel } from '../../../src-preload/contract';
import { FindingGuidance } from './FindingGuidance';

const LEVELS: Array<{ level: ValidationLevel; title: string; explain: string }> = [
  { level: 'FAIL', title: 'Failures', explain: 'These made the submission fail. Each says what it means and what to do.' },
  { level: 'EXCEPTION', title: 'Exceptions', explain: 'ECHA could not complete a check. If it repeats, contact ECHA.' },
  { level: 'WARN', title: 'Warnings', explain: 'These did not stop the submission, but should be looked at.' },
];

/** Validation results grouped by level, failures first. */
export function Validations({ validations, reportFetched }: { validations: Validation[]; reportFetched: boolean }) {
  if (!reportFetched) return <p className="muted">The report has not been fetched yet. It is fetched once the submission reaches a final status.</p>;
  if (!validations.length) return <p className="preflight-ok">✓ The report lists no validation findings.</p>;
  return (
    <div className="validations">
      {LEVELS.map(({ level, title, explain }) => {
        const group = validations.filter((v) => v.level === level);
        if (!group.length) return null;
        return (
          <section key={level} className={`validation-group validation-group--${level.toLowerCase()}`} aria-label={`${title} (${group.length})`}>
            <h3>
              {title} <span className="count-badge">{group.length}</span>
            </h3>
            <p className="muted">{explain}</p>
            <ul>
              {group.map((v, i) => (
                <li key={`${v.code}-${i}`} className="validation">
                  <code className="validation__code">{v.code}</code>
                  <span className="validation__context">{v.context}</span>
                  {level === 'FAIL' && <FindingGuidance code={v.code} context={v.context} />}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
