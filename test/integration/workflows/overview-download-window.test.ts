// "Not downloaded after N days" on the overview follows the setting: a passed PCN notification that no
// recipient country has downloaded yet is flagged once it is older than the window, and not before.
import { describe, expect, it } from 'vitest';
import { buildPcnDossier } from '../../fixtures/archives';
import { ctx, queue, target, unwrap } from './support/harness';
import { ManualTime } from './support/manual-time';
import { demoLe, sandboxRun } from './support/sandbox-run';

const DAY = 24 * 3600_000;
const run = sandboxRun();

describe('overview: the download window is a setting', () => {
  it('flags a passed PCN notification not downloaded after the configured number of days', async () => {
    const time = new ManualTime(Date.parse('2025-03-03T08:00:00Z'));
    // Passed and dispatched at once; the first recipient downloads only after 20 days.
    const { app, profile } = await run.open(time, { sandbox: { timing: { processingMs: 1000, reportNotFoundMs: 0, dispatchMs: 1000, downloadMs: 20 * DAY } } });
    const s = app.composed.services;
    await app.composed.internals.idle();
    const ids = await queue(app, profile, [await buildPcnDossier({ legalEntity: demoLe })]);
    unwrap(await s.submitBatch({ target: target(profile), outboxIds: ids, timing: 'now' }, ctx));
    await app.composed.internals.idle();

    const notDownloaded = async () => {
      unwrap(await s.syncNow({ profileId: profile.id }, ctx));
      await app.composed.internals.idle();
      const o = unwrap(await s.getOverview({}, ctx));
      const card = o.entities.find((e) => e.profileId === profile.id);
      return { card: card?.attention.notDownloaded, rows: o.attention.filter((a) => a.kind === 'not-downloaded') };
    };

    await time.advance(5 * DAY);
    expect(await notDownloaded()).toEqual({ card: 0, rows: [] });

    await time.advance(11 * DAY); // 16 days after passing: past the default 14
    const flagged = await notDownloaded();
    expect(flagged.card).toBe(1);
    expect(flagged.rows).toHaveLength(1);
    expect(flagged.rows[0]!.detail).toMatch(/1[56] days after it passed \(more than 14 days\)/);

    unwrap(await s.updateSettings({ patch: { notDownloadedAfterDays: 30 } }, ctx));
    expect(await notDownloaded()).toEqual({ card: 0, rows: [] });

    unwrap(await s.updateSettings({ patch: { notDownloadedAfterDays: 10 } }, ctx));
    expect((await notDownloaded()).rows[0]!.detail).toMatch(/more than 10 days/);

    const refused = await s.updateSettings({ patch: { notDownloadedAfterDays: 0 } }, ctx);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });
});
