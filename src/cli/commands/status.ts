import type { Command } from 'commander';
import path from 'node:path';
import { listClaims, scanInbox } from '../../intake/claim.ts';
import { lockHolder } from '../../store/locks.ts';
import { formatScheduleStatus, scheduleStatus } from '../../schedule/status.ts';
import { lastRuns, recentIntakeEvents, siteMonthStatus } from '../../store/status-queries.ts';
import { policeImports } from '../../store/police-crimes.ts';
import { latestPublishedAlerts } from '../../report/sections/alerts.ts';
import { action, printResult, withCommonOptions, withContext, type CommonOptions } from '../base.ts';
import { EXIT } from '../exit-codes.ts';

export function register(program: Command): void {
  withCommonOptions(
    program.command('status').description('What the store holds: for each site and month the current extract and its counts, resubmissions, refused files, and the last runs.'),
  ).action(
    action<CommonOptions>(async (options) =>
      withContext(options, async (context) => {
        const months = siteMonthStatus(context.store);
        const events = recentIntakeEvents(context.store);
        const runs = lastRuns(context.store);
        const inbox = scanInbox(context.dataDir, { settleMs: context.config.intake.settleSeconds * 1000, now: new Date() });
        const waiting = [...inbox.ready.map((file) => path.basename(file)), ...inbox.settling];
        const claims = listClaims(context.dataDir).map((claim) => ({
          file: claim.originalName, claimedBy: `pid ${claim.owner.pid} on ${claim.owner.host} (${claim.owner.command})`, since: claim.owner.startedAt, attempts: claim.attempts,
          stuck: claim.ownerGone !== null, why: claim.ownerGone,
        }));
        const dataDirLock = lockHolder(context.store, 'data-dir');
        const schedule = scheduleStatus(context);
        const police = policeImports(context.store, { currentOnly: true });
        const policeSummary = { months: [...new Set(police.map((entry) => entry.month))].sort(), forces: [...new Set(police.map((entry) => entry.force))].sort(), crimes: police.reduce((total, entry) => total + entry.rowsKept, 0) };
        const alerts = latestPublishedAlerts(context.dataDir.reports);
        const status = {
          dataDir: context.dataDir.root, sites: context.config.sites.map((s) => s.code), months, inbox: waiting, settling: inbox.settling, notRegular: inbox.notRegular,
          processing: claims, dataDirLock, intakeEvents: events, runs, schedule, police: policeSummary, alerts,
        };
        printResult(options, status, () => {
          const lines = [`Data dir: ${context.dataDir.root}`, '', 'site   month    ver  read  accepted rejected geocoded  file'];
          for (const m of months) {
            const geocoded = m.geocodedShare === null ? '–' : `${(100 * m.geocodedShare).toFixed(0)}%`;
            const history = m.supersededVersions.length > 0 ? `  (replaces v${m.supersededVersions.map((v) => v.version).join(', v')})` : '';
            lines.push(`${m.siteCode.padEnd(6)} ${m.period}  v${String(m.version).padEnd(3)} ${String(m.rowsRead).padStart(5)} ${String(m.rowsAccepted).padStart(9)} ${String(m.rowsRejected).padStart(8)} ${geocoded.padStart(8)}  ${m.file}${history}`);
          }
          if (months.length === 0) lines.push('(no extract ingested yet)');
          lines.push('', `Inbox: ${waiting.length} file(s) waiting${inbox.settling.length > 0 ? `, ${inbox.settling.length} of them still being written` : ''}`);
          if (inbox.notRegular.length > 0) lines.push(`  not regular files, never read (remove them): ${inbox.notRegular.join(', ')}`);
          if (claims.length > 0) {
            lines.push('', 'In processing/:');
            for (const claim of claims) {
              lines.push(`  ${claim.file}: claimed by ${claim.claimedBy} at ${claim.since}, ${claim.attempts} attempt(s)${claim.stuck ? ` — stuck (${claim.why}); the next ingest finishes it or sets it aside` : ''}`);
            }
          }
          if (dataDirLock) lines.push('', `Data dir held by pid ${dataDirLock.pid} on ${dataDirLock.host} (${dataDirLock.command}) since ${dataDirLock.startedAt}`);
          const refused = events.filter((e) => e.outcome === 'quarantined');
          if (refused.length > 0) {
            lines.push('', 'Quarantined files:');
            for (const e of refused) lines.push(`  ${e.file}: ${e.reason ?? ''}`);
          }
          if (runs.length > 0) {
            lines.push('', 'Last runs:');
            for (const r of runs) lines.push(`  ${r.kind.padEnd(10)} ${r.status.padEnd(10)} started ${r.startedAt}${r.finishedAt ? `, finished ${r.finishedAt}` : ''}`);
          }
          lines.push('', policeSummary.months.length === 0 ? 'Police data: none imported (istv police import)' : `Police data: ${policeSummary.crimes} crimes, ${policeSummary.months[0]} to ${policeSummary.months.at(-1)} (${policeSummary.forces.join(', ')})`);
          if (alerts === null) lines.push('', 'Alerts: no month published yet');
          else if (alerts.alerts.length === 0) lines.push('', `Alerts ${alerts.month}: none`);
          else {
            lines.push('', `Alerts ${alerts.month}: ${alerts.alerts.length}`);
            for (const alert of alerts.alerts) lines.push(`  ${alert.scope.padEnd(9)} ${alert.name}: ${alert.observed} against ${alert.expected.toFixed(1)} expected (threshold ${alert.threshold.toFixed(1)})`);
          }
          lines.push('', ...formatScheduleStatus(schedule));
          return lines.join('\n');
        });
        return EXIT.ok;
      }),
    ),
  );
}
