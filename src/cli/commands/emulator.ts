import { EMULATOR_ACCESS_TOKEN, EMULATOR_API_KEY, EMULATOR_USER, startTmdbEmulator } from '../../testing';
import { portInUseError } from '../cli-errors';
import { STOPPED_BY_SIGNAL, type Command } from '../command-context';
import { readEnvCredentials } from '../credentials';

/** The port `tmdb-auth emulator` listens on unless told otherwise: TMDB on a phone keypad. */
export const DEFAULT_EMULATOR_PORT = 8632;

/**
 * `tmdb-auth emulator [--port N]`: runs the TMDb auth emulator until Ctrl-C (or SIGTERM), then says it stopped
 * and exits 130 (143), as a stopped program does. It accepts the demo
 * credentials, which its banner prints (they are not secrets), and whatever is in TMDB_API_KEY /
 * TMDB_ACCESS_TOKEN, so the same shell can point the CLI or an app at it unchanged. Prints the API root on
 * stdout; logs each request (method, path, status) on stderr.
 */
export const emulatorCommand: Command = async (context) => {
  const { out, args, signal } = context;
  const own = readEnvCredentials(context.env);
  let emulator;
  try {
    emulator = await startTmdbEmulator({
      port: args.port ?? DEFAULT_EMULATOR_PORT,
      apiKeys: [EMULATOR_API_KEY, ...(own?.apiKey ? [own.apiKey] : [])],
      accessTokens: [EMULATOR_ACCESS_TOKEN, ...(own?.accessToken ? [own.accessToken] : [])],
      onRequest: (r) => out.info(`${r.method} ${r.path} -> ${r.status ?? 'connection reset'}`),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw portInUseError(args.port ?? DEFAULT_EMULATOR_PORT, 'the emulator');
    }
    throw error;
  }
  out.result(emulator.baseUrl, {
    base_url: emulator.baseUrl,
    approval_base_url: emulator.approvalBaseUrl,
    port: emulator.port,
  });
  out.info(
    [
      `TMDb auth emulator on ${emulator.approvalBaseUrl}`,
      `  API root (--base-url): ${emulator.baseUrl} (v4: ${emulator.v4BaseUrl})`,
      `  approval pages:        ${emulator.approvalBaseUrl}/authenticate/<request token>, v4: /auth/access`,
      `  demo API key:          ${EMULATOR_API_KEY}  (TMDB_API_KEY; not a real key)`,
      `  demo access token:     ${EMULATOR_ACCESS_TOKEN}  (TMDB_ACCESS_TOKEN)`,
      ...(own ? ['  also accepted:         the credentials in this shell'] : []),
      `  demo user:             ${EMULATOR_USER.username}, password ${EMULATOR_USER.password}  (login --username ${EMULATOR_USER.username})`,
      '  approving:             opening an approval page approves as the demo user; add ?user=<name> to',
      '                         approve as another user, or ?deny=true to deny',
      'Stop with Ctrl-C.',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await emulator.close();
  // Ctrl-C is how it is meant to end: a plain line, not an error and its fix.
  out.info('Emulator stopped.');
  return STOPPED_BY_SIGNAL;
};
