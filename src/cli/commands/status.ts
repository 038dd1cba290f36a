import type { Command } from 'commander';
import { readdirSync } from 'node:fs';
import { formatScheduleStatus, scheduleStatus } from '../../schedule/status.ts';
import { lastRuns, recentIntakeEvents, siteMonthStatus } from '../../store/status-queries.ts';
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
        const waiting = readdirSync(context.dataDir.inbox).filter((name) => !name.startsWith('.'));
        const schedule = scheduleStatus(context);
        const status = { dataDir: context.dataDir.root, sites: context.config.sites.map((s) => s.code), months, inbox: waiting, intakeEvents: events, runs, schedule };
        printResult(options, status, () => {
          const lines = [`Data dir: ${context.dataDir.root}`, '', 'site   month    ver  read  accepted rejected geocoded  file'];
          for (const m of months) {
            const geocoded = m.geocodedShare === null ? '–' : `${(100 * m.geocodedShare).toFixed(0)}%`;
            const history = m.supersededVersions.length > 0 ? `  (replaces v${m.supersededVersions.map((v) => v.version).join(', v')})` : '';
            lines.push(`${m.siteCode.padEnd(6)} ${m.period}  v${String(m.version).padEnd(3)} ${String(m.rowsRead).padStart(5)} ${String(m.rowsAccepted).padStart(9)} ${String(m.rowsRejected).padStart(8)} ${geocoded.padStart(8)}  ${m.file}${history}`);
          }
          if (months.length === 0) lines.push('(no extract ingested yet)');
          lines.push('', `Inbox: ${waiting.length} file(s) waiting`);
          const refused = events.filter((e) => e.outcome === 'quarantined');
          if (refused.length > 0) {
            lines.push('', 'Quarantined files:');
            for (const e of refused) lines.push(`  ${e.file}: ${e.reason ?? ''}`);
          }
          if (runs.length > 0) {
            lines.push('', 'Last runs:');
            for (const r of runs) lines.push(`  ${r.kind.padEnd(10)} ${r.status.padEnd(10)} started ${r.startedAt}${r.finishedAt ? `, finished ${r.finishedAt}` : ''}`);
          }
          lines.push('', ...formatScheduleStatus(schedule));
          return lines.join('\n');
        });
        return EXIT.ok;
      }),
    ),
  );
}
