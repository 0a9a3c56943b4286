export { startTmdbEmulator } from './emulator';
export type { SpecViolation, TmdbEmulator } from './emulator';
export type { EmulatorNote, EmulatorRequestRecord } from './emulator-request-record';
export { EMULATOR_ACCESS_TOKEN, EMULATOR_API_KEY, EMULATOR_USER } from './emulator-options';
export type { TmdbEmulatorOptions, TmdbEmulatorUser, UnapprovedTokenCode } from './emulator-options';
export type { FaultScope, TmdbEmulatorFault } from './faults';
export type { TmdbEmulatorRateLimit } from './limits';
export { formatTmdbDate } from './tmdb-date-format';
