import { z } from 'zod';

export const deidentifySchema = z
  .strictObject({
    /** File holding the pseudonym key (mode 0600). The ISTV_PSEUDONYM_KEY environment variable wins over it. */
    pseudonymKeyFile: z.string().optional(),
    /** Days raw extracts stay in archive/ before they are purged. */
    archiveRetentionDays: z.number().int().min(0).default(30),
  })
  .prefault({});
export type DeidentifyConfig = z.infer<typeof deidentifySchema>;
