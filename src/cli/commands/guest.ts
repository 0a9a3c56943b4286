import { clientFor, type Command } from '../command-context';

/** `tmdb-auth guest`: creates a guest session. */
export const guestCommand: Command = async (context) => {
  const guest = await clientFor(context).createGuestSession({ signal: context.signal });
  if (!context.out.json) context.out.info(`Expires at ${guest.expiresAt.toISOString()}.`);
  context.out.result(guest.guestSessionId, {
    guest_session_id: guest.guestSessionId,
    expires_at: guest.expiresAt.toISOString(),
  });
};
