import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The screen's title. It takes focus when the screen opens so keyboard and screen-reader users land at
 * the top of the new content instead of somewhere in the old one.
 */
export function ScreenHeader({ title, children, actions, focusKey }: { title: string; children?: ReactNode; actions?: ReactNode; focusKey?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Not while the user works in the header (e.g. arrowing through the entity switcher, where every
    // arrow press switches) or in a dialog: focus stays where they are.
    const active = document.activeElement;
    if (active instanceof Element && active.closest('.app-header, dialog')) return;
    ref.current?.focus({ preventScroll: false });
  }, [focusKey, title]);
  return (
    <div className="screen-header">
      <div className="screen-header__text">
        <h1 ref={ref} tabIndex={-1}>
          {title}
        </h1>
        {children && <div className="screen-header__sub">{children}</div>}
      </div>
      {actions && <div className="screen-header__actions">{actions}</div>}
    </div>
  );
}
