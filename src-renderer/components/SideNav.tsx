import type { Profile } from '../../src-preload/contract';
import { useApp } from '../stores/app';
import { useOutbox } from '../stores/outbox';
import { useUi, type Route, type ScreenName } from '../stores/ui';

const ITEMS: Array<{ screen: ScreenName; label: string; route: Route; key: string }> = [
  { screen: 'overview', label: 'Overview', route: { screen: 'overview' }, key: '0' },
  { screen: 'submit', label: 'Submit', route: { screen: 'submit' }, key: '1' },
  { screen: 'outbox', label: 'Outbox', route: { screen: 'outbox' }, key: '2' },
  { screen: 'history', label: 'History', route: { screen: 'history' }, key: '3' },
  { screen: 'export', label: 'Export', route: { screen: 'export' }, key: '4' },
  { screen: 'report', label: 'Client report', route: { screen: 'report' }, key: '6' },
  { screen: 'settings', label: 'Settings', route: { screen: 'settings' }, key: '5' },
];

export const NAV_SHORTCUTS = ITEMS.map((i) => ({ key: i.key, route: i.route }));

export function SideNav({ profile, current }: { profile: Profile; current: Route }) {
  const go = useUi((s) => s.go);
  const held = useOutbox((s) => s.allCounts.held);
  const pending = useApp((s) => s.badge.pendingSubmissions);
  const active: ScreenName = current.screen === 'detail' ? 'history' : current.screen;
  const setupDone = profile.hasKey && profile.connectivity.passedAt !== null;

  return (
    <nav className="side-nav" aria-label="Main">
      <ul>
        {ITEMS.map((item) => (
          <li key={item.screen}>
            <button
              type="button"
              className="side-nav__item"
              aria-current={active === item.screen ? 'page' : undefined}
              onClick={() => go(item.route)}
              title={`Alt+${item.key}`}
            >
              <span>{item.label}</span>
              {item.screen === 'outbox' && held > 0 && (
                <span className="count-badge count-badge--warn">
                  {held}
                  <span className="visually-hidden"> held</span>
                </span>
              )}
              {item.screen === 'history' && pending > 0 && (
                <span className="count-badge">
                  {pending}
                  <span className="visually-hidden"> pending</span>
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
      <div className="side-nav__footer">
        <button
          type="button"
          className="side-nav__item"
          aria-current={active === 'setup' ? 'page' : undefined}
          onClick={() => go({ screen: 'setup', step: setupDone ? 'integration' : profile.hasKey ? 'connectivity' : 'key' })}
        >
          <span>Tests &amp; go-live</span>
          {!setupDone && (
            <span className="count-badge count-badge--info">
              !<span className="visually-hidden"> set-up not finished</span>
            </span>
          )}
        </button>
      </div>
    </nav>
  );
}
