/**
 * The istv config file: one JSON document, validated at start-up. Each stage
 * owns the schema of its own section (in the file beside this one named after it).
 */
import { z } from 'zod';
import { siteSchema } from './sites.ts';
import { deidentifySchema } from './deidentify.ts';
import { disclosureConfigSchema } from './disclosure.ts';
import { scheduleConfigSchema } from './schedule.ts';
import { reportSchema } from './report.ts';
import { policeConfigSchema } from './police.ts';
import { columnMappingTarget } from '../../schemas/columns.ts';

export const configSchema = z
  .strictObject({
    $schema: z.string().optional(),
    /** Where everything istv writes lives. Relative paths are resolved against the config file's folder. */
    dataDir: z.string().default('./istv-data'),
    /** The gazetteer file built by `istv gazetteer build`. */
    gazetteer: z.string().optional(),
    /** Name of the area, shown on reports. */
    areaName: z.string().default('Community Safety Partnership area'),
    sites: z.array(siteSchema).min(1, 'at least one site'),
    deidentify: deidentifySchema,
    disclosure: disclosureConfigSchema,
    schedule: scheduleConfigSchema,
    report: reportSchema,
    police: policeConfigSchema,
  })
  .superRefine((config, context) => {
    const seen = new Set<string>();
    config.sites.forEach((site, index) => {
      for (const [source, target] of Object.entries(site.columnMapping)) {
        if (columnMappingTarget(target) === null) {
          context.addIssue({
            code: 'custom',
            path: ['sites', index, 'columnMapping', source],
            message: `unknown target "${target}": expected a canonical column (site_code, assault_datetime, location_description, ...), an identifier field (nhs_number, patient_name, date_of_birth, ...) or "drop"`,
          });
        }
      }
      if (seen.has(site.code)) {
        context.addIssue({ code: 'custom', path: ['sites', index, 'code'], message: `duplicate site code ${site.code}` });
      }
      seen.add(site.code);
    });
  });

export type IstvConfig = z.infer<typeof configSchema>;
