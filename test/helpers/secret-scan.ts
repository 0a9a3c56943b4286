import { inspect } from 'node:util';

/**
 * Every rendering of `error` a log could hold (message, stack, JSON, util.inspect with hidden fields and the
 * whole cause chain), paired with the name of each secret found in it. Empty when none leaks.
 */
export function leakedSecrets(error: unknown, secrets: Readonly<Record<string, string>>): string[] {
  const views: Record<string, string> = {
    message: error instanceof Error ? error.message : String(error),
    stack: error instanceof Error ? (error.stack ?? '') : '',
    'JSON.stringify': JSON.stringify(error) ?? '',
    'util.inspect': inspect(error, { depth: Infinity, showHidden: true }),
    String: String(error),
  };
  const leaks: string[] = [];
  for (const [secretName, secret] of Object.entries(secrets)) {
    for (const [viewName, text] of Object.entries(views)) {
      if (text.includes(secret)) leaks.push(`${secretName} in ${viewName}`);
    }
  }
  return leaks;
}
