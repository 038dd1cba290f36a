/**
 * Ingests one claimed file whatever its bytes are: a ZIP archive is opened and
 * each of its members ingested as its own extract; anything else goes to
 * ingestClaimedFile with what its bytes were found to be.
 *
 * An archive's members are all inflated first (into a folder beside the claim
 * in processing/), so a damaged or lying member refuses the whole archive
 * before any of it is stored. Each member then ends like any file, ingested,
 * duplicate, superseded or quarantined, under the name "archive.zip!member.csv",
 * which is its provenance in the store and the reports. The archive itself is
 * archived last: a crash part way leaves it in processing/, and the next run
 * opens it again, finding the members already stored by their checksums.
 */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { archiveFile } from '../intake/archive.ts';
import { membersFolderOf, returnToInbox, unchangedSinceClaim, type ClaimedFile } from '../intake/claim.ts';
import { sniffFile, type SniffResult } from '../intake/sniff.ts';
import { extractMember, openZip, type ZipMember } from '../intake/zip.ts';
import type { PipelineContext } from './context.ts';
import { ingestClaimedFile, type ChangedFile, type FileResult, type IngestFileOptions, type IngestStages } from './ingest-file.ts';

/** Longest name given to a member's claim; file systems allow 255 bytes, and archive/ adds a counter. */
const MAX_MEMBER_NAME = 200;

/** Members that operating systems add to archives and nobody sent on purpose. */
function isSystemMember(member: ZipMember): boolean {
  const base = path.posix.basename(member.name);
  return member.isFolder || member.name.startsWith('__MACOSX/') || base.startsWith('.') || /^(thumbs\.db|desktop\.ini)$/i.test(base);
}

/** "archive.zip!folder!member.csv": one path component, naming both; shortened from the middle when long. */
export function memberClaimName(archiveName: string, memberName: string): string {
  const inner = memberName.split('/').filter((part) => part !== '').join('!');
  const full = `${archiveName}!${inner}`;
  if (Buffer.byteLength(full) <= MAX_MEMBER_NAME) return full;
  const base = path.posix.basename(memberName).slice(-120);
  return `${archiveName.slice(0, MAX_MEMBER_NAME - base.length - 4)}…!${base}`;
}

/** Called with each file's end as soon as it is reached: an archive's members one by one, so that those ended before a time limit are not lost from the summary. */
export type OnFileResult = (result: FileResult | ChangedFile) => void;

function stopIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new Error('the archive ran out of time');
}

async function ingestArchive(context: PipelineContext, claimed: ClaimedFile, stages: IngestStages, options: IngestFileOptions, onResult: OnFileResult): Promise<void> {
  const { signal } = options;
  const refuse = async (reason: string) => onResult(await ingestClaimedFile(context, claimed, stages, { ...options, sniffed: { kind: 'refused', reason } }));
  const opened = await openZip(claimed.path);
  if (!opened.ok) return refuse(`it is a ZIP archive, and ${opened.reason}`);
  const folder = membersFolderOf(claimed);
  const members = opened.zip.members.filter((member) => !isSystemMember(member));
  const claims: ClaimedFile[] = [];
  try {
    if (members.length === 0) return await refuse('it is a ZIP archive with no files in it.');
    // What a crashed run left is inflated again: the archive is the source of truth.
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { mode: 0o700 });
    for (const [index, member] of members.entries()) {
      stopIfAborted(signal);
      const target = path.join(folder, String(index).padStart(4, '0'));
      try {
        await extractMember(opened.zip, member.name, target, signal);
      } catch (error) {
        stopIfAborted(signal);
        rmSync(folder, { recursive: true, force: true });
        const why = error instanceof Error ? error.message : String(error);
        return await refuse(`it is a ZIP archive, and its member "${member.name}" cannot be inflated (${why}); the archive may be damaged. Nothing in it was stored.`);
      }
      const inflated = statSync(target);
      // A member is claimed with its archive: the archive's run, attempts and owner.
      claims.push({ ...claimed, originalName: memberClaimName(claimed.originalName, member.name), path: target, sizeBytes: inflated.size, mtimeMs: inflated.mtimeMs });
    }
  } finally {
    opened.zip.close();
  }

  // The members must come from the archive as claimed: one still being written is put back, like any file that changed.
  if (!unchangedSinceClaim(claimed)) {
    rmSync(folder, { recursive: true, force: true });
    const returnedToInbox = returnToInbox(context.dataDir, claimed);
    context.logger.warn({ file: claimed.originalName, returnedToInbox }, 'the archive changed while it was read: not stored; it is claimed again once it stops changing');
    return onResult({ file: claimed.originalName, outcome: 'changed', returnedToInbox });
  }
  for (const member of claims) {
    stopIfAborted(signal);
    const sniffed: SniffResult = await sniffFile(member.path);
    onResult(await ingestClaimedFile(context, member, stages, { ...options, sniffed }));
  }
  stopIfAborted(signal);
  // Every member was moved to archive/ or quarantine/; the folder is empty unless something odd was left. It goes with the archive's claim.
  if (readdirSync(folder).length > 0) context.logger.warn({ file: claimed.originalName }, 'members of an archive were left in processing/ after ingest: removed with the archive\'s claim');
  archiveFile(context.dataDir, claimed, context.now());
  context.logger.info({ file: claimed.originalName, members: claims.length }, 'archive ingested, each member as its own extract');
}

/** Ingests a claimed file of any kind, calling `onResult` as each file ends; an archive gives one result per member. */
export async function ingestClaimed(context: PipelineContext, claimed: ClaimedFile, stages: IngestStages, options: IngestFileOptions, onResult: OnFileResult): Promise<void> {
  const sniffed = await sniffFile(claimed.path);
  if (sniffed.kind === 'zip') return ingestArchive(context, claimed, stages, options, onResult);
  onResult(await ingestClaimedFile(context, claimed, stages, { ...options, sniffed }));
}
