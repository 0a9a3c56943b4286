const REDACTED = '[REDACTED]';

// Credentials can reach a message by other routes than the values we know (a proxy echoing a URL, a server
// message quoting a query string), so the shapes are masked as well as the values.
const SECRET_SHAPES: readonly RegExp[] = [
  /(\b(?:api_key|password|request_token|session_id|guest_session_id|access_token)=)[^&#\s"']*/gi,
  /("(?:api_key|password|request_token|session_id|guest_session_id|access_token)"\s*:\s*")[^"]*/gi,
  /(Bearer\s+)[A-Za-z0-9._~+/-]+=*/gi,
  // TMDb's API keys, request tokens and (guest) session ids are 32 or 40 hex digits; access tokens are JWTs.
  // No message TMDb writes needs either shape, so they are masked even when this client never saw the value.
  /()\b[0-9a-f]{32,}\b/gi,
  /()\beyJ[\w-]*\.[\w-]+\.[\w-]+/g,
];

// Too short a "secret" would mask ordinary words; TMDb's keys, tokens and ids are all far longer.
const MIN_SECRET_LENGTH = 6;

/** Masks known secret values, and anything shaped like a credential, in text bound for an error or a log. */
export class Redactor {
  private readonly secrets: readonly string[];

  constructor(secrets: Iterable<string | undefined> = []) {
    this.secrets = [
      ...new Set([...secrets].filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH)),
    ]
      // Longest first, so a secret that contains another is masked whole.
      .sort((a, b) => b.length - a.length);
  }

  /** A redactor that also masks these values. */
  with(...more: (string | undefined)[]): Redactor {
    return new Redactor([...this.secrets, ...more]);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join(REDACTED);
    for (const shape of SECRET_SHAPES) out = out.replace(shape, `$1${REDACTED}`);
    return out;
  }
}
