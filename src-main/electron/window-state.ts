// Remembering the window's size and place between launches, without ever restoring it off-screen
// (a monitor that was unplugged since).
import { z } from 'zod';

const WindowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };
export const MIN_SIZE = { width: 960, height: 600 } as const;

/**
 * The state to open with: the saved one when it is valid and at least 100x50 px of its title area
 * lies on one of today's displays; otherwise the saved size (clamped) centred by the OS.
 */
export function restoreWindowState(saved: unknown, workAreas: readonly Rect[]): WindowState {
  const parsed = WindowStateSchema.safeParse(saved);
  if (!parsed.success) return DEFAULT_WINDOW_STATE;
  const s = parsed.data;
  const largest = workAreas.reduce<Rect | null>((a, b) => (!a || b.width * b.height > a.width * a.height ? b : a), null);
  const width = Math.max(MIN_SIZE.width, Math.min(s.width, largest?.width ?? s.width));
  const height = Math.max(MIN_SIZE.height, Math.min(s.height, largest?.height ?? s.height));
  if (s.x === undefined || s.y === undefined) return { width, height, maximized: s.maximized };
  const titleBar: Rect = { x: s.x, y: s.y, width, height: 50 };
  const visible = workAreas.some((area) => overlap(titleBar, area) >= 100 * 50);
  return visible ? { x: s.x, y: s.y, width, height, maximized: s.maximized } : { width, height, maximized: s.maximized };
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}
